// Two threads, one after the other: each is joined before the next starts.
use std::thread;

fn main() {
    let mut results = Vec::new();
    for id in 1..3u64 {
        let handle = thread::spawn(move || {
            let squares: Vec<u64> = (0..id * 3).map(|x| x * x).collect();
            squares.iter().sum::<u64>()
        });
        results.push(handle.join().unwrap());
    }
    println!("{:?}", results);
}
