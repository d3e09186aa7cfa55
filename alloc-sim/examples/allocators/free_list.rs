// A free list of your own: first fit, with splitting and coalescing.
// The free blocks of the heap array form a list in address order; each
// holds a node (its size and the next free block) in its first 16 bytes.
// `alloc` takes the first block that fits and splits off the rest;
// `dealloc` puts the block back in address order and merges it with each
// free neighbour it touches, so that two freed neighbours make one hole.
// allocscope: strategies=first-fit
use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::mem::size_of;
use std::ptr;

const HEAP_SIZE: usize = 4096;

/// Every block starts at a multiple of 16, as `malloc`'s blocks do on a
/// 64-bit machine.
const ALIGN: usize = 16;

#[repr(C, align(4096))]
struct Heap([u8; HEAP_SIZE]);

struct Node {
    size: usize,
    next: *mut Node,
}

struct FreeList {
    heap: UnsafeCell<Heap>,
    head: UnsafeCell<*mut Node>,
    ready: UnsafeCell<bool>,
}

unsafe impl Sync for FreeList {}

fn align_up(addr: usize, align: usize) -> usize {
    (addr + align - 1) & !(align - 1)
}

/// The block a request takes: room for a node when it is freed, and a
/// multiple of 16 so that the block after it starts aligned too.
fn block_size(layout: Layout) -> usize {
    align_up(layout.size().max(size_of::<Node>()), ALIGN)
}

impl FreeList {
    /// The whole array, one free block, the first time.
    unsafe fn start(&self) {
        unsafe {
            if !*self.ready.get() {
                *self.ready.get() = true;
                let first = self.heap.get() as *mut Node;
                first.write(Node { size: HEAP_SIZE, next: ptr::null_mut() });
                *self.head.get() = first;
            }
        }
    }
}

unsafe impl GlobalAlloc for FreeList {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.start() };
        // A stricter alignment than every block's is refused: a null
        // pointer, which the program reports as out of memory.
        if layout.align() > ALIGN {
            return ptr::null_mut();
        }
        let size = block_size(layout);
        unsafe {
            // `link` is the pointer to the node being looked at: the head,
            // or the `next` of the node before it.
            let mut link: *mut *mut Node = self.head.get();
            while !(*link).is_null() {
                let node = *link;
                let free = (*node).size;
                if free == size {
                    *link = (*node).next; // an exact fit: the whole block
                    return node as *mut u8;
                }
                if free >= size + size_of::<Node>() {
                    // Split: the rest stays free, right after the block.
                    let rest = (node as usize + size) as *mut Node;
                    rest.write(Node { size: free - size, next: (*node).next });
                    *link = rest;
                    return node as *mut u8;
                }
                link = &raw mut (*node).next;
            }
        }
        ptr::null_mut()
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let size = block_size(layout);
        let block = ptr as *mut Node;
        unsafe {
            // The free blocks just before and just after it.
            let mut before: *mut Node = ptr::null_mut();
            let mut after = *self.head.get();
            while !after.is_null() && (after as usize) < (block as usize) {
                before = after;
                after = (*after).next;
            }
            block.write(Node { size, next: after });
            // Touching the next free block: one block.
            if !after.is_null() && block as usize + size == after as usize {
                (*block).size += (*after).size;
                (*block).next = (*after).next;
            }
            if before.is_null() {
                *self.head.get() = block;
            } else if before as usize + (*before).size == block as usize {
                // Touching the previous free block: it grows over this one.
                (*before).size += (*block).size;
                (*before).next = (*block).next;
            } else {
                (*before).next = block;
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: FreeList = FreeList {
    heap: UnsafeCell::new(Heap([0; HEAP_SIZE])),
    head: UnsafeCell::new(ptr::null_mut()),
    ready: UnsafeCell::new(false),
};

fn main() {
    let a = Box::new([1u64; 4]);
    let b = Box::new([2u64; 4]);
    let c = Box::new([3u64; 4]);
    let d = Box::new([4u64; 4]);
    // Two neighbours freed: their blocks merge into one 64-byte hole...
    drop(b);
    drop(c);
    // ...where a 64-byte block fits, first fit, before the free tail.
    let big = Box::new([5u64; 8]);
    println!("{} {} {}", a[0], d[0], big[7]);
}
