// Grouping words: anagrams keyed by their sorted letters in a
// `HashMap<String, Vec<String>>`, groups moved into a `Vec` and sorted
// with `sort_by` on length then first word; a `BTreeMap` of word
// lengths; and `dedup` after `sort`.
use std::collections::{BTreeMap, HashMap};

fn key(w: &str) -> String {
    let mut cs: Vec<char> = w.chars().collect();
    cs.sort();
    cs.into_iter().collect()
}

fn main() {
    let words = ["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"];
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    for w in words.iter() {
        groups.entry(key(w)).or_default().push(w.to_string());
    }
    let mut list: Vec<Vec<String>> = groups.into_iter().map(|(_, g)| g).collect();
    for g in list.iter_mut() {
        g.sort();
    }
    list.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    for g in &list {
        println!("{} {:?}", g.len(), g);
    }
    let mut by_len: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for w in words {
        by_len.entry(w.len()).or_insert_with(Vec::new).push(w);
    }
    println!("{:?}", by_len);
    let mut letters: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
    letters.sort();
    letters.dedup();
    let s: String = letters.iter().collect();
    println!("{} distinct: {}", letters.len(), s);
}
