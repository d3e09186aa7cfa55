//! The small path: each arena's bins, the slabs they carve, and the bitmaps
//! that say which regions of a slab are taken.
//!
//! A bin hands out the lowest free region of its current slab; when that
//! fills up, the lowest of its non-full slabs becomes current; when none is
//! left, it takes a new slab of `slab_pages` pages from the page allocator
//! (the end too small for one more region is the *slab tail*). A freed
//! region clears its bit. A full slab that gets a region back becomes
//! usable again, and current if it lies below the current one
//! (`arena_bin_lower_slab`); a slab whose last region is freed gives its
//! pages back. Finding a free region scans the bitmap a word at a time: at
//! most ⌈`nregs` / 64⌉ words, 8 for the 512 regions of the 8-byte class.
//!
//! ```text
//!   bin 48 B: current ─▶ 0x10000   non-full: {0x13000, 0x19000}
//!   slab 0x10000: | r0 | r1 | r2 | … |r255|   bitmap word 0: …1011 (r2 next)
//! ```

use crate::addr::Addr;
use crate::event::{Event, Log};
use crate::flat;
use crate::heap::Heap;
use crate::role::Role;

use super::Arenas;

/// An arena's store for one small class: the slab it allocates from, and
/// its other slabs with a free region, lowest address first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Bin {
    pub(super) current: Option<Addr>,
    /// Sorted, each slab once: a bin has a few, so a `Vec` searched by
    /// bisection.
    pub(super) nonfull: Vec<Addr>,
}

impl Bin {
    /// The lowest non-full slab, taken off the list.
    fn pop_lowest(&mut self) -> Option<Addr> {
        (!self.nonfull.is_empty()).then(|| self.nonfull.remove(0))
    }

    /// Lists a non-full slab (once).
    fn list(&mut self, slab: Addr) {
        if let Err(at) = self.nonfull.binary_search(&slab) {
            self.nonfull.insert(at, slab);
        }
    }

    /// Takes a slab off the non-full list, if it is there.
    fn unlist(&mut self, slab: Addr) {
        if let Ok(at) = self.nonfull.binary_search(&slab) {
            self.nonfull.remove(at);
        }
    }
}

/// A slab's record, kept outside its pages like jemalloc's extent records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Slab {
    pub(super) arena: u32,
    pub(super) bin: usize,
    /// One bit per region; set = allocated (or cached).
    bitmap: Vec<u64>,
    pub(super) nfree: u64,
}

impl Slab {
    /// The lowest free region, if any of the slab's `nregs` is free. The
    /// bitmap's last word has unused bits past `nregs`, which never count.
    fn lowest_free(&self, nregs: u64) -> Option<u64> {
        self.bitmap
            .iter()
            .enumerate()
            .find(|(_, w)| **w != u64::MAX)
            .map(|(i, w)| i as u64 * 64 + u64::from(w.trailing_ones()))
            .filter(|&index| index < nregs)
    }

    fn set(&mut self, index: u64, allocated: bool) {
        let (word, bit) = ((index / 64) as usize, index % 64);
        if allocated {
            self.bitmap[word] |= 1 << bit;
        } else {
            self.bitmap[word] &= !(1 << bit);
        }
    }

    #[cfg(debug_assertions)]
    pub(super) fn is_set(&self, index: u64) -> bool {
        self.bitmap[(index / 64) as usize] & (1 << (index % 64)) != 0
    }
}

impl Arenas {
    /// A region from arena `arena`'s bin `bin`: the lowest free region of
    /// the current slab, else of the lowest non-full slab, else of a new slab.
    pub(super) fn bin_alloc(
        &mut self,
        heap: &mut Heap,
        arena: u32,
        bin: usize,
        log: &mut Log,
    ) -> Option<Addr> {
        let class = self.classes.small[bin];
        let slot = &mut self.arenas[arena as usize].bins[bin];
        let slab_addr = match slot.current.or_else(|| slot.pop_lowest()) {
            Some(addr) => addr,
            None => {
                let page = self.config.page;
                let addr = self.pages().alloc(class.slab_pages, page, log)?;
                let words = class.nregs.div_ceil(64) as usize;
                self.slabs.insert(
                    addr,
                    Slab {
                        arena,
                        bin,
                        bitmap: vec![0; words],
                        nfree: class.nregs,
                    },
                );
                let tail = class.slab_size(self.config.page) - class.nregs * class.size;
                if tail > 0 {
                    heap.paint(addr.add(class.nregs * class.size), tail, Role::SlabTail);
                }
                log.push(Event::NewSlab {
                    addr,
                    size_class: class.size,
                    regions: class.nregs,
                });
                addr
            }
        };
        let slab = self
            .slabs
            .get_mut(&slab_addr)
            .expect("bins hold only live slabs");
        let index = slab
            .lowest_free(class.nregs)
            .expect("a bin's slabs have a free region");
        slab.set(index, true);
        slab.nfree -= 1;
        let full = slab.nfree == 0;
        self.arenas[arena as usize].bins[bin].current = (!full).then_some(slab_addr);
        let addr = slab_addr.add(index * class.size);
        log.push(Event::RegionTaken {
            slab: slab_addr,
            index,
            addr,
        });
        Some(addr)
    }

    /// Gives a region back to its slab's bin (in the slab's own arena).
    pub(super) fn bin_dealloc(&mut self, heap: &mut Heap, addr: Addr, log: &mut Log) {
        let (&slab_addr, _) =
            flat::at_or_below(&self.slabs, &addr).expect("a small region lies in a slab");
        let slab = self.slabs.get_mut(&slab_addr).expect("just found");
        let class = self.classes.small[slab.bin];
        let index = addr.since(slab_addr) / class.size;
        slab.set(index, false);
        slab.nfree += 1;
        let (arena, bin, nfree) = (slab.arena, slab.bin, slab.nfree);
        heap.paint(addr, class.size, Role::Free);
        log.push(Event::RegionFreed {
            slab: slab_addr,
            index,
        });
        let slot = &mut self.arenas[arena as usize].bins[bin];
        if nfree == class.nregs {
            // Empty: the slab's pages go back.
            if slot.current == Some(slab_addr) {
                slot.current = None;
            }
            slot.unlist(slab_addr);
            self.slabs.remove(&slab_addr);
            log.push(Event::SlabEmptied {
                addr: slab_addr,
                size_class: class.size,
            });
            let pages = class.slab_pages;
            heap.paint(slab_addr, pages * self.config.page, Role::Free);
            self.pages().free(slab_addr, pages, log);
        } else if nfree == 1 && slot.current != Some(slab_addr) {
            // Was full: it becomes usable again. The lower of it and the
            // current slab is used first (`arena_bin_lower_slab`).
            match slot.current {
                Some(current) if slab_addr < current => {
                    slot.list(current);
                    slot.current = Some(slab_addr);
                }
                _ => {
                    slot.list(slab_addr);
                }
            }
        }
    }

    /// Free bytes inside slabs that still hold a live region: usable only by
    /// their size class ("one live 48-byte object pins a slab of 12 KiB").
    pub fn pinned_bytes(&self) -> u64 {
        self.slabs
            .values()
            .map(|s| s.nfree * self.classes.small[s.bin].size)
            .sum()
    }

    /// The biggest free region in a slab, and where it is (the lowest of
    /// the biggest): (bytes, address).
    pub(super) fn largest_free_region(&self) -> Option<(u64, Addr)> {
        self.slabs
            .iter()
            .filter_map(|(addr, s)| {
                let size = self.classes.small[s.bin].size;
                s.lowest_free(self.classes.small[s.bin].nregs)
                    .map(|i| (size, addr.add(i * size)))
            })
            .max_by_key(|&(size, addr)| (size, std::cmp::Reverse(addr)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::arenas::testing::{arenas, layout, sim};

    #[test]
    fn a_slab_filling_up_takes_a_new_slab_after_its_last_region() {
        let mut s = sim(false);
        // 14336-byte class: 2 regions in a 7-page slab.
        let a = s.alloc(layout(14000)).unwrap();
        let b = s.alloc(layout(14000)).unwrap();
        let c = s.alloc(layout(14000)).unwrap();
        assert_eq!(b.since(a), 14336);
        assert_eq!(c.since(a), 7 * 4096);
        assert!(s
            .events()
            .iter()
            .any(|e| matches!(e, Event::NewSlab { regions: 2, .. })));
        s.check().unwrap();
    }

    #[test]
    fn a_slab_emptying_gives_its_pages_back() {
        let mut s = sim(false);
        let free_before = s.metrics().largest_free;
        let blocks: Vec<_> = (0..5).map(|_| s.alloc(layout(48)).unwrap()).collect();
        for b in blocks {
            s.dealloc(b, layout(48)).unwrap();
        }
        assert!(s
            .events()
            .iter()
            .any(|e| matches!(e, Event::PagesReturned { pages: 3, .. })));
        assert_eq!(s.metrics().largest_free, free_before);
        s.check().unwrap();
    }

    #[test]
    fn one_live_object_pins_its_slab() {
        let mut s = sim(false);
        let blocks: Vec<_> = (0..256).map(|_| s.alloc(layout(48)).unwrap()).collect();
        for &b in &blocks[1..] {
            s.dealloc(b, layout(48)).unwrap();
        }
        assert_eq!(arenas(&s).pinned_bytes(), 255 * 48);
        s.check().unwrap();
    }

    #[test]
    fn a_full_slab_has_no_free_region_despite_its_bitmap_padding() {
        let mut slab = Slab {
            arena: 0,
            bin: 0,
            bitmap: vec![0],
            nfree: 2,
        };
        slab.set(0, true);
        slab.set(1, true);
        assert_eq!(slab.lowest_free(2), None);
        slab.set(1, false);
        assert_eq!(slab.lowest_free(2), Some(1));
    }
}
