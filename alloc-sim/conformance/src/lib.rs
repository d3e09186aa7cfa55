//! Conformance tests for alloc-sim live in `tests/`; this library holds
//! what they share: a program of allocator calls, a raw, aligned buffer
//! for a real allocator to manage, and the one real allocator no crate
//! provides: CS:APP's implicit free list ([`malloc_lab`]), written natively.
//!
//! Each test drives a real allocator (linked_list_allocator, bumpalo,
//! glibc, the textbook's `mm.c`) and the simulation with the same calls,
//! and compares where the blocks land. This crate needs `unsafe` to call them, which is why it is
//! kept apart from alloc-sim, which forbids it.

use proptest::prelude::*;
use std::alloc::Layout;

pub mod malloc_lab;

/// One step of a test program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Allocate `size` bytes at `align`.
    Alloc { size: usize, align: usize },
    /// Free the live block at this index (modulo the number live).
    Free(usize),
    /// Resize the live block at this index to `new_size`.
    Realloc(usize, usize),
}

/// A random program: mostly allocations of up to `max_size` bytes with
/// alignments from 1 to `max_align`, mixed with frees and reallocs.
pub fn program(
    len: usize,
    max_size: usize,
    max_align_log2: u32,
) -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        4 => (1..=max_size, 0..=max_align_log2).prop_map(|(size, a)| Step::Alloc { size, align: 1 << a }),
        3 => any::<usize>().prop_map(Step::Free),
        1 => (any::<usize>(), 1..=max_size).prop_map(|(i, n)| Step::Realloc(i, n)),
    ];
    proptest::collection::vec(step, 1..len)
}

/// A real allocator and the simulation driven in lockstep by a program.
pub trait Pair {
    /// Allocates in both and compares.
    fn alloc(&mut self, layout: Layout) -> Option<usize>;
    /// Frees the live block at `index` in both and compares.
    fn free(&mut self, index: usize);
    /// Resizes the live block at `index` in both and compares.
    fn realloc(&mut self, index: usize, new_size: usize);
    /// How many blocks are live.
    fn live(&self) -> usize;

    /// Runs a program; frees and reallocs pick a live block by index.
    fn run(&mut self, steps: &[Step]) {
        for &step in steps {
            match step {
                Step::Alloc { size, align } => {
                    self.alloc(
                        Layout::from_size_align(size, align).expect("programs make valid layouts"),
                    );
                }
                Step::Free(i) if self.live() > 0 => self.free(i % self.live()),
                Step::Realloc(i, n) if self.live() > 0 => self.realloc(i % self.live(), n),
                _ => {}
            }
        }
    }
}

/// A zeroed buffer of `size` bytes aligned to 4096, freed on drop.
#[derive(Debug)]
pub struct RawBuffer {
    ptr: *mut u8,
    layout: Layout,
}

impl RawBuffer {
    /// Allocates the buffer from the system allocator.
    pub fn new(size: usize) -> RawBuffer {
        RawBuffer::with_align(size, 4096)
    }

    /// A zeroed buffer of `size` bytes aligned to `align` (a power of two),
    /// for an allocator whose layout depends on absolute alignments.
    pub fn with_align(size: usize, align: usize) -> RawBuffer {
        let layout = Layout::from_size_align(size, align).expect("valid buffer layout");
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
        assert!(!ptr.is_null(), "test buffer allocation failed");
        RawBuffer { ptr, layout }
    }

    /// The first byte.
    pub fn ptr(&self) -> *mut u8 {
        self.ptr
    }

    /// The buffer's address as a number.
    pub fn addr(&self) -> usize {
        self.ptr as usize
    }

    /// A copy of every byte of the buffer.
    pub fn to_vec(&self) -> Vec<u8> {
        // SAFETY: the buffer is `layout.size()` initialised (zeroed) bytes,
        // valid until drop; the slice lives only for this copy.
        unsafe { std::slice::from_raw_parts(self.ptr, self.layout.size()) }.to_vec()
    }

    /// Reads a `usize` at `offset`.
    pub fn read_usize(&self, offset: usize) -> usize {
        assert!(offset + 8 <= self.layout.size());
        // SAFETY: in bounds (checked above); read_unaligned has no alignment needs.
        unsafe { self.ptr.add(offset).cast::<usize>().read_unaligned() }
    }
}

impl Drop for RawBuffer {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout.
        unsafe { std::alloc::dealloc(self.ptr, self.layout) }
    }
}
