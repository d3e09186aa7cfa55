// VecDeques held inside other values: a struct's field, a Vec of queues,
// a map's values, a Box and an Option. Each handle is four words where
// its owner keeps it (the buffer's capacity and pointer, head, length);
// a queue that grows gets a new buffer and its handle is written again
// there; clones and drops go field by field, element by element.
use std::collections::{BTreeMap, HashMap, VecDeque};

#[derive(Debug, Clone)]
struct Line {
    name: String,
    waiting: VecDeque<String>,
    served: u32,
}

#[derive(Debug, Default)]
struct Lanes {
    fast: VecDeque<u64>,
    slow: VecDeque<u64>,
}

fn serve(line: &mut Line) -> Option<String> {
    let who = line.waiting.pop_front()?;
    line.served += 1;
    Some(who)
}

fn main() {
    let mut line = Line { name: String::from("desk"), waiting: VecDeque::new(), served: 0 };
    for who in ["ann", "bo", "cy", "dee", "ed"] {
        line.waiting.push_back(who.to_string());
    }
    let first = serve(&mut line);
    println!("{:?} served {:?}", line, first);
    line.waiting.insert(1, String::from("vip"));
    line.waiting.push_front("first".to_string());
    let copy = line.clone();
    line.waiting.retain(|w| w.len() > 2);
    println!("{} {:?} {:?} cap {}", line.name, line.waiting, copy.waiting, copy.waiting.capacity());

    let mut lanes = Lanes::default();
    for i in 0..6u64 {
        if i % 3 == 0 {
            lanes.slow.push_back(i);
        } else {
            lanes.fast.push_front(i);
        }
    }
    println!("{:?} {:?}", lanes, lanes.fast.as_slices());

    let mut queues: Vec<VecDeque<String>> = Vec::new();
    for q in 0..3 {
        queues.push(VecDeque::with_capacity(q));
    }
    for i in 0..7 {
        let n = i % 3;
        queues[n].push_back(format!("job{i}"));
    }
    queues[1].push_front(String::from("urgent"));
    let moved = queues[2].pop_back();
    println!("{:?} {:?}", queues, moved);
    let total: usize = queues.iter().map(|q| q.len()).sum();
    println!("{total} jobs, first {:?}", queues[0].front());
    queues.remove(0);
    println!("{:?}", queues);

    let mut by_day: BTreeMap<&str, VecDeque<u32>> = BTreeMap::new();
    for (day, n) in [("mon", 1), ("tue", 2), ("mon", 3), ("wed", 4), ("mon", 5)] {
        by_day.entry(day).or_default().push_back(n);
    }
    by_day.get_mut("tue").unwrap().push_front(0);
    if let Some(q) = by_day.get_mut("mon") {
        q.rotate_left(1);
    }
    println!("{:?}", by_day);

    let mut one: HashMap<u8, VecDeque<u32>> = HashMap::new();
    one.insert(7, VecDeque::from(vec![1, 2, 3]));
    one.get_mut(&7).unwrap().push_back(4);
    println!("{:?}", one);

    let boxed: Box<VecDeque<u16>> = Box::new(VecDeque::from([5, 6]));
    let maybe: Option<VecDeque<char>> = Some(VecDeque::from(vec!['a']));
    println!("{:?} {:?}", boxed, maybe);
}
