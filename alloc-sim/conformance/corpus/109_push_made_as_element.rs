// What is pushed is made as an element of the Vec it goes into: an empty
// `Vec::new()` pushed into a `Vec<Vec<u64>>` is a `Vec<u64>` (it allocates
// on its first push, 4 elements of 8 bytes), and `vec![1, 2]` there holds
// `u64`s, 16 bytes, not `i32`s.
fn main() {
    let mut rows: Vec<Vec<u64>> = Vec::new();
    rows.push(Vec::new());
    rows[0].push(7);
    rows.push(vec![1, 2]);
    rows.push(Vec::with_capacity(3));
    rows[2].push(u64::MAX);
    let mut names: Vec<String> = Vec::new();
    names.push(String::new());
    names[0].push_str("ada");
    let mut small: Vec<u8> = Vec::new();
    small.push(200);
    println!("{:?} {:?} {:?}", rows, names, small);
}
