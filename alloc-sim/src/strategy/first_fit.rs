//! First fit over an address-ordered free list, as linked_list_allocator
//! 0.10 does it (the heap behind `embedded_alloc::LlffHeap`).
//!
//! Free memory is a list of *holes*, sorted by address, and the list is
//! stored in the holes themselves: each hole starts with a node of two
//! words, its size and the address of the next hole. So the allocator needs
//! no memory of its own beyond the pointer to the first hole.
//!
//! ```text
//!          hole                       block            hole
//!   +------+------+---------+  +------------------+  +------+------+----
//!   | size | next | free... |  | payload | slack  |  | size | next | ...
//!   +------+------+---------+  +------------------+  +------+------+----
//!              \___________________________________/
//!                    next hole, by address
//! ```
//!
//! Every block is rounded so that a hole can later be made of it: its size
//! becomes `max(size, 2 words)` rounded up to a word (`HoleList::align_layout`).
//! To allocate, walk the list and take the first hole where the block fits:
//! - if the hole's address is aligned, the block goes at its start;
//!   otherwise at the first aligned address at least one node past the
//!   start, and the bytes in front stay a hole (*front padding*);
//! - the bytes behind the block become a hole (*back padding*) if a node
//!   fits in them; if some bytes are left but fewer than a node, the hole is
//!   skipped rather than lose them.
//!
//! To free, make the block a hole where it stands, link it in at its place
//! in address order, and merge it with the hole before and the hole after
//! if they touch (immediate coalescing). There is no header: `dealloc` is
//! told the size by its `Layout`, which is why Rust passes it.
//!
//! # Invariants
//! - holes are sorted: `hᵢ.addr + hᵢ.size ≤ hᵢ₊₁.addr`;
//! - every hole is word-aligned, `size ≥ 2·word`, `size ≡ 0 (mod word)`, and
//!   lies in `bottom..top`;
//! - `Σ hole sizes + Σ rounded live block sizes = top − bottom`: every byte
//!   between holes belongs to a live block.
//!
//! # Cost
//! `alloc` walks the list until a hole fits: O(holes). `dealloc` walks it
//! to find the block's place: O(holes). Fragmentation makes both slower.
//!
//! The simulation counts those steps, and narrates the first few, but
//! finds the same hole through an index of the list kept on the side
//! (`hole_index.rs`): the list stays in the heap's bytes, node by node, as
//! the allocator keeps it and the page draws it.
//! - the hole index holds the list's holes, in order (checked with the
//!   other invariants).

use core::alloc::Layout;

use crate::addr::{align_down, align_up, Addr};
use crate::event::{Event, Log, Rejection};
use crate::heap::Heap;
use crate::role::{Metadata, Role};
use crate::role::RoleClass;
use crate::strategy::hole_index::HoleIndex;
use crate::strategy::hole_list::{Hole, NodeShape};
use crate::strategy::{FreeSpace, Request, Strategy, ThreadId, Described, Settings, SettingsError, Toggle};

/// First fit, exactly as linked_list_allocator. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirstFit {
    /// The first hole: the dummy head's `next` in linked_list_allocator.
    first: Option<Addr>,
    bottom: Addr,
    top: Addr,
    /// The list's holes, found without walking the list node by node (see
    /// `hole_index.rs`).
    index: HoleIndex,
}

/// Where a block goes inside a hole, and what is left around it.
struct Split {
    block: Addr,
    front: Option<(Addr, u64)>,
    back: Option<(Addr, u64)>,
}

impl FirstFit {
    fn shape(heap: &Heap) -> NodeShape {
        NodeShape {
            size_at: 0,
            next_at: heap.word_size(),
            flag_mask: 0,
        }
    }

    /// The smallest block and the smallest hole: a node of two words.
    pub fn min_size(heap: &Heap) -> u64 {
        2 * heap.word_size()
    }

    /// `HoleList::align_layout`: the size a request really takes.
    pub fn block_size(size: u64, heap: &Heap) -> u64 {
        align_up(size.max(Self::min_size(heap)), heap.word_size())
    }

    /// The lowest address of the managed region.
    pub fn bottom(&self) -> Addr {
        self.bottom
    }

    /// One past the highest address of the managed region.
    pub fn top(&self) -> Addr {
        self.top
    }

    /// The holes of the free list, in order: (address, size).
    pub fn holes(&self, heap: &Heap) -> Vec<(Addr, u64)> {
        Self::shape(heap)
            .walk(heap, self.first, heap.len())
            .into_iter()
            .map(|h| (h.addr, h.size))
            .collect()
    }

    /// `Cursor::split_current`: can `hole` take `size` bytes at `align`?
    fn split(hole: Hole, size: u64, align: u64, heap: &Heap) -> Result<Split, Rejection> {
        let min = Self::min_size(heap);
        if hole.size < size {
            return Err(Rejection::TooSmall);
        }
        let (block, front) = if hole.addr.is_aligned(align) {
            (hole.addr, None)
        } else {
            // Leave at least a node's room in front, so the front stays a hole.
            let block = hole.addr.add(min).align_up(align);
            (block, Some((hole.addr, block.since(hole.addr))))
        };
        let block_end = block.add(size);
        if block_end > hole.end() {
            return Err(Rejection::NoRoomAfterAligning);
        }
        let tail = hole.end().since(block_end);
        let back = if tail == 0 {
            None
        } else {
            let back_start = block_end.align_up(heap.word_size());
            if back_start.add(min) <= hole.end() {
                Some((back_start, tail))
            } else {
                return Err(Rejection::TailTooSmall { tail, min });
            }
        };
        Ok(Split { block, front, back })
    }

    /// Points the hole before (or the list head) at `next`.
    fn link(&mut self, heap: &mut Heap, prev: Option<Addr>, next: Option<Addr>) {
        match prev {
            None => self.first = next,
            Some(prev) => Self::shape(heap).set_next(heap, prev, next),
        }
    }

    /// Writes a hole node and paints it.
    fn make_hole(heap: &mut Heap, hole: Hole) {
        Self::shape(heap).write(heap, hole);
        heap.paint(
            hole.addr,
            Self::min_size(heap),
            Role::Metadata(Metadata::HoleNode),
        );
    }

    /// `check_merge_bottom`: a hole that starts less than a node above the
    /// bottom grows down to it.
    fn merge_bottom(&self, heap: &mut Heap, hole: Hole, log: &mut Log) -> Hole {
        if self.bottom.add(Self::min_size(heap)) > hole.addr {
            let bytes = hole.addr.since(self.bottom);
            let moved = Hole {
                addr: self.bottom,
                size: hole.size + bytes,
                next: None,
            };
            heap.paint(hole.addr, Self::min_size(heap), Role::Free);
            Self::make_hole(heap, moved);
            if bytes > 0 {
                log.push(Event::SliverAbsorbed {
                    addr: moved.addr,
                    bytes,
                });
            }
            moved
        } else {
            hole
        }
    }

    /// `check_merge_top`: the last hole grows up to the top if the bytes
    /// between are too few for a node.
    fn merge_top(&self, heap: &mut Heap, addr: Addr, log: &mut Log) {
        let shape = Self::shape(heap);
        let mut hole = shape.read(heap, addr);
        let end = hole.end();
        if end < self.top && end.align_up(heap.word_size()).add(Self::min_size(heap)) > self.top {
            let bytes = self.top.since(end);
            hole.size += bytes;
            shape.write(heap, hole);
            heap.paint(end, bytes, Role::Free);
            log.push(Event::SliverAbsorbed { addr, bytes });
        }
    }

    /// `Cursor::try_merge_next_n`: from `addr`, merge up to `max` times with
    /// the following hole when they touch.
    fn merge_next(&self, heap: &mut Heap, mut addr: Addr, max: usize, log: &mut Log) {
        let shape = Self::shape(heap);
        for _ in 0..max {
            let mut hole = shape.read(heap, addr);
            let Some(next) = hole.next else {
                self.merge_top(heap, addr, log);
                return;
            };
            if hole.end() == next {
                let absorbed = shape.read(heap, next);
                hole.size += absorbed.size;
                hole.next = absorbed.next;
                shape.write(heap, hole);
                // The absorbed node's bytes are plain free memory now; they
                // still hold the old values, as real memory would.
                heap.paint(next, Self::min_size(heap), Role::Free);
                log.push(Event::Coalesced {
                    addr,
                    size: hole.size,
                    absorbed: next,
                });
            } else {
                addr = next;
            }
        }
    }

    /// The list's holes `range` (in list order) were rewritten in the
    /// heap from `from` on: the index takes them again from the heap,
    /// from `from` up to `upto` (the hole after `range`, unchanged if it
    /// survived its merges) or the end of the list.
    fn reindex(&mut self, heap: &Heap, range: std::ops::Range<usize>, from: Addr, upto: Option<Addr>) {
        let holes: Vec<(Addr, u64)> = Self::shape(heap)
            .holes(heap, Some(from), heap.len())
            .take_while(|hole| upto.is_none_or(|upto| hole.addr <= upto))
            .map(|hole| (hole.addr, hole.size))
            .collect();
        self.index.replace(range, &holes);
    }
}

impl Described for FirstFit {
    const NAME: &'static str = "first-fit";
    const SUMMARY: &'static str =
        "linked_list_allocator 0.10's address-ordered first-fit hole list, exactly";
    const ROLES: &'static [RoleClass] = &[
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Slack,
        RoleClass::FreeMetadata,
    ];
    const TOGGLE: Option<Toggle> = Some(Toggle {
        label: "headers",
        checked: false,
        other: "first-fit-headers",
        help: "first fit with a header on each block, glibc-style, or linked_list_allocator's headerless blocks",
    });

    fn from_settings(_: &Settings) -> Result<FirstFit, SettingsError> {
        Ok(FirstFit::default())
    }
}

impl Strategy for FirstFit {
    fn init(&mut self, heap: &mut Heap) {
        // `HoleList::new`: align the bottom up to a word, the size down.
        let word = heap.word_size();
        let bottom = heap.base().align_up(word);
        let size = align_down(heap.end().since(bottom), word);
        self.bottom = bottom;
        self.top = bottom.add(size);
        Self::make_hole(
            heap,
            Hole {
                addr: bottom,
                size,
                next: None,
            },
        );
        self.first = Some(bottom);
        self.index = HoleIndex::default();
        self.index.replace(0..0, &[(bottom, size)]);
    }

    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        let requested = request.layout.size() as u64;
        let size = Self::block_size(requested, heap);
        let align = request.layout.align() as u64;
        let mut from = 0;
        while let Some((i, prev, hole)) = self.index.next_examined(from..usize::MAX, size, log) {
            let addr = hole.addr;
            let split = match Self::split(hole, size, align, heap) {
                Ok(split) => split,
                Err(why) => {
                    log.push(Event::HoleExamined {
                        addr,
                        size: hole.size,
                        rejected: Some(why),
                    });
                    from = i + 1;
                    continue;
                }
            };
            log.push(Event::HoleExamined {
                addr,
                size: hole.size,
                rejected: None,
            });
            let next = hole.next;
            let holes: Vec<Hole> = [split.front, split.back]
                .into_iter()
                .flatten()
                .map(|(addr, size)| Hole {
                    addr,
                    size,
                    next: None,
                })
                .collect();
            // Relink: prev → [front] → [back] → next.
            let mut link_to = next;
            for pad in holes.iter().rev() {
                Self::make_hole(
                    heap,
                    Hole {
                        next: link_to,
                        ..*pad
                    },
                );
                link_to = Some(pad.addr);
            }
            self.link(heap, prev, link_to);
            let pads: Vec<(Addr, u64)> = holes.iter().map(|h| (h.addr, h.size)).collect();
            self.index.replace(i..i + 1, &pads);
            heap.paint(split.block, requested, Role::Payload(request.id));
            heap.paint(
                split.block.add(requested),
                size - requested,
                Role::Slack(request.id),
            );
            if holes.is_empty() {
                log.push(Event::HoleTakenWhole {
                    addr,
                    size: hole.size,
                });
            } else {
                log.push(Event::HoleSplit {
                    addr,
                    size: hole.size,
                    front: split.front,
                    back: split.back,
                });
            }
            return Some(split.block);
        }
        log.push(Event::NoFit {
            examined: log.search_steps,
        });
        None
    }

    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        _thread: ThreadId,
        log: &mut Log,
    ) {
        let size = Self::block_size(layout.size() as u64, heap);
        let shape = Self::shape(heap);
        heap.paint(addr, size, Role::Free);
        let hole = Hole {
            addr,
            size,
            next: None,
        };
        Self::make_hole(heap, hole);
        log.push(Event::HoleInserted { addr, size });

        let Some(first) = self.first else {
            let hole = self.merge_bottom(heap, hole, log);
            self.merge_top(heap, hole.addr, log);
            self.first = Some(hole.addr);
            self.reindex(heap, 0..0, hole.addr, None);
            return;
        };
        if addr < first {
            // In front of every hole: it becomes the head.
            let hole = self.merge_bottom(heap, hole, log);
            shape.set_next(heap, hole.addr, Some(first));
            self.first = Some(hole.addr);
            self.merge_next(heap, hole.addr, 1, log);
            self.reindex(heap, 0..1, hole.addr, Some(first));
            return;
        }
        // Walk to the last hole below the block and link it in after it:
        // one step per hole below it, found through the index.
        let p = self.index.position(addr);
        log.search_steps += p as u64;
        let (before, next, _) = self.index.around(p);
        // `first` lies below the block, so `p` ≥ 1 and `before` is a hole.
        let cursor = before.map_or(first, |(a, _)| a);
        let next = next.map(|(a, _)| a);
        shape.set_next(heap, addr, next);
        shape.set_next(heap, cursor, Some(addr));
        self.merge_next(heap, cursor, 2, log);
        self.reindex(heap, p.saturating_sub(1)..p + usize::from(next.is_some()), cursor, next);
    }

    fn free_space(&self, heap: &Heap) -> FreeSpace {
        let mut free = FreeSpace::default();
        for hole in Self::shape(heap).holes(heap, self.first, heap.len()) {
            free.count(hole.addr, hole.size);
        }
        free
    }

    fn usable_size(&self, layout: Layout, heap: &Heap) -> u64 {
        Self::block_size(layout.size() as u64, heap)
    }

    fn wrong_layout_consequence(&self, given: Layout, actual: Layout, heap: &Heap) -> String {
        let wrong = Self::block_size(given.size() as u64, heap);
        let right = Self::block_size(actual.size() as u64, heap);
        match wrong.cmp(&right) {
            std::cmp::Ordering::Greater => format!(
                "linked_list_allocator has no header to check: it would make a {wrong}-byte hole of a \
                 {right}-byte block, swallowing {} bytes of whatever follows, which would then be handed out twice.",
                wrong - right
            ),
            std::cmp::Ordering::Less => format!(
                "linked_list_allocator has no header to check: it would free only {wrong} of the block's \
                 {right} bytes, and the last {} would never be free again.",
                right - wrong
            ),
            std::cmp::Ordering::Equal => format!(
                "Both sizes round to the same {right}-byte block, so linked_list_allocator would happen to \
                 free the right bytes; the contract is still broken, and a size-class allocator would put \
                 the block on the wrong list."
            ),
        }
    }

    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String> {
        let shape = Self::shape(heap);
        let word = heap.word_size();
        let min = Self::min_size(heap);
        let holes = shape.walk(heap, self.first, heap.len() / min + 1);
        if let Some(last) = holes.last() {
            if last.next.is_some() {
                return Err(format!(
                    "free list does not end: cycle or link out of the heap after {}",
                    last.addr
                ));
            }
        }
        let listed: Vec<(Addr, u64)> = holes.iter().map(|h| (h.addr, h.size)).collect();
        if !self.index.indexes(&listed) {
            return Err("the hole index is not the free list".to_string());
        }
        let mut cursor = self.bottom;
        for hole in &holes {
            if hole.addr < cursor {
                return Err(format!(
                    "hole at {} overlaps or is out of order (expected ≥ {cursor})",
                    hole.addr
                ));
            }
            if !hole.addr.is_aligned(word) || hole.size < min || !hole.size.is_multiple_of(word) {
                return Err(format!(
                    "hole at {} has a bad size {} or address",
                    hole.addr, hole.size
                ));
            }
            if hole.end() > self.top {
                return Err(format!(
                    "hole at {} runs past the top {}",
                    hole.addr, self.top
                ));
            }
            check_used(heap, cursor, hole.addr)?;
            check_free(heap, *hole, min)?;
            cursor = hole.end();
        }
        check_used(heap, cursor, self.top)
    }
}

/// Every byte between holes belongs to a live block.
#[cfg(debug_assertions)]
pub(crate) fn check_used(heap: &Heap, from: Addr, to: Addr) -> Result<(), String> {
    let base = heap.base();
    for region in heap.roles().regions_in(from.since(base)..to.since(base)) {
        if !region.role.in_use() {
            return Err(format!(
                "{:?} at {} is outside every hole but not part of a block",
                region.role,
                base.add(region.start)
            ));
        }
    }
    Ok(())
}

/// A hole's bytes are its node and then free or never-touched memory.
#[cfg(debug_assertions)]
pub(crate) fn check_free(heap: &Heap, hole: Hole, node: u64) -> Result<(), String> {
    let base = heap.base();
    let start = hole.addr.since(base);
    for region in heap.roles().regions_in(start..start + hole.size) {
        let in_node = region.start < start + node;
        let ok = if in_node {
            region.role == Role::Metadata(Metadata::HoleNode)
                || region.role == Role::Metadata(Metadata::Header)
        } else {
            matches!(region.role, Role::Free | Role::Untouched)
        };
        if !ok {
            return Err(format!(
                "{:?} at {} inside the hole at {}",
                region.role,
                base.add(region.start),
                hole.addr
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HeapConfig, Simulation, StrategyKind};

    fn sim(size: u64) -> Simulation {
        Simulation::new(HeapConfig::new(size), StrategyKind::FirstFit).unwrap()
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    fn holes(s: &Simulation) -> Vec<(u64, u64)> {
        match s.strategy() {
            crate::AnyStrategy::FirstFit(ff) => ff
                .holes(s.heap())
                .into_iter()
                .map(|(a, n)| (a.since(s.heap().base()), n))
                .collect(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn small_requests_round_up_to_two_words() {
        let mut s = sim(1024);
        let a = s.alloc(layout(1, 1)).unwrap();
        let b = s.alloc(layout(1, 1)).unwrap();
        assert_eq!(b.since(a), 16);
        assert_eq!(s.metrics().slack_bytes, 30);
        s.check().unwrap();
    }

    #[test]
    fn misaligned_hole_keeps_its_front_as_a_hole() {
        let mut s = sim(1024);
        let _a = s.alloc(layout(16, 8)).unwrap();
        let b = s.alloc(layout(64, 64)).unwrap();
        // The hole starts at 16; the block must be one node past it, then
        // aligned: 0x1000 + 64.
        assert_eq!(b, Addr(0x1040));
        assert_eq!(holes(&s), vec![(16, 48), (128, 1024 - 128)]);
        s.check().unwrap();
    }

    #[test]
    fn hole_is_skipped_when_the_tail_would_be_too_small() {
        let mut s = sim(1024);
        let a = s.alloc(layout(24, 8)).unwrap();
        let _guard = s.alloc(layout(16, 8)).unwrap();
        s.dealloc(a, layout(24, 8)).unwrap();
        // A 16-byte block in the 24-byte hole would leave 8 bytes: too few for
        // a node, so the hole is passed over.
        let c = s.alloc(layout(16, 8)).unwrap();
        assert_eq!(c.since(s.heap().base()), 40);
        assert!(s.events().iter().any(|e| matches!(
            e,
            Event::HoleExamined {
                rejected: Some(Rejection::TailTooSmall { tail: 8, min: 16 }),
                ..
            }
        )));
        s.check().unwrap();
    }

    #[test]
    fn deallocate_right_between_two_holes_merges_all_three() {
        let mut s = sim(1024);
        let a = s.alloc(layout(32, 8)).unwrap();
        let b = s.alloc(layout(32, 8)).unwrap();
        let c = s.alloc(layout(32, 8)).unwrap();
        let _d = s.alloc(layout(32, 8)).unwrap();
        s.dealloc(a, layout(32, 8)).unwrap();
        s.dealloc(c, layout(32, 8)).unwrap();
        assert_eq!(holes(&s).len(), 3);
        s.dealloc(b, layout(32, 8)).unwrap();
        assert_eq!(holes(&s), vec![(0, 96), (128, 1024 - 128)]);
        s.check().unwrap();
    }

    #[test]
    fn a_long_search_narrates_a_few_holes_and_counts_the_rest() {
        let mut s = sim(8192);
        let blocks: Vec<_> = (0..40).map(|_| s.alloc(layout(32, 8)).unwrap()).collect();
        for &b in blocks.iter().step_by(2) {
            s.dealloc(b, layout(32, 8)).unwrap();
        }
        let before = s.metrics().search_steps;
        s.alloc(layout(64, 8)).unwrap();
        let steps = s.metrics().search_steps - before;
        // 20 holes of 32 bytes are too small; the big hole at the end fits.
        assert_eq!(steps, 21);
        let narrated = s
            .events()
            .iter()
            .filter(|e| matches!(e, Event::HoleExamined { .. }))
            .count();
        assert_eq!(narrated, crate::event::NARRATED_REJECTIONS as usize + 1);
        assert!(s.events().contains(&Event::HolesElided { count: 12 }));
    }

    #[test]
    fn the_largest_hole_is_found_by_address_too() {
        let mut s = sim(1024);
        let a = s.alloc(layout(64, 8)).unwrap();
        let _b = s.alloc(layout(700, 8)).unwrap();
        s.dealloc(a, layout(64, 8)).unwrap();
        let free = s.strategy().free_space(s.heap());
        assert_eq!(
            (free.largest, free.largest_at),
            (1024 - 64 - 704, Some(Addr(0x1000 + 64 + 704)))
        );
    }

    #[test]
    fn freeing_everything_leaves_one_hole_again() {
        let mut s = sim(4096);
        let blocks: Vec<_> = (1..20)
            .map(|i| (s.alloc(layout(i * 8, 8)).unwrap(), i * 8))
            .collect();
        for (addr, size) in blocks.into_iter().rev().step_by(1) {
            s.dealloc(addr, layout(size, 8)).unwrap();
        }
        assert_eq!(holes(&s), vec![(0, 4096)]);
        s.check().unwrap();
    }
}
