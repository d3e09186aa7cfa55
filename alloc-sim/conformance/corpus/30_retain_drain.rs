// retain keeps what passes a test; drain moves a range out into a new Vec.
fn main() {
    let mut v: Vec<u32> = (1..=12).collect();
    v.retain(|x| x % 3 != 0);
    println!("retained {:?}", v);
    let middle: Vec<u32> = v.drain(2..5).collect();
    println!("drained {:?}, left {:?}", middle, v);
    v.drain(..);
    println!("empty {} capacity {}", v.is_empty(), v.capacity());
}
