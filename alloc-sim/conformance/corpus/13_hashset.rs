// A HashSet of numbers: insert reports whether the value was new.
use std::collections::HashSet;

fn main() {
    let mut seen: HashSet<u32> = HashSet::new();
    let input = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    let mut repeats = 0;
    for x in input {
        if !seen.insert(x) {
            repeats += 1;
        }
    }
    println!("{} distinct, {} repeats", seen.len(), repeats);
    println!("has 9: {}, has 7: {}", seen.contains(&9), seen.contains(&7));
}
