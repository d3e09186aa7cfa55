//! The course as it ships, checked so the prose can never rot: every lesson
//! in this folder parses; every scenario runs on its strategies; every
//! quiz has exactly one choice the simulation agrees with; every
//! exercise's starting code misses its goals and its reference solution
//! meets them (the rules of `lessons::verify`, which a teacher's own file
//! opened in the app meets too).

use lessons::check::{self, Runs};
use lessons::Lesson;

fn course() -> Vec<Lesson> {
    // The embedded copies are the files themselves: compare, then use them.
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md") && n.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    on_disk.sort();
    let embedded: Vec<&str> = lessons::FILES.to_vec();
    assert_eq!(on_disk, embedded, "the build embeds every lesson file");
    lessons::all()
        .into_iter()
        .map(|l| l.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn the_lessons_are_numbered_in_order_and_complete() {
    let course = course();
    let numbers: Vec<u32> = course.iter().map(|l| l.number).collect();
    assert_eq!(numbers, (1..=15).collect::<Vec<_>>());
    for l in &course {
        let id = l.id();
        assert!(l.scenarios().count() >= 1, "{id}: no scenario");
        assert!(l.quizzes().count() >= 1, "{id}: no quiz");
        assert!(l.exercises().count() >= 2, "{id}: fewer than two exercises");
    }
}

#[test]
fn every_lesson_passes_the_checks_a_teachers_file_passes() {
    // Every scenario runs; every quiz has one right answer, the
    // simulation's; every exercise's start misses and its solution meets
    // its goals (lessons::verify).
    for l in course() {
        let file = format!("{}.md", l.id());
        let problems = lessons::verify::verify(&l, &file);
        assert!(
            problems.is_empty(),
            "{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn prose_keeps_one_sentence_per_line() {
    // A full stop, a space and a capital inside a line starts a second
    // sentence (abbreviations like "e.g." are written without a capital after).
    let dir = env!("CARGO_MANIFEST_DIR");
    for name in lessons::FILES {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        let mut fenced = false;
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
            }
            if fenced || line.trim_start().starts_with(['|', '>', '#']) {
                continue;
            }
            // A list item's marker (`- `, `1. `) is not a sentence's end.
            let item = line.trim_start();
            let item = item
                .strip_prefix("- ")
                .or_else(|| {
                    item.split_once(". ")
                        .filter(|(n, _)| n.parse::<u32>().is_ok())
                        .map(|(_, rest)| rest)
                })
                .unwrap_or(item);
            let prose: String = item.split('`').step_by(2).collect::<Vec<_>>().join("");
            let second = prose
                .match_indices(". ")
                .chain(prose.match_indices("? "))
                .chain(prose.match_indices("! "))
                .any(|(i, _)| prose[i + 2..].starts_with(|c: char| c.is_uppercase()));
            assert!(
                !second,
                "{name}:{}: two sentences on one line: {line}",
                i + 1
            );
        }
    }
}

#[test]
fn a_broken_exercise_reports_where_the_code_went_wrong() {
    let course = course();
    let e = course[0].exercises().next().unwrap();
    let checked = check::check_exercise(e, "fn main() {\n    let v = ;\n}");
    assert!(!checked.solved());
    assert!(checked.problem.unwrap().contains("2:"));
    let runs = Runs::new("fn main() {}", &e.strategies, e.heap).unwrap();
    assert_eq!(runs.problem(), None);
}

#[test]
fn a_run_that_aborts_solves_no_exercise_unless_a_goal_asks_how_it_ends() {
    let course = course();
    let exercise = course
        .iter()
        .flat_map(|l| l.exercises())
        .find(|e| e.title == "Allocate once")
        .expect("lesson 3's first exercise");
    // One allocation of 3,200 bytes, then a push that needs 6,400: the
    // growth fails on the 4 KiB heap and the program aborts before any
    // realloc is made. Counted alone, both goals would hold.
    let dies = "fn main() {\n    let mut v: Vec<u32> = Vec::with_capacity(800);\n    for i in 0..801 {\n        v.push(i);\n    }\n}";
    let checked = check::check_exercise(exercise, dies);
    assert!(checked.goals.iter().all(|g| g.holds), "{checked:#?}");
    assert!(!checked.solved());
    let problem = checked.problem.unwrap();
    assert!(problem.contains("the run aborted at 4:"), "{problem}");
    // An exercise whose goal asks for the abort (lesson 7's) is solved
    // by one.
    let asking: Vec<_> = course
        .iter()
        .flat_map(|l| l.exercises())
        .filter(|e| e.goals.iter().any(|g| g.text == "outcome == abort"))
        .collect();
    assert_eq!(asking.len(), 1);
    for e in asking {
        let solution = check::check_exercise(e, &e.solution);
        assert!(solution.solved(), "{solution:#?}");
    }
}
