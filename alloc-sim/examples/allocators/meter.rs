// Your own global allocator: the counting wrapper. Every call the program
// makes runs `Meter`'s code (the runtime's two before `main` and stdout's
// buffer too): it counts in atomics and forwards to `System`, which here is
// the pane's strategy. It has no `realloc` of its own, so the `Vec`'s
// growth runs `GlobalAlloc`'s default: a new block from `alloc`, the bytes
// copied, the old block to `dealloc`; watch the call log.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

struct Meter;

unsafe impl GlobalAlloc for Meter {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Meter = Meter;

fn main() {
    let mut v = Vec::new();
    for i in 0..5u64 {
        v.push(i);
    }
    let name = String::from("meter");
    println!("live {} peak {}", LIVE.load(Relaxed), PEAK.load(Relaxed));
    drop(v);
    println!("{name}: live {} after the Vec went", LIVE.load(Relaxed));
}
