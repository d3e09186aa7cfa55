// A word count with String keys, a HashSet, and a HashMap that grows,
// loses most of its keys (leaving tombstones) and fills again; its keys
// printed in the table's own order.
use std::collections::HashMap;

fn main() {
    let text = "the cat sat on the mat the end";
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word.to_string()).or_insert(0) += 1;
    }
    let mut words: Vec<(String, usize)> = Vec::new();
    for (w, n) in &counts {
        words.push((w.clone(), *n));
    }
    words.sort();
    for (w, n) in &words {
        println!("{w}: {n}");
    }
    println!("{} distinct, capacity {}", counts.len(), counts.capacity());
    let mut seen = std::collections::HashSet::new();
    for x in [3u32, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5] {
        seen.insert(x);
    }
    let mut m2: HashMap<u64, u64> = HashMap::new();
    for i in 0..40 { m2.insert(i * 3, i); }
    for i in 0..30 { m2.remove(&(i * 3)); }
    for i in 100..140 { m2.insert(i, i); }
    let mut ks: Vec<u64> = Vec::new();
    for k in m2.keys() { ks.push(*k); }
    println!("{:?}", ks);
    println!("{} {} {}", seen.len(), seen.contains(&9), m2.len());
}
