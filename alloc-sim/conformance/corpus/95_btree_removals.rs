// A BTreeMap grows by splitting nodes and shrinks by merging them: 200
// keys in a scrambled order, then removals, pops, a clone, a clear, and
// String values dropped node by node at the end.
use std::collections::BTreeMap;

fn main() {
    let mut m: BTreeMap<u32, String> = BTreeMap::new();
    for i in 0..200u32 {
        let k = (i * 37) % 200;
        m.insert(k, format!("v{}", k));
    }
    println!("{} keys, first {:?}, last {:?}", m.len(), m.first_key_value(), m.last_key_value());
    let mut removed = 0;
    for k in (0..200u32).step_by(3) {
        if let Some(v) = m.remove(&k) {
            removed += v.len();
        }
    }
    println!("removed {} bytes of values, {} left", removed, m.len());
    if let Some(v) = m.get_mut(&100) {
        v.push_str("-changed");
    }
    println!("100 -> {:?}, 99 -> {:?}", m.get(&100), m.get(&99));
    let copy = m.clone();
    for _ in 0..40 {
        m.pop_first();
        m.pop_last();
    }
    println!("{} left, copy keeps {}", m.len(), copy.len());
    let mut in_range = 0;
    for (k, v) in m.range(80..=120) {
        in_range += k + v.len() as u32;
    }
    println!("in 80..=120: {}", in_range);
    m.clear();
    m.insert(5, String::from("five"));
    println!("{:?}", m);
}
