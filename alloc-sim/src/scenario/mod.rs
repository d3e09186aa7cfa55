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
//! loop into an error, a nesting limit (checked on the source text before
//! syn parses it, and again as the evaluator recurses) turns a program
//! nested too deep for the stack into one, values are sized from their
//! type before they are built (a `vec!` larger than the heap fails to
//! allocate, an array over 8 MiB overflows `main`'s stack, a type over
//! `isize::MAX` is refused as rustc refuses it), and every problem — a parse error, an unsupported
//! construct, a moved value, an out-of-bounds index — is reported with its
//! line and column, never as a panic of our own.
//!
//! What real Rust allocates that the program didn't write is made too
//! ([`runtime`]): the runtime's two calls before `main`, stdout's buffer at
//! the first print, a spawned thread's three blocks. They are recorded as
//! [`CallRecord::implicit`], with their reasons, drawn and counted like
//! any call (on the 64-bit target, where they were measured).
//!
//! What runs, and what does not yet, is [`what_runs_here`]: the same
//! page the app shows (`what-runs-here.html`, built from it), and the one
//! an unsupported construct's error points to.

pub mod examples;
#[doc = include_str!("what_runs_here.md")]
pub mod what_runs_here {}

/// [`what_runs_here`] as Markdown, for the page the app links to.
pub const WHAT_RUNS_HERE: &str = include_str!("what_runs_here.md");

/// The message of [`Outcome::Abort`] when the program called
/// `std::process::abort()`: the process ends there, printing nothing more
/// and running no destructor, so no block is freed after it.
pub const PROCESS_ABORT: &str = "the process aborted: `std::process::abort()`";
mod interp;
pub mod runtime;
pub mod std_rules;
pub mod ty;
mod value;

use crate::error::LayoutSpec;
pub use crate::record::{CallOp, CallRecord, Outcome, Run, ScenarioError};
use crate::sim::Simulation;

/// Bounds on a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Statements and loop iterations before the run stops with an error.
    pub max_steps: u64,
    /// Stop after this many allocator calls (to show the heap at a step).
    pub stop_after_calls: Option<usize>,
    /// Whether a program's own allocator over its own heap array runs
    /// (its `yours` pane); without, the program runs as if it had none: its
    /// calls go straight to the strategy, as the built-in panes beside it
    /// show them. (An allocator over `System` runs either way.)
    pub own_heap: bool,
    /// A length for the program's heap array, given as malloc lab's driver
    /// gives an allocator a heap that can grow: the const that names the
    /// array's length (`const HEAP_SIZE: usize = 4096;` of `[u8;
    /// HEAP_SIZE]`) takes this value instead, wherever the code uses it. An
    /// array whose length is written as a number keeps it.
    pub heap_array_len: Option<u64>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_steps: 1_000_000,
            stop_after_calls: None,
            own_heap: true,
            heap_array_len: None,
        }
    }
}

/// A program's own allocator replaying a trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocatorReplay {
    /// The calls, one per op, as its code answered them; an error its
    /// code made (a check that failed) ends the run.
    pub run: Run,
    /// The interpreter steps its code took in all (statements and loop
    /// turns): its cost, whatever machine runs the simulation.
    pub steps: u64,
}

/// Replays `list` through `source`'s own `#[global_allocator]`, as malloc
/// lab's driver runs a learner's allocator on a trace: its heap array is
/// the heap (`sim` is replaced by it), or `System` is `sim`'s strategy for
/// an allocator over `System`. `Err`: the trace names a block it never
/// allocated, at its line.
pub fn replay_with_allocator(
    source: &str,
    list: &crate::ops::OpList,
    sim: &mut Simulation,
    limits: Limits,
) -> Result<AllocatorReplay, crate::ops::OpsError> {
    on_interpreter_stack(|| interp::replay(source, list, sim, limits, false))
}

/// [`replay_with_allocator`], keeping the heap after every call in the
/// run's timeline, to seek to any of them.
pub fn replay_with_allocator_recorded(
    source: &str,
    list: &crate::ops::OpList,
    sim: &mut Simulation,
    limits: Limits,
) -> Result<AllocatorReplay, crate::ops::OpsError> {
    on_interpreter_stack(|| interp::replay(source, list, sim, limits, true))
}

/// Where a program's own allocator keeps its heap: the static byte array
/// that is its memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeapArray {
    /// The static that holds the array.
    pub holder: String,
    /// The array's address.
    pub addr: crate::Addr,
    /// Its length in bytes.
    pub len: u64,
}

/// The heap array of `source`'s own global allocator, if it has one (none
/// for a program that does not parse): what decides whether the program
/// gets a pane of its own allocator beside the built-in strategies. Reads
/// the program's items and lays out its statics; runs nothing.
pub fn heap_array(source: &str) -> Option<HeapArray> {
    on_interpreter_stack(|| interp::heap_array(source))
}

/// Parses and runs `source` on `sim`.
pub fn run(source: &str, sim: &mut Simulation, limits: Limits) -> Run {
    on_interpreter_stack(|| interp::run(source, sim, limits, false))
}

/// Parses and runs `source` on `sim`, keeping the heap after every call in
/// the run's [`Timeline`](crate::Timeline), so that a viewer can seek to
/// any of them.
pub fn run_recorded(source: &str, sim: &mut Simulation, limits: Limits) -> Run {
    on_interpreter_stack(|| interp::run(source, sim, limits, true))
}

/// The stack the interpreter runs on natively: its nesting limits were
/// measured against it (the browser's wasm gets the same size from the
/// linker, see `.cargo/config.toml`). Only the pages it touches are used.
#[cfg(not(target_arch = "wasm32"))]
pub const INTERPRETER_STACK: usize = 8 << 20;

/// Runs `f` on a thread with [`INTERPRETER_STACK`] bytes of stack, so that
/// a run never depends on the stack of whichever thread called it (a test
/// thread has 2 MiB); if no thread can be made, on this one.
#[cfg(not(target_arch = "wasm32"))]
fn on_interpreter_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let mut f = Some(f);
    let result = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("scenario".into())
            .stack_size(INTERPRETER_STACK)
            .spawn_scoped(scope, || f.take().map(|f| f()));
        spawned.ok().map(|thread| thread.join())
    });
    match result {
        Some(Ok(Some(value))) => value,
        // A panic in the interpreter is a bug: it goes on as a panic here.
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        _ => match f.take() {
            Some(f) => f(),
            None => unreachable!("the interpreter thread took the run and returned nothing"),
        },
    }
}

#[cfg(target_arch = "wasm32")]
fn on_interpreter_stack<T>(f: impl FnOnce() -> T) -> T {
    f()
}

/// How a struct is laid out: its `Layout` and where each field sits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
