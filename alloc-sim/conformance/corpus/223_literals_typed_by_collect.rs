// Unsuffixed literals typed by the collection they are collected into:
// rustc infers u64 for the 1, 2, 3 of `let v: Vec<u64> = vec![1, 2,
// 3].into_iter().collect();`, so the first buffer already holds u64s, and
// through a map that keeps the type (x * 2 + 1) the collect is in place.
// A chained vec![…] is made once.
use std::collections::{BTreeSet, HashSet, VecDeque};

fn main() {
    let a: Vec<u64> = vec![1, 2, 3].into_iter().collect();
    let b: BTreeSet<u16> = vec![5, 6, 7].into_iter().rev().collect();
    let c: HashSet<u8> = vec![5, 6, 7].into_iter().map(|x| x + 1).collect();
    let d: VecDeque<u16> = [1, 2].into_iter().collect();
    let e: Vec<u8> = vec![1, 2, 3, 4].into_iter().map(|x| x * 2 + 1).filter(|x| x % 3 != 0).collect();
    let f = [3, 4, 5].iter().map(|&x| x * x).collect::<Vec<i64>>();
    let g: Vec<u32> = vec![7, 8].into_iter().map(|x| if x > 7 { x - 7 } else { x + 1 }).collect();
    let h: Vec<(u8, u64)> = vec![(1, 10), (2, 20)].into_iter().collect();
    let k: Vec<u8> = vec![1, 2].into_iter().chain(vec![3u8]).collect();
    println!("{:?} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?}", a, b, c.len(), d, e, f, g, h, k);
    println!("{} {} {}", a.capacity(), e.capacity(), g.capacity());
}
