//! The scenario interpreter: walks syn's syntax tree, keeps the program's
//! bindings and heap owners, and turns each heap operation into the
//! allocator calls std makes.
//!
//! This file holds the interpreter's state, bindings, statements and
//! scopes; the rest is split by concern: [`expr`] evaluates expressions,
//! [`calls`] functions and methods, [`vec`] `Vec` and `String`, [`owners`]
//! boxes, bump arenas and drops, [`shared`] `Rc`, `Arc`, `Weak`, `RefCell`
//! and `Cell`, [`threads`] spawned threads, and [`format`] the macros.

mod atomics;
mod binary_heap;
mod btree_append;
mod btree_map;
mod calls;
mod case;
mod char_class;
mod closures;
mod control;
mod conversions;
mod deque;
mod deque_ops;
mod display;
mod enums;
mod expr;
mod format;
mod functions;
mod generics;
mod global_alloc;
mod in_place;
mod iter;
mod literal_types;
mod map;
mod memory;
mod mutability;
mod names;
mod nested;
mod nesting;
mod operators;
mod options;
mod ordering;
mod owners;
mod places;
mod rc_slices;
mod replay;
mod scrutinee;
mod shared;
#[macro_use]
mod prims;
mod slice_views;
mod slices;
mod span;
mod static_pass;
mod statics;
mod str_iter;
mod strings;
mod threads;
mod vec;
mod vec_ops;

use std::collections::HashMap;
use std::rc::Rc;

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use span::Spanned;
use syn::punctuated::Punctuated;
use syn::{BinOp, Expr, Lit, Pat, Stmt, Type, UnOp};

use super::std_rules::dec2flt::parse_float;
use super::std_rules::{self, GrowError};
use super::ty::{IntTy, MapKind, StructDef, Ty};
use super::value::{self, Place, Value};
use super::Limits;
use crate::addr::Addr;
use crate::bump_arena::BumpArena;
use crate::error::{CallError, LayoutSpec};
use crate::event::Log;
use crate::record::Call;
use crate::record::{CallOp, Outcome, Run, ScenarioError};
use crate::recording::{Door, Origin, Recording, Stopped};
use crate::role::AllocId;
use crate::sim::Simulation;
use crate::strategy::ThreadId;
use crate::target::Target;

/// Why execution stopped early.
enum Halt {
    Stop,
    /// A fallible reservation failed: the `TryReserveError` it returns.
    TryReserve(Option<LayoutSpec>),
    Abort(String, (usize, usize)),
    Error(ScenarioError),
    /// `break 'label value`: the label (none for the innermost loop).
    Break(Option<String>, Value),
    /// `continue 'label`.
    Continue(Option<String>),
    /// `return value`.
    Return(Value),
}

/// What running code gives: its value, or why it stopped (boxed: a
/// `Halt` is large, and every `?` of the interpreter would move it).
type R<T> = Result<T, Box<Halt>>;

/// Stops running code with `halt`.
fn halt<T>(halt: Halt) -> R<T> {
    Err(Box::new(halt))
}

/// What a `let` annotation or a turbofish says a value is.
#[derive(Debug, Clone, PartialEq)]
enum Hint {
    Plain(Ty),
    Vec(Option<Ty>),
    String,
    Box(Ty),
    /// `Rc<T>`, or `Arc<T>` (`true`): counted alike.
    Rc(Ty, bool),
    /// `HashMap<K, V>` or `BTreeMap<K, V>` (`false`), a set (`true`),
    /// with its type when written out (not `HashSet<_>`).
    Map(MapKind, bool, Option<Ty>),
    /// `VecDeque<T>`.
    Deque(Option<Ty>),
    /// `BinaryHeap<T>`: a `Vec` kept in heap order.
    Heap(Option<Ty>),
    /// `Result<C, E>` (`true`) or `Option<C>` of a collection `C`: what
    /// `collect` makes stopping at the first `Err` or `None`; or of plain
    /// data (`Result<u16, E>`). A heap `E` is kept, for what `Err(…)`
    /// makes.
    Try(bool, Box<Hint>, Option<Box<Hint>>),
    Other,
}

impl Hint {
    /// The hint for a value known to be of type `ty` (a field's, a
    /// `Vec`'s element's): heap types as themselves, so a `vec![]` or a
    /// `String::new()` there knows what it holds.
    fn of(ty: &Ty) -> Hint {
        Hint::of_raw(ty).known()
    }

    /// [`Hint::of`], type parameters not known here kept as such.
    fn of_raw(ty: &Ty) -> Hint {
        match ty {
            Ty::Vec(t) => Hint::Vec(Some((**t).clone())),
            Ty::Deque(t) => Hint::Deque(Some((**t).clone())),
            Ty::String => Hint::String,
            Ty::Boxed(t) => match &**t {
                Ty::Vec(e) => Hint::Vec(Some((**e).clone())),
                _ => Hint::String,
            },
            Ty::Box(t) => Hint::Box((**t).clone()),
            Ty::Map(kind, _, v) => Hint::Map(*kind, v.is_none(), Some(ty.clone())),
            other => Hint::Plain(other.clone()),
        }
    }

    /// What the hint says of a value to be made, leaving out the types
    /// not known here (a `Vec<T>` with `T` unknown is a `Vec` whose
    /// element its first value gives).
    fn known(self) -> Hint {
        match self {
            Hint::Plain(Ty::Param(_) | Ty::Generic(..)) => Hint::Other,
            Hint::Vec(Some(t)) if t.has_param() => Hint::Vec(None),
            Hint::Deque(Some(t)) if t.has_param() => Hint::Deque(None),
            Hint::Heap(Some(t)) if t.has_param() => Hint::Heap(None),
            Hint::Box(t) | Hint::Rc(t, _) if t.has_param() => Hint::Other,
            Hint::Map(kind, set, Some(t)) if t.has_param() => Hint::Map(kind, set, None),
            other => other,
        }
    }

    /// The heap type a hint names, as `type_name` begins (`"Vec"`,
    /// `"BinaryHeap"`, `"HashMap"` …); `None` for plain data and the rest.
    fn owner_name(&self) -> Option<&'static str> {
        Some(match self {
            Hint::Vec(_) => "Vec",
            Hint::Heap(_) => "BinaryHeap",
            Hint::String => "String",
            Hint::Box(_) => "Box",
            Hint::Rc(..) => "Rc",
            Hint::Map(kind, set, _) => kind.name(*set),
            Hint::Deque(_) => "VecDeque",
            Hint::Plain(_) | Hint::Try(..) | Hint::Other => return None,
        })
    }
}

/// What a `Vec` of heap values, or a `Box` of one, holds: the values
/// themselves, kept beside the bytes the heap shows for them (an owner's
/// words cannot be read back into the owner).
#[derive(Debug, Clone)]
enum Contents {
    /// A `Vec`'s elements, in order.
    Items(Vec<Value>),
    /// A `Box`'s value.
    Value(Value),
}

/// The program's names (its structs, enums, functions, consts), each with
/// what it names: few, so a sorted `Vec` ([`litemap::LiteMap`]) rather than
/// a hash table, whose code each value type would repeat in the wasm.
type Names<V> = litemap::LiteMap<String, V>;

/// Something kept for some heap owners, by owner id: ids count up from 0,
/// so a `Vec` indexed by them is the map.
#[derive(Debug)]
struct ByOwner<T>(Vec<Option<T>>);

impl<T> Default for ByOwner<T> {
    fn default() -> Self {
        ByOwner(Vec::new())
    }
}

impl<T> ByOwner<T> {
    fn get(&self, id: &usize) -> Option<&T> {
        self.0.get(*id)?.as_ref()
    }

    fn get_mut(&mut self, id: &usize) -> Option<&mut T> {
        self.0.get_mut(*id)?.as_mut()
    }

    fn insert(&mut self, id: usize, value: T) -> Option<T> {
        if self.0.len() <= id {
            self.0.resize_with(id + 1, || None);
        }
        self.0[id].replace(value)
    }

    fn remove(&mut self, id: &usize) -> Option<T> {
        self.0.get_mut(*id)?.take()
    }
}

/// A heap owner: what a `Vec`, `String`, `Box` or `Rc` holds.
#[derive(Debug, Clone)]
enum Owner {
    Vec {
        ptr: Option<Addr>,
        cap: u64,
        len: u64,
        elem: Option<Ty>,
        string: bool,
    },
    Box {
        ptr: Option<Addr>,
        ty: Ty,
    },
    /// An `Rc` or `Arc`: an index into `shared`.
    Rc {
        cell: usize,
    },
    /// A `Weak`: the block it points at (none for `Weak::new()`).
    Weak {
        cell: Option<usize>,
    },
    /// The value an `Rc` or `Arc` shares, inside its block: its contents
    /// hold the value, so that places reach into it as into a `Box`'s.
    Shared {
        cell: usize,
    },
    /// A `Ref` or `RefMut` from `RefCell::borrow`/`borrow_mut`: the place of
    /// the `RefCell` it borrows; dropping it gives the borrow back.
    Guard {
        refcell: Place,
        mutable: bool,
    },
    /// A `HashMap` or `HashSet`: an index into `maps` (see `map.rs`).
    Map(usize),
    /// A `VecDeque`: an index into `deques` (see `deque.rs`).
    Deque(usize),
    /// bumpalo's `Bump`.
    Arena(BumpArena),
    /// An iterator and the `Vec` it took, if any (see `iter.rs`).
    Iter {
        iter: iter::Iter,
        consumed: Option<usize>,
    },
    /// A closure: its code and what it captured (see `closures.rs`).
    Closure {
        /// Its code: an index into `closure_code`.
        code: usize,
        env: Vec<Binding>,
    },
    /// A value put in an arena by `bump.alloc(x)`: freed only with the arena.
    ArenaValue {
        ptr: Addr,
        ty: Ty,
    },
    Gone,
}

/// One `RcInner`/`ArcInner` block: where it is, its counts, what it holds.
#[derive(Debug, Clone)]
struct SharedBlock {
    ptr: Addr,
    /// The value's type, for its layout.
    ty: Ty,
    /// For an `Rc<[T]>` or `Rc<str>`: the `[T]` or `str` its type names
    /// (the block then holds `ty`, an array of its length) and the length.
    slice: Option<(Ty, u64)>,
    counts: std_rules::rc::RcBlock,
    /// An `Arc` (atomic counts), not an `Rc`.
    arc: bool,
    /// The [`Owner::Shared`] that holds the value.
    holder: usize,
}

#[derive(Debug, Clone)]
struct Binding {
    name: String,
    value: Value,
    moved: Option<(usize, usize)>,
    /// A closure's capture by reference: the name stands for the binding
    /// its value (a [`Value::Ref`]) points at, for reads and writes alike.
    alias: bool,
}

struct Interp<'a> {
    sim: &'a mut Simulation,
    target: Target,
    structs: Names<Rc<StructDef>>,
    /// The program's enums by name.
    enums: Names<Rc<super::ty::EnumDef>>,
    /// Variants brought in by `use Enum::*` (or by name), by bare name.
    imported: Names<Rc<StructDef>>,
    /// The program's types that `#[derive(PartialOrd)]`, and whether they
    /// derive `Ord` too.
    derived_ord: Names<bool>,
    scopes: Vec<Vec<Binding>>,
    owners: Vec<Owner>,
    /// The `Rc`/`Arc` blocks made so far.
    shared: Vec<SharedBlock>,
    /// `RefCell` guards made by the statement running (see `shared.rs`).
    guards: Vec<usize>,
    /// While a method is called on what a pointer points at: its receiver
    /// expression (by address) and the place it stands for (see
    /// `shared::method_at`).
    deref_receiver: Option<(usize, Place)>,
    /// Whether the run has made a pointer that methods see through (an
    /// `Rc`, a cell, a `Box` of a heap value): until it has, no method
    /// call needs to look for one.
    pointers: bool,
    /// The `Vec` owners that are `BinaryHeap`s (see `binary_heap.rs`).
    heap_ordered: ByOwner<()>,
    /// The element type the statements after an unannotated `let v =
    /// vec![…]` give `v` (see `functions::pinned_elem`), for that `let`.
    let_elem: Option<Ty>,
    /// The program's `HashMap`s and `HashSet`s.
    maps: Vec<map::MapOwner>,
    deques: Vec<deque::DequeOwner>,
    /// The program's read-only data: where literals' text lives.
    statics: statics::Statics,
    /// std's `Ordering`, unless the program defines its own.
    std_ordering: Option<Rc<super::ty::EnumDef>>,
    /// The types with the program's own `impl PartialEq`.
    own_eq_types: Names<()>,
    /// `"Point add"`: the program's `impl Add for Point` and the other
    /// operator traits (see `operators.rs`).
    operator_impls: Names<()>,
    /// The types with the program's own `impl Iterator` (see `iter.rs`).
    iterator_types: Names<()>,
    /// The `Err` (or `None`) a `collect::<Result<…>>()` stopped at, kept
    /// here when its iterator is dropped before the collect ends (an
    /// in-place collect drops it itself).
    shunt_stop: Option<Value>,
    /// `RandomState`s made so far, per thread (each takes the next keys).
    random_states: Vec<(ThreadId, u64)>,
    /// Vec owner → the arena owner it allocates in, and its block's id there.
    vec_arena: litemap::LiteMap<usize, (usize, Option<AllocId>)>,
    /// The run's calls, made through its one door.
    recording: Recording,
    output: Vec<String>,
    leaks: Vec<String>,
    steps: u64,
    max_steps: u64,
    here: (usize, usize),
    /// The thread whose code is running.
    thread: ThreadId,
    /// Spawned threads, in spawn order.
    threads: Vec<Thread>,
    /// Set while a spawned thread runs a statement, so it does not schedule others.
    in_thread: bool,
    /// How deep `eval` has recursed.
    depth: usize,
    /// Whether stdout has made its line buffer (at the first print).
    stdout_ready: bool,
    /// Whether the last line printed is still open (`print!` without a
    /// newline): the next print goes on with it.
    stdout_open: bool,
    /// Set while making a call the program didn't write.
    implicit: bool,
    /// The program's free functions, by name.
    fns: Names<Rc<functions::FnDef>>,
    /// Functions and methods of `impl` blocks (and traits' defaults), by
    /// type, then name.
    methods: Names<Names<Rc<functions::FnDef>>>,
    /// Associated consts, by type, then name.
    assoc_consts: Names<Names<Value>>,
    /// The type `Self` names in the function running.
    self_ty: Option<String>,
    /// What the function about to run returns, for its body's last
    /// expression (taken by the block, then by that expression).
    tail_hint: Option<Hint>,
    /// The program's `#[global_allocator]` (see `global_alloc.rs`).
    global_alloc: Option<global_alloc::GlobalAllocator>,
    /// The types with the program's `unsafe impl GlobalAlloc`.
    global_alloc_types: Names<()>,
    /// While the program's allocator runs: which of its methods.
    in_allocator: Option<String>,
    /// While the program's allocator runs: the statement whose call it
    /// serves, and why that call is made.
    alloc_site: Option<((usize, usize), String)>,
    /// The program's `fmt` of `impl Display`, by type.
    display_fns: Names<Rc<functions::FnDef>>,
    /// The traits of `std::fmt` the program's `use`s bring in: what
    /// `x.fmt(f)` calls, and whether `write!` may write into a `String`.
    fmt_traits: display::FmtTraits,
    /// While the program's own `fmt` of `Display` or `Debug` runs: that
    /// trait, in scope in its body as in its `impl`'s.
    fmt_impl: Option<format::Kind>,
    /// The types that `#[derive(Debug)]`.
    derived_debug: Names<()>,
    /// The program's own `impl fmt::Debug`s, by type.
    debug_fns: Names<Rc<functions::FnDef>>,
    /// The writes of the `fmt`s running (see `display.rs`).
    formatters: display::Formatters,
    /// The types the program implements `Drop` for, by name.
    drop_types: Names<()>,
    /// Their `drop` functions, by type.
    drop_fns: Names<Rc<functions::FnDef>>,
    /// The program's generic structs and enums (see `generics.rs`).
    templates: Names<Rc<generics::Template>>,
    /// Their instances made so far, by name and arguments (`Pair<u8>`).
    instances: std::cell::RefCell<HashMap<String, Ty>>,
    /// How many instances are being made inside one another.
    instance_depth: std::cell::Cell<usize>,
    /// The type parameters in scope, each with what it stands for.
    ty_env: Vec<(String, Ty)>,
    /// The arguments of `Self`, in a function of a generic type's `impl`.
    self_args: Vec<Ty>,
    /// The arguments the next call of a function of a generic type's
    /// `impl` runs with, when it has no receiver to take them from (a
    /// turbofish's, the expected type's).
    assoc_args: Option<Vec<Ty>>,
    /// A free function's turbofish (`fill::<4>(…)`), for its const
    /// parameters, from the call to the call's arguments.
    fn_turbofish: Option<Vec<Ty>>,
    /// The values of the called function's own const parameters, from
    /// `call_fn` to `run_fn`.
    fn_consts: Option<Vec<(String, Ty)>>,
    /// Its consts.
    globals: Names<Value>,
    /// The modules of float constants its `use`s name (`use
    /// std::f64::consts;`): the name, and whether it is `f64`'s.
    float_modules: Vec<(String, bool)>,
    /// The other names its `use`s bring from std that no value here is
    /// (`use std::f64::EPSILON;`): the name, and the path it names.
    std_imports: Vec<(String, String)>,
    /// Its statics, each at its address (see `memory.rs`).
    static_items: Vec<memory::StaticItem>,
    /// The program's own heap array, if it has one.
    heap_array: Option<memory::HeapArray>,
    /// Whether a static's initializer is running in a program with its
    /// own global allocator (a big byte array there is kept as bytes).
    static_init: bool,
    /// Whether the program declares a `#[global_allocator]`.
    declares_global_alloc: bool,
    /// Whether its allocator over its own heap array runs (see
    /// `Limits::own_heap`).
    own_heap: bool,
    /// `Limits::heap_array_len`.
    heap_array_len: Option<u64>,
    /// What the program's allocator did to its heap array in this call.
    call_memory: memory::CallMemory,
    /// The program's allocator running, and the step its call began at.
    allocator_steps: Option<(String, u64)>,
    /// The types `Root::Memory` places name, by number.
    mem_tys: std::cell::RefCell<Vec<Rc<Ty>>>,
    /// The trace's name for the block of the op being replayed.
    op_block: Option<u64>,
    /// The first scope of the function running: bindings below it are the
    /// callers', out of sight.
    frame: usize,
    /// Calls of the program's functions in progress.
    call_depth: usize,
    /// The values held by `Vec`s and `Box`es of heap values, by owner.
    contents: ByOwner<Contents>,
    /// What a `chunks_exact` iterator leaves out (its `remainder`), by
    /// the iterator.
    remainders: ByOwner<Value>,
    /// The program's structs by name, while they are being read (so that
    /// a struct can name itself, or one defined below it).
    pending: Names<Rc<super::ty::NamedTy>>,
    /// `Vec`s whose element type is a guess from an unsuffixed number.
    defaulted: Vec<usize>,
    /// Where in the heap each owner's handle is kept, if it is.
    homes: Vec<Option<value::Root>>,
    /// Temporaries that live to the end of the statement being run.
    temps: Vec<(Place, u64)>,
    /// Whether the statement about to run is a block's last expression,
    /// whose temporaries outlive the block's bindings (see `block`).
    tail_temps: bool,
    /// Spans by node address (see `sp`). Every syntax tree the run makes
    /// is kept to its end (the program's, functions' and closures' copies,
    /// macros' arguments), so no address is reused for another node.
    spans: std::cell::RefCell<NodeMap<Span>>,
    /// Where nodes start, as line and column (see `start_of`), and their
    /// source text as reasons quote it (see `src`): by node too, for the
    /// statements and calls a loop runs again and again.
    starts: std::cell::RefCell<NodeMap<(usize, usize)>>,
    texts: std::cell::RefCell<NodeMap<Rc<str>>>,
    /// Types as read where they are written (see `hint_raw`), and whether
    /// the reading under way depended on where it was read.
    hints: std::cell::RefCell<NodeMap<Hint>>,
    plains: std::cell::RefCell<NodeMap<Ty>>,
    contextual: std::cell::Cell<bool>,
    /// The trees parsed from macro bodies (`vec![…]`), by where the macro
    /// is in the source: parsed once, and kept so that their nodes'
    /// addresses stay theirs.
    macro_trees: Vec<(SourceKey, Rc<Expr>)>,
    /// The arguments parsed from `println!`, `format!` and `assert!` (and
    /// an `assert!`'s message), by where the macro is, likewise.
    macro_args: Vec<(SourceKey, Rc<Punctuated<Expr, syn::Token![,]>>)>,
    /// The paths a format string names inline (`{x}`), by name, likewise.
    captured_paths: Vec<(String, Rc<Expr>)>,
    /// Each closure's code, copied once, by where the closure is in the
    /// source. With it, the names its body uses from outside (its
    /// captures).
    closure_code: Vec<(SourceKey, Rc<syn::ExprClosure>, Rc<Vec<String>>)>,
    /// The closures that stand for functions named as values, by name.
    fn_closures: Vec<(String, Rc<syn::ExprClosure>)>,
    /// What each `collect()`, `sum()`, `product()` or `partition()` being
    /// evaluated is wanted to build (its turbofish's or its `let`'s type),
    /// innermost last: one is pushed before the call's receiver runs, and
    /// taken by the consumer once the receiver has given its iterator, so
    /// a `collect` in the receiver (`….collect::<Vec<_>>().into_iter()`)
    /// has its own and leaves the outer one's alone.
    collect_hints: Vec<Option<Hint>>,
    /// The type the next `parse()` without a turbofish makes, from its
    /// context (`let n: u32 = s.parse().unwrap();`).
    parse_hint: Option<Ty>,
    /// The hint for one expression, by its address, set before it runs:
    /// the `vec![1, 2]` under `let v: Vec<u64> = vec![1, 2].into_iter()
    /// .collect();` is a `Vec<u64>`, as rustc infers it backwards.
    source_hint: Option<(usize, Hint)>,
    /// While a `collect()` into a `Vec<T>` runs: the closure of its last
    /// `map` or `filter_map`, whose `parse()` then makes a `T` (rustc
    /// infers it from the `collect`).
    closure_yields: Option<(usize, Ty)>,
    /// The running function returns `Result<_, String>` (see `?`).
    string_errors: bool,
    /// Temporaries made so far (each gets its own name).
    temp_count: u64,
}

/// A spawned thread: the closure's statements, how far it has run, and its
/// own bindings.
struct Thread {
    id: ThreadId,
    stmts: Rc<Vec<Stmt>>,
    next: usize,
    scopes: Vec<Vec<Binding>>,
    done: bool,
    /// What the closure returned: its tail expression's value, for `join`.
    result: Value,
    /// The blocks `spawn` allocated for the thread, while they live.
    blocks: SpawnBlocks,
    /// Whether its `JoinHandle` still exists (not joined, not dropped).
    handle: bool,
}

/// The three blocks `thread::spawn` allocates (see [`super::runtime`]):
/// each is `None` once freed, or when the runtime's calls are not modelled.
#[derive(Clone, Default)]
struct SpawnBlocks {
    packet: Option<(Addr, LayoutSpec)>,
    main: Option<(Addr, LayoutSpec)>,
    start: Option<(Addr, LayoutSpec)>,
}

/// A syntax node's key in the maps that remember facts about nodes: its
/// address and its type (a node and the first node inside it can share an
/// address).
type NodeKey = (usize, std::any::TypeId);

/// Facts remembered per syntax node, hashed fast (the keys are addresses,
/// not input an adversary chooses).
type NodeMap<V> = HashMap<NodeKey, V, foldhash::fast::FixedState>;

fn node_key<N: 'static>(node: &N) -> NodeKey {
    (
        std::ptr::from_ref(node).cast::<u8>() as usize,
        std::any::TypeId::of::<N>(),
    )
}

fn at(span: Span) -> (usize, usize) {
    let start = span.start();
    (start.line, start.column + 1)
}

fn err<T>(span: Span, message: impl Into<String>) -> R<T> {
    Err(error_at(span, message.into()))
}

/// rustc's `overflowing_literals`, an error: a literal its type `t`
/// cannot hold.
fn out_of_range(span: Span, t: IntTy) -> Box<Halt> {
    error_at(span, out_of_range_words(t))
}

/// rustc's words for a literal its type `t` cannot hold.
fn out_of_range_words(t: IntTy) -> String {
    format!("literal out of range for `{}`", Ty::Int(t))
}

/// rustc's words for a negated literal whose type `t` has no `Neg`
/// (E0277): `x + -1` of a `u8`.
fn no_neg(t: IntTy) -> String {
    format!("the trait bound `{}: Neg` is not satisfied", Ty::Int(t))
}

/// "s" after a count that is not one.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// rustc's E0057/E0061 for a call with the wrong number of arguments, of
/// a `what` ("function", "method", "enum variant", "struct").
fn arity_mismatch(what: &str, takes: usize, given: usize) -> String {
    let were = if given == 1 { "was" } else { "were" };
    format!(
        "this {what} takes {takes} argument{} but {given} argument{} {were} supplied",
        plural(takes),
        plural(given)
    )
}

/// The error at `span`: one copy, however many types `err` returns
/// (errors are the rare path; this keeps the bundle small).
#[cold]
#[inline(never)]
fn error_at(span: Span, message: String) -> Box<Halt> {
    let (line, column) = at(span);
    Box::new(Halt::Error(ScenarioError {
        line,
        column,
        message,
    }))
}

/// The trait of a `Box<dyn Trait>` type (`Box<dyn Fn(i32) -> i32>`
/// gives `Fn(i32) -> i32`'s name, `Fn`).
fn dyn_box_trait(ty: &Type) -> Option<String> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Box" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(Type::TraitObject(t))) = a.args.first() else {
        return None;
    };
    t.bounds.iter().find_map(|b| match b {
        syn::TypeParamBound::Trait(t) => t.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    })
}

/// Where a node is in the source (its first token's line and column), and
/// which of its parts: the same for every copy of the node.
type SourceKey = (usize, usize, u8);

fn source_key(span: Span, part: u8) -> SourceKey {
    let start = span.start();
    (start.line, start.column, part)
}

fn unsupported<T>(node: &impl Spanned, what: &str) -> R<T> {
    unsupported_span(node.span(), what)
}

impl<'a> Interp<'a> {
    /// An interpreter about to run on `sim`, its calls going through
    /// `recording`.
    fn new(
        sim: &'a mut Simulation,
        target: Target,
        recording: Recording,
        max_steps: u64,
    ) -> Interp<'a> {
        Interp {
            sim,
            target,
            structs: Names::new(),
            enums: Names::new(),
            imported: Names::new(),
            derived_ord: Names::new(),
            scopes: Vec::new(),
            owners: Vec::new(),
            shared: Vec::new(),
            guards: Vec::new(),
            deref_receiver: None,
            pointers: false,
            heap_ordered: ByOwner::default(),
            let_elem: None,
            maps: Vec::new(),
            deques: Vec::new(),
            statics: statics::Statics::default(),
            random_states: Vec::new(),
            std_ordering: None,
            own_eq_types: Default::default(),
            operator_impls: Default::default(),
            iterator_types: Default::default(),
            shunt_stop: None,
            vec_arena: litemap::LiteMap::new(),
            recording,
            output: Vec::new(),
            leaks: Vec::new(),
            steps: 0,
            max_steps,
            here: (1, 1),
            thread: ThreadId::MAIN,
            threads: Vec::new(),
            in_thread: false,
            depth: 0,
            stdout_ready: false,
            stdout_open: false,
            implicit: false,
            fns: Names::new(),
            methods: Names::new(),
            assoc_consts: Names::new(),
            self_ty: None,
            tail_hint: None,
            global_alloc: None,
            global_alloc_types: Names::new(),
            in_allocator: None,
            alloc_site: None,
            display_fns: Names::new(),
            fmt_traits: display::FmtTraits::default(),
            fmt_impl: None,
            derived_debug: Names::new(),
            debug_fns: Names::new(),
            formatters: display::Formatters::default(),
            drop_types: Names::new(),
            drop_fns: Names::new(),
            templates: Names::new(),
            instances: std::cell::RefCell::new(HashMap::new()),
            instance_depth: std::cell::Cell::new(0),
            ty_env: Vec::new(),
            self_args: Vec::new(),
            assoc_args: None,
            fn_turbofish: None,
            fn_consts: None,
            globals: Names::new(),
            float_modules: Vec::new(),
            std_imports: Vec::new(),
            static_items: Vec::new(),
            heap_array: None,
            static_init: false,
            declares_global_alloc: false,
            own_heap: true,
            heap_array_len: None,
            call_memory: memory::CallMemory::default(),
            allocator_steps: None,
            mem_tys: std::cell::RefCell::new(Vec::new()),
            op_block: None,
            frame: 0,
            call_depth: 0,
            temps: Vec::new(),
            tail_temps: false,
            contents: ByOwner::default(),
            remainders: ByOwner::default(),
            homes: Vec::new(),
            defaulted: Vec::new(),
            pending: Names::new(),
            temp_count: 0,
            spans: Default::default(),
            starts: Default::default(),
            texts: Default::default(),
            hints: Default::default(),
            plains: Default::default(),
            contextual: Default::default(),
            macro_trees: Vec::new(),
            macro_args: Vec::new(),
            captured_paths: Vec::new(),
            closure_code: Vec::new(),
            fn_closures: Vec::new(),
            collect_hints: Vec::new(),
            parse_hint: None,
            source_hint: None,
            closure_yields: None,
            string_errors: false,
        }
    }
}

pub(super) fn run(source: &str, sim: &mut Simulation, limits: Limits, seekable: bool) -> Run {
    let target = sim.heap().target();
    let recording = Recording::start(sim, seekable).stop_after(limits.stop_after_calls);
    let mut interp = Interp::new(sim, target, recording, limits.max_steps);
    interp.own_heap = limits.own_heap;
    interp.heap_array_len = limits.heap_array_len;
    let result = interp.program(source);
    interp.finish(result)
}

/// See [`super::replay_with_allocator`].
pub(super) fn replay(
    source: &str,
    list: &crate::ops::OpList,
    sim: &mut Simulation,
    limits: Limits,
    seekable: bool,
) -> Result<super::AllocatorReplay, crate::ops::OpsError> {
    let target = sim.heap().target();
    let mut recording = Recording::start(sim, seekable).stop_after(limits.stop_after_calls);
    recording.reserve(list.ops.len());
    let mut interp = Interp::new(sim, target, recording, limits.max_steps);
    interp.heap_array_len = limits.heap_array_len;
    let result = interp.replay_ops(source, list);
    let (result, steps) = match result {
        Ok(Err(e)) => {
            proc_macro2::extra::invalidate_current_thread_spans();
            return Err(e);
        }
        Ok(Ok(steps)) => (Ok(()), steps),
        Err(h) => (Err(h), interp.steps),
    };
    let run = interp.finish(result);
    Ok(super::AllocatorReplay { run, steps })
}

impl Interp<'_> {
    /// The run, ended by `result`.
    fn finish(self, result: R<()>) -> Run {
        let mut interp = self;
        let outcome = match result.map_err(|h| *h) {
            Ok(()) => Outcome::Ok,
            Err(Halt::Stop) => Outcome::Stopped,
            Err(Halt::Abort(message, (line, column))) => Outcome::Abort {
                message,
                line,
                column,
            },
            Err(Halt::Error(e)) => Outcome::Error(e),
            Err(Halt::TryReserve(_)) => Outcome::Error(ScenarioError {
                line: interp.here.0,
                column: interp.here.1,
                message: "a TryReserveError escaped".into(),
            }),
            // `return` from `main` ends it normally; the others cannot leave
            // a function (rustc refuses them before the program runs).
            Err(Halt::Return(_)) => Outcome::Ok,
            Err(Halt::Break(..) | Halt::Continue(_)) => Outcome::Error(ScenarioError {
                line: interp.here.0,
                column: interp.here.1,
                message: "`break` or `continue` outside of a loop".into(),
            }),
        };
        // proc-macro2 keeps every parsed source for the thread's life; forget it.
        proc_macro2::extra::invalidate_current_thread_spans();
        let open = interp.stdout_open;
        let statics = interp.static_infos();
        let output = std::mem::take(&mut interp.output);
        let leaks = std::mem::take(&mut interp.leaks);
        let mut run = interp.recording.finish(interp.sim, outcome, output, leaks);
        run.output_open = open;
        run.statics = statics;
        run
    }
}

/// See [`super::heap_array`].
pub(super) fn heap_array(source: &str) -> Option<super::HeapArray> {
    let config = crate::heap::HeapConfig::new(crate::heap::MIN_HEAP_SIZE);
    let mut sim = Simulation::new(config, crate::strategy::StrategyKind::Bump).ok()?;
    let recording = Recording::start(&mut sim, false);
    let target = sim.heap().target();
    let mut interp = Interp::new(&mut sim, target, recording, Limits::default().max_steps);
    let found = (|| -> R<Option<super::HeapArray>> {
        interp.read_program(source)?;
        Ok(interp.heap_array.as_ref().map(|a| super::HeapArray {
            holder: interp.static_items[a.static_index].name.clone(),
            addr: a.addr,
            len: a.len,
        }))
    })();
    proc_macro2::extra::invalidate_current_thread_spans();
    found.ok().flatten()
}

/// The struct definitions of `source` (nothing else may appear), each laid
/// out on `target` as the scenario interpreter lays it out.
pub(super) fn struct_layouts(
    source: &str,
    target: Target,
) -> Result<Vec<super::StructLayout>, ScenarioError> {
    let config = crate::heap::HeapConfig::new(crate::heap::MIN_HEAP_SIZE).on(target);
    let mut sim = Simulation::new(config, crate::strategy::StrategyKind::Bump).map_err(|e| {
        ScenarioError {
            line: 1,
            column: 1,
            message: e.to_string(),
        }
    })?;
    let recording = Recording::start(&mut sim, false);
    let mut interp = Interp::new(&mut sim, target, recording, Limits::default().max_steps);
    let result = interp.layouts(source);
    proc_macro2::extra::invalidate_current_thread_spans();
    match result.map_err(|h| *h) {
        Ok(layouts) => Ok(layouts),
        Err(Halt::Error(e)) => Err(e),
        Err(_) => Err(ScenarioError {
            line: 1,
            column: 1,
            message: "a layout block holds struct definitions only".into(),
        }),
    }
}

impl Interp<'_> {
    fn layouts(&mut self, source: &str) -> R<Vec<super::StructLayout>> {
        nesting::check(source).map_err(|e| Box::new(Halt::Error(e)))?;
        let file = syn::parse_file(source)
            .or_else(|e| err(e.span(), format!("does not parse as Rust: {e}")))?;
        let mut order = Vec::new();
        for item in &file.items {
            match item {
                syn::Item::Struct(s) => {
                    self.define_struct(s)?;
                    order.push(s.ident.to_string());
                }
                other => {
                    return unsupported(other, "anything but struct definitions in a layout block")
                }
            }
        }
        Ok(order
            .iter()
            .filter_map(|name| self.structs.get(name))
            .map(|def| {
                let ty = Ty::Struct(def.clone());
                let offsets = ty.field_offsets(self.target);
                let fields = def
                    .fields
                    .iter()
                    .zip(offsets.iter().copied())
                    .map(|((name, fty), offset)| super::FieldLayout {
                        name: name.clone(),
                        ty: fty.to_string(),
                        offset,
                        size: fty.layout(self.target).size,
                    })
                    .collect();
                super::StructLayout {
                    name: def.name.clone(),
                    repr_c: def.repr_c,
                    layout: ty.layout(self.target),
                    fields,
                }
            })
            .collect())
    }

    /// Reads `source`'s items and lays out its statics (its heap array
    /// found, if its allocator has one): everything before code runs.
    fn read_program(&mut self, source: &str) -> R<()> {
        nesting::check(source).map_err(|e| Box::new(Halt::Error(e)))?;
        let file = syn::parse_file(source)
            .or_else(|e| err(e.span(), format!("does not parse as Rust: {e}")))?;
        // Names are resolved before anything else is checked, as rustc
        // resolves them.
        if let Some(refusal) = static_pass::check(&file) {
            return err(refusal.span, refusal.message);
        }
        self.items(&file.items)?;
        self.lay_out_statics()?;
        // `file` goes now, and what was remembered by its nodes' addresses
        // with it (the items kept are copies); types read while the items
        // were being defined may also read otherwise now that all are.
        self.spans.borrow_mut().clear();
        self.starts.borrow_mut().clear();
        self.texts.borrow_mut().clear();
        self.hints.borrow_mut().clear();
        self.plains.borrow_mut().clear();
        Ok(())
    }

    fn program(&mut self, source: &str) -> R<()> {
        self.read_program(source)?;
        self.enter_heap_array()?;
        let main = self.fns.get("main").cloned();
        if let Some(f) = &main {
            if !f.sig.inputs.is_empty() || !matches!(f.sig.output, syn::ReturnType::Default) {
                return unsupported(&f.sig, "a `main` with parameters or a return type");
            }
        }
        let Some(main) = main else {
            return err(Span::call_site(), "a scenario needs `fn main() { … }`");
        };
        if super::runtime::modelled_on(self.target) {
            self.here = at(main.sig.ident.span());
            for (layout, reason) in super::runtime::BEFORE_MAIN {
                self.implicitly(|me| me.alloc_infallible(layout, false, reason))?;
            }
        }
        match self.block(&main.block) {
            Err(h) if matches!(*h, Halt::Return(_)) => {}
            other => {
                other?;
            }
        }
        // When main returns, the process exits: threads still running stop
        // where they are, and nothing of theirs is dropped.
        for t in self.threads.iter().filter(|t| !t.done) {
            self.leaks.push(format!(
                "thread {} was still running when main returned",
                t.id.0
            ));
        }
        Ok(())
    }

    fn define_struct(&mut self, s: &syn::ItemStruct) -> R<()> {
        self.note_derives(&s.ident, &s.attrs);
        let def = Rc::new(self.struct_def(s)?);
        if Ty::Struct(def.clone())
            .checked_layout(self.target)
            .is_none()
        {
            return err(
                s.ident.span(),
                format!(
                    "values of the type `{}` are too big for the target architecture",
                    s.ident
                ),
            );
        }
        self.structs.insert(def.name.clone(), def);
        Ok(())
    }

    /// A struct's definition as written, its fields' types read with the
    /// type parameters in scope.
    fn struct_def(&self, s: &syn::ItemStruct) -> R<StructDef> {
        let mut repr_c = false;
        let mut align = None;
        for attr in &s.attrs {
            if attr.path().is_ident("repr") {
                let parsed = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("C") {
                        repr_c = true;
                    } else if meta.path.is_ident("align") {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let n: syn::LitInt = content.parse()?;
                        align = Some(n.base10_parse::<u64>()?);
                    } else {
                        return Err(meta.error("scenarios support repr(C) and repr(align(N))"));
                    }
                    Ok(())
                });
                if let Err(e) = parsed {
                    return err(e.span(), e.to_string());
                }
            }
        }
        if align.is_some_and(|a: u64| !a.is_power_of_two()) {
            return err(s.span(), "repr(align(N)) needs a power of two");
        }
        if align.is_some_and(|a| a > 1 << 29) {
            return err(
                s.span(),
                "invalid `repr(align)` attribute: larger than 2^29",
            );
        }
        let mut fields = Vec::new();
        for (i, field) in s.fields.iter().enumerate() {
            let name = field
                .ident
                .as_ref()
                .map_or(i.to_string(), ToString::to_string);
            fields.push((name, self.plain(&field.ty)?));
        }
        Ok(StructDef {
            name: s.ident.to_string(),
            fields,
            repr_c,
            align,
            unit: matches!(s.fields, syn::Fields::Unit),
            variant: None,
            args: Vec::new(),
            drops: self.drop_types.contains_key(&s.ident.to_string()),
            layouts: Default::default(),
        })
    }

    /// The value of the program's integer const `name`, if it has one.
    fn const_u64(&self, name: &str) -> Option<u64> {
        if let Some((v, _)) = self.const_param(name) {
            return u64::try_from(v).ok();
        }
        match self.globals.get(name) {
            Some(Value::Int(v, _)) => u64::try_from(*v).ok(),
            _ => None,
        }
    }

    /// Reads a type written in the source, for what it says of the value
    /// to be made (a type parameter not known here says nothing).
    fn hint(&self, ty: &Type) -> R<Hint> {
        self.hint_raw(ty).map(Hint::known)
    }

    /// Reads a type written in the source, type parameters not known here
    /// kept as such ([`Ty::Param`]). A type that reads the same wherever it
    /// is read (no type parameter, no `Self`, every name defined) is read
    /// once: a loop that casts to `*mut Node` asks at every turn.
    fn hint_raw(&self, ty: &Type) -> R<Hint> {
        self.read_once(&self.hints, ty, || self.read_hint(ty))
    }

    /// What `read` reads from a type written in the source, remembered by
    /// the type's node unless the reading depended on where it was read (a
    /// type parameter, `Self`). What is remembered while the items are
    /// being defined is forgotten when all are (see `read_program`).
    fn read_once<V: Clone>(
        &self,
        known: &std::cell::RefCell<NodeMap<V>>,
        ty: &Type,
        read: impl FnOnce() -> R<V>,
    ) -> R<V> {
        let key = node_key(ty);
        if let Some(value) = known.borrow().get(&key) {
            return Ok(value.clone());
        }
        let outer = self.contextual.replace(false);
        let value = read();
        let contextual = self.contextual.get();
        self.contextual.set(outer || contextual);
        if let (Ok(value), false) = (&value, contextual) {
            known.borrow_mut().insert(key, value.clone());
        }
        value
    }

    /// [`Self::hint_raw`]'s reading, each time.
    fn read_hint(&self, ty: &Type) -> R<Hint> {
        Ok(match ty {
            Type::Tuple(t) => {
                let mut items = Vec::new();
                for elem in &t.elems {
                    items.push(self.plain(elem)?);
                }
                let tuple = Ty::Tuple(items);
                if tuple.checked_layout(self.target).is_none() {
                    return err(
                        ty.span(),
                        format!(
                            "values of the type `{tuple}` are too big for the target architecture"
                        ),
                    );
                }
                Hint::Plain(tuple)
            }
            Type::Array(a) => {
                // `[T; N]` with `N` a const parameter not known here.
                if let Expr::Path(p) = &a.len {
                    if let Some(n) = p.path.get_ident().map(ToString::to_string) {
                        if let Some(Ty::Param(_)) = self.type_param(&n) {
                            self.contextual.set(true);
                            let elem = Box::new(self.plain(&a.elem)?);
                            return Ok(Hint::Plain(Ty::ArrayOf(elem, n)));
                        }
                    }
                }
                let n = const_len(&a.len, &|name| self.const_u64(name))?;
                let array = Ty::Array(Box::new(self.plain(&a.elem)?), n);
                if array.checked_layout(self.target).is_none() {
                    return err(
                        ty.span(),
                        format!(
                            "values of the type `{array}` are too big for the target architecture"
                        ),
                    );
                }
                Hint::Plain(array)
            }
            Type::Path(p) => {
                let Some(last) = p.path.segments.last() else {
                    return unsupported(ty, "this type");
                };
                let name = last.ident.to_string();
                // A type parameter in scope, and the program's generic types.
                if p.qself.is_none() && p.path.segments.len() == 1 {
                    if let Some(t) = self.type_param(&name) {
                        self.contextual.set(true);
                        return Ok(Hint::of_raw(t));
                    }
                }
                if self.templates.contains_key(&name) {
                    self.check_generic_args(&name, &last.arguments)?;
                    let args = self.written_args(&last.arguments)?;
                    if let Some(t) = self.generic_named(&name, args, ty.span())? {
                        return Ok(Hint::Plain(t));
                    }
                }
                let arg = match &last.arguments {
                    syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                        syn::GenericArgument::Type(t) => Some(t),
                        _ => None,
                    }),
                    _ => None,
                };
                // `Vec<_>`: the element type is what the values give.
                let arg = arg.filter(|t| !matches!(t, Type::Infer(_)));
                match (name.as_str(), arg) {
                    ("Vec", Some(t)) => Hint::Vec(Some(self.plain(t)?)),
                    ("Vec", None) => Hint::Vec(None),
                    ("String", _) => Hint::String,
                    ("VecDeque", Some(t)) => Hint::Deque(Some(self.plain(t)?)),
                    ("VecDeque", None) => Hint::Deque(None),
                    ("BinaryHeap", Some(t)) => Hint::Heap(Some(self.plain(t)?)),
                    ("BinaryHeap", None) => Hint::Heap(None),
                    // `Box<dyn Trait>`: the box holds whichever type it is given.
                    ("Box", Some(Type::TraitObject(_))) => Hint::Other,
                    // `Box<[T]>` and `Box<str>`: a `Vec`'s or a `String`'s
                    // buffer shrunk to its length, held the same way here.
                    ("Box", Some(Type::Slice(e))) => Hint::Vec(Some(self.plain(&e.elem)?)),
                    ("Box", Some(Type::Path(t))) if t.path.is_ident("str") => Hint::String,
                    ("Box", Some(t)) => Hint::Box(self.plain(t)?),
                    ("Rc" | "Arc", Some(Type::Slice(e))) => Hint::Rc(
                        Ty::Slice(Box::new(self.plain(&e.elem)?), false),
                        name == "Arc",
                    ),
                    ("Rc" | "Arc", Some(Type::Path(t))) if t.path.is_ident("str") => {
                        Hint::Rc(Ty::Slice(Box::new(u8_ty()), true), name == "Arc")
                    }
                    ("Rc" | "Arc", Some(t)) => Hint::Rc(self.plain(t)?, name == "Arc"),
                    ("Weak" | "Ref" | "RefMut", _) => Hint::Other,
                    ("Reverse", Some(t)) if !self.structs.contains_key("Reverse") => {
                        Hint::Plain(Ty::Struct(ordering::std_reverse(self.plain(t)?)))
                    }
                    (n, None) if atomics::atomic_value(n).is_some() => {
                        match atomics::atomic_value(n) {
                            Some(value) => Hint::Plain(Ty::Struct(atomics::atomic_def(n, value))),
                            None => Hint::Other,
                        }
                    }
                    ("UnsafeCell", Some(t)) if !self.structs.contains_key("UnsafeCell") => {
                        Hint::Plain(memory::unsafe_cell_ty(self.plain(t)?))
                    }
                    // `MaybeUninit<T>` is laid out as `T`; here its bytes
                    // start as zeros.
                    ("MaybeUninit", Some(t)) if !self.structs.contains_key("MaybeUninit") => {
                        Hint::Plain(self.plain(t)?)
                    }
                    ("NonNull", Some(t)) if !self.structs.contains_key("NonNull") => {
                        Hint::Plain(Ty::RawPtr(Box::new(self.plain(t)?), true))
                    }
                    ("RefCell" | "Cell", Some(t)) => {
                        Hint::Plain(shared::cell_ty(name == "RefCell", self.plain(t)?))
                    }
                    ("HashMap" | "HashSet" | "BTreeMap" | "BTreeSet", _) => {
                        let args: Vec<&Type> = match &last.arguments {
                            syn::PathArguments::AngleBracketed(a) => a
                                .args
                                .iter()
                                .filter_map(|g| match g {
                                    syn::GenericArgument::Type(t) => Some(t),
                                    _ => None,
                                })
                                .collect(),
                            _ => Vec::new(),
                        };
                        let set = name.ends_with("Set");
                        let kind = if name.starts_with("BTree") {
                            MapKind::BTree
                        } else {
                            MapKind::Hash
                        };
                        match args.as_slice() {
                            [Type::Infer(_), ..] | [] | [_, Type::Infer(_)] => {
                                Hint::Map(kind, set, None)
                            }
                            [k] if set => Hint::Map(
                                kind,
                                set,
                                Some(Ty::Map(kind, Box::new(self.plain(k)?), None)),
                            ),
                            [k, v] if !set => Hint::Map(
                                kind,
                                set,
                                Some(Ty::Map(
                                    kind,
                                    Box::new(self.plain(k)?),
                                    Some(Box::new(self.plain(v)?)),
                                )),
                            ),
                            _ => return unsupported(ty, "a hasher other than std's `RandomState`"),
                        }
                    }
                    ("bool", _) => Hint::Plain(Ty::Bool),
                    ("char", _) => Hint::Plain(Ty::Char),
                    ("f32", _) => Hint::Plain(Ty::Float(false)),
                    ("f64", _) => Hint::Plain(Ty::Float(true)),
                    // `Result<Vec<T>, E>`, `Option<String>`: what a
                    // `collect` can make; any other is plain data.
                    ("Result" | "Option", Some(t)) => {
                        // `Result<i32, Vec<u8>>`: what `Err(vec![1, 2])` holds.
                        let error = match &last.arguments {
                            syn::PathArguments::AngleBracketed(a) if name == "Result" => a
                                .args
                                .iter()
                                .filter_map(|g| match g {
                                    syn::GenericArgument::Type(t) => Some(t),
                                    _ => None,
                                })
                                .nth(1)
                                .and_then(|e| self.hint(e).ok())
                                .filter(|h| h.owner_name().is_some())
                                .map(Box::new),
                            _ => None,
                        };
                        match self.hint_raw(t).ok().filter(|h| h.owner_name().is_some()) {
                            Some(inner) => Hint::Try(name == "Result", Box::new(inner), error),
                            // `Option<(String, Vec<u8>)>`: typed as data.
                            None if name == "Option" => match self.plain(ty) {
                                Ok(t @ Ty::Option(_)) => Hint::Plain(t),
                                _ => Hint::Other,
                            },
                            // `Result<(String, Vec<u8>), E>`, `Result<u16, E>`:
                            // what `Ok(…)` (or `try_into()`) holds typed by it.
                            None => match self.plain(t) {
                                Ok(
                                    t @ (Ty::Tuple(_)
                                    | Ty::Option(_)
                                    | Ty::Int(_)
                                    | Ty::Float(_)
                                    | Ty::Char
                                    | Ty::Bool),
                                ) => Hint::Try(true, Box::new(Hint::Plain(t)), error),
                                _ => Hint::Other,
                            },
                        }
                    }
                    ("Layout" | "Result" | "Option" | "str", _) => Hint::Other,
                    // A `&mut fmt::Formatter` handed to a helper of `fmt`.
                    ("Formatter", _) if !self.structs.contains_key("Formatter") => Hint::Other,
                    ("Self", _) => {
                        // What `Self` is depends on the `impl` read in.
                        self.contextual.set(true);
                        match self.self_ty.as_ref().and_then(|t| self.structs.get(t)) {
                            Some(def) => Hint::Plain(Ty::Struct(def.clone())),
                            None => match (self.enum_named("Self"), self.generic_self()) {
                                (Some(def), _) => Hint::Plain(Ty::Enum(def)),
                                (None, Some(t)) => Hint::Plain(t),
                                (None, None) => {
                                    return unsupported(ty, "`Self` outside an `impl` of a struct")
                                }
                            },
                        }
                    }
                    (n, _) => match IntTy::from_name(n) {
                        Some(i) => Hint::Plain(Ty::Int(i)),
                        None => match (self.structs.get(n), self.pending.get(n)) {
                            (Some(def), _) => Hint::Plain(Ty::Struct(def.clone())),
                            (None, _) if self.enums.contains_key(n) => Hint::Plain(Ty::Enum(
                                self.enums.get(n).cloned().expect("checked above"),
                            )),
                            // Defined below, or the struct being defined.
                            (None, Some(named)) => Hint::Plain(Ty::Named(named.clone())),
                            (None, None) => return unsupported(ty, &format!("the type `{n}`")),
                        },
                    },
                }
            }
            Type::Ptr(p) => Hint::Plain(Ty::RawPtr(Box::new(self.plain(&p.elem)?), false)),
            Type::Infer(_) | Type::TraitObject(_) | Type::Slice(_) => Hint::Other,
            // `let r: &Vec<u32> = &v;`: what the reference refers to.
            Type::Reference(r) => match self.hint_raw(&r.elem)? {
                Hint::Plain(_) => Hint::Other,
                other => other,
            },
            Type::Paren(p) => self.hint_raw(&p.elem)?,
            other => return unsupported(other, "this type"),
        })
    }

    /// The type a value of `ty` has: plain data, or a heap owner (`Vec<T>`,
    /// `String`, `Box<T>`, `Option<T>` of any of these) to be held inside
    /// another value.
    fn plain(&self, ty: &Type) -> R<Ty> {
        self.read_once(&self.plains, ty, || self.read_plain(ty))
    }

    /// [`Self::plain`]'s reading, each time.
    fn read_plain(&self, ty: &Type) -> R<Ty> {
        if let Some(name) = dyn_box_trait(ty) {
            return Ok(Ty::DynBox(name));
        }
        if let Type::Reference(r) = ty {
            if matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")) {
                return Ok(Ty::Str);
            }
            // `Vec<&String>`: each element a pointer to what it lends.
            if !matches!(&*r.elem, Type::Slice(_) | Type::TraitObject(_)) {
                return Ok(Ty::Ref(Box::new(self.plain(&r.elem)?)));
            }
        }
        if let Type::Path(p) = ty {
            if let Some(last) = p.path.segments.last() {
                let arg = match &last.arguments {
                    syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                        syn::GenericArgument::Type(t) => Some(t),
                        _ => None,
                    }),
                    _ => None,
                };
                if let ("Option", Some(t)) = (last.ident.to_string().as_str(), arg) {
                    return Ok(Ty::Option(Box::new(self.plain(t)?)));
                }
                if let ("Weak", Some(t)) = (last.ident.to_string().as_str(), arg) {
                    return Ok(Ty::Weak(Box::new(self.plain(t)?)));
                }
                // `Box<[T]>` and `Box<str>` held in a value: two words.
                if let ("Box", Some(Type::Slice(_))) = (last.ident.to_string().as_str(), arg) {
                    return Ok(Ty::Boxed(Box::new(self.plain_of(ty)?)));
                }
                if let ("Box", Some(Type::Path(s))) = (last.ident.to_string().as_str(), arg) {
                    if s.path.is_ident("str") {
                        return Ok(Ty::Boxed(Box::new(Ty::String)));
                    }
                }
            }
        }
        self.plain_of(ty)
    }

    /// [`Interp::plain`] of what [`Interp::hint_raw`] says of `ty`.
    fn plain_of(&self, ty: &Type) -> R<Ty> {
        match self.hint_raw(ty)? {
            Hint::Plain(t) => Ok(t),
            // A `BinaryHeap` is its `Vec`, kept in heap order.
            Hint::Vec(Some(t)) | Hint::Heap(Some(t)) => Ok(Ty::Vec(Box::new(t))),
            Hint::String => Ok(Ty::String),
            Hint::Box(t) => Ok(Ty::Box(Box::new(t))),
            Hint::Rc(t, _) => Ok(Ty::Rc(Box::new(t))),
            Hint::Map(_, _, Some(t)) => Ok(t),
            Hint::Map(kind, set, None) => unsupported(
                ty,
                &format!("a `{}` without its types here", kind.name(set)),
            ),
            Hint::Deque(Some(t)) => Ok(Ty::Deque(Box::new(t))),
            Hint::Vec(None) | Hint::Heap(None) => {
                unsupported(ty, "a `Vec` without its element type here")
            }
            Hint::Deque(None) => unsupported(ty, "a `VecDeque` without its element type here"),
            Hint::Try(..) | Hint::Other => unsupported(ty, "this type inside another value"),
        }
    }

    // ----- bindings -----

    fn bind(&mut self, name: String, value: Value) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(Binding {
                name,
                value,
                moved: None,
                alias: false,
            });
        }
    }

    /// The binding `name` in the running function's scopes, innermost first.
    fn lookup(&self, name: &str) -> Option<(usize, usize)> {
        self.lookup_by(|b| b == name)
    }

    /// The binding the innermost scope of this frame has whose name `is`.
    fn lookup_by(&self, is: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
        for (s, scope) in self.scopes.iter().enumerate().skip(self.frame).rev() {
            if let Some(b) = scope.iter().rposition(|b| is(&b.name)) {
                // A closure's capture by reference names the captured binding.
                if let Binding {
                    alias: true,
                    value:
                        Value::Ref(Place {
                            root: value::Root::Binding { scope, slot },
                            ..
                        }),
                    ..
                } = &scope[b]
                {
                    return Some((*scope, *slot));
                }
                return Some((s, b));
            }
        }
        None
    }

    fn binding(&self, path: &syn::ExprPath) -> R<(usize, usize)> {
        // Compared as the identifier it is: no name is spelled out for a
        // lookup that finds its binding.
        let found = match path.path.get_ident() {
            Some(ident) => self.lookup_by(|name| ident == name),
            None => None,
        };
        let name = || {
            path.path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default()
        };
        let Some(found) = found else {
            let name = name();
            if let Some((_, from)) = self.std_imports.iter().find(|(n, _)| *n == name) {
                return unsupported(path, &format!("`{from}`, brought in by a `use`"));
            }
            return err(
                path.span(),
                format!("cannot find value `{name}` in this scope"),
            );
        };
        if let Some((line, column)) = self.scopes[found.0][found.1].moved {
            return err(
                path.span(),
                format!(
                    "use of moved value: `{}` (moved at {line}:{column})",
                    name()
                ),
            );
        }
        Ok(found)
    }

    /// The value of a binding, moving it out if it owns heap memory
    /// (anywhere inside it); or of a const or static.
    fn take(&mut self, path: &syn::ExprPath) -> R<Value> {
        if let Some(ident) = path.path.get_ident() {
            let name = ident.to_string();
            if self.lookup(&name).is_none() {
                if let Some(value) = self.named_value(&name) {
                    return Ok(value);
                }
                if self.fns.contains_key(&name) {
                    return self.fn_value(&name, path.span());
                }
                if let Some((arity, method)) = self.path_fn(&path.path) {
                    return self.path_closure(&name, arity, method, path.span());
                }
                // A const parameter nothing gave a value (`let r =
                // Ring::new();` for `Ring<const N: usize>`).
                if let Some(Ty::Param(_)) = self.type_param(&name) {
                    return err(
                        path.span(),
                        format!("type annotations needed: cannot infer the value of the const parameter `{name}`"),
                    );
                }
            }
        }
        let (s, b) = self.binding(path)?;
        let binding = &mut self.scopes[s][b];
        if owns_heap(&binding.value) {
            binding.moved = Some(at(path.span()));
        }
        Ok(binding.value.clone())
    }

    /// The owner a place expression (`v`, `&v`, `&mut v`) names, without moving it.
    fn owner_of(&mut self, expr: &Expr) -> R<usize> {
        match expr {
            Expr::Reference(r) => self.owner_of(&r.expr),
            Expr::Paren(p) => self.owner_of(&p.expr),
            Expr::Path(p) => {
                let (s, b) = self.binding(p)?;
                match self.deref(self.scopes[s][b].value.clone()) {
                    Value::Owner(id) => Ok(id),
                    _ => err(expr.span(), "this value does not own heap memory"),
                }
            }
            // An element or a field that owns heap memory: `grid[r]` of a
            // `Vec<Vec<u32>>` (so `grid[r][c] = 7` writes the inner vector),
            // `self.items`.
            Expr::Index(_) | Expr::Field(_) => {
                if let Some(place) = self.place_of(expr)? {
                    let place = self.through_refs(place, self.sp(expr))?;
                    if let Some(Value::Owner(id)) =
                        self.at_place(&place).cloned().map(|v| self.deref(v))
                    {
                        return Ok(id);
                    }
                }
                unsupported(
                    expr,
                    "this expression as a heap owner; name it with `let` first",
                )
            }
            other => unsupported(
                other,
                "this expression as a heap owner; name it with `let` first",
            ),
        }
    }

    /// Counts a step (a statement, a loop's turn) of `node`; past the limit,
    /// the run stops there. The node's span is only worked out then: it
    /// walks the node's tokens.
    fn step(&mut self, node: &impl Spanned) -> R<()> {
        // The span is only worked out for the error: it costs a walk of
        // the node's tokens.
        self.step_with(|| node.span())
    }

    /// One more step of the run, at `span`: past the limit, an error.
    fn step_at(&mut self, span: Span) -> R<()> {
        self.step_with(|| span)
    }

    fn step_with(&mut self, span: impl FnOnce() -> Span) -> R<()> {
        self.steps += 1;
        if self
            .allocator_steps
            .as_ref()
            .is_some_and(|(_, start)| self.steps - start > memory::STEPS_PER_ALLOCATOR_CALL)
        {
            return self.too_many_steps(span());
        }
        if self.steps > self.max_steps {
            return err(
                span(),
                format!(
                    "step limit reached ({} steps): is there a loop that never ends?",
                    self.max_steps
                ),
            );
        }
        Ok(())
    }

    // ----- statements -----

    fn block(&mut self, block: &syn::Block) -> R<Value> {
        // What a function's body gives is made as its return type says.
        let tail_hint = self.tail_hint.take();
        self.scopes.push(Vec::new());
        let mut last = Value::unit();
        let mut tail_mark = usize::MAX;
        let result = (|| {
            for (i, stmt) in block.stmts.iter().enumerate() {
                self.let_elem = Self::untyped_vec_let(stmt).and_then(|name| {
                    self.pinned_elem(&name, &block.stmts[i + 1..], tail_hint.as_ref())
                });
                if i + 1 == block.stmts.len() && matches!(stmt, Stmt::Expr(_, None)) {
                    self.tail_hint.clone_from(&tail_hint);
                }
                // The last expression without a `;` (a macro call too) is
                // the block's value.
                let tail = i + 1 == block.stmts.len()
                    && matches!(
                        stmt,
                        Stmt::Expr(_, None)
                            | Stmt::Macro(syn::StmtMacro {
                                semi_token: None,
                                ..
                            })
                    );
                if tail {
                    tail_mark = self.temps.len();
                    self.tail_temps = true;
                }
                let value = self.stmt(stmt)?;
                last = if tail { value } else { Value::unit() };
            }
            Ok(())
        })();
        // Bindings are dropped at the closing brace; in Rust 2021 the
        // temporaries of the block's last expression after them.
        let tail_temps = self.take_tail_temporaries(tail_mark, &result);
        self.here = self.start_of(&block.brace_token, || block.brace_token.span.close());
        self.leave_scope(&result)?;
        for value in tail_temps.iter().rev() {
            self.drop_value(
                value,
                "a temporary of the block's last expression is dropped after the block's bindings (Rust 2021)",
            )?;
        }
        result?;
        Ok(last)
    }

    /// The temporaries a block's last expression made (since `mark`), taken
    /// out of the block's scope to be dropped after its bindings: Rust
    /// 2021's order (Rust 2024 drops them first). After an early exit
    /// they stay, and go with the scope.
    fn take_tail_temporaries<T>(&mut self, mark: usize, result: &R<T>) -> Vec<Value> {
        if mark >= self.temps.len() {
            return Vec::new();
        }
        if result.is_err() {
            // They go with the scope's bindings (`leave_scope`).
            self.temps.truncate(mark);
            return Vec::new();
        }
        let temps = self.temps.split_off(mark);
        temps
            .into_iter()
            .filter_map(|(place, id)| self.take_temporary(&place, id))
            .collect()
    }

    /// Leaves a scope after its code ran with `result`. On a normal exit,
    /// and while a panic unwinds, its bindings are dropped; after an abort
    /// (the process is gone) or a stop (the heap is shown as it is) they
    /// are not.
    fn leave_scope<T>(&mut self, result: &R<T>) -> R<()> {
        let unwinding = matches!(result, Err(h) if matches!(&**h, Halt::Error(e) if e.message.starts_with("panicked")));
        let jump = matches!(result, Err(h) if matches!(**h, Halt::Break(..) | Halt::Continue(_) | Halt::Return(_)));
        match result {
            // A jump leaves the scope as its end does.
            Ok(_) => self.pop_scope(),
            Err(_) if jump => self.pop_scope(),
            Err(_) if unwinding => {
                // Unwinding runs destructors; a failure during it changes nothing.
                let _ = self.pop_scope();
                Ok(())
            }
            Err(_) => {
                self.scopes.pop();
                Ok(())
            }
        }
    }

    /// Drops a scope's bindings, last declared first.
    fn pop_scope(&mut self) -> R<()> {
        let Some(scope) = self.scopes.pop() else {
            return Ok(());
        };
        for binding in scope.into_iter().rev() {
            match (&binding.value, binding.moved) {
                (Value::Thread(i), None) => self.drop_handle(*i)?,
                (value, None) => {
                    let why = if binding.name.starts_with('\u{0}') {
                        "a temporary is dropped at the end of its scope".to_string()
                    } else {
                        format!("`{}` goes out of scope", binding.name)
                    };
                    self.drop_value(value, &why)?
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> R<Value> {
        let value = self.stmt_here(stmt)?;
        // Threads take turns: after each statement of main, every live
        // thread runs one statement of its own.
        if !self.in_thread {
            for i in 0..self.threads.len() {
                self.thread_step(i)?;
            }
        }
        Ok(value)
    }

    fn stmt_here(&mut self, stmt: &Stmt) -> R<Value> {
        let mark = self.temps.len();
        let guards = self.guards.len();
        let tail = std::mem::take(&mut self.tail_temps);
        let result = self.stmt_body(stmt);
        // Temporaries live to the end of their statement, and are dropped
        // there, the last made first; a block's last expression's, after
        // the block's bindings (`block`).
        let dropped = if tail {
            Ok(())
        } else {
            self.drop_statement_temporaries(mark, &result)
        };
        let value = result?;
        dropped?;
        self.release_guards(guards, Some(&value))?;
        Ok(value)
    }

    /// An `if` or `while` condition: its temporaries (a `RefCell`'s
    /// guard) are dropped before the block runs.
    fn condition(&mut self, cond: &Expr) -> R<Value> {
        let guards = self.guards.len();
        let value = self.eval(cond, None)?;
        self.release_guards(guards, None)?;
        Ok(value)
    }

    /// Drops the temporaries made since `mark` that a reference borrowed
    /// (`f(&String::from("x"))`), unless the statement ended in a way that
    /// drops nothing (an abort, a stop).
    fn drop_statement_temporaries<T>(&mut self, mark: usize, result: &R<T>) -> R<()> {
        let temps: Vec<(Place, u64)> = self.temps.drain(mark..).rev().collect();
        if matches!(result, Err(h) if matches!(**h, Halt::Abort(..) | Halt::Stop)) {
            return Ok(());
        }
        for (place, id) in temps {
            if let Some(value) = self.take_temporary(&place, id) {
                self.drop_value(&value, "a temporary is dropped at the end of its statement")?;
            }
        }
        Ok(())
    }

    /// Temporary `id` at `place`, marked gone from its binding (it is
    /// dropped by the caller), if it is still there.
    fn take_temporary(&mut self, place: &Place, id: u64) -> Option<Value> {
        let name = format!("\u{0}temporary {id}");
        let (scope, slot) = place.binding_root()?;
        let binding = self
            .scopes
            .get_mut(scope)?
            .get_mut(slot)
            .filter(|b| b.name == name && b.moved.is_none())?;
        binding.moved = Some(self.here);
        Some(binding.value.clone())
    }

    /// A node's span, remembered by the node's address: `Spanned::span`
    /// walks the node's tokens, and loops evaluate the same nodes again and
    /// again. (Every node evaluated lives as long as the run: the program's
    /// tree, and the trees parsed from macro bodies, which are kept.)
    pub(super) fn sp<N: Spanned + 'static>(&self, node: &N) -> Span {
        self.span_of(node_key(node), node)
    }

    /// `sp` past the node's key, the node's tokens walked through its
    /// vtable: one copy of the look-up for every kind of node, where a
    /// generic one was a copy for each.
    fn span_of(&self, key: NodeKey, node: &dyn Spanned) -> Span {
        if let Some(&span) = self.spans.borrow().get(&key) {
            return span;
        }
        let span = node.ends().unwrap_or_else(Span::call_site);
        self.spans.borrow_mut().insert(key, span);
        span
    }

    /// Where a node starts, as line and column, remembered as `sp` is
    /// (finding a line in the source is a search).
    fn start_of<N: 'static>(&self, node: &N, span: impl FnOnce() -> Span) -> (usize, usize) {
        let key = node_key(node);
        if let Some(&start) = self.starts.borrow().get(&key) {
            return start;
        }
        let start = at(span());
        self.starts.borrow_mut().insert(key, start);
        start
    }

    /// A node's source text (see [`source_text`]), from its remembered
    /// span: reasons quote the code.
    pub(super) fn src<N: Spanned + 'static>(&self, node: &N) -> Rc<str> {
        let key = node_key(node);
        let known = self.texts.borrow().get(&key).cloned();
        known.unwrap_or_else(|| self.remember_text(key, self.sp(node)))
    }

    fn remember_text(&self, key: NodeKey, span: Span) -> Rc<str> {
        let text: Rc<str> = text_at(span).into();
        self.texts.borrow_mut().insert(key, text.clone());
        text
    }

    /// Where a statement starts, as line and column.
    fn place_in_source(&self, stmt: &Stmt) -> (usize, usize) {
        self.start_of(stmt, || self.sp(stmt))
    }

    /// Keeps `value` in a binding of its own until the end of the
    /// statement, and gives a reference to it.
    pub(super) fn temporary(&mut self, value: Value) -> Value {
        self.temp_count += 1;
        let id = self.temp_count;
        if self.scopes.is_empty() {
            self.scopes.push(Vec::new());
        }
        let scope = self.scopes.len() - 1;
        self.scopes[scope].push(Binding {
            name: format!("\u{0}temporary {id}"),
            value,
            moved: None,
            alias: false,
        });
        let place = Place::binding(scope, self.scopes[scope].len() - 1);
        self.temps.push((place.clone(), id));
        Value::Ref(place)
    }

    /// `let pat = value;` for a pattern other than a name or a tuple of
    /// names, and `let pat = value else { … };`: the bindings, or the
    /// `else` block, which must leave (`return`, `break`, `continue`, a
    /// panic).
    /// A written type (`let (a, b): (Vec<u8>, Vec<u8>) = …`) guides the
    /// value as it does a plain binding's, and is checked the same way.
    fn let_pattern(&mut self, local: &syn::Local, pat: &Pat, ty: Option<&syn::Type>) -> R<Value> {
        let Some(init) = &local.init else {
            return err(
                local.span(),
                "declare scenario bindings with a value: `let x = …;`",
            );
        };
        let hint = ty.map(|ty| self.hint(ty)).transpose()?;
        let (value, place) = self.scrutinee(&init.expr, hint.as_ref())?;
        let value = match ty {
            Some(ty) => self.check_as(value, hint.as_ref(), ty, init.expr.span())?,
            None => value,
        };
        match (
            self.match_place_scrutinee(pat, &value, place.as_ref())?,
            &init.diverge,
        ) {
            (Some(bindings), _) => {
                self.settle_scrutinee(&init.expr, &value, place.as_ref(), Some(&bindings));
                for (name, v) in bindings {
                    self.bind(name, v);
                }
                Ok(Value::unit())
            }
            (None, Some((_, otherwise))) => {
                // A temporary that did not match is dropped before `else`
                // runs; a binding's value stays where it was.
                if !matches!(&*init.expr, Expr::Path(_) | Expr::Field(_)) {
                    self.drop_value(&value, "`let … else` did not match: the value is dropped")?;
                }
                self.eval(otherwise, None)?;
                err(
                    otherwise.span(),
                    "`else` clause of `let...else` does not diverge",
                )
            }
            (None, None) => err(
                pat.span(),
                "refutable pattern in local binding: use `let … else` or `if let`",
            ),
        }
    }

    fn stmt_body(&mut self, stmt: &Stmt) -> R<Value> {
        self.step(stmt)?;
        self.here = self.place_in_source(stmt);
        match stmt {
            Stmt::Local(local) => {
                let elem = self.let_elem.take();
                let (name, hint) = match &local.pat {
                    Pat::Ident(p) => (p.ident.to_string(), elem.map(|t| Hint::Vec(Some(t)))),
                    Pat::Type(t) => match &*t.pat {
                        Pat::Ident(p) => (p.ident.to_string(), Some(self.hint(&t.ty)?)),
                        Pat::Wild(_) => ("_".to_string(), Some(self.hint(&t.ty)?)),
                        pat => return self.let_pattern(local, pat, Some(&t.ty)),
                    },
                    Pat::Wild(_) => ("_".to_string(), None),
                    // `let (a, (b, c)) = …;`: as `match` binds it.
                    // `let (a, _) = pair;` moves `pair.0` alone.
                    Pat::Tuple(t)
                        if !t
                            .elems
                            .iter()
                            .all(|p| matches!(p, Pat::Ident(_) | Pat::Wild(_)))
                            || local.init.as_ref().is_some_and(|init| {
                                matches!(&*init.expr, Expr::Path(_) | Expr::Field(_))
                            }) =>
                    {
                        return self.let_pattern(local, &local.pat, None);
                    }
                    Pat::Tuple(t) => {
                        let Some(init) = &local.init else {
                            return err(
                                local.span(),
                                "declare scenario bindings with a value: `let x = …;`",
                            );
                        };
                        let value = self.eval(&init.expr, None)?;
                        // `let (q, p) = map[&k];` of a tuple of plain data:
                        // a copy of it.
                        let value = match value {
                            Value::Ref(place) if !matches!(&*init.expr, Expr::Reference(_)) => {
                                match self.value_at(&place) {
                                    Some(v @ Value::Tuple(_)) if expr::plain_data(&v) => v,
                                    _ => Value::Ref(place),
                                }
                            }
                            v => v,
                        };
                        let Value::Tuple(items) = &value else {
                            return err(t.span(), "this pattern needs a tuple");
                        };
                        if items.len() != t.elems.len() {
                            return err(
                                t.span(),
                                format!("expected a tuple of {} elements", t.elems.len()),
                            );
                        }
                        let mut left = Vec::new();
                        for (pat, item) in t.elems.iter().zip(items) {
                            match pat {
                                Pat::Ident(p) => self.bind(p.ident.to_string(), item.clone()),
                                _ => left.push(item.clone()),
                            }
                        }
                        // `let (_, v) = make();`: the `_` of a temporary
                        // is dropped at the end of the `let`.
                        self.leave_unbound(&init.expr, &Value::Tuple(left), None);
                        return Ok(Value::unit());
                    }
                    // `let Some(x) = … else { … };`, `let Point { x, y } = p;`:
                    // the value matched as `match` matches it.
                    pat => return self.let_pattern(local, pat, None),
                };
                let Some(init) = &local.init else {
                    return err(
                        local.span(),
                        "declare scenario bindings with a value: `let x = …;`",
                    );
                };
                if init.diverge.is_some() {
                    return unsupported(local, "`let … else`");
                }
                // `let _ = x;` of a place neither moves nor drops it.
                if name == "_" && matches!(&*init.expr, Expr::Path(_) | Expr::Field(_)) {
                    return Ok(Value::unit());
                }
                let mark = self.temps.len();
                let value = self.eval(&init.expr, hint.as_ref())?;
                // `let r = &String::new();` extends the temporary's life
                // to the end of the block; so does `let x = &make()[1];`
                // (or `.field`, `[1..]`) the collection it indexes.
                if let Expr::Reference(r) = &*init.expr {
                    if matches!(&*r.expr, Expr::Index(_) | Expr::Field(_))
                        && !places::names_a_place(&r.expr)
                    {
                        self.temps.truncate(mark);
                    } else if let Value::Ref(place) = &value {
                        let kept: Vec<(Place, u64)> = self
                            .temps
                            .drain(mark..)
                            .filter(|(p, _)| p != place)
                            .collect();
                        self.temps.extend(kept);
                    }
                }
                // A written type is checked as a parameter's is: a literal
                // takes it, any other value must have it.
                let value = match (&local.pat, &hint) {
                    (Pat::Type(t), _) => {
                        self.check_as(value, hint.as_ref(), &t.ty, init.expr.span())?
                    }
                    (_, Some(Hint::Plain(ty))) => value.typed(ty),
                    _ => value,
                };
                if name == "_" {
                    // `let _ = v;` drops a temporary at once.
                    match value {
                        Value::Thread(i) => self.drop_handle(i)?,
                        Value::Ref(_) => {}
                        other => self.drop_value(&other, "`let _ = …` drops it at once")?,
                    }
                } else {
                    self.bind(name, value);
                }
                Ok(Value::unit())
            }
            // A tail expression (no `;`) is the block's value: the block's
            // caller keeps it.
            Stmt::Expr(expr, None) => {
                let hint = self.tail_hint.take();
                self.eval(expr, hint.as_ref())
            }
            Stmt::Expr(expr, Some(_)) => {
                let value = self.eval(expr, None)?;
                if let Value::Thread(i) = value {
                    if !self.scopes.iter().flatten().any(|b| b.value == value) {
                        self.drop_handle(i)?;
                    }
                    return Ok(Value::unit());
                }
                // A value that nothing keeps is dropped at the `;`.
                let kept = |me: &Self, id: usize| {
                    me.scopes
                        .iter()
                        .flatten()
                        .any(|b| b.value == Value::Owner(id) && b.moved.is_none())
                };
                match &value {
                    Value::Owner(id) if kept(self, *id) => {}
                    other => self
                        .drop_value(other, "a temporary is dropped at the end of its statement")?,
                }
                Ok(Value::unit())
            }
            Stmt::Macro(m) => self.mac(&m.mac, None),
            Stmt::Item(item) => unsupported(
                item,
                "items inside a function; define them at the top level",
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exactness {
    Amortized,
    Exact,
}

/// An array length written in a type: a number, or `+ - * <<` of numbers
/// in parentheses (`1 << 20`), as a `usize` constant.
fn const_len(expr: &Expr, consts: &dyn Fn(&str) -> Option<u64>) -> R<u64> {
    let overflow = |span| err(span, "this array length overflows `usize`");
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(n), ..
        }) => n
            .base10_parse::<u64>()
            .or_else(|e| err(n.span(), e.to_string())),
        Expr::Paren(p) => const_len(&p.expr, consts),
        Expr::Group(g) => const_len(&g.expr, consts),
        // A const of the program (`[u8; HEAP_SIZE]`).
        Expr::Path(p)
            if p.path
                .get_ident()
                .is_some_and(|i| consts(&i.to_string()).is_some()) =>
        {
            Ok(p.path
                .get_ident()
                .and_then(|i| consts(&i.to_string()))
                .unwrap_or_default())
        }
        Expr::Binary(b) => {
            let (l, r) = (const_len(&b.left, consts)?, const_len(&b.right, consts)?);
            let v = match b.op {
                BinOp::Add(_) => l.checked_add(r),
                BinOp::Sub(_) => l.checked_sub(r),
                BinOp::Mul(_) => l.checked_mul(r),
                BinOp::Shl(_) => u32::try_from(r)
                    .ok()
                    .and_then(|r| l.checked_shl(r))
                    .filter(|v| v >> r.min(63) == l),
                _ => return unsupported(b, "this operator in an array length"),
            };
            v.map_or_else(|| overflow(b.span()), Ok)
        }
        other => unsupported(other, "array lengths other than a number"),
    }
}

/// A host `Layout` for an arena call (arena requests always fit the heap).
fn core_layout(layout: LayoutSpec, span: Span) -> R<core::alloc::Layout> {
    core::alloc::Layout::from_size_align(layout.size as usize, layout.align as usize).or_else(
        |_| {
            err(
                span,
                "this layout does not fit the machine running the simulation",
            )
        },
    )
}

fn u8_ty() -> Ty {
    Ty::Int(IntTy::Fixed(false, 1))
}

fn unsupported_span<T>(span: Span, what: &str) -> R<T> {
    Err(unsupported_at(span, what))
}

#[cold]
#[inline(never)]
fn unsupported_at(span: Span, what: &str) -> Box<Halt> {
    error_at(span, format!("not supported in scenarios: {what}"))
}

/// Wraps an integer to a type's width, as `as` does.
fn wrap(v: i128, t: IntTy, target: Target) -> i128 {
    let bits = t.size(target) * 8;
    if bits >= 128 {
        return v;
    }
    let masked = v & ((1i128 << bits) - 1);
    if t.signed() && masked >> (bits - 1) & 1 == 1 {
        masked - (1i128 << bits)
    } else {
        masked
    }
}

/// The source text of a node, as the learner wrote it (spaces folded).
fn source_text(node: &impl Spanned) -> String {
    text_at(node.span())
}

/// The source text a span covers, spaces folded, at most 60 characters.
fn text_at(span: Span) -> String {
    let text = span.source_text().unwrap_or_default();
    let folded: Vec<&str> = text.split_whitespace().collect();
    let joined = folded.join(" ");
    if joined.len() > 60 {
        format!(
            "{}…",
            &joined[..joined
                .char_indices()
                .nth(57)
                .map_or(joined.len(), |(i, _)| i)]
        )
    } else {
        joined
    }
}

/// Whether a value owns heap memory somewhere inside it (so that using it
/// moves it).
fn owns_heap(value: &Value) -> bool {
    match value {
        Value::Owner(_) | Value::Thread(_) => true,
        // A value the program's `drop` runs on moves like an owner: the
        // place it left is not dropped again.
        Value::Struct(def, _) if def.drops => true,
        Value::Tuple(items) | Value::Array(items) | Value::Struct(_, items) => {
            items.iter().any(owns_heap)
        }
        Value::Opt(Some(inner)) | Value::Result(_, inner) => owns_heap(inner),
        _ => false,
    }
}
