//! alloc-sim's `first-fit-headers` chunk sizes against glibc's own
//! `malloc_usable_size`, for every request from 1 to 65536 bytes (all below
//! glibc's mmap threshold, which the model does not cover).
#![cfg(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64"))]

use std::alloc::Layout;

use alloc_sim::{HeapConfig, Simulation, Strategy, StrategyKind};

#[test]
fn usable_sizes_match_malloc_usable_size() {
    let sim = Simulation::new(HeapConfig::new(1 << 20), StrategyKind::FirstFitHeaders).unwrap();
    let mut mismatches = Vec::new();
    for size in 1..=65536usize {
        // glibc may hand out a stale free chunk whole when what is left of it
        // would be under MINSIZE (the model does the same, see
        // `a_remainder_below_minsize_is_handed_out_with_the_block`); chunks
        // left by the test harness make that depend on history. Two blocks
        // held at once cannot both be that one stale chunk, so the smaller
        // usable size is the size rule's.
        // SAFETY: plain malloc/free of a non-zero size; the pointers are
        // checked, measured and freed at once.
        let real = unsafe {
            let p = libc::malloc(size);
            let q = libc::malloc(size);
            assert!(!p.is_null() && !q.is_null());
            let usable = libc::malloc_usable_size(p).min(libc::malloc_usable_size(q));
            libc::free(p);
            libc::free(q);
            usable as u64
        };
        let model = sim
            .strategy()
            .usable_size(Layout::from_size_align(size, 1).unwrap(), sim.heap());
        if model != real {
            mismatches.push((size, model, real));
        }
    }
    assert!(
        mismatches.is_empty(),
        "first mismatches (size, model, glibc): {:?}",
        &mismatches[..mismatches.len().min(10)]
    );
}

#[test]
fn malloc_alignment_is_sixteen() {
    // The model hands out 16-aligned payloads, as glibc's malloc does.
    for size in [1usize, 7, 24, 100, 1000] {
        // SAFETY: as above.
        let addr = unsafe {
            let p = libc::malloc(size);
            let a = p as usize;
            libc::free(p);
            a
        };
        assert_eq!(
            addr % alloc_sim::strategy::first_fit_headers::MALLOC_ALIGNMENT as usize,
            0
        );
    }
}
