// into_boxed_slice shrinks a Vec's buffer to its length: a Box<[T]>.
fn main() {
    let mut v: Vec<u32> = Vec::with_capacity(10);
    for i in 0..6 {
        v.push(i * i);
    }
    let b: Box<[u32]> = v.into_boxed_slice();
    println!("{} items: {:?}", b.len(), b);
    let back: Vec<u32> = b.into_vec();
    println!("capacity again {}", back.capacity());
}
