// Arc: like Rc, with atomic counts, so it can be shared between threads.
use std::sync::Arc;

fn main() {
    let data = Arc::new(vec![1u64, 2, 3]);
    let other = Arc::clone(&data);
    println!("count {}", Arc::strong_count(&data));
    let sum: u64 = other.iter().sum();
    drop(other);
    println!("sum {} count {}", sum, Arc::strong_count(&data));
}
