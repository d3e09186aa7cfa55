//! jemalloc's size classes as alloc-sim computes them, against the real
//! jemalloc 5.3.1 bundled by tikv-jemalloc-sys: usable sizes (`nallocx`),
//! bins (`mallctl arenas.bin.<i>.*`), and the order regions leave a slab.

use std::ffi::{c_void, CString};
use std::ptr;

use std::alloc::Layout;

use alloc_sim::strategy::arenas::classes::Classes;
use alloc_sim::{Addr, HeapConfig, Simulation, StrategyKind};
use tikv_jemalloc_sys as jemalloc;

/// Reads a `size_t` or `uint32_t` mallctl value.
fn mallctl<T: Copy + Default>(name: &str) -> T {
    let name = CString::new(name).unwrap();
    let mut value = T::default();
    let mut len = std::mem::size_of::<T>();
    // SAFETY: `value` is a valid `T` of `len` bytes; no new value is written.
    let rc = unsafe {
        jemalloc::mallctl(
            name.as_ptr(),
            (&mut value as *mut T).cast::<c_void>(),
            &mut len,
            ptr::null_mut(),
            0,
        )
    };
    assert_eq!(rc, 0, "mallctl {name:?}");
    value
}

fn page() -> u64 {
    mallctl::<usize>("arenas.page") as u64
}

#[test]
fn usable_size_of_every_request_matches_nallocx() {
    let classes = Classes::new(page());
    for size in 1..=65536u64 {
        // SAFETY: nallocx only computes; it allocates nothing.
        let real = unsafe { jemalloc::nallocx(size as usize, 0) } as u64;
        assert_eq!(classes.usable(size, false), real, "nallocx({size})");
    }
}

#[test]
fn aligned_requests_match_nallocx_with_mallocx_align() {
    let classes = Classes::new(page());
    for lg_align in 0..=13 {
        let align = 1u64 << lg_align;
        for size in (1..=20000u64).step_by(7) {
            // SAFETY: as above.
            let real = unsafe {
                jemalloc::nallocx(size as usize, jemalloc::MALLOCX_ALIGN(align as usize))
            } as u64;
            assert_eq!(
                classes.usable_aligned(size, align, false),
                real,
                "nallocx({size}, align {align})"
            );
        }
    }
}

#[test]
fn every_bin_matches_mallctl() {
    let classes = Classes::new(page());
    let nbins: u32 = mallctl("arenas.nbins");
    assert_eq!(classes.small.len(), nbins as usize);
    for (i, class) in classes.small.iter().enumerate() {
        let size: usize = mallctl(&format!("arenas.bin.{i}.size"));
        let nregs: u32 = mallctl(&format!("arenas.bin.{i}.nregs"));
        let slab_size: usize = mallctl(&format!("arenas.bin.{i}.slab_size"));
        assert_eq!(
            (class.size, class.nregs, class.slab_size(classes.page)),
            (size as u64, u64::from(nregs), slab_size as u64),
            "bin {i}"
        );
    }
}

#[test]
fn a_fresh_bin_hands_out_its_lowest_free_region() {
    // A new arena, and no thread cache, so every call reaches the bin.
    let mut arena: u32 = 0;
    let mut len = std::mem::size_of::<u32>();
    let name = CString::new("arenas.create").unwrap();
    // SAFETY: reads a u32 into `arena`.
    let rc = unsafe {
        jemalloc::mallctl(
            name.as_ptr(),
            (&mut arena as *mut u32).cast(),
            &mut len,
            ptr::null_mut(),
            0,
        )
    };
    assert_eq!(rc, 0);
    let flags = jemalloc::MALLOCX_ARENA(arena as usize) | jemalloc::MALLOCX_TCACHE_NONE;
    let classes = Classes::new(page());
    for size in [16usize, 48, 112, 640] {
        let region = classes.usable(size as u64, false);
        // SAFETY: allocations from the fresh arena, freed below with the same flags.
        let ptrs: Vec<*mut c_void> = (0..12)
            .map(|_| unsafe { jemalloc::mallocx(size, flags) })
            .collect();
        let first = ptrs[0] as u64;
        let offsets: Vec<u64> = ptrs.iter().map(|&p| p as u64 - first).collect();
        let expect: Vec<u64> = (0..12).map(|i| i * region).collect();
        assert_eq!(offsets, expect, "size {size}: regions in address order");
        // Free regions 7 and 2; the next two allocations take 2, then 7.
        // SAFETY: each pointer is live and freed once.
        unsafe {
            jemalloc::dallocx(ptrs[7], flags);
            jemalloc::dallocx(ptrs[2], flags);
        }
        // SAFETY: as above.
        let again: Vec<u64> = (0..2)
            .map(|_| unsafe { jemalloc::mallocx(size, flags) } as u64 - first)
            .collect();
        assert_eq!(
            again,
            vec![2 * region, 7 * region],
            "size {size}: lowest free region first"
        );
        // The simulated jemalloc, given the same calls, puts every region at
        // the same offset in its slab.
        let mut sim = Simulation::new(HeapConfig::new(1 << 20), StrategyKind::Jemalloc).unwrap();
        let layout = Layout::from_size_align(size, 8).unwrap();
        let blocks: Vec<Addr> = (0..12).map(|_| sim.alloc(layout).unwrap()).collect();
        let sim_offsets: Vec<u64> = blocks.iter().map(|a| a.since(blocks[0])).collect();
        assert_eq!(sim_offsets, offsets, "size {size}: simulated fill order");
        sim.dealloc(blocks[7], layout).unwrap();
        sim.dealloc(blocks[2], layout).unwrap();
        let sim_again: Vec<u64> = (0..2)
            .map(|_| sim.alloc(layout).unwrap().since(blocks[0]))
            .collect();
        assert_eq!(sim_again, again, "size {size}: simulated refill order");
        for (i, &p) in ptrs.iter().enumerate() {
            if i != 2 && i != 7 {
                // SAFETY: live, freed once.
                unsafe { jemalloc::dallocx(p, flags) };
            }
        }
        for offset in again {
            // SAFETY: the two re-allocations, freed once.
            unsafe { jemalloc::dallocx((first + offset) as *mut c_void, flags) };
        }
    }
}

#[test]
fn tcache_capacity_matches_the_documented_rule() {
    // jemalloc exposes each bin's thread-cache capacity as
    // `arenas.tcache_max` and per-bin `ncached_max` only through
    // `thread.tcache.ncached_max.read_sizeclass` (5.3.1).
    let classes = Classes::new(page());
    let name = CString::new("thread.tcache.ncached_max.read_sizeclass").unwrap();
    for (bin, class) in classes.small.iter().enumerate() {
        let mut size = class.size as usize;
        let mut out: usize = 0;
        let mut len = std::mem::size_of::<usize>();
        // SAFETY: passes a size_t in, reads a size_t out.
        let rc = unsafe {
            jemalloc::mallctl(
                name.as_ptr(),
                (&mut out as *mut usize).cast(),
                &mut len,
                (&mut size as *mut usize).cast(),
                std::mem::size_of::<usize>(),
            )
        };
        assert_eq!(rc, 0, "ncached_max of {}", class.size);
        assert_eq!(
            classes.tcache_capacity(bin),
            out as u64,
            "bin {bin} ({} B)",
            class.size
        );
    }
}
