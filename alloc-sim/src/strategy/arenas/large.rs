//! The large path: a request above the small classes gets an *extent* of
//! whole pages straight from the page allocator, aligned to at least a
//! page, and gives it back whole on free, where it merges with the free
//! runs beside it (unless a thread cache keeps it: see `tcache`).
//!
//! An extent's record (how many pages it spans) lives outside its pages,
//! keyed by its address, as jemalloc keeps its extent records in its base
//! allocator; the pages themselves hold only the payload and its slack.
//! An allocation costs the page allocator's first-fit search over its free
//! runs; a free, a merge with at most two neighbours.

use crate::addr::Addr;
use crate::event::Log;
use crate::heap::Heap;
use crate::role::Role;

use super::Arenas;

/// A live large extent's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Large {
    pages: u64,
}

impl Arenas {
    /// A new extent for `usable` bytes at `align`, if a run of pages fits.
    pub(super) fn large_alloc(&mut self, usable: u64, align: u64, log: &mut Log) -> Option<Addr> {
        let pages = usable.div_ceil(self.config.page);
        let align = align.max(self.config.page);
        let addr = self.pages().alloc(pages, align, log)?;
        self.large.insert(addr, Large { pages });
        Some(addr)
    }

    /// Gives the extent at `addr` back to the page allocator.
    pub(super) fn large_dealloc(&mut self, heap: &mut Heap, addr: Addr, log: &mut Log) {
        let large = self.large.remove(&addr).expect("a live large extent");
        heap.paint(addr, large.pages * self.config.page, Role::Free);
        self.pages().free(addr, large.pages, log);
    }

    /// The bytes of the large extent at `addr`, if one starts there.
    pub(super) fn large_extent(&self, addr: Addr) -> Option<u64> {
        self.large.get(&addr).map(|l| l.pages * self.config.page)
    }
}

#[cfg(test)]
mod tests {
    use crate::strategy::arenas::testing::{layout, sim};

    #[test]
    fn a_large_extent_coalesces_with_its_neighbours() {
        let mut s = sim(false);
        let a = s.alloc(layout(20000)).unwrap();
        let b = s.alloc(layout(20000)).unwrap();
        let c = s.alloc(layout(20000)).unwrap();
        assert_eq!(b.since(a), 20480);
        s.dealloc(a, layout(20000)).unwrap();
        s.dealloc(c, layout(20000)).unwrap();
        s.dealloc(b, layout(20000)).unwrap();
        assert_eq!(s.metrics().largest_free, 1 << 20);
        s.check().unwrap();
    }
}
