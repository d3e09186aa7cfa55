// The entry API on a map of Vec<String> values, get/get_mut/remove, a
// clone of the map (same buckets, each value cloned in bucket order), and
// a consuming loop that drops what it does not keep.
use std::collections::HashMap;

fn main() {
    let mut groups: HashMap<u32, Vec<String>> = HashMap::new();
    let names = ["ann", "bo", "cy", "dee", "ed", "flo", "gus"];
    for name in names {
        let len = name.len() as u32;
        groups.entry(len).or_default().push(name.to_string());
    }
    groups.entry(2).and_modify(|v| v.push(String::from("al"))).or_insert_with(Vec::new);
    if let Some(v) = groups.get_mut(&3) {
        v.push(String::from("zed"));
    }
    println!("{:?}", groups.get(&2));
    println!("{}", groups.contains_key(&4));
    let copy = groups.clone();
    let gone = groups.remove(&3);
    println!("{:?} {}", gone, groups.len());
    let mut total = 0;
    for (len, v) in groups {
        total += len as usize * v.len();
        if len == 2 {
            break;
        }
    }
    println!("{total} {}", copy.len());
    let mut counts: HashMap<char, i64> = HashMap::with_capacity(20);
    for c in "mississippi".chars() {
        *counts.entry(c).or_insert(0) += 1;
    }
    let old = counts.insert('s', 100);
    println!("{:?} {:?} {}", old, counts.get(&'s'), counts.capacity());
    counts.clear();
    println!("{} {}", counts.len(), counts.is_empty());
}
