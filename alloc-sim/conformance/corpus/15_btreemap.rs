// A BTreeMap keeps its keys sorted: iteration is in key order.
use std::collections::BTreeMap;

fn main() {
    let mut scores: BTreeMap<u32, &str> = BTreeMap::new();
    scores.insert(72, "carol");
    scores.insert(95, "alice");
    scores.insert(88, "bob");
    scores.insert(60, "dave");
    for (score, name) in &scores {
        println!("{}: {}", score, name);
    }
    scores.remove(&60);
    println!("lowest now {:?}", scores.iter().next());
    println!("{} entries", scores.len());
}
