//! The page's engine: everything that runs a program or a trace, kept out
//! of the page.
//!
//! The interpreter (syn and the scenario language) and the strategies are
//! most of the simulation's code. The page only draws what a run recorded,
//! so they live here, in a second wasm that a Web Worker loads: the page's
//! first download is half as big, and a long run never freezes it (the
//! worker works while the page stays responsive, and Cancel ends the
//! worker).
//!
//! ```text
//!  page (web-ui)                         worker (this crate's `engine` bin)
//!  ─────────────                         ──────────────────────────────────
//!  Job ── postcard bytes ─────────────▶  work(job)
//!                                          ├─ Reply::Progress  (traces)
//!  Action::… ◀── postcard bytes ───────── └─ Reply::Panes / Checked / Failed
//! ```
//!
//! [`work`] is a plain function: the native tests call it directly, and the
//! worker's loop only moves bytes in and out of it. Every message is
//! [`encode`]d and [`decode`]d with postcard; a reply carries its job's id,
//! so the page drops replies to a job it no longer waits for.
//!
//! # Invariants
//! - `work` gives, for a job, exactly what running it in the page gave:
//!   the same [`Run`] (calls, timeline, outcome, output) and the same end
//!   state, pane by pane in the order asked (checked against the
//!   simulation run directly, for every example on every strategy).
//! - `decode(encode(x)) == x` for every message.

use std::rc::Rc;

use alloc_sim::scenario::{self, Limits, Run};
use alloc_sim::score::{self as malloc_lab, Contestant, Score};
use alloc_sim::{
    FreeSpace, Heap, HeapConfig, Metrics, Settings, Simulation, StrategyKind, TraceRun,
};
use serde::{Deserialize, Serialize};

use lessons::blocks::Exercise;
use lessons::check::{self, Checked};

/// A heap size and settings for one strategy's pane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaneSetup {
    /// The strategy.
    pub kind: StrategyKind,
    /// The heap's size in bytes.
    pub heap: u64,
    /// Its settings.
    pub settings: Settings,
}

impl PaneSetup {
    /// A fresh simulation for this pane. Settings and sizes are checked
    /// where the learner chooses them; should one still be refused here,
    /// the strategy's defaults and the smallest heap that always works are
    /// used rather than no run at all.
    pub fn simulation(&self) -> Simulation {
        let strategy = self
            .kind
            .build_with(&self.settings)
            .unwrap_or_else(|_| self.kind.build());
        Simulation::with_strategy(HeapConfig::new(self.heap), strategy).unwrap_or_else(|_| {
            let Ok(sim) = Simulation::new(HeapConfig::new(FALLBACK_HEAP), self.kind) else {
                unreachable!("a 4 KiB heap is valid for every strategy")
            };
            sim
        })
    }
}

/// The heap a pane falls back to when its own size is refused.
pub const FALLBACK_HEAP: u64 = 4096;

/// The most panes shown side by side.
pub const MAX_PANES: usize = 4;

/// The panes a scenario runs on: those asked for, and in front of them the
/// program's own allocator (`yours`) when it serves from a heap array of
/// its own, with at most three built-in strategies beside it.
pub fn scenario_panes(source: &str, asked: &[PaneSetup]) -> Vec<PaneSetup> {
    let mut panes: Vec<PaneSetup> = asked
        .iter()
        .filter(|p| p.kind != StrategyKind::Yours)
        .cloned()
        .collect();
    if let Some(array) = scenario::heap_array(source) {
        panes.truncate(MAX_PANES - 1);
        panes.insert(
            0,
            PaneSetup {
                kind: StrategyKind::Yours,
                heap: array.len,
                settings: Settings::new(),
            },
        );
    }
    panes
}

/// What the page asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Work {
    /// Run a program on each pane's strategy, recording every call.
    Scenario {
        /// The program.
        source: String,
        /// Statements and loop iterations before it stops.
        max_steps: u64,
    },
    /// Replay a trace file's ops on each pane's strategy.
    Trace {
        /// The file's text (read here again: it was checked in the page),
        /// shared with the page's copy rather than copied into the job.
        text: Rc<str>,
        /// The program in the editor: when it has its own allocator over a
        /// heap array, the trace replays through it too, in a pane in
        /// front, as malloc lab's driver runs a learner's allocator.
        program: Option<String>,
    },
    /// Score the program's own allocator on traces as malloc lab's driver
    /// does, beside built-in strategies (see `alloc_sim::score`).
    Score {
        /// The program, with its own allocator over a heap array.
        program: String,
        /// Each trace's name and text.
        traces: Vec<(String, String)>,
        /// Every allocator's heap: the strategies' heap, and the length
        /// the program's heap array is given.
        heap: u64,
        /// The built-in strategies scored beside it, in the table's order.
        strategies: Vec<StrategyKind>,
    },
    /// Make drill `number` of the set `seed` (see `lessons::drill`).
    Drill {
        /// The set.
        seed: u64,
        /// Which drill of it.
        number: u32,
    },
    /// Finish reading a teacher's lesson file, outlined by the lesson
    /// reader's worker: read its blocks, run their programs, work out and
    /// check their answers (`lessons::verify::checked`).
    Lesson {
        /// The file's Markdown half.
        outline: lessons::outline::Outline,
    },
    /// Check a learner's code against an exercise's goals.
    Exercise {
        /// The exercise.
        exercise: Exercise,
        /// The learner's code.
        code: String,
    },
}

/// A job: the work, the panes it runs on, and its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Chosen by the page; every reply names it.
    pub id: u64,
    /// What to do.
    pub work: Work,
    /// One per strategy, in the order the panes are shown.
    pub panes: Vec<PaneSetup>,
}

/// A pane's finished run and the state its simulation ended in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finished {
    /// The strategy.
    pub kind: StrategyKind,
    /// Every call, the timeline, the outcome and the output.
    pub run: Run,
    /// Where it ended.
    pub end: End,
}

/// What a viewer reads of a simulation after its last call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct End {
    /// The heap.
    pub heap: Heap,
    /// Its metrics.
    pub metrics: Metrics,
    /// Free memory as the strategy counts it (where the largest hole is).
    pub free: FreeSpace,
    /// For the program's own allocator replaying a trace: the interpreter
    /// steps its code took in all, its cost.
    pub steps: Option<u64>,
}

impl End {
    /// What `sim` shows now.
    pub fn of(sim: &Simulation) -> End {
        use alloc_sim::Strategy;
        End {
            heap: sim.heap().clone(),
            metrics: sim.metrics(),
            free: sim.strategy().free_space(sim.heap()),
            steps: None,
        }
    }
}

/// What the engine answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// Ops replayed so far, of how many (a trace takes a while).
    Progress {
        /// The job.
        id: u64,
        /// Done, over every pane.
        done: usize,
        /// To do, over every pane.
        total: usize,
    },
    /// Every pane's run.
    Panes {
        /// The job.
        id: u64,
        /// One per pane asked, in that order.
        panes: Vec<Finished>,
    },
    /// One trace scored, on the way to [`Reply::Scored`].
    ScoreRow {
        /// The job.
        id: u64,
        /// The trace's row.
        row: ScoreRow,
    },
    /// Every trace scored.
    Scored {
        /// The job.
        id: u64,
        /// One per trace, in the order asked.
        rows: Vec<ScoreRow>,
    },
    /// An exercise, checked.
    Checked {
        /// The job.
        id: u64,
        /// Its result.
        checked: Checked,
    },
    /// A teacher's lesson, read and checked.
    Lesson {
        /// The job.
        id: u64,
        /// The lesson, or every problem in it, each at its line.
        read: Result<lessons::Lesson, Vec<lessons::LessonError>>,
    },
    /// A drill, made.
    Drilled {
        /// The job.
        id: u64,
        /// The drill: program, question, choices and answer.
        drill: lessons::drill::Drill,
    },
    /// The job could not be done (a trace naming a block it never
    /// allocated), with the place.
    Failed {
        /// The job.
        id: u64,
        /// What went wrong, and where.
        message: String,
    },
}

impl Reply {
    /// The job this answers.
    pub fn id(&self) -> u64 {
        match self {
            Reply::Progress { id, .. }
            | Reply::ScoreRow { id, .. }
            | Reply::Scored { id, .. }
            | Reply::Panes { id, .. }
            | Reply::Checked { id, .. }
            | Reply::Drilled { id, .. }
            | Reply::Lesson { id, .. }
            | Reply::Failed { id, .. } => *id,
        }
    }

    /// The same reply, answering job `id` (a reply made for a job like
    /// it, such as the page's first run made when the site was built).
    pub fn answering(mut self, job: u64) -> Reply {
        match &mut self {
            Reply::Progress { id, .. }
            | Reply::ScoreRow { id, .. }
            | Reply::Scored { id, .. }
            | Reply::Panes { id, .. }
            | Reply::Checked { id, .. }
            | Reply::Drilled { id, .. }
            | Reply::Lesson { id, .. }
            | Reply::Failed { id, .. } => *id = job,
        }
        self
    }
}

/// One trace's scores: the program's allocator first (as
/// [`StrategyKind::Yours`]), then each strategy asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreRow {
    /// The trace's name.
    pub trace: String,
    /// Its ops.
    pub ops: usize,
    /// Each allocator's score, or why the trace could not be replayed on
    /// it (it frees a block it never allocated).
    pub scores: Vec<(StrategyKind, Result<Score, String>)>,
}

/// The id of a failure to read a job at all (its own id unknown): it
/// answers the job the worker was working on (the oldest it was given).
pub const UNREAD: u64 = u64::MAX;

/// What the worker posts, as text, once it listens for jobs.
pub const READY: &str = "ready";

/// Ops a trace replays between two progress replies.
pub const SLICE: usize = 20_000;

/// Does `job`, telling `progress` of each step on the way; the last reply
/// is the answer.
pub fn work(job: &Job, progress: &mut dyn FnMut(Reply)) -> Reply {
    let id = job.id;
    match &job.work {
        Work::Scenario { source, max_steps } => {
            let panes = scenario_panes(source, &job.panes)
                .iter()
                .map(|pane| {
                    // The program's own allocator over its own heap runs
                    // in its `yours` pane; a built-in pane beside it runs
                    // the same `main` on the built-in strategy.
                    let limits = Limits {
                        max_steps: *max_steps,
                        stop_after_calls: None,
                        own_heap: pane.kind == StrategyKind::Yours,
                        heap_array_len: None,
                    };
                    let mut sim = pane.simulation();
                    let run = scenario::run_recorded(source, &mut sim, limits);
                    Finished {
                        kind: pane.kind,
                        end: End::of(&sim),
                        run,
                    }
                })
                .collect();
            Reply::Panes { id, panes }
        }
        Work::Trace { text, program } => {
            match replay(id, text, program.as_deref(), &job.panes, progress) {
                Ok(panes) => Reply::Panes { id, panes },
                Err(message) => Reply::Failed { id, message },
            }
        }
        Work::Score {
            program,
            traces,
            heap,
            strategies,
        } => Reply::Scored {
            id,
            rows: score(id, program, traces, *heap, strategies, progress),
        },
        Work::Exercise { exercise, code } => Reply::Checked {
            id,
            checked: check::check_exercise(exercise, code),
        },
        Work::Drill { seed, number } => Reply::Drilled {
            id,
            drill: lessons::drill::drill(*seed, *number),
        },
        Work::Lesson { outline } => Reply::Lesson {
            id,
            read: lessons::verify::checked(outline),
        },
    }
}

/// Scores the program's allocator and `strategies` on every trace, telling
/// `progress` after each allocator and each trace.
fn score(
    id: u64,
    program: &str,
    traces: &[(String, String)],
    heap: u64,
    strategies: &[StrategyKind],
    progress: &mut dyn FnMut(Reply),
) -> Vec<ScoreRow> {
    let who: Vec<StrategyKind> = std::iter::once(StrategyKind::Yours)
        .chain(
            strategies
                .iter()
                .copied()
                .filter(|k| *k != StrategyKind::Yours),
        )
        .collect();
    let total = traces.len() * who.len();
    let mut rows = Vec::new();
    for (name, text) in traces {
        let row = match alloc_sim::ops::parse(text) {
            Ok(list) => {
                let mut scores = Vec::new();
                for &kind in &who {
                    let contestant = match kind {
                        StrategyKind::Yours => Contestant::Yours,
                        other => Contestant::Strategy(other),
                    };
                    let scored = malloc_lab::score(contestant, program, &list, heap)
                        .map_err(|e| e.to_string());
                    scores.push((kind, scored));
                    progress(Reply::Progress {
                        id,
                        done: rows.len() * who.len() + scores.len(),
                        total,
                    });
                }
                ScoreRow {
                    trace: name.clone(),
                    ops: list.ops.len(),
                    scores,
                }
            }
            // A trace that does not read scores nothing, on every allocator.
            Err(e) => ScoreRow {
                trace: name.clone(),
                ops: 0,
                scores: who.iter().map(|&k| (k, Err(e.to_string()))).collect(),
            },
        };
        progress(Reply::ScoreRow {
            id,
            row: row.clone(),
        });
        rows.push(row);
    }
    rows
}

/// The most calls, over every pane, that a trace's replay keeps for
/// stepping: each call's record and the heap's timeline cross to the page
/// and live there, so a longer trace would take the page's memory (a
/// million calls made a reply of more than the 2 GiB a wasm32 `Vec` can
/// hold). A longer trace is replayed to its end without records, and the
/// page shows where it ended and says why.
pub const STEPPED_CALLS: usize = 250_000;

/// Replays a trace on every pane, a slice at a time.
fn replay(
    id: u64,
    text: &str,
    program: Option<&str>,
    panes: &[PaneSetup],
    progress: &mut dyn FnMut(Reply),
) -> Result<Vec<Finished>, String> {
    let list = Rc::new(alloc_sim::ops::parse(text).map_err(|e| e.to_string())?);
    let total = list.ops.len() * panes.len();
    let mut finished = Vec::new();
    // The program's own allocator first, in its pane, with at most three
    // built-in strategies beside it.
    let mut panes = panes;
    if let Some((program, array)) = program.and_then(|p| scenario::heap_array(p).map(|a| (p, a))) {
        let setup = PaneSetup {
            kind: StrategyKind::Yours,
            heap: array.len,
            settings: Settings::new(),
        };
        let mut sim = setup.simulation();
        let limits = Limits {
            max_steps: u64::MAX,
            ..Limits::default()
        };
        let replay = scenario::replay_with_allocator_recorded(program, &list, &mut sim, limits)
            .map_err(|e| e.to_string())?;
        let mut end = End::of(&sim);
        end.steps = Some(replay.steps);
        finished.push(Finished {
            kind: StrategyKind::Yours,
            run: replay.run,
            end,
        });
        panes = &panes[..panes.len().min(MAX_PANES - 1)];
    }
    let stepped = list.ops.len().saturating_mul(panes.len()) <= STEPPED_CALLS;
    for (i, pane) in panes.iter().enumerate() {
        let mut replay = if stepped {
            TraceRun::new(list.clone(), pane.simulation())
        } else {
            TraceRun::to_its_end(list.clone(), pane.simulation())
        };
        while !replay.is_finished() {
            replay.advance(SLICE).map_err(|e| e.to_string())?;
            progress(Reply::Progress {
                id,
                done: i * list.ops.len() + replay.done(),
                total,
            });
        }
        let (run, sim) = replay.finish();
        finished.push(Finished {
            kind: pane.kind,
            end: End::of(&sim),
            run,
        });
    }
    Ok(finished)
}

/// A message as bytes.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // postcard's error, formatted, would bring its every message into the
    // engine (1 KB) for a failure that cannot happen.
    let Ok(bytes) = postcard::to_allocvec(message) else {
        unreachable!("every message serialises: no maps, no unsized keys")
    };
    bytes
}

/// A message read back; an error says it did not read. Both sides are of
/// one build, so bytes that do not read are a bug or a stale cache, not
/// input: postcard's own words (1 KB of the engine) would not help the
/// learner who sees them.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|_| {
        "the engine's message did not read: are the page and its engine of one build? Reload the page"
            .to_string()
    })
}
