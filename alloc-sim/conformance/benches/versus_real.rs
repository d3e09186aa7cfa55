//! Each strategy next to the real allocator it models, on the same seeded
//! 100,000 calls.
//!
//! `cargo bench -p conformance --bench versus_real` (or `cargo xtask bench`).
//! Criterion times a replay of the trace through the simulation and through
//! the real allocator; then one table gives, from those same samples, the
//! time per call of each and how many times slower the model is.
//!
//! | strategy            | the real allocator                           |
//! |---------------------|----------------------------------------------|
//! | `bump`              | `bumpalo::Bump` (its `Allocator` impl)        |
//! | `first-fit`         | `linked_list_allocator::Heap` over 64 MiB     |
//! | `first-fit-headers` | glibc's `malloc` (std's `System`)             |
//! | `size-class`        | the system allocator                          |
//! | `jemalloc`          | jemalloc 5.3 (`tikv-jemalloc-sys`)            |
//! | `implicit-list`     | CS:APP's `mm.c`, natively (`malloc_lab`)      |
//! | `buddy`             | `buddy_system_allocator::Heap<32>` over 64 MiB |
//!
//! Each side finds what an id names as cheaply as it can: the real
//! allocator's replay in an array indexed by id, as malloc lab's driver
//! keeps its blocks; the simulation's in its replay's id table, an array
//! while the ids are dense (`ops/ids.rs`). Where the real allocator has no `realloc` of its own
//! (`linked_list_allocator` and `buddy_system_allocator` take `GlobalAlloc`'s
//! default), the replay does what that default does: allocate, copy, free.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::ptr::NonNull;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use alloc_sim::ops::{self, OpKind, OpList};
use alloc_sim::{HeapConfig, Simulation, StrategyKind, MAX_HEAP_SIZE};
use allocator_api2::alloc::Allocator;
use conformance::malloc_lab::MallocLab;
use conformance::RawBuffer;
use criterion::{Criterion, Throughput};

const CALLS: usize = 100_000;
const SAMPLES: usize = 10;
const HEAP: usize = MAX_HEAP_SIZE as usize;

fn trace() -> OpList {
    ops::random_program(0x5eed, CALLS, 2_000)
}

/// The calls through the simulation, as `ops --summary` makes them.
fn simulate(kind: StrategyKind, list: &OpList) -> u64 {
    let mut sim = Simulation::new(HeapConfig::new(MAX_HEAP_SIZE), kind).expect("valid heap");
    ops::replay_unrecorded(list, &mut sim).expect("a well-formed trace");
    black_box(sim.metrics().failed)
}

/// A real allocator's three calls. Each returns null when it has no room.
trait Real {
    /// # Safety
    /// `layout` has a non-zero size.
    unsafe fn alloc(&mut self, layout: Layout) -> *mut u8;
    /// # Safety
    /// `ptr` came from this allocator with `layout` and is live.
    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout);
    /// # Safety
    /// As `dealloc`, and `new_size` is non-zero.
    unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align(new_size, layout.align()).expect("a valid layout");
        // SAFETY: the caller's contract; the new block is at least as large
        // as the bytes copied, and the two blocks are distinct.
        unsafe {
            let to = self.alloc(new);
            if !to.is_null() {
                std::ptr::copy_nonoverlapping(ptr, to, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            to
        }
    }
}

/// The trace through a real allocator, with `malloc_align` for calls that
/// give no alignment (the simulated strategy's own). Returns how many
/// calls found no room.
fn replay_real(real: &mut impl Real, list: &OpList, malloc_align: usize) -> u64 {
    // The trace's ids are 0, 1, 2, … (see `ops::random_program`).
    let ids = list
        .ops
        .iter()
        .map(|op| op.id as usize + 1)
        .max()
        .unwrap_or(0);
    let mut live: Vec<Option<(NonNull<u8>, Layout)>> = vec![None; ids];
    let mut failed = 0;
    for op in &list.ops {
        let slot = &mut live[op.id as usize];
        match op.kind {
            OpKind::Alloc { size, align } => {
                let align = align.map_or(malloc_align, |a| a as usize);
                let layout = Layout::from_size_align(size as usize, align).expect("valid");
                // SAFETY: the trace's sizes are non-zero.
                match NonNull::new(unsafe { real.alloc(layout) }) {
                    Some(p) => *slot = Some((p, layout)),
                    None => failed += 1,
                }
            }
            OpKind::Free => {
                if let Some((p, layout)) = slot.take() {
                    // SAFETY: `p` is live, allocated with `layout`.
                    unsafe { real.dealloc(p.as_ptr(), layout) };
                }
            }
            OpKind::Realloc { new_size } => {
                if let Some((p, layout)) = *slot {
                    // SAFETY: `p` is live, allocated with `layout`.
                    let moved = unsafe { real.realloc(p.as_ptr(), layout, new_size as usize) };
                    match NonNull::new(moved) {
                        Some(q) => {
                            let new = Layout::from_size_align(new_size as usize, layout.align())
                                .expect("valid");
                            *slot = Some((q, new));
                        }
                        None => failed += 1,
                    }
                }
            }
        }
    }
    for (p, layout) in live.into_iter().flatten() {
        // SAFETY: every block left is live.
        unsafe { real.dealloc(p.as_ptr(), layout) };
    }
    black_box(failed)
}

/// `bumpalo::Bump` through its `Allocator` impl, as the `bump` strategy's
/// conformance test calls it.
struct Bumpalo(bumpalo::Bump);

impl Real for Bumpalo {
    unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        (&self.0)
            .allocate(layout)
            .map_or(std::ptr::null_mut(), |p| p.cast::<u8>().as_ptr())
    }
    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract.
        unsafe { (&self.0).deallocate(NonNull::new_unchecked(ptr), layout) }
    }
    unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align(new_size, layout.align()).expect("valid");
        // SAFETY: the caller's contract; grow takes a larger layout, shrink a smaller.
        let moved = unsafe {
            let p = NonNull::new_unchecked(ptr);
            if new_size >= layout.size() {
                (&self.0).grow(p, layout, new)
            } else {
                (&self.0).shrink(p, layout, new)
            }
        };
        moved.map_or(std::ptr::null_mut(), |p| p.cast::<u8>().as_ptr())
    }
}

/// `linked_list_allocator::Heap` over a 64 MiB buffer.
struct LinkedList(linked_list_allocator::Heap);

impl Real for LinkedList {
    unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        self.0
            .allocate_first_fit(layout)
            .map_or(std::ptr::null_mut(), NonNull::as_ptr)
    }
    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract.
        unsafe { self.0.deallocate(NonNull::new_unchecked(ptr), layout) }
    }
}

/// `buddy_system_allocator::Heap<32>` over a 64 MiB buffer.
struct BuddySystem(buddy_system_allocator::Heap<32>);

impl Real for BuddySystem {
    unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        self.0
            .alloc(layout)
            .map_or(std::ptr::null_mut(), NonNull::as_ptr)
    }
    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract.
        unsafe { self.0.dealloc(NonNull::new_unchecked(ptr), layout) }
    }
}

/// std's `System`: glibc's `malloc`, `realloc` and `free` (or
/// `posix_memalign` for alignments above 16), as a Rust program calls them.
struct Glibc;

impl Real for Glibc {
    unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// jemalloc called as `tikv-jemallocator` calls it: plain `mallocx` flags
/// when the size class's own alignment suffices, `MALLOCX_ALIGN` otherwise,
/// and sized deallocation.
struct Jemalloc;

impl Jemalloc {
    fn flags(layout: Layout) -> std::ffi::c_int {
        if layout.align() <= 16 && layout.align() <= layout.size() {
            0
        } else {
            tikv_jemalloc_sys::MALLOCX_ALIGN(layout.align())
        }
    }
}

impl Real for Jemalloc {
    unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract: a non-zero size.
        unsafe { tikv_jemalloc_sys::mallocx(layout.size(), Self::flags(layout)).cast() }
    }
    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract.
        unsafe { tikv_jemalloc_sys::sdallocx(ptr.cast(), layout.size(), Self::flags(layout)) }
    }
    unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align(new_size, layout.align()).expect("valid");
        // SAFETY: the caller's contract.
        unsafe { tikv_jemalloc_sys::rallocx(ptr.cast(), new_size, Self::flags(new)).cast() }
    }
}

/// CS:APP's implicit free list, first fit, run natively over a 64 MiB
/// buffer: the textbook allocator `implicit-list` models. It promises
/// 8-byte alignment and no more, as the model does.
struct MallocLabFirstFit(MallocLab);

impl Real for MallocLabFirstFit {
    unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        if layout.align() > 8 {
            return std::ptr::null_mut();
        }
        self.0.malloc(layout.size())
    }
    unsafe fn dealloc(&mut self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: the caller's contract.
        unsafe { self.0.free(ptr) }
    }
    unsafe fn realloc(&mut self, ptr: *mut u8, _layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract.
        unsafe { self.0.realloc(ptr, new_size) }
    }
}

/// What a strategy is measured against.
fn real_name(kind: StrategyKind) -> &'static str {
    match kind {
        StrategyKind::Bump => "bumpalo",
        StrategyKind::FirstFit => "linked_list_allocator",
        StrategyKind::FirstFitHeaders => "glibc malloc",
        StrategyKind::SizeClass => "system allocator",
        StrategyKind::Jemalloc => "jemalloc",
        StrategyKind::ImplicitList => "CS:APP mm.c",
        StrategyKind::Buddy => "buddy_system_allocator",
        StrategyKind::Yours => unreachable!("not in the registry's list"),
    }
}

/// The trace through the real allocator `kind` models, on `buffer` where it
/// manages a region of its own.
fn run_real(kind: StrategyKind, list: &OpList, buffer: &RawBuffer, malloc_align: usize) -> u64 {
    match kind {
        StrategyKind::Bump => replay_real(&mut Bumpalo(bumpalo::Bump::new()), list, malloc_align),
        StrategyKind::FirstFit => {
            // SAFETY: the buffer is HEAP bytes, unused by anything else while
            // this heap lives, and outlives it.
            let heap = unsafe { linked_list_allocator::Heap::new(buffer.ptr(), HEAP) };
            replay_real(&mut LinkedList(heap), list, malloc_align)
        }
        StrategyKind::Buddy => {
            let mut heap = buddy_system_allocator::Heap::<32>::new();
            // SAFETY: as above.
            unsafe { heap.init(buffer.addr(), HEAP) };
            replay_real(&mut BuddySystem(heap), list, malloc_align)
        }
        StrategyKind::Jemalloc => replay_real(&mut Jemalloc, list, malloc_align),
        StrategyKind::ImplicitList => {
            let lab = MallocLab::new(HEAP, alloc_sim::strategy::Placement::FirstFit)
                .expect("64 MiB holds the prologue and a chunk");
            replay_real(&mut MallocLabFirstFit(lab), list, malloc_align)
        }
        StrategyKind::FirstFitHeaders | StrategyKind::SizeClass | StrategyKind::Yours => {
            replay_real(&mut Glibc, list, malloc_align)
        }
    }
}

/// The sample times criterion measured, per benchmark: each sample's
/// elapsed time and iteration count. Criterion first warms up, calling the
/// routine with growing counts, then takes exactly `SAMPLES` samples; the
/// last `SAMPLES` entries are those.
static SAMPLED: Mutex<Vec<(String, Samples)>> = Mutex::new(Vec::new());

/// One benchmark's samples: (elapsed, iterations) each.
type Samples = Vec<(Duration, u64)>;

fn record(id: &str, elapsed: Duration, iters: u64) {
    let mut sampled = SAMPLED.lock().expect("not poisoned");
    match sampled.iter_mut().find(|(name, _)| name == id) {
        Some((_, times)) => times.push((elapsed, iters)),
        None => sampled.push((id.to_owned(), vec![(elapsed, iters)])),
    }
}

/// The mean time of one iteration, in nanoseconds, over criterion's
/// samples of `id`; `None` if a filter left it out.
fn mean_ns(id: &str) -> Option<f64> {
    let sampled = SAMPLED.lock().expect("not poisoned");
    let (_, times) = sampled.iter().find(|(name, _)| name == id)?;
    let samples = &times[times.len().saturating_sub(SAMPLES)..];
    let total: Duration = samples.iter().map(|(d, _)| *d).sum();
    let iters: u64 = samples.iter().map(|(_, n)| n).sum();
    Some(total.as_nanos() as f64 / iters as f64)
}

fn bench(c: &mut Criterion) {
    let list = trace();
    let buffer = RawBuffer::new(HEAP);
    let mut group = c.benchmark_group("versus real");
    group.throughput(Throughput::Elements(CALLS as u64));
    group.sample_size(SAMPLES);
    for kind in StrategyKind::ALL {
        let malloc_align = Simulation::new(HeapConfig::new(MAX_HEAP_SIZE), kind)
            .expect("valid heap")
            .malloc_align() as usize;
        let sim_id = kind.name().to_owned();
        group.bench_function(&sim_id, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    simulate(kind, black_box(&list));
                }
                let elapsed = start.elapsed();
                record(&sim_id, elapsed, iters);
                elapsed
            })
        });
        let real_id = format!("{} ({})", real_name(kind), kind.name());
        group.bench_function(&real_id, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    run_real(kind, black_box(&list), &buffer, malloc_align);
                }
                let elapsed = start.elapsed();
                record(&real_id, elapsed, iters);
                elapsed
            })
        });
    }
    group.finish();
}

/// One line per strategy: the model's time per call, the real allocator's,
/// and the ratio; then how many calls found no room on each side (the same
/// trace should fail the same way, or the comparison says so).
fn table() {
    let list = trace();
    let buffer = RawBuffer::new(HEAP);
    println!("\nthe simulation next to the real allocators, {CALLS} calls (ns per call):");
    println!(
        "  {:<18} {:>10}  {:<24} {:>10} {:>8}",
        "strategy", "simulated", "real allocator", "real", "ratio"
    );
    for kind in StrategyKind::ALL {
        let real_id = format!("{} ({})", real_name(kind), kind.name());
        let (Some(sim), Some(real)) = (mean_ns(kind.name()), mean_ns(&real_id)) else {
            continue;
        };
        let (sim, real) = (sim / CALLS as f64, real / CALLS as f64);
        let malloc_align = Simulation::new(HeapConfig::new(MAX_HEAP_SIZE), kind)
            .expect("valid heap")
            .malloc_align() as usize;
        let (sim_failed, real_failed) = (
            simulate(kind, &list),
            run_real(kind, &list, &buffer, malloc_align),
        );
        let failures = if sim_failed + real_failed > 0 {
            format!("  (calls without room: {sim_failed} simulated, {real_failed} real)")
        } else {
            String::new()
        };
        println!(
            "  {:<18} {:>10.1}  {:<24} {:>10.1} {:>7.1}x{failures}",
            kind.name(),
            sim,
            real_name(kind),
            real,
            sim / real
        );
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
    table();
}
