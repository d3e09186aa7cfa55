//! The inputs every run starts from: the project's own programs, traces,
//! links and progress texts, read from the working tree (and the lessons
//! from the course the `lessons` crate embeds).

use std::path::{Path, PathBuf};

use alloc_sim::StrategyKind;
use lessons::progress::{Drills, Progress};
use lessons::Part;
use web_ui::setup::Setup;
use web_ui::share::Shared;

use crate::targets::{Target, TRACE_MARK};

/// Lines kept of a long trace: the shipped ones run to thousands of ops,
/// and a mutation near the end of one would cost a whole replay.
const TRACE_LINES: usize = 400;

/// The seeds of every target.
#[derive(Debug, Default)]
pub struct Seeds {
    /// Programs: examples, allocators, the conformance corpus, lessons.
    pub scenario: Vec<String>,
    /// Allocator programs, each with a trace after [`TRACE_MARK`].
    pub allocator: Vec<String>,
    /// Traces: the shipped ones (cut short) and the example op lists.
    pub trace: Vec<String>,
    /// Share links of some states.
    pub share: Vec<String>,
    /// Progress texts and class files.
    pub progress: Vec<String>,
}

/// The workspace's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz/ sits in the workspace")
        .to_path_buf()
}

/// The files of `dir` whose names end with `ext`, sorted, as text.
fn files(dir: &str, ext: &str) -> Result<Vec<String>, String> {
    let dir = root().join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect()
}

impl Seeds {
    /// Every seed.
    pub fn load() -> Result<Seeds, String> {
        let examples = files("alloc-sim/examples/scenarios", ".rs")?;
        let allocators = files("alloc-sim/examples/allocators", ".rs")?;
        let corpus = files("alloc-sim/conformance/corpus", ".rs")?;
        let lessons = lesson_programs();
        let short = |t: &String| t.lines().take(TRACE_LINES).collect::<Vec<_>>().join("\n") + "\n";
        let mut trace: Vec<String> = files("alloc-sim/examples/ops", ".ops")?;
        trace.extend(files("alloc-sim/traces", ".rep")?.iter().map(short));
        let allocator = allocators
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let t = &trace[i % trace.len()];
                let t: String = t.lines().take(60).collect::<Vec<_>>().join("\n");
                format!("{a}{TRACE_MARK}{t}\n")
            })
            .collect();
        let mut scenario = examples;
        scenario.extend(allocators.iter().cloned());
        scenario.extend(corpus);
        scenario.extend(lessons.iter().cloned());
        let share = share_links(&scenario);
        let progress = progress_texts(&lessons);
        Ok(Seeds {
            scenario,
            allocator,
            trace,
            share,
            progress,
        })
    }

    /// The seeds of `target`.
    pub fn of(&self, target: Target) -> &[String] {
        match target {
            Target::Scenario => &self.scenario,
            Target::Allocator => &self.allocator,
            Target::Trace => &self.trace,
            Target::Share => &self.share,
            Target::Progress => &self.progress,
        }
    }
}

/// Every program of the embedded course: scenarios, quizzes, exercises'
/// starts and solutions, comparisons.
fn lesson_programs() -> Vec<String> {
    let mut out = Vec::new();
    for lesson in lessons::all().into_iter().flatten() {
        for part in &lesson.parts {
            match part {
                Part::Scenario(s) => out.push(s.code.clone()),
                Part::Quiz(q) => out.push(q.code.clone()),
                Part::Exercise(e) => {
                    out.push(e.start.clone());
                    out.push(e.solution.clone());
                }
                Part::Compare(c) => out.push(c.code.clone()),
                _ => {}
            }
        }
    }
    out.retain(|p| !p.trim().is_empty());
    out.dedup();
    out
}

/// Links to a few programs on one to three strategies.
fn share_links(programs: &[String]) -> Vec<String> {
    let kinds = StrategyKind::ALL;
    programs
        .iter()
        .step_by(9)
        .enumerate()
        .map(|(i, source)| {
            let setups = (0..1 + i % 3)
                .map(|j| {
                    let kind = kinds[(i + j) % kinds.len()];
                    let setup = Setup::default();
                    (kind, Setup::for_kind(kind, &setup))
                })
                .collect();
            web_ui::share::encode(&Shared {
                source: source.clone(),
                setups,
                cursor: i * 3,
            })
        })
        .collect()
}

/// Progress with answers, code (lessons' programs, so newlines and
/// backslashes are escaped), solved exercises and drills; alone and as a
/// class's file.
fn progress_texts(programs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, code) in programs.iter().step_by(11).enumerate() {
        let mut p = Progress::default();
        p.set_answer(i, format!("choice {i} \\ é"));
        p.set_code(i + 1, code.clone());
        p.mark_solved(i + 2);
        let mut drills = Drills::new(i as u64 * 7919);
        drills.answer(format!("0x{:x}", i * 16), i % 2 == 0);
        drills.next();
        p.set_drills(i + 3, drills);
        out.push(p.to_text());
        out.push(lessons::class::write(
            Some("Ada Lovelace"),
            &[(format!("{:02}-lesson", i + 1), p)],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_has_seeds() {
        let seeds = Seeds::load().unwrap();
        for target in Target::ALL {
            assert!(seeds.of(target).len() >= 3, "{target:?}");
        }
        assert!(seeds.scenario.len() > 150, "{}", seeds.scenario.len());
    }
}
