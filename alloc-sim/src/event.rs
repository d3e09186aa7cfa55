//! What a strategy says it did, step by step: the narration the learner
//! reads under each allocator call.

use std::fmt;

use crate::addr::Addr;

/// Why a hole could not take a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
            Event::Bumped { from, to } => write!(f, "bump pointer {from} → {to}"),
            Event::BumpRetreated { from, to } => {
                write!(f, "most recent block: bump pointer moves back {from} → {to}")
            }
            Event::RegionExhausted { needed, left } => {
                write!(f, "region exhausted: needs {needed} B, {left} B left below the bump pointer")
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
            Event::HolesElided { count } => write!(f, "… {count} more holes examined, none fits"),
            Event::LargerThanHeap { size, heap } => {
                write!(f, "{size} B is more than the whole {heap}-byte heap")
            }
        }
    }
}

/// How many rejected holes a call narrates one by one before it only
/// counts them: enough to see the search, few enough to read.
pub const NARRATED_REJECTIONS: u64 = 8;

/// The events of one call, and how many blocks or holes it examined.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    /// What happened, in order.
    pub events: Vec<Event>,
    /// Blocks or holes examined while searching.
    pub search_steps: u64,
    /// Rejected holes not yet summarised.
    elided: u64,
}

impl Log {
    /// Records an event. Past the first [`NARRATED_REJECTIONS`] rejected
    /// holes of a call, rejections are counted and told as one
    /// [`Event::HolesElided`].
    pub fn push(&mut self, event: Event) {
        if let Event::HoleExamined { rejected, .. } = &event {
            self.search_steps += 1;
            if rejected.is_some() && self.search_steps > NARRATED_REJECTIONS {
                self.elided += 1;
                return;
            }
        }
        self.flush();
        self.events.push(event);
    }

    /// Writes out the summary of elided rejections, if any.
    pub fn flush(&mut self) {
        if self.elided > 0 {
            self.events.push(Event::HolesElided { count: self.elided });
            self.elided = 0;
        }
    }
}
