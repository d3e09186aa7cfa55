// A collection made only for one call: `collect::<Vec<_>>()` straight into
// `join`, `vec![…]` straight into `len` and `join`, and a map collected for
// its `len`. Each temporary is dropped at the end of its statement.
use std::collections::HashMap;

fn main() {
    let words = vec!["alpha", "be", "gamma"];
    let upper = words.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>().join(",");
    println!("{upper}");
    let n = vec![1u32, 2, 3, 4].len();
    let plus = vec![String::from("x"), String::from("y")].join("+");
    println!("{n} {plus}");
    let distinct = words.iter().map(|w| (w.len(), *w)).collect::<HashMap<_, _>>().len();
    println!("{distinct}");
    let last = words.iter().rev().cloned().collect::<Vec<&str>>().concat();
    println!("{last}");
}
