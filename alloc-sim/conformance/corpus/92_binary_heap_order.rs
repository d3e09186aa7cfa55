// BinaryHeap keeps its Vec in std's heap order: `{:?}` and `iter()` show
// that order, pops come out largest first, and every call is the Vec's.
use std::collections::BinaryHeap;

fn main() {
    let mut heap = BinaryHeap::<u32>::with_capacity(2);
    for x in [7u32, 3, 9, 1, 8, 2, 6, 5, 4, 10, 10, 0] {
        heap.push(x);
    }
    println!("{:?} len {} cap {}", heap, heap.len(), heap.capacity());
    println!("peek {:?}", heap.peek());
    for _ in 0..4 {
        let top = heap.pop();
        println!("popped {:?}, now {:?}", top, heap);
    }
    let total: u32 = heap.iter().sum();
    println!("sum of the rest {}", total);
    let sorted = heap.into_sorted_vec();
    println!("sorted {:?}", sorted);
    let words = vec![
        String::from("pear"),
        String::from("fig"),
        String::from("apple"),
        String::from("quince"),
        String::from("kiwi"),
    ];
    let mut by_name = BinaryHeap::from(words);
    println!("{:?}", by_name);
    by_name.push(String::from("zucchini"));
    while let Some(w) = by_name.pop() {
        print!("{} ", w);
        if w.len() < 4 {
            break;
        }
    }
    println!();
    let rest = by_name.into_vec();
    println!("left {:?}", rest);
    let mut pairs: BinaryHeap<(u8, char)> = BinaryHeap::new();
    pairs.push((2, 'b'));
    pairs.push((9, 'a'));
    pairs.push((2, 'z'));
    println!("{:?} {:?}", pairs.pop(), pairs);
}
