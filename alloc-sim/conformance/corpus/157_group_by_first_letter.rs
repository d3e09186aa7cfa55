// Functions named as values: or_insert_with(Vec::new) and map(String::from)
// build a word index, as a first-hour program writes it.
use std::collections::BTreeMap;
fn main() {
    let text = "apple bob avocado cat banana cherry";
    let mut index: BTreeMap<char, Vec<String>> = BTreeMap::new();
    for w in text.split(' ') {
        let first = w.chars().next().unwrap();
        index.entry(first).or_insert_with(Vec::new).push(String::from(w));
    }
    let words: Vec<String> = text.split(' ').map(String::from).collect();
    let mut seen: BTreeMap<usize, String> = BTreeMap::new();
    for w in &words {
        seen.entry(w.len()).or_insert_with(String::new).push_str(w);
    }
    println!("{:?}", index);
    println!("{} {:?}", words.len(), seen);
}
