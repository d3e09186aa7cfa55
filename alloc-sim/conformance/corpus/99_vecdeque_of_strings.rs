// A VecDeque of Strings: a queue of jobs whose names live on the heap.
// Each push writes a String's handle into a slot of the ring buffer; a pop
// moves it out, and the String is freed where the job is done. Growing
// moves the wrapped run with the handles in it; collect() and
// VecDeque::from take a Vec's block as it is; clone, extend, indexing and
// the drop front to back.
use std::collections::VecDeque;

fn main() {
    let mut jobs: VecDeque<String> = VecDeque::new();
    for name in ["build", "test", "lint"] {
        jobs.push_back(name.to_string());
    }
    jobs.push_front(String::from("fetch"));
    println!("{:?} cap {}", jobs, jobs.capacity());
    if let Some(first) = jobs.pop_front() {
        println!("running {first}");
    }
    jobs.push_back("package".to_string());
    jobs.push_back("deploy".to_string()); // wraps, then grows
    println!("{:?} cap {} front {:?} back {:?}", jobs, jobs.capacity(), jobs.front(), jobs.back());
    if let Some(last) = jobs.back_mut() {
        last.push_str(" (staging)");
    }
    jobs[0].push('!');
    println!("{} / {} / {:?}", jobs[0], jobs[jobs.len() - 1], jobs.get(9));
    let total: usize = jobs.iter().map(|j| j.len()).sum();
    println!("{} bytes of names, contains lint: {}", total, jobs.contains(&"lint".to_string()));

    let copy = jobs.clone();
    jobs.truncate(2);
    println!("{:?} and the copy {:?}", jobs, copy);
    while let Some(job) = jobs.pop_back() {
        println!("undo {job}");
    }
    drop(copy);

    let words: VecDeque<String> = "a bb ccc".split(' ').map(|w| w.to_uppercase()).collect();
    println!("{:?} cap {}", words, words.capacity());
    let mut nums = VecDeque::from(vec![1u64, 2, 3]);
    nums.push_front(0);
    nums.extend((4..7).filter(|n| n % 2 == 0));
    nums.extend([7, 8]);
    println!("{:?} cap {}", nums, nums.capacity());
    let mut small = VecDeque::from([10u8, 20, 30]);
    small.push_back(40);
    let back: Vec<u8> = Vec::from(small);
    println!("{:?} cap {}", back, back.capacity());
    for w in words {
        println!("word {w}");
    }
    // A Vec taken by a `for` loop gives each String up in turn.
    let names = vec!["x".to_string(), "yy".to_string(), "zzz".to_string()];
    for (i, n) in names.into_iter().enumerate() {
        if i == 1 {
            break;
        }
        println!("{i} {n}");
    }
    // From an array of Strings: room for exactly its length, then the moves.
    let mut pair = VecDeque::from([String::from("left"), "right".to_string()]);
    pair.push_front(String::from("first"));
    println!("{:?} cap {}", pair, pair.capacity());
    println!("done");
}
