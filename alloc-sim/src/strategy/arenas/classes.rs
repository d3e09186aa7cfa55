//! jemalloc's size classes, computed from its parameters as jemalloc's
//! `sc.c` computes them, never typed out.
//!
//! Sizes come in groups of `2^lg_ngroup` (4) per doubling: within the group
//! starting at `2^lg_base`, class `ndelta` is `2^lg_base + ndelta·2^lg_delta`
//! with `lg_delta = lg_base − lg_ngroup`, so no class wastes more than a
//! fifth of itself. Below the 16-byte quantum there is one tiny class, 8.
//!
//! ```text
//!   8 | 16 32 48 64 | 80 96 112 128 | 160 192 224 256 | 320 … 512 | … | 10240 12288 14336
//!  tiny  quantum      delta 16        delta 32          delta 64           small max
//! ```
//!
//! Classes smaller than `2^(lg_page + lg_ngroup)` (16 KiB with 4 KiB pages)
//! are *small*: they live in slabs, runs of pages cut into equal regions.
//! A slab is the fewest pages that hold a whole number of regions, so a
//! 48-byte class takes 3 pages for 256 regions and wastes nothing.
//! Larger requests are *large*: whole extents of pages. jemalloc 5.3.1 rounds
//! them to the page by default (`disable_large_size_classes:true`); the
//! classic large classes continue the group pattern.

use crate::addr::align_up;

/// log2 of jemalloc's quantum on x86_64 and aarch64: 16 bytes.
pub const LG_QUANTUM: u32 = 4;
/// log2 of the smallest (tiny) class: 8 bytes.
pub const LG_TINY_MIN: u32 = 3;
/// log2 of the classes per doubling: 4.
pub const LG_NGROUP: u32 = 2;

/// One small size class and its slab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmallClass {
    /// Bytes per region.
    pub size: u64,
    /// Pages per slab.
    pub slab_pages: u64,
    /// Regions per slab.
    pub nregs: u64,
}

impl SmallClass {
    /// Bytes per slab.
    pub fn slab_size(&self, page: u64) -> u64 {
        self.slab_pages * page
    }
}

/// `reg_size_compute`: `2^lg_base + ndelta·2^lg_delta`.
const fn reg_size(lg_base: u32, lg_delta: u32, ndelta: u64) -> u64 {
    (1 << lg_base) + (ndelta << lg_delta)
}

/// `slab_size`: the fewest pages holding a whole number of regions.
fn slab_pages(page: u64, size: u64) -> u64 {
    let mut pages = 1;
    while !(pages * page).is_multiple_of(size) {
        pages += 1;
    }
    pages
}

/// jemalloc's size classes for one page size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classes {
    /// Bytes per page.
    pub page: u64,
    /// The small classes, smallest first; their index is jemalloc's bin index.
    pub small: Vec<SmallClass>,
}

impl Classes {
    /// Computes the classes for pages of `page` bytes (a power of two, at
    /// least 256).
    pub fn new(page: u64) -> Classes {
        let lg_page = page.trailing_zeros();
        let small_limit = 1u64 << (lg_page + LG_NGROUP);
        let mut sizes = Vec::new();
        // Tiny classes, below the quantum.
        let mut lg_base = LG_TINY_MIN;
        let mut lg_delta = lg_base;
        while lg_base < LG_QUANTUM {
            sizes.push(reg_size(lg_base, lg_delta, 0));
            lg_delta = lg_base;
            lg_base += 1;
        }
        // The first, pseudo group: its first class is encoded from the tiny
        // base, the rest step by the quantum.
        let mut ndelta = 0;
        if !sizes.is_empty() {
            sizes.push(reg_size(lg_base - 1, lg_delta, 1));
            lg_delta += 1;
            ndelta = 1;
        }
        while ndelta < 1 << LG_NGROUP {
            sizes.push(reg_size(lg_base, lg_delta, ndelta));
            ndelta += 1;
        }
        // Every further group, as long as its classes are small.
        lg_base += LG_NGROUP;
        'groups: loop {
            for ndelta in 1..=(1 << LG_NGROUP) {
                let size = reg_size(lg_base, lg_delta, ndelta);
                if size >= small_limit {
                    break 'groups;
                }
                sizes.push(size);
            }
            lg_base += 1;
            lg_delta += 1;
        }
        let small = sizes
            .into_iter()
            .map(|size| {
                let slab_pages = slab_pages(page, size);
                SmallClass {
                    size,
                    slab_pages,
                    nregs: slab_pages * page / size,
                }
            })
            .collect();
        Classes { page, small }
    }

    /// The largest small class (14336 with 4 KiB pages).
    pub fn small_max(&self) -> u64 {
        self.small.last().map_or(0, |c| c.size)
    }

    /// The smallest large class: `2^(lg_page + lg_ngroup)` (16 KiB).
    pub fn large_min(&self) -> u64 {
        self.page << LG_NGROUP
    }

    /// The bin (small class index) for a small usable size.
    pub fn bin_of(&self, usable: u64) -> Option<usize> {
        if usable > self.small_max() {
            return None;
        }
        let i = usize::try_from(Self::index_of(usable)).ok()?;
        self.small
            .get(i)
            .is_some_and(|c| c.size == usable)
            .then_some(i)
    }

    /// `sz_size2index_compute`: the index of the class `size` rounds up
    /// to, by the group pattern, in a few shifts where a search of the
    /// classes took a load per step. `size` is at most the largest small
    /// class.
    fn index_of(size: u64) -> u64 {
        // The tiny classes, from 2^LG_TINY_MIN to below the quantum.
        let tiny = u64::from(LG_QUANTUM - LG_TINY_MIN);
        if size <= 1 << (LG_QUANTUM - 1) {
            let lg_ceil = 64 - (size.max(1) - 1).leading_zeros();
            return u64::from(lg_ceil.saturating_sub(LG_TINY_MIN));
        }
        let x = 63 - ((size << 1) - 1).leading_zeros();
        let first_group = LG_NGROUP + LG_QUANTUM;
        let group = u64::from(x.saturating_sub(first_group)) << LG_NGROUP;
        let lg_delta = if x < first_group + 1 {
            LG_QUANTUM
        } else {
            x - LG_NGROUP - 1
        };
        let within = ((size - 1) >> lg_delta) & ((1 << LG_NGROUP) - 1);
        tiny + group + within
    }

    /// `sz_s2u_compute_using_delta`: the class a size rounds up to, by the
    /// group pattern.
    fn round_by_delta(size: u64) -> u64 {
        let x = 63 - ((size << 1) - 1).leading_zeros();
        let lg_delta = if x < LG_NGROUP + LG_QUANTUM + 1 {
            LG_QUANTUM
        } else {
            x - LG_NGROUP - 1
        };
        align_up(size, 1 << lg_delta)
    }

    /// `sz_s2u`: the usable size of a request of `size` bytes. Large sizes
    /// round to the page, or to the classic large classes if
    /// `classic_large`.
    pub fn usable(&self, size: u64, classic_large: bool) -> u64 {
        let size = size.max(1);
        let lg_tiny_max = LG_QUANTUM - 1;
        if size <= 1 << lg_tiny_max {
            return size.next_power_of_two().max(1 << LG_TINY_MIN);
        }
        if size <= self.small_max() || classic_large {
            Self::round_by_delta(size)
        } else {
            align_up(size, self.page)
        }
    }

    /// `sz_sa2u`: the usable size of `size` bytes at `align`.
    pub fn usable_aligned(&self, size: u64, align: u64, classic_large: bool) -> u64 {
        if size <= self.small_max() && align <= self.page {
            // Every small class is aligned to its lowest set bit, so rounding
            // the size up to the alignment is enough.
            let usable = self.usable(align_up(size, align), classic_large);
            if usable < self.large_min() {
                return usable;
            }
        }
        if size <= self.large_min() {
            self.large_min()
        } else {
            self.usable(size, classic_large)
        }
    }

    /// How many regions a thread cache keeps for small bin `bin`: twice the
    /// regions per slab, even, within 20..=200 (`tcache_ncached_max_compute`
    /// with jemalloc's default options).
    pub fn tcache_capacity(&self, bin: usize) -> u64 {
        let candidate = self.small[bin].nregs << 1;
        candidate.clamp(20, 200)
    }
}

/// Large sizes a thread cache keeps: up to 32 KiB (`opt_tcache_max`).
pub const TCACHE_MAX: u64 = 32 << 10;
/// Slots per large size in a thread cache (`opt_tcache_nslots_large`).
pub const TCACHE_LARGE_SLOTS: u64 = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_classes_per_doubling_after_one_tiny_class() {
        let c = Classes::new(4096);
        let sizes: Vec<u64> = c.small.iter().take(14).map(|c| c.size).collect();
        assert_eq!(
            sizes,
            [8, 16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
        );
        assert_eq!(c.small.len(), 36);
        assert_eq!(c.small_max(), 14336);
        assert_eq!(c.large_min(), 16384);
    }

    #[test]
    fn a_slab_is_the_fewest_pages_that_waste_nothing() {
        let c = Classes::new(4096);
        let class_48 = c.small[c.bin_of(48).unwrap()];
        assert_eq!((class_48.slab_pages, class_48.nregs), (3, 256));
        let class_14336 = c.small[c.bin_of(14336).unwrap()];
        assert_eq!((class_14336.slab_pages, class_14336.nregs), (7, 2));
    }

    #[test]
    fn usable_sizes_round_within_a_group() {
        let c = Classes::new(4096);
        assert_eq!(c.usable(1, false), 8);
        assert_eq!(c.usable(9, false), 16);
        assert_eq!(c.usable(65, false), 80);
        assert_eq!(c.usable(14337, false), 16384);
        assert_eq!(c.usable(20000, false), 20480);
        assert_eq!(c.usable(20000, true), 20480);
        assert_eq!(c.usable(16385, true), 20480);
        assert_eq!(c.usable(16385, false), 20480);
        assert_eq!(c.usable(17000, true), 20480);
        assert_eq!(c.usable(40000, true), 40960);
        assert_eq!(c.usable(40000, false), 40960);
        assert_eq!(c.usable(33000, true), 40960);
        assert_eq!(c.usable(33000, false), 36864);
    }

    /// The computed index agrees with the table for every small size, on
    /// every page size, and every size rounds to the class it names.
    #[test]
    fn the_bin_of_a_size_is_its_class_index_in_the_table() {
        for page in [1024, 4096, 16384, 65536] {
            let c = Classes::new(page);
            for (i, class) in c.small.iter().enumerate() {
                assert_eq!(c.bin_of(class.size), Some(i), "{} on {page}", class.size);
            }
            for size in 1..=c.small_max() {
                let usable = c.usable(size, false);
                let bin = c.bin_of(usable).expect("a small usable size has a bin");
                assert_eq!(c.small[bin].size, usable);
                // Sizes between classes are not classes.
                if !c.small.iter().any(|k| k.size == size) {
                    assert_eq!(c.bin_of(size), None, "{size} on {page}");
                }
            }
            assert_eq!(c.bin_of(c.large_min()), None);
            // The largest usable size a layout can have (`isize::MAX`
            // rounded up to the page) is no bin.
            assert_eq!(c.bin_of(c.usable(isize::MAX as u64, false)), None);
        }
    }

    #[test]
    fn smaller_pages_give_fewer_small_classes() {
        let c = Classes::new(1024);
        assert_eq!(c.small_max(), 3584);
        assert!(c.small.iter().all(|s| (s.slab_pages * 1024) % s.size == 0));
    }
}
