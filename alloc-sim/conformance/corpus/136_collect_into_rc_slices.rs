// `collect()` into `Rc<[T]>` and `Arc<[T]>`. An iterator whose length std
// knows (a range, a slice's `iter()`, a Vec's `into_iter()`, and `map`,
// `cloned`, `rev` over them) gets the shared block for exactly that many
// first, and each item is made into it; a `filter` is collected into a
// `Vec` first, which is then emptied into the block and freed.
use std::rc::Rc;
use std::sync::Arc;

fn main() {
    let squares: Rc<[u32]> = (1..=4).map(|i| i * i).collect();
    let again = Rc::clone(&squares);
    println!("{squares:?} {} {}", squares.len(), Rc::strong_count(&again));
    let words = vec!["ant".to_string(), "bee".to_string(), "cat".to_string()];
    // Each String is cloned after the block is made.
    let copies: Rc<[String]> = words.iter().cloned().collect();
    let shouted: Rc<[String]> = words.iter().rev().map(|w| w.to_uppercase()).collect();
    println!("{copies:?} {shouted:?}");
    // Not TrustedLen: a Vec grows first, then moves into the block.
    let odd: Rc<[u64]> = (1..20u64).filter(|n| n % 2 == 1).collect();
    println!("{odd:?}");
    let shared: Arc<[String]> = words.into_iter().collect();
    println!("{shared:?}");
    drop(again);
    println!("{}", Rc::strong_count(&squares));
}
