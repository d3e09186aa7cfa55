// with_capacity allocates once, exactly; pushing within it costs nothing.
// Only the eleventh push makes the Vec grow.
fn main() {
    let mut v: Vec<u64> = Vec::with_capacity(10);
    for i in 0..10 {
        v.push(i);
    }
    println!("len {} capacity {}", v.len(), v.capacity());
    v.push(10);
    println!("len {} capacity {}", v.len(), v.capacity());
}
