//! The supervisor: runs the fuzzing in a child process (this same binary
//! with `--worker`), because a stack overflow or an abort (a refused
//! allocation past the hard cap) ends the process that has it. When the
//! child dies so, the input it was running (`current.*`, written before
//! each input) is saved as a finding, and a new child fuzzes on for the
//! time left, from another seed.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::targets::Target;
use crate::worker::{exit, print_table, save, take_tally, Plan, Tallies};

/// How the whole run went.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Workers started.
    pub rounds: u32,
    /// Whether anything was found.
    pub found: bool,
}

/// Fuzzes for the plan's time in children; `Err`: no child could run.
pub fn supervise(plan: &Plan) -> Result<Outcome, String> {
    let me = std::env::current_exe().map_err(|e| format!("where is this binary? {e}"))?;
    let started = Instant::now();
    let mut outcome = Outcome::default();
    let mut tally = Tallies::new();
    let result = rounds(plan, &me, started, &mut outcome, &mut tally);
    println!(
        "fuzz: {:.0?} in {} worker{}",
        started.elapsed(),
        outcome.rounds,
        if outcome.rounds == 1 { "" } else { "s" }
    );
    print_table(&tally);
    result.map(|()| outcome)
}

/// Starts workers until the time is up or one ends by itself.
fn rounds(
    plan: &Plan,
    me: &Path,
    started: Instant,
    outcome: &mut Outcome,
    tally: &mut Tallies,
) -> Result<(), String> {
    loop {
        let left = plan.duration.saturating_sub(started.elapsed());
        if left < Duration::from_secs(1) && outcome.rounds > 0 {
            break;
        }
        let seed = plan
            .seed
            .wrapping_add(u64::from(outcome.rounds) * 1_000_003);
        outcome.rounds += 1;
        let mut child = Command::new(me)
            .arg("--worker")
            .args(["--seed", &seed.to_string()])
            .args(["--millis", &left.as_millis().to_string()])
            .args(["--timeout", &plan.timeout.as_secs().to_string()])
            .arg("--out")
            .arg(&plan.out)
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", me.display()))?;
        // The child's stderr goes on to ours; the runtime's last words
        // there say why it died.
        let mut why = String::new();
        if let Some(stderr) = child.stderr.take() {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = writeln!(std::io::stderr(), "{line}");
                if line.contains("overflowed its stack")
                    || line.contains("memory allocation of")
                    || line.contains("abort")
                {
                    why = line;
                }
            }
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        take_tally(&plan.out, seed, tally);
        match status.code() {
            Some(exit::CLEAN) => break,
            Some(exit::FOUND) => {
                outcome.found = true;
                break;
            }
            Some(exit::HUNG) => outcome.found = true,
            Some(exit::BROKEN) => return Err("the worker could not start".into()),
            _ => {
                outcome.found = true;
                match crashed_input(&plan.out, &format!("the process died ({status}): {why}")) {
                    Some(path) => println!(
                        "fuzz: the worker died ({status}) on an input, saved as {}",
                        path.display()
                    ),
                    None => println!("fuzz: the worker died ({status}) before its first input"),
                }
            }
        }
    }
    Ok(())
}

/// Saves the input a dead worker was running as a finding.
fn crashed_input(out: &Path, reason: &str) -> Option<std::path::PathBuf> {
    let note = std::fs::read_to_string(out.join("current.txt")).ok()?;
    let file = note.lines().next()?;
    let target = Target::of_file(file)?;
    let input = std::fs::read_to_string(out.join(file)).ok()?;
    let _ = std::fs::remove_file(out.join("current.txt"));
    let reason = format!("{reason} [{}]", note.lines().nth(1).unwrap_or(""));
    Some(save(&out.join("crashes"), target, &input, &reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_a_dead_worker_was_running_becomes_a_finding() {
        let out = std::env::temp_dir().join(format!("allocscope-fuzz-dead-{}", std::process::id()));
        std::fs::create_dir_all(&out).unwrap();
        let input = "fn main() { fn f() { f() } f(); }\n";
        std::fs::write(out.join("current.rs"), input).unwrap();
        std::fs::write(
            out.join("current.txt"),
            "current.rs\nscenario seed 1 input 9\n",
        )
        .unwrap();
        let saved = crashed_input(&out, "the process died (signal: 6)").unwrap();
        assert_eq!(std::fs::read_to_string(&saved).unwrap(), input);
        assert!(saved.starts_with(out.join("crashes")));
        let why = std::fs::read_to_string(saved.with_extension("rs.why")).unwrap();
        assert!(
            why.starts_with("the process died (signal: 6) [scenario seed 1 input 9]"),
            "{why}"
        );
        assert!(why.contains("--replay"), "{why}");
        // Noted once: a second death before another input names nothing.
        assert_eq!(crashed_input(&out, "again"), None);
        std::fs::remove_dir_all(&out).unwrap();
    }
}
