//! bumpalo's chunk sizes, as alloc-sim predicts them, against the chunks
//! the real bumpalo asks the global allocator for. A recording
//! `#[global_allocator]` (which must not allocate: a fixed array of
//! atomics) captures the layouts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use alloc_sim::strategy::bump::chunks::{attempts, with_capacity, Chunk};
use alloc_sim::LayoutSpec;
use bumpalo::Bump;

const SLOTS: usize = 256;
static SIZES: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static ALIGNS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static COUNT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static RECORDING: Cell<bool> = const { Cell::new(false) };
}

struct Recorder;

// SAFETY: forwards every call to `System` unchanged.
unsafe impl GlobalAlloc for Recorder {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if RECORDING.with(Cell::get) {
            let i = COUNT.fetch_add(1, Ordering::SeqCst);
            if i < SLOTS {
                SIZES[i].store(layout.size(), Ordering::SeqCst);
                ALIGNS[i].store(layout.align(), Ordering::SeqCst);
            }
        }
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Recorder = Recorder;

/// Runs `f` and returns the layouts it allocated on this thread.
fn record(f: impl FnOnce()) -> Vec<LayoutSpec> {
    COUNT.store(0, Ordering::SeqCst);
    RECORDING.with(|r| r.set(true));
    f();
    RECORDING.with(|r| r.set(false));
    let n = COUNT.load(Ordering::SeqCst).min(SLOTS);
    (0..n)
        .map(|i| LayoutSpec {
            size: SIZES[i].load(Ordering::SeqCst) as u64,
            align: ALIGNS[i].load(Ordering::SeqCst) as u64,
        })
        .collect()
}

const WORD: u64 = 8;

fn first_attempt(current: u64, size: u64, align: u64) -> Chunk {
    attempts(current, LayoutSpec { size, align }, WORD)[0]
}

#[test]
fn chunk_sizes_match_bumpalo() {
    // Each case: (what it shows, the real calls, the model's chunks).
    let mut cases: Vec<(&str, Vec<LayoutSpec>, Vec<LayoutSpec>)> = Vec::new();

    // A new Bump has no chunk; the first small allocation makes the default one.
    let real = record(|| {
        let bump = Bump::new();
        bump.alloc(1u8);
        std::mem::forget(bump);
    });
    cases.push(("first chunk", real, vec![first_attempt(0, 1, 1).layout]));

    // Filling it, each new chunk doubles the previous capacity.
    let real = record(|| {
        let bump = Bump::new();
        for _ in 0..200 {
            bump.alloc([0u8; 100]);
        }
        std::mem::forget(bump);
    });
    let mut model = Vec::new();
    let mut chunk = first_attempt(0, 100, 1);
    let mut left = chunk.capacity;
    model.push(chunk.layout);
    for _ in 1..200 {
        if left < 100 {
            chunk = first_attempt(chunk.capacity, 100, 1);
            left = chunk.capacity;
            model.push(chunk.layout);
        }
        left -= 100;
    }
    cases.push(("doubling chunks", real, model));

    // A request larger than a page: page-rounded.
    let real = record(|| {
        let bump = Bump::new();
        bump.alloc([0u8; 5000]);
        std::mem::forget(bump);
    });
    cases.push((
        "a large first request",
        real,
        vec![first_attempt(0, 5000, 1).layout],
    ));

    // An over-aligned request raises the chunk's alignment.
    let real = record(|| {
        #[repr(align(64))]
        struct Wide([u8; 64]);
        let bump = Bump::new();
        let wide = bump.alloc(Wide([0; 64]));
        assert_eq!(wide.0.len(), 64);
        std::mem::forget(bump);
    });
    cases.push((
        "an over-aligned request",
        real,
        vec![first_attempt(0, 64, 64).layout],
    ));

    for capacity in [1, 100, 448, 449, 1000, 4000, 10_000] {
        let real = record(|| std::mem::forget(Bump::with_capacity(capacity)));
        cases.push((
            "with_capacity",
            real,
            vec![with_capacity(capacity as u64, WORD).layout],
        ));
    }

    for (what, real, model) in cases {
        assert_eq!(real, model, "{what}");
    }
}
