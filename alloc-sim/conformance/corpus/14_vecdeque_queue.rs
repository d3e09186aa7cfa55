// A VecDeque as a queue: push at the back, pop from the front.
use std::collections::VecDeque;

fn main() {
    let mut queue: VecDeque<u32> = VecDeque::new();
    for job in 1..6 {
        queue.push_back(job);
    }
    queue.push_front(0);
    while let Some(job) = queue.pop_front() {
        if job == 2 {
            queue.push_back(20);
        }
        println!("job {} ({} waiting)", job, queue.len());
    }
}
