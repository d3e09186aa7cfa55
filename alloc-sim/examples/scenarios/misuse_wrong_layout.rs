// dealloc must get the Layout the block was allocated with. A header-less
// allocator trusts it completely; allocscope catches the mistake, explains
// what a real allocator would do, and leaves the heap as it was.
use std::alloc::{alloc, dealloc, Layout};

fn main() {
    let small = Layout::new::<u32>();
    let p = unsafe { alloc(small) };
    let wrong = Layout::new::<u64>();
    unsafe { dealloc(p, wrong) };
    unsafe { dealloc(p, small) };
    unsafe { dealloc(p, small) };
}
