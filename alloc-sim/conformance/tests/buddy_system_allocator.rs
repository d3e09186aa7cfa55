//! alloc-sim's `Buddy` against the real `buddy_system_allocator::Heap<32>`
//! over a buffer laid out like the simulated heap: same placements, same
//! free lists (every order, in list order), same counters, same failures,
//! after every call.
//!
//! The crate cuts its range at absolute alignments and finds a buddy by
//! XOR on absolute addresses, so where a heap starts matters. The real heap
//! starts at an address congruent to the simulated base modulo a power of
//! two at least the heap's size: then every alignment the crate can see
//! agrees, and the two are compared by offsets from their starts.
//!
//! The real `Heap` keeps its free lists private. They are read with the
//! crate's own `alloc`, on a bitwise copy of the heap: draining the largest
//! order first, every list above the one drained is empty, so each `alloc`
//! pops its own order's head, which walks the links in the real memory in
//! list order and writes nothing (checked: the buffer is unchanged).

use std::alloc::Layout;
use std::ptr::NonNull;

use alloc_sim::strategy::buddy::{Buddy, ORDERS};
use alloc_sim::strategy::{Request, Strategy as _};
use alloc_sim::{Addr, AllocId, Heap, HeapConfig, Log, ThreadId};
use buddy_system_allocator::Heap as RealHeap;
use conformance::{program, Pair, RawBuffer};
use proptest::prelude::*;

/// The real heap's `ORDER`, which the simulation must share.
const ORDER: usize = 32;

/// The real heap and the simulated one, driven in lockstep.
struct Lockstep {
    buffer: RawBuffer,
    /// The real heap's first byte: the buffer, plus the simulated base
    /// modulo the buffer's alignment.
    start: usize,
    real: RealHeap<ORDER>,
    heap: Heap,
    buddy: Buddy,
    next_id: u32,
    /// Live blocks: (offset, layout).
    live: Vec<(usize, Layout)>,
}

impl Lockstep {
    fn new(config: HeapConfig) -> Lockstep {
        assert_eq!(ORDERS, ORDER, "the simulation models Heap<32>");
        let size = config.size as usize;
        let span = size.next_power_of_two();
        let lead = config.base.0 as usize % span;
        let buffer = RawBuffer::with_align(lead + size, span);
        let start = buffer.addr() + lead;
        let mut real = RealHeap::<ORDER>::new();
        // SAFETY: `start..start + size` lies in the buffer, which nothing else
        // uses and which outlives `real` (both are fields of `Lockstep`).
        unsafe { real.init(start, size) };
        let mut heap = Heap::new(config);
        let mut buddy = Buddy::default();
        buddy.init(&mut heap);
        let pair = Lockstep {
            buffer,
            start,
            real,
            heap,
            buddy,
            next_id: 1,
            live: Vec::new(),
        };
        pair.compare();
        pair
    }

    /// A heap of `size` bytes at an address aligned to its size (rounded
    /// up to a power of two): the crate's heap is one block, or as few as
    /// the size allows.
    fn aligned(size: u64) -> Lockstep {
        Lockstep::new(HeapConfig::new(size).at(Addr(size.next_power_of_two())))
    }

    fn offset_of_real(&self, ptr: NonNull<u8>) -> usize {
        ptr.as_ptr() as usize - self.start
    }

    fn offset_of_sim(&self, addr: Addr) -> usize {
        addr.since(self.heap.base()) as usize
    }

    fn real_ptr(&self, offset: usize) -> NonNull<u8> {
        NonNull::new((self.start + offset) as *mut u8).unwrap()
    }

    fn request(&mut self, layout: Layout) -> Request {
        let id = AllocId(self.next_id);
        self.next_id += 1;
        Request {
            layout,
            id,
            thread: ThreadId::MAIN,
        }
    }

    /// The real free lists, by order, as offsets in list order: drained
    /// from a bitwise copy of the real heap, largest order first.
    fn real_lists(&self) -> Vec<Vec<usize>> {
        let before = self.buffer.to_vec();
        // SAFETY: `Heap<32>` is 32 list heads (raw pointers) and three
        // counters, with no `Drop`: a bitwise copy is a second view of the
        // same lists. The copy only pops (see the module docs), which reads
        // the links in the buffer and writes none of it, as checked below.
        let mut copy: RealHeap<ORDER> = unsafe { std::ptr::read(&self.real) };
        let mut lists = vec![Vec::new(); ORDER];
        for k in (0..ORDER).rev() {
            // Orders below a word cannot be asked for: a request takes at
            // least a word, so nothing is ever put on their lists.
            if 1 << k < size_of::<usize>() {
                continue;
            }
            let layout = Layout::from_size_align(1 << k, 1).unwrap();
            while let Ok(block) = copy.alloc(layout) {
                lists[k].push(self.offset_of_real(block));
            }
        }
        assert!(
            self.buffer.to_vec() == before,
            "reading the real lists wrote into the heap"
        );
        lists
    }

    /// The simulated free lists, read from the simulated heap's bytes.
    fn sim_lists(&self) -> Vec<Vec<usize>> {
        self.buddy
            .free_lists(&self.heap)
            .iter()
            .map(|list| list.iter().map(|&a| self.offset_of_sim(a)).collect())
            .collect()
    }

    /// Everything both can be asked about: every free list, and the
    /// counters (total, allocated, requested bytes).
    fn compare(&self) {
        assert_eq!(self.sim_lists(), self.real_lists(), "free lists by order");
        let free = self.buddy.free_space(&self.heap).total as usize;
        let allocated: usize = self
            .live
            .iter()
            .map(|&(_, l)| self.buddy.usable_size(l, &self.heap) as usize)
            .sum();
        let requested: usize = self.live.iter().map(|&(_, l)| l.size()).sum();
        assert_eq!(
            self.real.stats_total_bytes(),
            free + allocated,
            "total bytes"
        );
        assert_eq!(self.real.stats_alloc_actual(), allocated, "allocated bytes");
        assert_eq!(self.real.stats_alloc_user(), requested, "requested bytes");
        self.heap.roles().check().unwrap();
        self.buddy.check(&self.heap).unwrap();
    }

    fn alloc_both(&mut self, layout: Layout) -> Option<usize> {
        let real = self.real.alloc(layout).ok().map(|p| self.offset_of_real(p));
        let request = self.request(layout);
        let mut log = Log::default();
        let sim = self.buddy.alloc(&mut self.heap, request, &mut log);
        let sim = sim.map(|a| self.offset_of_sim(a));
        assert_eq!(sim, real, "alloc({layout:?})");
        if let Some(offset) = real {
            self.live.push((offset, layout));
        }
        self.compare();
        real
    }

    fn free_both(&mut self, index: usize) {
        let (offset, layout) = self.live.remove(index);
        // SAFETY: the block was returned by `alloc` with `layout` and has not
        // been freed.
        unsafe { self.real.dealloc(self.real_ptr(offset), layout) };
        let addr = self.heap.base().add(offset as u64);
        let mut log = Log::default();
        self.buddy
            .dealloc(&mut self.heap, addr, layout, ThreadId::MAIN, &mut log);
        self.compare();
    }

    /// The crate has no realloc of its own: as a `GlobalAlloc`
    /// (`LockedHeap`) it takes the default, alloc + copy + dealloc, and so
    /// does `Buddy`.
    fn realloc_both(&mut self, index: usize, new_size: usize) {
        let (offset, layout) = self.live[index];
        let new_layout = Layout::from_size_align(new_size, layout.align()).unwrap();
        let real = self.real.alloc(new_layout).ok();
        if let Some(new) = real {
            let old = self.real_ptr(offset);
            // SAFETY: both blocks are live, distinct, and at least
            // `min(old, new)` bytes long; then the old one is freed with the
            // layout it was allocated with.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    old.as_ptr(),
                    new.as_ptr(),
                    layout.size().min(new_size),
                );
                self.real.dealloc(old, layout);
            }
        }
        let real = real.map(|p| self.offset_of_real(p));
        let request = self.request(new_layout);
        let addr = self.heap.base().add(offset as u64);
        let mut log = Log::default();
        let sim = self.buddy.realloc(
            &mut self.heap,
            addr,
            layout,
            new_size as u64,
            request,
            &mut log,
        );
        let sim = sim.map(|a| self.offset_of_sim(a));
        assert_eq!(sim, real, "realloc(+{offset}, {layout:?}, {new_size})");
        if let Some(new) = real {
            self.live[index] = (new, new_layout);
        }
        self.compare();
    }

    /// Frees every live block, newest first.
    fn free_all(&mut self) {
        while !self.live.is_empty() {
            self.free_both(self.live.len() - 1);
        }
    }
}

impl Pair for Lockstep {
    fn alloc(&mut self, layout: Layout) -> Option<usize> {
        self.alloc_both(layout)
    }
    fn free(&mut self, index: usize) {
        self.free_both(index);
    }
    fn realloc(&mut self, index: usize, new_size: usize) {
        self.realloc_both(index, new_size);
    }
    fn live(&self) -> usize {
        self.live.len()
    }
}

fn layout(size: usize, align: usize) -> Layout {
    Layout::from_size_align(size, align).unwrap()
}

#[test]
fn a_heap_is_cut_into_blocks_as_add_to_heap_cuts_it() {
    // Aligned and not, powers of two and not, and a size that is not a
    // whole number of words; `new` compares the lists and the total.
    for (size, base) in [
        (4096, 4096),
        (4096, 0x1000),
        (16 << 10, 0x1000),
        (64 << 10, 0x1000),
        (20_000, 0x1000),
        (1003, 0x1010),
        (32 << 10, 0x3000),
        (12_345, 0x7ff0),
        (256, 0x10),
    ] {
        Lockstep::new(HeapConfig::new(size).at(Addr(base)));
    }
}

#[test]
fn a_small_request_splits_all_the_way_down() {
    let mut pair = Lockstep::aligned(4096);
    pair.alloc(layout(1, 1));
    pair.alloc(layout(1, 1));
    pair.alloc(layout(1, 1));
}

#[test]
fn freeing_everything_merges_back_to_the_first_blocks() {
    for base in [0x1000, 0x8000] {
        let mut pair = Lockstep::new(HeapConfig::new(32 << 10).at(Addr(base)));
        for size in [24, 8, 100, 8, 40, 2000, 16, 3000, 1, 500] {
            pair.alloc(layout(size, 8));
        }
        for i in [3, 0, 5, 1] {
            pair.free(i);
        }
        pair.free_all();
    }
}

#[test]
fn merging_stops_at_a_live_buddy() {
    let mut pair = Lockstep::aligned(1024);
    for _ in 0..4 {
        pair.alloc(layout(32, 8));
    }
    pair.free(0);
    pair.free(1); // was index 2: its buddy (index 3) is live
    pair.free(0); // was index 1: merges with index 0, not further
    pair.free(0); // the last: merges all the way up
}

#[test]
fn freed_blocks_come_back_last_in_first_out() {
    let mut pair = Lockstep::aligned(1024);
    for _ in 0..6 {
        pair.alloc(layout(16, 8));
    }
    pair.free(1);
    pair.free(2); // was index 3
    pair.alloc(layout(16, 8));
    pair.alloc(layout(16, 8));
}

#[test]
fn alignment_larger_than_size_takes_a_block_of_the_alignment() {
    let mut pair = Lockstep::new(HeapConfig::new(8192).at(Addr(0x1000)));
    pair.alloc(layout(8, 8));
    pair.alloc(layout(8, 512));
    pair.alloc(layout(1, 4096));
    pair.alloc(layout(24, 64));
}

#[test]
fn out_of_memory_fails_in_both_and_changes_nothing() {
    let mut pair = Lockstep::aligned(1024);
    pair.alloc(layout(8, 8));
    // Most of the heap is free, but no single block is large enough.
    assert_eq!(pair.alloc(layout(513, 1)), None);
    assert_eq!(pair.alloc(layout(8, 1024)), None);
    // Larger than the heap, and an order past the crate's last list.
    assert_eq!(pair.alloc(layout(1 << 20, 8)), None);
    assert_eq!(pair.alloc(layout(8, 1 << 40)), None);
    while pair.alloc(layout(8, 8)).is_some() {}
    assert_eq!(pair.alloc(layout(1, 1)), None);
}

#[test]
fn realloc_moves_as_the_default_realloc_does() {
    let mut pair = Lockstep::aligned(2048);
    pair.alloc(layout(32, 8));
    pair.alloc(layout(32, 8));
    pair.realloc(0, 64);
    pair.realloc(1, 16);
    pair.realloc(0, 1500); // fails: no block of 2048 left
}

#[test]
fn a_heap_full_of_words_freed_in_a_scattered_order() {
    let mut pair = Lockstep::new(HeapConfig::new(1024).at(Addr(0x1000)));
    while pair.alloc(layout(8, 8)).is_some() {}
    let mut i = 0;
    while pair.live() > 0 {
        i = (i + 37) % pair.live();
        pair.free(i);
    }
}

/// A heap of 256 B to 64 KiB at any 16-aligned base up to 0x20000.
fn heap_config() -> impl Strategy<Value = HeapConfig> {
    (256u64..=65_536, 1u64..=0x2000)
        .prop_map(|(size, base)| HeapConfig::new(size).at(Addr(base * 16)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_programs_run_as_on_buddy_system_allocator(
        steps in program(120, 2048, 10),
        config in heap_config(),
    ) {
        let mut pair = Lockstep::new(config);
        pair.run(&steps);
        pair.free_all();
        // Everything free: the blocks the heap was first cut into, again.
        let mut blocks: Vec<_> = pair
            .buddy
            .free_lists(&pair.heap)
            .iter()
            .enumerate()
            .flat_map(|(k, list)| list.iter().map(move |&a| (a, k)))
            .collect();
        blocks.sort();
        prop_assert_eq!(blocks, Buddy::initial_blocks(&pair.heap));
    }

    #[test]
    fn small_heaps_run_out_as_buddy_system_allocator_does(
        steps in program(80, 200, 6),
        size in 256u64..=1024,
    ) {
        let mut pair = Lockstep::aligned(size);
        pair.run(&steps);
    }
}
