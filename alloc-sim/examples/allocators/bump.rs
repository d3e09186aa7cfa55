// A bump allocator of your own, as Philipp Oppermann's "Allocator
// Designs" writes it, over a static array instead of a kernel's heap.
// `next` is where the free memory starts: each block is cut from there,
// rounded up to its alignment, and `next` moves past it. Freeing only
// counts: when no block is left, `next` goes back to the start. The
// runtime's blocks and stdout's buffer are never freed, so in a real
// program the count never reaches zero and nothing is ever reused.
// allocscope: strategies=bump
use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr;

const HEAP_SIZE: usize = 4096;

#[repr(C, align(4096))]
struct Heap([u8; HEAP_SIZE]);

struct BumpAllocator {
    heap: UnsafeCell<Heap>,
    next: UnsafeCell<usize>,
    allocations: UnsafeCell<usize>,
}

// The statics of a real program may be used by any thread: this one
// promises the compiler that sharing it is sound (it is not, with
// threads: the counters are not atomic).
unsafe impl Sync for BumpAllocator {}

fn align_up(addr: usize, align: usize) -> usize {
    (addr + align - 1) & !(align - 1)
}

unsafe impl GlobalAlloc for BumpAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let heap_start = self.heap.get() as usize;
        let heap_end = heap_start + HEAP_SIZE;
        let next = unsafe { *self.next.get() };
        let alloc_start = align_up(next.max(heap_start), layout.align());
        let alloc_end = match alloc_start.checked_add(layout.size()) {
            Some(end) => end,
            None => return ptr::null_mut(),
        };
        if alloc_end > heap_end {
            ptr::null_mut() // out of memory
        } else {
            unsafe {
                *self.next.get() = alloc_end;
                *self.allocations.get() += 1;
            }
            alloc_start as *mut u8
        }
    }

    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {
        unsafe {
            *self.allocations.get() -= 1;
            if *self.allocations.get() == 0 {
                *self.next.get() = self.heap.get() as usize;
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: BumpAllocator = BumpAllocator {
    heap: UnsafeCell::new(Heap([0; HEAP_SIZE])),
    next: UnsafeCell::new(0),
    allocations: UnsafeCell::new(0),
};

fn main() {
    let answer = Box::new(42u64);
    let mut v = Vec::new();
    for i in 0..10u32 {
        v.push(i); // each growth is a new block: the old one is never reused
    }
    drop(answer);
    let later = Box::new(7u8); // after the Vec's last block, not where 42 was
    println!("{} {}", v.len(), later);
}
