// A collect in the chain that feeds another: each has its own type. The
// inner one's turbofish says Vec; the outer one's `let` says BTreeSet,
// VecDeque or a sum's u64, and is not lost to the inner one.
use std::collections::{BTreeSet, VecDeque};

fn main() {
    let v = vec![3u64, 1, 2];
    let s: BTreeSet<u64> = v.iter().copied().collect::<Vec<_>>().into_iter().collect();
    let d: VecDeque<u64> = v.iter().map(|x| x * 10).collect::<Vec<u64>>().into_iter().rev().collect();
    let n: u64 = v.iter().copied().collect::<Vec<_>>().iter().sum();
    let w: Vec<String> = v.iter().map(|x| x.to_string()).collect::<Vec<_>>().into_iter().rev().collect();
    println!("{:?} {:?} {} {:?}", s, d, n, w);
}
