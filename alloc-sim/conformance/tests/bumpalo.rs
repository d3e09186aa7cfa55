//! alloc-sim's `bump` against the real `bumpalo::Bump`: one chunk of the
//! same capacity, the same calls through bumpalo's `Allocator` impl
//! (`allocate`, `deallocate`, `grow`, `shrink`), the same offsets.

use std::alloc::Layout;
use std::ptr::NonNull;

use alloc_sim::strategy::bump::footer_size;
use alloc_sim::{Addr, HeapConfig, Simulation, StrategyKind};
use allocator_api2::alloc::Allocator;
use bumpalo::Bump;
use conformance::{program, Pair};
use proptest::prelude::*;

struct Lockstep {
    real: Bump,
    /// The real chunk's first data byte.
    start: usize,
    sim: Simulation,
    base: u64,
    live: Vec<(usize, Layout)>,
}

impl Lockstep {
    /// A bumpalo chunk of at least `capacity` bytes and a simulated heap
    /// whose data region has exactly the chunk's capacity, at a base
    /// congruent to the chunk's start modulo 4096 so that alignment
    /// rounding happens at the same offsets.
    fn new(capacity: usize) -> Lockstep {
        let real = Bump::with_capacity(capacity);
        // Never take a second chunk: the simulated heap is one chunk.
        real.set_allocation_limit(Some(real.allocated_bytes()));
        let data = real.chunk_capacity();
        // The bump pointer starts at the footer, `data` bytes above the start.
        let probe = (&real).allocate(Layout::new::<u8>()).unwrap();
        let start = probe.as_ptr().cast::<u8>() as usize + 1 - data;
        // SAFETY: `probe` was the most recent allocation, so this returns its byte.
        unsafe { (&real).deallocate(probe.cast(), Layout::new::<u8>()) };
        assert_eq!(real.chunk_capacity(), data);
        let base = 0x10_0000 + (start as u64 & 0xfff);
        let heap = HeapConfig::new(data as u64 + footer_size(8)).at(Addr(base));
        let sim = Simulation::new(heap, StrategyKind::Bump).unwrap();
        assert_eq!(sim.metrics().total_free, data as u64, "same capacity");
        Lockstep {
            real,
            start,
            sim,
            base,
            live: Vec::new(),
        }
    }

    fn real_offset(&self, p: NonNull<u8>) -> usize {
        p.as_ptr() as usize - self.start
    }

    fn sim_offset(&self, a: Addr) -> usize {
        (a.0 - self.base) as usize
    }

    fn compare(&self) {
        assert_eq!(
            self.sim.metrics().total_free,
            self.real.chunk_capacity() as u64,
            "bump pointer"
        );
        self.sim.check().unwrap();
    }

    fn alloc_both(&mut self, layout: Layout) -> Option<usize> {
        let real = (&self.real)
            .allocate(layout)
            .ok()
            .map(|p| self.real_offset(p.cast()));
        let sim = self.sim.alloc(layout).ok().map(|a| self.sim_offset(a));
        assert_eq!(sim, real, "alloc({layout:?})");
        if let Some(offset) = real {
            self.live.push((offset, layout));
        }
        self.compare();
        real
    }

    fn ptr(&self, offset: usize) -> NonNull<u8> {
        NonNull::new((self.start + offset) as *mut u8).unwrap()
    }

    fn free_both(&mut self, index: usize) {
        let (offset, layout) = self.live.remove(index);
        // SAFETY: allocated from this Bump with `layout`, not yet freed.
        unsafe { (&self.real).deallocate(self.ptr(offset), layout) };
        self.sim
            .dealloc(Addr(self.base + offset as u64), layout)
            .unwrap();
        self.compare();
    }

    fn realloc_both(&mut self, index: usize, new_size: usize) {
        let (offset, layout) = self.live[index];
        let new_layout = Layout::from_size_align(new_size, layout.align()).unwrap();
        let ptr = self.ptr(offset);
        // `realloc` to the same size keeps the block; bumpalo's `grow` would
        // copy a block that is not the most recent, but neither std nor a
        // `GlobalAlloc` user asks it to grow by nothing.
        // SAFETY: `ptr` is live with `layout`; the new layout has its align.
        let real = unsafe {
            if new_size == layout.size() {
                Ok(NonNull::slice_from_raw_parts(ptr, new_size))
            } else if new_size > layout.size() {
                (&self.real).grow(ptr, layout, new_layout)
            } else {
                (&self.real).shrink(ptr, layout, new_layout)
            }
        };
        let real = real.ok().map(|p| self.real_offset(p.cast()));
        let sim = self
            .sim
            .realloc(Addr(self.base + offset as u64), layout, new_size as u64)
            .ok();
        let sim = sim.map(|a| self.sim_offset(a));
        assert_eq!(sim, real, "realloc(+{offset}, {layout:?}, {new_size})");
        if let Some(new) = real {
            self.live[index] = (new, new_layout);
        }
        self.compare();
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
fn blocks_go_down_from_the_footer() {
    let mut pair = Lockstep::new(1000);
    pair.alloc(layout(16, 8));
    pair.alloc(layout(3, 1));
    pair.alloc(layout(8, 8)); // the odd pointer is rounded down first
    pair.alloc(layout(100, 64));
}

#[test]
fn only_the_most_recent_block_is_given_back() {
    let mut pair = Lockstep::new(1000);
    pair.alloc(layout(24, 8));
    pair.alloc(layout(40, 8));
    pair.free(0); // not the most recent: stranded
    pair.free(0); // the most recent: the pointer moves back
    pair.alloc(layout(8, 8));
}

#[test]
fn grow_slides_the_most_recent_block_down_and_shrink_slides_it_up() {
    let mut pair = Lockstep::new(2000);
    pair.alloc(layout(64, 8));
    pair.realloc(0, 200); // grows in its own chunk by the difference
    pair.realloc(0, 40); // shrinks by more than half: slides up
    pair.realloc(0, 30); // shrinks by less than half: stays
    pair.alloc(layout(8, 8));
    pair.realloc(0, 100); // not the most recent: a fresh block
}

#[test]
fn running_out_fails_in_both() {
    let mut pair = Lockstep::new(500);
    while pair.alloc(layout(48, 16)).is_some() {}
    pair.alloc(layout(1, 1));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_programs_place_blocks_as_bumpalo(
        steps in program(100, 200, 6),
        capacity in prop_oneof![Just(600usize), Just(3000), Just(20000)],
    ) {
        let mut pair = Lockstep::new(capacity);
        pair.run(&steps);
    }
}
