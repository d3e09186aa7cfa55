// A B-tree taken apart by value from the back, and two B-trees merged by
// append. Walking from the back frees each node as the walk leaves it by
// its first edge; a walk given up half way drops the rest from the front.
// `append` takes both maps apart as it builds a new tree from the two
// walks merged in key order: nodes are freed and made in between, and of
// two equal keys the other map's element stays.
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    let mut scores: BTreeMap<u32, String> = BTreeMap::new();
    for i in 0..40 {
        scores.insert(i * 3 % 40, format!("p{i}"));
    }
    for (k, v) in scores.into_iter().rev() {
        if k % 8 == 0 {
            println!("{k} {v}");
        }
    }

    let set: BTreeSet<u64> = (0..30).collect();
    let down: Vec<u64> = set.into_iter().rev().collect();
    println!("{:?} cap {}", &down[..5], down.capacity());

    let words: BTreeMap<u16, String> = (0..25).map(|i| (i, "w".repeat(i as usize % 4 + 1))).collect();
    let mut back = words.into_iter().rev();
    println!("{:?} {:?}", back.next(), back.next());
    println!("{:?}", back.next_back());
    drop(back);

    // Both non-empty, with keys in common.
    let mut left: BTreeMap<u32, String> = (0..20).map(|i| (i * 2, format!("L{i}"))).collect();
    let mut right: BTreeMap<u32, String> = (0..15).map(|i| (i * 3, format!("R{i}"))).collect();
    left.append(&mut right);
    println!("{} {} {:?} {:?}", left.len(), right.len(), left.get(&6), left.get(&8));
    println!("{:?}", left.iter().take(5).collect::<Vec<_>>());

    // Into an empty map: the two swap; from an empty one: nothing.
    let mut empty: BTreeMap<u32, String> = BTreeMap::new();
    empty.append(&mut left);
    let mut none = BTreeMap::new();
    empty.append(&mut none);
    println!("{} {} {}", empty.len(), left.len(), none.len());

    let mut a: BTreeSet<u8> = [5, 1, 9, 3].into_iter().collect();
    let mut b: BTreeSet<u8> = (0..14).collect();
    a.append(&mut b);
    println!("{:?} {}", a, b.is_empty());
    a.insert(200);
    println!("{:?}", a.iter().next_back());
}
