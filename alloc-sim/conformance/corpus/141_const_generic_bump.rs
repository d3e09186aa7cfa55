// A bump allocator whose heap's size is a const parameter: the static is
// a `Bump<4096>`, so its array is 4096 bytes, and `SIZE` is a value in
// the allocator's own code. Every call the program makes (the runtime's
// before `main` too) runs this code over that array.
use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr;

struct Bump<const SIZE: usize> {
    heap: UnsafeCell<[u8; SIZE]>,
    next: UnsafeCell<usize>,
    live: UnsafeCell<usize>,
}

unsafe impl<const SIZE: usize> Sync for Bump<SIZE> {}

impl<const SIZE: usize> Bump<SIZE> {
    const fn new() -> Self {
        Bump {
            heap: UnsafeCell::new([0; SIZE]),
            next: UnsafeCell::new(0),
            live: UnsafeCell::new(0),
        }
    }
}

unsafe impl<const SIZE: usize> GlobalAlloc for Bump<SIZE> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let start = self.heap.get() as usize;
        let next = unsafe { *self.next.get() }.max(start);
        let at = (next + layout.align() - 1) & !(layout.align() - 1);
        let end = match at.checked_add(layout.size()) {
            Some(end) if end <= start + SIZE => end,
            _ => return ptr::null_mut(),
        };
        unsafe {
            *self.next.get() = end;
            *self.live.get() += 1;
        }
        at as *mut u8
    }

    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {
        unsafe {
            *self.live.get() -= 1;
            if *self.live.get() == 0 {
                *self.next.get() = self.heap.get() as usize;
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: Bump<4096> = Bump::new();

fn main() {
    let mut v = Vec::new();
    for i in 0..8u32 {
        v.push(i);
    }
    let s = String::from("bumped");
    println!("{} {} {}", v.len(), s, std::mem::size_of::<Bump<4096>>());
}
