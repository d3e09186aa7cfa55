// Where a VecDeque's elements sit: `as_slices` shows the run from `head` and
// the part wrapped around; growing moves the shorter run, as std does.
use std::collections::VecDeque;

fn main() {
    let mut q: VecDeque<u16> = VecDeque::new();
    q.push_front(1);
    println!("{:?} cap {}", q.as_slices(), q.capacity());
    for i in 2..=4 {
        q.push_back(i);
    }
    println!("{:?}", q.as_slices());
    q.push_back(5); // full: grows, nothing wrapped before
    println!("{:?} cap {}", q.as_slices(), q.capacity());
    for _ in 0..3 {
        q.pop_front();
    }
    for i in 6..=9 {
        q.push_back(i);
    }
    println!("{:?}", q.as_slices());
    q.push_front(0); // wrapped and full: the shorter run moves
    println!("{:?} cap {}", q.as_slices(), q.capacity());
    let mut r: VecDeque<u64> = VecDeque::with_capacity(4);
    r.push_back(1);
    r.push_back(2);
    r.push_front(3);
    r.push_front(4);
    r.push_front(5); // the head run is the longer: it moves to the end
    println!("{:?} cap {}", r.as_slices(), r.capacity());
    while let Some(x) = r.pop_back() {
        print!("{} ", x);
    }
    println!("| {} {:?}", r.len(), r.front());
    r.clear();
    r.push_back(9);
    println!("{:?} {}", r.as_slices(), r.contains(&9));
}
