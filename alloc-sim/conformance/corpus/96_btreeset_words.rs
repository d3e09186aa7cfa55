// Sorted words: a BTreeSet<String> and a BTreeMap word count through the
// entry API, looked up by &str.
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    let text = "the quick brown fox jumps over the lazy dog and the quick cat naps";
    let mut words = BTreeSet::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for w in text.split_whitespace() {
        words.insert(w.to_string());
        *counts.entry(w.to_string()).or_insert(0) += 1;
    }
    println!("{} distinct: {:?}", words.len(), words);
    println!("has fox: {}, has wolf: {}", words.contains("fox"), words.contains("wolf"));
    words.remove("the");
    println!("first {:?}, last {:?}", words.first(), words.last());
    for (w, n) in &counts {
        if *n > 1 {
            println!("{} x{}", w, n);
        }
    }
    println!("{:?}", counts.get("quick"));
}
