// Threads take turns, one statement each. With the jemalloc strategy each
// thread is bound to an arena on its first allocation (main to arena 0,
// the others to the arena with fewest threads), so their blocks land in
// different slabs: try it with --strategy jemalloc, then with first-fit.
use std::thread;

fn main() {
    let a = thread::spawn(move || {
        let mut v: Vec<u64> = Vec::new();
        for i in 0..8 {
            v.push(i);
        }
        println!("thread 1 has {}", v.len());
    });
    let b = thread::spawn(move || {
        let mut w: Vec<u64> = Vec::new();
        for i in 0..8 {
            w.push(i);
        }
        println!("thread 2 has {}", w.len());
    });
    let mine = Box::new(1u64);
    a.join().unwrap();
    b.join().unwrap();
    println!("main has {}", mine);
}
