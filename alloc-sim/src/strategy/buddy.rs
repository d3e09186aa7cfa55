//! A binary buddy allocator, as buddy_system_allocator 0.13 does it (its
//! `Heap<32>`, the heap behind `LockedHeap<32>`).
//!
//! Every block is a power of two bytes, `2^k` (its *order* is `k`), and
//! starts at an address that is a multiple of its size. A free block of
//! order `k` can be cut into two halves of order `k − 1`, each the other's
//! *buddy*; two free buddies can be joined again. A block's buddy is found
//! by arithmetic alone, `buddy = addr XOR 2^k`, so blocks need no headers.
//!
//! There is one free list per order, LIFO, threaded through the free
//! blocks themselves: the first word of a free block is the address of the
//! next free block of the same order (0 at the end). Only the 32 list heads
//! live in the allocator's own struct, as in the crate.
//!
//! ```text
//!   A 256-byte heap at an address aligned to 256, after alloc(24), alloc(8):
//!
//!   0          32      40      48       64             128                      256
//!   +----------+-------+-------+--------+--------------+------------------------+
//!   |  A: 24   |  B: 8 |  free |  free  |     free     |          free          |
//!   | +8 slack |       |   8   |   16   |      64      |          128           |
//!   +----------+-------+-------+--------+--------------+------------------------+
//!
//!   free lists:   8: 40 ─▶ ∅    16: 48 ─▶ ∅    64: 64 ─▶ ∅    128: 128 ─▶ ∅
//!   The 8-byte block at 40 has the buddy 40 ⊕ 8 = 32, which is B: live, so
//!   40 waits. Once B is freed the two make 16 at 32, which merges with 48
//!   into 32 at 32, and stops there: its buddy, 32 ⊕ 32 = 0, is A.
//! ```
//!
//! A request of `size` bytes at `align` takes a block of order
//! `k = log₂ max(size.next_power_of_two(), align, word)`. `alloc` looks for
//! the smallest order `i ≥ k` whose list is not empty; from `i` down to
//! `k + 1` it pops a block, pushes its upper half and then its lower half on
//! the list one order down, and carries on with the lower half; finally it
//! pops order `k`'s head. So a block is always the lowest address of the
//! block it was cut from, and the upper halves stay free. `dealloc` pushes
//! the block on its list and, while its buddy is on the same list, takes
//! both off and pushes the lower one on the next order's list. The layout
//! given to `dealloc` is the only record of the block's order.
//!
//! The heap's range is first cut into blocks as the crate's `add_to_heap`
//! cuts it: from a word-aligned start, each block is the largest power of
//! two that the address is aligned to and that fits in what is left. Those
//! are absolute alignments, so where the heap is matters: the simulation
//! uses the heap's display address as the crate uses a pointer. A 16 KiB
//! heap at the default `0x1000` starts as 4 KiB at `0x1000`, 8 KiB at
//! `0x2000` and 4 KiB at `0x4000`; at `0x4000` it would be one block.
//!
//! # Invariants
//! With `start..end` the heap aligned inward to a word and `ORDERS = 32`:
//! - a free block `b` of order `k` has `b ≡ 0 (mod 2ᵏ)`, `2ᵏ ≥ word`, and
//!   lies inside one of the blocks `add_to_heap` cut `start..end` into;
//! - for `k < ORDERS − 1`: `b` free at order `k` ⇒ `b ⊕ 2ᵏ` is not free at
//!   order `k` (buddies are merged as soon as both are free);
//! - free blocks are disjoint, each on exactly one list, and the lists end;
//! - `Σ free 2ᵏ + Σ live 2^order(layout) = end − start`: every byte of
//!   `start..end` outside a free block belongs to a live block;
//! - a live block allocated with `(size, align)` has order
//!   `log₂ max(size.next_power_of_two(), align, word)` and is aligned to it.
//!
//! # Cost
//! `alloc` checks at most `ORDERS` list heads and splits at most that many
//! times, each split two pushes and a pop: O(ORDERS), whatever the heap
//! holds. `dealloc` pushes, then per merge walks one list to find the
//! buddy: O(free blocks of that order) per level, the crate's one linear
//! search. Internal fragmentation is the price: a 65-byte request takes 128.
//!
//! Where it simplifies: nowhere in the algorithm; the crate's `user`,
//! `allocated` and `total` counters are not kept (the simulation measures
//! its heap itself).

use core::alloc::Layout;
#[cfg(debug_assertions)]
use std::collections::HashSet;

use crate::addr::Addr;
use crate::event::{Event, Log};
use crate::heap::Heap;
use crate::role::{Metadata, Role};
#[cfg(debug_assertions)]
use crate::strategy::first_fit::check_used;
use crate::role::RoleClass;
use crate::strategy::{FreeSpace, Request, Strategy, ThreadId, Described, Settings, SettingsError};

/// The crate's `ORDER` parameter: free lists for orders `0..32`, so the
/// largest block is `2^31` bytes.
pub const ORDERS: usize = 32;

/// A binary buddy allocator, exactly as buddy_system_allocator's
/// `Heap<32>`. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Buddy {
    /// The head of each order's free list: the crate's `free_list` array
    /// (boxed, so that every strategy value stays small to move).
    heads: Box<[Option<Addr>; ORDERS]>,
}

impl Buddy {
    /// The size of the block a layout takes: the larger of the size rounded
    /// up to a power of two, the alignment and a word (`Heap::alloc`).
    pub fn block_size(layout: Layout, heap: &Heap) -> u64 {
        let size = (layout.size() as u64).next_power_of_two();
        size.max(layout.align() as u64).max(heap.word_size())
    }

    /// The range the allocator manages: the heap with its start aligned up
    /// and its end aligned down to a word, as `add_to_heap` does.
    pub fn managed(heap: &Heap) -> (Addr, Addr) {
        let word = heap.word_size();
        (heap.base().align_up(word), heap.end().align_down(word))
    }

    /// `add_to_heap`: the managed range cut into aligned power-of-two
    /// blocks, lowest first, as (address, order).
    pub fn initial_blocks(heap: &Heap) -> Vec<(Addr, usize)> {
        let word = heap.word_size();
        let (start, end) = Self::managed(heap);
        let mut blocks = Vec::new();
        let mut at = start;
        while at.add(word) <= end {
            // The largest power of two the address is a multiple of, but
            // no more than what is left (rounded down to a power of two).
            let aligned_to = at.0 & at.0.wrapping_neg();
            let left = end.since(at);
            let fits = 1u64 << (63 - left.leading_zeros());
            let order = (aligned_to.min(fits).trailing_zeros() as usize).min(ORDERS - 1);
            blocks.push((at, order));
            at = at.add(1 << order);
        }
        blocks
    }

    /// Every free list, by order, each in list order (head first), read
    /// from the links in the heap's bytes.
    pub fn free_lists(&self, heap: &Heap) -> Vec<Vec<Addr>> {
        let limit = heap.len() / heap.word_size() + 1;
        (0..ORDERS).map(|k| self.list(heap, k, limit)).collect()
    }

    /// The blocks of order `k`'s list, at most `limit` of them, stopping at
    /// a link that leaves the heap (only a corrupted list has one).
    fn list(&self, heap: &Heap, k: usize, limit: u64) -> Vec<Addr> {
        let mut out = Vec::new();
        let mut at = self.heads[k];
        while let Some(addr) = at {
            if out.len() as u64 >= limit || !heap.contains(addr, heap.word_size()) {
                break;
            }
            out.push(addr);
            at = Self::link(heap, addr);
        }
        out
    }

    /// The link word at the start of a free block.
    fn link(heap: &Heap, block: Addr) -> Option<Addr> {
        let next = heap.read_word(block);
        (next != 0).then_some(Addr(next))
    }

    /// `LinkedList::push`: the block's first word takes the old head, and
    /// the block becomes the head.
    fn push(&mut self, heap: &mut Heap, k: usize, block: Addr) {
        heap.write_word(block, self.heads[k].map_or(0, |a| a.0));
        heap.paint(block, heap.word_size(), Role::Metadata(Metadata::FreeLink));
        self.heads[k] = Some(block);
    }

    /// `LinkedList::pop`: the head's link becomes the head. Nothing is
    /// written; the caller repaints the block.
    fn pop(&mut self, heap: &Heap, k: usize) -> Option<Addr> {
        let block = self.heads[k]?;
        self.heads[k] = Self::link(heap, block);
        Some(block)
    }

    /// Walks order `k`'s list for `block` and unlinks it: the link before it
    /// (or the head) takes its link. Counts each block looked at as a
    /// search step. Whether it was there.
    fn unlink(&mut self, heap: &mut Heap, k: usize, block: Addr, log: &mut Log) -> bool {
        let mut prev = None;
        let mut at = self.heads[k];
        while let Some(current) = at {
            log.search_steps += 1;
            let next = Self::link(heap, current);
            if current == block {
                match prev {
                    None => self.heads[k] = next,
                    Some(prev) => heap.write_word(prev, next.map_or(0, |a| a.0)),
                }
                return true;
            }
            prev = Some(current);
            at = next;
        }
        false
    }
}

impl Described for Buddy {
    const NAME: &'static str = "buddy";
    const SUMMARY: &'static str = "buddy_system_allocator 0.13's binary buddy heap: power-of-two blocks, a free list per order, split on the way down, merged with the buddy on free";
    const ROLES: &'static [RoleClass] = &[
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Slack,
        RoleClass::FreeMetadata,
    ];

    fn from_settings(_: &Settings) -> Result<Buddy, SettingsError> {
        Ok(Buddy::default())
    }
}

impl Strategy for Buddy {
    fn init(&mut self, heap: &mut Heap) {
        *self = Buddy::default();
        for (block, k) in Self::initial_blocks(heap) {
            self.push(heap, k, block);
        }
    }

    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        let size = Self::block_size(request.layout, heap);
        let k = size.trailing_zeros() as usize;
        let Some(found) = (k..ORDERS).find(|&i| self.heads[i].is_some()) else {
            // Every list from order k up is empty: not one block to look at.
            log.push(Event::NoFit { examined: 0 });
            return None;
        };
        if found > k {
            log.push(Event::FreeListPop {
                size_class: 1 << found,
                addr: self.heads[found]?,
            });
        }
        // Split down to order k. The crate pushes the upper half, then the
        // lower half, which the next round (or the final pop) takes again.
        for j in (k + 1..=found).rev() {
            let block = self.pop(heap, j)?;
            let half = 1u64 << (j - 1);
            let upper = block.add(half);
            self.push(heap, j - 1, upper);
            self.push(heap, j - 1, block);
            log.push(Event::HoleSplit {
                addr: block,
                size: 1 << j,
                front: None,
                back: Some((upper, half)),
            });
            log.push(Event::FreeListPush {
                size_class: half,
                addr: upper,
            });
        }
        let addr = self.pop(heap, k)?;
        let requested = request.layout.size() as u64;
        heap.paint_parts(
            addr,
            &[
                (requested, Role::Payload(request.id)),
                (size - requested, Role::Slack(request.id)),
            ],
        );
        log.push(Event::FreeListPop {
            size_class: size,
            addr,
        });
        Some(addr)
    }

    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        _thread: ThreadId,
        log: &mut Log,
    ) {
        let size = Self::block_size(layout, heap);
        let mut k = size.trailing_zeros() as usize;
        heap.paint(addr, size, Role::Free);
        self.push(heap, k, addr);
        log.push(Event::FreeListPush {
            size_class: size,
            addr,
        });
        let mut block = addr;
        while k < ORDERS - 1 {
            let buddy = Addr(block.0 ^ (1 << k));
            if !self.unlink(heap, k, buddy, log) {
                break;
            }
            // The block was pushed last, so it is the head: pop it too.
            self.pop(heap, k);
            let (lower, upper) = (block.min(buddy), block.max(buddy));
            // The upper half's link is stale now: plain bytes of the new block.
            heap.paint(upper, heap.word_size(), Role::Free);
            k += 1;
            self.push(heap, k, lower);
            log.push(Event::Coalesced {
                addr: lower,
                size: 1 << k,
                absorbed: buddy,
            });
            block = lower;
        }
    }

    fn free_space(&self, heap: &Heap) -> FreeSpace {
        let mut free = FreeSpace::default();
        for (k, list) in self.free_lists(heap).into_iter().enumerate() {
            let size = 1u64 << k;
            free.total += size * list.len() as u64;
            if let Some(&lowest) = list.iter().min() {
                if size >= free.largest {
                    free.largest = size;
                    free.largest_at = Some(lowest);
                }
            }
        }
        free
    }

    fn usable_size(&self, layout: Layout, heap: &Heap) -> u64 {
        Self::block_size(layout, heap)
    }

    fn wrong_layout_consequence(&self, given: Layout, actual: Layout, heap: &Heap) -> String {
        let wrong = Self::block_size(given, heap);
        let right = Self::block_size(actual, heap);
        match wrong.cmp(&right) {
            std::cmp::Ordering::Greater => format!(
                "buddy_system_allocator has no header to check: it would put this {right}-byte block on the \
                 {wrong}-byte free list, as if the {} bytes after it were free too; they belong to other \
                 blocks, which would then be handed out twice.",
                wrong - right
            ),
            std::cmp::Ordering::Less => format!(
                "buddy_system_allocator has no header to check: it would put only the first {wrong} bytes of \
                 this {right}-byte block on the {wrong}-byte free list; its buddy is the rest of the block, \
                 never freed, so the other {} bytes would never be free again.",
                right - wrong
            ),
            std::cmp::Ordering::Equal => format!(
                "Both layouts take the same {right}-byte block, so buddy_system_allocator would happen to \
                 free the right bytes; the contract is still broken, and its count of requested bytes \
                 would drift."
            ),
        }
    }

    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String> {
        let word = heap.word_size();
        let (start, end) = Self::managed(heap);
        let initial = Self::initial_blocks(heap);
        let limit = heap.len() / word + 1;
        let mut free: Vec<(Addr, usize)> = Vec::new();
        for k in 0..ORDERS {
            let size = 1u64 << k;
            let list = self.list(heap, k, limit);
            if list.len() as u64 >= limit {
                return Err(format!("the {size}-byte free list does not end (cycle?)"));
            }
            let after = list
                .last()
                .map_or(self.heads[k], |&last| Self::link(heap, last));
            if let Some(out) = after {
                return Err(format!(
                    "the {size}-byte free list links out of the heap to {out}"
                ));
            }
            for &block in &list {
                if size < word {
                    return Err(format!(
                        "{block} is on the {size}-byte list, smaller than a word"
                    ));
                }
                if !block.is_aligned(size) {
                    return Err(format!(
                        "free block {block} is not aligned to its {size} bytes"
                    ));
                }
                let inside = initial
                    .iter()
                    .any(|&(b, o)| b <= block && block.0 + size <= b.0 + (1 << o));
                if block < start || block.0.saturating_add(size) > end.0 || !inside {
                    return Err(format!(
                        "free block {block} ({size} B) is not inside one of the blocks the heap was cut into"
                    ));
                }
                free.push((block, k));
            }
        }
        let on_lists: HashSet<(Addr, usize)> = free.iter().copied().collect();
        for &(block, k) in &free {
            let buddy = Addr(block.0 ^ (1 << k));
            if k < ORDERS - 1 && on_lists.contains(&(buddy, k)) {
                return Err(format!(
                    "free block {block} and its buddy {buddy} are both free at {} bytes: they should have merged",
                    1u64 << k
                ));
            }
        }
        crate::stable_sort::sort(&mut free);
        let base = heap.base();
        check_untouched(heap, base, start)?;
        let mut cursor = start;
        for &(block, k) in &free {
            if block < cursor {
                return Err(format!(
                    "free block {block} overlaps the block before it, or is on two lists"
                ));
            }
            if cursor < block {
                check_used(heap, cursor, block)?;
            }
            let link = heap
                .roles()
                .regions_in(block.since(base)..block.since(base) + word);
            let rest_start = block.since(base) + word;
            // A one-word block has no rest (and `regions_in` of an empty
            // range yields an empty run).
            let rest = heap
                .roles()
                .regions_in(rest_start..block.since(base) + (1 << k))
                .filter(|r| !r.is_empty());
            for region in link {
                if region.role != Role::Metadata(Metadata::FreeLink) {
                    return Err(format!(
                        "the link word of free block {block} is painted {:?}",
                        region.role
                    ));
                }
            }
            for region in rest {
                if !matches!(region.role, Role::Free | Role::Untouched) {
                    return Err(format!(
                        "{:?} at {} inside free block {block}",
                        region.role,
                        base.add(region.start)
                    ));
                }
            }
            cursor = block.add(1 << k);
        }
        if cursor < end {
            check_used(heap, cursor, end)?;
        }
        check_untouched(heap, end, heap.end())
    }
}

/// The bytes `add_to_heap` leaves out, to align the range to words, are
/// never touched.
#[cfg(debug_assertions)]
fn check_untouched(heap: &Heap, from: Addr, to: Addr) -> Result<(), String> {
    let base = heap.base();
    match heap
        .roles()
        .regions_in(from.since(base)..to.since(base))
        .find(|r| !r.is_empty() && r.role != Role::Untouched)
    {
        Some(r) => Err(format!(
            "{:?} at {}, outside the range the allocator manages",
            r.role,
            base.add(r.start)
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::{AllocId, RoleClass};
    use crate::HeapConfig;

    /// A heap managed by `Buddy`, driven directly through the trait.
    struct Driver {
        heap: Heap,
        buddy: Buddy,
        log: Log,
        next_id: u32,
    }

    impl Driver {
        fn new(config: HeapConfig) -> Driver {
            let mut heap = Heap::new(config);
            let mut buddy = Buddy::default();
            buddy.init(&mut heap);
            buddy.check(&heap).unwrap();
            Driver {
                heap,
                buddy,
                log: Log::default(),
                next_id: 1,
            }
        }

        /// A heap of `size` bytes at an address aligned to its size.
        fn aligned(size: u64) -> Driver {
            Driver::new(HeapConfig::new(size).at(Addr(size)))
        }

        fn alloc(&mut self, size: usize, align: usize) -> Option<Addr> {
            self.log = Log::default();
            let request = Request {
                layout: Layout::from_size_align(size, align).unwrap(),
                id: AllocId(self.next_id),
                thread: ThreadId::MAIN,
            };
            self.next_id += 1;
            let addr = self.buddy.alloc(&mut self.heap, request, &mut self.log);
            self.check();
            addr
        }

        fn free(&mut self, addr: Addr, size: usize, align: usize) {
            self.log = Log::default();
            let layout = Layout::from_size_align(size, align).unwrap();
            self.buddy
                .dealloc(&mut self.heap, addr, layout, ThreadId::MAIN, &mut self.log);
            self.check();
        }

        fn check(&self) {
            self.heap.roles().check().unwrap();
            self.buddy.check(&self.heap).unwrap();
        }

        /// The non-empty free lists as (block size, offsets from the base).
        fn lists(&self) -> Vec<(u64, Vec<u64>)> {
            let base = self.heap.base();
            self.buddy
                .free_lists(&self.heap)
                .into_iter()
                .enumerate()
                .filter(|(_, list)| !list.is_empty())
                .map(|(k, list)| (1 << k, list.iter().map(|a| a.since(base)).collect()))
                .collect()
        }
    }

    #[test]
    fn an_aligned_heap_starts_as_one_block() {
        let d = Driver::aligned(4096);
        assert_eq!(d.lists(), vec![(4096, vec![0])]);
    }

    #[test]
    fn a_heap_at_0x1000_is_cut_at_its_alignments() {
        let d = Driver::new(HeapConfig::new(16 << 10));
        // 0x1000 is aligned to 4 KiB only, 0x2000 to 8 KiB, and at 0x4000
        // only 4 KiB are left.
        assert_eq!(
            Buddy::initial_blocks(&d.heap),
            vec![(Addr(0x1000), 12), (Addr(0x2000), 13), (Addr(0x4000), 12)]
        );
        // Pushed lowest first, so the list's head is the highest.
        assert_eq!(
            d.lists(),
            vec![(4096, vec![0x3000, 0]), (8192, vec![0x1000])]
        );
    }

    #[test]
    fn bytes_past_the_last_word_are_left_out() {
        let d = Driver::aligned(1024);
        let odd = Driver::new(HeapConfig::new(1000).at(Addr(1024)));
        assert_eq!(Buddy::managed(&odd.heap).1, Addr(1024 + 1000));
        let small = Driver::new(HeapConfig::new(1003).at(Addr(1024)));
        assert_eq!(Buddy::managed(&small.heap).1, Addr(1024 + 1000));
        assert_eq!(
            small.buddy.free_space(&small.heap).total,
            odd.buddy.free_space(&odd.heap).total
        );
        assert_eq!(d.buddy.free_space(&d.heap).total, 1024);
    }

    #[test]
    fn a_small_request_splits_all_the_way_down() {
        let mut d = Driver::aligned(256);
        let a = d.alloc(1, 1).unwrap();
        assert_eq!(a, d.heap.base());
        // Every upper half stays free, one per order from 8 to 128.
        assert_eq!(
            d.lists(),
            vec![
                (8, vec![8]),
                (16, vec![16]),
                (32, vec![32]),
                (64, vec![64]),
                (128, vec![128])
            ]
        );
        let splits = d
            .log
            .events
            .iter()
            .filter(|e| matches!(e, Event::HoleSplit { .. }))
            .count();
        assert_eq!(splits, 5);
        assert_eq!(d.heap.roles().total(RoleClass::Slack), 7);
    }

    #[test]
    fn freeing_everything_merges_back_to_one_block() {
        let mut d = Driver::aligned(1024);
        let sizes = [24, 8, 100, 8, 40, 200, 16];
        let blocks: Vec<_> = sizes.iter().map(|&s| (d.alloc(s, 8).unwrap(), s)).collect();
        for &(addr, size) in blocks.iter().rev().step_by(2) {
            d.free(addr, size, 8);
        }
        for &(addr, size) in blocks.iter().skip(1).step_by(2) {
            d.free(addr, size, 8);
        }
        assert_eq!(d.lists(), vec![(1024, vec![0])]);
        assert!(d
            .log
            .events
            .iter()
            .any(|e| matches!(e, Event::Coalesced { size: 1024, .. })));
    }

    #[test]
    fn the_diagram_in_the_module_docs() {
        let mut d = Driver::aligned(256);
        let _a = d.alloc(24, 8).unwrap();
        let b = d.alloc(8, 8).unwrap();
        assert_eq!(
            d.lists(),
            vec![
                (8, vec![40]),
                (16, vec![48]),
                (64, vec![64]),
                (128, vec![128])
            ]
        );
        d.free(b, 8, 8);
        assert_eq!(
            d.lists(),
            vec![(32, vec![32]), (64, vec![64]), (128, vec![128])]
        );
    }

    #[test]
    fn merging_stops_at_a_live_buddy() {
        let mut d = Driver::aligned(256);
        let a = d.alloc(32, 8).unwrap();
        let b = d.alloc(32, 8).unwrap();
        assert_eq!(b.since(a), 32);
        d.free(a, 32, 8);
        assert_eq!(d.lists()[0], (32, vec![0]));
        assert!(!d
            .log
            .events
            .iter()
            .any(|e| matches!(e, Event::Coalesced { .. })));
    }

    #[test]
    fn freed_blocks_are_reused_last_in_first_out() {
        let mut d = Driver::aligned(1024);
        let blocks: Vec<_> = (0..6).map(|_| d.alloc(16, 8).unwrap()).collect();
        // Blocks 1 and 3 have live buddies (0 and 2): they stay on the list.
        d.free(blocks[1], 16, 8);
        d.free(blocks[3], 16, 8);
        assert_eq!(d.alloc(16, 8), Some(blocks[3]));
        assert_eq!(d.alloc(16, 8), Some(blocks[1]));
    }

    #[test]
    fn alignment_larger_than_size_takes_a_block_of_the_alignment() {
        let mut d = Driver::aligned(1024);
        d.alloc(8, 8).unwrap();
        let b = d.alloc(8, 256).unwrap();
        assert!(b.is_aligned(256));
        assert_eq!(b.since(d.heap.base()), 256);
        assert_eq!(
            d.buddy
                .usable_size(Layout::from_size_align(8, 256).unwrap(), &d.heap),
            256
        );
        // The block is 256 bytes: 8 of payload, 248 of slack.
        assert_eq!(d.heap.roles().total(RoleClass::Slack), 248);
    }

    #[test]
    fn out_of_memory_leaves_the_heap_untouched() {
        let mut d = Driver::aligned(1024);
        d.alloc(8, 8).unwrap();
        // 1016 bytes are free, but the largest block is 512.
        let before = (d.heap.clone(), d.buddy.clone());
        assert_eq!(d.alloc(513, 1), None);
        assert_eq!((d.heap.clone(), d.buddy.clone()), before);
        assert_eq!(d.log.events, vec![Event::NoFit { examined: 0 }]);
        assert_eq!(d.alloc(8, 2048), None);
        assert_eq!((d.heap, d.buddy), before);
    }

    #[test]
    fn free_space_names_the_largest_block() {
        let mut d = Driver::aligned(1024);
        d.alloc(100, 8).unwrap();
        let free = d.buddy.free_space(&d.heap);
        assert_eq!(free.total, 1024 - 128);
        assert_eq!(
            (free.largest, free.largest_at),
            (512, Some(d.heap.base().add(512)))
        );
    }

    #[test]
    fn a_32_bit_target_has_4_byte_links_and_blocks() {
        let mut d = Driver::new(HeapConfig::new(256).at(Addr(256)).on(crate::Target::Bits32));
        let a = d.alloc(1, 1).unwrap();
        let b = d.alloc(1, 1).unwrap();
        assert_eq!(b.since(a), 4);
        assert_eq!(d.lists()[0], (8, vec![8]));
    }

    #[test]
    fn check_catches_a_corrupted_link() {
        let mut d = Driver::aligned(256);
        d.alloc(8, 8).unwrap();
        let (k, block) = (3, d.heap.base().add(8));
        assert_eq!(d.buddy.heads[k], Some(block));
        // Link the 8-byte block to itself: a cycle.
        d.heap.write_word(block, block.0);
        assert!(d.buddy.check(&d.heap).is_err());
        // A link to a block that is not aligned to the list's size.
        d.heap.write_word(block, d.heap.base().add(12).0);
        assert!(d.buddy.check(&d.heap).is_err());
    }

    #[test]
    fn a_wrong_layout_is_explained_by_block_sizes() {
        let d = Driver::aligned(256);
        let l = |s| Layout::from_size_align(s, 8).unwrap();
        let text = d.buddy.wrong_layout_consequence(l(64), l(16), &d.heap);
        assert!(text.contains("64-byte free list") && text.contains("48 bytes"));
        let text = d.buddy.wrong_layout_consequence(l(9), l(16), &d.heap);
        assert!(text.contains("same 16-byte block"));
    }
}
