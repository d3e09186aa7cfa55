//! Why an allocator call did not do what was asked: out of memory (a value,
//! as in Rust), or a breach of the `GlobalAlloc` contract (a teaching
//! moment, caught before it can do harm).

use std::fmt;

use crate::addr::Addr;
use crate::role::AllocId;
use crate::target::LayoutError;
use crate::units::Bytes;

/// A size and an alignment as the program asked, at the target's width
/// (which may exceed what the host's `Layout` can hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
pub struct AllocError {
    /// What was asked for.
    pub layout: LayoutSpec,
    /// Free bytes in all holes together.
    pub total_free: u64,
    /// The largest hole.
    pub largest_free: u64,
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no room for {}: ", self.layout)?;
        if self.total_free >= self.layout.size {
            write!(
                f,
                "{} free in all, but the largest hole is {} (fragmentation)",
                Bytes(self.total_free),
                Bytes(self.largest_free)
            )
        } else {
            write!(f, "only {} free", Bytes(self.total_free))
        }
    }
}

impl std::error::Error for AllocError {}

/// A breach of the allocator contract. The heap is left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misuse {
    /// A zero-sized request, which std never sends to an allocator.
    ZeroSize {
        /// `alloc`, `alloc_zeroed` or `realloc`.
        call: &'static str,
    },
    /// `dealloc` or `realloc` of an address no allocation returned.
    NotAllocated {
        /// The address given.
        addr: Addr,
        /// The live block it points into, if any: (start, id).
        inside: Option<(Addr, AllocId)>,
    },
    /// `dealloc` or `realloc` of a block already freed.
    DoubleFree {
        /// The address given.
        addr: Addr,
        /// The allocation that lived there.
        id: AllocId,
    },
    /// `dealloc` or `realloc` with another `Layout` than the block's.
    WrongLayout {
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
            Misuse::NotAllocated { addr, inside: Some((start, id)) } => write!(
                f,
                "{addr} is not the start of a block: it points {} bytes into allocation {id} at {start}; \
                 dealloc must get the exact pointer alloc returned",
                addr.since(*start)
            ),
            Misuse::NotAllocated { addr, inside: None } if addr.0 == 0 => f.write_str(
                "dealloc of a null pointer (its allocation failed): C's free(NULL) does nothing, \
                 but Rust's dealloc must get a pointer that alloc returned",
            ),
            Misuse::NotAllocated { addr, inside: None } => {
                write!(f, "{addr} was never returned by alloc: there is no block to free there")
            }
            Misuse::DoubleFree { addr, id } => write!(
                f,
                "double free: allocation {id} at {addr} was already freed; a real allocator would put it on \
                 its free list twice and later hand the same memory to two owners"
            ),
            Misuse::WrongLayout { addr, given, actual, consequence } => write!(
                f,
                "dealloc of {addr} with {given}, but it was allocated with {actual}: the Layout must be the \
                 same. {consequence}"
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
