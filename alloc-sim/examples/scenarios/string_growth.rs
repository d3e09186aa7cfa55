// A String is a Vec<u8>: the first push allocates 8 bytes, then it doubles.
fn main() {
    let mut s = String::new();
    s.push_str("hello");
    s.push(',');
    s.push_str(" allocator");
    println!("{} (len {}, capacity {})", s, s.len(), s.capacity());
    let t = String::from("exact");
    println!("{} (capacity {})", t, t.capacity());
}
