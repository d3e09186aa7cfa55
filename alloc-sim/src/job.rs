//! One run from start to end, as a tool asks for it: a strategy with its
//! settings on a heap, and a program to run or a trace to replay.
//!
//! The command line (`alloc-sim run`, `alloc-sim ops`) and the npm package
//! (`alloc-sim/js`) both start their runs here, so that the same request
//! gives the same run, call for call, whichever door it came through; each
//! of them only reads its input and writes out what [`Finished`] holds
//! (as text, or as JSON with [`crate::json`]).

use crate::ops::{self, OpList};
use crate::{scenario, HeapConfig, Run, Settings, Simulation, Strategy, StrategyKind};

/// What a run runs on: a strategy, its settings, and the heap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    /// The strategy (for a program with its own `#[global_allocator]`,
    /// what `System` is).
    pub strategy: StrategyKind,
    /// Its settings; keys it does not declare are ignored.
    pub settings: Settings,
    /// The heap's size, address and target.
    pub heap: HeapConfig,
}

impl Setup {
    /// `strategy` with default settings on `heap`.
    pub fn new(strategy: StrategyKind, heap: HeapConfig) -> Setup {
        Setup {
            strategy,
            settings: Settings::new(),
            heap,
        }
    }

    /// A fresh simulation, or why the settings or the heap are refused.
    pub fn simulation(&self) -> Result<Simulation, String> {
        let strategy = self
            .strategy
            .build_with(&self.settings)
            .map_err(|e| e.to_string())?;
        Simulation::with_strategy(self.heap, strategy).map_err(|e| e.to_string())
    }
}

/// What the learner's own allocator cost in a replay: the interpreter's
/// steps, in all and per call of the trace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// Steps in all.
    pub total: u64,
    /// Steps per call of the trace.
    pub per_call: f64,
}

/// A run that has ended: its record and the heap as it was left.
#[derive(Debug)]
pub struct Finished {
    /// What it ran on.
    pub setup: Setup,
    /// Every call, what the program printed, how it ended.
    pub run: Run,
    /// The simulation after the last call.
    pub sim: Simulation,
    /// For a trace replayed through a program's own allocator, its cost.
    pub cost: Option<Cost>,
}

/// Runs a scenario (a Rust program) on `setup`, stopping after
/// `stop_after_calls` calls if given. A program that does not compile or
/// fails ends in the run's outcome, not in an error: the error is only for
/// a setup that cannot be built.
pub fn run_program(
    source: &str,
    setup: &Setup,
    stop_after_calls: Option<usize>,
) -> Result<Finished, String> {
    let mut sim = setup.simulation()?;
    let limits = scenario::Limits {
        stop_after_calls,
        ..scenario::Limits::default()
    };
    let run = scenario::run(source, &mut sim, limits);
    Ok(Finished {
        setup: setup.clone(),
        run,
        sim,
        cost: None,
    })
}

/// Replays a trace on `setup`'s strategy, or, with `allocator`, through
/// that program's own `#[global_allocator]` as malloc lab's driver does.
/// `recorded: false` keeps no record of each call (for summaries of long
/// traces). An error says what in the trace or the program stopped it,
/// with its line.
pub fn replay_trace(
    list: &OpList,
    allocator: Option<&str>,
    setup: &Setup,
    recorded: bool,
) -> Result<Finished, String> {
    let mut sim = setup.simulation()?;
    let (run, cost) = match allocator {
        Some(source) => {
            let limits = scenario::Limits {
                max_steps: u64::MAX,
                ..scenario::Limits::default()
            };
            let replay = scenario::replay_with_allocator(source, list, &mut sim, limits)
                .map_err(|e| e.to_string())?;
            let calls = list.ops.len().max(1) as f64;
            let cost = Cost {
                total: replay.steps,
                per_call: replay.steps as f64 / calls,
            };
            (replay.run, Some(cost))
        }
        None => {
            let replay = if recorded {
                ops::replay
            } else {
                ops::replay_unrecorded
            };
            (replay(list, &mut sim).map_err(|e| e.to_string())?, None)
        }
    };
    Ok(Finished {
        setup: setup.clone(),
        run,
        sim,
        cost,
    })
}

/// The usable size `kind` gives a `malloc`-style request
/// (`Layout { size, align: 1 }`) of every size from 1 to `max`: its size
/// classes, as `(request, usable)`.
pub fn size_classes(
    kind: StrategyKind,
    settings: &Settings,
    max: u64,
) -> Result<Vec<(u64, u64)>, String> {
    if max == 0 || max > crate::MAX_HEAP_SIZE {
        return Err(format!("max must be from 1 to {}", crate::MAX_HEAP_SIZE));
    }
    let sim = Setup {
        strategy: kind,
        settings: settings.clone(),
        heap: HeapConfig::new(4096),
    }
    .simulation()?;
    (1..=max)
        .map(|size| {
            let layout = core::alloc::Layout::from_size_align(size as usize, 1)
                .map_err(|e| e.to_string())?;
            Ok((size, sim.strategy().usable_size(layout, sim.heap())))
        })
        .collect()
}
