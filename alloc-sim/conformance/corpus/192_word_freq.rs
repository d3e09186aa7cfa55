// Word frequencies: a text lowercased, split on whitespace, stripped of
// punctuation with `trim_matches`, counted in a `HashMap<String, usize>`
// with `entry().or_insert`, then moved into a `Vec` and sorted by count
// (descending) and word, the top three printed.
use std::collections::HashMap;

fn main() {
    let text = "The cat sat on the mat. The dog sat on the log! A cat, a dog.";
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in text.split_whitespace() {
        let w = word.trim_matches(['.', ',', '!']).to_lowercase();
        if w.is_empty() {
            continue;
        }
        *counts.entry(w).or_insert(0) += 1;
    }
    let mut pairs: Vec<(String, usize)> = counts.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (word, n) in pairs.iter().take(3) {
        println!("{:>5} {}", word, n);
    }
    let once: Vec<&str> = pairs.iter().filter(|p| p.1 == 1).map(|p| p.0.as_str()).collect();
    println!("once: {}", once.join(" "));
    let longest = pairs.iter().max_by_key(|p| p.0.len()).unwrap();
    println!("longest {:?}", longest);
}
