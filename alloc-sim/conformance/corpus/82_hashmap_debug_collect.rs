// A map and a set printed whole with {:?} and {:#?} (in the table's own
// order), built by collect() from iterators, looked up with map[&key],
// and extended.
use std::collections::{HashMap, HashSet};

fn main() {
    let squares: HashMap<u32, u32> = (1..=6).map(|n| (n, n * n)).collect();
    println!("{:?}", squares);
    println!("{}", squares[&4]);
    let words = vec![String::from("b"), String::from("a"), String::from("b")];
    let unique: HashSet<String> = words.iter().cloned().collect();
    println!("{:?} {}", unique, unique.len());
    let mut ages: HashMap<String, u8> = HashMap::new();
    ages.insert(String::from("ann"), 31);
    ages.insert(String::from("bo"), 4);
    println!("{:#?}", ages);
    let mut more = squares.clone();
    more.extend((7..=12).map(|n| (n, n * n)));
    println!("{} {}", more.len(), more.capacity());
}
