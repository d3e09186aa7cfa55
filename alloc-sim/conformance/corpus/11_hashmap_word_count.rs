// A HashMap word count with &str keys borrowed from the text: the table is
// the only allocation. Lookups are printed, not the map's (random) order.
use std::collections::HashMap;

fn main() {
    let text = "the cat sat on the mat the end";
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for word in text.split(' ') {
        *counts.entry(word).or_insert(0) += 1;
    }
    println!("distinct words: {}", counts.len());
    println!("the: {}", counts["the"]);
    println!("cat: {:?}", counts.get("cat"));
    println!("dog: {:?}", counts.get("dog"));
}
