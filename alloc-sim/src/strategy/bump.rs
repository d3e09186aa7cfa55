//! Bump allocation, as bumpalo does it.
//!
//! A bump allocator owns one region and a pointer into it. bumpalo bumps
//! *downward*: the pointer starts at the top of the region, and each
//! allocation moves it down by the block's size, then down again to the
//! block's alignment. Handing out a block is a subtraction and a mask; there
//! is no search, no per-block header, and no free list.
//!
//! The whole heap is one bumpalo chunk. bumpalo keeps its bookkeeping in a
//! *footer* at the top of the chunk, and so does this model: the bump
//! pointer the algorithm reads and writes lives in the footer's bytes.
//!
//! ```text
//!  base                                   ptr                 footer      end
//!   |  free: below the bump pointer        | #3 | pad | #2 | #1 | data layout prev ptr bytes |
//!   +--------------------------------------+----+-----+----+----+----------------------------+
//!                                   blocks go down ←
//! ```
//!
//! The allocation rule, from bumpalo's `try_alloc_layout_fast` (its
//! `MIN_ALIGN` is 1):
//! - `align == 1`: `new = ptr - size`;
//! - `align > 1`: `new = round_down(ptr, align) - round_up(size, align)`;
//! - the block fits if `new >= data start`.
//!
//! Freeing is honoured only for the most recent block (`addr == ptr`), and
//! then the pointer moves up by `size` only: any alignment gap above the
//! block stays used. Every other free is a no-op: the bytes are *stranded*
//! until [`Bump::reset`]. `realloc` follows bumpalo's `grow` and `shrink`:
//! the most recent block grows by bumping the difference and sliding its
//! bytes down; it shrinks by sliding up only if that reclaims at least half.
//! Any other block grows by a fresh allocation and a copy, and the old
//! bytes are stranded. A `realloc` to the same size keeps the block.
//!
//! # Invariants
//! - `data ≤ ptr ≤ footer`, with `footer = round_down(end - FOOTER, 16)`;
//! - every byte in `data..ptr` is free or untouched; every byte in
//!   `ptr..footer` is payload, padding, slack or stranded;
//! - the footer's bytes hold `data`, the chunk layout and `ptr`.
//!
//! # Cost
//! `alloc` and `dealloc` are O(1): a few arithmetic operations. The price is
//! memory: nothing but the most recent block is ever reused.

use core::alloc::Layout;

use crate::addr::{align_down, align_up, Addr};
use crate::event::{Event, Log};
use crate::heap::Heap;
use crate::role::{Metadata, Role};
use crate::role::RoleClass;
use crate::strategy::{FreeSpace, Request, Strategy, ThreadId, Described, Settings, SettingsError};

/// bumpalo's chunk footers are aligned to 16 (`CHUNK_ALIGN`).
pub const CHUNK_ALIGN: u64 = 16;

/// bumpalo's `ChunkFooter` is six words (`data`, `layout.size`,
/// `layout.align`, `prev`, `ptr`, `allocated_bytes`), `repr(C, align(16))`.
pub const fn footer_size(word: u64) -> u64 {
    align_up(6 * word, CHUNK_ALIGN)
}

/// Word indices of the footer's fields.
const DATA: u64 = 0;
const LAYOUT_SIZE: u64 = 1;
const LAYOUT_ALIGN: u64 = 2;
const PREV: u64 = 3;
const PTR: u64 = 4;
const ALLOCATED_BYTES: u64 = 5;

/// A bump allocator over the whole heap. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bump {
    /// Where the footer starts; `None` before [`Strategy::init`].
    footer: Option<Addr>,
    /// Whether this is one chunk of a [`BumpArena`](crate::BumpArena) inside
    /// a block of the heap, rather than the heap's own strategy.
    in_arena: bool,
}

impl Bump {
    /// A bumpalo chunk inside a block the heap's strategy handed out:
    /// `capacity` bytes from `data`, then the footer, which records the
    /// chunk's layout, the previous chunk's footer and the bytes allocated
    /// by the arena so far.
    pub fn in_chunk(
        heap: &mut Heap,
        data: Addr,
        capacity: u64,
        layout: (u64, u64),
        prev: Option<Addr>,
        allocated: u64,
    ) -> Bump {
        let word = heap.word_size();
        let footer = data.add(capacity);
        let fields = [
            (DATA, data.0),
            (LAYOUT_SIZE, layout.0),
            (LAYOUT_ALIGN, layout.1),
            (PREV, prev.map_or(0, |a| a.0)),
            (PTR, footer.0),
            (ALLOCATED_BYTES, allocated),
        ];
        for (index, value) in fields {
            heap.write_word(footer.add(index * word), value);
        }
        heap.paint(data, capacity, Role::ArenaFree);
        heap.paint(
            footer,
            footer_size(word),
            Role::Metadata(Metadata::ChunkFooter),
        );
        Bump {
            footer: Some(footer),
            in_arena: true,
        }
    }

    /// Where this chunk's footer is.
    pub fn footer_addr(&self) -> Option<Addr> {
        self.footer
    }

    /// Bytes below the bump pointer.
    pub fn capacity_left(&self, heap: &Heap) -> u64 {
        self.ptr(heap).since(self.data_start(heap))
    }

    /// The role of bytes the bump pointer has not reached (or has retreated
    /// over): plain free memory, or free inside an arena's chunk.
    fn free_role(&self) -> Role {
        if self.in_arena {
            Role::ArenaFree
        } else {
            Role::Free
        }
    }

    fn footer(&self) -> Addr {
        self.footer.expect("Bump::init runs before any call")
    }

    fn field(&self, heap: &Heap, index: u64) -> Addr {
        self.footer().add(index * heap.word_size())
    }

    /// The bump pointer, read from the footer.
    pub fn ptr(&self, heap: &Heap) -> Addr {
        Addr(heap.read_word(self.field(heap, PTR)))
    }

    fn set_ptr(&self, heap: &mut Heap, ptr: Addr) {
        let at = self.field(heap, PTR);
        heap.write_word(at, ptr.0);
    }

    /// The lowest address of the region, read from the footer.
    pub fn data_start(&self, heap: &Heap) -> Addr {
        Addr(heap.read_word(self.field(heap, DATA)))
    }

    /// Frees everything at once: the pointer goes back to the footer.
    pub fn reset(&mut self, heap: &mut Heap, log: &mut Log) {
        let from = self.ptr(heap);
        let top = self.footer();
        let start = self.data_start(heap);
        // Bytes that were handed out become free; never-touched bytes stay so.
        let used: Vec<_> = heap
            .roles()
            .regions_in(from.since(heap.base())..top.since(heap.base()))
            .collect();
        for region in used {
            if region.role != Role::Untouched {
                heap.paint(
                    heap.base().add(region.start),
                    region.len(),
                    self.free_role(),
                );
            }
        }
        self.set_ptr(heap, top);
        log.push(Event::BumpRetreated { from, to: top });
        debug_assert!(start <= top);
    }

    /// bumpalo's fast path: where a block of `layout` would go below `ptr`,
    /// or `None` if it does not fit above `start`.
    fn place(ptr: Addr, start: Addr, size: u64, align: u64) -> Option<Addr> {
        if align == 1 {
            let capacity = ptr.since(start);
            (size <= capacity).then(|| ptr.sub(size))
        } else {
            let aligned_size = align_up(size, align);
            let aligned_ptr = ptr.align_down(align);
            if aligned_ptr < start || aligned_size > aligned_ptr.since(start) {
                return None;
            }
            Some(aligned_ptr.sub(aligned_size))
        }
    }

    /// Bumps for `size` bytes at `align` and paints the block and the gaps
    /// above it as belonging to `request.id`.
    fn bump(
        &self,
        heap: &mut Heap,
        size: u64,
        align: u64,
        request: Request,
        log: &mut Log,
    ) -> Option<Addr> {
        let ptr = self.ptr(heap);
        let start = self.data_start(heap);
        let Some(new) = Self::place(ptr, start, size, align) else {
            let needed = if align == 1 {
                size
            } else {
                align_up(size, align)
            };
            log.push(Event::RegionExhausted {
                needed,
                left: ptr.align_down(align).0.saturating_sub(start.0),
            });
            return None;
        };
        self.set_ptr(heap, new);
        // The gap between the block's end and the old pointer is alignment:
        // the size rounded up to the alignment, then the pointer rounded down.
        heap.paint(
            new.add(size),
            ptr.since(new) - size,
            Role::Padding(request.id),
        );
        log.push(Event::Bumped { from: ptr, to: new });
        Some(new)
    }

    /// Repaints the padding that sits directly above a block as stranded.
    fn strand_padding_above(heap: &mut Heap, from: Addr, id: crate::AllocId) {
        let mut at = from;
        while let Some((start, end, role)) = heap.region_at(at) {
            if role != Role::Padding(id) || start != at {
                break;
            }
            heap.paint(start, end.since(start), Role::Stranded(id));
            at = end;
        }
    }
}

impl Described for Bump {
    const NAME: &'static str = "bump";
    const SUMMARY: &'static str =
        "bumpalo's bump-down chunk over the whole heap; frees only the most recent block";
    const ROLES: &'static [RoleClass] = &[
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Slack,
        RoleClass::Padding,
        RoleClass::Metadata,
        RoleClass::Stranded,
    ];

    fn from_settings(_: &Settings) -> Result<Bump, SettingsError> {
        Ok(Bump::default())
    }
}

impl Strategy for Bump {
    fn init(&mut self, heap: &mut Heap) {
        let word = heap.word_size();
        let footer = heap.end().sub(footer_size(word)).align_down(CHUNK_ALIGN);
        self.footer = Some(footer);
        let data = heap.base();
        let chunk_size = footer.add(footer_size(word)).since(data);
        let fields = [
            (DATA, data.0),
            (LAYOUT_SIZE, chunk_size),
            (LAYOUT_ALIGN, CHUNK_ALIGN),
            // The first chunk's `prev` is bumpalo's static empty chunk; there
            // is none in the simulated heap, so it is written as null.
            (PREV, 0),
            (PTR, footer.0),
            (ALLOCATED_BYTES, footer.since(data)),
        ];
        for (index, value) in fields {
            heap.write_word(footer.add(index * word), value);
        }
        heap.paint(
            footer,
            footer_size(word),
            Role::Metadata(Metadata::ChunkFooter),
        );
    }

    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        let size = request.layout.size() as u64;
        let align = request.layout.align() as u64;
        let new = self.bump(heap, size, align, request, log)?;
        heap.paint(new, size, Role::Payload(request.id));
        Some(new)
    }

    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        _thread: ThreadId,
        log: &mut Log,
    ) {
        let size = layout.size() as u64;
        let id = heap.role_at(addr).alloc_id();
        let ptr = self.ptr(heap);
        if addr == ptr {
            let to = addr.add(size);
            self.set_ptr(heap, to);
            heap.paint(addr, size, self.free_role());
            if let Some(id) = id {
                Self::strand_padding_above(heap, to, id);
            }
            log.push(Event::BumpRetreated { from: ptr, to });
        } else {
            if let Some(id) = id {
                heap.paint(addr, size, Role::Stranded(id));
                Self::strand_padding_above(heap, addr.add(size), id);
            }
            log.push(Event::Stranded { addr, size });
        }
    }

    fn realloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        new_size: u64,
        request: Request,
        log: &mut Log,
    ) -> Option<Addr> {
        let old_size = layout.size() as u64;
        let align = layout.align() as u64;
        let is_last = addr == self.ptr(heap);
        let id = request.id;
        if new_size == old_size {
            return Some(addr);
        }
        if new_size > old_size {
            // bumpalo's `grow`: the most recent block bumps the difference
            // and slides its bytes down into the new room.
            if is_last {
                let delta = new_size - old_size;
                if let Some(new) = self.bump(heap, delta, align, request, log) {
                    heap.copy(addr, new, old_size);
                    log.push(Event::Copied {
                        from: addr,
                        to: new,
                        len: old_size,
                    });
                    heap.paint(new, new_size, Role::Payload(id));
                    let tail = addr.add(old_size).since(new.add(new_size));
                    heap.paint(new.add(new_size), tail, Role::Padding(id));
                    return Some(new);
                }
            }
            // Otherwise a fresh block; the old one is not freed, only left.
            let new = self.bump(heap, new_size, align, request, log)?;
            heap.paint(new, new_size, Role::Payload(id));
            heap.copy(addr, new, old_size);
            log.push(Event::Copied {
                from: addr,
                to: new,
                len: old_size,
            });
            heap.paint(addr, old_size, Role::Stranded(id));
            Self::strand_padding_above(heap, addr.add(old_size), id);
            log.push(Event::Stranded {
                addr,
                size: old_size,
            });
            return Some(new);
        }
        // bumpalo's `shrink`: slide the most recent block up only when that
        // reclaims at least half of it, so the copy cannot overlap.
        let delta = align_down(old_size - new_size, align);
        if is_last && delta >= old_size.div_ceil(2) {
            let new = addr.add(delta);
            self.set_ptr(heap, new);
            heap.copy(addr, new, new_size);
            log.push(Event::Copied {
                from: addr,
                to: new,
                len: new_size,
            });
            heap.paint(addr, delta, self.free_role());
            heap.paint(new, new_size, Role::Payload(id));
            heap.paint(
                new.add(new_size),
                old_size - delta - new_size,
                Role::Padding(id),
            );
            log.push(Event::BumpRetreated {
                from: addr,
                to: new,
            });
            return Some(new);
        }
        heap.paint(addr.add(new_size), old_size - new_size, Role::Slack(id));
        log.push(Event::ResizedInPlace {
            addr,
            old_size,
            new_size,
        });
        Some(addr)
    }

    fn free_space(&self, heap: &Heap) -> FreeSpace {
        let left = self.ptr(heap).since(self.data_start(heap));
        FreeSpace {
            total: left,
            largest: left,
            largest_at: (left > 0).then(|| self.data_start(heap)),
        }
    }

    /// bumpalo bumps down from its footer, so the heap it has used is not
    /// measured from the heap's start: it is the chunk from its top (the
    /// footer's end) down to the lowest byte the pointer ever reached.
    /// Nothing writes below the bump pointer, so that byte is where the
    /// heap's touched span begins. The footer counts, as malloc lab counts
    /// an allocator's own bookkeeping (its prologue and epilogue) in the
    /// heap size. (An arena's chunk is a block of another strategy, which
    /// measures the heap itself.)
    fn heap_size(&self, heap: &Heap) -> u64 {
        let (Some(footer), Some((lowest, _))) = (self.footer, heap.touched()) else {
            return 0;
        };
        let top = footer.add(footer_size(heap.word_size()));
        top.0.saturating_sub(heap.base().add(lowest).0)
    }

    fn usable_size(&self, layout: Layout, _heap: &Heap) -> u64 {
        let size = layout.size() as u64;
        let align = layout.align() as u64;
        if align == 1 {
            size
        } else {
            align_up(size, align)
        }
    }

    fn wrong_layout_consequence(&self, given: Layout, actual: Layout, _heap: &Heap) -> String {
        format!(
            "bumpalo would move its pointer up by the {} bytes it was told instead of the {} it handed out, \
             so the next block could overlap this one or leave a gap nobody owns.",
            given.size(),
            actual.size()
        )
    }

    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String> {
        let word = heap.word_size();
        let footer = self.footer.ok_or("bump strategy was never initialised")?;
        let data = self.data_start(heap);
        let ptr = self.ptr(heap);
        if !self.in_arena && data != heap.base() {
            return Err(format!(
                "footer says the data starts at {data}, the heap at {}",
                heap.base()
            ));
        }
        if !(data <= ptr && ptr <= footer) {
            return Err(format!("bump pointer {ptr} outside {data}..={footer}"));
        }
        let chunk = heap.read_word(footer.add(LAYOUT_SIZE * word));
        if data.add(chunk) != footer.add(footer_size(word)) {
            return Err(format!(
                "footer's chunk size {chunk} does not reach the footer's end"
            ));
        }
        let base = heap.base();
        for region in heap
            .roles()
            .regions_in(data.since(base)..footer.since(base))
        {
            let start = base.add(region.start);
            let below = start < ptr;
            let ok = if below {
                region.role == self.free_role() || region.role == Role::Untouched
            } else {
                region.role.in_use()
            };
            if !ok {
                return Err(format!(
                    "{:?} at {start} on the wrong side of the bump pointer {ptr}",
                    region.role
                ));
            }
        }
        Ok(())
    }
}

/// The size of each chunk a bumpalo `Bump` asks its parent allocator
/// for, as bumpalo 3 computes it: for a `Bump` living inside another heap,
/// as `Bump::new()` with `Vec::new_in(&bump)` does.
///
/// bumpalo aims for chunks whose size *including* the footer and a guessed
/// 16 bytes of malloc overhead is a power of two below a page, or a page
/// multiple above; each new chunk doubles the previous one's capacity, and
/// if the parent refuses, bumpalo halves the request until it would no
/// longer fit the allocation.
pub mod chunks {
    use crate::addr::align_up;
    use crate::error::LayoutSpec;

    use super::{footer_size, CHUNK_ALIGN};

    /// bumpalo's guess of a malloc's per-block overhead.
    const MALLOC_OVERHEAD: u64 = 16;
    /// The first chunk aims at 512 bytes in all.
    const FIRST_ALLOCATION_GOAL: u64 = 512;
    const TYPICAL_PAGE_SIZE: u64 = 4096;

    /// Footer plus malloc overhead, rounded to the chunk alignment.
    pub const fn overhead(word: u64) -> u64 {
        align_up(MALLOC_OVERHEAD + footer_size(word), CHUNK_ALIGN)
    }

    /// The capacity of a first chunk made for a small request.
    pub const fn default_capacity(word: u64) -> u64 {
        FIRST_ALLOCATION_GOAL - overhead(word)
    }

    /// One chunk: what is asked of the parent allocator, and how many bytes
    /// it holds below its footer.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Chunk {
        /// The layout passed to the parent's `alloc`.
        pub layout: LayoutSpec,
        /// Bytes below the footer.
        pub capacity: u64,
    }

    /// bumpalo's `new_chunk_memory_details`: the chunk for `request`, with
    /// at least `capacity` bytes (bumpalo's default when `None`).
    pub fn chunk_for(capacity: Option<u64>, request: LayoutSpec, word: u64) -> Chunk {
        let align = CHUNK_ALIGN.max(request.align);
        let wanted = capacity
            .unwrap_or(default_capacity(word))
            .max(align_up(request.size, align));
        let capacity = if wanted < TYPICAL_PAGE_SIZE {
            (wanted + overhead(word)).next_power_of_two() - overhead(word)
        } else {
            align_up(wanted + overhead(word), TYPICAL_PAGE_SIZE) - overhead(word)
        };
        Chunk {
            layout: LayoutSpec {
                size: capacity + footer_size(word),
                align,
            },
            capacity,
        }
    }

    /// bumpalo's `alloc_layout_slow`: the chunks it will try, in order, when
    /// `request` does not fit the current chunk of `current_capacity` bytes
    /// (0 for a `Bump` with no chunk yet). The first is twice the current
    /// capacity; each next one is half the one before.
    pub fn attempts(current_capacity: u64, request: LayoutSpec, word: u64) -> Vec<Chunk> {
        let min = request.size.max(default_capacity(word));
        let mut base = (current_capacity * 2).max(min);
        let mut out = Vec::new();
        while base >= min {
            out.push(chunk_for(Some(base), request, word));
            base /= 2;
        }
        out
    }

    /// `Bump::with_capacity(capacity)`'s one chunk.
    pub fn with_capacity(capacity: u64, word: u64) -> Chunk {
        chunk_for(
            None,
            LayoutSpec {
                size: capacity,
                align: 1,
            },
            word,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HeapConfig, Simulation, StrategyKind};

    fn sim() -> Simulation {
        Simulation::new(HeapConfig::new(1024), StrategyKind::Bump).unwrap()
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn first_block_sits_just_below_the_footer() {
        let mut s = sim();
        let footer = Addr(0x1000 + 1024 - 48);
        let a = s.alloc(layout(16, 8)).unwrap();
        assert_eq!(a, footer.sub(16));
        s.check().unwrap();
    }

    #[test]
    fn an_odd_sized_byte_block_then_an_aligned_one_leaves_a_gap() {
        let mut s = sim();
        let a = s.alloc(layout(3, 1)).unwrap();
        let b = s.alloc(layout(8, 8)).unwrap();
        // The pointer was at a (odd); rounding down to 8 costs 5 bytes.
        assert_eq!(b, a.align_down(8).sub(8));
        assert_eq!(s.metrics().padding_bytes, a.since(a.align_down(8)));
        s.check().unwrap();
    }

    #[test]
    fn freeing_the_most_recent_block_gives_its_bytes_back() {
        let mut s = sim();
        let a = s.alloc(layout(32, 8)).unwrap();
        let b = s.alloc(layout(32, 8)).unwrap();
        s.dealloc(b, layout(32, 8)).unwrap();
        let c = s.alloc(layout(16, 8)).unwrap();
        assert_eq!(c, a.sub(16));
        s.check().unwrap();
    }

    #[test]
    fn freeing_an_older_block_strands_it() {
        let mut s = sim();
        let a = s.alloc(layout(32, 8)).unwrap();
        let _b = s.alloc(layout(32, 8)).unwrap();
        let before = s.metrics().total_free;
        s.dealloc(a, layout(32, 8)).unwrap();
        assert_eq!(s.metrics().total_free, before);
        assert_eq!(s.metrics().stranded_bytes, 32);
        assert!(matches!(s.heap().role_at(a), Role::Stranded(_)));
        s.check().unwrap();
    }

    #[test]
    fn growing_the_most_recent_block_slides_it_down() {
        let mut s = sim();
        let a = s.alloc(layout(8, 4)).unwrap();
        s.write(a, &[1, 2, 3, 4, 5, 6, 7, 8]).unwrap();
        let b = s.realloc(a, layout(8, 4), 16).unwrap();
        assert_eq!(b, a.sub(8));
        assert_eq!(s.heap().read(b, 8), &[1, 2, 3, 4, 5, 6, 7, 8]);
        s.check().unwrap();
    }

    #[test]
    fn heap_size_spans_the_chunk_from_its_top_down_to_the_lowest_block() {
        let mut s = sim();
        let footer = match s.strategy() {
            crate::AnyStrategy::Bump(b) => b.footer_addr().unwrap(),
            other => panic!("not a bump: {other:?}"),
        };
        // The chunk's top: the footer's end, from the chunk size it records.
        let word = s.heap().word_size();
        let data = s.heap().read_word(footer);
        let top = Addr(data + s.heap().read_word(footer.add(LAYOUT_SIZE * word)));
        // Odd sizes and alignments, a free of the newest block (the pointer
        // retreats, but the heap once reached lower) and one more block.
        let a = s.alloc(layout(24, 8)).unwrap();
        let b = s.alloc(layout(3, 1)).unwrap();
        let c = s.alloc(layout(40, 16)).unwrap();
        s.dealloc(c, layout(40, 16)).unwrap();
        let d = s.alloc(layout(5, 1)).unwrap();
        let lowest = [a, b, c, d].into_iter().min().unwrap();
        let m = s.metrics();
        assert_eq!(m.heap_size, top.since(lowest));
        // Nothing below the lowest block is counted: the heap is far bigger.
        assert!(m.heap_size < s.heap().len() / 4);
        assert!(m.heap_size <= m.footprint);
        assert!(m.peak_utilisation() >= m.peak_live_bytes as f64 / m.footprint as f64);
    }

    #[test]
    fn peak_utilisation_of_a_long_trace_is_never_below_live_over_footprint() {
        let list = crate::ops::random_program(7, 3000, 40);
        let mut s = Simulation::new(HeapConfig::new(1 << 20), StrategyKind::Bump).unwrap();
        let mut recording = crate::Recording::start(&mut s, false);
        let mut replayer = crate::ops::Replayer::default();
        for op in &list.ops {
            replayer.step(&mut s, &mut recording, op).unwrap();
            let m = s.metrics();
            assert!(m.heap_size <= m.footprint, "{m:?}");
            assert!(m.peak_utilisation() >= m.peak_live_bytes as f64 / m.footprint as f64);
        }
    }

    #[test]
    fn reset_frees_everything_at_once() {
        let mut s = sim();
        for _ in 0..5 {
            s.alloc(layout(40, 8)).unwrap();
        }
        assert!(s.reset());
        assert_eq!(s.metrics().live_bytes, 0);
        assert_eq!(s.metrics().total_free, 1024 - 48);
    }
}
