//! A page allocator: the heap as a row of equal pages, handed out in runs,
//! first fit by address, with freed runs merged with their neighbours.
//!
//! Size-class allocators get their slabs and their large blocks here. Like
//! jemalloc's extent records, the page allocator's record of the free runs
//! lives outside the pages it describes (in the allocator's own structs),
//! so a free page holds no metadata.
//!
//! # Invariants
//! - free runs are disjoint, non-empty, and never touch (merged on free);
//! - every run lies within `first .. first + count·page`.

use litemap::LiteMap;

use crate::addr::Addr;
use crate::event::{Event, Log};
use crate::flat;

/// The free runs of a row of pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pages {
    first: Addr,
    page: u64,
    count: u64,
    /// First page index → pages in the run, lowest first.
    free: LiteMap<u64, u64>,
}

impl Pages {
    /// The whole pages of `base .. base + len`, all free.
    pub fn new(base: Addr, len: u64, page: u64) -> Pages {
        let first = base.align_up(page);
        let count = base.add(len).0.saturating_sub(first.0) / page;
        let mut free = LiteMap::new_vec();
        if count > 0 {
            free.insert(0, count);
        }
        Pages {
            first,
            page,
            count,
            free,
        }
    }

    /// Bytes per page.
    pub fn page_size(&self) -> u64 {
        self.page
    }

    /// The first page's address.
    pub fn first(&self) -> Addr {
        self.first
    }

    /// How many pages there are.
    pub fn count(&self) -> u64 {
        self.count
    }

    fn addr(&self, index: u64) -> Addr {
        self.first.add(index * self.page)
    }

    /// Takes the first run (by address) that can hold `pages` pages starting
    /// at a multiple of `align` (a power of two); what is left on either
    /// side stays free.
    pub fn alloc(&mut self, pages: u64, align: u64, log: &mut Log) -> Option<Addr> {
        let (start, index, len) = self.free.iter().find_map(|(&index, &len)| {
            let start = self.addr(index).align_up(align);
            let skip = start.since(self.addr(index)) / self.page;
            (skip + pages <= len).then_some((index + skip, index, len))
        })?;
        self.free.remove(&index);
        if start > index {
            self.free.insert(index, start - index);
        }
        if start + pages < index + len {
            self.free.insert(start + pages, index + len - start - pages);
        }
        let addr = self.addr(start);
        log.push(Event::PagesTaken { addr, pages });
        Some(addr)
    }

    /// Gives back `pages` pages at `addr`, merging with free neighbours.
    pub fn free(&mut self, addr: Addr, pages: u64, log: &mut Log) {
        let mut index = addr.since(self.first) / self.page;
        let mut len = pages;
        if let Some((&prev, &prev_len)) = flat::below(&self.free, &index) {
            if prev + prev_len == index {
                self.free.remove(&prev);
                index = prev;
                len += prev_len;
            }
        }
        if let Some(next_len) = self.free.remove(&(index + len)) {
            len += next_len;
        }
        self.free.insert(index, len);
        log.push(Event::PagesReturned { addr, pages });
    }

    /// Free runs, lowest first: (address, bytes).
    pub fn runs(&self) -> impl Iterator<Item = (Addr, u64)> + '_ {
        self.free
            .iter()
            .map(|(&i, &n)| (self.addr(i), n * self.page))
    }

    /// Bytes in all free runs.
    pub fn free_bytes(&self) -> u64 {
        self.free.values().sum::<u64>() * self.page
    }

    /// Bytes in the largest free run.
    pub fn largest_run(&self) -> u64 {
        self.free.values().max().copied().unwrap_or(0) * self.page
    }

    /// Where the largest free run starts (the lowest, if several are as large).
    pub fn largest_run_at(&self) -> Option<Addr> {
        let largest = self.free.values().max()?;
        self.free
            .iter()
            .find(|(_, n)| *n == largest)
            .map(|(&i, _)| self.addr(i))
    }

    /// Whether the page at `addr` is in a free run.
    pub fn is_free(&self, addr: Addr) -> bool {
        let index = addr.since(self.first) / self.page;
        flat::at_or_below(&self.free, &index).is_some_and(|(&i, &n)| index < i + n)
    }

    /// Verifies the invariants above.
    pub fn check(&self) -> Result<(), String> {
        let mut end = 0;
        for (i, (&index, &len)) in self.free.iter().enumerate() {
            if len == 0 || index + len > self.count {
                return Err(format!(
                    "free page run {index}+{len} is empty or past the last page"
                ));
            }
            if i > 0 && index <= end {
                return Err(format!(
                    "free page runs touch or overlap at page {index}: not merged"
                ));
            }
            end = index + len;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_taken_first_fit_and_merged_back() {
        let mut log = Log::default();
        let mut p = Pages::new(Addr(0x1000), 8 * 4096, 4096);
        let a = p.alloc(2, 4096, &mut log).unwrap();
        let b = p.alloc(3, 4096, &mut log).unwrap();
        assert_eq!((a, b), (Addr(0x1000), Addr(0x3000)));
        p.free(a, 2, &mut log);
        assert_eq!(p.alloc(1, 4096, &mut log), Some(Addr(0x1000)));
        p.free(Addr(0x1000), 1, &mut log);
        p.free(b, 3, &mut log);
        assert_eq!(p.runs().collect::<Vec<_>>(), vec![(Addr(0x1000), 8 * 4096)]);
        p.check().unwrap();
    }

    #[test]
    fn an_aligned_run_leaves_the_front_free() {
        let mut log = Log::default();
        let mut p = Pages::new(Addr(0x1000), 8 * 4096, 4096);
        let a = p.alloc(1, 0x4000, &mut log).unwrap();
        assert_eq!(a, Addr(0x4000));
        assert!(p.is_free(Addr(0x1000)) && !p.is_free(Addr(0x4000)));
        p.check().unwrap();
    }
}
