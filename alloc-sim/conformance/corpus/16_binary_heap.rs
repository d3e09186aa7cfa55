// A BinaryHeap pops the largest element first.
use std::collections::BinaryHeap;

fn main() {
    let mut heap = BinaryHeap::new();
    for x in [5, 1, 8, 3, 9, 2] {
        heap.push(x);
    }
    println!("peek: {:?}", heap.peek());
    while let Some(top) = heap.pop() {
        println!("{}", top);
    }
}
