// std::cmp::Reverse turns a BinaryHeap into a min-heap and sorts
// backwards: Reverse<T> is laid out as its T (a heap of Reverse<u32>
// allocates 4 bytes an element) and compares the other way round.
use std::cmp::Reverse;
use std::collections::BinaryHeap;

fn main() {
    let mut heap = BinaryHeap::new();
    for x in [5u32, 1, 8, 3, 9, 2] {
        heap.push(Reverse(x));
    }
    println!("{:?} cap {}", heap.peek(), heap.capacity());
    while let Some(Reverse(x)) = heap.pop() {
        print!("{x} ");
    }
    println!();

    // Dijkstra's frontier: (cost, node) pairs, cheapest first.
    let mut frontier: BinaryHeap<Reverse<(u64, usize)>> = BinaryHeap::with_capacity(4);
    frontier.push(Reverse((7, 1)));
    frontier.push(Reverse((3, 2)));
    frontier.push(Reverse((3, 0)));
    frontier.push(Reverse((10, 3)));
    frontier.push(Reverse((1, 4)));
    while let Some(Reverse((cost, node))) = frontier.pop() {
        println!("node {node} at cost {cost}");
    }

    let mut words = vec![
        "pear".to_string(),
        "fig".to_string(),
        "banana".to_string(),
        "kiwi".to_string(),
    ];
    words.sort_by_key(|w| Reverse(w.len()));
    println!("{:?}", words);
    let mut names: BinaryHeap<Reverse<String>> = words.into_iter().map(Reverse).collect();
    names.push(Reverse("apple".to_string()));
    println!("first: {}", names.pop().unwrap().0);
    println!("{}", std::mem::size_of::<Reverse<u32>>());
}
