// A Vec<u32> growing past its capacity: the first push allocates room for
// 4 elements, then each time it is full the capacity doubles — and the
// buffer is reallocated, in place or moved.
// allocscope: step=4
fn main() {
    let mut v: Vec<u32> = Vec::new();
    for i in 0..9 {
        v.push(i * 10);
    }
    println!("len {} capacity {}", v.len(), v.capacity());
    println!("v[3] = {}", v[3]);
}
