// `entry(k).or_insert(v)` builds `v` whether or not the key is there: on a
// present key the entry (with its key) is dropped, then `v`. A learner's
// word index pays for a `String` it never keeps on every repeated word.
use std::collections::HashMap;

fn main() {
    let mut m: HashMap<&str, String> = HashMap::new();
    m.insert("a", String::from("x"));
    m.entry("a").or_insert(String::from("second"));
    m.entry("b").or_insert(String::from("third"));
    let mut owners: HashMap<String, Vec<u8>> = HashMap::new();
    for (k, v) in [("k", 1u8), ("k", 2), ("j", 3)] {
        owners.entry(k.to_string()).or_insert(vec![0u8; 2]).push(v);
    }
    let mut keys: Vec<_> = owners.keys().cloned().collect();
    keys.sort();
    println!("{:?} {:?} {}", m.get("a"), m.get("b"), keys.join(","));
    counts();
}

// `and_modify` runs after `entry` has dropped a present key, before
// `or_insert`'s value is built.
fn counts() {
    let mut m: HashMap<String, Vec<String>> = HashMap::new();
    for w in ["ab", "ab", "cd"] {
        m.entry(w.to_string())
            .and_modify(|v| v.push(String::from("again")))
            .or_insert(vec![String::from("first")]);
    }
    let mut k: Vec<_> = m.into_iter().collect();
    k.sort();
    println!("{:?}", k);
}
