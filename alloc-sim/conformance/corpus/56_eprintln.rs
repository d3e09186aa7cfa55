// eprintln! writes to stderr, which is unbuffered: no buffer is allocated.
fn main() {
    eprintln!("to stderr");
    let v = vec![1u32, 2, 3];
    eprintln!("{:?}", v);
    println!("to stdout, after {} values", v.len());
}
