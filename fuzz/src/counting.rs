//! The fuzz binary's global allocator: the system's, counting the bytes
//! live, so that an input that makes the simulation hold more host memory
//! than [`BOUND`] is a finding, and one that asks for more than
//! [`HARD_CAP`] is refused (`handle_alloc_error` aborts the worker, which
//! its supervisor reports) instead of pushing the machine into swap.
//!
//! `GlobalAlloc` is an unsafe trait, so this file allows `unsafe`, which
//! the rest of the workspace forbids (the crate's lints make it `deny`,
//! so that this one file can say so), as `alloc-sim/recorder` does for
//! its recording allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Live host bytes past which an input is a finding.
pub const BOUND: usize = 1 << 30;
/// Live host bytes past which an allocation fails.
pub const HARD_CAP: usize = 3 << 30;

/// The system allocator, counting.
#[derive(Debug)]
pub struct Counting {
    live: AtomicUsize,
    peak: AtomicUsize,
}

impl Counting {
    /// A counter at zero.
    pub const fn new() -> Counting {
        Counting {
            live: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// Bytes live now.
    pub fn live(&self) -> usize {
        self.live.load(Relaxed)
    }

    /// The most bytes live since the last [`Counting::reset_peak`].
    pub fn peak(&self) -> usize {
        self.peak.load(Relaxed)
    }

    /// Starts a new peak from what is live now.
    pub fn reset_peak(&self) {
        self.peak.store(self.live(), Relaxed);
    }

    /// Counts `size` more bytes, or refuses them past the hard cap.
    fn take(&self, size: usize) -> bool {
        let before = self.live.fetch_add(size, Relaxed);
        if before.saturating_add(size) > HARD_CAP {
            self.live.fetch_sub(size, Relaxed);
            return false;
        }
        self.peak.fetch_max(before + size, Relaxed);
        true
    }

    fn give(&self, size: usize) {
        self.live.fetch_sub(size, Relaxed);
    }
}

impl Default for Counting {
    fn default() -> Counting {
        Counting::new()
    }
}

// SAFETY: every call goes to `System` with the caller's own arguments; the
// counting around it touches only atomics and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !self.take(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            self.give(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !self.take(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            self.give(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with `layout` (every block here does).
        unsafe { System.dealloc(ptr, layout) };
        self.give(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = layout.size();
        if new_size > old && !self.take(new_size - old) {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's block, layout and new size.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            if new_size > old {
                self.give(new_size - old);
            }
        } else if new_size < old {
            self.give(old - new_size);
        }
        p
    }
}
