//! Hole nodes kept inside free memory, shared by the free-list strategies.
//!
//! A hole begins with a node of two words: its size, then the address of
//! the next hole (0 for none). The list is sorted by address. The head of
//! the list is not in the heap: like linked_list_allocator's dummy `first`
//! hole, it lives in the allocator's own struct.

use crate::addr::Addr;
use crate::heap::Heap;

/// A hole's node, as read from the heap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hole {
    pub addr: Addr,
    pub size: u64,
    pub next: Option<Addr>,
}

impl Hole {
    pub fn end(&self) -> Addr {
        self.addr.add(self.size)
    }
}

/// Where the size and link words of a hole node sit, relative to the hole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NodeShape {
    /// Offset of the size word.
    pub size_at: u64,
    /// Offset of the link word.
    pub next_at: u64,
    /// Low bits of the size word used as flags, masked off on reading.
    pub flag_mask: u64,
}

impl NodeShape {
    pub fn read(&self, heap: &Heap, addr: Addr) -> Hole {
        let size = heap.read_word(addr.add(self.size_at)) & !self.flag_mask;
        let next = heap.read_word(addr.add(self.next_at));
        Hole {
            addr,
            size,
            next: (next != 0).then_some(Addr(next)),
        }
    }

    /// Writes the size (keeping the flag bits already there) and link.
    pub fn write(&self, heap: &mut Heap, hole: Hole) {
        let flags = heap.read_word(hole.addr.add(self.size_at)) & self.flag_mask;
        heap.write_word(hole.addr.add(self.size_at), hole.size | flags);
        heap.write_word(hole.addr.add(self.next_at), hole.next.map_or(0, |a| a.0));
    }

    pub fn set_next(&self, heap: &mut Heap, addr: Addr, next: Option<Addr>) {
        heap.write_word(addr.add(self.next_at), next.map_or(0, |a| a.0));
    }

    /// Every hole from `first`, in list order. Stops after `limit + 1`
    /// holes, or at a link out of the heap, so that a corrupted, cyclic
    /// list cannot hang a check.
    pub fn holes<'h>(
        self,
        heap: &'h Heap,
        first: Option<Addr>,
        limit: u64,
    ) -> impl Iterator<Item = Hole> + 'h {
        let mut at = first;
        let mut seen = 0;
        std::iter::from_fn(move || {
            let addr = at?;
            if seen > limit || !heap.contains(addr, self.next_at + heap.word_size()) {
                return None;
            }
            seen += 1;
            let hole = self.read(heap, addr);
            at = hole.next;
            Some(hole)
        })
    }

    /// [`NodeShape::holes`], collected.
    pub fn walk(self, heap: &Heap, first: Option<Addr>, limit: u64) -> Vec<Hole> {
        self.holes(heap, first, limit).collect()
    }
}
