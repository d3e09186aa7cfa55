//! First fit with C-style headers: every block carries its size in front of
//! it, as glibc's `malloc` does, so that `free(ptr)` needs no size.
//!
//! This is the contrast to Rust's headerless `dealloc(ptr, layout)`. Chunk
//! sizes are glibc's exactly (`request2size`): the request plus one word
//! for the size field, rounded up to 16, at least `MINSIZE` (32 bytes on
//! 64-bit), so `malloc_usable_size` is the chunk size minus a word.
//!
//! ```text
//!      block (glibc's "chunk", counted from its size field)
//!   +--------------+-----------------------------+
//!   | size | P     | payload ...      | slack    |   payload is 16-aligned
//!   +--------------+-----------------------------+
//!   ^ b             ^ b + word = the pointer malloc returns
//! ```
//!
//! glibc counts a chunk from the `prev_size` word one word earlier, which
//! overlaps the previous chunk's last bytes while that chunk is in use; this
//! model counts from the size field, which gives the same sizes and the same
//! addresses. Bit 0 of the size word is glibc's `PREV_INUSE`: set when the
//! block in front is in use.
//!
//! Free blocks are holes on one address-ordered list (a node: the size word,
//! then the link), searched first fit. A hole is split only when the
//! remainder is at least `MINSIZE`; otherwise the whole hole is handed out
//! and its usable size is larger than asked, as glibc does. Freeing reads
//! the size back from the header, coalesces with neighbouring holes, and
//! clears `PREV_INUSE` in the block behind. `realloc` grows into a free
//! neighbour or shrinks in place, as glibc's `_int_realloc` does.
//!
//! Simplified: glibc's bins, tcache, fastbins, boundary-tag footers and
//! `mmap` for large requests are not modelled; the sizes are.
//!
//! # Invariants
//! - every block and hole starts at `b ≡ −word (mod 16)` and its size is a
//!   multiple of 16, at least `MINSIZE`;
//! - holes are sorted and never touch (coalescing is immediate);
//! - a block's header holds its size; its `PREV_INUSE` bit is set exactly
//!   when the block in front is in use;
//! - `Σ hole sizes + Σ block sizes = top − bottom`;
//! - the hole index holds the list's holes, in order.
//!
//! # Cost
//! O(holes) to allocate and to free, plus one word per block: the walk
//! the narration and the step count describe. The simulation finds the
//! same hole through an index of the list kept on the side
//! (`hole_index.rs`), and counts the steps the walk would take.

use core::alloc::Layout;

use crate::addr::{align_down, align_up, Addr};
use crate::event::{Event, Log, Rejection};
use crate::heap::Heap;
use crate::role::{Metadata, Role};
#[cfg(debug_assertions)]
use crate::strategy::first_fit::{check_free, check_used};
use crate::strategy::hole_index::HoleIndex;
use crate::strategy::hole_list::{Hole, NodeShape};
use crate::role::RoleClass;
use crate::strategy::{default_realloc, FreeSpace, Request, Strategy, ThreadId, Described, Settings, SettingsError, Toggle};

/// glibc's `MALLOC_ALIGNMENT` on x86_64 and i386.
pub const MALLOC_ALIGNMENT: u64 = 16;
/// glibc's `PREV_INUSE` bit.
pub const PREV_INUSE: u64 = 1;
const FLAGS: u64 = 0x7;

/// glibc's `MINSIZE`: the smallest chunk, able to hold the free-list links.
pub const fn min_chunk(word: u64) -> u64 {
    align_up(4 * word, MALLOC_ALIGNMENT)
}

/// glibc's `request2size`: the chunk size for a request of `size` bytes.
pub const fn request2size(size: u64, word: u64) -> u64 {
    let padded = size + word + MALLOC_ALIGNMENT - 1;
    if padded < min_chunk(word) {
        min_chunk(word)
    } else {
        align_down(padded, MALLOC_ALIGNMENT)
    }
}

/// First fit with glibc-style chunk headers. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirstFitHeaders {
    first: Option<Addr>,
    bottom: Addr,
    top: Addr,
    /// The list's holes on the side, to find a fit without reading every
    /// node (see `hole_index.rs`).
    index: HoleIndex,
}

impl FirstFitHeaders {
    fn shape(heap: &Heap) -> NodeShape {
        NodeShape {
            size_at: 0,
            next_at: heap.word_size(),
            flag_mask: FLAGS,
        }
    }

    /// The holes of the free list, in order: (address, size).
    pub fn holes(&self, heap: &Heap) -> Vec<(Addr, u64)> {
        Self::shape(heap)
            .walk(heap, self.first, heap.len())
            .into_iter()
            .map(|h| (h.addr, h.size))
            .collect()
    }

    /// The chunk size stored in the header of the block whose payload is at
    /// `addr`.
    pub fn chunk_size(heap: &Heap, addr: Addr) -> u64 {
        heap.read_word(addr.sub(heap.word_size())) & !FLAGS
    }

    fn set_prev_inuse(&self, heap: &mut Heap, block: Addr, in_use: bool) {
        if block >= self.top {
            return;
        }
        let word = heap.read_word(block);
        heap.write_word(
            block,
            if in_use {
                word | PREV_INUSE
            } else {
                word & !PREV_INUSE
            },
        );
    }

    fn link(&mut self, heap: &mut Heap, prev: Option<Addr>, next: Option<Addr>) {
        match prev {
            None => self.first = next,
            Some(prev) => Self::shape(heap).set_next(heap, prev, next),
        }
    }

    fn make_hole(heap: &mut Heap, hole: Hole) {
        Self::shape(heap).write(heap, hole);
        heap.paint(
            hole.addr,
            2 * heap.word_size(),
            Role::Metadata(Metadata::HoleNode),
        );
    }

    /// Writes a block's header and paints it: header, payload, slack, and
    /// the node of the hole written right behind it (`hole_behind`), in
    /// one edit of the role map.
    fn make_block(
        heap: &mut Heap,
        block: Addr,
        size: u64,
        requested: u64,
        request: Request,
        log: &mut Log,
        hole_behind: bool,
    ) {
        let word = heap.word_size();
        let flags = heap.read_word(block) & PREV_INUSE;
        heap.write_word(block, size | flags);
        let node = if hole_behind { 2 * word } else { 0 };
        heap.paint_parts(
            block,
            &[
                (word, Role::Metadata(Metadata::Header)),
                (requested, Role::Payload(request.id)),
                (size - word - requested, Role::Slack(request.id)),
                (node, Role::Metadata(Metadata::HoleNode)),
            ],
        );
        log.push(Event::HeaderWritten {
            addr: block,
            chunk_size: size,
        });
    }

    /// Where a chunk of `size` whose payload needs `align` fits in `hole`:
    /// (block, its size once any too-small tail is absorbed, front, back).
    fn place(
        hole: Hole,
        size: u64,
        align: u64,
        word: u64,
    ) -> Result<(Addr, u64, Option<u64>, Option<u64>), Rejection> {
        let min = min_chunk(word);
        if hole.size < size {
            return Err(Rejection::TooSmall);
        }
        let block = if hole.addr.add(word).is_aligned(align) {
            hole.addr
        } else {
            // Like glibc's memalign: the front must stay a chunk of its own.
            hole.addr.add(min + word).align_up(align).sub(word)
        };
        if block.add(size) > hole.end() {
            return Err(Rejection::NoRoomAfterAligning);
        }
        let front = (block > hole.addr).then(|| block.since(hole.addr));
        let tail = hole.end().since(block.add(size));
        if tail >= min {
            Ok((block, size, front, Some(tail)))
        } else {
            Ok((block, size + tail, front, None))
        }
    }

    /// Links a free chunk in at its place and merges it with touching holes.
    /// Returns the hole it ended up in.
    fn insert_hole(&mut self, heap: &mut Heap, addr: Addr, size: u64, log: &mut Log) -> Hole {
        let shape = Self::shape(heap);
        let node = 2 * heap.word_size();
        // The walk to the hole in front: one step per hole below `addr`.
        let p = self.index.position(addr);
        log.search_steps += p as u64;
        let (before, at, _) = self.index.around(p);
        let at = at.map(|(a, _)| a);
        let prev = before.map(|(a, size)| Hole {
            addr: a,
            size,
            next: at,
        });
        let (mut lo, mut hi) = (p, p);
        let merges_front = prev.is_some_and(|p| p.end() == addr);
        let merges_behind = at == Some(addr.add(size));
        // One edit of the role map: the chunk becomes free (its first
        // words a hole's node unless the hole in front takes it in), and
        // so does the node of a hole behind that it takes in.
        let own_node = if merges_front { 0 } else { node };
        let behind = if merges_behind { node } else { 0 };
        heap.paint_parts(
            addr,
            &[
                (own_node, Role::Metadata(Metadata::HoleNode)),
                (size - own_node + behind, Role::Free),
            ],
        );
        let mut hole = Hole {
            addr,
            size,
            next: at,
        };
        if let Some(next) = at.filter(|_| merges_behind) {
            let absorbed = shape.read(heap, next);
            hole.size += absorbed.size;
            hole.next = absorbed.next;
            hi = p + 1;
            log.push(Event::Coalesced {
                addr,
                size: hole.size,
                absorbed: next,
            });
        }
        match prev {
            Some(mut p) if merges_front => {
                p.size += hole.size;
                p.next = hole.next;
                shape.write(heap, p);
                log.push(Event::Coalesced {
                    addr: p.addr,
                    size: p.size,
                    absorbed: addr,
                });
                hole = p;
                lo -= 1;
            }
            _ => {
                shape.write(heap, hole);
                self.link(heap, prev.map(|p| p.addr), Some(addr));
                log.push(Event::HoleInserted {
                    addr,
                    size: hole.size,
                });
            }
        }
        self.index.replace(lo..hi, &[(hole.addr, hole.size)]);
        self.set_prev_inuse(heap, hole.end(), false);
        hole
    }
}

impl Described for FirstFitHeaders {
    const NAME: &'static str = "first-fit-headers";
    const SUMMARY: &'static str = "glibc's chunk headers and sizes on a first-fit list; glibc's bins and tcache are not modelled";
    const ROLES: &'static [RoleClass] = &[
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Slack,
        RoleClass::Metadata,
        RoleClass::FreeMetadata,
    ];
    const TOGGLE: Option<Toggle> = Some(Toggle {
        label: "headers",
        checked: true,
        other: "first-fit",
        help: "first fit with a header on each block, glibc-style, or linked_list_allocator's headerless blocks",
    });

    fn from_settings(_: &Settings) -> Result<FirstFitHeaders, SettingsError> {
        Ok(FirstFitHeaders::default())
    }
}

impl Strategy for FirstFitHeaders {
    fn init(&mut self, heap: &mut Heap) {
        let word = heap.word_size();
        // Payloads are 16-aligned, so blocks start one word below a multiple of 16.
        let bottom = heap.base().add(word).align_up(MALLOC_ALIGNMENT).sub(word);
        let size = align_down(heap.end().since(bottom), MALLOC_ALIGNMENT);
        self.bottom = bottom;
        self.top = bottom.add(size);
        heap.write_word(bottom, PREV_INUSE);
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
        let word = heap.word_size();
        let requested = request.layout.size() as u64;
        let size = request2size(requested, word);
        let align = (request.layout.align() as u64).max(MALLOC_ALIGNMENT);
        let mut from = 0;
        while let Some((i, prev, hole)) = self.index.next_examined(from..usize::MAX, size, log) {
            let addr = hole.addr;
            let (block, block_size, front, back) = match Self::place(hole, size, align, word) {
                Ok(place) => place,
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
            // A hole's first words are its node, painted so when it was
            // made: a front hole keeps the node, and `make_block` paints
            // the back hole's.
            debug_assert_eq!(heap.role_at(addr), Role::Metadata(Metadata::HoleNode));
            let shape = Self::shape(heap);
            let mut link_to = hole.next;
            if let Some(back) = back {
                let back_addr = block.add(block_size);
                heap.write_word(back_addr, PREV_INUSE);
                shape.write(
                    heap,
                    Hole {
                        addr: back_addr,
                        size: back,
                        next: link_to,
                    },
                );
                link_to = Some(back_addr);
            }
            if let Some(front) = front {
                shape.write(
                    heap,
                    Hole {
                        addr: hole.addr,
                        size: front,
                        next: link_to,
                    },
                );
                link_to = Some(hole.addr);
                heap.write_word(block, 0);
            }
            self.link(heap, prev, link_to);
            let mut split = [(addr, 0); 2];
            let mut n = 0;
            let parts = [front.map(|f| (addr, f)), back.map(|b| (block.add(block_size), b))];
            for part in parts.into_iter().flatten() {
                split[n] = part;
                n += 1;
            }
            self.index.replace(i..i + 1, &split[..n]);
            if front.is_none() {
                // The block in front of a hole is always in use.
                heap.write_word(block, PREV_INUSE);
            }
            Self::make_block(heap, block, block_size, requested, request, log, back.is_some());
            self.set_prev_inuse(heap, block.add(block_size), true);
            if front.is_some() || back.is_some() {
                let back = back.map(|b| (block.add(block_size), b));
                log.push(Event::HoleSplit {
                    addr,
                    size: hole.size,
                    front: front.map(|f| (addr, f)),
                    back,
                });
            } else {
                log.push(Event::HoleTakenWhole {
                    addr,
                    size: hole.size,
                });
            }
            return Some(block.add(word));
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
        _layout: Layout,
        _thread: ThreadId,
        log: &mut Log,
    ) {
        let block = addr.sub(heap.word_size());
        let size = Self::chunk_size(heap, addr);
        log.push(Event::HeaderRead {
            addr: block,
            chunk_size: size,
        });
        self.insert_hole(heap, block, size, log);
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
        let word = heap.word_size();
        // Rust's `System` calls C `realloc` only when the alignment is one
        // malloc guarantees; otherwise it allocates, copies and frees.
        if layout.align() as u64 > MALLOC_ALIGNMENT {
            return default_realloc(self, heap, addr, layout, new_size, request, log);
        }
        let block = addr.sub(word);
        let old = Self::chunk_size(heap, addr);
        let needed = request2size(new_size, word);
        let min = min_chunk(word);
        let old_size = layout.size() as u64;
        if old >= needed {
            let tail = old - needed;
            let size = if tail >= min { needed } else { old };
            Self::make_block(heap, block, size, new_size, request, log, false);
            if tail >= min {
                heap.write_word(block.add(size), PREV_INUSE);
                self.insert_hole(heap, block.add(size), tail, log);
            }
            log.push(Event::ResizedInPlace {
                addr,
                old_size,
                new_size,
            });
            return Some(addr);
        }
        // Grow into the hole right behind, if there is one and it is enough.
        let shape = Self::shape(heap);
        let q = self.index.position(block.add(old));
        let (prev, at, _) = self.index.around(q);
        let (prev, at) = (prev.map(|(a, _)| a), at.map(|(a, _)| a));
        if let Some(next) = at.filter(|&n| n == block.add(old)) {
            let hole = shape.read(heap, next);
            log.push(Event::HoleExamined {
                addr: next,
                size: hole.size,
                rejected: None,
            });
            if old + hole.size >= needed {
                let total = old + hole.size;
                let tail = total - needed;
                let size = if tail >= min { needed } else { total };
                let mut link_to = hole.next;
                if tail >= min {
                    let back = block.add(size);
                    heap.write_word(back, PREV_INUSE);
                    shape.write(
                        heap,
                        Hole {
                            addr: back,
                            size: tail,
                            next: link_to,
                        },
                    );
                    link_to = Some(back);
                }
                self.link(heap, prev, link_to);
                let rest = [(block.add(size), tail)];
                self.index
                    .replace(q..q + 1, if tail >= min { &rest } else { &[] });
                Self::make_block(heap, block, size, new_size, request, log, tail >= min);
                self.set_prev_inuse(heap, block.add(size), true);
                log.push(Event::ResizedInPlace {
                    addr,
                    old_size,
                    new_size,
                });
                return Some(addr);
            }
        }
        default_realloc(self, heap, addr, layout, new_size, request, log)
    }

    fn free_space(&self, heap: &Heap) -> FreeSpace {
        let mut free = FreeSpace::default();
        for hole in Self::shape(heap).holes(heap, self.first, heap.len()) {
            free.count(hole.addr, hole.size);
        }
        free
    }

    fn usable_size(&self, layout: Layout, heap: &Heap) -> u64 {
        request2size(layout.size() as u64, heap.word_size()) - heap.word_size()
    }

    fn wrong_layout_consequence(&self, _given: Layout, actual: Layout, heap: &Heap) -> String {
        format!(
            "glibc's free ignores any size it is told: it reads the {}-byte chunk size from the header, \
             so in C this free would work. In Rust it is still undefined behaviour, and a headerless \
             allocator, which trusts the Layout, would free the wrong number of bytes.",
            request2size(actual.size() as u64, heap.word_size())
        )
    }

    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String> {
        let shape = Self::shape(heap);
        let word = heap.word_size();
        let min = min_chunk(word);
        let holes = shape.walk(heap, self.first, heap.len() / min + 1);
        if holes.last().is_some_and(|h| h.next.is_some()) {
            return Err("free list does not end".to_string());
        }
        let listed: Vec<(Addr, u64)> = holes.iter().map(|h| (h.addr, h.size)).collect();
        if !self.index.indexes(&listed) {
            return Err("the hole index is not the free list".to_string());
        }
        let mut cursor = self.bottom;
        let mut prev_in_use = true;
        let mut hole_iter = holes.iter().peekable();
        while cursor < self.top {
            let header = heap.read_word(cursor);
            let size = header & !FLAGS;
            let is_hole = hole_iter.peek().is_some_and(|h| h.addr == cursor);
            if size < min || !size.is_multiple_of(MALLOC_ALIGNMENT) || cursor.add(size) > self.top {
                return Err(format!("block at {cursor} has a bad size {size}"));
            }
            if (header & PREV_INUSE != 0) != prev_in_use {
                return Err(format!("PREV_INUSE of the block at {cursor} is wrong"));
            }
            if is_hole {
                let hole = *hole_iter.next().unwrap_or(&Hole {
                    addr: cursor,
                    size,
                    next: None,
                });
                if hole.size != size {
                    return Err(format!(
                        "hole at {cursor}: list says {}, header {size}",
                        hole.size
                    ));
                }
                if !prev_in_use {
                    return Err(format!("two holes touch at {cursor}: not coalesced"));
                }
                check_free(heap, hole, 2 * word)?;
            } else {
                check_used(heap, cursor, cursor.add(size))?;
            }
            prev_in_use = !is_hole;
            cursor = cursor.add(size);
        }
        if let Some(h) = hole_iter.next() {
            return Err(format!("hole at {} is not on the chain of blocks", h.addr));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::NARRATED_REJECTIONS;
    use crate::{HeapConfig, Simulation, StrategyKind};

    fn sim() -> Simulation {
        Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFitHeaders).unwrap()
    }

    fn layout(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    /// A search past the narrated rejections, through the index: it tells
    /// and counts the holes the list in the heap's bytes has in front of
    /// the one that fits, as a walk of that list would.
    #[test]
    fn a_long_search_narrates_the_walk_of_the_list_in_the_heap() {
        let mut s = Simulation::new(HeapConfig::new(1 << 16), StrategyKind::FirstFitHeaders)
            .unwrap();
        let blocks: Vec<Addr> = (0..40).map(|_| s.alloc(layout(24)).unwrap()).collect();
        // Every other block freed: 20 holes of 32 bytes, then the top.
        for &b in blocks.iter().step_by(2) {
            s.dealloc(b, layout(24)).unwrap();
        }
        let crate::AnyStrategy::FirstFitHeaders(ffh) = s.strategy() else {
            unreachable!()
        };
        let holes = ffh.holes(s.heap());
        let fits = holes.iter().position(|&(_, size)| size >= 112).unwrap();
        assert!(fits > NARRATED_REJECTIONS as usize);
        let steps = s.metrics().search_steps;
        s.alloc(layout(100)).unwrap();
        let examined: Vec<Addr> = s
            .events()
            .iter()
            .filter_map(|e| match e {
                Event::HoleExamined { addr, .. } => Some(*addr),
                _ => None,
            })
            .collect();
        let told: Vec<Addr> = holes[..NARRATED_REJECTIONS as usize]
            .iter()
            .chain(&holes[fits..=fits])
            .map(|&(a, _)| a)
            .collect();
        assert_eq!(examined, told);
        assert!(s.events().contains(&Event::HolesElided {
            count: (fits - NARRATED_REJECTIONS as usize) as u64
        }));
        assert_eq!(s.metrics().search_steps - steps, fits as u64 + 1);
    }

    #[test]
    fn chunk_sizes_follow_request2size() {
        assert_eq!(request2size(0, 8), 32);
        assert_eq!(request2size(24, 8), 32);
        assert_eq!(request2size(25, 8), 48);
        assert_eq!(request2size(100, 8), 112);
    }

    #[test]
    fn free_reads_the_size_from_the_header() {
        let mut s = sim();
        let a = s.alloc(layout(100)).unwrap();
        assert!(a.is_aligned(16));
        assert_eq!(FirstFitHeaders::chunk_size(s.heap(), a), 112);
        // The size word carries PREV_INUSE: 112 | 1.
        assert_eq!(s.heap().read_word(a.sub(8)), 113);
        s.dealloc(a, layout(100)).unwrap();
        assert!(s.events().iter().any(|e| matches!(
            e,
            Event::HeaderRead {
                chunk_size: 112,
                ..
            }
        )));
        s.check().unwrap();
    }

    #[test]
    fn a_remainder_below_minsize_is_handed_out_with_the_block() {
        let mut s = sim();
        let a = s.alloc(layout(40)).unwrap(); // chunk 48
        let _guard = s.alloc(layout(8)).unwrap();
        s.dealloc(a, layout(40)).unwrap();
        let b = s.alloc(layout(24)).unwrap(); // chunk 32, 16 left: absorbed
        assert_eq!(a, b);
        assert_eq!(FirstFitHeaders::chunk_size(s.heap(), b), 48);
        s.check().unwrap();
    }

    #[test]
    fn realloc_grows_into_the_free_neighbour_in_place() {
        let mut s = sim();
        let a = s.alloc(layout(16)).unwrap();
        let b = s.realloc(a, layout(16), 200).unwrap();
        assert_eq!(a, b);
        assert_eq!(s.metrics().reallocs_in_place, 1);
        s.check().unwrap();
    }

    #[test]
    fn freeing_the_block_in_front_clears_prev_inuse_behind_it() {
        let mut s = sim();
        let a = s.alloc(layout(16)).unwrap();
        let b = s.alloc(layout(16)).unwrap();
        s.dealloc(a, layout(16)).unwrap();
        assert_eq!(s.heap().read_word(b.sub(8)) & PREV_INUSE, 0);
        s.check().unwrap();
    }
}
