// An infallible allocation that fails calls handle_alloc_error, which
// aborts: the program ends at once with std's message.
fn main() {
    let mut v: Vec<u64> = Vec::new();
    for i in 0..100000 {
        v.push(i);
    }
    println!("never printed");
}
