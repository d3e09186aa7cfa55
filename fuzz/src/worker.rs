//! The fuzzing loop: pick a target and a seed, mutate, judge, keep what
//! fails; and the summary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::judge::{judge, Verdict};
use crate::mutate::{mutate, Dice};
use crate::seeds::Seeds;
use crate::targets::{fnv, setup_of, Target};

/// How the worker ends, as its exit code says to the supervisor.
pub mod exit {
    /// Nothing found.
    pub const CLEAN: i32 = 0;
    /// Findings were saved.
    pub const FOUND: i32 = 1;
    /// An input hung (saved): the worker cannot stop it, so it ends, and
    /// the supervisor starts another for the time left.
    pub const HUNG: i32 = 2;
    /// The worker could not start (its seeds did not read).
    pub const BROKEN: i32 = 3;
}

/// One worker's settings.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The generator's seed.
    pub seed: u64,
    /// How long to fuzz.
    pub duration: Duration,
    /// How long one input may run.
    pub timeout: Duration,
    /// `target/fuzz`: `current.*` and `crashes/`.
    pub out: PathBuf,
}

/// How often each target is picked: the interpreter is where the most
/// code is.
const WEIGHTS: [(Target, usize); 5] = [
    (Target::Scenario, 5),
    (Target::Allocator, 2),
    (Target::Trace, 2),
    (Target::Share, 1),
    (Target::Progress, 1),
];

/// Counts for the summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    inputs: u64,
    time: Duration,
    findings: u64,
}

/// Each target's counts.
pub type Tallies = BTreeMap<Target, Tally>;

/// Where a worker keeps its counts for the supervisor, which sums them
/// (a worker that dies cannot print its own).
fn tally_file(out: &Path, seed: u64) -> PathBuf {
    out.join(format!("tally-{seed}.txt"))
}

fn write_tally(out: &Path, seed: u64, tally: &Tallies) {
    let text: String = tally
        .iter()
        .map(|(t, x)| {
            format!(
                "{} {} {} {}\n",
                t.name(),
                x.inputs,
                x.time.as_nanos(),
                x.findings
            )
        })
        .collect();
    let _ = std::fs::write(tally_file(out, seed), text);
}

/// Adds the counts a worker from `seed` left, and removes them.
pub fn take_tally(out: &Path, seed: u64, into: &mut Tallies) {
    let file = tally_file(out, seed);
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let _ = std::fs::remove_file(&file);
    for line in text.lines() {
        let w: Vec<&str> = line.split(' ').collect();
        let (Some(target), [_, inputs, nanos, findings]) = (
            Target::ALL
                .into_iter()
                .find(|t| Some(&t.name()) == w.first()),
            w.as_slice(),
        ) else {
            continue;
        };
        let x = into.entry(target).or_default();
        x.inputs += inputs.parse::<u64>().unwrap_or(0);
        x.time += Duration::from_nanos(nanos.parse().unwrap_or(0));
        x.findings += findings.parse::<u64>().unwrap_or(0);
    }
}

/// The findings saved so far, by signature.
#[derive(Debug)]
pub struct Findings {
    dir: PathBuf,
    seen: BTreeMap<String, (u64, PathBuf)>,
}

impl Findings {
    /// Findings kept in `dir` (made if missing).
    pub fn new(dir: PathBuf) -> Findings {
        Findings {
            dir,
            seen: BTreeMap::new(),
        }
    }

    /// Saves `input` with its reason, unless its bug was saved already
    /// in this run; returns the file.
    pub fn save(&mut self, target: Target, input: &str, reason: &str, signature: &str) -> PathBuf {
        let key = format!("{}: {signature}", target.name());
        if let Some((count, path)) = self.seen.get_mut(&key) {
            *count += 1;
            return path.clone();
        }
        let path = save(&self.dir, target, input, reason);
        self.seen.insert(key, (1, path.clone()));
        path
    }

    /// How many different bugs.
    pub fn len(&self) -> usize {
        self.seen.len()
    }
}

/// Writes `input` as `<target>-<hash>.<ext>` in `dir`, its reason beside
/// it in `.why`.
pub fn save(dir: &Path, target: Target, input: &str, reason: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let name = format!(
        "{}-{:016x}.{}",
        target.name(),
        fnv(input.as_bytes()),
        target.ext()
    );
    let path = dir.join(&name);
    let _ = std::fs::write(&path, input);
    let (kind, heap) = setup_of(input);
    let why = format!(
        "{reason}\n(runs on {}, heap {heap} B; reproduce: cargo run -p allocscope-fuzz -- --replay {})\n",
        kind.name(),
        path.display()
    );
    let _ = std::fs::write(dir.join(format!("{name}.why")), why);
    path
}

/// Writes the input about to run where the supervisor looks after a
/// crash: `current.<ext>`, and `current.txt` naming it.
fn note_current(out: &Path, target: Target, input: &str, seed: u64, n: u64) {
    let file = format!("current.{}", target.ext());
    let _ = std::fs::write(out.join(&file), input);
    let _ = std::fs::write(
        out.join("current.txt"),
        format!("{file}\n{} seed {seed} input {n}\n", target.name()),
    );
}

/// Fuzzes until the plan's time is up; returns the exit code.
pub fn work(plan: &Plan) -> i32 {
    let seeds = match Seeds::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("fuzz: the seeds do not read: {e}");
            return exit::BROKEN;
        }
    };
    let _ = std::fs::create_dir_all(&plan.out);
    let mut findings = Findings::new(plan.out.join("crashes"));
    crate::judge::quiet_panics();
    let mut dice = Dice::new(plan.seed);
    let mut tally = Tallies::new();
    let mut noted = Instant::now();
    let total: usize = WEIGHTS.iter().map(|(_, w)| w).sum();
    let started = Instant::now();
    let mut n = 0u64;
    let mut hung = false;
    while started.elapsed() < plan.duration {
        let mut roll = dice.below(total);
        let target = WEIGHTS
            .iter()
            .find(|(_, w)| {
                let hit = roll < *w;
                roll = roll.saturating_sub(*w);
                hit
            })
            .map_or(Target::Scenario, |(t, _)| *t);
        let pool = seeds.of(target);
        let base = dice.pick(pool);
        let input = if dice.one_in(20) {
            base.clone()
        } else {
            mutate(base, target, pool, &mut dice)
        };
        n += 1;
        note_current(&plan.out, target, &input, plan.seed, n);
        let t = Instant::now();
        let owned = input.clone();
        let verdict = judge(move || target.check(&owned), plan.timeout);
        let entry = tally.entry(target).or_default();
        entry.inputs += 1;
        entry.time += t.elapsed();
        if noted.elapsed() > Duration::from_secs(1) {
            write_tally(&plan.out, plan.seed, &tally);
            noted = Instant::now();
        }
        let (reason, signature) = match verdict {
            Verdict::Pass => continue,
            Verdict::Finding { reason, signature } => (reason, signature),
            Verdict::Hang => (
                format!(
                    "ran past {:?} (a hang: the step limit did not stop it)",
                    plan.timeout
                ),
                "hang".to_string(),
            ),
        };
        tally.entry(target).or_default().findings += 1;
        let path = findings.save(target, &input, &reason, &signature);
        write_tally(&plan.out, plan.seed, &tally);
        println!(
            "fuzz: {} {reason}\n      saved as {}",
            target.name(),
            path.display()
        );
        if signature == "hang" {
            hung = true;
            break;
        }
    }
    write_tally(&plan.out, plan.seed, &tally);
    summary(&findings);
    if hung {
        exit::HUNG
    } else if findings.len() > 0 {
        exit::FOUND
    } else {
        exit::CLEAN
    }
}

fn summary(findings: &Findings) {
    for (key, (count, path)) in &findings.seen {
        println!("fuzz: found {key} ({count}×), {}", path.display());
    }
}

/// The table of inputs, execs/s and findings per target.
pub fn print_table(tally: &Tallies) {
    println!(
        "fuzz: {:<10} {:>8} {:>10} {:>9}",
        "target", "inputs", "execs/s", "findings"
    );
    for (target, t) in tally {
        let rate = t.inputs as f64 / t.time.as_secs_f64().max(1e-9);
        println!(
            "fuzz: {:<10} {:>8} {:>10.1} {:>9}",
            target.name(),
            t.inputs,
            rate,
            t.findings
        );
    }
}
