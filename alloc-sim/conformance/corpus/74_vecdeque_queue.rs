// A VecDeque ring buffer: it grows while its contents wrap around the end.
use std::collections::VecDeque;

fn main() {
    let mut q: VecDeque<u32> = VecDeque::with_capacity(4);
    for i in 1..=4 {
        q.push_back(i);
    }
    println!("{:?} cap {}", q, q.capacity());
    q.pop_front();
    q.pop_front();
    q.push_back(5);
    q.push_back(6); // wraps around to the start of the buffer
    println!("{:?} front {:?} back {:?}", q, q.front(), q.back());
    q.push_back(7); // full and wrapped: grows
    q.push_front(0);
    println!("{:?} len {} cap {}", q, q.len(), q.capacity());
    for i in 8..=20 {
        q.push_back(i);
        if i % 3 == 0 {
            let served = q.pop_front();
            println!("served {:?}, {} waiting", served, q.len());
        }
    }
    while let Some(x) = q.pop_front() {
        print!("{} ", x);
    }
    println!();
    println!("empty {} front {:?}", q.is_empty(), q.front());
}
