// Box::new asks the allocator for exactly Layout::new::<T>(): the size and
// alignment of T. A zero-sized type needs no memory at all.
fn main() {
    let a = Box::new(42u64);
    let b = Box::new([1u8; 3]);
    let c = Box::new(());
    println!("a = {}, b = {:?}", a, b);
    drop(b);
    let d = Box::new((7u8, 1000u32));
    println!("d = {:?}", d);
}
