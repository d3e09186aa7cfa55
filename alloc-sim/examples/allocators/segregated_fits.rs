// Segregated fits, as CS:APP describes it: instead of one free list, one
// list per size class. Class 0 holds the free blocks of 16 bytes, class 1
// those of 17 to 32, class 2 those of 33 to 64, and so on by powers of two
// up to 2048; the last class holds everything larger. At the start the
// whole array is one free block, in the last class. `alloc` looks in the
// request's own class first, then in the larger ones, and takes the first
// block that fits; what is left over is split off and goes on the list of
// its own class. `dealloc` pushes the block on the front of its class's
// list. It never merges neighbours: watch two freed 32-byte blocks sit
// side by side while a 64-byte request is cut from the big block instead.
// allocscope: strategies=size-class
use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::mem::size_of;
use std::ptr;

const HEAP_SIZE: usize = 4096;

#[repr(C, align(4096))]
struct Heap([u8; HEAP_SIZE]);

/// The size classes: 16, 32, 64, 128, 256, 512, 1024, 2048, and larger.
const CLASSES: usize = 9;

/// Every block starts at a multiple of 16 and is a multiple of 16 long.
const ALIGN: usize = 16;

/// A free block holds its size and the next free block of its class.
struct Node {
    size: usize,
    next: *mut Node,
}

struct SegregatedFits {
    heap: UnsafeCell<Heap>,
    heads: UnsafeCell<[*mut Node; CLASSES]>,
    ready: UnsafeCell<bool>,
}

unsafe impl Sync for SegregatedFits {}

fn align_up(addr: usize, align: usize) -> usize {
    (addr + align - 1) & !(align - 1)
}

/// The block a request takes: room for a node when it is freed, and a
/// multiple of 16 so that the next block is 16-aligned too.
fn block_size(layout: Layout) -> usize {
    align_up(layout.size().max(size_of::<Node>()), ALIGN)
}

/// The class of a block of `size` bytes: the first whose limit (16, 32,
/// 64, ...) it does not pass, or the last one.
fn class_of(size: usize) -> usize {
    let mut class = 0;
    let mut limit = 16;
    while class < CLASSES - 1 && size > limit {
        class += 1;
        limit *= 2;
    }
    class
}

impl SegregatedFits {
    /// The head of the list of `class`: a pointer to its first block.
    unsafe fn list(&self, class: usize) -> *mut *mut Node {
        let first = self.heads.get() as *mut *mut Node;
        unsafe { first.add(class) }
    }

    /// Puts the free block at `addr` on the front of its class's list.
    unsafe fn push(&self, addr: usize, size: usize) {
        let node = addr as *mut Node;
        unsafe {
            let link = self.list(class_of(size));
            node.write(Node { size, next: *link });
            *link = node;
        }
    }

    /// The whole array, one free block, the first time.
    unsafe fn start(&self) {
        unsafe {
            if !*self.ready.get() {
                *self.ready.get() = true;
                self.push(self.heap.get() as usize, HEAP_SIZE);
            }
        }
    }
}

unsafe impl GlobalAlloc for SegregatedFits {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.start() };
        // Blocks start at multiples of 16 only: a stricter alignment is
        // refused (a null pointer).
        if layout.align() > ALIGN {
            return ptr::null_mut();
        }
        let size = block_size(layout);
        let mut class = class_of(size);
        while class < CLASSES {
            unsafe {
                // `link` is the pointer to the block being looked at: the
                // list's head, or the `next` of the block before it.
                let mut link = self.list(class);
                while !(*link).is_null() {
                    let node = *link;
                    let free = (*node).size;
                    if free >= size {
                        *link = (*node).next; // off its list
                        if free > size {
                            // Split: the rest goes to the list of its class.
                            self.push(node as usize + size, free - size);
                        }
                        return node as *mut u8;
                    }
                    link = &raw mut (*node).next;
                }
            }
            class += 1; // nothing fits here: try the next larger class
        }
        ptr::null_mut() // out of memory
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.push(ptr as usize, block_size(layout)) }
    }
}

#[global_allocator]
static ALLOCATOR: SegregatedFits = SegregatedFits {
    heap: UnsafeCell::new(Heap([0; HEAP_SIZE])),
    heads: UnsafeCell::new([ptr::null_mut(); CLASSES]),
    ready: UnsafeCell::new(false),
};

fn main() {
    let a = Box::new([1u64; 4]); // 32 bytes, cut from the big block
    let b = Box::new([2u64; 4]); // right after `a`
    let mut v = Vec::new();
    for i in 0..10u32 {
        v.push(i); // 16, then 32, then 64 bytes: each old block joins its class
    }
    drop(a);
    drop(b); // `a` and `b` stay two 32-byte blocks in the 32 class
    let c = Box::new([3u64; 8]); // 64 bytes: the 64 class is empty, so the big block
    let d = Box::new(5u16); // the 16 class: the Vec's first buffer
    let e = Box::new([6u8; 24]); // the 32 class's first block: `b`'s
    println!("{} {} {} {}", v.len(), c[7], d, e[23]);
}
