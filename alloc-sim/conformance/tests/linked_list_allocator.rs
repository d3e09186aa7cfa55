//! alloc-sim's `first-fit` against the real `linked_list_allocator::Heap`
//! over a buffer of the same size: same placements, same holes, same
//! failures, after every call.

use std::alloc::Layout;
use std::ptr::NonNull;

use alloc_sim::strategy::FirstFit;
use alloc_sim::{Addr, AnyStrategy, HeapConfig, Simulation, StrategyKind};
use conformance::{program, Pair, RawBuffer};
use linked_list_allocator::Heap as RealHeap;
use proptest::prelude::*;

const BASE: u64 = 0x1000;

/// The real heap and the simulated one, driven in lockstep.
struct Lockstep {
    buffer: RawBuffer,
    real: RealHeap,
    sim: Simulation,
    /// Live blocks: (offset, layout).
    live: Vec<(usize, Layout)>,
}

impl Lockstep {
    fn new(size: usize) -> Lockstep {
        let buffer = RawBuffer::new(size);
        // SAFETY: the buffer is valid, unused otherwise, and outlives `real`
        // (both are fields of `Pair`, and `real` never frees it).
        let real = unsafe { RealHeap::new(buffer.ptr(), size) };
        let sim = Simulation::new(HeapConfig::new(size as u64), StrategyKind::FirstFit).unwrap();
        Lockstep {
            buffer,
            real,
            sim,
            live: Vec::new(),
        }
    }

    fn first_fit(&self) -> &FirstFit {
        match self.sim.strategy() {
            AnyStrategy::FirstFit(ff) => ff,
            _ => unreachable!(),
        }
    }

    /// The simulated holes, which must also be the real heap's: the real
    /// nodes sit in the real buffer at the same offsets, with the same sizes
    /// and links.
    fn compare_holes(&self) {
        let holes = self.first_fit().holes(self.sim.heap());
        for (i, &(addr, size)) in holes.iter().enumerate() {
            let offset = (addr.0 - BASE) as usize;
            let real_size = self.buffer.read_usize(offset);
            let real_next = self.buffer.read_usize(offset + 8);
            assert_eq!(real_size as u64, size, "hole at +{offset}: size");
            let expect_next = holes.get(i + 1).map_or(0, |&(next, _)| {
                self.buffer.addr() + (next.0 - BASE) as usize
            });
            assert_eq!(real_next, expect_next, "hole at +{offset}: link");
        }
        let free: u64 = holes.iter().map(|h| h.1).sum();
        assert_eq!(self.real.free() as u64, free, "free bytes");
        assert_eq!(self.sim.metrics().total_free, free);
        self.sim.check().unwrap();
    }

    fn alloc_both(&mut self, layout: Layout) -> Option<usize> {
        let real = self
            .real
            .allocate_first_fit(layout)
            .ok()
            .map(|p| p.as_ptr() as usize - self.buffer.addr());
        let sim = self.sim.alloc(layout).ok().map(|a| (a.0 - BASE) as usize);
        assert_eq!(sim, real, "alloc({layout:?})");
        if let Some(offset) = real {
            self.live.push((offset, layout));
        }
        self.compare_holes();
        real
    }

    fn free_both(&mut self, index: usize) {
        let (offset, layout) = self.live.remove(index);
        let ptr = NonNull::new(self.buffer.addr().wrapping_add(offset) as *mut u8).unwrap();
        // SAFETY: `ptr` was returned by `allocate_first_fit` with `layout`
        // and has not been freed.
        unsafe { self.real.deallocate(ptr, layout) };
        self.sim
            .dealloc(Addr(BASE + offset as u64), layout)
            .unwrap();
        self.compare_holes();
    }

    /// linked_list_allocator has no realloc of its own: as a `GlobalAlloc`
    /// (`LockedHeap`) it uses the default, alloc + copy + dealloc.
    fn realloc_both(&mut self, index: usize, new_size: usize) {
        let (offset, layout) = self.live[index];
        let new_layout = Layout::from_size_align(new_size, layout.align()).unwrap();
        let real = self
            .real
            .allocate_first_fit(new_layout)
            .ok()
            .map(|p| p.as_ptr() as usize - self.buffer.addr());
        if real.is_some() {
            let ptr = NonNull::new((self.buffer.addr() + offset) as *mut u8).unwrap();
            // SAFETY: as in `free`.
            unsafe { self.real.deallocate(ptr, layout) };
        }
        let sim = self
            .sim
            .realloc(Addr(BASE + offset as u64), layout, new_size as u64)
            .ok();
        let sim = sim.map(|a| (a.0 - BASE) as usize);
        assert_eq!(sim, real, "realloc(+{offset}, {layout:?}, {new_size})");
        if let Some(new) = real {
            self.live[index] = (new, new_layout);
        }
        self.compare_holes();
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
fn initial_heap_is_one_hole() {
    let pair = Lockstep::new(4096);
    pair.compare_holes();
}

#[test]
fn front_padding_is_kept_as_a_hole() {
    let mut pair = Lockstep::new(4096);
    pair.alloc(layout(24, 8));
    pair.alloc(layout(100, 256));
    pair.alloc(layout(8, 8)); // lands in the front padding
}

#[test]
fn tail_too_small_for_a_node_skips_the_hole() {
    let mut pair = Lockstep::new(1024);
    pair.alloc(layout(24, 8));
    pair.alloc(layout(16, 8));
    pair.free(0);
    pair.alloc(layout(16, 8));
}

#[test]
fn deallocate_right_before_and_right_behind_merge() {
    let mut pair = Lockstep::new(2048);
    for _ in 0..6 {
        pair.alloc(layout(40, 8));
    }
    pair.free(1);
    pair.free(2); // was index 3: merges with the hole before
    pair.free(1); // was index 2: fills the gap, merges both ways
    pair.free(0);
}

#[test]
fn heap_full_then_freed_in_random_order() {
    let mut pair = Lockstep::new(1024);
    while pair.alloc(layout(48, 16)).is_some() {}
    for i in [3, 0, 5, 1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] {
        if pair.live.is_empty() {
            break;
        }
        pair.free(i % pair.live.len());
    }
}

#[test]
fn realloc_moves_as_the_default_realloc_does() {
    let mut pair = Lockstep::new(2048);
    pair.alloc(layout(32, 8));
    pair.alloc(layout(32, 8));
    pair.realloc(0, 64);
    pair.realloc(1, 16);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_programs_place_blocks_as_linked_list_allocator(
        steps in program(120, 300, 7),
        size in prop_oneof![Just(1024usize), Just(4096), Just(16384)],
    ) {
        let mut pair = Lockstep::new(size);
        pair.run(&steps);
        // Free everything: one hole again, the whole heap.
        while !pair.live.is_empty() {
            pair.free(pair.live.len() - 1);
        }
        let holes = pair.first_fit().holes(pair.sim.heap());
        prop_assert_eq!(holes, vec![(Addr(BASE), size as u64)]);
    }
}
