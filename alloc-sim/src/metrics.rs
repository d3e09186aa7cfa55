//! The numbers a learner watches: one plain struct, a doc line per field,
//! derived values as methods with their formulas.

/// Counters and measurements of one simulated heap, after the last call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Metrics {
    /// Requested bytes of the live allocations (the counting wrapper's `LIVE`).
    pub live_bytes: u64,
    /// The largest `live_bytes` has been (the counting wrapper's `PEAK`).
    pub peak_live_bytes: u64,
    /// Allocations alive now.
    pub live_allocations: u64,
    /// Bytes from the lowest to the highest byte the strategy ever touched.
    pub footprint: u64,
    /// The heap size malloc lab's driver divides by: the bytes the allocator
    /// has used, from the heap's start to the highest byte ever used (for an
    /// `sbrk` allocator, the break); for a bump-down allocator, from the top
    /// of its chunk down to the lowest byte it ever handed out.
    pub heap_size: u64,
    /// Internal fragmentation from alignment: bytes skipped so a block is aligned.
    pub padding_bytes: u64,
    /// Internal fragmentation from rounding: usable bytes beyond the request.
    pub slack_bytes: u64,
    /// Internal fragmentation from bookkeeping in live memory: headers, footers.
    pub metadata_bytes: u64,
    /// Freed bytes the strategy cannot reuse (a bump allocator's older blocks).
    pub stranded_bytes: u64,
    /// Internal fragmentation from slabs: ends of slabs too small for a region.
    pub slab_tail_bytes: u64,
    /// Freed bytes held in thread caches: free, but for one thread and class.
    pub cached_bytes: u64,
    /// Bytes the strategy could still hand out, in all holes together.
    pub total_free: u64,
    /// The largest single hole.
    pub largest_free: u64,
    /// Successful `alloc` and `alloc_zeroed` calls.
    pub allocs: u64,
    /// Successful `dealloc` calls.
    pub deallocs: u64,
    /// Successful `realloc` calls that kept the block's address.
    pub reallocs_in_place: u64,
    /// Successful `realloc` calls that moved the block.
    pub reallocs_moved: u64,
    /// Calls that found no room (out of memory).
    pub failed: u64,
    /// Calls refused for breaking the allocator contract.
    pub misuses: u64,
    /// Holes or blocks examined while searching, over all calls.
    pub search_steps: u64,
}

impl Metrics {
    /// `padding + slack + metadata + slab tails`: bytes used but not asked for.
    pub fn internal_fragmentation(&self) -> u64 {
        self.padding_bytes + self.slack_bytes + self.metadata_bytes + self.slab_tail_bytes
    }

    /// `1 − largest_free / total_free`: 0 when all free memory is one hole,
    /// near 1 when it is scattered in small pieces. 0 when nothing is free.
    pub fn external_fragmentation(&self) -> f64 {
        if self.total_free == 0 {
            0.0
        } else {
            1.0 - self.largest_free as f64 / self.total_free as f64
        }
    }

    /// `peak_live_bytes / heap_size`, as CS:APP's malloc-lab driver scores
    /// an allocator: the most payload ever live at once, over the heap the
    /// allocator ended with.
    pub fn peak_utilisation(&self) -> f64 {
        if self.heap_size == 0 {
            0.0
        } else {
            self.peak_live_bytes as f64 / self.heap_size as f64
        }
    }

    /// Every `realloc` that succeeded.
    pub fn reallocs(&self) -> u64 {
        self.reallocs_in_place + self.reallocs_moved
    }

    /// Each field with its name, doc line and value, for tables and JSON.
    pub fn fields(&self) -> [(&'static str, u64); 20] {
        [
            ("live_bytes", self.live_bytes),
            ("peak_live_bytes", self.peak_live_bytes),
            ("live_allocations", self.live_allocations),
            ("footprint", self.footprint),
            ("heap_size", self.heap_size),
            ("padding_bytes", self.padding_bytes),
            ("slack_bytes", self.slack_bytes),
            ("metadata_bytes", self.metadata_bytes),
            ("stranded_bytes", self.stranded_bytes),
            ("slab_tail_bytes", self.slab_tail_bytes),
            ("cached_bytes", self.cached_bytes),
            ("total_free", self.total_free),
            ("largest_free", self.largest_free),
            ("allocs", self.allocs),
            ("deallocs", self.deallocs),
            ("reallocs_in_place", self.reallocs_in_place),
            ("reallocs_moved", self.reallocs_moved),
            ("failed", self.failed),
            ("misuses", self.misuses),
            ("search_steps", self.search_steps),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_fragmentation_of_one_hole_is_zero() {
        let m = Metrics {
            total_free: 100,
            largest_free: 100,
            ..Metrics::default()
        };
        assert_eq!(m.external_fragmentation(), 0.0);
        let scattered = Metrics {
            total_free: 100,
            largest_free: 25,
            ..Metrics::default()
        };
        assert!((scattered.external_fragmentation() - 0.75).abs() < 1e-12);
        assert_eq!(Metrics::default().external_fragmentation(), 0.0);
    }

    #[test]
    fn peak_utilisation_is_peak_payload_over_the_heap_size() {
        let m = Metrics {
            peak_live_bytes: 300,
            footprint: 200,
            heap_size: 400,
            ..Metrics::default()
        };
        assert!((m.peak_utilisation() - 0.75).abs() < 1e-12);
    }
}
