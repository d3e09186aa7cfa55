//! The record of a run: every allocator call a program or a trace made,
//! what came of each, and how the run ended.
//!
//! This is the one shape every viewer reads. The scenario interpreter and
//! the trace replayer both produce it, through one door
//! ([`Recording`](crate::Recording)), so a call is recorded the same way
//! whichever made it; the CLI prints it, the web UI draws it, the lessons
//! check goals against it. Nothing here knows about syntax trees or op
//! lists.
//!
//! ```text
//! Run ─┬─ calls: [CallRecord]   op, Layout, new size, addr / old addr,
//!      │                        result or typed error, thread, span,
//!      │                        reason, narration, metrics after it
//!      ├─ start: Metrics        before the first call
//!      ├─ timeline              the heap after every call (when recorded)
//!      └─ outcome, output, leaks
//! ```
//!
//! # Invariants
//! - `calls[k].metrics` are the heap's metrics right after call `k`, and
//!   `timeline.heap_at(k + 1)` is the heap right after it.
//! - `old_addr` is `Some` exactly for a `realloc`: the pointer passed,
//!   where the block was before (equal to `addr` when it was resized in
//!   place).
//! - `error` is `None` exactly when the call succeeded; a failed call
//!   changed nothing in the heap.

use std::fmt;

use crate::addr::Addr;
use crate::error::{CallError, LayoutSpec};
use crate::event::Event;
use crate::metrics::Metrics;
use crate::strategy::ThreadId;
use crate::timeline::Timeline;

/// Which allocator call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CallOp {
    /// `alloc`.
    Alloc,
    /// `alloc_zeroed`.
    AllocZeroed,
    /// `realloc`.
    Realloc,
    /// `dealloc`.
    Dealloc,
}

impl fmt::Display for CallOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl CallOp {
    /// The name in JSON output.
    pub const fn name(self) -> &'static str {
        match self {
            CallOp::Alloc => "alloc",
            CallOp::AllocZeroed => "alloc_zeroed",
            CallOp::Realloc => "realloc",
            CallOp::Dealloc => "dealloc",
        }
    }

    /// Whether the call hands out a block (and `addr` is where).
    pub const fn allocates(self) -> bool {
        !matches!(self, CallOp::Dealloc)
    }
}

/// A call for the global allocator, as the program makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Call {
    /// `alloc(layout)`, or `alloc_zeroed(layout)`.
    Alloc {
        /// The layout asked for.
        layout: LayoutSpec,
        /// `alloc_zeroed`.
        zeroed: bool,
    },
    /// `dealloc(addr, layout)`.
    Dealloc {
        /// The pointer given back.
        addr: Addr,
        /// The layout it is given back with.
        layout: LayoutSpec,
    },
    /// `realloc(addr, layout, new_size)`.
    Realloc {
        /// The block's pointer.
        addr: Addr,
        /// Its layout.
        layout: LayoutSpec,
        /// The size it should have.
        new_size: u64,
    },
}

impl Call {
    /// Which call this is.
    pub const fn op(&self) -> CallOp {
        match self {
            Call::Alloc { zeroed: false, .. } => CallOp::Alloc,
            Call::Alloc { zeroed: true, .. } => CallOp::AllocZeroed,
            Call::Dealloc { .. } => CallOp::Dealloc,
            Call::Realloc { .. } => CallOp::Realloc,
        }
    }

    /// The layout passed (for `realloc`, the block's old layout).
    pub const fn layout(&self) -> LayoutSpec {
        match *self {
            Call::Alloc { layout, .. }
            | Call::Dealloc { layout, .. }
            | Call::Realloc { layout, .. } => layout,
        }
    }

    /// For `realloc`, the new size.
    pub const fn new_size(&self) -> Option<u64> {
        match *self {
            Call::Realloc { new_size, .. } => Some(new_size),
            _ => None,
        }
    }
}

/// Where in its input a call came from: a scenario's statement, or a
/// line of an op list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A problem in the input, at its place: a parse error, an unsupported
/// construct, a panic of the program, a step limit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ScenarioError {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// One allocator call and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CallRecord {
    /// The call.
    pub op: CallOp,
    /// The layout passed (for `realloc`, the block's old layout).
    pub layout: LayoutSpec,
    /// For `realloc`, the new size.
    pub new_size: Option<u64>,
    /// What `alloc`/`realloc` returned, or the pointer passed to `dealloc`.
    pub addr: Option<Addr>,
    /// For a `realloc`, the pointer passed: where the block was before (the
    /// same as `addr` when it was resized in place).
    pub old_addr: Option<Addr>,
    /// Why the call failed, if it did.
    pub error: Option<CallError>,
    /// The thread that made the call.
    pub thread: ThreadId,
    /// Where in the input it came from, when it came from somewhere.
    pub span: Option<Span>,
    /// The op list's name for the block, for a call replayed from a trace.
    pub block: Option<u64>,
    /// Why the program made it, in Rust terms (empty for a trace).
    pub reason: String,
    /// The strategy's narration (kept for the first calls of a long run
    /// only; see [`Recording::narrate_first`](crate::Recording)).
    pub events: Vec<Event>,
    /// The heap's metrics right after the call.
    pub metrics: Metrics,
    /// Whether the call went to a bump arena (`Vec::new_in(&bump)`,
    /// `bump.alloc`) rather than to the global allocator.
    pub arena: bool,
    /// Whether the program didn't write it: the runtime's calls before
    /// `main`, stdout's buffer, a thread's blocks (see
    /// [`scenario::runtime`](crate::scenario::runtime)). A counting
    /// allocator counts them like any other.
    pub implicit: bool,
}

impl CallRecord {
    /// The line the call came from, if any.
    pub fn line(&self) -> Option<usize> {
        self.span.map(|s| s.line)
    }

    /// Whether the call did what it was asked.
    pub fn succeeded(&self) -> bool {
        self.error.is_none()
    }

    /// The call as written in Rust: `alloc(Layout { size: 16, align: 8 })`,
    /// `dealloc(0x1000, Layout { … })`, `realloc(0x1000, Layout { … }, 32)`.
    /// The pointer is the one the program passed; a call that returns one
    /// takes none.
    pub fn signature(&self) -> String {
        let l = self.layout;
        let ptr = |addr: Option<Addr>| addr.map_or_else(|| "null".to_string(), |a| a.to_string());
        match self.op {
            CallOp::Alloc | CallOp::AllocZeroed => format!("{}({l})", self.op.name()),
            CallOp::Dealloc => format!("dealloc({}, {l})", ptr(self.addr)),
            CallOp::Realloc => format!(
                "realloc({}, {l}, {})",
                ptr(self.old_addr),
                self.new_size.unwrap_or_default()
            ),
        }
    }

    /// What the call returned, in one short phrase: `→ 0x1010`, `ok`, or
    /// `failed: …`.
    pub fn result(&self) -> String {
        match (&self.error, self.op.allocates(), self.addr) {
            (Some(e), _, _) => format!("failed: {e}"),
            (None, true, Some(addr)) => format!("→ {addr}"),
            (None, _, _) => "ok".to_string(),
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Outcome {
    /// `main` returned, or the trace ended.
    Ok,
    /// An infallible allocation failed: `handle_alloc_error` aborted the
    /// process with std's message.
    Abort {
        /// `memory allocation of N bytes failed`.
        message: String,
        /// Where.
        line: usize,
        /// Where.
        column: usize,
    },
    /// The program could not run on: a parse error, an unsupported
    /// construct, a panic (index out of bounds, `unwrap` of `Err`), a step
    /// limit, an op naming a block the list never allocated.
    Error(ScenarioError),
    /// Stopped after the number of calls asked for.
    Stopped,
}

/// What a run produced.
///
/// `Eq`, so that an `Rc<Run>` compares by pointer first: viewers pass runs
/// of a million calls around and must not compare them call by call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Run {
    /// Every allocator call, in order.
    pub calls: Vec<CallRecord>,
    /// The heap's metrics before the first call.
    pub start: Metrics,
    /// The heap after every call, when the run was recorded for seeking.
    pub timeline: Option<Timeline>,
    /// What `println!` printed: a line each, without its newline.
    pub output: Vec<String>,
    /// Whether the last line of `output` was left open by `print!`: stdout
    /// holds it without a newline after it.
    pub output_open: bool,
    /// How it ended.
    pub outcome: Outcome,
    /// Allocations never freed (`mem::forget`, `Box::leak`, raw `alloc`).
    pub leaks: Vec<String>,
    /// The program's statics, each at its simulated address (none for an
    /// op list or a trace).
    pub statics: Vec<StaticInfo>,
}

/// One `static` of a program, where the simulation put it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StaticInfo {
    /// Its name.
    pub name: String,
    /// Its address.
    pub addr: Addr,
    /// Its size in bytes (`size_of` its type).
    pub size: u64,
}

impl Run {
    /// A run that made no call and printed nothing, its heap's metrics
    /// `start`: what a viewer shows before a run arrives, or a report of
    /// a heap as it starts.
    pub fn empty(start: Metrics) -> Run {
        Run {
            calls: Vec::new(),
            start,
            timeline: None,
            output: Vec::new(),
            output_open: false,
            outcome: Outcome::Ok,
            leaks: Vec::new(),
            statics: Vec::new(),
        }
    }

    /// The metrics after `calls` calls (the start's for 0).
    pub fn metrics_at(&self, calls: usize) -> Metrics {
        match calls.checked_sub(1).and_then(|k| self.calls.get(k)) {
            Some(call) => call.metrics,
            None if calls == 0 => self.start,
            None => self.calls.last().map_or(self.start, |c| c.metrics),
        }
    }

    /// The calls the program wrote, in order: not the
    /// [implicit](CallRecord::implicit) ones (the runtime's, stdout's
    /// buffer, a thread's blocks).
    pub fn own_calls(&self) -> impl Iterator<Item = &CallRecord> {
        self.calls.iter().filter(|c| !c.implicit)
    }

    /// The program's own global-allocator calls counted as the heap's
    /// counters count every call: what the program itself asked for.
    pub fn own_counts(&self) -> OwnCounts {
        let mut n = OwnCounts::default();
        for c in self.own_calls().filter(|c| !c.arena) {
            match &c.error {
                Some(e) if e.is_out_of_memory() => n.failed += 1,
                Some(_) => n.misuses += 1,
                None => match c.op {
                    CallOp::Alloc | CallOp::AllocZeroed => {
                        n.allocs += 1;
                        n.live_bytes += c.layout.size;
                    }
                    CallOp::Dealloc => {
                        n.deallocs += 1;
                        n.live_bytes = n.live_bytes.saturating_sub(c.layout.size);
                    }
                    CallOp::Realloc => {
                        if c.addr == c.old_addr {
                            n.reallocs_in_place += 1;
                        } else {
                            n.reallocs_moved += 1;
                        }
                        let new = c.new_size.unwrap_or(c.layout.size);
                        n.live_bytes = (n.live_bytes + new).saturating_sub(c.layout.size);
                    }
                },
            }
            n.peak_live_bytes = n.peak_live_bytes.max(n.live_bytes);
        }
        n
    }
}

/// What a program's own calls add up to (see [`Run::own_counts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OwnCounts {
    /// Successful `alloc` and `alloc_zeroed` calls.
    pub allocs: u64,
    /// Successful `dealloc` calls.
    pub deallocs: u64,
    /// `realloc`s that kept the block where it was.
    pub reallocs_in_place: u64,
    /// `realloc`s that moved it.
    pub reallocs_moved: u64,
    /// Calls refused for want of memory.
    pub failed: u64,
    /// Calls refused for breaking the allocator contract.
    pub misuses: u64,
    /// Bytes the program holds after its last call.
    pub live_bytes: u64,
    /// The most it held at once.
    pub peak_live_bytes: u64,
}

impl OwnCounts {
    /// Blocks the program holds.
    pub fn live_allocations(&self) -> u64 {
        self.allocs.saturating_sub(self.deallocs)
    }

    /// Successful `realloc`s.
    pub fn reallocs(&self) -> u64 {
        self.reallocs_in_place + self.reallocs_moved
    }
}
