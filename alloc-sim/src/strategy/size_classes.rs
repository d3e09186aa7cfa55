//! Segregated storage: one free list per size class, and no headers.
//!
//! Requests are rounded up to a *size class* (by default the powers of two
//! from 8 to 2048). Each class owns pages cut into blocks of exactly its
//! size, and keeps its free blocks on a LIFO list threaded through them:
//! the first word of a free block is the address of the next one.
//!
//! ```text
//!   class 32:  head ─▶ [next|....] ─▶ [next|....] ─▶ ∅
//!   a page of class 32:
//!   +--------+--------+--------+--------+-- … --+--------+
//!   | block  | block  | block  | block  |       | block  |    4096 / 32 = 128 blocks
//!   +--------+--------+--------+--------+-- … --+--------+
//! ```
//!
//! A block carries no header, so it cannot say how big it is: `dealloc`
//! finds the class again from the `Layout` it is given. That is the reason
//! Rust's `dealloc` takes the layout — and why a wrong layout would put a
//! block on the wrong list. Allocation and free are a pop and a push:
//! O(1), no search. The price is *slack* (a 33-byte request takes 64) and
//! memory that stays with its class: a page cut for 32-byte blocks serves
//! only 32-byte requests, even when all its blocks are free.
//!
//! Requests larger than the largest class, or more aligned than a page,
//! take whole pages from a first-fit [`Pages`] allocator.
//!
//! # Invariants
//! - every block on class `c`'s list lies in a page cut for `c`, at
//!   `page + i·c`, and is free; its first word links to the next;
//! - no block is on a list twice; the lists end.

use core::alloc::Layout;
#[cfg(debug_assertions)]
use std::collections::HashSet;

use litemap::LiteMap;

use crate::addr::{align_up, Addr};
use crate::event::{Event, Log};
use crate::heap::Heap;
use crate::role::{Metadata, Role};
use crate::strategy::pages::Pages;
use crate::role::RoleClass;
use crate::strategy::{FreeSpace, Request, Strategy, ThreadId, Described, Settings, SettingsError, SettingSpec, PAGE_SIZE};

/// The parameters the classes are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeClassConfig {
    /// The smallest class: a power of two of at least a word.
    pub min: u64,
    /// The largest class; at most a page.
    pub max: u64,
    /// Classes per doubling: 1 gives powers of two, 4 gives jemalloc's spacing.
    pub per_doubling: u64,
    /// Bytes per page.
    pub page: u64,
}

impl Default for SizeClassConfig {
    fn default() -> SizeClassConfig {
        SizeClassConfig {
            min: 8,
            max: 2048,
            per_doubling: 1,
            page: 4096,
        }
    }
}

impl SizeClassConfig {
    /// The classes, smallest first.
    pub fn classes(&self) -> Vec<u64> {
        let mut out = Vec::new();
        let mut base = self.min;
        while base <= self.max {
            for step in 0..self.per_doubling {
                let size = base + step * base / self.per_doubling;
                if size <= self.max && out.last() != Some(&size) {
                    out.push(size);
                }
            }
            base *= 2;
        }
        out
    }

    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), String> {
        if !self.min.is_power_of_two() || self.min < 8 {
            return Err(format!(
                "the smallest class must be a power of two of at least 8, not {}",
                self.min
            ));
        }
        if !self.page.is_power_of_two() || self.page < 256 {
            return Err(format!(
                "the page size must be a power of two of at least 256, not {}",
                self.page
            ));
        }
        if self.max < self.min || self.max > self.page {
            return Err(format!(
                "the largest class ({}) must be from the smallest to a page ({})",
                self.max, self.page
            ));
        }
        if !(1..=8).contains(&self.per_doubling) || !self.per_doubling.is_power_of_two() {
            return Err(format!(
                "classes per doubling must be 1, 2, 4 or 8, not {}",
                self.per_doubling
            ));
        }
        Ok(())
    }
}

/// Segregated free lists by size class. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeClasses {
    config: SizeClassConfig,
    classes: Vec<u64>,
    /// Head of each class's free list (the allocator's own memory).
    heads: Vec<Option<Addr>>,
    /// The class each page of a slab was cut for, by page address.
    slabs: LiteMap<Addr, usize>,
    pages: Option<Pages>,
}

impl Default for SizeClasses {
    fn default() -> SizeClasses {
        SizeClasses::new(SizeClassConfig::default())
    }
}

impl SizeClasses {
    /// The strategy with these parameters, which must be valid.
    pub fn new(config: SizeClassConfig) -> SizeClasses {
        let classes = config.classes();
        SizeClasses {
            config,
            heads: vec![None; classes.len()],
            classes,
            slabs: LiteMap::new_vec(),
            pages: None,
        }
    }

    /// The classes, smallest first.
    pub fn classes(&self) -> &[u64] {
        &self.classes
    }

    /// Every class's free list, smallest class first, each head first,
    /// read from the links in the heap's bytes (at most one node per word
    /// of the heap, so a corrupted, cyclic list cannot hang the walk).
    pub fn free_lists(&self, heap: &Heap) -> Vec<Vec<Addr>> {
        let limit = heap.len() / heap.word_size();
        self.heads
            .iter()
            .map(|&head| {
                let mut list = Vec::new();
                let mut at = head;
                while let Some(addr) = at {
                    if list.len() as u64 >= limit || !heap.contains(addr, heap.word_size()) {
                        break;
                    }
                    list.push(addr);
                    at = Some(Addr(heap.read_word(addr))).filter(|a| a.0 != 0);
                }
                list
            })
            .collect()
    }

    fn pages(&mut self) -> &mut Pages {
        self.pages
            .as_mut()
            .expect("SizeClasses::init runs before any call")
    }

    /// The class a layout belongs to: the smallest that holds the size and
    /// whose blocks are all aligned enough. `None`: whole pages.
    pub fn class_of(&self, layout: Layout) -> Option<usize> {
        let (size, align) = (layout.size() as u64, layout.align() as u64);
        if align > self.config.page {
            return None;
        }
        self.classes
            .iter()
            .position(|&c| c >= size && c % align == 0)
    }

    fn large_pages(&self, size: u64) -> u64 {
        size.div_ceil(self.config.page)
    }

    /// Cuts a fresh page into blocks of class `class`, threaded lowest first.
    fn refill(&mut self, heap: &mut Heap, class: usize, log: &mut Log) -> bool {
        let size = self.classes[class];
        let page = self.config.page;
        let Some(start) = self.pages().alloc(1, page, log) else {
            return false;
        };
        self.slabs.insert(start, class);
        let count = page / size;
        let word = heap.word_size();
        let mut next = self.heads[class];
        for i in (0..count).rev() {
            let block = start.add(i * size);
            heap.write_word(block, next.map_or(0, |a| a.0));
            heap.paint(block, word, Role::Metadata(Metadata::FreeLink));
            next = Some(block);
        }
        self.heads[class] = next;
        let tail = page - count * size;
        if tail > 0 {
            heap.paint(start.add(count * size), tail, Role::SlabTail);
        }
        log.push(Event::NewSlab {
            addr: start,
            size_class: size,
            regions: count,
        });
        true
    }

    fn push(&mut self, heap: &mut Heap, class: usize, addr: Addr, log: &mut Log) {
        let size = self.classes[class];
        heap.write_word(addr, self.heads[class].map_or(0, |a| a.0));
        let word = heap.word_size();
        heap.paint_parts(
            addr,
            &[
                (word, Role::Metadata(Metadata::FreeLink)),
                (size - word, Role::Free),
            ],
        );
        self.heads[class] = Some(addr);
        log.push(Event::FreeListPush {
            size_class: size,
            addr,
        });
    }

    /// The blocks on a class's list, in list order (at most `limit`).
    fn list(&self, heap: &Heap, class: usize, limit: u64) -> Vec<Addr> {
        let mut out = Vec::new();
        let mut at = self.heads[class];
        while let Some(addr) = at {
            if out.len() as u64 > limit || !heap.contains(addr, heap.word_size()) {
                break;
            }
            out.push(addr);
            let next = heap.read_word(addr);
            at = (next != 0).then_some(Addr(next));
        }
        out
    }
}

impl Described for SizeClasses {
    const NAME: &'static str = "size-class";
    const SUMMARY: &'static str =
        "header-less size classes, one LIFO free list each; pages never leave their class";
    const SETTINGS: &'static [SettingSpec] = &[PAGE_SIZE];
    const ROLES: &'static [RoleClass] = &[
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Slack,
        RoleClass::FreeMetadata,
    ];

    fn from_settings(settings: &Settings) -> Result<SizeClasses, SettingsError> {
        let page = settings.bytes(&PAGE_SIZE);
        let config = SizeClassConfig {
            page,
            max: SizeClassConfig::default().max.min(page),
            ..SizeClassConfig::default()
        };
        config.validate().map_err(|reason| SettingsError::Conflict {
            strategy: Self::NAME,
            reason,
        })?;
        Ok(SizeClasses::new(config))
    }
}

impl Strategy for SizeClasses {
    fn init(&mut self, heap: &mut Heap) {
        self.pages = Some(Pages::new(heap.base(), heap.len(), self.config.page));
    }

    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        let size = request.layout.size() as u64;
        let Some(class) = self.class_of(request.layout) else {
            let pages = self.large_pages(size);
            let align = (request.layout.align() as u64).max(self.config.page);
            let addr = self.pages().alloc(pages, align, log)?;
            heap.paint_parts(
                addr,
                &[
                    (size, Role::Payload(request.id)),
                    (pages * self.config.page - size, Role::Slack(request.id)),
                ],
            );
            return Some(addr);
        };
        if self.heads[class].is_none() && !self.refill(heap, class, log) {
            return None;
        }
        let addr = self.heads[class]?;
        let next = heap.read_word(addr);
        self.heads[class] = (next != 0).then_some(Addr(next));
        let block = self.classes[class];
        heap.paint_parts(
            addr,
            &[
                (size, Role::Payload(request.id)),
                (block - size, Role::Slack(request.id)),
            ],
        );
        log.push(Event::FreeListPop {
            size_class: block,
            addr,
        });
        Some(addr)
    }

    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        _thread: ThreadId,
        log: &mut Log,
    ) {
        match self.class_of(layout) {
            Some(class) => self.push(heap, class, addr, log),
            None => {
                let pages = self.large_pages(layout.size() as u64);
                heap.paint(addr, pages * self.config.page, Role::Free);
                self.pages().free(addr, pages, log);
            }
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
        // Still the same class (or the same number of pages): nothing moves.
        let same = match (self.class_of(layout), self.class_of(request.layout)) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.large_pages(layout.size() as u64) == self.large_pages(new_size),
            _ => false,
        };
        if same {
            let block = match self.class_of(layout) {
                Some(class) => self.classes[class],
                None => self.large_pages(new_size) * self.config.page,
            };
            heap.paint_parts(
                addr,
                &[
                    (new_size, Role::Payload(request.id)),
                    (block - new_size, Role::Slack(request.id)),
                ],
            );
            log.push(Event::ResizedInPlace {
                addr,
                old_size: layout.size() as u64,
                new_size,
            });
            return Some(addr);
        }
        crate::strategy::default_realloc(self, heap, addr, layout, new_size, request, log)
    }

    fn free_space(&self, heap: &Heap) -> FreeSpace {
        let Some(pages) = &self.pages else {
            return FreeSpace::default();
        };
        let mut total = pages.free_bytes();
        let mut largest = pages.largest_run();
        let mut largest_at = pages.largest_run_at();
        for (class, &size) in self.classes.iter().enumerate() {
            let n = self.list(heap, class, heap.len()).len() as u64;
            total += n * size;
            if n > 0 && size > largest {
                largest = size;
                largest_at = self.heads[class];
            }
        }
        FreeSpace {
            total,
            largest,
            largest_at,
        }
    }

    fn usable_size(&self, layout: Layout, _heap: &Heap) -> u64 {
        match self.class_of(layout) {
            Some(class) => self.classes[class],
            None => align_up(layout.size() as u64, self.config.page),
        }
    }

    fn wrong_layout_consequence(&self, given: Layout, actual: Layout, _heap: &Heap) -> String {
        let name = |l: Layout| match self.class_of(l) {
            Some(c) => format!("{}-byte class", self.classes[c]),
            None => format!("{} whole page(s)", self.large_pages(l.size() as u64)),
        };
        let (wrong, right) = (name(given), name(actual));
        if wrong == right {
            format!(
                "Both layouts fall in the {right}, so this allocator would happen to free it correctly; \
                 the contract is still broken, and a header-less allocator trusts the layout completely."
            )
        } else {
            format!(
                "This allocator has no header to check: it would file the block under the {wrong} although it \
                 is one of the {right}. The next request of that size would get it and write past its end \
                 into its neighbour — or part of it would never be free again."
            )
        }
    }

    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String> {
        let pages = self
            .pages
            .as_ref()
            .ok_or("size classes were never initialised")?;
        pages.check()?;
        let mut seen = HashSet::new();
        for (class, &size) in self.classes.iter().enumerate() {
            let list = self.list(heap, class, heap.len() / size + 1);
            if let Some(&last) = list.last() {
                if heap.read_word(last) != 0 {
                    return Err(format!("the {size}-byte free list does not end (cycle?)"));
                }
            }
            for addr in list {
                let page = addr.align_down(self.config.page);
                if self.slabs.get(&page) != Some(&class) || addr.since(page) % size != 0 {
                    return Err(format!(
                        "{addr} is on the {size}-byte list but not a block of that class"
                    ));
                }
                if !seen.insert(addr) {
                    return Err(format!("{addr} is on a free list twice"));
                }
                if heap.role_at(addr) != Role::Metadata(Metadata::FreeLink) {
                    return Err(format!(
                        "free block {addr} is painted {:?}",
                        heap.role_at(addr)
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HeapConfig, Simulation, StrategyKind};

    fn sim() -> Simulation {
        Simulation::new(HeapConfig::new(32 << 10), StrategyKind::SizeClass).unwrap()
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn default_classes_are_powers_of_two_from_8_to_2048() {
        assert_eq!(
            SizeClassConfig::default().classes(),
            vec![8, 16, 32, 64, 128, 256, 512, 1024, 2048]
        );
        let four = SizeClassConfig {
            per_doubling: 4,
            ..SizeClassConfig::default()
        };
        assert_eq!(&four.classes()[..6], &[8, 10, 12, 14, 16, 20]);
    }

    #[test]
    fn a_33_byte_request_takes_a_64_byte_block() {
        let mut s = sim();
        let a = s.alloc(layout(33, 1)).unwrap();
        let b = s.alloc(layout(40, 8)).unwrap();
        assert_eq!(b.since(a), 64);
        assert_eq!(s.metrics().slack_bytes, 31 + 24);
        s.check().unwrap();
    }

    #[test]
    fn freed_blocks_come_back_last_in_first_out() {
        let mut s = sim();
        let blocks: Vec<_> = (0..4).map(|_| s.alloc(layout(16, 8)).unwrap()).collect();
        s.dealloc(blocks[1], layout(16, 8)).unwrap();
        s.dealloc(blocks[3], layout(16, 8)).unwrap();
        assert_eq!(s.alloc(layout(16, 8)).unwrap(), blocks[3]);
        assert_eq!(s.alloc(layout(16, 8)).unwrap(), blocks[1]);
        s.check().unwrap();
    }

    #[test]
    fn a_page_stays_with_its_class_even_when_empty() {
        let mut s = sim();
        let a = s.alloc(layout(2048, 8)).unwrap();
        s.dealloc(a, layout(2048, 8)).unwrap();
        // The page is cut for 2048-byte blocks: a 16-byte request takes a new page.
        let b = s.alloc(layout(16, 8)).unwrap();
        assert_ne!(b.align_down(4096), a.align_down(4096));
        s.check().unwrap();
    }

    #[test]
    fn large_requests_take_whole_pages() {
        let mut s = sim();
        let a = s.alloc(layout(5000, 8)).unwrap();
        assert!(a.is_aligned(4096));
        assert_eq!(s.metrics().slack_bytes, 8192 - 5000);
        s.dealloc(a, layout(5000, 8)).unwrap();
        assert_eq!(s.metrics().total_free, 32 << 10);
        s.check().unwrap();
    }

    #[test]
    fn wrong_layout_on_dealloc_is_caught_and_explained() {
        let mut s = sim();
        let a = s.alloc(layout(16, 8)).unwrap();
        let before = s.heap().clone();
        let err = s.dealloc(a, layout(32, 8)).unwrap_err().to_string();
        assert!(
            err.contains("32-byte class") && err.contains("16-byte class"),
            "{err}"
        );
        assert_eq!(s.heap(), &before);
        s.check().unwrap();
    }
}
