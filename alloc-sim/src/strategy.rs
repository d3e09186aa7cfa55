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

pub mod arenas;
pub mod bump;
pub mod first_fit;
pub mod first_fit_headers;
mod hole_list;
pub mod implicit_list;
pub mod pages;
pub mod size_classes;

pub use arenas::{ArenaConfig, Arenas};
pub use bump::Bump;
pub use first_fit::FirstFit;
pub use first_fit_headers::FirstFitHeaders;
pub use implicit_list::{ImplicitList, Placement};
pub use size_classes::{SizeClassConfig, SizeClasses};

/// A simulated thread; the main thread is `ThreadId(0)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
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
pub struct FreeSpace {
    /// Bytes the strategy could still hand out, in all holes together.
    pub total: u64,
    /// The largest single hole.
    pub largest: u64,
    /// Where the largest hole starts (the lowest, if several are as large).
    pub largest_at: Option<Addr>,
}

/// An allocation strategy managing a [`Heap`]. See the module docs for the
/// requirements.
pub trait Strategy: fmt::Debug {
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
    /// roles. `Err` says which one failed and where.
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
        crate::ops::DEFAULT_ALIGN
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

/// Every strategy, by name; ordered as the UI lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StrategyKind {
    /// [`Bump`].
    Bump,
    /// [`FirstFit`].
    FirstFit,
    /// [`FirstFitHeaders`].
    FirstFitHeaders,
    /// [`SizeClasses`].
    SizeClass,
    /// [`Arenas`].
    Jemalloc,
    /// [`ImplicitList`].
    ImplicitList,
}

/// Settings a learner can change per strategy; each strategy reads those
/// that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Bytes per page, for the strategies that work in pages.
    pub page_size: u64,
    /// Number of arenas (jemalloc).
    pub arenas: u32,
    /// Per-thread caches on (jemalloc).
    pub tcache: bool,
    /// jemalloc's classic large size classes instead of page rounding.
    pub classic_large: bool,
    /// Where the implicit list looks for a free block.
    pub placement: Placement,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            page_size: 4096,
            arenas: 4,
            tcache: false,
            classic_large: false,
            placement: Placement::FirstFit,
        }
    }
}

impl StrategyKind {
    /// Every strategy, in the order the UI lists them.
    pub const ALL: [StrategyKind; 6] = [
        StrategyKind::Bump,
        StrategyKind::FirstFit,
        StrategyKind::FirstFitHeaders,
        StrategyKind::SizeClass,
        StrategyKind::Jemalloc,
        StrategyKind::ImplicitList,
    ];

    /// The name on the command line and in URLs.
    pub const fn name(self) -> &'static str {
        match self {
            StrategyKind::Bump => "bump",
            StrategyKind::FirstFit => "first-fit",
            StrategyKind::FirstFitHeaders => "first-fit-headers",
            StrategyKind::SizeClass => "size-class",
            StrategyKind::Jemalloc => "jemalloc",
            StrategyKind::ImplicitList => "implicit-list",
        }
    }

    /// A one-line description, saying where the model simplifies.
    pub const fn summary(self) -> &'static str {
        match self {
            StrategyKind::Bump => "bumpalo's bump-down chunk over the whole heap; frees only the most recent block",
            StrategyKind::FirstFit => "linked_list_allocator 0.10's address-ordered first-fit hole list, exactly",
            StrategyKind::FirstFitHeaders => "glibc's chunk headers and sizes on a first-fit list; glibc's bins and tcache are not modelled",
            StrategyKind::SizeClass => "header-less size classes, one LIFO free list each; pages never leave their class",
            StrategyKind::Jemalloc => "jemalloc 5.3's classes, bins, slabs and tcache; arenas share one page allocator and nothing decays",
            StrategyKind::ImplicitList => "CS:APP's implicit free list (malloc lab): boundary tags, 8-byte alignment, sbrk in 4 KiB chunks (a quarter of a heap under 16 KiB)",
        }
    }

    /// Looks a strategy up by its name.
    pub fn from_name(name: &str) -> Option<StrategyKind> {
        StrategyKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A fresh strategy of this kind with default settings.
    pub fn build(self) -> AnyStrategy {
        self.build_with(Settings::default())
            .expect("the default settings are valid")
    }

    /// A fresh strategy of this kind with `settings`, or why they do not fit.
    pub fn build_with(self, settings: Settings) -> Result<AnyStrategy, String> {
        Ok(match self {
            StrategyKind::Bump => AnyStrategy::Bump(Bump::default()),
            StrategyKind::FirstFit => AnyStrategy::FirstFit(FirstFit::default()),
            StrategyKind::FirstFitHeaders => {
                AnyStrategy::FirstFitHeaders(FirstFitHeaders::default())
            }
            StrategyKind::SizeClass => {
                let page = settings.page_size;
                let max = SizeClassConfig::default().max.min(page);
                let config = SizeClassConfig {
                    page,
                    max,
                    ..SizeClassConfig::default()
                };
                config.validate()?;
                AnyStrategy::SizeClass(SizeClasses::new(config))
            }
            StrategyKind::Jemalloc => {
                let config = ArenaConfig {
                    arenas: settings.arenas,
                    tcache: settings.tcache,
                    page: settings.page_size,
                    classic_large: settings.classic_large,
                };
                config.validate()?;
                AnyStrategy::Jemalloc(Arenas::new(config))
            }
            StrategyKind::ImplicitList => {
                AnyStrategy::ImplicitList(ImplicitList::new(settings.placement))
            }
        })
    }
}

impl fmt::Display for StrategyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Any strategy, as a value that can be cloned and compared: a recorded
/// trace keeps snapshots of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyStrategy {
    /// [`Bump`].
    Bump(Bump),
    /// [`FirstFit`].
    FirstFit(FirstFit),
    /// [`FirstFitHeaders`].
    FirstFitHeaders(FirstFitHeaders),
    /// [`SizeClasses`].
    SizeClass(SizeClasses),
    /// [`Arenas`].
    Jemalloc(Arenas),
    /// [`ImplicitList`].
    ImplicitList(ImplicitList),
}

impl AnyStrategy {
    /// Which strategy this is.
    pub fn kind(&self) -> StrategyKind {
        match self {
            AnyStrategy::Bump(_) => StrategyKind::Bump,
            AnyStrategy::FirstFit(_) => StrategyKind::FirstFit,
            AnyStrategy::FirstFitHeaders(_) => StrategyKind::FirstFitHeaders,
            AnyStrategy::SizeClass(_) => StrategyKind::SizeClass,
            AnyStrategy::Jemalloc(_) => StrategyKind::Jemalloc,
            AnyStrategy::ImplicitList(_) => StrategyKind::ImplicitList,
        }
    }

    fn inner(&self) -> &dyn Strategy {
        match self {
            AnyStrategy::Bump(s) => s,
            AnyStrategy::FirstFit(s) => s,
            AnyStrategy::FirstFitHeaders(s) => s,
            AnyStrategy::SizeClass(s) => s,
            AnyStrategy::Jemalloc(s) => s,
            AnyStrategy::ImplicitList(s) => s,
        }
    }

    fn inner_mut(&mut self) -> &mut dyn Strategy {
        match self {
            AnyStrategy::Bump(s) => s,
            AnyStrategy::FirstFit(s) => s,
            AnyStrategy::FirstFitHeaders(s) => s,
            AnyStrategy::SizeClass(s) => s,
            AnyStrategy::Jemalloc(s) => s,
            AnyStrategy::ImplicitList(s) => s,
        }
    }
}

impl Strategy for AnyStrategy {
    fn init(&mut self, heap: &mut Heap) {
        self.inner_mut().init(heap);
    }
    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        self.inner_mut().alloc(heap, request, log)
    }
    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        thread: ThreadId,
        log: &mut Log,
    ) {
        self.inner_mut().dealloc(heap, addr, layout, thread, log);
    }
    fn realloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        new_size: u64,
        request: Request,
        log: &mut Log,
    ) -> Option<Addr> {
        self.inner_mut()
            .realloc(heap, addr, layout, new_size, request, log)
    }
    fn alloc_zeroed(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        self.inner_mut().alloc_zeroed(heap, request, log)
    }
    fn free_space(&self, heap: &Heap) -> FreeSpace {
        self.inner().free_space(heap)
    }
    fn usable_size(&self, layout: Layout, heap: &Heap) -> u64 {
        self.inner().usable_size(layout, heap)
    }
    fn wrong_layout_consequence(&self, given: Layout, actual: Layout, heap: &Heap) -> String {
        self.inner().wrong_layout_consequence(given, actual, heap)
    }
    fn check(&self, heap: &Heap) -> Result<(), String> {
        self.inner().check(heap)
    }
    fn heap_size(&self, heap: &Heap) -> u64 {
        self.inner().heap_size(heap)
    }
    fn malloc_align(&self, heap: &Heap) -> u64 {
        self.inner().malloc_align(heap)
    }
}
