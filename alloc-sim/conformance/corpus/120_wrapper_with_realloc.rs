// A wrapper with its own `realloc` (the strategy is asked to grow the
// block in place) and without `alloc_zeroed` (`vec![0; n]` asks for zeroed
// memory: `GlobalAlloc`'s default calls `alloc` and zeroes the block, so
// the strategy sees a plain `alloc`); it counts each kind of call.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);
static FREES: AtomicUsize = AtomicUsize::new(0);

struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        FREES.fetch_add(1, Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        REALLOCS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let zeros = vec![0u8; 100];
    let mut words = Vec::new();
    for w in ["alpha", "beta", "gamma", "delta", "epsilon"] {
        words.push(w.to_string());
    }
    let mut text = String::new();
    for w in &words {
        text.push_str(w);
    }
    println!("{} {} {}", zeros.len(), words.len(), text);
    println!(
        "allocs {} reallocs {} frees {}",
        ALLOCS.load(Ordering::SeqCst),
        REALLOCS.load(Ordering::SeqCst),
        FREES.load(Ordering::SeqCst)
    );
}
