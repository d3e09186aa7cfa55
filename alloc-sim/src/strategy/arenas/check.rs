//! The whole-structure check behind `Strategy::check`: the invariants in
//! the module docs, verified against the records and the heap's paint.
//!
//! In order: the page allocator's own invariants; every slab (no overlap
//! with another slab or a free run, `nfree` equal to the zeros of its
//! bitmap, not empty, and each region painted as its bit and the thread
//! caches say); every bin's lists (only live slabs of that arena and class
//! with a free region, the current slab not also non-full); every large
//! extent (clear of slabs and free runs). The first broken one is the
//! error. It reads every region of every slab: linear in the heap, for
//! tests and debugging, never on a fast path.

use crate::addr::Addr;
use crate::flat;
use crate::heap::Heap;
use crate::role::Role;
use crate::strategy::pages::Pages;

use super::Arenas;

impl Arenas {
    /// Verifies the invariants in the module docs.
    pub(super) fn check_invariants(&self, heap: &Heap) -> Result<(), String> {
        let pages = self.pages.as_ref().ok_or("arenas were never initialised")?;
        pages.check()?;
        self.check_slabs(heap, pages)?;
        self.check_bins()?;
        self.check_large(pages)
    }

    /// Slabs: disjoint, counted right, never empty, painted as their bitmaps
    /// say.
    fn check_slabs(&self, heap: &Heap, pages: &Pages) -> Result<(), String> {
        let cached = self.cached_addrs();
        let mut end = Addr(0);
        for (&addr, slab) in &self.slabs {
            let class = self.classes.small[slab.bin];
            if addr < end || pages.is_free(addr) {
                return Err(format!(
                    "slab at {addr} overlaps another or a free page run"
                ));
            }
            end = addr.add(class.slab_size(self.config.page));
            let zeros = (0..class.nregs).filter(|&i| !slab.is_set(i)).count() as u64;
            if zeros != slab.nfree
                || slab.nfree == 0
                    && self.arenas[slab.arena as usize].bins[slab.bin].current == Some(addr)
            {
                return Err(format!(
                    "slab at {addr}: nfree {} but {zeros} free bits",
                    slab.nfree
                ));
            }
            if slab.nfree == class.nregs {
                return Err(format!("empty slab at {addr} was not given back"));
            }
            for i in 0..class.nregs {
                let region = addr.add(i * class.size);
                let role = heap.role_at(region);
                let ok = if !slab.is_set(i) {
                    matches!(role, Role::Free | Role::Untouched)
                } else if cached.binary_search(&region).is_ok() {
                    role == Role::Cached
                } else {
                    role.in_use()
                };
                if !ok {
                    return Err(format!(
                        "region {i} of the slab at {addr} is {role:?}, bitmap says otherwise"
                    ));
                }
            }
        }
        Ok(())
    }

    /// Bins: they list only live slabs of their own arena and class that
    /// have a free region, each once.
    fn check_bins(&self) -> Result<(), String> {
        for (arena, a) in self.arenas.iter().enumerate() {
            for (bin, slot) in a.bins.iter().enumerate() {
                for slab in slot.current.iter().chain(slot.nonfull.iter()) {
                    let s = self.slabs.get(slab).ok_or(format!(
                        "arena {arena} bin {bin} lists a slab at {slab} that does not exist"
                    ))?;
                    if s.nfree == 0 || s.bin != bin || s.arena != arena as u32 {
                        return Err(format!(
                            "arena {arena} bin {bin} lists the slab at {slab} wrongly"
                        ));
                    }
                }
                if slot
                    .current
                    .is_some_and(|c| slot.nonfull.binary_search(&c).is_ok())
                {
                    return Err(format!(
                        "arena {arena} bin {bin}: current slab also listed as non-full"
                    ));
                }
            }
        }
        Ok(())
    }

    /// Large extents: clear of slabs and of free page runs.
    fn check_large(&self, pages: &Pages) -> Result<(), String> {
        for &addr in self.large.keys() {
            if pages.is_free(addr)
                || flat::at_or_below(&self.slabs, &addr).is_some_and(|(s, slab)| {
                        addr < s.add(self.classes.small[slab.bin].slab_size(self.config.page))
                    })
            {
                return Err(format!(
                    "large extent at {addr} overlaps a slab or a free run"
                ));
            }
        }
        Ok(())
    }
}
