// The GlobalAlloc calls themselves: alloc with a Layout, realloc to grow,
// dealloc with the same Layout it was allocated with.
use std::alloc::{alloc, dealloc, realloc, Layout};

fn main() {
    let layout = Layout::from_size_align(24, 8).unwrap();
    let p = unsafe { alloc(layout) };
    println!("got {}", p.is_null());
    let q = unsafe { realloc(p, layout, 48) };
    let bigger = Layout::from_size_align(48, 8).unwrap();
    unsafe { dealloc(q, bigger) };
}
