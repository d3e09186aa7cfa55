//! The program's side of the heap: every block it was given, by address,
//! live or freed.
//!
//! The simulation checks each call against `GlobalAlloc`'s contract with
//! these records: a `dealloc` must name a live block with its own layout,
//! a pointer that was freed and not handed out since is a double free, an
//! access must fall inside a live block's requested bytes. A freed block
//! keeps its record (its id and layout, for the explanation) until an
//! allocation is handed out over it.
//!
//! Live and freed records share one [`ChunkMap`]: freeing a block flips
//! its record in place, and an allocation that reuses a freed address
//! (a size class's slot, a free list's block) overwrites it, so most
//! calls shift no entry at all. (Two maps, one for each, moved a record
//! from one to the other on every call: a jemalloc replay took 16% more
//! time.)
//!
//! A freed block whose address a later, larger block covers keeps its
//! record aside, in `covered`: freeing that pointer again is still a
//! double free, but an access inside the new block finds the new block
//! as the record at or below it, in one look-up.
//!
//! Invariants, checked by [`Blocks::check`]:
//! - live blocks do not overlap;
//! - no record starts strictly inside a live block. So the record at or
//!   below an address is the live block holding it, if one does;
//! - no address has both a record and a covered record;
//! - the count of live records is `live_len`.

use crate::addr::Addr;
use crate::chunk_map::ChunkMap;
use crate::sim::Live;

/// One block's record: as it was allocated, and whether it is freed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record {
    block: Live,
    freed: bool,
}

/// Every block given to the program, by address. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Blocks {
    records: ChunkMap<Addr, Record>,
    /// Freed blocks not handed out since whose address a later block
    /// covered (see the module docs). (Records like the others, so that
    /// the wasm holds one copy of the map's code.)
    covered: ChunkMap<Addr, Record>,
    live_len: usize,
}

impl Blocks {
    /// How many blocks are live.
    pub(crate) fn live_len(&self) -> usize {
        self.live_len
    }

    /// The live blocks, lowest address first.
    pub(crate) fn live(&self) -> impl DoubleEndedIterator<Item = (&Addr, &Live)> + '_ {
        self.records
            .iter()
            .filter(|(_, r)| !r.freed)
            .map(|(addr, r)| (addr, &r.block))
    }

    /// The live block at `addr`.
    pub(crate) fn live_at(&self, addr: Addr) -> Option<&Live> {
        self.records
            .get(&addr)
            .filter(|r| !r.freed)
            .map(|r| &r.block)
    }

    /// The freed block that was at `addr`, if none was handed out there
    /// since.
    pub(crate) fn freed_at(&self, addr: Addr) -> Option<&Live> {
        match self.records.get(&addr) {
            Some(r) => r.freed.then_some(&r.block),
            None => self.covered.get(&addr).map(|r| &r.block),
        }
    }

    /// The last record at or below `addr` (`inclusive`) or below it, if
    /// that block is live: the only live block that can hold `addr` (see
    /// the second invariant). The caller checks that it reaches `addr`.
    pub(crate) fn live_below(&self, addr: Addr, inclusive: bool) -> Option<(Addr, &Live)> {
        let (&start, record) = if inclusive {
            self.records.at_or_below(&addr)?
        } else {
            self.records.below(&addr)?
        };
        (!record.freed).then_some((start, &record.block))
    }

    /// The freed block whose bytes held `addr`, the latest freed of those
    /// that did: for a use after free's explanation. It looks through
    /// every record below `addr`, so only an error path asks.
    pub(crate) fn freed_around(&self, addr: Addr) -> Option<&Live> {
        self.records
            .iter()
            .chain(self.covered.iter())
            .filter(|(_, r)| r.freed)
            .map(|(start, r)| (start, &r.block))
            .filter(|(&start, block)| start <= addr && addr < start.add(block.layout.size() as u64))
            .map(|(_, block)| block)
            .max_by_key(|block| block.id)
    }

    /// `block` is handed out at `addr`: its record replaces a freed one
    /// there, and the freed records inside its bytes are set aside.
    pub(crate) fn give(&mut self, addr: Addr, block: Live) {
        let end = addr.add(block.layout.size() as u64);
        let record = Record {
            block,
            freed: false,
        };
        match self.records.insert(addr, record) {
            // No address has both a record and a covered one: only a new
            // address can have a covered record to drop.
            Some(old) => debug_assert!(old.freed, "{addr} was handed out while live"),
            None => {
                self.covered.remove(&addr);
            }
        }
        self.live_len += 1;
        if self
            .records
            .iter_from(&addr)
            .nth(1)
            .is_some_and(|(&next, _)| next < end)
        {
            let covered = &mut self.covered;
            self.records.drain_range(&addr.add(1), &end, |at, r| {
                debug_assert!(r.freed, "a live block inside the new one at {addr}");
                covered.insert(at, r);
            });
        }
    }

    /// The live block at `addr` is freed: its record stays, marked.
    pub(crate) fn take_back(&mut self, addr: Addr) {
        if let Some(record) = self.records.get_mut(&addr) {
            if !record.freed {
                record.freed = true;
                self.live_len -= 1;
            }
        }
    }

    /// The live block at `addr`, to change (a realloc in place, an
    /// arena adopting it).
    pub(crate) fn live_at_mut(&mut self, addr: Addr) -> Option<&mut Live> {
        self.records
            .get_mut(&addr)
            .filter(|r| !r.freed)
            .map(|r| &mut r.block)
    }

    /// Every live block is freed at once (a bump allocator's reset).
    pub(crate) fn take_back_all(&mut self) {
        let live: Vec<Addr> = self.live().map(|(&addr, _)| addr).collect();
        for addr in live {
            self.take_back(addr);
        }
    }

    /// Verifies the invariants written at the top of this module.
    #[cfg(debug_assertions)]
    pub(crate) fn check(&self) -> Result<(), String> {
        let mut live_end: Option<Addr> = None;
        let mut live = 0;
        for (&addr, record) in self.records.iter() {
            if let Some(end) = live_end.filter(|&end| addr < end) {
                return Err(format!(
                    "a record at {addr} starts inside the live block that ends at {end}"
                ));
            }
            if !record.freed {
                live += 1;
                live_end = Some(addr.add(record.block.layout.size() as u64));
            }
        }
        if let Some((addr, _)) = self
            .covered
            .iter()
            .find(|(addr, _)| self.records.get(addr).is_some())
        {
            return Err(format!("{addr} has a record and a covered record"));
        }
        if live != self.live_len {
            return Err(format!(
                "{live} live records, but the count says {}",
                self.live_len
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::AllocId;
    use crate::strategy::ThreadId;
    use core::alloc::Layout;

    fn block(id: u32, size: usize) -> Live {
        Live {
            id: AllocId(id),
            layout: Layout::from_size_align(size, 1).unwrap(),
            thread: ThreadId::MAIN,
            arena_chunk: false,
        }
    }

    #[test]
    fn a_freed_record_flips_in_place_and_a_reuse_overwrites_it() {
        let mut blocks = Blocks::default();
        blocks.give(Addr(0x100), block(1, 16));
        blocks.take_back(Addr(0x100));
        assert_eq!(blocks.live_len(), 0);
        assert_eq!(blocks.freed_at(Addr(0x100)).map(|b| b.id), Some(AllocId(1)));
        blocks.give(Addr(0x100), block(2, 16));
        assert_eq!(blocks.live_at(Addr(0x100)).map(|b| b.id), Some(AllocId(2)));
        assert_eq!(blocks.freed_at(Addr(0x100)), None);
        blocks.check().unwrap();
    }

    #[test]
    fn a_block_over_freed_ones_sets_them_aside_and_keeps_their_double_frees() {
        let mut blocks = Blocks::default();
        blocks.give(Addr(0x110), block(1, 16));
        blocks.give(Addr(0x120), block(2, 16));
        blocks.take_back(Addr(0x110));
        blocks.take_back(Addr(0x120));
        // A 64-byte block from 0x100 covers both.
        blocks.give(Addr(0x100), block(3, 64));
        blocks.check().unwrap();
        // Inside it, the record at or below is the new block, in one look-up.
        assert_eq!(
            blocks
                .live_below(Addr(0x128), true)
                .map(|(at, b)| (at, b.id)),
            Some((Addr(0x100), AllocId(3)))
        );
        // Freeing 0x120 again is still a double free of block 2.
        assert_eq!(blocks.freed_at(Addr(0x120)).map(|b| b.id), Some(AllocId(2)));
        // A block handed out at 0x120 later takes the covered record's place.
        blocks.take_back(Addr(0x100));
        blocks.give(Addr(0x120), block(4, 8));
        assert_eq!(blocks.freed_at(Addr(0x120)), None);
        blocks.check().unwrap();
    }

    #[test]
    fn a_use_after_free_names_the_freed_block_that_held_the_address() {
        let mut blocks = Blocks::default();
        blocks.give(Addr(0x100), block(1, 16));
        blocks.give(Addr(0x200), block(2, 256));
        blocks.take_back(Addr(0x100));
        blocks.take_back(Addr(0x200));
        blocks.give(Addr(0x280), block(3, 16));
        // 0x2a0 was block 2's; block 1 (below it) never held it.
        assert_eq!(
            blocks.freed_around(Addr(0x2a0)).map(|b| b.id),
            Some(AllocId(2))
        );
        // Past every block: no freed block held it.
        assert_eq!(blocks.freed_around(Addr(0x400)), None);
    }
}
