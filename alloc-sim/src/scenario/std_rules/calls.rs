//! The allocator calls a std collection makes, as the rules predict them.
//!
//! A rule answers "what does std ask the global allocator for when the
//! program does this?" with a short list of [`StdCall`]s: the layouts and
//! sizes only, never an address, because which address comes back is the
//! simulated strategy's business, not std's. The conformance test
//! `conformance/tests/collections.rs` records the real calls under a
//! `#[global_allocator]` and compares them with these lists, call for call.
//!
//! ```text
//!   program            rule                         allocator
//!   v.push(x)   ──▶    [Realloc { 16 → 32 }]   ──▶   realloc(ptr, 16/4, 32)
//! ```

use crate::error::LayoutSpec;

/// One call std makes to the global allocator, without its pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StdCall {
    /// `alloc(layout)`.
    Alloc(LayoutSpec),
    /// `realloc(ptr, layout, new_size)`: the block keeps its alignment.
    Realloc {
        /// The block's current layout.
        layout: LayoutSpec,
        /// The size it should have afterwards.
        new_size: u64,
    },
    /// `dealloc(ptr, layout)`.
    Dealloc(LayoutSpec),
}

impl StdCall {
    /// The layout passed with the call (for `realloc`, the old one).
    pub const fn layout(&self) -> LayoutSpec {
        match *self {
            StdCall::Alloc(l) | StdCall::Dealloc(l) | StdCall::Realloc { layout: l, .. } => l,
        }
    }

    /// The layout the block has after the call, if it still exists.
    pub const fn resulting_layout(&self) -> Option<LayoutSpec> {
        match *self {
            StdCall::Alloc(l) => Some(l),
            StdCall::Realloc { layout, new_size } => Some(LayoutSpec {
                size: new_size,
                align: layout.align,
            }),
            StdCall::Dealloc(_) => None,
        }
    }
}
