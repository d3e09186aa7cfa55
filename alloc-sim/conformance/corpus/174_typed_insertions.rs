// A value made as it goes into a collection whose element type is
// declared is made as that type: `vec![1, 2]` into a `HashMap<String,
// Vec<u8>>` (by `insert` or `entry(..).or_insert`), a `VecDeque<Vec<u8>>`,
// a `Vec<Vec<u16>>` (by `insert`), a `BTreeMap<u8, Vec<u16>>` or a
// `Box<(u8, Vec<u8>)>` holds the declared integers, two bytes for two
// `u8`s, not eight for two `i32`s.
use std::collections::{BTreeMap, HashMap, VecDeque};

fn main() {
    let mut m: HashMap<u32, Vec<u8>> = HashMap::new();
    m.insert(1, vec![7, 8, 9]);
    let mut words: HashMap<String, Vec<u8>> = HashMap::new();
    words.entry(String::from("k")).or_insert(vec![1, 2]).push(3);
    let mut q: VecDeque<Vec<u8>> = VecDeque::new();
    q.push_back(vec![5]);
    q.push_front(vec![4, 4]);
    q.insert(1, vec![6, 6, 6]);
    let mut rows: Vec<Vec<u16>> = Vec::new();
    rows.insert(0, vec![1, 2]);
    let mut t: BTreeMap<u8, Vec<u16>> = BTreeMap::new();
    t.insert(1, vec![3, 4]);
    let b: Box<(u8, Vec<u8>)> = Box::new((1, vec![2]));
    let o: Box<Option<Vec<u8>>> = Box::new(Some(vec![1, 2, 3]));
    println!("{:?} {:?} {:?} {:?} {:?} {:?} {:?}", m, words, q, rows, t, b, o);
}
