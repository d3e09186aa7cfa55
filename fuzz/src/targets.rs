//! What is fuzzed, and what each input must do: end in a result or in an
//! error with a place, leave the heap whole, and read back what it wrote.

use alloc_sim::scenario::{self, Limits};
use alloc_sim::{ops, HeapConfig, Outcome, Simulation, StrategyKind};

use crate::mutate::Dice;

/// Allocator calls a program may make before its run stops where it is
/// (a finished run, `Outcome::Stopped`). The step limit counts statements,
/// not calls, and a debug build checks the whole heap after every call:
/// 4,095 turns of a loop that nests fifty `vec!`s are 200,000 calls and
/// a minute. The calls past this many are the same code again.
const MAX_CALLS: usize = 5_000;

/// Interpreter steps an input may take: far below the app's own limit,
/// so a loop ends quickly in its step-limit error.
pub const MAX_STEPS: u64 = 200_000;

/// Between an allocator program and the trace it replays, in an
/// [`Target::Allocator`] input.
pub const TRACE_MARK: &str = "\n// ---- trace ----\n";

/// A trace for an allocator program whose input has lost its own.
const DEFAULT_TRACE: &str = "a 0 24\na 1 100\nr 0 200\nf 1\nf 0\n";

/// One thing fuzzed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A scenario (any program, allocators of its own included), run by
    /// the interpreter on a strategy.
    Scenario,
    /// An allocator program replaying a trace, as `alloc-sim score` does.
    Allocator,
    /// A trace, parsed and replayed on a strategy.
    Trace,
    /// A share link's fragment, decoded.
    Share,
    /// A lesson's progress text and a class's handed-in file, read.
    Progress,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 5] = [
        Target::Scenario,
        Target::Allocator,
        Target::Trace,
        Target::Share,
        Target::Progress,
    ];

    /// Its name in file names and the summary.
    pub fn name(self) -> &'static str {
        match self {
            Target::Scenario => "scenario",
            Target::Allocator => "allocator",
            Target::Trace => "trace",
            Target::Share => "share",
            Target::Progress => "progress",
        }
    }

    /// The extension of its saved inputs, which `--replay` reads back.
    pub fn ext(self) -> &'static str {
        match self {
            Target::Scenario => "rs",
            Target::Allocator => "alloc.rs",
            Target::Trace => "rep",
            Target::Share => "link",
            Target::Progress => "progress",
        }
    }

    /// The target of a saved input, by its file name.
    pub fn of_file(name: &str) -> Option<Target> {
        // `alloc.rs` before `rs`: the longer extension first.
        [
            Target::Allocator,
            Target::Scenario,
            Target::Trace,
            Target::Share,
            Target::Progress,
        ]
        .into_iter()
        .find(|t| name.ends_with(&format!(".{}", t.ext())))
    }

    /// Runs `input`: `Err` is a finding (a panic is caught by the caller).
    pub fn check(self, input: &str) -> Result<(), String> {
        match self {
            Target::Scenario => check_scenario(input),
            Target::Allocator => check_allocator(input),
            Target::Trace => check_trace(input),
            Target::Share => check_share(input),
            Target::Progress => check_progress(input),
        }
    }
}

/// The strategy and heap size an input runs on, drawn from its own text
/// so that a saved input replays exactly as it ran.
pub fn setup_of(input: &str) -> (StrategyKind, u64) {
    let mut dice = Dice::new(fnv(input.as_bytes()));
    let kind = *dice.pick(&StrategyKind::ALL);
    // Any size a heap may have would find one bug over and over (see
    // `tests/fuzz_regressions.rs` in alloc-sim): multiples of 16 only.
    let heap = if dice.one_in(4) {
        dice.between(alloc_sim::MIN_HEAP_SIZE / 16, (1 << 20) / 16) * 16
    } else {
        1 << dice.between(8, 20)
    };
    (kind, heap)
}

/// FNV-1a: a stable hash of an input (std's `DefaultHasher` may change
/// between Rust releases).
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A fresh heap for `input`.
fn simulation(input: &str) -> Result<(Simulation, String), String> {
    let (kind, heap) = setup_of(input);
    let on = format!("on {}, heap {heap} B", kind.name());
    Simulation::new(HeapConfig::new(heap), kind)
        .map(|sim| (sim, on.clone()))
        .map_err(|e| format!("the harness made a heap that is refused {on}: {e}"))
}

/// An error's place must be a place in `text`: line and column from 1, a
/// line that exists (or the one just past the end, for "expected `}`").
pub fn place_ok(line: usize, column: usize, text: &str) -> bool {
    let lines = text.lines().count().max(1);
    line >= 1 && column >= 1 && line <= lines + 1
}

/// The outcome's place, if it has one, checked against `source`.
fn check_outcome(outcome: &Outcome, source: &str, on: &str) -> Result<(), String> {
    let (line, column, message) = match outcome {
        Outcome::Error(e) => (e.line, e.column, &e.message),
        Outcome::Abort {
            line,
            column,
            message,
        } => (*line, *column, message),
        Outcome::Ok | Outcome::Stopped => return Ok(()),
    };
    if place_ok(line, column, source) {
        Ok(())
    } else {
        Err(format!(
            "an error at {line}:{column}, not a place in the program ({} lines) {on}: {}",
            source.lines().count(),
            first_line(message)
        ))
    }
}

/// A message's first line, cut short.
pub fn first_line(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(160)
        .collect()
}

fn check_scenario(source: &str) -> Result<(), String> {
    let (mut sim, on) = simulation(source)?;
    let limits = Limits {
        max_steps: MAX_STEPS,
        stop_after_calls: Some(MAX_CALLS),
        ..Limits::default()
    };
    let run = scenario::run(source, &mut sim, limits);
    sim.check()
        .map_err(|e| format!("the heap fails its check after the run {on}: {e}"))?;
    check_outcome(&run.outcome, source, &on)
}

fn check_allocator(input: &str) -> Result<(), String> {
    let (program, trace) = input
        .split_once(TRACE_MARK)
        .unwrap_or((input, DEFAULT_TRACE));
    let Some(list) = parse_trace(trace)? else {
        return Ok(());
    };
    let (mut sim, on) = simulation(input)?;
    let limits = Limits {
        max_steps: MAX_STEPS,
        ..Limits::default()
    };
    match scenario::replay_with_allocator(program, &list, &mut sim, limits) {
        Ok(replay) => {
            sim.check()
                .map_err(|e| format!("the heap fails its check after the replay {on}: {e}"))?;
            // An error of the program's own code is in the program; one of
            // the driver's, in the trace: either text will do.
            let whole = format!("{program}\n{trace}");
            check_outcome(&replay.run.outcome, &whole, &on)
        }
        Err(e) if place_ok(e.line, e.column, trace) => Ok(()),
        Err(e) => Err(format!(
            "a replay error at {}:{}, not a place in the trace {on}: {}",
            e.line,
            e.column,
            first_line(&e.message)
        )),
    }
}

/// A trace read, or `None` when it is refused with an error at a place
/// in it (a finished input); an error elsewhere is a finding.
fn parse_trace(text: &str) -> Result<Option<ops::OpList>, String> {
    match ops::parse(text) {
        Ok(list) => Ok(Some(list)),
        Err(e) if place_ok(e.line, e.column, text) => Ok(None),
        Err(e) => Err(format!(
            "a trace error at {}:{}, not a place in the trace: {}",
            e.line,
            e.column,
            first_line(&e.message)
        )),
    }
}

fn check_trace(text: &str) -> Result<(), String> {
    let Some(list) = parse_trace(text)? else {
        return Ok(());
    };
    let (mut sim, on) = simulation(text)?;
    match ops::replay(&list, &mut sim) {
        Ok(run) => {
            sim.check()
                .map_err(|e| format!("the heap fails its check after the replay {on}: {e}"))?;
            check_outcome(&run.outcome, text, &on)
        }
        Err(e) if place_ok(e.line, e.column, text) => Ok(()),
        Err(e) => Err(format!(
            "a replay error at {}:{}, not a place in the trace {on}: {}",
            e.line,
            e.column,
            first_line(&e.message)
        )),
    }
}

fn check_share(fragment: &str) -> Result<(), String> {
    let Ok(shared) = web_ui::share::decode(fragment) else {
        return Ok(());
    };
    // What a link opens, it must link to again.
    let again = web_ui::share::encode(&shared);
    match web_ui::share::decode(&again) {
        Ok(back) if back == shared => Ok(()),
        Ok(_) => Err(format!(
            "a link read back differently after encoding it again: `{}`",
            first_line(&again)
        )),
        Err(e) => Err(format!(
            "a link's own encoding is refused: {}: `{}`",
            first_line(&e),
            first_line(&again)
        )),
    }
}

fn check_progress(text: &str) -> Result<(), String> {
    use lessons::progress::Progress;
    // Writing may normalise (a `\r` is dropped); what was written once
    // must read back as itself, every line read.
    let (first, _) = Progress::from_text(text);
    let (written, _) = Progress::from_text(&first.to_text());
    let (back, skipped) = Progress::from_text(&written.to_text());
    if back != written || skipped != 0 {
        return Err(format!(
            "progress read back differently after writing it ({skipped} lines skipped)"
        ));
    }
    match lessons::class::read(text) {
        Ok(_) => Ok(()),
        Err(e) if place_ok(e.line, e.column, text) => Ok(()),
        Err(e) => Err(format!(
            "a class file's error at {}:{}, not a place in it: {}",
            e.line,
            e.column,
            first_line(&e.message)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_input_names_its_target() {
        for target in Target::ALL {
            let name = format!("{}-0123.{}", target.name(), target.ext());
            assert_eq!(Target::of_file(&name), Some(target), "{name}");
        }
        assert_eq!(Target::of_file("notes.txt"), None);
    }

    #[test]
    fn an_error_must_be_in_the_text() {
        assert!(place_ok(1, 1, ""));
        assert!(place_ok(3, 9, "a\nb\n"));
        assert!(!place_ok(0, 1, "a"));
        assert!(!place_ok(1, 0, "a"));
        assert!(!place_ok(7, 1, "a\nb"));
    }

    #[test]
    fn an_input_runs_on_the_same_heap_every_time() {
        assert_eq!(setup_of("fn main() {}"), setup_of("fn main() {}"));
        let heaps: Vec<u64> = (0..50).map(|i| setup_of(&i.to_string()).1).collect();
        assert!(heaps
            .iter()
            .all(|h| (256..=1 << 20).contains(h) && h % 16 == 0));
    }

    #[test]
    fn a_good_program_passes_every_check() {
        assert_eq!(
            Target::Scenario.check("fn main() { let v = vec![1u8]; }"),
            Ok(())
        );
        assert_eq!(Target::Trace.check("a 0 16\nf 0\n"), Ok(()));
        assert_eq!(Target::Progress.check("answer 1 x\nsolved 2\n"), Ok(()));
    }
}
