// collect() into a Vec from each collection's iterators: std knows the
// length of a B-tree's iter, keys, values and into_iter, and of a
// VecDeque's, exactly (TrustedLen), so it allocates once, before the
// first item; a HashMap's, a BinaryHeap's and a range
// of a B-tree take the first item, then allocate room for max(4, n).
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, VecDeque};

fn main() {
    let mut tree: BTreeMap<u32, String> = BTreeMap::new();
    for i in 0..3 {
        tree.insert(i, format!("v{i}"));
    }
    let set: BTreeSet<u32> = vec![5u32, 6, 7].into_iter().collect();
    let mut hash: HashMap<u32, u32> = HashMap::new();
    for i in 0..3 {
        hash.insert(i, i);
    }
    let deque: VecDeque<u32> = vec![1u32, 2, 3].into_iter().collect();
    let heap: BinaryHeap<u32> = vec![1u32, 2, 3].into_iter().collect();

    let a: Vec<u32> = tree.iter().map(|(k, _)| *k).collect();
    let b: Vec<&u32> = tree.keys().collect();
    let c: Vec<usize> = tree.values().map(|v| v.len()).collect();
    let d: Vec<u32> = tree.range(1..).map(|(k, _)| *k).collect();
    let e: Vec<usize> = tree.clone().into_iter().map(|(_, v)| v.len()).collect();
    let f: Vec<u32> = tree.clone().into_keys().collect();
    let g: Vec<String> = tree.clone().into_values().collect();
    let h: Vec<u32> = set.iter().copied().collect();
    let i: Vec<u32> = set.range(6..).copied().collect();
    let j: Vec<u32> = set.clone().into_iter().collect();
    let k: Vec<u32> = hash.values().copied().collect();
    let l: Vec<u32> = deque.iter().copied().collect();
    let m: Vec<u32> = deque.clone().into_iter().collect();
    let n: Vec<u32> = heap.iter().copied().collect();
    let p: Vec<u32> = tree.iter().rev().map(|(k, _)| *k).collect();
    let mut q: Vec<u32> = vec![9];
    q.extend(tree.keys());
    q.extend(set.iter());
    q.extend(heap.iter());
    q.extend(hash.keys());
    let r: Vec<(&u32, &u32)> = tree.keys().zip(set.iter()).collect();
    let t: Vec<u32> = tree.keys().skip(1).copied().collect();
    println!("{} {:?} {:?}", q.len(), r, t);
    println!("{:?} {:?} {:?} {:?} {:?} {:?} {:?}", a, b, c, d, e, f, g);
    println!("{:?} {:?} {:?} {} {:?} {:?}", h, i, j, k.len(), l, m);
    println!("{} {:?}", n.len(), p);
    println!("{} {} {}", a.capacity(), d.capacity(), k.capacity());
}
