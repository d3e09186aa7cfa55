// A String grown one char at a time: multi-byte chars take several bytes.
fn main() {
    let mut s = String::new();
    for c in ['a', 'é', '€', '😀', 'z'] {
        s.push(c);
        println!("{} bytes, capacity {}", s.len(), s.capacity());
    }
    println!("{} chars in {:?}", s.chars().count(), s);
}
