//! Running a lesson's code and checking it: a quiz's answer is what the
//! simulation computes; an exercise is solved when every goal holds.
//!
//! The app and the native tests call the same functions, so a lesson's
//! answers and solutions are checked exactly as a learner's are.

use alloc_sim::scenario::std_rules::dec2flt::parse_float;
use alloc_sim::scenario::{self, Limits, Outcome, Run};
use alloc_sim::strategy::{SettingValue, PAGE_SIZE};
use alloc_sim::{HeapConfig, Metrics, Settings, Simulation, StrategyKind};

use crate::blocks::{Exercise, Quiz};
use crate::goal::{Facts, Goal, Name, Value};

/// The strategies' settings in every lesson: pages of 512 bytes, so that a
/// few-KiB heap holds several (real allocators use 4 KiB pages), as in the
/// playground.
pub fn settings() -> Settings {
    // Not `expect`, which would link the error's `Debug` into the wasm.
    let Ok(settings) = Settings::new().with(&PAGE_SIZE, SettingValue::Bytes(512)) else {
        unreachable!("512 B is a page size every paged strategy takes")
    };
    settings
}

/// The lessons' settings with a block's own on top (`placement=next`),
/// or why one does not read: no strategy has that setting, or the value
/// is not one it takes.
pub fn settings_with(own: &[(String, String)]) -> Result<Settings, String> {
    let mut out = settings();
    for (key, value) in own {
        let spec = StrategyKind::ALL
            .iter()
            .flat_map(|k| k.settings())
            .find(|s| s.key == key)
            .ok_or_else(|| format!("no strategy has a setting called `{key}`"))?;
        out.parse(spec, value)
            .map_err(|e| format!("{key}={value}: {e}"))?;
    }
    Ok(out)
}

/// A fresh simulation for a lesson block.
pub fn simulation(kind: StrategyKind, heap: u64) -> Result<Simulation, String> {
    simulation_with(kind, heap, &settings())
}

/// A fresh simulation for a lesson block with its own settings.
pub fn simulation_with(
    kind: StrategyKind,
    heap: u64,
    settings: &Settings,
) -> Result<Simulation, String> {
    let strategy = kind.build_with(settings).map_err(|e| e.to_string())?;
    Simulation::with_strategy(HeapConfig::new(heap), strategy).map_err(|e| e.to_string())
}

/// The figures a compare block shows for `code` on `kind` with `own`
/// settings (over the lessons' own): the run must end, an abort
/// included (running out of room is something to compare), but not stop
/// with an error.
pub fn figures(
    code: &str,
    kind: StrategyKind,
    heap: u64,
    own: &[(String, String)],
) -> Result<crate::blocks::Figures, String> {
    let mut sim = simulation_with(kind, heap, &settings_with(own)?)?;
    let run = scenario::run(code, &mut sim, Limits::default());
    match &run.outcome {
        Outcome::Error(e) => Err(format!("on {kind}: {e}")),
        Outcome::Stopped => Err(format!(
            "on {kind}: the program does not end within the steps a run may take"
        )),
        _ => Ok(crate::blocks::Figures::of(&sim.metrics())),
    }
}

/// One program run on several strategies: what goals read.
#[derive(Debug, Clone, PartialEq)]
pub struct Runs {
    runs: Vec<(StrategyKind, Run, Metrics)>,
    /// The program's own allocator served from its own heap array.
    own_heap: bool,
}

impl Runs {
    /// Runs `code` on each of `kinds` (the first is what unqualified names read).
    pub fn new(code: &str, kinds: &[StrategyKind], heap: u64) -> Result<Runs, String> {
        Runs::with_settings(code, kinds, heap, &settings())
    }

    /// Runs `code` on each of `kinds`, each with `settings`.
    pub fn with_settings(
        code: &str,
        kinds: &[StrategyKind],
        heap: u64,
        settings: &Settings,
    ) -> Result<Runs, String> {
        let mut runs = Vec::new();
        let mut own_heap = false;
        for &kind in kinds {
            let mut sim = simulation_with(kind, heap, settings)?;
            let run = scenario::run(code, &mut sim, Limits::default());
            // Its heap became the program's array, run by its own code.
            own_heap |= sim.yours_mut().is_some();
            runs.push((kind, run, sim.metrics()));
        }
        Ok(Runs { runs, own_heap })
    }

    /// The first run that aborted (out of memory), with its place.
    fn aborted(&self) -> Option<String> {
        self.runs.iter().find_map(|(kind, run, _)| match &run.outcome {
            Outcome::Abort {
                message,
                line,
                column,
            } => Some(format!(
                "on {kind}, the run aborted at {line}:{column}: {message}. An exercise is solved by a run that ends normally, unless a goal asks how it ends"
            )),
            _ => None,
        })
    }

    /// The first run's error, with its place, if the program could not run.
    pub fn problem(&self) -> Option<String> {
        self.runs
            .iter()
            .find_map(|(kind, run, _)| match &run.outcome {
                Outcome::Error(e) => Some(format!("on {kind}, {e}")),
                _ => None,
            })
    }
}

impl Facts for Runs {
    fn value(&self, name: &Name) -> Result<Value, String> {
        let (kind, run, m) = match name.strategy {
            None => self.runs.first(),
            Some(k) => self.runs.iter().find(|(kind, _, _)| *kind == k),
        }
        .ok_or_else(|| format!("{name}: that strategy was not run"))?;
        if let Some(n) = name.call {
            let call = run.own_calls().nth(n - 1).ok_or_else(|| {
                format!(
                    "{name}: the program made {} calls on {kind}",
                    run.own_calls().count()
                )
            })?;
            return Ok(match name.field.as_str() {
                "addr" => Value::Addr(call.addr.map_or(0, |a| a.0)),
                "size" => Value::Number(call.layout.size as f64),
                "align" => Value::Number(call.layout.align as f64),
                "new_size" => Value::Number(
                    call.new_size
                        .ok_or_else(|| format!("{name}: call {n} is not a realloc"))?
                        as f64,
                ),
                "failed" => Value::Bool(call.error.is_some()),
                _ => Value::Word(call.op.name().to_string()),
            });
        }
        let count = |n: u64| Value::Number(n as f64);
        // Counts are of the program's own calls; the heap's state (its
        // footprint, free bytes, fragmentation) is the whole heap's,
        // the runtime's blocks included.
        let own = run.own_counts();
        Ok(match name.field.as_str() {
            "live" => count(own.live_bytes),
            "peak_live" => count(own.peak_live_bytes),
            "live_allocations" => count(own.live_allocations()),
            "footprint" => count(m.footprint),
            "padding" => count(m.padding_bytes),
            "slack" => count(m.slack_bytes),
            "metadata" => count(m.metadata_bytes),
            "stranded" => count(m.stranded_bytes),
            "total_free" => count(m.total_free),
            "largest_free" => count(m.largest_free),
            "allocations" => count(own.allocs),
            "deallocations" => count(own.deallocs),
            "reallocs" => count(own.reallocs()),
            "reallocs_in_place" => count(own.reallocs_in_place),
            "reallocs_moved" => count(own.reallocs_moved),
            "failed" => count(own.failed),
            "misuses" => count(own.misuses),
            "search_steps" => count(m.search_steps),
            "internal_fragmentation" => count(m.internal_fragmentation()),
            "external_fragmentation" => Value::Number(m.external_fragmentation()),
            "peak_utilisation" => Value::Number(m.peak_utilisation()),
            "calls" => count(run.own_calls().count() as u64),
            "leaks" => count(run.leaks.len() as u64),
            "own_heap" => Value::Bool(self.own_heap),
            // The last line the program printed: a number if it reads as
            // one, so a goal can ask that a total still comes out right.
            "printed" => {
                let line = run.output.last().map_or("", |l| l.trim());
                match parse_float(line, true) {
                    Ok(n) => Value::Number(n),
                    Err(_) => Value::Word(line.to_string()),
                }
            }
            "outcome" => Value::Word(
                match run.outcome {
                    Outcome::Ok => "ok",
                    Outcome::Abort { .. } => "abort",
                    Outcome::Error(_) => "error",
                    Outcome::Stopped => "stopped",
                }
                .to_string(),
            ),
            other => return Err(format!("unknown name `{other}`")),
        })
    }
}

/// One goal, checked.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GoalResult {
    /// The goal as written.
    pub goal: String,
    /// Whether it holds.
    pub holds: bool,
    /// What it read (`peak_live is 96`), or why it could not be checked.
    pub why: Vec<String>,
}

/// An exercise's code, checked against every goal.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Checked {
    /// The program's error, if it could not run (with line:column).
    pub problem: Option<String>,
    /// Each goal in order.
    pub goals: Vec<GoalResult>,
}

impl Checked {
    /// Whether every goal holds (and the program ran).
    pub fn solved(&self) -> bool {
        self.problem.is_none() && self.goals.iter().all(|g| g.holds)
    }
}

/// The strategies a block's goals need: its own, then any a goal names.
fn kinds_for(own: &[StrategyKind], goals: &[&Goal]) -> Vec<StrategyKind> {
    let mut kinds = own.to_vec();
    for goal in goals {
        for k in goal.strategies() {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
    }
    kinds
}

/// Runs `code` for `exercise` and checks each goal.
pub fn check_exercise(exercise: &Exercise, code: &str) -> Checked {
    let goals: Vec<&Goal> = exercise.goals.iter().collect();
    let kinds = kinds_for(&exercise.strategies, &goals);
    let runs = match crate::check::settings_with(&exercise.settings)
        .and_then(|settings| Runs::with_settings(code, &kinds, exercise.heap, &settings))
    {
        Ok(runs) => runs,
        Err(e) => {
            return Checked {
                problem: Some(e),
                goals: Vec::new(),
            }
        }
    };
    let goals = exercise
        .goals
        .iter()
        .map(|g| match g.check(&runs) {
            Ok((holds, why)) => GoalResult {
                goal: g.text.clone(),
                holds,
                why,
            },
            Err(e) => GoalResult {
                goal: g.text.clone(),
                holds: false,
                why: vec![e],
            },
        })
        .collect();
    // A run that aborts proves nothing its goals count (a `Vec` that never
    // grew because the program died first), unless a goal asks for it.
    let aborted = if exercise.goals.iter().any(Goal::asks_outcome) {
        None
    } else {
        runs.aborted()
    };
    Checked {
        problem: runs.problem().or(aborted),
        goals,
    }
}

/// What the simulation says the answer to `quiz` is.
pub fn quiz_answer(quiz: &Quiz) -> Result<Value, String> {
    quiz_facts(quiz).map(|(truth, _)| truth)
}

/// A quiz's answer, and where its run is held until the learner answers:
/// the calls made before the first call it asks about (the runtime's
/// included), or `None` when it asks about no call.
pub fn quiz_facts(quiz: &Quiz) -> Result<(Value, Option<usize>), String> {
    let kinds = kinds_for(&[quiz.strategy], &[&quiz.ask]);
    let runs = Runs::with_settings(
        &quiz.code,
        &kinds,
        quiz.heap,
        &settings_with(&quiz.settings)?,
    )?;
    if let Some(problem) = runs.problem() {
        return Err(problem);
    }
    let truth = quiz.ask.value(&runs)?;
    let stop = quiz.ask.calls().first().and_then(|&n| {
        let (_, run, _) = runs.runs.first()?;
        run.calls
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.implicit)
            .nth(n - 1)
            .map(|(i, _)| i)
    });
    Ok((truth, stop))
}

/// Whether `answer` (a choice, or a typed number) is what the simulation gives.
pub fn is_right(answer: &str, truth: &Value) -> bool {
    Value::parse(answer).same(truth)
}
