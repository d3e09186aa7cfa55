// The seed article's counting wrapper, installed as the global allocator:
// every call (the runtime's two before `main`, stdout's buffer at the first
// print, the program's own) runs `Meter`'s code, which counts in atomics
// and forwards to `System`. It has no `realloc`, so `GlobalAlloc`'s default
// serves the `Vec`'s growth: a new block from `alloc`, the bytes copied,
// the old block to `dealloc`.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

pub static LIVE: AtomicUsize = AtomicUsize::new(0);
pub static PEAK: AtomicUsize = AtomicUsize::new(0);
static CALLS: AtomicUsize = AtomicUsize::new(0);

pub struct Meter;

unsafe impl GlobalAlloc for Meter {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        CALLS.fetch_add(1, Relaxed);
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        CALLS.fetch_add(1, Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Meter = Meter;

fn main() {
    let before = LIVE.load(Relaxed);
    let b = Box::new([0u64; 4]);
    let mut v = Vec::new();
    for i in 0..5u32 {
        v.push(i);
    }
    let s = String::from("counted");
    let during = LIVE.load(Relaxed);
    drop(b);
    println!("{before} {during} {} {}", v.len(), s.len());
    println!(
        "live {} peak {} calls {}",
        LIVE.load(Relaxed),
        PEAK.load(Relaxed),
        CALLS.load(Relaxed)
    );
}
