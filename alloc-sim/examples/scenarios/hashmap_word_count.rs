// A word count in a HashMap<String, usize>. The map's one block holds a
// table: the (key, count) pairs in buckets below, one control byte per
// bucket above (empty, or 7 bits of the key's hash). Each new word is a
// String of its own; a word already counted drops the copy `entry` took.
// When the table fills (3 of 4 buckets, 7 of 8, 14 of 16…) it moves to one
// twice the size, rehashing every key: alloc, then dealloc, never realloc.
use std::collections::HashMap;

fn main() {
    let text = "the quick brown fox jumps over the lazy dog the end";
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word.to_string()).or_insert(0) += 1;
    }
    println!("{} words, {} distinct", 11, counts.len());
    println!("the: {:?}", counts.get("the"));
    println!("fox: {:?}", counts.get("fox"));
    println!("cat: {:?}", counts.get("cat"));
    println!("room for {} before it grows again", counts.capacity());
}
