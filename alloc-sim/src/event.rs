//! What a strategy says it did, step by step: the narration the learner
//! reads under each allocator call.

use std::fmt;

use crate::addr::Addr;

/// Why a hole could not take a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Rejection {
    /// The hole is smaller than the block.
    TooSmall,
    /// Aligning the block inside the hole would run past its end.
    NoRoomAfterAligning,
    /// The bytes left behind the block would be too few to hold a hole of
    /// their own, so they would be lost; the hole is skipped instead.
    TailTooSmall {
        /// Bytes that would be left.
        tail: u64,
        /// The smallest hole the allocator can keep track of.
        min: u64,
    },
}

/// One thing a strategy did during a call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Event {
    /// A hole of the free list was looked at during the search.
    HoleExamined {
        /// Where the hole starts.
        addr: Addr,
        /// Its size in bytes.
        size: u64,
        /// `None` if the block fits.
        rejected: Option<Rejection>,
    },
    /// A hole was cut around a new block.
    HoleSplit {
        /// The hole before the split.
        addr: Addr,
        /// Its size before the split.
        size: u64,
        /// The hole left in front of the block, if any.
        front: Option<(Addr, u64)>,
        /// The hole left behind the block, if any.
        back: Option<(Addr, u64)>,
    },
    /// A hole was larger than needed by less than the smallest possible
    /// hole, so the whole hole became the block.
    HoleTakenWhole {
        /// The hole.
        addr: Addr,
        /// Its size.
        size: u64,
    },
    /// A freed block became a hole of the free list.
    HoleInserted {
        /// The new hole.
        addr: Addr,
        /// Its size.
        size: u64,
    },
    /// Two neighbouring holes were merged into one.
    Coalesced {
        /// The merged hole.
        addr: Addr,
        /// Its size after merging.
        size: u64,
        /// The hole that was absorbed.
        absorbed: Addr,
    },
    /// A hole grew to swallow a sliver too small to be a hole of its own.
    SliverAbsorbed {
        /// The hole.
        addr: Addr,
        /// Bytes absorbed.
        bytes: u64,
    },
    /// The heap was grown through `sbrk`.
    Sbrk {
        /// The break before.
        from: Addr,
        /// The break after.
        to: Addr,
    },
    /// `sbrk` could not grow the heap: it has no room left.
    SbrkFailed {
        /// Bytes asked for.
        asked: u64,
        /// Bytes left between the break and the end of the heap.
        left: u64,
    },
    /// The allocator cannot align a block as asked.
    AlignmentUnsupported {
        /// The alignment asked for.
        align: u64,
        /// The most it can give.
        max: u64,
    },
    /// The free list has no hole that fits.
    NoFit {
        /// Holes looked at.
        examined: u64,
    },
    /// The bump pointer moved down to hand out a block.
    Bumped {
        /// The bump pointer before.
        from: Addr,
        /// The bump pointer after: the new block's address.
        to: Addr,
    },
    /// The bump pointer moved back up: the most recent block was freed
    /// or shrunk.
    BumpRetreated {
        /// The bump pointer before.
        from: Addr,
        /// The bump pointer after.
        to: Addr,
    },
    /// A bump region has too little room left below its pointer.
    RegionExhausted {
        /// Bytes the block needs, rounded to its alignment.
        needed: u64,
        /// Bytes left below the bump pointer.
        left: u64,
    },
    /// A free that a bump allocator cannot honour: the block is not the most
    /// recent one, so its bytes stay used until the region is reset.
    Stranded {
        /// The block.
        addr: Addr,
        /// Its size.
        size: u64,
    },
    /// A header holding the block's size was written in front of it.
    HeaderWritten {
        /// Where the header is.
        addr: Addr,
        /// The chunk size stored in it.
        chunk_size: u64,
    },
    /// A header was read back to learn the size of the block being freed.
    HeaderRead {
        /// Where the header is.
        addr: Addr,
        /// The chunk size read.
        chunk_size: u64,
    },
    /// A block was resized where it stands.
    ResizedInPlace {
        /// The block.
        addr: Addr,
        /// Its requested size before.
        old_size: u64,
        /// Its requested size after.
        new_size: u64,
    },
    /// Bytes were copied from an old block to a new one.
    Copied {
        /// Source.
        from: Addr,
        /// Destination.
        to: Addr,
        /// Bytes copied.
        len: u64,
    },
    /// Bytes were set to zero for `alloc_zeroed`.
    Zeroed {
        /// Start.
        addr: Addr,
        /// Bytes zeroed.
        len: u64,
    },
    /// The program's own allocator's code wrote into its heap array
    /// through a pointer (a node, a header, a link).
    Wrote {
        /// Start.
        addr: Addr,
        /// Bytes written.
        len: u64,
        /// The line of the program that wrote them.
        line: usize,
    },
    /// A run of pages was taken for a slab or a large block.
    PagesTaken {
        /// The first page.
        addr: Addr,
        /// How many pages.
        pages: u64,
    },
    /// A run of pages was given back to the page allocator.
    PagesReturned {
        /// The first page.
        addr: Addr,
        /// How many pages.
        pages: u64,
    },
    /// A slab was cut into regions of one size class.
    NewSlab {
        /// The slab's first byte.
        addr: Addr,
        /// Bytes per region.
        size_class: u64,
        /// Regions in the slab.
        regions: u64,
    },
    /// A slab's last region was freed: the slab is empty.
    SlabEmptied {
        /// The slab.
        addr: Addr,
        /// Bytes per region.
        size_class: u64,
    },
    /// A block was taken from a size class's free list.
    FreeListPop {
        /// Bytes per block of the class.
        size_class: u64,
        /// The block.
        addr: Addr,
    },
    /// A freed block was pushed on its size class's free list.
    FreeListPush {
        /// Bytes per block of the class.
        size_class: u64,
        /// The block.
        addr: Addr,
    },
    /// The lowest free region of a slab was taken, found in its bitmap.
    RegionTaken {
        /// The slab.
        slab: Addr,
        /// The region's index in the slab.
        index: u64,
        /// The region.
        addr: Addr,
    },
    /// A region was marked free in its slab's bitmap.
    RegionFreed {
        /// The slab.
        slab: Addr,
        /// The region's index in the slab.
        index: u64,
    },
    /// A thread's cache had a block of this class: no arena was touched.
    TcacheHit {
        /// The thread.
        thread: u32,
        /// Bytes per block of the class.
        size_class: u64,
    },
    /// A thread's cache was empty and was refilled from its arena.
    TcacheFill {
        /// The thread.
        thread: u32,
        /// Bytes per block of the class.
        size_class: u64,
        /// Blocks brought into the cache.
        count: u64,
    },
    /// A freed block went into the thread's cache instead of the arena.
    TcacheStash {
        /// The thread.
        thread: u32,
        /// Bytes per block of the class.
        size_class: u64,
    },
    /// A full thread cache gave the older half of its blocks back.
    TcacheFlush {
        /// The thread.
        thread: u32,
        /// Bytes per block of the class.
        size_class: u64,
        /// Blocks returned to their arenas.
        count: u64,
    },
    /// A thread was bound to an arena, on its first allocation.
    ThreadBound {
        /// The thread.
        thread: u32,
        /// The arena.
        arena: u32,
    },
    /// Holes examined and rejected beyond the first few, counted instead
    /// of narrated one by one.
    HolesElided {
        /// How many.
        count: u64,
    },
    /// The request is larger than the whole heap; no strategy was asked.
    LargerThanHeap {
        /// Bytes requested.
        size: u64,
        /// Bytes in the heap.
        heap: u64,
    },
    /// The request's alignment is larger than the whole heap; no strategy
    /// was asked.
    AlignmentLargerThanHeap {
        /// The alignment requested.
        align: u64,
        /// Bytes in the heap.
        heap: u64,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::TooSmall => f.write_str("too small"),
            Rejection::NoRoomAfterAligning => f.write_str("too small once the block is aligned"),
            Rejection::TailTooSmall { tail, min } => write!(
                f,
                "would leave a {tail}-byte tail, smaller than the {min}-byte minimum hole: skipped"
            ),
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::HoleExamined { addr, size, rejected: None } => {
                write!(f, "hole at {addr} ({size} B): fits")
            }
            Event::HoleExamined { addr, size, rejected: Some(why) } => {
                write!(f, "hole at {addr} ({size} B): {why}")
            }
            Event::HoleSplit { addr, size, front, back } => {
                write!(f, "split hole at {addr} ({size} B)")?;
                if let Some((a, s)) = front {
                    write!(f, "; front hole at {a} ({s} B)")?;
                }
                if let Some((a, s)) = back {
                    write!(f, "; back hole at {a} ({s} B)")?;
                }
                Ok(())
            }
            Event::HoleTakenWhole { addr, size } => {
                write!(f, "took the whole hole at {addr} ({size} B)")
            }
            Event::HoleInserted { addr, size } => {
                write!(f, "new hole at {addr} ({size} B) linked into the free list")
            }
            Event::Coalesced { addr, size, absorbed } => {
                write!(f, "coalesced with the hole at {absorbed}: now {size} B at {addr}")
            }
            Event::SliverAbsorbed { addr, bytes } => write!(
                f,
                "hole at {addr} absorbs {bytes} B too small to be a hole of their own"
            ),
            Event::NoFit { examined } => write!(f, "no hole fits ({examined} examined)"),
            Event::Sbrk { from, to } => {
                write!(f, "sbrk({}): the break moves {from} → {to}", to.since(*from))
            }
            Event::SbrkFailed { asked, left } => {
                write!(f, "sbrk({asked}) fails: only {left} B left in the heap")
            }
            Event::AlignmentUnsupported { align, max } => write!(
                f,
                "alignment {align} asked, but this allocator aligns blocks to {max} bytes only"
            ),
            Event::Bumped { from, to } => write!(f, "bump pointer {from} → {to}"),
            Event::BumpRetreated { from, to } => {
                write!(f, "most recent block: bump pointer moves back {from} → {to}")
            }
            Event::RegionExhausted { needed, left } => {
                write!(f, "region exhausted: needs {needed} B, {left} B left below the bump pointer once aligned")
            }
            Event::Stranded { addr, size } => write!(
                f,
                "{size} B at {addr} is not the most recent block: a bump allocator cannot reuse it until reset"
            ),
            Event::HeaderWritten { addr, chunk_size } => {
                write!(f, "header at {addr}: chunk size {chunk_size}")
            }
            Event::HeaderRead { addr, chunk_size } => {
                write!(f, "read header at {addr}: chunk size {chunk_size}")
            }
            Event::ResizedInPlace { addr, old_size, new_size } => {
                write!(f, "resized in place at {addr}: {old_size} B → {new_size} B")
            }
            Event::Copied { from, to, len } => write!(f, "copied {len} B from {from} to {to}"),
            Event::Zeroed { addr, len } => write!(f, "zeroed {len} B at {addr}"),
            Event::Wrote { addr, len, line } => {
                write!(f, "your code wrote {len} B at {addr} (line {line})")
            }
            Event::PagesTaken { addr, pages } => write!(f, "took {pages} page(s) at {addr}"),
            Event::PagesReturned { addr, pages } => write!(f, "gave {pages} page(s) at {addr} back to the page allocator"),
            Event::NewSlab { addr, size_class, regions } => {
                write!(f, "new slab at {addr}: {regions} regions of {size_class} B")
            }
            Event::SlabEmptied { addr, size_class } => write!(f, "slab of {size_class}-byte regions at {addr} is empty"),
            Event::FreeListPop { size_class, addr } => write!(f, "popped {addr} from the {size_class}-byte free list"),
            Event::FreeListPush { size_class, addr } => write!(f, "pushed {addr} on the {size_class}-byte free list"),
            Event::RegionTaken { slab, index, addr } => {
                write!(f, "lowest free region of the slab at {slab}: #{index} at {addr}")
            }
            Event::RegionFreed { slab, index } => write!(f, "region #{index} of the slab at {slab} marked free"),
            Event::TcacheHit { thread, size_class } => {
                write!(f, "thread {thread}'s cache had a {size_class}-byte block: no arena touched")
            }
            Event::TcacheFill { thread, size_class, count } => {
                write!(f, "thread {thread}'s {size_class}-byte cache was empty: filled with {count} from its arena")
            }
            Event::TcacheStash { thread, size_class } => {
                write!(f, "kept in thread {thread}'s {size_class}-byte cache")
            }
            Event::TcacheFlush { thread, size_class, count } => {
                write!(f, "thread {thread}'s {size_class}-byte cache is full: gave {count} back to the arena")
            }
            Event::ThreadBound { thread, arena } => write!(f, "thread {thread} bound to arena {arena}"),
            Event::HolesElided { count } => write!(f, "… {count} more holes examined, none fits"),
            Event::LargerThanHeap { size, heap } => {
                write!(f, "{size} B is more than the whole {heap}-byte heap")
            }
            Event::AlignmentLargerThanHeap { align, heap } => write!(
                f,
                "an alignment of {align} B is more than the whole {heap}-byte heap: no allocator is asked"
            ),
        }
    }
}

/// How many rejected holes a call narrates one by one before it only
/// counts them: enough to see the search, few enough to read.
pub const NARRATED_REJECTIONS: u64 = 8;

/// The events of one call, and how many blocks or holes it examined.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Log {
    /// What happened, in order.
    pub events: Vec<Event>,
    /// Blocks or holes examined while searching.
    pub search_steps: u64,
    /// Rejected holes not yet summarised.
    elided: u64,
    /// Whether the narration is dropped: a call whose record will not
    /// keep it is only counted (see [`Log::push`]).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) quiet: bool,
}

impl Log {
    /// Records an event. Past the first [`NARRATED_REJECTIONS`] rejected
    /// holes of a call, rejections are counted and told as one
    /// [`Event::HolesElided`]. A quiet log counts the holes examined and
    /// keeps only what the simulation reads itself (why a call found no
    /// room).
    pub fn push(&mut self, event: Event) {
        if let Event::HoleExamined { rejected, .. } = &event {
            self.search_steps += 1;
            if rejected.is_some() && self.search_steps > NARRATED_REJECTIONS {
                self.elided += 1;
                return;
            }
        }
        if self.quiet && !matches!(event, Event::AlignmentUnsupported { .. }) {
            return;
        }
        self.flush();
        self.events.push(event);
    }

    /// Counts `count` rejected holes past the narrated ones at once, as
    /// that many rejections pushed one by one would.
    pub(crate) fn elide_rejections(&mut self, count: u64) {
        debug_assert!(self.search_steps >= NARRATED_REJECTIONS);
        self.search_steps += count;
        self.elided += count;
    }

    /// Empties the log for the next call, keeping its memory: a call's
    /// narration then costs no allocation once the log has grown.
    pub fn clear(&mut self) {
        self.events.clear();
        self.search_steps = 0;
        self.elided = 0;
    }

    /// Writes out the summary of elided rejections, if any.
    pub fn flush(&mut self) {
        if self.elided > 0 && !self.quiet {
            self.events.push(Event::HolesElided { count: self.elided });
        }
        self.elided = 0;
    }
}
