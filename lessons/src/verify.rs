//! The checks a lesson passes before a learner sees it, whoever wrote it:
//! the course's own files (in `tests/lessons.rs`) and a teacher's file
//! opened in the app (the `reader` worker) are held to the same rules.
//!
//! - every scenario runs to its end on each of its strategies without an
//!   error (running out of memory may be its lesson), makes
//!   at least one allocator call, leaves a heap whose invariants hold (in
//!   debug builds, which check them), and
//!   any `step=` it names is a call it makes;
//! - every comparison's figures are the simulation's, run again;
//! - every quiz has exactly one choice the simulation agrees with (a quiz
//!   without choices asks for a number or an address);
//! - every exercise's starting code runs (running out of memory may be its
//!   lesson) and misses its goals, its solution meets them, and an empty
//!   `main` does not.
//!
//! Reading the file already ran each quiz (its answer is stored with it);
//! here nothing is taken on trust: the answer is computed again.

use alloc_sim::scenario::{self, Limits, Outcome};

use crate::check;
use crate::goal::Value;
use crate::outline::{finish, Outline};
use crate::{Lesson, LessonError};

/// The lesson `outline` describes, when it reads and passes every check;
/// otherwise every problem, each at its line (the second half of reading
/// a teacher's file: see [`crate::outline`]).
pub fn checked(outline: &Outline) -> Result<Lesson, Vec<LessonError>> {
    let lesson = finish(outline).map_err(|e| vec![e])?;
    let problems = verify(&lesson, &outline.file);
    if problems.is_empty() {
        Ok(lesson)
    } else {
        Err(problems)
    }
}

/// Every problem of `lesson` (read from `file`), each at the line of the
/// block it is about, in the order of the file; empty when it passes.
pub fn verify(lesson: &Lesson, file: &str) -> Vec<LessonError> {
    let mut problems = Vec::new();
    let mut problem = |line: usize, message: String| {
        problems.push(LessonError {
            file: file.to_string(),
            line,
            column: 1,
            message,
        });
    };
    for part in &lesson.parts {
        match part {
            crate::Part::Scenario(s) => {
                for &kind in &s.strategies {
                    if let Some(why) = scenario_problem(s, kind) {
                        problem(s.line, format!("the scenario on {kind}: {why}"));
                    }
                }
            }
            crate::Part::Quiz(q) => {
                if let Some(why) = quiz_problem(q) {
                    problem(q.line, format!("the quiz: {why}"));
                }
            }
            crate::Part::Compare(c) => {
                for row in &c.rows {
                    match check::figures(&c.code, row.strategy, c.heap, &row.settings) {
                        Ok(f) if f == row.figures => {}
                        Ok(f) => problem(
                            c.line,
                            format!(
                                "the comparison's figures on {} ({:?}) are not the simulation's ({f:?})",
                                row.strategy, row.figures
                            ),
                        ),
                        Err(e) => problem(c.line, format!("the comparison: {e}")),
                    }
                }
            }
            crate::Part::Exercise(e) => {
                for why in exercise_problems(e) {
                    problem(e.line, format!("the exercise “{}”: {why}", e.title));
                }
            }
            _ => {}
        }
    }
    problems
}

fn scenario_problem(
    s: &crate::blocks::ScenarioBlock,
    kind: alloc_sim::StrategyKind,
) -> Option<String> {
    let settings = match check::settings_with(&s.settings) {
        Ok(settings) => settings,
        Err(e) => return Some(e),
    };
    let mut sim = match check::simulation_with(kind, s.heap, &settings) {
        Ok(sim) => sim,
        Err(e) => return Some(e),
    };
    let run = scenario::run(&s.code, &mut sim, Limits::default());
    match &run.outcome {
        Outcome::Error(e) => return Some(format!("its program stops with an error: {e}")),
        Outcome::Stopped => {
            return Some("its program does not end within the steps a run may take".into())
        }
        _ => {}
    }
    if run.calls.is_empty() {
        return Some("its program makes no allocator call".into());
    }
    if let Some(step) = s.step.filter(|&step| step > run.calls.len()) {
        return Some(format!(
            "step={step} is past its last call ({})",
            run.calls.len()
        ));
    }
    // Debug builds check the heap's invariants (release builds leave the
    // check out, and the simulation's own tests hold it).
    #[cfg(debug_assertions)]
    if let Err(e) = sim.check() {
        return Some(format!("the heap breaks an invariant: {e}"));
    }
    None
}

fn quiz_problem(q: &crate::blocks::Quiz) -> Option<String> {
    let truth = match check::quiz_answer(q) {
        Ok(truth) => truth,
        Err(e) => return Some(e),
    };
    if q.truth != truth {
        return Some(format!(
            "the answer stored with it ({}) is not the simulation's ({truth})",
            q.truth
        ));
    }
    if q.choices.is_empty() {
        return (!matches!(truth, Value::Number(_) | Value::Addr(_))).then(|| {
            format!(
                "without choices a quiz asks for a number or an address, but the answer is {truth}"
            )
        });
    }
    let right = q
        .choices
        .iter()
        .filter(|c| check::is_right(c, &truth))
        .count();
    (right != 1).then(|| {
        format!(
            "the simulation says {truth}, and {right} of its choices ({}) say so: exactly one should",
            q.choices.join(", ")
        )
    })
}

fn exercise_problems(e: &crate::blocks::Exercise) -> Vec<String> {
    let mut out = Vec::new();
    let start = check::check_exercise(e, &e.start);
    // Running out of memory can be what the exercise is about.
    if let Some(p) = start
        .problem
        .as_ref()
        .filter(|p| !p.contains("the run aborted"))
    {
        out.push(format!("the start does not run: {p}"));
    }
    if start.solved() {
        out.push("the start already meets every goal".into());
    }
    let solution = check::check_exercise(e, &e.solution);
    if !solution.solved() {
        let missed: Vec<String> = solution
            .goals
            .iter()
            .filter(|g| !g.holds)
            .map(|g| g.goal.clone())
            .collect();
        out.push(match &solution.problem {
            Some(p) => format!("the solution does not run: {p}"),
            None => format!("the solution misses {}", missed.join(", ")),
        });
    }
    if check::check_exercise(e, "fn main() {}").solved() {
        out.push("an empty `fn main() {}` meets every goal".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(body: &str) -> Lesson {
        crate::compile::parse_lesson("20-mine.md", &format!("# Mine\n\n{body}")).unwrap()
    }

    #[test]
    fn a_sound_lesson_passes() {
        let l = lesson("```scenario heap=1KiB\nfn main() { let b = Box::new(1u64); }\n```\n\n```exercise\ntitle: Box it\ngoal: allocations >= 2\n--- task\nBox two values.\n--- start\nfn main() { let a = Box::new(1u8); }\n--- solution\nfn main() { let a = Box::new(1u8); let b = Box::new(2u8); }\n```\n");
        assert_eq!(verify(&l, "20-mine.md"), vec![]);
    }

    #[test]
    fn an_exercise_whose_start_already_solves_it_is_reported_at_its_line() {
        let l = lesson("```exercise\ntitle: Box it\ngoal: allocations >= 1\n--- task\nBox.\n--- start\nfn main() { let a = Box::new(1u8); }\n--- solution\nfn main() { let a = Box::new(1u8); }\n```\n");
        let problems = verify(&l, "20-mine.md");
        // The empty main allocates too (the runtime's calls): three problems.
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("the start already meets every goal")),
            "{messages:?}"
        );
        assert!(problems.iter().all(|p| p.line == 3), "{problems:?}");
    }

    #[test]
    fn a_solution_that_misses_names_the_goals_it_misses() {
        let l = lesson("```exercise\ntitle: Box it\ngoal: allocations == 40\n--- task\nBox.\n--- start\nfn main() { }\n--- solution\nfn main() { let a = Box::new(1u8); }\n```\n");
        let problems = verify(&l, "20-mine.md");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("misses allocations == 40"));
        assert!(problems[0].to_string().starts_with("20-mine.md:3:1"));
    }
}
