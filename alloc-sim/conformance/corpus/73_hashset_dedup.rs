// A HashSet removes duplicates; insert reports whether the value was new.
use std::collections::HashSet;

fn main() {
    let numbers = vec![3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    let unique: HashSet<i32> = numbers.iter().copied().collect();
    println!("{} numbers, {} unique", numbers.len(), unique.len());
    let mut seen: HashSet<i32> = HashSet::new();
    for n in &numbers {
        if !seen.insert(*n) {
            println!("{} is a repeat", n);
        }
    }
    for probe in [4, 7] {
        println!("contains {}: {}", probe, seen.contains(&probe));
    }
    println!("removed 9: {}", seen.remove(&9));
    let mut sorted: Vec<i32> = seen.into_iter().collect();
    sorted.sort();
    println!("sorted {:?}", sorted);
}
