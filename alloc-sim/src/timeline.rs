//! A timeline: every state a heap passed through during a run, so that a
//! viewer can seek to any step, backwards as fast as forwards, without
//! running the program again.
//!
//! Recording keeps two things. For each step, a *patch*: the spans of the
//! heap that the step wrote or painted, as they were right after it (the
//! heap notes the spans as they change; see `Heap::take_journal`). And a
//! full copy of the heap every `spacing` steps, a *snapshot*. The heap after
//! step k is the nearest snapshot at or before k with the patches after it
//! applied in order: never more than `spacing` patches, however long the
//! run.
//!
//! ```text
//! step      0    1    2  …  s   s+1 …  2s  …            k
//! stored  [snap] p1   p2 … [snap] …   [snap] …  p(k)
//! heap(k) = snapshot(⌊k/s⌋·s) + p(⌊k/s⌋·s + 1) + … + p(k)
//! ```
//!
//! Memory stays bounded: whenever the snapshots would take more than
//! [`SNAPSHOT_BUDGET`] bytes, every other one is dropped and the spacing
//! doubles. A 4 KiB heap keeps a snapshot every [`MIN_SPACING`] steps; a
//! 1 MiB heap over 100,000 steps ends with one every few thousand. The
//! patches cost what the program wrote, which the run's own call records
//! already exceed.
//!
//! # Invariants
//!
//! - `heap_at(k)` equals, byte for byte and role for role, the heap of the
//!   same run stopped after k steps (checked for every example scenario,
//!   every step and every strategy in the tests).
//! - `snapshots[i]` is the heap after `i * spacing` steps.

use crate::heap::Heap;
use crate::role::Region;

/// The most bytes the snapshots of one timeline may take.
pub const SNAPSHOT_BUDGET: u64 = 48 << 20;

/// The fewest steps between two snapshots.
pub const MIN_SPACING: usize = 128;

/// What one step changed: the spans it wrote or painted, as they were after
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Patch {
    spans: Vec<Span>,
    touched: Option<(u64, u64)>,
}

/// A span of the heap after a step: its bytes and its runs of roles.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Span {
    offset: u64,
    #[cfg_attr(feature = "serde", serde(with = "serde_bytes"))]
    bytes: Box<[u8]>,
    roles: Box<[Region]>,
}

/// Every state of one heap over a run, step by step.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timeline {
    spacing: usize,
    snapshots: Vec<Heap>,
    /// `patches[k]` is what step `k + 1` changed.
    patches: Vec<Patch>,
}

impl Timeline {
    /// Starts recording `heap`, as it is now, as step 0.
    pub fn start(heap: &mut Heap) -> Timeline {
        heap.start_journal();
        heap.take_journal();
        Timeline {
            spacing: MIN_SPACING,
            snapshots: vec![heap.without_journal()],
            patches: Vec::new(),
        }
    }

    /// Ends a step: keeps what changed in `heap` since the last one.
    pub fn mark(&mut self, heap: &mut Heap) {
        let spans = heap
            .take_journal()
            .into_iter()
            .map(|r| Span {
                offset: r.start,
                bytes: heap.bytes()[r.start as usize..r.end as usize].into(),
                roles: heap.roles().regions_in(r.clone()).collect(),
            })
            .collect();
        self.patches.push(Patch {
            spans,
            touched: heap.touched(),
        });
        if self.patches.len().is_multiple_of(self.spacing) {
            self.snapshots.push(heap.without_journal());
            self.thin(heap.len());
        }
    }

    /// Drops every other snapshot and doubles the spacing while the
    /// snapshots take more than the budget.
    fn thin(&mut self, heap_len: u64) {
        while self.snapshots.len() > 2 && self.snapshots.len() as u64 * heap_len > SNAPSHOT_BUDGET {
            let kept = std::mem::take(&mut self.snapshots)
                .into_iter()
                .step_by(2)
                .collect();
            self.snapshots = kept;
            self.spacing *= 2;
        }
    }

    /// The number of steps recorded.
    pub fn len(&self) -> usize {
        self.patches.len()
    }

    /// Whether no step was recorded.
    pub fn is_empty(&self) -> bool {
        self.patches.is_empty()
    }

    /// Steps between two snapshots: the most patches a seek applies.
    pub fn spacing(&self) -> usize {
        self.spacing
    }

    /// The heap after `step` steps (after the last one if `step` is past it).
    pub fn heap_at(&self, step: usize) -> Heap {
        let step = step.min(self.len());
        let snap = (step / self.spacing).min(self.snapshots.len() - 1);
        let mut heap = self.snapshots[snap].clone();
        self.replay(&mut heap, snap * self.spacing, step);
        heap
    }

    /// The heap after `step` steps, starting from `from`, the heap after
    /// `at` steps, when that is nearer than a snapshot (stepping forward).
    pub fn advance(&self, from: &Heap, at: usize, step: usize) -> Heap {
        let step = step.min(self.len());
        let snap_step = (step / self.spacing).min(self.snapshots.len() - 1) * self.spacing;
        if at <= step && at >= snap_step {
            let mut heap = from.clone();
            self.replay(&mut heap, at, step);
            heap
        } else {
            self.heap_at(step)
        }
    }

    /// Applies the patches of steps `from + 1 ..= to`.
    fn replay(&self, heap: &mut Heap, from: usize, to: usize) {
        for patch in &self.patches[from..to] {
            for span in &patch.spans {
                heap.restore(span.offset, &span.bytes, &span.roles, patch.touched);
            }
            if patch.spans.is_empty() {
                heap.restore(0, &[], &[], patch.touched);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::{AllocId, Role};
    use crate::{Addr, HeapConfig};

    /// Records `steps` steps of writes and paints; keeps the heap after
    /// each step `keep` accepts (others as `None`, to spare memory).
    fn record(
        steps: usize,
        heap_len: u64,
        keep: impl Fn(usize) -> bool,
    ) -> (Timeline, Vec<Option<Heap>>) {
        let mut heap = Heap::new(HeapConfig::new(heap_len));
        let mut timeline = Timeline::start(&mut heap);
        let mut states = vec![Some(heap.without_journal())];
        for i in 0..steps {
            let at = Addr(0x1000 + (i as u64 * 24) % (heap_len - 16));
            heap.write(at, &(i as u64).to_le_bytes());
            heap.paint(at, 8, Role::Payload(AllocId(i as u32)));
            if i % 3 == 0 {
                heap.paint(at, 4, Role::Untouched);
            }
            timeline.mark(&mut heap);
            states.push(keep(i + 1).then(|| heap.without_journal()));
        }
        (timeline, states)
    }

    #[test]
    fn every_step_comes_back_exactly_from_any_direction() {
        let (timeline, states) = record(600, 4096, |_| true);
        let state = |k: usize| states[k].clone().unwrap();
        assert_eq!(timeline.len(), 600);
        for k in [0, 1, 127, 128, 129, 300, 599, 600] {
            assert_eq!(timeline.heap_at(k), state(k), "step {k}");
        }
        for k in (0..600).rev() {
            assert_eq!(timeline.heap_at(k), state(k), "back to step {k}");
        }
        let mid = timeline.heap_at(200);
        assert_eq!(timeline.advance(&mid, 200, 250), state(250));
        assert_eq!(timeline.advance(&mid, 200, 100), state(100));
    }

    #[test]
    fn snapshots_are_thinned_to_stay_within_the_budget() {
        let heap_len = 4 << 20;
        let steps = MIN_SPACING * 40;
        let (timeline, states) = record(steps, heap_len, |k| k + 1 >= steps || k == 1000);
        assert!(timeline.snapshots.len() as u64 * heap_len <= SNAPSHOT_BUDGET);
        assert!(timeline.spacing() > MIN_SPACING);
        for k in [1000, steps - 1, steps] {
            assert_eq!(Some(timeline.heap_at(k)), states[k], "step {k}");
        }
    }
}
