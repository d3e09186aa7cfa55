//! An index of an address-ordered free list, so that a first-fit search
//! finds its hole without reading every node on the way.
//!
//! The list itself stays in the heap's bytes, node by node, as the
//! allocator keeps it and as the page draws it. This is a copy of it on
//! the side: each hole's address and size in list order, and the largest
//! size in each block of holes. A search for the first hole of
//! at least `n` bytes skips a block whose largest hole is smaller in one
//! comparison, where the walk read two words of every node in it (cache
//! misses in a heap of megabytes: most of a call's time on a fragmented
//! heap). The walk's count of holes examined is the index's position, so
//! a call narrates and counts exactly what the walk would have.
//!
//! The holes are kept in blocks of up to twice [`BLOCK`], so that a split
//! or a merge shifts the holes of one block, not of the whole list.
//!
//! Invariant (checked with the list it indexes): the blocks' holes, in
//! order, are the list; no block is empty; each block's `largest` is the
//! largest size in it.

use std::ops::Range;

use crate::addr::Addr;
use crate::event::{Log, NARRATED_REJECTIONS};
use crate::strategy::hole_list::Hole;

/// Holes per block of the index: a block splits in two past twice this.
const BLOCK: usize = 32;

/// A free list's holes in order, in blocks that each know their largest.
/// See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HoleIndex {
    /// Non-empty blocks of holes, in list order.
    blocks: Vec<Block>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Block {
    holes: Vec<(Addr, u64)>,
    largest: u64,
}

impl Block {
    fn measure(&mut self) {
        self.largest = self.holes.iter().map(|&(_, s)| s).max().unwrap_or(0);
    }
}

impl HoleIndex {
    /// The block and place in it of the hole at `i` in list order (one
    /// past the last block's end for `i` at the end of the list).
    fn locate(&self, mut i: usize) -> (usize, usize) {
        for (b, block) in self.blocks.iter().enumerate() {
            if i < block.holes.len() {
                return (b, i);
            }
            i -= block.holes.len();
        }
        (self.blocks.len(), i)
    }

    /// The hole at `i` in list order: (address, size).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn get(&self, i: usize) -> Option<(Addr, u64)> {
        let (b, at) = self.locate(i);
        self.blocks.get(b)?.holes.get(at).copied()
    }

    /// How many holes the list has.
    pub(crate) fn len(&self) -> usize {
        self.blocks.iter().map(|b| b.holes.len()).sum()
    }

    /// Every hole in list order: (address, size).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Addr, u64)> + '_ {
        self.blocks.iter().flat_map(|b| b.holes.iter().copied())
    }

    /// The holes before, at and after `i` in list order, found at once.
    #[allow(clippy::type_complexity)]
    pub(crate) fn around(
        &self,
        i: usize,
    ) -> (
        Option<(Addr, u64)>,
        Option<(Addr, u64)>,
        Option<(Addr, u64)>,
    ) {
        let (b, at) = self.locate(i);
        let holes = |b: usize| self.blocks.get(b).map_or(&[][..], |block| &block.holes[..]);
        let here = holes(b);
        let before = match at.checked_sub(1) {
            Some(k) => here.get(k),
            None => b.checked_sub(1).and_then(|a| holes(a).last()),
        };
        let after = here.get(at + 1).or_else(|| {
            (at + 1 >= here.len())
                .then(|| holes(b + 1).first())
                .flatten()
        });
        let after = if at < here.len() { after } else { None };
        (before.copied(), here.get(at).copied(), after.copied())
    }

    /// How many holes lie below `addr`: where a hole at `addr` is or
    /// would go.
    pub(crate) fn position(&self, addr: Addr) -> usize {
        let mut below = 0;
        for block in &self.blocks {
            if block.holes.last().is_some_and(|&(last, _)| last < addr) {
                below += block.holes.len();
            } else {
                return below + block.holes.partition_point(|&(a, _)| a < addr);
            }
        }
        below
    }

    /// The first hole from `from` on of at least `size` bytes (the end of
    /// the list if none).
    pub(crate) fn first_fit(&self, from: usize, size: u64) -> usize {
        let (first, mut at) = self.locate(from);
        let mut rank = from - at;
        for block in self.blocks.iter().skip(first) {
            if block.largest >= size {
                if let Some(k) = block.holes[at..].iter().position(|&(_, s)| s >= size) {
                    return rank + at + k;
                }
            }
            rank += block.holes.len();
            at = 0;
        }
        rank
    }

    /// The next hole a first-fit walk examines for `size` bytes among the
    /// holes `range` (in list order; `i..usize::MAX` to the end of the
    /// list): its place, the address of the hole before it, and the hole
    /// with its link. Past the narrated rejections the walk only counts:
    /// the holes too small are counted in `log` in one go and passed.
    /// `None` past the range or the list.
    pub(crate) fn next_examined(
        &self,
        range: Range<usize>,
        size: u64,
        log: &mut Log,
    ) -> Option<(usize, Option<Addr>, Hole)> {
        let mut i = range.start;
        if log.search_steps >= NARRATED_REJECTIONS {
            let fit = self.first_fit(i, size).min(range.end);
            log.elide_rejections((fit - i) as u64);
            i = fit;
        }
        if i >= range.end {
            return None;
        }
        let (prev, Some((addr, hole_size)), next) = self.around(i) else {
            return None;
        };
        let hole = Hole {
            addr,
            size: hole_size,
            next: next.map(|(a, _)| a),
        };
        Some((i, prev.map(|(a, _)| a), hole))
    }

    /// The holes `range` become `with`, in order.
    pub(crate) fn replace(&mut self, range: Range<usize>, with: &[(Addr, u64)]) {
        if self.blocks.is_empty() {
            self.blocks.push(Block::default());
        }
        let (mut b, mut at) = self.locate(range.start);
        if b == self.blocks.len() {
            // At the end of the list: the end of the last block.
            b -= 1;
            at = self.blocks[b].holes.len();
        }
        // Take out the holes of `range`, block by block from `b`. A block
        // is measured again only if it lost a hole of its largest size
        // (reading every hole of it after each change was most of the
        // index's time).
        let mut left = range.len();
        let mut c = b;
        let mut from = at;
        let mut remeasure = false;
        while left > 0 {
            let block = &mut self.blocks[c];
            let take = left.min(block.holes.len() - from);
            let largest = block.largest;
            let lost = block
                .holes
                .drain(from..from + take)
                .any(|(_, size)| size == largest);
            if c == b {
                remeasure = lost;
            } else if lost {
                block.measure();
            }
            left -= take;
            c += 1;
            from = 0;
        }
        self.blocks[b].holes.splice(at..at, with.iter().copied());
        // The later blocks the range reached: gone if emptied.
        let mut k = b + 1;
        let mut end = c.max(b + 1);
        while k < end {
            if self.blocks[k].holes.is_empty() {
                self.blocks.remove(k);
                end -= 1;
            } else {
                k += 1;
            }
        }
        let block = &mut self.blocks[b];
        if block.holes.is_empty() {
            self.blocks.remove(b);
            return;
        }
        if remeasure {
            block.measure();
        } else {
            block.largest = with.iter().map(|&(_, s)| s).fold(block.largest, u64::max);
        }
        while self.blocks[b].holes.len() > 2 * BLOCK {
            let holes = self.blocks[b].holes.split_off(BLOCK);
            let mut upper = Block { holes, largest: 0 };
            upper.measure();
            self.blocks[b].measure();
            self.blocks.insert(b + 1, upper);
            b += 1;
        }
    }

    /// Whether the index is `list` (address, size, in order) with its
    /// blocks' largest sizes right.
    #[cfg(debug_assertions)]
    pub(crate) fn indexes(&self, list: &[(Addr, u64)]) -> bool {
        self.iter().eq(list.iter().copied())
            && self.blocks.iter().all(|b| {
                !b.holes.is_empty() && b.holes.iter().map(|&(_, s)| s).max() == Some(b.largest)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holes_of(index: &HoleIndex) -> Vec<(Addr, u64)> {
        index
            .blocks
            .iter()
            .flat_map(|b| b.holes.iter().copied())
            .collect()
    }

    fn index(sizes: &[u64]) -> HoleIndex {
        let mut index = HoleIndex::default();
        let holes: Vec<_> = sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| (Addr(0x1000 * (i as u64 + 1)), s))
            .collect();
        index.replace(0..0, &holes);
        index
    }

    #[test]
    fn first_fit_finds_the_first_hole_large_enough_across_blocks() {
        let mut sizes = vec![16; 100];
        sizes[70] = 64;
        sizes[90] = 128;
        let index = index(&sizes);
        assert_eq!(index.first_fit(0, 32), 70);
        assert_eq!(index.first_fit(71, 32), 90);
        assert_eq!(index.first_fit(0, 16), 0);
        assert_eq!(index.first_fit(0, 256), 100);
        assert!(index.indexes(&holes_of(&index)));
    }

    #[test]
    fn replacing_holes_keeps_every_block_largest_right() {
        let mut index = index(&[16; 70]);
        // A split (one hole becomes two) moves every later hole a place on.
        index.replace(5..6, &[(Addr(0x6000), 8), (Addr(0x6800), 200)]);
        assert_eq!(index.first_fit(0, 100), 6);
        // Coalescing (two become one) moves them back.
        index.replace(5..7, &[(Addr(0x6000), 400)]);
        assert_eq!(index.first_fit(0, 300), 5);
        index.replace(5..6, &[]);
        assert_eq!(index.first_fit(0, 17), 69);
        assert!(index.indexes(&holes_of(&index)));
        assert_eq!(index.position(Addr(0x6000)), 5);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Replacing runs of holes anywhere keeps the index the list, and
        /// its look-ups agree with a search of the list, across blocks
        /// that split and empty.
        #[test]
        fn the_index_answers_as_a_walk_of_the_list_would(
            edits in proptest::collection::vec(
                (0usize..400, 0usize..3, proptest::collection::vec(1u64..500, 0..4)),
                1..200,
            ),
            queries in proptest::collection::vec((0usize..400, 1u64..500), 8),
        ) {
            let mut index = HoleIndex::default();
            let mut list: Vec<(Addr, u64)> = Vec::new();
            let mut fresh_addr = 0;
            for (start, remove, sizes) in edits {
                let start = start.min(list.len());
                let end = (start + remove).min(list.len());
                let with: Vec<(Addr, u64)> = sizes
                    .iter()
                    .map(|&s| {
                        fresh_addr += 16;
                        (Addr(fresh_addr), s)
                    })
                    .collect();
                list.splice(start..end, with.iter().copied());
                index.replace(start..end, &with);
                proptest::prop_assert!(index.indexes(&list));
                for &(from, size) in &queries {
                    let from = from.min(list.len());
                    let walk = list[from..]
                        .iter()
                        .position(|&(_, s)| s >= size)
                        .map_or(list.len(), |k| from + k);
                    proptest::prop_assert_eq!(index.first_fit(from, size), walk);
                    proptest::prop_assert_eq!(index.get(from), list.get(from).copied());
                }
            }
            // Where an address would go, once the addresses are in order.
            for (k, hole) in list.iter_mut().enumerate() {
                hole.0 = Addr(16 * (k as u64 + 1));
            }
            let mut index = HoleIndex::default();
            index.replace(0..0, &list);
            for (from, _) in queries {
                let addr = Addr(16 * from as u64 + 8);
                proptest::prop_assert_eq!(index.position(addr), list.partition_point(|&(a, _)| a < addr));
            }
        }
    }
}
