//! jemalloc's design: arenas, bins, slabs, extents and thread caches.
//!
//! jemalloc spreads threads over several *arenas* so that they rarely
//! contend: the main thread uses arena 0, and each new thread is bound, on
//! its first allocation, to the arena with the fewest threads (so the first
//! threads go round-robin). Within an arena:
//!
//! - a request up to 14 KiB is *small*: it rounds to one of jemalloc's size
//!   classes ([`classes`]) and is served by that class's *bin*. A bin carves
//!   *slabs* — runs of pages cut into equal *regions* — and finds a free
//!   region through the slab's bitmap, always the lowest one. It allocates
//!   from its current slab, then from its non-full slabs lowest address
//!   first, and only then asks for a new slab. A slab whose last region is
//!   freed gives its pages back.
//! - a larger request is *large*: an *extent* of whole pages (5.3.1 rounds
//!   the size to the page; the classic large size classes are an option).
//!
//! ```text
//!   arena 0                                   slab of bin 48 B (3 pages, 256 regions)
//!   ├─ bin 8    current ─▶ slab              +----+----+----+----+-- … --+----+
//!   ├─ bin 16   non-full: {slab, slab}       | r0 | r1 | r2 | r3 |       |r255|
//!   ├─ bin 32                                +----+----+----+----+-- … --+----+
//!   ├─ …                                     bitmap: 1 1 0 1 …  (lowest 0 = next)
//!   └─ large extents: [ 5 pages ][ 2 pages ]
//! ```
//!
//! With *thread caches* (tcache) on, each thread keeps a LIFO stack of
//! freed regions per size class: an allocation pops one without touching the
//! arena, an empty stack is refilled from the arena with half its capacity,
//! and a full one gives its older half back. Cached regions are free but held
//! by one thread for one class.
//!
//! Like jemalloc, this keeps no metadata inside the regions: slab bitmaps,
//! bins and extent records live outside the arena's pages (jemalloc keeps
//! them in its *base* allocator). Simplified: arenas share one page
//! allocator here, where each jemalloc arena keeps its own extents and
//! returns pages to the OS on a decay timer; the tcache is not
//! garbage-collected over time.
//!
//! # Invariants
//! - a slab's `nfree` = the zeros of its bitmap; a bin's current and
//!   non-full slabs have `nfree > 0`; an empty slab does not exist;
//! - a region is painted payload/slack iff it is live, cached iff it is on
//!   a thread's stack, free iff its bit is clear;
//! - slabs, large extents and free page runs never overlap.
//!
//! # Where things are
//! This file holds the settings, the [`Arenas`] struct and the
//! [`Strategy`] impl, which binds the calling thread to an arena
//! (`threads`) and sends each call down one path: `slabs` (bins, slabs and
//! their bitmaps: small requests), `large` (extents of whole pages) or
//! `tcache` (the threads' stacks in front of both). `check` verifies the
//! invariants above. The page allocator under them all is
//! [`pages`](crate::strategy::pages).

use core::alloc::Layout;

use litemap::LiteMap;

#[cfg(debug_assertions)]
mod check;
pub mod classes;
mod large;
mod slabs;
mod tcache;
mod threads;

use crate::addr::Addr;
use crate::event::{Event, Log};
use crate::heap::Heap;
use crate::role::Role;
use crate::strategy::pages::Pages;
use crate::role::RoleClass;
use crate::strategy::{FreeSpace, Request, Strategy, ThreadId, Described, Settings, SettingsError, SettingSpec, SettingKind, PAGE_SIZE};
use classes::Classes;
use large::Large;
use slabs::{Bin, Slab};
use tcache::Tcache;

/// The arena strategy's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArenaConfig {
    /// Number of arenas (jemalloc's default is 4 per CPU; 4 here).
    pub arenas: u32,
    /// Per-thread caches on.
    pub tcache: bool,
    /// Bytes per page.
    pub page: u64,
    /// Classic large size classes instead of page rounding.
    pub classic_large: bool,
}

impl Default for ArenaConfig {
    fn default() -> ArenaConfig {
        ArenaConfig {
            arenas: 4,
            tcache: false,
            page: 4096,
            classic_large: false,
        }
    }
}

impl ArenaConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=64).contains(&self.arenas) {
            return Err(format!("arenas must be from 1 to 64, not {}", self.arenas));
        }
        if !self.page.is_power_of_two() || !(256..=65536).contains(&self.page) {
            return Err(format!(
                "the page size must be a power of two from 256 to 65536, not {}",
                self.page
            ));
        }
        Ok(())
    }
}

/// One arena: a bin per small class, and how many threads it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Arena {
    bins: Vec<Bin>,
    threads: u32,
}

/// jemalloc-style arenas. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arenas {
    config: ArenaConfig,
    classes: Classes,
    pages: Option<Pages>,
    arenas: Vec<Arena>,
    /// Each thread's arena, in the order threads first allocated (a few
    /// threads: a list, not a map).
    bindings: Vec<(ThreadId, u32)>,
    /// Each thread's cache, in the order threads first used one (a few
    /// threads: a list, not a map).
    tcaches: Vec<(ThreadId, Tcache)>,
    /// Every live slab, by address.
    slabs: LiteMap<Addr, Slab>,
    /// Every live large extent, by address.
    large: LiteMap<Addr, Large>,
}

impl Default for Arenas {
    fn default() -> Arenas {
        Arenas::new(ArenaConfig::default())
    }
}

/// Which path a layout takes: a small bin, or a large extent of this
/// usable size.
enum Kind {
    Small(usize),
    Large(u64),
}

impl Arenas {
    /// The strategy with these (valid) settings.
    pub fn new(config: ArenaConfig) -> Arenas {
        let classes = Classes::new(config.page);
        let arena = Arena {
            bins: vec![Bin::default(); classes.small.len()],
            threads: 0,
        };
        let mut arenas = vec![arena; config.arenas as usize];
        // The main thread allocates first, while the runtime starts, so it
        // owns arena 0 before any other thread exists.
        arenas[0].threads = 1;
        Arenas {
            config,
            classes,
            pages: None,
            arenas,
            bindings: vec![(ThreadId::MAIN, 0)],
            tcaches: Vec::new(),
            slabs: LiteMap::new_vec(),
            large: LiteMap::new_vec(),
        }
    }

    /// The size classes in use.
    pub fn classes(&self) -> &Classes {
        &self.classes
    }

    fn pages(&mut self) -> &mut Pages {
        self.pages
            .as_mut()
            .expect("Arenas::init runs before any call")
    }

    fn kind(&self, layout: Layout) -> Kind {
        let usable = self.classes.usable_aligned(
            layout.size() as u64,
            layout.align() as u64,
            self.config.classic_large,
        );
        match self.classes.bin_of(usable) {
            Some(bin) => Kind::Small(bin),
            None => Kind::Large(usable),
        }
    }

    /// Paints a live block: the requested bytes as payload, the rest of
    /// `usable` as slack.
    fn paint_live(heap: &mut Heap, addr: Addr, size: u64, usable: u64, request: Request) {
        heap.paint_parts(
            addr,
            &[
                (size, Role::Payload(request.id)),
                (usable - size, Role::Slack(request.id)),
            ],
        );
    }
}

/// `--arenas`: how many arenas threads are spread over.
const ARENAS: SettingSpec = SettingSpec {
    key: "arenas",
    label: "arenas",
    help: "how many arenas the threads are spread over (jemalloc makes 4 per CPU)",
    kind: SettingKind::Count {
        default: 4,
        min: 1,
        max: 64,
    },
};

/// `--tcache`: per-thread caches.
const TCACHE: SettingSpec = SettingSpec {
    key: "tcache",
    label: "thread caches",
    help: "each thread keeps a few freed blocks per size class to reuse without locking its arena",
    kind: SettingKind::Flag { default: false },
};

/// `--classic-large-classes`: jemalloc's older large size classes.
const CLASSIC_LARGE: SettingSpec = SettingSpec {
    key: "classic-large-classes",
    label: "classic large classes",
    help: "round large requests to jemalloc's size classes (4 per doubling) instead of to whole pages",
    kind: SettingKind::Flag { default: false },
};

impl Described for Arenas {
    const NAME: &'static str = "jemalloc";
    const SUMMARY: &'static str = "jemalloc 5.3's classes, bins, slabs and tcache; arenas share one page allocator and nothing decays";
    const SETTINGS: &'static [SettingSpec] = &[PAGE_SIZE, ARENAS, TCACHE, CLASSIC_LARGE];
    const ROLES: &'static [RoleClass] = &[
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Slack,
        RoleClass::Cached,
    ];

    fn from_settings(settings: &Settings) -> Result<Arenas, SettingsError> {
        let config = ArenaConfig {
            arenas: u32::try_from(settings.count(&ARENAS)).unwrap_or(u32::MAX),
            tcache: settings.flag(&TCACHE),
            page: settings.bytes(&PAGE_SIZE),
            classic_large: settings.flag(&CLASSIC_LARGE),
        };
        config.validate().map_err(|reason| SettingsError::Conflict {
            strategy: Self::NAME,
            reason,
        })?;
        Ok(Arenas::new(config))
    }
}

impl Strategy for Arenas {
    fn init(&mut self, heap: &mut Heap) {
        self.pages = Some(Pages::new(heap.base(), heap.len(), self.config.page));
    }

    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        let arena = self.bind(request.thread, log);
        let size = request.layout.size() as u64;
        match self.kind(request.layout) {
            Kind::Small(bin) => {
                let addr = if self.config.tcache {
                    self.tcache_alloc(heap, request.thread, arena, bin, log)?
                } else {
                    self.bin_alloc(heap, arena, bin, log)?
                };
                Self::paint_live(heap, addr, size, self.classes.small[bin].size, request);
                Some(addr)
            }
            Kind::Large(usable) => {
                let cached = if self.tcache_holds_large(usable) {
                    self.tcache_large_alloc(request.thread, usable, log)
                } else {
                    None
                };
                let addr = match cached {
                    Some(addr) => addr,
                    None => self.large_alloc(usable, request.layout.align() as u64, log)?,
                };
                let extent = self.large_extent(addr).expect("a live large extent");
                Self::paint_live(heap, addr, size, extent, request);
                Some(addr)
            }
        }
    }

    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        thread: ThreadId,
        log: &mut Log,
    ) {
        match self.kind(layout) {
            Kind::Small(bin) if self.config.tcache => {
                self.tcache_dealloc(heap, thread, bin, addr, log)
            }
            Kind::Small(_) => self.bin_dealloc(heap, addr, log),
            Kind::Large(usable) if self.tcache_holds_large(usable) => {
                self.tcache_large_dealloc(heap, thread, usable, addr, log)
            }
            Kind::Large(_) => self.large_dealloc(heap, addr, log),
        }
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
        let old = self.usable_size(layout, heap);
        let new = self.usable_size(request.layout, heap);
        if old == new {
            // The same size class (or extent): jemalloc leaves it in place.
            let extent = self.large_extent(addr).unwrap_or(old);
            Self::paint_live(heap, addr, new_size, extent, request);
            log.push(Event::ResizedInPlace {
                addr,
                old_size: layout.size() as u64,
                new_size,
            });
            return Some(addr);
        }
        crate::strategy::default_realloc(self, heap, addr, layout, new_size, request, log)
    }

    fn free_space(&self, _heap: &Heap) -> FreeSpace {
        let Some(pages) = &self.pages else {
            return FreeSpace::default();
        };
        let (largest, largest_at) = match self.largest_free_region() {
            Some((size, at)) if size > pages.largest_run() => (size, Some(at)),
            _ => (pages.largest_run(), pages.largest_run_at()),
        };
        FreeSpace {
            total: pages.free_bytes() + self.pinned_bytes(),
            largest,
            largest_at,
        }
    }

    fn usable_size(&self, layout: Layout, _heap: &Heap) -> u64 {
        self.classes.usable_aligned(
            layout.size() as u64,
            layout.align() as u64,
            self.config.classic_large,
        )
    }

    fn wrong_layout_consequence(&self, given: Layout, actual: Layout, heap: &Heap) -> String {
        let (g, a) = (
            self.usable_size(given, heap),
            self.usable_size(actual, heap),
        );
        if g == a {
            format!(
                "Both layouts round to jemalloc's {a}-byte class, so it would happen to free the right region; \
                 the contract is still broken."
            )
        } else {
            format!(
                "jemalloc's sized free (sdallocx) trusts the size: it would look for a {g}-byte region where a \
                 {a}-byte one lives, and put it in the wrong bin or thread cache, to be handed out as the wrong size."
            )
        }
    }

    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String> {
        self.check_invariants(heap)
    }
}

/// What the pieces' unit tests share: a simulation on this strategy.
#[cfg(test)]
mod testing {
    use super::*;
    use crate::{HeapConfig, Settings, Simulation, StrategyKind};

    /// A 1 MiB heap on the `jemalloc` strategy with default settings,
    /// thread caches on or off.
    pub(super) fn sim(tcache: bool) -> Simulation {
        let settings = Settings::new()
            .with(&TCACHE, crate::strategy::SettingValue::Flag(tcache))
            .unwrap();
        let strategy = StrategyKind::Jemalloc.build_with(&settings).unwrap();
        Simulation::with_strategy(HeapConfig::new(1 << 20), strategy).unwrap()
    }

    pub(super) fn layout(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    pub(super) fn arenas(s: &Simulation) -> &Arenas {
        match s.strategy() {
            crate::AnyStrategy::Jemalloc(a) => a,
            _ => unreachable!(),
        }
    }
}
