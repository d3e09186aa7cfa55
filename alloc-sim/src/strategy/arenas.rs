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

use core::alloc::Layout;
use std::collections::{BTreeMap, BTreeSet};

pub mod classes;

use crate::addr::Addr;
use crate::event::{Event, Log};
use crate::heap::Heap;
use crate::role::Role;
use crate::strategy::pages::Pages;
use crate::strategy::{FreeSpace, Request, Strategy, ThreadId};
use classes::{Classes, TCACHE_LARGE_SLOTS, TCACHE_MAX};

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

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Bin {
    current: Option<Addr>,
    nonfull: BTreeSet<Addr>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Arena {
    bins: Vec<Bin>,
    threads: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Slab {
    arena: u32,
    bin: usize,
    /// One bit per region; set = allocated (or cached).
    bitmap: Vec<u64>,
    nfree: u64,
}

impl Slab {
    /// The lowest free region, if any of the slab's `nregs` is free. The
    /// bitmap's last word has unused bits past `nregs`, which never count.
    fn lowest_free(&self, nregs: u64) -> Option<u64> {
        self.bitmap
            .iter()
            .enumerate()
            .find(|(_, w)| **w != u64::MAX)
            .map(|(i, w)| i as u64 * 64 + u64::from(w.trailing_ones()))
            .filter(|&index| index < nregs)
    }

    fn set(&mut self, index: u64, allocated: bool) {
        let (word, bit) = ((index / 64) as usize, index % 64);
        if allocated {
            self.bitmap[word] |= 1 << bit;
        } else {
            self.bitmap[word] &= !(1 << bit);
        }
    }

    fn is_set(&self, index: u64) -> bool {
        self.bitmap[(index / 64) as usize] & (1 << (index % 64)) != 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Large {
    pages: u64,
}

/// One thread's cache: LIFO stacks of regions per small bin, and of large
/// extents per usable size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Tcache {
    small: BTreeMap<usize, Vec<Addr>>,
    large: BTreeMap<u64, Vec<Addr>>,
}

/// jemalloc-style arenas. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arenas {
    config: ArenaConfig,
    classes: Classes,
    pages: Option<Pages>,
    arenas: Vec<Arena>,
    bindings: BTreeMap<ThreadId, u32>,
    tcaches: BTreeMap<ThreadId, Tcache>,
    slabs: BTreeMap<Addr, Slab>,
    large: BTreeMap<Addr, Large>,
}

impl Default for Arenas {
    fn default() -> Arenas {
        Arenas::new(ArenaConfig::default())
    }
}

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
            bindings: BTreeMap::from([(ThreadId::MAIN, 0)]),
            tcaches: BTreeMap::new(),
            slabs: BTreeMap::new(),
            large: BTreeMap::new(),
        }
    }

    /// The size classes in use.
    pub fn classes(&self) -> &Classes {
        &self.classes
    }

    /// The arena a thread is bound to, if it has allocated.
    pub fn arena_of(&self, thread: ThreadId) -> Option<u32> {
        self.bindings.get(&thread).copied()
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

    /// Binds `thread` on its first call: the main thread to arena 0, others
    /// to the arena with the fewest threads, lowest index on a tie.
    fn bind(&mut self, thread: ThreadId, log: &mut Log) -> u32 {
        if let Some(&arena) = self.bindings.get(&thread) {
            return arena;
        }
        let arena = if thread == ThreadId::MAIN {
            0
        } else {
            (0..self.arenas.len())
                .min_by_key(|&i| (self.arenas[i].threads, i))
                .unwrap_or(0) as u32
        };
        self.arenas[arena as usize].threads += 1;
        self.bindings.insert(thread, arena);
        log.push(Event::ThreadBound {
            thread: thread.0,
            arena,
        });
        arena
    }

    /// A region from arena `arena`'s bin `bin`: the lowest free region of
    /// the current slab, else of the lowest non-full slab, else of a new slab.
    fn bin_alloc(
        &mut self,
        heap: &mut Heap,
        arena: u32,
        bin: usize,
        log: &mut Log,
    ) -> Option<Addr> {
        let class = self.classes.small[bin];
        let slot = &mut self.arenas[arena as usize].bins[bin];
        let slab_addr = match slot.current.or_else(|| slot.nonfull.pop_first()) {
            Some(addr) => addr,
            None => {
                let page = self.config.page;
                let addr = self.pages().alloc(class.slab_pages, page, log)?;
                let words = class.nregs.div_ceil(64) as usize;
                self.slabs.insert(
                    addr,
                    Slab {
                        arena,
                        bin,
                        bitmap: vec![0; words],
                        nfree: class.nregs,
                    },
                );
                let tail = class.slab_size(self.config.page) - class.nregs * class.size;
                if tail > 0 {
                    heap.paint(addr.add(class.nregs * class.size), tail, Role::SlabTail);
                }
                log.push(Event::NewSlab {
                    addr,
                    size_class: class.size,
                    regions: class.nregs,
                });
                addr
            }
        };
        let slab = self
            .slabs
            .get_mut(&slab_addr)
            .expect("bins hold only live slabs");
        let index = slab
            .lowest_free(class.nregs)
            .expect("a bin's slabs have a free region");
        slab.set(index, true);
        slab.nfree -= 1;
        let full = slab.nfree == 0;
        self.arenas[arena as usize].bins[bin].current = (!full).then_some(slab_addr);
        let addr = slab_addr.add(index * class.size);
        log.push(Event::RegionTaken {
            slab: slab_addr,
            index,
            addr,
        });
        Some(addr)
    }

    /// Gives a region back to its slab's bin (in the slab's own arena).
    fn bin_dealloc(&mut self, heap: &mut Heap, addr: Addr, log: &mut Log) {
        let (&slab_addr, _) = self
            .slabs
            .range(..=addr)
            .next_back()
            .expect("a small region lies in a slab");
        let slab = self.slabs.get_mut(&slab_addr).expect("just found");
        let class = self.classes.small[slab.bin];
        let index = addr.since(slab_addr) / class.size;
        slab.set(index, false);
        slab.nfree += 1;
        let (arena, bin, nfree) = (slab.arena, slab.bin, slab.nfree);
        heap.paint(addr, class.size, Role::Free);
        log.push(Event::RegionFreed {
            slab: slab_addr,
            index,
        });
        let slot = &mut self.arenas[arena as usize].bins[bin];
        if nfree == class.nregs {
            // Empty: the slab's pages go back.
            if slot.current == Some(slab_addr) {
                slot.current = None;
            }
            slot.nonfull.remove(&slab_addr);
            self.slabs.remove(&slab_addr);
            log.push(Event::SlabEmptied {
                addr: slab_addr,
                size_class: class.size,
            });
            let pages = class.slab_pages;
            heap.paint(slab_addr, pages * self.config.page, Role::Free);
            self.pages().free(slab_addr, pages, log);
        } else if nfree == 1 && slot.current != Some(slab_addr) {
            // Was full: it becomes usable again. The lower of it and the
            // current slab is used first (`arena_bin_lower_slab`).
            match slot.current {
                Some(current) if slab_addr < current => {
                    slot.nonfull.insert(current);
                    slot.current = Some(slab_addr);
                }
                _ => {
                    slot.nonfull.insert(slab_addr);
                }
            }
        }
    }

    fn large_alloc(&mut self, usable: u64, align: u64, log: &mut Log) -> Option<Addr> {
        let pages = usable.div_ceil(self.config.page);
        let align = align.max(self.config.page);
        let addr = self.pages().alloc(pages, align, log)?;
        self.large.insert(addr, Large { pages });
        Some(addr)
    }

    fn large_dealloc(&mut self, heap: &mut Heap, addr: Addr, log: &mut Log) {
        let large = self.large.remove(&addr).expect("a live large extent");
        heap.paint(addr, large.pages * self.config.page, Role::Free);
        self.pages().free(addr, large.pages, log);
    }

    fn paint_live(heap: &mut Heap, addr: Addr, size: u64, usable: u64, request: Request) {
        heap.paint(addr, size, Role::Payload(request.id));
        heap.paint(addr.add(size), usable - size, Role::Slack(request.id));
    }

    /// A region from the thread's cache, refilling it from the arena first
    /// if it is empty.
    fn tcache_alloc(
        &mut self,
        heap: &mut Heap,
        thread: ThreadId,
        arena: u32,
        bin: usize,
        log: &mut Log,
    ) -> Option<Addr> {
        let size = self.classes.small[bin].size;
        let cached = self
            .tcaches
            .entry(thread)
            .or_default()
            .small
            .entry(bin)
            .or_default()
            .len();
        if cached == 0 {
            let want = self.classes.tcache_capacity(bin) / 2;
            let mut filled = Vec::new();
            while (filled.len() as u64) < want {
                match self.bin_alloc(heap, arena, bin, log) {
                    Some(addr) => filled.push(addr),
                    None => break,
                }
            }
            if filled.is_empty() {
                return None;
            }
            for &addr in &filled {
                heap.paint(addr, size, Role::Cached);
            }
            log.push(Event::TcacheFill {
                thread: thread.0,
                size_class: size,
                count: filled.len() as u64,
            });
            filled.reverse();
            self.tcaches
                .entry(thread)
                .or_default()
                .small
                .insert(bin, filled);
        } else {
            log.push(Event::TcacheHit {
                thread: thread.0,
                size_class: size,
            });
        }
        self.tcaches.get_mut(&thread)?.small.get_mut(&bin)?.pop()
    }

    /// Keeps a freed region in the thread's cache; a full cache first gives
    /// its older half back to the regions' arenas.
    fn tcache_dealloc(
        &mut self,
        heap: &mut Heap,
        thread: ThreadId,
        bin: usize,
        addr: Addr,
        log: &mut Log,
    ) {
        let capacity = self.classes.tcache_capacity(bin) as usize;
        let size = self.classes.small[bin].size;
        let stack = self
            .tcaches
            .entry(thread)
            .or_default()
            .small
            .entry(bin)
            .or_default();
        if stack.len() >= capacity {
            let flushed: Vec<Addr> = stack.drain(..capacity / 2).collect();
            log.push(Event::TcacheFlush {
                thread: thread.0,
                size_class: size,
                count: flushed.len() as u64,
            });
            for region in flushed {
                self.bin_dealloc(heap, region, log);
            }
        }
        heap.paint(addr, size, Role::Cached);
        self.tcaches
            .entry(thread)
            .or_default()
            .small
            .entry(bin)
            .or_default()
            .push(addr);
        log.push(Event::TcacheStash {
            thread: thread.0,
            size_class: size,
        });
    }

    /// Free bytes inside slabs that still hold a live region: usable only by
    /// their size class ("one live 48-byte object pins a slab of 12 KiB").
    pub fn pinned_bytes(&self) -> u64 {
        self.slabs
            .values()
            .map(|s| s.nfree * self.classes.small[s.bin].size)
            .sum()
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
                let cached = if self.config.tcache && usable <= TCACHE_MAX {
                    self.tcaches
                        .entry(request.thread)
                        .or_default()
                        .large
                        .get_mut(&usable)
                        .and_then(Vec::pop)
                } else {
                    None
                };
                let addr = match cached {
                    Some(addr) => {
                        log.push(Event::TcacheHit {
                            thread: request.thread.0,
                            size_class: usable,
                        });
                        addr
                    }
                    None => self.large_alloc(usable, request.layout.align() as u64, log)?,
                };
                let extent = self.large[&addr].pages * self.config.page;
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
            Kind::Large(usable) if self.config.tcache && usable <= TCACHE_MAX => {
                let stack = self
                    .tcaches
                    .entry(thread)
                    .or_default()
                    .large
                    .entry(usable)
                    .or_default();
                if stack.len() as u64 >= TCACHE_LARGE_SLOTS {
                    let flushed: Vec<Addr> =
                        stack.drain(..(TCACHE_LARGE_SLOTS / 2) as usize).collect();
                    log.push(Event::TcacheFlush {
                        thread: thread.0,
                        size_class: usable,
                        count: flushed.len() as u64,
                    });
                    for extent in flushed {
                        self.large_dealloc(heap, extent, log);
                    }
                }
                let extent = self.large[&addr].pages * self.config.page;
                heap.paint(addr, extent, Role::Cached);
                self.tcaches
                    .entry(thread)
                    .or_default()
                    .large
                    .entry(usable)
                    .or_default()
                    .push(addr);
                log.push(Event::TcacheStash {
                    thread: thread.0,
                    size_class: usable,
                });
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
            let extent = self
                .large
                .get(&addr)
                .map_or(old, |l| l.pages * self.config.page);
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
        // The biggest free region in a slab, and where it is.
        let region = self
            .slabs
            .iter()
            .filter_map(|(addr, s)| {
                let size = self.classes.small[s.bin].size;
                s.lowest_free(self.classes.small[s.bin].nregs)
                    .map(|i| (size, addr.add(i * size)))
            })
            .max_by_key(|&(size, addr)| (size, std::cmp::Reverse(addr)));
        let (largest, largest_at) = match region {
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

    fn check(&self, heap: &Heap) -> Result<(), String> {
        let pages = self.pages.as_ref().ok_or("arenas were never initialised")?;
        pages.check()?;
        let cached: BTreeSet<Addr> = self
            .tcaches
            .values()
            .flat_map(|t| t.small.values().chain(t.large.values()).flatten().copied())
            .collect();
        let mut end = Addr(0);
        for (&addr, slab) in &self.slabs {
            let class = self.classes.small[slab.bin];
            if addr < end || pages.is_free(addr) {
                return Err(format!(
                    "slab at {addr} overlaps another or a free page run"
                ));
            }
            end = addr.add(class.slab_size(self.config.page));
            let zeros = (0..class.nregs).filter(|&i| !slab.is_set(i)).count() as u64;
            if zeros != slab.nfree
                || slab.nfree == 0
                    && self.arenas[slab.arena as usize].bins[slab.bin].current == Some(addr)
            {
                return Err(format!(
                    "slab at {addr}: nfree {} but {zeros} free bits",
                    slab.nfree
                ));
            }
            if slab.nfree == class.nregs {
                return Err(format!("empty slab at {addr} was not given back"));
            }
            for i in 0..class.nregs {
                let region = addr.add(i * class.size);
                let role = heap.role_at(region);
                let ok = if !slab.is_set(i) {
                    matches!(role, Role::Free | Role::Untouched)
                } else if cached.contains(&region) {
                    role == Role::Cached
                } else {
                    role.in_use()
                };
                if !ok {
                    return Err(format!(
                        "region {i} of the slab at {addr} is {role:?}, bitmap says otherwise"
                    ));
                }
            }
        }
        for (arena, a) in self.arenas.iter().enumerate() {
            for (bin, slot) in a.bins.iter().enumerate() {
                for slab in slot.current.iter().chain(slot.nonfull.iter()) {
                    let s = self.slabs.get(slab).ok_or(format!(
                        "arena {arena} bin {bin} lists a slab at {slab} that does not exist"
                    ))?;
                    if s.nfree == 0 || s.bin != bin || s.arena != arena as u32 {
                        return Err(format!(
                            "arena {arena} bin {bin} lists the slab at {slab} wrongly"
                        ));
                    }
                }
                if slot.current.is_some_and(|c| slot.nonfull.contains(&c)) {
                    return Err(format!(
                        "arena {arena} bin {bin}: current slab also listed as non-full"
                    ));
                }
            }
        }
        for &addr in self.large.keys() {
            if pages.is_free(addr)
                || self
                    .slabs
                    .range(..=addr)
                    .next_back()
                    .is_some_and(|(s, slab)| {
                        addr < s.add(self.classes.small[slab.bin].slab_size(self.config.page))
                    })
            {
                return Err(format!(
                    "large extent at {addr} overlaps a slab or a free run"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HeapConfig, Settings, Simulation, StrategyKind};

    fn sim(tcache: bool) -> Simulation {
        let settings = Settings {
            tcache,
            ..Settings::default()
        };
        let strategy = StrategyKind::Jemalloc.build_with(settings).unwrap();
        Simulation::with_strategy(HeapConfig::new(1 << 20), strategy).unwrap()
    }

    fn layout(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    fn arenas(s: &Simulation) -> &Arenas {
        match s.strategy() {
            crate::AnyStrategy::Jemalloc(a) => a,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_slab_filling_up_takes_a_new_slab_after_its_last_region() {
        let mut s = sim(false);
        // 14336-byte class: 2 regions in a 7-page slab.
        let a = s.alloc(layout(14000)).unwrap();
        let b = s.alloc(layout(14000)).unwrap();
        let c = s.alloc(layout(14000)).unwrap();
        assert_eq!(b.since(a), 14336);
        assert_eq!(c.since(a), 7 * 4096);
        assert!(s
            .events()
            .iter()
            .any(|e| matches!(e, Event::NewSlab { regions: 2, .. })));
        s.check().unwrap();
    }

    #[test]
    fn a_slab_emptying_gives_its_pages_back() {
        let mut s = sim(false);
        let free_before = s.metrics().largest_free;
        let blocks: Vec<_> = (0..5).map(|_| s.alloc(layout(48)).unwrap()).collect();
        for b in blocks {
            s.dealloc(b, layout(48)).unwrap();
        }
        assert!(s
            .events()
            .iter()
            .any(|e| matches!(e, Event::PagesReturned { pages: 3, .. })));
        assert_eq!(s.metrics().largest_free, free_before);
        s.check().unwrap();
    }

    #[test]
    fn one_live_object_pins_its_slab() {
        let mut s = sim(false);
        let blocks: Vec<_> = (0..256).map(|_| s.alloc(layout(48)).unwrap()).collect();
        for &b in &blocks[1..] {
            s.dealloc(b, layout(48)).unwrap();
        }
        assert_eq!(arenas(&s).pinned_bytes(), 255 * 48);
        s.check().unwrap();
    }

    #[test]
    fn a_full_slab_has_no_free_region_despite_its_bitmap_padding() {
        let mut slab = Slab {
            arena: 0,
            bin: 0,
            bitmap: vec![0],
            nfree: 2,
        };
        slab.set(0, true);
        slab.set(1, true);
        assert_eq!(slab.lowest_free(2), None);
        slab.set(1, false);
        assert_eq!(slab.lowest_free(2), Some(1));
    }

    #[test]
    fn a_large_extent_coalesces_with_its_neighbours() {
        let mut s = sim(false);
        let a = s.alloc(layout(20000)).unwrap();
        let b = s.alloc(layout(20000)).unwrap();
        let c = s.alloc(layout(20000)).unwrap();
        assert_eq!(b.since(a), 20480);
        s.dealloc(a, layout(20000)).unwrap();
        s.dealloc(c, layout(20000)).unwrap();
        s.dealloc(b, layout(20000)).unwrap();
        assert_eq!(s.metrics().largest_free, 1 << 20);
        s.check().unwrap();
    }

    #[test]
    fn threads_are_bound_round_robin_after_main() {
        let mut s = sim(false);
        for t in 0..6 {
            s.alloc_on(ThreadId(t), layout(16), false).unwrap();
        }
        let bound: Vec<_> = (0..6)
            .map(|t| arenas(&s).arena_of(ThreadId(t)).unwrap())
            .collect();
        assert_eq!(bound, vec![0, 1, 2, 3, 0, 1]);
        s.check().unwrap();
    }

    #[test]
    fn tcache_fills_with_half_its_capacity_then_hits() {
        let mut s = sim(true);
        let a = s.alloc(layout(16)).unwrap();
        // 16-byte bin: 256 regions per slab → capacity 200 → fill 100.
        assert!(s
            .events()
            .iter()
            .any(|e| matches!(e, Event::TcacheFill { count: 100, .. })));
        assert_eq!(s.metrics().cached_bytes, 99 * 16);
        let b = s.alloc(layout(16)).unwrap();
        assert_eq!(b.since(a), 16);
        assert!(s
            .events()
            .iter()
            .any(|e| matches!(e, Event::TcacheHit { .. })));
        s.check().unwrap();
    }

    #[test]
    fn a_tcache_flush_gives_the_older_half_back() {
        let mut s = sim(true);
        // The 10240-byte class has 2 regions per slab: capacity clamps to 20.
        let blocks: Vec<_> = (0..21).map(|_| s.alloc(layout(10000)).unwrap()).collect();
        let mut flushes = Vec::new();
        for &b in &blocks {
            s.dealloc(b, layout(10000)).unwrap();
            flushes.extend(s.events().iter().filter_map(|e| match e {
                Event::TcacheFlush { count, .. } => Some(*count),
                _ => None,
            }));
        }
        // 21 allocations took three fills of 10, leaving 9 cached. Eleven
        // frees fill the stack to 20; the twelfth flushes the older 10 first;
        // the last nine bring it back to 20.
        assert_eq!(flushes, vec![10]);
        assert_eq!(s.metrics().cached_bytes, 20 * 10240);
        s.check().unwrap();
    }
}
