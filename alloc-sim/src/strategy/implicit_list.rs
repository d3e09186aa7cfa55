//! The implicit free list of CS:APP (Bryant and O'Hallaron, section
//! 9.9.12): the allocator students write first in malloc lab.
//!
//! There is no list of free blocks: every block, free or not, starts with a
//! 4-byte *header* holding its size and an allocated bit, and ends with a
//! copy of it, the *footer* (a boundary tag). Walking from block to block by
//! their sizes visits the whole heap; that walk is the free "list".
//!
//! ```text
//!      one block (size is a multiple of 8, at least 16)
//!   +--------+------------------------------+--------+
//!   | size|a | payload (and slack)          | size|a |
//!   +--------+------------------------------+--------+
//!   ^ header  ^ bp: what malloc returns,     ^ footer
//!              8-aligned
//!
//!   heap start                                               break
//!   | pad | 8|1 | 8|1 | block | block | … | block | 0|1 |
//!          prologue                               epilogue
//! ```
//!
//! Each choice and what it costs:
//! - **8-byte alignment, blocks of at least 16 bytes.** A request of `n`
//!   bytes takes `max(16, round_up(n + 8, 8))`: 8 bytes of tags per block,
//!   and up to 7 of rounding.
//! - **Prologue and epilogue.** An allocated 8-byte block at the start and
//!   a zero-size allocated header at the end, so that coalescing never has
//!   to check for the heap's edges.
//! - **Footers.** Freeing a block finds the block in front of it in O(1),
//!   by reading the footer just before its header: immediate coalescing of
//!   all four cases (neither, next, previous, both neighbours free).
//! - **Placement.** First fit scans from the start of the heap; next fit
//!   from the block the last successful search found (the *rover*); best fit scans
//!   everything and takes the smallest block that fits. Every search is
//!   O(blocks), free or not: the price of having no explicit list.
//! - **Splitting.** A block is split when the remainder would be at least
//!   16 bytes, the smallest block; otherwise the whole block is used.
//! - **Growing.** When nothing fits, the heap is extended through a
//!   simulated `sbrk` by `max(request, CHUNKSIZE)`, where `CHUNKSIZE` is
//!   4 KiB (or a quarter of a heap smaller than 16 KiB, so that the small
//!   heaps of a lesson still hold a few chunks); the new free block
//!   coalesces with a free block before the old epilogue. The break is where
//!   the tags end; bytes past it are never touched.
//! - **realloc** is the naive one: malloc a new block, copy, free the old.
//!
//! Tags are 4 bytes whatever the simulated target, as in the textbook's
//! code, and a request aligned to more than 8 cannot be served (the
//! textbook's allocator never promises more).
//!
//! # Invariants
//! - the prologue (8|1, 8|1) and the epilogue (0|1) are in place, and the
//!   epilogue's header is the last 4 bytes before the break;
//! - every block's header equals its footer; sizes are multiples of 8, at
//!   least 16; the blocks tile the heap from the prologue to the epilogue;
//! - no two free blocks are neighbours (coalescing is immediate).
//!
//! # Cost
//! O(blocks) to allocate (first and next fit may stop early); O(1) to free.
//!
//! The simulation counts the free blocks each search examines, and
//! narrates the first few, but finds the same block through an index of
//! the free blocks kept on the side (`hole_index.rs`), so that replaying a
//! long trace does not read every header of the heap at every call. The
//! blocks and their tags stay in the heap's bytes, as the textbook keeps
//! them and the page draws them.
//! - the index holds the free blocks, in address order (checked with the
//!   other invariants).

use core::alloc::Layout;
use std::ops::Range;

use crate::addr::{align_down, align_up, Addr};
use crate::event::{Event, Log, Rejection};
use crate::heap::Heap;
use crate::role::{Metadata, Role};
use crate::role::RoleClass;
use crate::strategy::hole_index::HoleIndex;
use crate::strategy::{FreeSpace, Request, Strategy, ThreadId, Described, Settings, SettingsError, SettingSpec, SettingKind, MarkSpec};

/// Bytes in a tag (the textbook's `WSIZE`).
pub const WSIZE: u64 = 4;
/// The textbook's `DSIZE`: the alignment, and the tags of one block.
pub const DSIZE: u64 = 8;
/// The smallest block: header, footer and 8 bytes of payload.
pub const MIN_BLOCK: u64 = 16;
/// The textbook's `CHUNKSIZE`: how far the heap grows at least.
pub const CHUNKSIZE: u64 = 4096;

/// Where the search for a free block starts and what it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Placement {
    /// The first block that fits, from the start of the heap.
    #[default]
    FirstFit,
    /// The first block that fits, from where the last search stopped.
    NextFit,
    /// The smallest block that fits.
    BestFit,
}

impl Placement {
    /// Every policy.
    pub const ALL: [Placement; 3] = [Placement::FirstFit, Placement::NextFit, Placement::BestFit];

    /// The name on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            Placement::FirstFit => "first",
            Placement::NextFit => "next",
            Placement::BestFit => "best",
        }
    }

    /// Looks a policy up by its name.
    pub fn from_name(name: &str) -> Option<Placement> {
        Placement::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The textbook's block size for a request: `max(16, round_up(n + 8, 8))`.
pub const fn adjusted_size(size: u64) -> u64 {
    if size <= DSIZE {
        2 * DSIZE
    } else {
        DSIZE * (size + DSIZE).div_ceil(DSIZE)
    }
}

/// CS:APP's implicit free list. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImplicitList {
    placement: Placement,
    /// The payload of the prologue block: where every walk starts.
    heap_listp: Addr,
    /// One past the last byte obtained through `sbrk`.
    brk: Addr,
    /// Next fit's rover: the block the last successful search found.
    rover: Addr,
    /// How much `sbrk` asks for at least.
    chunk: u64,
    /// The free blocks (payload address, size), found without walking the
    /// heap header by header (see `hole_index.rs`).
    index: HoleIndex,
}

fn tag(size: u64, allocated: bool) -> u32 {
    (size | u64::from(allocated)) as u32
}

impl ImplicitList {
    /// An allocator with this placement policy.
    pub fn new(placement: Placement) -> ImplicitList {
        ImplicitList {
            placement,
            ..ImplicitList::default()
        }
    }

    /// The placement policy.
    pub fn placement(&self) -> Placement {
        self.placement
    }

    /// The break: one past the last byte obtained through `sbrk`.
    pub fn brk(&self) -> Addr {
        self.brk
    }

    fn get(heap: &Heap, at: Addr) -> (u64, bool) {
        let w = u64::from(u32::from_le_bytes(heap.read_array(at)));
        (w & !0x7, w & 1 == 1)
    }

    fn put(heap: &mut Heap, at: Addr, size: u64, allocated: bool) {
        heap.write(at, &tag(size, allocated).to_le_bytes());
        heap.paint(at, WSIZE, Role::Metadata(Metadata::BoundaryTag));
    }

    /// The alignment word (0), the prologue's tags (8|1) and the epilogue
    /// (0|1): fixed tags at the edges of the heap. The alignment word is
    /// written as 0, the others as allocated.
    fn put_sentinel(heap: &mut Heap, at: Addr, size: u64) {
        let word = if at == heap.base() {
            0
        } else {
            tag(size, true)
        };
        heap.write(at, &word.to_le_bytes());
        heap.paint(at, WSIZE, Role::Metadata(Metadata::Sentinel));
    }

    fn header(bp: Addr) -> Addr {
        bp.sub(WSIZE)
    }

    fn size(heap: &Heap, bp: Addr) -> u64 {
        Self::get(heap, Self::header(bp)).0
    }

    fn allocated(heap: &Heap, bp: Addr) -> bool {
        Self::get(heap, Self::header(bp)).1
    }

    fn next_block(heap: &Heap, bp: Addr) -> Addr {
        bp.add(Self::size(heap, bp))
    }

    fn prev_block(heap: &Heap, bp: Addr) -> Addr {
        bp.sub(Self::get(heap, bp.sub(DSIZE)).0)
    }

    /// Writes a free block's tags and paints it free.
    fn free_block(heap: &mut Heap, bp: Addr, size: u64) {
        Self::put(heap, Self::header(bp), size, false);
        Self::put(heap, bp.add(size).sub(DSIZE), size, false);
        heap.paint(bp, size - DSIZE, Role::Free);
    }

    /// Every block from the prologue's successor to the epilogue:
    /// (payload address, size, allocated).
    pub fn blocks(&self, heap: &Heap) -> Vec<(Addr, u64, bool)> {
        self.each_block(heap).collect()
    }

    /// [`ImplicitList::blocks`], one at a time.
    fn each_block<'h>(&self, heap: &'h Heap) -> impl Iterator<Item = (Addr, u64, bool)> + 'h {
        let started = self.brk.since(heap.base()) >= 4 * WSIZE;
        started
            .then(|| Self::walk(heap, Self::next_block(heap, self.heap_listp)))
            .into_iter()
            .flatten()
    }

    /// `mem_sbrk`: moves the break up by `bytes`, or fails if the heap has
    /// no room left. Returns the old break.
    fn sbrk(&mut self, heap: &Heap, bytes: u64, log: &mut Log) -> Option<Addr> {
        let old = self.brk;
        if old.add(bytes) > heap.end() {
            log.push(Event::SbrkFailed {
                asked: bytes,
                left: heap.end().since(old),
            });
            return None;
        }
        self.brk = old.add(bytes);
        log.push(Event::Sbrk {
            from: old,
            to: self.brk,
        });
        Some(old)
    }

    /// `extend_heap`: a new free block of `bytes` at the old epilogue, a new
    /// epilogue after it, and coalescing with the block in front.
    fn extend_heap(&mut self, heap: &mut Heap, bytes: u64, log: &mut Log) -> Option<Addr> {
        let size = align_up(bytes, DSIZE);
        let bp = self.sbrk(heap, size, log)?;
        // The old epilogue header becomes the new block's header.
        Self::free_block(heap, bp, size);
        Self::put_sentinel(heap, bp.add(size).sub(WSIZE), 0);
        Some(self.coalesce(heap, bp, log))
    }

    /// Merges the free block at `bp` with free neighbours; returns the
    /// merged block.
    fn coalesce(&mut self, heap: &mut Heap, bp: Addr, log: &mut Log) -> Addr {
        let prev_allocated = Self::get(heap, bp.sub(DSIZE)).1;
        let next = Self::next_block(heap, bp);
        let next_allocated = Self::allocated(heap, next);
        let mut size = Self::size(heap, bp);
        let mut start = bp;
        let p = self.index.position(bp);
        let (mut lo, mut hi) = (p, p);
        if !next_allocated {
            hi += 1;
            size += Self::size(heap, next);
            log.push(Event::Coalesced {
                addr: bp,
                size,
                absorbed: next,
            });
        }
        if !prev_allocated {
            lo -= 1;
            let prev = Self::prev_block(heap, bp);
            size += Self::size(heap, prev);
            start = prev;
            log.push(Event::Coalesced {
                addr: prev,
                size,
                absorbed: bp,
            });
        }
        Self::free_block(heap, start, size);
        self.index.replace(lo..hi, &[(start, size)]);
        // Next fit: a rover inside the merged block would point at a tag.
        if self.rover > start && self.rover < start.add(size) {
            self.rover = start;
        }
        start
    }

    /// The blocks from `from` (a block's payload address) up to the
    /// epilogue, read from their headers as the walk goes: (payload
    /// address, size, allocated).
    fn walk(heap: &Heap, from: Addr) -> impl Iterator<Item = (Addr, u64, bool)> + '_ {
        let mut bp = from;
        std::iter::from_fn(move || {
            let (size, allocated) = Self::get(heap, Self::header(bp));
            if size == 0 {
                return None;
            }
            let block = (bp, size, allocated);
            bp = bp.add(size);
            Some(block)
        })
    }

    /// `find_fit`: the free block the placement policy takes, if any,
    /// narrating (and counting) the free blocks the walk examines. The
    /// walk steps over allocated blocks without a look; the index skips
    /// them, and, past the narrated rejections, the blocks too small.
    fn find_fit(&mut self, heap: &Heap, asize: u64, log: &mut Log) -> Option<Addr> {
        let before = log.search_steps;
        let free = self.index.len();
        let found = match self.placement {
            Placement::FirstFit => self.first_fit(0..free, asize, log),
            Placement::NextFit => {
                let first = Self::next_block(heap, self.heap_listp);
                let rover = if self.rover > self.heap_listp {
                    self.rover
                } else {
                    first
                };
                // From the rover to the end, then from the start up to it.
                let p = self.index.position(rover);
                let found = self
                    .first_fit(p..free, asize, log)
                    .or_else(|| self.first_fit(0..p, asize, log));
                // The rover stays on the block the search returns; a search
                // that finds nothing leaves it where it was, even when the
                // heap then grows and the new block is handed out.
                if let Some(bp) = found {
                    self.rover = bp;
                }
                found
            }
            Placement::BestFit => {
                let mut best: Option<(Addr, u64)> = None;
                for (bp, size) in self.index.iter() {
                    let fits = size >= asize;
                    log.push(Event::HoleExamined {
                        addr: bp,
                        size,
                        rejected: (!fits).then_some(Rejection::TooSmall),
                    });
                    if fits && best.is_none_or(|(_, s)| size < s) {
                        best = Some((bp, size));
                    }
                }
                best.map(|b| b.0)
            }
        };
        if found.is_none() {
            log.push(Event::NoFit {
                examined: log.search_steps - before,
            });
        }
        found
    }

    /// The first free block of at least `asize` bytes among the free
    /// blocks `range` (in address order), each examined told in the log
    /// (past the narrated ones, counted).
    fn first_fit(&self, range: Range<usize>, asize: u64, log: &mut Log) -> Option<Addr> {
        let mut from = range.start;
        while let Some((i, _, block)) = self.index.next_examined(from..range.end, asize, log) {
            let fits = block.size >= asize;
            log.push(Event::HoleExamined {
                addr: block.addr,
                size: block.size,
                rejected: (!fits).then_some(Rejection::TooSmall),
            });
            if fits {
                return Some(block.addr);
            }
            from = i + 1;
        }
        None
    }

    /// `place`: marks `asize` bytes of the free block at `bp` allocated,
    /// splitting off the rest if it can be a block of its own.
    fn place(&mut self, heap: &mut Heap, bp: Addr, asize: u64, request: Request, log: &mut Log) {
        let csize = Self::size(heap, bp);
        let i = self.index.position(bp);
        let size = if csize - asize >= MIN_BLOCK {
            let rest = bp.add(asize);
            Self::free_block(heap, rest, csize - asize);
            self.index.replace(i..i + 1, &[(rest, csize - asize)]);
            log.push(Event::HoleSplit {
                addr: bp,
                size: csize,
                front: None,
                back: Some((rest, csize - asize)),
            });
            asize
        } else {
            self.index.replace(i..i + 1, &[]);
            log.push(Event::HoleTakenWhole {
                addr: bp,
                size: csize,
            });
            csize
        };
        Self::put(heap, Self::header(bp), size, true);
        Self::put(heap, bp.add(size).sub(DSIZE), size, true);
        let payload = request.layout.size() as u64;
        heap.paint(bp, payload, Role::Payload(request.id));
        if size - DSIZE > payload {
            heap.paint(
                bp.add(payload),
                size - DSIZE - payload,
                Role::Slack(request.id),
            );
        }
    }
}

/// `--placement`: where the list looks for a free block.
const PLACEMENT: SettingSpec = SettingSpec {
    key: "placement",
    label: "placement",
    help: "first fit takes the first free block that fits, next fit goes on from the last one found, best fit takes the smallest that fits",
    kind: SettingKind::Choice {
        default: "first",
        options: &["first", "next", "best"],
    },
};

impl Described for ImplicitList {
    const NAME: &'static str = "implicit-list";
    const SUMMARY: &'static str = "CS:APP's implicit free list (malloc lab): boundary tags, 8-byte alignment, sbrk in 4 KiB chunks (a quarter of a heap under 16 KiB)";
    const SETTINGS: &'static [SettingSpec] = &[PLACEMENT];
    const ROLES: &'static [RoleClass] = &[
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Slack,
        RoleClass::Metadata,
    ];
    const MARKS: &'static [MarkSpec] = &[MarkSpec {
        name: "break",
        legend: "the break (implicit-list's sbrk)",
        offset: |metrics| metrics.heap_size,
    }];

    fn from_settings(settings: &Settings) -> Result<ImplicitList, SettingsError> {
        let placement = Placement::from_name(settings.choice(&PLACEMENT)).unwrap_or_default();
        Ok(ImplicitList::new(placement))
    }
}

impl Strategy for ImplicitList {
    /// `mm_init`: the alignment word, the prologue and the epilogue, then a
    /// first chunk.
    fn init(&mut self, heap: &mut Heap) {
        let start = heap.base();
        self.brk = start;
        self.index = HoleIndex::default();
        self.chunk = if heap.len() >= 4 * CHUNKSIZE {
            CHUNKSIZE
        } else {
            align_up(heap.len() / 4, DSIZE).max(2 * MIN_BLOCK)
        };
        let mut log = Log::default();
        if self.sbrk(heap, 4 * WSIZE, &mut log).is_none() {
            return;
        }
        Self::put_sentinel(heap, start, 0);
        Self::put_sentinel(heap, start.add(WSIZE), DSIZE);
        Self::put_sentinel(heap, start.add(2 * WSIZE), DSIZE);
        Self::put_sentinel(heap, start.add(3 * WSIZE), 0);
        self.heap_listp = start.add(2 * WSIZE);
        self.rover = self.heap_listp;
        let chunk = self.chunk;
        let _ = self.extend_heap(heap, chunk, &mut log);
    }

    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        if request.layout.align() as u64 > DSIZE {
            log.push(Event::AlignmentUnsupported {
                align: request.layout.align() as u64,
                max: DSIZE,
            });
            return None;
        }
        let asize = adjusted_size(request.layout.size() as u64);
        let bp = match self.find_fit(heap, asize, log) {
            Some(bp) => bp,
            // A failed `sbrk` changes nothing, so neither does a failed call.
            None => self.extend_heap(heap, asize.max(self.chunk), log)?,
        };
        self.place(heap, bp, asize, request, log);
        Some(bp)
    }

    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        _layout: Layout,
        _thread: ThreadId,
        log: &mut Log,
    ) {
        let size = Self::size(heap, addr);
        Self::free_block(heap, addr, size);
        log.push(Event::HoleInserted { addr, size });
        self.coalesce(heap, addr, log);
    }

    // `realloc` is the trait's default, which is the textbook's naive one:
    // malloc, copy, free.

    fn free_space(&self, heap: &Heap) -> FreeSpace {
        let mut space = FreeSpace::default();
        let mut consider = |at: Addr, bytes: u64| space.count(at, bytes);
        for (bp, size) in self.index.iter() {
            consider(bp, size - DSIZE);
        }
        // Room past the break is a block of its own, not an extension of a
        // free last block: `mm_malloc` asks `sbrk` for `max(asize, chunk)`
        // bytes, never for only what the last block lacks (it coalesces
        // afterwards). So the heap can grow into the room only if a chunk
        // fits there; what is left when less than a chunk is, never will be.
        let room = align_down(heap.end().since(self.brk), DSIZE);
        if room >= self.chunk.max(MIN_BLOCK) {
            consider(self.brk, room - DSIZE);
        }
        space
    }

    fn usable_size(&self, layout: Layout, _heap: &Heap) -> u64 {
        adjusted_size(layout.size() as u64) - DSIZE
    }

    fn wrong_layout_consequence(&self, _given: Layout, _actual: Layout, _heap: &Heap) -> String {
        "The implicit list reads the block's size from its header, as C's free does, so a wrong Layout would go unnoticed here; a Rust allocator without headers would file the block under the wrong size.".into()
    }

    fn heap_size(&self, heap: &Heap) -> u64 {
        self.brk.since(heap.base())
    }

    fn malloc_align(&self, _heap: &Heap) -> u64 {
        DSIZE
    }

    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String> {
        let start = heap.base();
        if self.brk == start {
            return Ok(());
        }
        let prologue = [
            Self::get(heap, start.add(WSIZE)),
            Self::get(heap, start.add(2 * WSIZE)),
        ];
        if prologue != [(DSIZE, true), (DSIZE, true)] {
            return Err(format!(
                "the prologue at {} is {prologue:?}",
                start.add(WSIZE)
            ));
        }
        let mut free = Vec::new();
        let mut bp = Self::next_block(heap, self.heap_listp);
        let mut prev_free = false;
        loop {
            if bp > self.brk {
                return Err(format!("the blocks run past the break {}", self.brk));
            }
            let (size, allocated) = Self::get(heap, Self::header(bp));
            if size == 0 {
                if !allocated || bp != self.brk {
                    return Err(format!(
                        "the epilogue at {} is not the last word before the break {}",
                        Self::header(bp),
                        self.brk
                    ));
                }
                if !self.index.indexes(&free) {
                    return Err("the index of free blocks is not the heap's free blocks".to_string());
                }
                return Ok(());
            }
            if size % DSIZE != 0 || size < MIN_BLOCK {
                return Err(format!("block at {bp} has size {size}"));
            }
            let footer = Self::get(heap, bp.add(size).sub(DSIZE));
            if footer != (size, allocated) {
                return Err(format!(
                    "block at {bp}: header ({size}, {allocated}) but footer {footer:?}"
                ));
            }
            if !allocated && prev_free {
                return Err(format!("two free blocks side by side, the second at {bp}"));
            }
            for at in [Self::header(bp), bp.add(size).sub(DSIZE)] {
                if heap.role_at(at) != Role::Metadata(Metadata::BoundaryTag) {
                    return Err(format!("the tag at {at} is painted {:?}", heap.role_at(at)));
                }
            }
            if !allocated {
                if let Some(r) = heap
                    .roles()
                    .regions_in(bp.since(start)..bp.since(start) + size - DSIZE)
                    .find(|r| r.role != Role::Free)
                {
                    return Err(format!("free block at {bp} has bytes painted {:?}", r.role));
                }
            }
            prev_free = !allocated;
            if !allocated {
                free.push((bp, size));
            }
            bp = bp.add(size);
        }
    }
}
