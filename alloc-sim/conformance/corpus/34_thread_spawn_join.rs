// One thread, spawned and joined at once: its result comes back via join.
use std::thread;

fn main() {
    let data = vec![1u64, 2, 3, 4];
    let handle = thread::spawn(move || {
        let total: u64 = data.iter().sum();
        total * 10
    });
    let result = handle.join().unwrap();
    println!("the thread says {}", result);
}
