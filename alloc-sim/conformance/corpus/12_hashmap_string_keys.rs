// A HashMap with owned String keys, printed after sorting its entries.
// conformance: dealloc order varies (the keys are freed in the map's order,
// which follows RandomState's seed).
use std::collections::HashMap;

fn main() {
    let mut ages: HashMap<String, u32> = HashMap::new();
    ages.insert(String::from("alice"), 31);
    ages.insert(String::from("bob"), 27);
    ages.insert(String::from("carol"), 45);
    ages.insert(String::from("bob"), 28);
    let mut entries: Vec<(&String, &u32)> = ages.iter().collect();
    entries.sort();
    for (name, age) in &entries {
        println!("{} is {}", name, age);
    }
    println!("{} people", ages.len());
}
