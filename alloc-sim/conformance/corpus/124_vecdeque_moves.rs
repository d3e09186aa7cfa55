// A VecDeque's elements moved inside its ring buffer: insert and remove
// move the shorter side (as_slices shows where the buffer wraps), drain
// closes the hole from the shorter side, make_contiguous and the rotations
// move whole runs, and retain swaps the kept elements forward before the
// rejected ones are dropped, in the order the swaps left them;
// make_contiguous().sort() sorts the slots where they are.
use std::collections::VecDeque;

struct Job(u32);

impl Drop for Job {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn main() {
    let mut q: VecDeque<u32> = VecDeque::with_capacity(8);
    q.extend([1, 2, 3, 4, 5]);
    q.insert(1, 10); // the front moves back, wrapping
    println!("{:?} {:?}", q, q.as_slices());
    q.insert(5, 20); // the back moves on
    println!("{:?} {:?}", q, q.as_slices());
    q.insert(8 - 1, 30); // full: grows first
    println!("{:?} {:?} cap {}", q, q.as_slices(), q.capacity());
    println!("{:?} {:?}", q.remove(1), q.as_slices());
    println!("{:?} {:?}", q.remove(5), q.as_slices());
    println!("{:?} {:?}", q.remove(40), q.len());
    q.swap(0, 3);
    q.rotate_left(2);
    println!("{:?} {:?}", q, q.as_slices());
    q.rotate_right(5);
    println!("{:?} {:?}", q, q.as_slices());
    q.rotate_left(6);
    println!("{:?} {:?}", q, q.as_slices());
    q.make_contiguous();
    println!("{:?} {:?}", q, q.as_slices());
    q.push_front(50);
    q.make_contiguous().sort();
    println!("{:?} {:?}", q, q.as_slices());

    // Wrapped, then made contiguous in each of std's four ways.
    // Filling it up after shows where the front went (the first slice
    // ends at the end of the buffer).
    for (cap, fronts, backs) in [(8, 2, 3), (8, 3, 2), (8, 4, 2), (8, 4, 3), (8, 3, 4), (4, 2, 2)] {
        let mut w: VecDeque<u8> = VecDeque::with_capacity(cap);
        for i in 0..backs {
            w.push_back(10 + i);
        }
        for i in 0..fronts {
            w.push_front(i);
        }
        let before = format!("{:?}", w.as_slices());
        let slice = w.make_contiguous();
        println!("{before} -> {:?}", slice);
        println!("{:?}", w.as_slices());
        while w.len() < w.capacity() {
            w.push_back(99);
        }
        println!("{:?}", w.as_slices());
    }

    // drain: from the front, the back, and the middle either way.
    let mut d: VecDeque<u64> = (0..10).collect();
    d.rotate_right(3);
    let front: Vec<u64> = d.drain(..2).collect();
    println!("{:?} {:?} {:?} cap {}", front, d, d.as_slices(), front.capacity());
    let middle: Vec<u64> = d.drain(1..3).collect();
    println!("{:?} {:?}", middle, d.as_slices());
    let back: Vec<u64> = d.drain(4..=5).collect();
    println!("{:?} {:?}", back, d.as_slices());
    d.drain(2..3);
    println!("{:?}", d.as_slices());
    let mut it = d.drain(..);
    println!("{:?} {:?}", it.next(), it.next_back());
    drop(it);
    println!("{:?} {}", d, d.capacity());

    // retain over Strings and over values that say when they go.
    let mut names: VecDeque<String> = VecDeque::new();
    for n in ["ann", "bo", "cy", "dee", "ed", "fay"] {
        names.push_front(n.to_string());
    }
    names.retain(|n| n.len() == 2);
    println!("{:?} {:?}", names, names.as_slices());
    names.retain_mut(|n| {
        n.push('!');
        n != "ed!"
    });
    println!("{:?}", names);
    let mut jobs: VecDeque<Job> = VecDeque::new();
    for n in 1..=5 {
        jobs.push_back(Job(n));
    }
    jobs.retain(|j| j.0 == 3 || j.0 == 5);
    println!("kept {}", jobs.len());
    let mut more: VecDeque<String> = ["x", "yy", "zzz", "wwww"].iter().map(|s| s.to_string()).collect();
    more.insert(2, String::from("inserted"));
    let taken = more.remove(0);
    println!("{:?} {:?}", taken, more);
    let drained: Vec<String> = more.drain(1..3).collect();
    println!("{:?} {:?}", drained, more);
    for s in more.drain(..) {
        println!("{s}");
        break;
    }
    println!("{:?}", more);
}
