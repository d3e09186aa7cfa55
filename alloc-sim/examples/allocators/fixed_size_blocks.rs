// Philipp Oppermann's fixed-size block allocator ("Allocator Designs"),
// over a static array. There are nine block sizes, 8 to 2048 bytes, and
// one free list per size. A request takes a block of the smallest size
// that holds both its size and its alignment: a 24-byte request gets a
// 32-byte block, a 544-byte one a 1024-byte block. A freed block goes on
// the front of its size's list, and the next request of that size takes
// it back. When a list is empty, a new block is cut from a bump region
// that grows from the array's start, aligned to its own size: watch the
// gaps this leaves before the big blocks, and the unused tail inside
// every block. Where Oppermann falls back to another allocator, this one
// cuts requests larger than 2048 bytes from the bump region too, and
// never takes them back: freeing one leaks it until the program ends.
// allocscope: strategies=size-class
use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::mem;
use std::ptr;

const HEAP_SIZE: usize = 4096;

#[repr(C, align(4096))]
struct Heap([u8; HEAP_SIZE]);

/// The block sizes, each a power of two: a block is aligned to its size,
/// so each size also serves requests of any smaller alignment.
const BLOCK_SIZES: [usize; 9] = [8, 16, 32, 64, 128, 256, 512, 1024, 2048];

/// A free block holds the link to the next free block of its list.
struct ListNode {
    next: Option<&'static mut ListNode>,
}

struct FixedSizeBlockAllocator {
    heap: UnsafeCell<Heap>,
    list_heads: UnsafeCell<[Option<&'static mut ListNode>; 9]>,
    next: UnsafeCell<usize>, // the bump region's end, from the array's start
}

unsafe impl Sync for FixedSizeBlockAllocator {}

fn align_up(addr: usize, align: usize) -> usize {
    (addr + align - 1) & !(align - 1)
}

/// The list of the smallest block that holds the request, or `None` when
/// the request is larger than every block.
fn list_index(layout: &Layout) -> Option<usize> {
    let required_block_size = layout.size().max(layout.align());
    let mut index = 0;
    while index < BLOCK_SIZES.len() {
        if BLOCK_SIZES[index] >= required_block_size {
            return Some(index);
        }
        index += 1;
    }
    None
}

impl FixedSizeBlockAllocator {
    /// The head of the list of the blocks of size `BLOCK_SIZES[index]`.
    #[allow(clippy::mut_from_ref)]
    unsafe fn list_head(&self, index: usize) -> &mut Option<&'static mut ListNode> {
        let first = self.list_heads.get() as *mut Option<&'static mut ListNode>;
        unsafe { &mut *first.add(index) }
    }

    /// Cuts `size` bytes from the bump region, aligned to `align`.
    unsafe fn bump_alloc(&self, size: usize, align: usize) -> *mut u8 {
        let heap_start = self.heap.get() as usize;
        let start = align_up(heap_start + unsafe { *self.next.get() }, align);
        if start + size > heap_start + HEAP_SIZE {
            return ptr::null_mut(); // out of memory
        }
        unsafe { *self.next.get() = start + size - heap_start };
        start as *mut u8
    }
}

unsafe impl GlobalAlloc for FixedSizeBlockAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match list_index(&layout) {
            Some(index) => {
                let head = unsafe { self.list_head(index) };
                match head.take() {
                    Some(node) => {
                        // The first free block of the list: the list now
                        // starts at the block after it.
                        *head = node.next.take();
                        node as *mut ListNode as *mut u8
                    }
                    None => {
                        // No free block of this size: a new one, aligned
                        // to its size.
                        let block_size = BLOCK_SIZES[index];
                        unsafe { self.bump_alloc(block_size, block_size) }
                    }
                }
            }
            None => unsafe { self.bump_alloc(layout.size(), layout.align()) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match list_index(&layout) {
            Some(index) => {
                // The block goes on the front of its list.
                assert!(mem::size_of::<ListNode>() <= BLOCK_SIZES[index]);
                assert!(mem::align_of::<ListNode>() <= BLOCK_SIZES[index]);
                let head = unsafe { self.list_head(index) };
                let new_node = ListNode { next: head.take() };
                let new_node_ptr = ptr as *mut ListNode;
                unsafe {
                    new_node_ptr.write(new_node);
                    *head = Some(&mut *new_node_ptr);
                }
            }
            None => {
                // Larger than 2048 bytes: it stays where it is, lost.
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: FixedSizeBlockAllocator = FixedSizeBlockAllocator {
    heap: UnsafeCell::new(Heap([0; HEAP_SIZE])),
    list_heads: UnsafeCell::new([None, None, None, None, None, None, None, None, None]),
    next: UnsafeCell::new(0),
};

fn main() {
    let a = Box::new(1u64); // an 8-byte block
    let b = Box::new([2u64; 3]); // 24 bytes: a 32-byte block
    let mut v = Vec::new();
    for i in 0..10u32 {
        v.push(i); // 16, then 32, then 64 bytes: each old block joins its list
    }
    drop(a);
    let c = Box::new(3u32); // the 8-byte list's block: where `a` was
    drop(b);
    let d = Box::new([4u8; 20]); // the 32-byte list's first block: `b`'s
    println!("{} {} {} {}", v.len(), v[9], c, d[19]);
}
