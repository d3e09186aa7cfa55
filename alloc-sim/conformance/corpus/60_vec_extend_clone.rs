// extend, extend_from_slice and clone: growth by more than one at a time.
fn main() {
    let mut v: Vec<u64> = Vec::new();
    v.extend_from_slice(&[1, 2, 3]);
    println!("len {} capacity {}", v.len(), v.capacity());
    v.extend(10..20);
    println!("len {} capacity {}", v.len(), v.capacity());
    let w = v.clone();
    println!("clone capacity {}", w.capacity());
    let firsts: Vec<u64> = w.iter().take(2).cloned().collect();
    println!("{:?}", firsts);
}
