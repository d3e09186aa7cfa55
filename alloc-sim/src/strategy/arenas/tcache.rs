//! Thread caches (tcache): each thread's LIFO stacks of freed regions, one
//! per small bin, and of freed large extents, one per usable size up to
//! [`TCACHE_MAX`].
//!
//! A small allocation pops its bin's stack without touching the arena; an
//! empty stack is first refilled from the arena's bin with half its
//! capacity ([`Classes::tcache_capacity`](super::classes::Classes::tcache_capacity)),
//! lowest region on top. A free pushes the region; a full stack first gives
//! its older half back to the regions' own arenas (a *flush*). Large
//! extents work alike with [`TCACHE_LARGE_SLOTS`] slots per size, but are
//! never refilled: a miss takes a new extent. A cached region or extent is
//! painted [`Role::Cached`]: free, but held by one thread for one size.
//!
//! ```text
//!   thread @1, bin 16 B:  [ 0x10630, 0x10620, …, 0x10010 ]  ◀─ top: pop / push
//!                           └ older half, flushed to the arena when full
//! ```
//!
//! A hit or a stash costs one push or pop; a fill or a flush does half a
//! stack's worth of the arena's work at once.

use crate::addr::Addr;
use crate::event::{Event, Log};
use crate::heap::Heap;
use crate::role::Role;
use crate::strategy::ThreadId;

use super::classes::{TCACHE_LARGE_SLOTS, TCACHE_MAX};
use super::Arenas;

/// One thread's cache: LIFO stacks of regions per small bin, and of large
/// extents per usable size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Tcache {
    /// The stack of each small bin, by bin index; grown up to the highest
    /// bin the thread has used.
    small: Vec<Vec<Addr>>,
    /// The stack of each usable size of large extent, in the order the
    /// thread first cached one (a few sizes up to [`TCACHE_MAX`]: a list,
    /// not a map).
    large: Vec<(u64, Vec<Addr>)>,
}

impl Tcache {
    /// Bin `bin`'s stack, empty if the thread never used it.
    fn small(&mut self, bin: usize) -> &mut Vec<Addr> {
        if self.small.len() <= bin {
            self.small.resize_with(bin + 1, Vec::new);
        }
        &mut self.small[bin]
    }

    /// The stack of extents of `usable` bytes, empty if the thread never
    /// cached one.
    fn large(&mut self, usable: u64) -> &mut Vec<Addr> {
        let i = match self.large.iter().position(|&(u, _)| u == usable) {
            Some(i) => i,
            None => {
                self.large.push((usable, Vec::new()));
                self.large.len() - 1
            }
        };
        &mut self.large[i].1
    }
}

impl Arenas {
    /// The thread's cache, empty if it has none yet.
    fn tcache(&mut self, thread: ThreadId) -> &mut Tcache {
        let i = match self.tcaches.iter().position(|&(t, _)| t == thread) {
            Some(i) => i,
            None => {
                self.tcaches.push((thread, Tcache::default()));
                self.tcaches.len() - 1
            }
        };
        &mut self.tcaches[i].1
    }

    /// A region from the thread's cache, refilling it from the arena first
    /// if it is empty.
    pub(super) fn tcache_alloc(
        &mut self,
        heap: &mut Heap,
        thread: ThreadId,
        arena: u32,
        bin: usize,
        log: &mut Log,
    ) -> Option<Addr> {
        let size = self.classes.small[bin].size;
        let cached = self.tcache(thread).small(bin).len();
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
            *self.tcache(thread).small(bin) = filled;
        } else {
            log.push(Event::TcacheHit {
                thread: thread.0,
                size_class: size,
            });
        }
        self.tcache(thread).small(bin).pop()
    }

    /// Keeps a freed region in the thread's cache; a full cache first gives
    /// its older half back to the regions' arenas.
    pub(super) fn tcache_dealloc(
        &mut self,
        heap: &mut Heap,
        thread: ThreadId,
        bin: usize,
        addr: Addr,
        log: &mut Log,
    ) {
        let capacity = self.classes.tcache_capacity(bin) as usize;
        let size = self.classes.small[bin].size;
        let stack = self.tcache(thread).small(bin);
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
        self.tcache(thread).small(bin).push(addr);
        log.push(Event::TcacheStash {
            thread: thread.0,
            size_class: size,
        });
    }

    /// Whether thread caches keep large extents of `usable` bytes.
    pub(super) fn tcache_holds_large(&self, usable: u64) -> bool {
        self.config.tcache && usable <= TCACHE_MAX
    }

    /// The thread's most recently cached extent of `usable` bytes, if any.
    /// A miss is not refilled: the caller takes a new extent.
    pub(super) fn tcache_large_alloc(
        &mut self,
        thread: ThreadId,
        usable: u64,
        log: &mut Log,
    ) -> Option<Addr> {
        let addr = self
            .tcache(thread)
            .large
            .iter_mut()
            .find(|(u, _)| *u == usable)
            .and_then(|(_, stack)| stack.pop())?;
        log.push(Event::TcacheHit {
            thread: thread.0,
            size_class: usable,
        });
        Some(addr)
    }

    /// Keeps a freed large extent in the thread's cache; a full stack first
    /// gives its older half back to the page allocator.
    pub(super) fn tcache_large_dealloc(
        &mut self,
        heap: &mut Heap,
        thread: ThreadId,
        usable: u64,
        addr: Addr,
        log: &mut Log,
    ) {
        let stack = self.tcache(thread).large(usable);
        if stack.len() as u64 >= TCACHE_LARGE_SLOTS {
            let flushed: Vec<Addr> = stack.drain(..(TCACHE_LARGE_SLOTS / 2) as usize).collect();
            log.push(Event::TcacheFlush {
                thread: thread.0,
                size_class: usable,
                count: flushed.len() as u64,
            });
            for extent in flushed {
                self.large_dealloc(heap, extent, log);
            }
        }
        let extent = self.large_extent(addr).expect("a live large extent");
        heap.paint(addr, extent, Role::Cached);
        self.tcache(thread).large(usable).push(addr);
        log.push(Event::TcacheStash {
            thread: thread.0,
            size_class: usable,
        });
    }

    /// Every region and extent on any thread's stacks, sorted (for
    /// `binary_search`).
    #[cfg(debug_assertions)]
    pub(super) fn cached_addrs(&self) -> Vec<Addr> {
        let mut addrs: Vec<Addr> = self
            .tcaches
            .iter()
            .flat_map(|(_, t)| t.small.iter().chain(t.large.iter().map(|(_, s)| s)))
            .flatten()
            .copied()
            .collect();
        crate::stable_sort::sort(&mut addrs);
        addrs
    }
}

#[cfg(test)]
mod tests {
    use crate::event::Event;
    use crate::strategy::arenas::testing::{layout, sim};

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
