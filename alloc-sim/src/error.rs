//! Why an allocator call did not do what was asked: out of memory (a value,
//! as in Rust), or a breach of the `GlobalAlloc` contract (a teaching
//! moment, caught before it can do harm).

use std::fmt;

use crate::addr::Addr;
use crate::record::CallOp;
use crate::role::AllocId;
use crate::target::LayoutError;
use crate::units::Bytes;

/// A size and an alignment as the program asked, at the target's width
/// (which may exceed what the host's `Layout` can hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LayoutSpec {
    /// Bytes.
    pub size: u64,
    /// A power of two.
    pub align: u64,
}

impl fmt::Display for LayoutSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Layout {{ size: {}, align: {} }}", self.size, self.align)
    }
}

impl From<core::alloc::Layout> for LayoutSpec {
    fn from(layout: core::alloc::Layout) -> LayoutSpec {
        LayoutSpec {
            size: layout.size() as u64,
            align: layout.align() as u64,
        }
    }
}

/// An allocation that could not be satisfied: Rust's `AllocError`, with
/// what the UI needs to explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AllocError {
    /// What was asked for.
    pub layout: LayoutSpec,
    /// Free bytes in all holes together.
    pub total_free: u64,
    /// The largest hole.
    pub largest_free: u64,
    /// Why there was no room: what the explanation may claim.
    pub shortfall: Shortfall,
}

/// Why a request found no room. Each is a fact the simulation checked,
/// so that the explanation never blames fragmentation for what alignment
/// did, nor the reverse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Shortfall {
    /// Fewer bytes are free in all than the request's size.
    TooLittleFree,
    /// Enough is free in all, but no single hole holds the size: external
    /// fragmentation.
    Fragmented,
    /// The size is larger than the whole heap; no strategy was asked.
    LargerThanHeap {
        /// Bytes in the heap.
        heap: u64,
    },
    /// No address in the whole heap is a multiple of the alignment with
    /// the size's bytes after it: no allocator could place it, however
    /// empty the heap. No strategy was asked.
    NoAlignedAddress {
        /// The heap's first byte.
        start: Addr,
        /// One past its last byte.
        end: Addr,
    },
    /// The alignment is larger than the whole heap, which could hold at
    /// most one address that is a multiple of it; such a request is refused
    /// without asking the strategy, so that every host gives one answer.
    AlignmentLargerThanHeap {
        /// Bytes in the heap.
        heap: u64,
    },
    /// The strategy cannot align a block that much.
    AlignmentUnsupported {
        /// The most it aligns to.
        max: u64,
    },
    /// A hole holds the size, but no free address that is a multiple of the
    /// alignment has the size's free bytes after it: alignment, not
    /// fragmentation.
    NoAlignedHole,
    /// A hole holds the size even at its alignment, yet the strategy has no
    /// place for the block: its own rules (rounding, headers, holes it
    /// keeps for other sizes) forbid it, as its narration tells.
    StrategyRules,
    /// The program's own allocator returned a null pointer: its code
    /// found no place for the block.
    ReturnedNull,
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let LayoutSpec { size, align } = self.layout;
        let (total, largest) = (Bytes(self.total_free), Bytes(self.largest_free));
        write!(f, "no room for {}: ", self.layout)?;
        match self.shortfall {
            Shortfall::TooLittleFree => write!(f, "only {total} free"),
            Shortfall::Fragmented => write!(
                f,
                "{total} free in all, but the largest hole is {largest} (fragmentation)"
            ),
            Shortfall::LargerThanHeap { heap } => {
                write!(
                    f,
                    "{} is more than the whole {} heap",
                    Bytes(size),
                    Bytes(heap)
                )
            }
            Shortfall::NoAlignedAddress { start, end } => write!(
                f,
                "no address in the heap ({start}..{end}) is a multiple of {} with {} after it, \
                 however much is free (alignment, not fragmentation)",
                Bytes(align),
                Bytes(size)
            ),
            Shortfall::AlignmentLargerThanHeap { heap } => write!(
                f,
                "the alignment, {}, is larger than the whole {} heap; such a request is refused \
                 without asking the allocator (alignment, not fragmentation)",
                Bytes(align),
                Bytes(heap)
            ),
            Shortfall::AlignmentUnsupported { max } => write!(
                f,
                "this allocator aligns blocks to at most {max} bytes, and {align} was asked \
                 (alignment, not fragmentation)"
            ),
            Shortfall::NoAlignedHole => write!(
                f,
                "{total} free in all and the largest hole is {largest}, enough for {size} bytes, \
                 but no free address that is a multiple of {align} has {size} free bytes after it \
                 (alignment, not fragmentation)"
            ),
            Shortfall::StrategyRules => write!(
                f,
                "{total} free in all and the largest hole is {largest}, and free memory has room \
                 for {size} bytes at a multiple of {align}, so this is not fragmentation: the \
                 allocator's own rules (how it rounds, its headers, which holes serve which sizes) \
                 leave no place for the block, as its narration says"
            ),
            Shortfall::ReturnedNull => write!(
                f,
                "your allocator returned a null pointer ({total} free in all as the map counts it, \
                 the largest run {largest}): its code found no place for {size} bytes at a \
                 multiple of {align}"
            ),
        }
    }
}

impl std::error::Error for AllocError {}

/// A breach of the allocator contract. The heap is left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Misuse {
    /// A zero-sized request, which std never sends to an allocator.
    ZeroSize {
        /// `alloc`, `alloc_zeroed` or `realloc`.
        call: CallOp,
    },
    /// `dealloc` or `realloc` of an address no allocation returned.
    NotAllocated {
        /// `dealloc` or `realloc`.
        call: CallOp,
        /// The address given.
        addr: Addr,
        /// The live block it points into, if any: (start, id).
        inside: Option<(Addr, AllocId)>,
    },
    /// `dealloc` or `realloc` of a block already freed.
    DoubleFree {
        /// `dealloc` or `realloc`.
        call: CallOp,
        /// The address given.
        addr: Addr,
        /// The allocation that lived there.
        id: AllocId,
    },
    /// `dealloc` or `realloc` with another `Layout` than the block's.
    WrongLayout {
        /// `dealloc` or `realloc`.
        call: CallOp,
        /// The address given.
        addr: Addr,
        /// The layout given.
        given: LayoutSpec,
        /// The layout the block was allocated with.
        actual: LayoutSpec,
        /// What this strategy would do with the wrong layout.
        consequence: String,
    },
    /// `realloc` to a size that is zero or does not make a `Layout`.
    BadNewSize {
        /// The new size given.
        new_size: u64,
        /// Why it is refused.
        reason: String,
    },
    /// A read or write outside every live allocation.
    UseAfterFree {
        /// The address accessed.
        addr: Addr,
        /// The freed allocation that had it, if any.
        id: Option<AllocId>,
    },
}

impl fmt::Display for Misuse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Misuse::ZeroSize { call } => write!(
                f,
                "{call} with size 0: GlobalAlloc's contract forbids it (undefined behaviour), and std never \
                 asks: Box, Vec and String of zero-sized data use a dangling, well-aligned pointer instead"
            ),
            Misuse::NotAllocated { call, addr, inside: Some((start, id)) } => write!(
                f,
                "{addr} is not the start of a block: it points {} bytes into allocation {id} at {start}; \
                 {call} must get the exact pointer alloc returned",
                addr.since(*start)
            ),
            Misuse::NotAllocated { call: CallOp::Realloc, addr, inside: None } if addr.0 == 0 => f.write_str(
                "realloc of a null pointer (what alloc returns when it fails): C's realloc(NULL, n) \
                 is malloc(n), but Rust's realloc must get a pointer that alloc returned",
            ),
            Misuse::NotAllocated { call, addr, inside: None } if addr.0 == 0 => write!(
                f,
                "{call} of a null pointer (what alloc returns when it fails): C's free(NULL) does \
                 nothing, but Rust's {call} must get a pointer that alloc returned"
            ),
            Misuse::NotAllocated { call, addr, inside: None } => write!(
                f,
                "{call} of {addr}, which alloc never returned: there is no block there"
            ),
            Misuse::DoubleFree { call: CallOp::Realloc, addr, id } => write!(
                f,
                "use after free: realloc of allocation {id} at {addr}, which was already freed; a \
                 real allocator would resize memory it may have handed to another owner, then free \
                 it a second time"
            ),
            Misuse::DoubleFree { call, addr, id } => write!(
                f,
                "double free: {call} of allocation {id} at {addr}, which was already freed; a real \
                 allocator would put it on its free list twice and later hand the same memory to two \
                 owners"
            ),
            Misuse::WrongLayout { call, addr, given, actual, consequence } => write!(
                f,
                "{call} of {addr} with {given}, but it was allocated with {actual}: the Layout must be \
                 the same. {consequence}"
            ),
            Misuse::BadNewSize { new_size, reason } => {
                write!(f, "realloc to {new_size} bytes is not allowed: {reason}")
            }
            Misuse::UseAfterFree { addr, id: Some(id) } => {
                write!(f, "use after free: {addr} belonged to allocation {id}, which was freed")
            }
            Misuse::UseAfterFree { addr, id: None } => {
                write!(f, "access to {addr}, which is not inside any live allocation")
            }
        }
    }
}

impl std::error::Error for Misuse {}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CallError {
    /// The allocator had no room: a normal, recoverable result.
    OutOfMemory(AllocError),
    /// The caller broke the contract; nothing was done.
    Misuse(Misuse),
    /// The size and alignment do not make a `Layout` on the target.
    Layout(LayoutError),
}

impl CallError {
    /// Whether the allocator itself ran out, as opposed to a caller's error.
    pub fn is_out_of_memory(&self) -> bool {
        matches!(self, CallError::OutOfMemory(_))
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::OutOfMemory(e) => write!(f, "out of memory: {e}"),
            CallError::Misuse(e) => write!(f, "misuse: {e}"),
            CallError::Layout(e) => write!(f, "invalid layout: {e}"),
        }
    }
}

impl std::error::Error for CallError {}

impl From<Misuse> for CallError {
    fn from(e: Misuse) -> CallError {
        CallError::Misuse(e)
    }
}
