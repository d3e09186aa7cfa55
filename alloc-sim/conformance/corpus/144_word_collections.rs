// Words through std's collections: a BTreeMap count, a HashSet of slices,
// a VecDeque rotated and drained as a queue, sort_by_key, and Strings made
// by map and collected (each upper-cased word its own block).
use std::collections::{BTreeMap, VecDeque, HashSet};
fn main() {
    let text = "the quick brown fox jumps over the lazy dog the end";
    let mut freq = BTreeMap::new();
    for w in text.split_whitespace() { *freq.entry(w).or_insert(0) += 1; }
    for (w, c) in &freq { if *c > 1 { println!("{w} {c}"); } }
    let uniq: HashSet<&str> = text.split(' ').collect();
    println!("{} unique", uniq.len());
    let mut q: VecDeque<u32> = (1..=5).collect();
    q.rotate_left(2);
    while let Some(x) = q.pop_front() { if x % 2 == 0 { q.push_back(x + 1); } print!("{x} "); }
    println!();
    let mut v: Vec<i32> = vec![5, -3, 8, 0, -1];
    v.sort_by_key(|x| x.abs());
    println!("{:?}", v);
    let words: Vec<String> = text.split(' ').filter(|w| w.len() > 3).map(|w| w.to_uppercase()).collect();
    println!("{:?}", words);
    let s: String = words.iter().map(|w| &w[..1]).collect();
    println!("{s}");
}
