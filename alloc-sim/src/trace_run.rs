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

use crate::ops::{OpList, OpsError, Replayer};
use crate::record::{Outcome, Run};
use crate::recording::Recording;
use crate::sim::Simulation;

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
    recording: Recording,
}

impl TraceRun {
    /// Starts replaying `list` on `sim`.
    pub fn new(list: Rc<OpList>, mut sim: Simulation) -> TraceRun {
        let mut recording = Recording::start(&mut sim, true).narrate_first(NARRATED_CALLS);
        recording.reserve(list.ops.len());
        TraceRun::recorded_by(list, sim, recording)
    }

    fn recorded_by(list: Rc<OpList>, sim: Simulation, recording: Recording) -> TraceRun {
        TraceRun {
            list,
            next: 0,
            replayer: Replayer::default(),
            sim,
            recording,
        }
    }

    /// Starts replaying `list` on `sim` without recording its calls: the
    /// run ends with no call records and no timeline, only the heap it
    /// leaves and its metrics. For a trace longer than a viewer keeps for
    /// stepping, shown at its end, at the allocator's own pace.
    pub fn to_its_end(list: Rc<OpList>, mut sim: Simulation) -> TraceRun {
        let recording = Recording::start(&mut sim, false).without_records();
        TraceRun::recorded_by(list, sim, recording)
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
            self.replayer
                .step(&mut self.sim, &mut self.recording, &op)?;
            self.next += 1;
        }
        Ok(())
    }

    /// The finished replay: the run (with the heap's timeline) and the
    /// simulation as it ended.
    pub fn finish(mut self) -> (Run, Simulation) {
        let run = self
            .recording
            .finish(&mut self.sim, Outcome::Ok, Vec::new(), Vec::new());
        (run, self.sim)
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
        let (r, end) = run.finish();
        let timeline = r.timeline.as_ref().unwrap();
        assert_eq!(r.calls.len(), 3000);
        assert_eq!(end.heap(), whole.heap());
        assert_eq!(end.metrics(), whole.metrics());
        assert_eq!(timeline.len(), 3000);
        assert_eq!(timeline.heap_at(3000), *end.heap());
        assert_eq!(r.calls[2999].metrics, end.metrics());
    }

    #[test]
    fn a_replay_to_its_end_keeps_no_calls_and_ends_where_the_whole_one_does() {
        let list = Rc::new(ops::random_program(4, 2000, 150));
        let config = HeapConfig::new(1 << 20);
        let mut whole = TraceRun::new(
            list.clone(),
            Simulation::new(config, StrategyKind::Buddy).unwrap(),
        );
        let mut end =
            TraceRun::to_its_end(list, Simulation::new(config, StrategyKind::Buddy).unwrap());
        for run in [&mut whole, &mut end] {
            while !run.is_finished() {
                run.advance(300).unwrap();
            }
        }
        let ((whole_run, whole_sim), (end_run, end_sim)) = (whole.finish(), end.finish());
        assert_eq!(whole_run.calls.len(), 2000);
        assert!(end_run.calls.is_empty() && end_run.timeline.is_none());
        assert_eq!(end_sim.heap(), whole_sim.heap());
        assert_eq!(end_sim.metrics(), whole_sim.metrics());
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
