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
    interp::run(source, sim, limits, false)
}

/// Parses and runs `source` on `sim`, keeping the heap after every call in
/// the run's [`Timeline`](crate::Timeline), so that a viewer can seek to
/// any of them.
pub fn run_recorded(source: &str, sim: &mut Simulation, limits: Limits) -> Run {
    interp::run(source, sim, limits, true)
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
