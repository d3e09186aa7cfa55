// Word count with owned String keys; printed sorted so the order is fixed.
// conformance: dealloc order varies (the keys are freed in the map's order,
// which follows RandomState's seed).
use std::collections::HashMap;

fn main() {
    let text = "it was the best of times it was the worst of times \
                it was the age of wisdom it was the age of foolishness \
                and so on and so on";
    let mut counts: HashMap<String, usize> = HashMap::new();
    for w in text.split_whitespace() {
        *counts.entry(w.to_string()).or_insert(0) += 1;
    }
    println!("{} distinct words", counts.len());
    let mut pairs: Vec<(&String, &usize)> = counts.iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (word, n) in &pairs {
        println!("{:>12} {}", word, n);
    }
    println!("'times' -> {:?}", counts.get("times"));
    println!("'never' -> {:?}", counts.get("never"));
}
