//! Scenarios: small Rust programs that drive the simulated heap.
//!
//! A learner writes the Rust they know; [`run`] parses it with a real Rust
//! parser (syn), runs it, and lowers every heap operation to the exact
//! allocator calls the standard library makes ([`std_rules`]), on whichever
//! strategy the [`Simulation`] has. Each call is tied to the source span of
//! the statement that made it and to a Rust-level reason ("`v.push(5)`:
//! `Vec<u32>` is full at 4, grows to 8").
//!
//! Runs are pure, deterministic and bounded: a step limit turns a runaway
//! loop into an error, and every problem — a parse error, an unsupported
//! construct, a moved value, an out-of-bounds index — is reported with its
//! line and column, never as a panic of our own.
//!
//! Supported: `fn main` and struct definitions (`#[repr(C)]`,
//! `#[repr(align(N))]`); `let` (with or without a type), assignment, blocks
//! that drop their bindings in reverse order, `if`, `while`, `for` over
//! ranges, `match` / `if let` on `Result` and `Option`; integers, floats,
//! `bool`, `char`, arrays, tuples, structs; `Vec` and `String` (`new`,
//! `with_capacity`, `vec![]`, `push`, `pop`, `insert`, `extend_from_slice`,
//! `reserve`, `reserve_exact`, `try_reserve`, `try_reserve_exact`,
//! `shrink_to_fit`, `shrink_to`, `clear`, `truncate`, `clone`, indexing);
//! `Box::new`, `Box::leak`, `Rc::new`, `Rc::clone`; `drop`, `mem::forget`;
//! `Layout::new`, `array`, `from_size_align`, `extend`, `pad_to_align`, and
//! the raw `alloc`, `alloc_zeroed`, `realloc`, `dealloc`,
//! `handle_alloc_error`; bumpalo's `Bump::new`, `Vec::new_in(&bump)`,
//! `bump.alloc(x)`, `bump.reset()`, whose chunks come from the global
//! allocator; threads: `thread::spawn(move || { … })` and `.join()`,
//! taking turns deterministically, one top-level statement of each
//! thread's closure after each statement of `main` (the allocations
//! `spawn` itself makes for the thread's handle are not modelled);
//! `println!`. Not yet: functions other than `main`, references kept in
//! bindings, heap types nested in heap types.

pub mod examples;
mod interp;
pub mod std_rules;
pub mod ty;
mod value;

use std::fmt;

use crate::addr::Addr;
use crate::error::LayoutSpec;
use crate::event::Event;
use crate::sim::Simulation;
use crate::timeline::Timeline;

/// A problem in a scenario, at its place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Which allocator call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// One allocator call a scenario made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioCall {
    /// The statement's line.
    pub line: usize,
    /// The statement's column.
    pub column: usize,
    /// Why the program made it, in Rust terms.
    pub reason: String,
    /// The call.
    pub op: CallOp,
    /// The layout passed (for `realloc`, the block's old layout).
    pub layout: LayoutSpec,
    /// For `realloc`, the new size.
    pub new_size: Option<u64>,
    /// What `alloc`/`realloc` returned, or the pointer freed.
    pub addr: Option<Addr>,
    /// For a `realloc` that succeeded, where the block was before (the
    /// same as `addr` when it was resized in place).
    pub old_addr: Option<Addr>,
    /// Why the call failed, if it did.
    pub error: Option<String>,
    /// The strategy's narration.
    pub events: Vec<Event>,
    /// The thread that made the call (0 is main).
    pub thread: u32,
    /// The heap's metrics right after the call.
    pub metrics: crate::metrics::Metrics,
    /// Whether the call went to a bump arena (`Vec::new_in(&bump)`,
    /// `bump.alloc`) rather than to the global allocator.
    pub arena: bool,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `main` returned.
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
    /// limit.
    Error(ScenarioError),
    /// Stopped after the number of calls asked for.
    Stopped,
}

/// What a run produced.
///
/// `Eq`, so that an `Rc<Run>` compares by pointer first: viewers pass runs
/// of a million calls around and must not compare them call by call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Every allocator call, in order.
    pub calls: Vec<ScenarioCall>,
    /// What `println!` printed.
    pub output: Vec<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// Allocations never freed (`mem::forget`, `Box::leak`, raw `alloc`).
    pub leaks: Vec<String>,
}

/// Bounds on a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Statements and loop iterations before the run stops with an error.
    pub max_steps: u64,
    /// Stop after this many allocator calls (to show the heap at a step).
    pub stop_after_calls: Option<usize>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_steps: 1_000_000,
            stop_after_calls: None,
        }
    }
}

/// Parses and runs `source` on `sim`.
pub fn run(source: &str, sim: &mut Simulation, limits: Limits) -> Run {
    interp::run(source, sim, limits, None)
}

/// Parses and runs `source` on `sim`, recording the heap after every call
/// so that a viewer can seek to any of them (see [`Timeline`]).
pub fn run_recorded(source: &str, sim: &mut Simulation, limits: Limits) -> (Run, Timeline) {
    let mut timeline = Timeline::start(sim.heap_mut());
    let run = interp::run(source, sim, limits, Some(&mut timeline));
    sim.heap_mut().stop_journal();
    (run, timeline)
}

/// How a struct is laid out: its `Layout` and where each field sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructLayout {
    /// The struct's name.
    pub name: String,
    /// Whether it is `#[repr(C)]` (fields in declaration order).
    pub repr_c: bool,
    /// `Layout::new::<Struct>()`.
    pub layout: LayoutSpec,
    /// The fields in declaration order.
    pub fields: Vec<FieldLayout>,
}

/// One field of a [`StructLayout`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldLayout {
    /// Its name (or its index, in a tuple struct).
    pub name: String,
    /// Its type, as written.
    pub ty: String,
    /// Its offset from the start of the struct.
    pub offset: u64,
    /// Its size.
    pub size: u64,
}

/// The structs `source` defines (it may hold nothing else), each laid out
/// on `target` as scenarios lay them out: `#[repr(C)]` in declaration order
/// with `Layout::extend`'s padding, plain structs as rustc lays them out
/// today (most-aligned fields first; not a guarantee of the language).
pub fn struct_layouts(
    source: &str,
    target: crate::target::Target,
) -> Result<Vec<StructLayout>, ScenarioError> {
    interp::struct_layouts(source, target)
}
