//! Replaying an op list a slice at a time, for a viewer that must stay
//! responsive: a million ops are replayed in slices between which the
//! browser draws a progress bar and handles a cancel button.
//!
//! The result has the shape of a scenario's: a [`Run`] whose calls carry
//! their metrics and narration, and the heap's [`Timeline`] to seek in, so
//! the viewer shows a trace exactly as it shows a scenario. Memory stays
//! bounded by what a call keeps: no heap copy per call (the timeline keeps
//! patches and thinned snapshots), and the narration of the first
//! [`NARRATED_CALLS`] calls only.

use std::rc::Rc;

use crate::ops::{CallKind, OpList, OpsError, Replayer};
use crate::scenario::{CallOp, Outcome, Run, ScenarioCall};
use crate::sim::Simulation;
use crate::timeline::Timeline;

/// Calls whose narration (the strategy's events) is kept; later calls keep
/// their result and metrics.
pub const NARRATED_CALLS: usize = 100_000;

/// A replay in progress.
#[derive(Debug)]
pub struct TraceRun {
    list: Rc<OpList>,
    next: usize,
    replayer: Replayer,
    sim: Simulation,
    timeline: Timeline,
    calls: Vec<ScenarioCall>,
}

impl TraceRun {
    /// Starts replaying `list` on `sim`.
    pub fn new(list: Rc<OpList>, mut sim: Simulation) -> TraceRun {
        let timeline = Timeline::start(sim.heap_mut());
        TraceRun {
            calls: Vec::with_capacity(list.ops.len()),
            list,
            next: 0,
            replayer: Replayer::default(),
            sim,
            timeline,
        }
    }

    /// Ops replayed so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Ops in the list.
    pub fn total(&self) -> usize {
        self.list.ops.len()
    }

    /// Whether every op was replayed.
    pub fn is_finished(&self) -> bool {
        self.next >= self.list.ops.len()
    }

    /// Replays up to `max_ops` more ops. An op the list cannot mean (an id
    /// never allocated) stops the replay with its line.
    pub fn advance(&mut self, max_ops: usize) -> Result<(), OpsError> {
        let end = (self.next + max_ops).min(self.list.ops.len());
        while self.next < end {
            let op = self.list.ops[self.next];
            let before = self.replayer.addr_of(op.id);
            let call = self.replayer.step(&mut self.sim, &op)?;
            let old_addr = match call.kind {
                CallKind::Realloc if call.error.is_none() => before,
                _ => None,
            };
            let events = if self.calls.len() < NARRATED_CALLS {
                call.events
            } else {
                Vec::new()
            };
            self.calls.push(ScenarioCall {
                line: op.line,
                column: 1,
                reason: String::new(),
                op: match call.kind {
                    CallKind::Alloc => CallOp::Alloc,
                    CallKind::Dealloc => CallOp::Dealloc,
                    CallKind::Realloc => CallOp::Realloc,
                },
                layout: call.layout,
                new_size: call.new_size,
                addr: call.addr,
                old_addr,
                error: call.error.map(|e| e.to_string()),
                events,
                thread: op.thread.0,
                metrics: self.sim.metrics(),
                arena: false,
            });
            self.timeline.mark(self.sim.heap_mut());
            self.next += 1;
        }
        Ok(())
    }

    /// The finished replay: the run, the heap's timeline, and the
    /// simulation as it ended.
    pub fn finish(mut self) -> (Run, Timeline, Simulation) {
        self.sim.heap_mut().stop_journal();
        let run = Run {
            calls: self.calls,
            output: Vec::new(),
            outcome: Outcome::Ok,
            leaks: Vec::new(),
        };
        (run, self.timeline, self.sim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ops, HeapConfig, StrategyKind};

    #[test]
    fn slices_add_up_to_the_whole_replay() {
        let list = Rc::new(ops::random_program(9, 3000, 200));
        let whole = {
            let mut sim =
                Simulation::new(HeapConfig::new(1 << 20), StrategyKind::FirstFit).unwrap();
            ops::replay(&list, &mut sim).unwrap();
            sim
        };
        let sim = Simulation::new(HeapConfig::new(1 << 20), StrategyKind::FirstFit).unwrap();
        let mut run = TraceRun::new(list.clone(), sim);
        while !run.is_finished() {
            run.advance(700).unwrap();
        }
        assert_eq!(run.done(), 3000);
        let (r, timeline, end) = run.finish();
        assert_eq!(r.calls.len(), 3000);
        assert_eq!(end.heap(), whole.heap());
        assert_eq!(end.metrics(), whole.metrics());
        assert_eq!(timeline.len(), 3000);
        assert_eq!(timeline.heap_at(3000), *end.heap());
        assert_eq!(r.calls[2999].metrics, end.metrics());
    }

    #[test]
    fn an_op_the_list_cannot_mean_stops_with_its_line() {
        let list = Rc::new(ops::parse("a 1 16\nf 1\nf 2\n").unwrap());
        let sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let mut run = TraceRun::new(list, sim);
        let err = run.advance(10).unwrap_err();
        assert_eq!(err.line, 3);
    }
}
