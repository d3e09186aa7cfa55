// A map's into_keys() and into_values(): each pair's other half is
// dropped as the pair is taken, and what is left is dropped with the
// iterator (HashMap and BTreeMap alike).
use std::collections::{BTreeMap, HashMap};

fn main() {
    let mut ages: HashMap<String, String> = HashMap::new();
    for (name, age) in [("ada", "36"), ("alan", "41"), ("grace", "85")] {
        ages.insert(name.to_string(), age.to_string());
    }
    let mut vals: Vec<String> = ages.into_values().collect();
    vals.sort();
    println!("{:?}", vals);

    let mut tree: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, w) in ["pear", "fig", "apple", "kiwi", "plum"].iter().enumerate() {
        tree.insert(w.to_string(), vec![i as u32; i + 1]);
    }
    let keys: Vec<String> = tree.clone().into_keys().collect();
    println!("{:?}", keys);
    let mut total = 0;
    for v in tree.clone().into_values() {
        total += v.len();
    }
    println!("{total}");
    let mut firsts = tree.into_values();
    let first = firsts.next();
    println!("{:?}", first);
    drop(firsts);

    let mut lens: HashMap<u32, String> = HashMap::new();
    lens.insert(1, "x".repeat(3));
    lens.insert(2, "y".repeat(5));
    let n: usize = lens.into_keys().map(|k| k as usize).sum();
    println!("{n}");
}
