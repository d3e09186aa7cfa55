//! `fuzz`: mutation fuzzing of allocscope's parsers and its interpreter,
//! on stable Rust. `cargo xtask fuzz [--minutes N] [--seed S]` runs it;
//! CI runs it for 60 seconds from a fixed seed.
//!
//! # What is fuzzed
//!
//! Five targets, each fed inputs grown from the project's own ([`seeds`]):
//!
//! - **scenario** — a program run by `alloc_sim::scenario::run` on a
//!   strategy and heap size drawn from the input's own hash (so a saved
//!   input replays on the same heap), under a step limit of
//!   [`targets::MAX_STEPS`]. Seeds: every example program, every
//!   allocator program, the conformance corpus, every lesson's programs.
//! - **allocator** — an allocator program and a trace (after a
//!   `// ---- trace ----` line), replayed by
//!   `scenario::replay_with_allocator` as `alloc-sim score` does.
//! - **trace** — `ops::parse`, then `ops::replay` on a strategy.
//! - **share** — `web_ui::share::decode` of a link's fragment.
//! - **progress** — `lessons::progress::Progress::from_text` and
//!   `lessons::class::read`.
//!
//! Each input is a seed changed one to four times ([`mutate`]): spans
//! deleted, duplicated or spliced from another seed, fragments inserted
//! that hurt interpreters (`loop {}`, nesting 3000 deep, 20 000 terms,
//! `vec![0u64; 1 << 40]`, `Layout::from_size_align(1 << 62, 8)`, a null
//! write, unbounded recursion, odd Unicode), numbers swapped for edge
//! values, tokens swapped. Everything is drawn from one seeded generator,
//! so `--seed` fixes the inputs (not how many fit in the time).
//!
//! # The oracles
//!
//! Every input must end in a result or in an error with a place
//! ([`judge`]): a panic is a finding (caught, with its place); so is an
//! error at line 0, column 0 or past the end of its text, a heap whose
//! `check()` fails after the run, a link or a progress text that reads
//! back differently once written again, an input that runs past the
//! clock (`--timeout`, 20 s: the step limit should have ended it long
//! before), and one that holds more than 1 GiB of host memory (the
//! binary's allocator counts, [`counting`]). Past 3 GiB the allocator
//! refuses, and the process aborts rather than swap. A stack overflow or
//! an abort ends the process: the fuzzing runs in a child ([`supervise`]),
//! which writes each input to `target/fuzz/current.<ext>` before running
//! it; when the child dies, that input is the finding, and a new child
//! goes on for the time left. The debug build is the one to fuzz: the
//! simulation checks every invariant of the heap after every call there.
//!
//! # A finding
//!
//! Each is saved once per bug (grouped by a panic's place or the reason's
//! words) as `target/fuzz/crashes/<target>-<hash>.<ext>`, its reason and
//! how to reproduce it beside it in `<file>.why`. The run exits non-zero
//! if it found anything. To reproduce one:
//!
//! ```text
//! cargo run -p allocscope-fuzz -- --replay target/fuzz/crashes/scenario-….rs
//! ```
//!
//! which runs that input through its target once, on the same strategy
//! and heap, and prints the verdict (a stack overflow shows as itself).
//! A finding becomes a regression test in the crate that owns the bug
//! (alloc-sim's `tests/fuzz_regressions.rs` for the interpreter and the
//! traces), with the input cut down by hand to the lines that matter,
//! asserting the behaviour wanted (an error with its place, say); until
//! the bug is fixed it is `#[ignore = "fuzz finding: …"]`.

mod counting;
mod judge;
mod mutate;
mod seeds;
mod supervise;
mod targets;
mod worker;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use judge::Verdict;
use targets::Target;
use worker::Plan;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting::new();

const USAGE: &str =
    "usage: fuzz [--minutes N | --seconds N] [--seed S] [--timeout SECS] [--out DIR]
       fuzz --replay FILE";

/// What the command line asks.
#[derive(Debug)]
enum Mode {
    Fuzz(Plan),
    Worker(Plan),
    Replay(PathBuf, Duration),
}

fn number(value: Option<String>, flag: &str) -> Result<u64, String> {
    value
        .ok_or_else(|| format!("{flag} needs a value"))?
        .parse()
        .map_err(|e| format!("{flag}: {e}"))
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Mode, String> {
    let mut args = args.into_iter();
    let default_out = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| seeds::root().join("target"), PathBuf::from)
        .join("fuzz");
    let mut plan = Plan {
        seed: 0,
        duration: Duration::from_secs(5 * 60),
        timeout: Duration::from_secs(20),
        out: default_out,
    };
    let mut worker = false;
    let mut replay = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--minutes" => plan.duration = Duration::from_secs(60 * number(args.next(), &arg)?),
            "--seconds" => plan.duration = Duration::from_secs(number(args.next(), &arg)?),
            "--millis" => plan.duration = Duration::from_millis(number(args.next(), &arg)?),
            "--seed" => plan.seed = number(args.next(), &arg)?,
            "--timeout" => plan.timeout = Duration::from_secs(number(args.next(), &arg)?),
            "--out" => plan.out = args.next().ok_or("--out needs a folder")?.into(),
            "--worker" => worker = true,
            "--replay" => replay = Some(PathBuf::from(args.next().ok_or("--replay needs a file")?)),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(match (replay, worker) {
        (Some(file), _) => Mode::Replay(file, plan.timeout),
        (None, true) => Mode::Worker(plan),
        (None, false) => Mode::Fuzz(plan),
    })
}

/// Runs one saved input through its target; `Ok(true)` if it passes.
fn replay(file: &std::path::Path, timeout: Duration) -> Result<bool, String> {
    let name = file.to_string_lossy();
    let target = Target::of_file(&name).ok_or_else(|| {
        format!(
            "{name}: no target has this extension ({})",
            Target::ALL.map(|t| format!(".{}", t.ext())).join(" ")
        )
    })?;
    let input = std::fs::read_to_string(file).map_err(|e| format!("{name}: {e}"))?;
    let (kind, heap) = targets::setup_of(&input);
    println!(
        "fuzz: replaying {name} as {} (on {}, heap {heap} B)",
        target.name(),
        kind.name()
    );
    judge::quiet_panics();
    match judge::judge(move || target.check(&input), timeout) {
        Verdict::Pass => {
            println!("fuzz: ok: it ends in a result or an error with a place");
            Ok(true)
        }
        Verdict::Finding { reason, .. } => {
            println!("fuzz: finding: {reason}");
            Ok(false)
        }
        Verdict::Hang => {
            println!("fuzz: finding: ran past {timeout:?}");
            Ok(false)
        }
    }
}

fn main() -> ExitCode {
    let mode = match parse_args(std::env::args().skip(1)) {
        Ok(mode) => mode,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match mode {
        Mode::Worker(plan) => {
            let code = worker::work(&plan);
            // A hung input's thread is still running: end here, not by
            // returning (which would wait for nothing, but be plain).
            std::process::exit(code)
        }
        Mode::Replay(file, timeout) => match replay(&file, timeout) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("fuzz: {e}");
                ExitCode::from(2)
            }
        },
        Mode::Fuzz(plan) => {
            println!(
                "fuzz: {:?} from seed {}, findings into {}",
                plan.duration,
                plan.seed,
                plan.out.join("crashes").display()
            );
            match supervise::supervise(&plan) {
                Ok(outcome) if outcome.found => {
                    println!(
                        "fuzz: found something ({} worker{}); see the lines above and {}",
                        outcome.rounds,
                        if outcome.rounds == 1 { "" } else { "s" },
                        plan.out.join("crashes").display()
                    );
                    ExitCode::FAILURE
                }
                Ok(_) => {
                    println!("fuzz: nothing found");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("fuzz: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_command_line_reads() {
        match parse_args(args("--seconds 60 --seed 7")).unwrap() {
            Mode::Fuzz(plan) => {
                assert_eq!(plan.duration, Duration::from_secs(60));
                assert_eq!(plan.seed, 7);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_args(args("--replay x.rs")),
            Ok(Mode::Replay(..))
        ));
        assert!(parse_args(args("--frobnicate")).is_err());
    }

    #[test]
    fn replay_runs_a_saved_input_through_its_target() {
        let dir = std::env::temp_dir().join(format!("allocscope-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("scenario-good.rs");
        std::fs::write(&good, "fn main() { let b = Box::new(5u32); }\n").unwrap();
        assert_eq!(replay(&good, Duration::from_secs(20)), Ok(true));
        let trace = dir.join("trace-good.rep");
        std::fs::write(&trace, "a 0 16\nf 7\n").unwrap();
        assert_eq!(replay(&trace, Duration::from_secs(20)), Ok(true));
        assert!(replay(&dir.join("notes.txt"), Duration::from_secs(1)).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
