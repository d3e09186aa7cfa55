//! Malloc lab's score, for a learner's allocator and the built-in ones.
//!
//! CS:APP's malloc lab grades an allocator by running its driver
//! (`mdriver`) on a set of traces. Each trace is scored on:
//!
//! - **validity** — every block handed out is aligned, inside the heap and
//!   overlapping no live block, and no request fails; an invalid trace
//!   scores nothing;
//! - **utilisation** — the most payload live at once, over the heap the
//!   allocator used for it (from its start to the highest byte it ever
//!   touched: its break);
//! - **throughput** — the driver's operations per second on the grading
//!   machine.
//!
//! Here throughput is the work an allocator's code does per call, counted
//! in interpreter steps (statements and loop turns) for the program's own
//! allocator, the same on every machine; the built-in strategies are
//! models in Rust, and their cost is not counted in steps.

use crate::heap::HeapConfig;
use crate::ops::{self, OpList};
use crate::record::{Outcome, Run};
use crate::scenario::{self, Limits};
use crate::sim::Simulation;
use crate::strategy::StrategyKind;

/// Who is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contestant {
    /// The program's own allocator.
    Yours,
    /// A built-in strategy, with its default settings.
    Strategy(StrategyKind),
}

/// One allocator's score on one trace.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Score {
    /// `Ok`, or the first failure: a check the program's allocator failed,
    /// or the first request that could not be served.
    pub valid: Result<(), String>,
    /// Peak live payload over the heap used (mdriver's utilisation), 0–1.
    pub utilisation: f64,
    /// The calls made.
    pub calls: usize,
    /// The program's allocator's interpreter steps per call.
    pub steps_per_call: Option<f64>,
    /// The bytes of the heap it ran on: the program's heap array as it ran
    /// (resized when its length is a named const), or the strategy's heap.
    pub heap: u64,
}

/// Why a run is not valid, as malloc lab's driver would say it: the first
/// check that failed, or the first request refused.
fn validity(run: &Run) -> Result<(), String> {
    match &run.outcome {
        Outcome::Error(e) => return Err(format!("{}:{}: {}", e.line, e.column, e.message)),
        Outcome::Abort { message, .. } => return Err(message.clone()),
        Outcome::Ok | Outcome::Stopped => {}
    }
    match run.calls.iter().find(|c| c.error.is_some()) {
        Some(c) => Err(format!(
            "trace line {}: {}",
            c.line().unwrap_or(0),
            c.error
                .as_ref()
                .map_or_else(String::new, ToString::to_string)
        )),
        None => Ok(()),
    }
}

fn score_of(run: &Run, steps: Option<u64>, heap: u64) -> Score {
    let metrics = run.calls.last().map_or(run.start, |c| c.metrics);
    Score {
        valid: validity(run),
        utilisation: metrics.peak_utilisation(),
        calls: run.calls.len(),
        steps_per_call: steps.map(|s| s as f64 / run.calls.len().max(1) as f64),
        heap,
    }
}

/// A simulation of `kind` on the heap `config` asks for, or on 4 KiB if
/// its size is not one a heap may have.
fn heap_of(config: HeapConfig, kind: StrategyKind) -> Simulation {
    if let Ok(sim) = Simulation::new(config, kind) {
        return sim;
    }
    // Not `expect`, which would link the error's `Debug` into the wasm.
    let Ok(sim) = Simulation::new(HeapConfig::new(4096), kind) else {
        unreachable!("a 4 KiB heap is valid")
    };
    sim
}

/// Scores `who` on `list`, on a heap of `heap` bytes: a built-in
/// strategy's heap, and for the program's allocator its heap array with
/// the const naming its length set to `heap` (as malloc lab's driver lets
/// an allocator's heap grow; an array whose length is a number keeps it).
/// `program` is the learner's code. `Err`: the trace names a block it
/// never allocated.
pub fn score(
    who: Contestant,
    program: &str,
    list: &OpList,
    heap: u64,
) -> Result<Score, ops::OpsError> {
    let config = HeapConfig::new(heap);
    match who {
        Contestant::Yours => {
            let mut sim = heap_of(config, StrategyKind::FirstFit);
            let limits = Limits {
                max_steps: u64::MAX,
                heap_array_len: Some(heap),
                ..Limits::default()
            };
            let replay = scenario::replay_with_allocator(program, list, &mut sim, limits)?;
            Ok(score_of(&replay.run, Some(replay.steps), sim.heap().len()))
        }
        Contestant::Strategy(kind) => {
            let mut sim = heap_of(config, kind);
            let run = ops::replay(list, &mut sim)?;
            Ok(score_of(&run, None, sim.heap().len()))
        }
    }
}
