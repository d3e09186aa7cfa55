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
//! Supported, and checked against real Rust by the conformance corpus
//! (`conformance/corpus/`, whose `GAPS` file lists what does not run yet):
//! - items: functions (parameters typed as declared, `return`, recursion
//!   up to a depth limit, generic parameters taken as given), structs
//!   (named, tuple, unit; `#[repr(C)]`, `#[repr(align(N))]`; fields of any
//!   type, heap owners and `Option<Box<Self>>` included), `impl` blocks
//!   (associated functions and consts, methods on `self`, `&self`, `&mut
//!   self`), traits with default methods, `impl Trait for Type`, trait
//!   objects behind `Box<dyn Trait>` and `&dyn Trait`, `const` and
//!   `static`; enums (unit, tuple and struct variants, written
//!   discriminants, `impl` blocks, `use Enum::*`, `as` casts of C-like
//!   ones), laid out as rustc lays them out (niches included:
//!   `Option<Box<T>>`, `Option<Vec<T>>` and an enum whose other variants
//!   fit around a `String` take no tag);
//! - control flow: blocks that drop their bindings in reverse order, `if`,
//!   `if let`, `match` (literal, range, `|`, tuple, struct, `Some`/`Ok`/
//!   `Err` patterns, enum variants with `..`, guards, `@` bindings; a
//!   reference scrutinee binds references), `loop` with `break` values,
//!   `while`, `while let`, `for` over ranges, arrays, `Vec`s (`&v`,
//!   `v.iter()`, and `v` itself, freed when the loop ends), strings
//!   (`chars`, `bytes`) and any iterator; labelled `break` and `continue`;
//! - closures: capturing by reference or by `move`, `FnMut` state kept
//!   between calls, passed to generic functions, returned as `impl Fn`,
//!   boxed (`Box::new` asks for the captures' size: nothing for none);
//! - iterators, pulled one item at a time so that the closures' calls
//!   interleave with the collecting vector's as in Rust: `map`, `filter`,
//!   `filter_map`, `enumerate`, `zip`, `take`, `skip`, `step_by`, `chain`,
//!   `cloned`, `copied`, `flat_map`, `rev`, `take_while`, `skip_while`,
//!   `inspect`; `collect` into `Vec` or `String` (std's exact path for a
//!   known length, else the first item then `max(4, lower + 1)` and
//!   `reserve(lower + 1)` when full), `sum`, `product`, `count`, `min`,
//!   `max`, `last`, `nth`, `fold`, `for_each`, `any`, `all`, `position`,
//!   `find`;
//! - values: integers with every operator (`<< >> & | ^ !`, compound
//!   assignment, overflow panics as in a debug build) and their methods
//!   (`wrapping_*`, `checked_*`, `saturating_*`, `overflowing_*`, `pow`,
//!   bit counts, …), floats, `bool`, `char`, `&str` methods that do not
//!   allocate, `parse`; arrays, tuples, structs; references `&x`, `&mut
//!   x`, `&p.field`, read and written through; `println!`/`print!`/
//!   `eprintln!` with Rust's format specs;
//! - heap values nested freely: `Vec<String>`, `Vec<Vec<T>>`, structs
//!   holding `String`s and `Vec`s, `Box<Node>` lists; drops in Rust's
//!   order (locals in reverse, fields in declaration order, elements first
//!   to last, temporaries at the end of their statement); `clone` deep as
//!   `Clone` is;
//! - `Vec` and `String`: `new`, `with_capacity`, `vec![]`, `String::from`,
//!   `push`, `push_str`, `pop`, `insert`, `remove`, `swap_remove`,
//!   `extend_from_slice`, `reserve`, `reserve_exact`, `try_reserve`,
//!   `try_reserve_exact`, `shrink_to_fit`, `shrink_to`, `clear`,
//!   `truncate`, `clone`, `sort` (with its scratch buffer past the stack's
//!   4 KiB), `sort_unstable`, `dedup`, `reverse`, `contains`, indexing;
//!   `Box::new`,
//!   `Box::leak`, `Rc::new`, `Rc::clone` (of plain data); `drop`,
//!   `mem::forget`; `Layout` and the raw `alloc`, `alloc_zeroed`,
//!   `realloc`, `dealloc`, `handle_alloc_error`; bumpalo's `Bump`;
//!   threads: `thread::spawn(move || { … })` and `.join()`, taking turns
//!   deterministically, one top-level statement of each thread's closure
//!   after each statement of `main`.
//!
//! Not yet: std's other collections (`HashMap`, `VecDeque`, `BTreeMap`,
//! `BinaryHeap`; their rules are in [`std_rules`]), `Rc` of heap values,
//! `RefCell`, `Arc`, slices `&v[a..b]`, a `Vec` of `&str` or of boxed
//! trait objects, `Option`'s and `Result`'s methods taking closures,
//! `sort_by`, `retain`, `drain`, `extend`, collecting a `Vec`'s own
//! `into_iter()` (std reuses its block), `#[repr]` on enums, generic
//! enums. A closure captures whole variables (not Rust 2021's single
//! fields), and `*` on an item an iterator lent reads the item (items of a
//! `Vec` of plain data are handed out by value). Types are checked
//! where the program declares them (bindings, fields, parameters, return
//! values); a number's type is inferred from what it meets first, and a
//! `Vec` of unsuffixed numbers takes the type a later declaration gives it
//! when that changes no call (otherwise the program is asked to write it).

pub mod examples;
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
