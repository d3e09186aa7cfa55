// Philipp Oppermann's linked-list allocator ("Allocator Designs"), over
// a static array: the free regions form a list of `ListNode`s kept inside
// the regions themselves (`Option<&'static mut ListNode>` links). `alloc`
// takes the first region that fits and gives back what is left over as a
// new region; `dealloc` pushes the freed block on the list's front. It
// never merges neighbours, so the heap splinters over time (the crate
// `linked_list_allocator`, the strategy `first-fit`, merges them).
// allocscope: strategies=first-fit
use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::mem;
use std::ptr;

const HEAP_SIZE: usize = 4096;

#[repr(C, align(4096))]
struct Heap([u8; HEAP_SIZE]);

struct ListNode {
    size: usize,
    next: Option<&'static mut ListNode>,
}

impl ListNode {
    const fn new(size: usize) -> Self {
        ListNode { size, next: None }
    }

    fn start_addr(&self) -> usize {
        self as *const Self as usize
    }

    fn end_addr(&self) -> usize {
        self.start_addr() + self.size
    }
}

struct LinkedListAllocator {
    heap: UnsafeCell<Heap>,
    head: UnsafeCell<ListNode>,
    ready: UnsafeCell<bool>,
}

unsafe impl Sync for LinkedListAllocator {}

fn align_up(addr: usize, align: usize) -> usize {
    (addr + align - 1) & !(align - 1)
}

impl LinkedListAllocator {
    unsafe fn add_free_region(&self, addr: usize, size: usize) {
        assert_eq!(align_up(addr, mem::align_of::<ListNode>()), addr);
        assert!(size >= mem::size_of::<ListNode>());
        let head = unsafe { &mut *self.head.get() };
        let mut node = ListNode::new(size);
        node.next = head.next.take();
        let node_ptr = addr as *mut ListNode;
        unsafe {
            node_ptr.write(node);
            head.next = Some(&mut *node_ptr);
        }
    }

    fn find_region(&self, size: usize, align: usize) -> Option<(&'static mut ListNode, usize)> {
        let mut current = unsafe { &mut *self.head.get() };
        while let Some(ref mut region) = current.next {
            if let Ok(alloc_start) = Self::alloc_from_region(region, size, align) {
                let next = region.next.take();
                let ret = Some((current.next.take().unwrap(), alloc_start));
                current.next = next;
                return ret;
            } else {
                current = current.next.as_mut().unwrap();
            }
        }
        None
    }

    fn alloc_from_region(region: &ListNode, size: usize, align: usize) -> Result<usize, ()> {
        let alloc_start = align_up(region.start_addr(), align);
        let alloc_end = alloc_start.checked_add(size).ok_or(())?;
        if alloc_end > region.end_addr() {
            return Err(());
        }
        let excess_size = region.end_addr() - alloc_end;
        if excess_size > 0 && excess_size < mem::size_of::<ListNode>() {
            return Err(());
        }
        Ok(alloc_start)
    }

    fn size_align(layout: Layout) -> (usize, usize) {
        let layout = layout
            .align_to(mem::align_of::<ListNode>())
            .expect("adjusting alignment failed")
            .pad_to_align();
        let size = layout.size().max(mem::size_of::<ListNode>());
        (size, layout.align())
    }

    unsafe fn init(&self) {
        unsafe {
            if !*self.ready.get() {
                *self.ready.get() = true;
                self.add_free_region(self.heap.get() as usize, HEAP_SIZE);
            }
        }
    }
}

unsafe impl GlobalAlloc for LinkedListAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.init() };
        let (size, align) = LinkedListAllocator::size_align(layout);
        if let Some((region, alloc_start)) = self.find_region(size, align) {
            let alloc_end = alloc_start.checked_add(size).expect("overflow");
            let excess_size = region.end_addr() - alloc_end;
            if excess_size > 0 {
                unsafe { self.add_free_region(alloc_end, excess_size) };
            }
            alloc_start as *mut u8
        } else {
            ptr::null_mut()
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let (size, _) = LinkedListAllocator::size_align(layout);
        unsafe { self.add_free_region(ptr as usize, size) }
    }
}

#[global_allocator]
static ALLOCATOR: LinkedListAllocator = LinkedListAllocator {
    heap: UnsafeCell::new(Heap([0; HEAP_SIZE])),
    head: UnsafeCell::new(ListNode::new(0)),
    ready: UnsafeCell::new(false),
};

fn main() {
    let a = Box::new(1u64);
    let b = Box::new([7u32; 10]);
    drop(a); // its 16 bytes become a region at the front of the list
    let c = Box::new(3u8); // first fit: that region, where `a` was
    println!("{} {}", b[3], c);
}
