//! The interface every allocation strategy implements: the shape of
//! `GlobalAlloc`, over a simulated [`Heap`].
//!
//! # Requirements
//!
//! A strategy must:
//! - keep all of its bookkeeping that a real allocator keeps in memory
//!   (free-list links, headers, footers) in the heap's bytes, and read it
//!   back from there;
//! - paint every byte it hands out, takes back or writes metadata into
//!   with its [`Role`](crate::Role), so the picture is always true;
//! - narrate what it does as [`Event`](crate::Event)s in the [`Log`];
//! - leave the heap untouched when it returns `None`;
//! - make [`Strategy::check`] fail whenever its invariants do not hold.
//!
//! A strategy may trust its caller: [`Simulation`](crate::Simulation)
//! checks the contract (no zero sizes, no double frees, the same `Layout`
//! on `dealloc` as on `alloc`) before calling it, as the Rust compiler and
//! the standard library promise a real `GlobalAlloc`.
//!
//! [`Strategy::realloc`] and [`Strategy::alloc_zeroed`] have defaults that
//! behave as std documents `GlobalAlloc`'s: `realloc` allocates the new
//! block, copies `min(old, new)` bytes and frees the old one;
//! `alloc_zeroed` allocates and writes zeros. A strategy overrides them
//! where it can do better, such as growing a block in place.

use core::alloc::Layout;
use std::fmt;

use crate::addr::Addr;
use crate::event::{Event, Log};
use crate::heap::Heap;
use crate::role::AllocId;

mod hole_index;
mod hole_list;
pub mod pages;
mod registry;
pub mod settings;

pub use settings::{SettingKind, SettingSpec, SettingValue, Settings, SettingsError, PAGE_SIZE};

use crate::role::RoleClass;

/// What `malloc` guarantees on a 64-bit machine: the alignment of an op
/// list's `a` line that gives none, unless the strategy promises otherwise
/// (the textbook's implicit list aligns to 8).
pub const DEFAULT_ALIGN: u64 = 16;

/// A simulated thread; the main thread is `ThreadId(0)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThreadId(pub u32);

impl ThreadId {
    /// The thread `main` runs on.
    pub const MAIN: ThreadId = ThreadId(0);
}

impl fmt::Display for ThreadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.0)
    }
}

/// One request for memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// What is asked for; its size is never zero.
    pub layout: Layout,
    /// Which allocation the block will belong to, for painting.
    pub id: AllocId,
    /// The thread asking.
    pub thread: ThreadId,
}

/// Free memory as the strategy counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FreeSpace {
    /// Bytes the strategy could still hand out, in all holes together.
    pub total: u64,
    /// The largest single hole.
    pub largest: u64,
    /// Where the largest hole starts (the lowest, if several are as large).
    pub largest_at: Option<Addr>,
}

impl FreeSpace {
    /// Counts a hole of `size` bytes at `at`. Holes counted in address
    /// order keep the lowest of the largest.
    pub fn count(&mut self, at: Addr, size: u64) {
        self.total += size;
        if size > self.largest {
            self.largest = size;
            self.largest_at = Some(at);
        }
    }
}

/// An allocation strategy managing a [`Heap`]. See the module docs for the
/// requirements.
pub trait Strategy {
    /// Writes the strategy's initial metadata into a fresh heap.
    fn init(&mut self, heap: &mut Heap);

    /// Finds room for `request.layout`, paints it, and returns the address
    /// of its first byte, or `None` with the heap untouched.
    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr>;

    /// Takes back the block at `addr`, which was allocated with `layout`.
    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        thread: ThreadId,
        log: &mut Log,
    );

    /// Resizes the block at `addr` to `new_size` bytes, keeping
    /// `min(old, new)` bytes of its contents. Returns the block's new address,
    /// or `None` with the old block still valid and the heap untouched.
    fn realloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        new_size: u64,
        request: Request,
        log: &mut Log,
    ) -> Option<Addr> {
        default_realloc(self, heap, addr, layout, new_size, request, log)
    }

    /// Like [`Strategy::alloc`], with the requested bytes zeroed.
    fn alloc_zeroed(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        let addr = self.alloc(heap, request, log)?;
        let len = request.layout.size() as u64;
        heap.fill(addr, len, 0);
        log.push(Event::Zeroed { addr, len });
        Some(addr)
    }

    /// The free memory, in total and in the largest hole.
    fn free_space(&self, heap: &Heap) -> FreeSpace;

    /// The usable size this strategy gives `layout`, whatever the heap holds:
    /// the request rounded as the allocator rounds it.
    fn usable_size(&self, layout: Layout, heap: &Heap) -> u64;

    /// What this allocator would do if `dealloc` were given `given` for a
    /// block allocated with `actual`: one or two sentences for the learner.
    fn wrong_layout_consequence(&self, given: Layout, actual: Layout, heap: &Heap) -> String;

    /// Checks every invariant of the strategy against the heap's bytes and
    /// roles. `Err` says which one failed and where. Debug builds only (the
    /// tests, and every call in them): release builds, the page among them,
    /// carry none of the checks.
    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String>;

    /// The heap's size as malloc lab's driver measures it: from the heap's
    /// start to the highest byte ever used (for an `sbrk` allocator, the
    /// break).
    fn heap_size(&self, heap: &Heap) -> u64 {
        heap.touched().map_or(0, |(_, hi)| hi)
    }

    /// What `malloc` guarantees here: the alignment of an op list's `a`
    /// line that gives none.
    fn malloc_align(&self, _heap: &Heap) -> u64 {
        DEFAULT_ALIGN
    }
}

/// `GlobalAlloc::realloc`'s default, as std documents it: allocate a block
/// for the new size, copy `min(old, new)` bytes, free the old block.
pub fn default_realloc<S: Strategy + ?Sized>(
    strategy: &mut S,
    heap: &mut Heap,
    addr: Addr,
    layout: Layout,
    new_size: u64,
    request: Request,
    log: &mut Log,
) -> Option<Addr> {
    let new = strategy.alloc(heap, request, log)?;
    let len = (layout.size() as u64).min(new_size);
    heap.copy(addr, new, len);
    log.push(Event::Copied {
        from: addr,
        to: new,
        len,
    });
    strategy.dealloc(heap, addr, layout, request.thread, log);
    Some(new)
}

/// A mark a strategy draws on its heap's map: a boundary that is not a
/// byte's role (the implicit list's break). It is read from the metrics a
/// call recorded, so a viewer can draw it at any step of a run.
#[derive(Debug, Clone, Copy)]
pub struct MarkSpec {
    /// Its name.
    pub name: &'static str,
    /// What it shows, for the legend.
    pub legend: &'static str,
    /// Where it is, as an offset from the heap's start, given the metrics
    /// after a call.
    pub offset: fn(&crate::metrics::Metrics) -> u64,
}

/// A checkbox that swaps a strategy for its sibling (first fit with or
/// without C-style headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Toggle {
    /// The checkbox's label.
    pub label: &'static str,
    /// Whether this strategy is the checked one.
    pub checked: bool,
    /// The sibling's name.
    pub other: &'static str,
    /// One line of help.
    pub help: &'static str,
}

/// What a strategy says of itself, so that everything a learner sees of it
/// — its name and summary, its settings on the command line, in the
/// settings row and in share links, the legend of its roles and marks —
/// comes from one place, its own file.
pub trait Described: Strategy + Sized {
    /// The name on the command line and in URLs.
    const NAME: &'static str;
    /// A one-line description, saying where the model simplifies.
    const SUMMARY: &'static str;
    /// What a learner can change.
    const SETTINGS: &'static [SettingSpec] = &[];
    /// Every role class it paints (checked against what it paints).
    const ROLES: &'static [RoleClass];
    /// The marks it draws on its map.
    const MARKS: &'static [MarkSpec] = &[];
    /// Its sibling with a checkbox, if it has one.
    const TOGGLE: Option<Toggle> = None;

    /// A fresh strategy with `settings` (the keys it declares; the others
    /// are ignored), or why they do not go together.
    fn from_settings(settings: &Settings) -> Result<Self, SettingsError>;
}

// The registry: every strategy, one line each, in the order the UI lists
// them. A line declares the strategy's module, re-exports its type, and
// makes it a `StrategyKind` and an `AnyStrategy`; the rest comes from the
// type's `Described` impl. The unlisted ones are not a learner's to pick
// (not in `StrategyKind::ALL`, the menus or the command line): the
// program's own allocator is one, made for a program that has it.
registry::strategies! {
    Bump => bump::Bump,
    FirstFit => first_fit::FirstFit,
    FirstFitHeaders => first_fit_headers::FirstFitHeaders,
    SizeClass => size_classes::SizeClasses,
    Jemalloc => arenas::Arenas,
    ImplicitList => implicit_list::ImplicitList,
    Buddy => buddy::Buddy,
    ; unlisted:
    Yours => yours::Yours,
}

pub use arenas::ArenaConfig;
pub use implicit_list::Placement;
pub use size_classes::SizeClassConfig;

impl StrategyKind {
    /// Looks a strategy up by its name.
    pub fn from_name(name: &str) -> Option<StrategyKind> {
        StrategyKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A fresh strategy of this kind with default settings.
    pub fn build(self) -> AnyStrategy {
        // A plain `expect` would link the error's `Debug` into the wasm.
        let Ok(strategy) = self.build_with(&Settings::default()) else {
            unreachable!("the default settings are valid")
        };
        strategy
    }

    /// The setting of this strategy named `key`.
    pub fn setting(self, key: &str) -> Option<&'static SettingSpec> {
        self.settings().iter().find(|s| s.key == key)
    }

    /// Every setting of every strategy, each key once (strategies that
    /// share a key share its meaning: checked by a test).
    pub fn all_settings() -> Vec<&'static SettingSpec> {
        let mut out: Vec<&'static SettingSpec> = Vec::new();
        for kind in StrategyKind::ALL {
            for spec in kind.settings() {
                if !out.iter().any(|s| s.key == spec.key) {
                    out.push(spec);
                }
            }
        }
        out
    }
}

impl fmt::Display for StrategyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
