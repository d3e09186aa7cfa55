// try_reserve returns an error instead of aborting, so the program can
// back off. Asking for more than isize::MAX fails without the allocator.
fn main() {
    let mut v: Vec<u32> = Vec::new();
    match v.try_reserve(100) {
        Ok(()) => println!("reserved 100: capacity {}", v.capacity()),
        Err(e) => println!("failed: {:?}", e),
    }
    match v.try_reserve(1000000) {
        Ok(()) => println!("reserved a million"),
        Err(e) => println!("too big for this heap: {:?}", e),
    }
    if let Err(e) = v.try_reserve(usize::MAX) {
        println!("capacity overflow: {:?}", e);
    }
    println!("still running, capacity {}", v.capacity());
}
