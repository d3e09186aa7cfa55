//! A learner's progress in every lesson as one file to hand in, and a
//! teacher's table of a class made from several.
//!
//! The file is text: a first line that says what it is, an optional name,
//! then each lesson's progress (see [`crate::progress`]) under a line that
//! names the lesson.
//!
//! ```text
//! allocscope progress 1
//! name Ada
//! lesson 03-box-and-vec
//! answer 0 32
//! solved 0
//! lesson 13-placement-and-coalescing
//! drill 0 42 3 2 2 2 3
//! ```
//!
//! A lesson is found by its slug, whatever its number, so a file written
//! before lessons were added still reads. Reading says what is wrong and
//! where (line and column); a file with a few damaged lines keeps the rest
//! and counts what it skipped, as the page's own storage does.

use crate::check::is_right;
use crate::progress::Progress;
use crate::Lesson;

/// The first line of every file.
pub const HEADER: &str = "allocscope progress 1";

/// The file of one learner: their name, if they gave one, and their
/// progress in each lesson, by lesson id.
pub fn write(name: Option<&str>, lessons: &[(String, Progress)]) -> String {
    let mut out = format!("{HEADER}\n");
    if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
        out.push_str(&format!("name {}\n", name.replace(['\n', '\r'], " ")));
    }
    for (id, progress) in lessons.iter().filter(|(_, p)| !p.is_empty()) {
        out.push_str(&format!("lesson {id}\n"));
        out.push_str(&progress.to_text());
    }
    out
}

/// A file, read back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handed {
    /// The learner's name, if the file gives one.
    pub name: Option<String>,
    /// Each lesson's progress, by the id the file gives it.
    pub lessons: Vec<(String, Progress)>,
    /// Lines that could not be read and were skipped.
    pub skipped: usize,
}

/// Why a file is not a progress file at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotProgress {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads a file [`write`] made.
pub fn read(text: &str) -> Result<Handed, NotProgress> {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim_end();
    if first != HEADER {
        return Err(NotProgress {
            line: 1,
            column: 1,
            message: format!(
                "this is not a progress file: its first line should be `{HEADER}`, and it is `{}`",
                first.chars().take(40).collect::<String>()
            ),
        });
    }
    let mut handed = Handed::default();
    // The lesson whose lines come next, and its text so far.
    let mut open: Option<(String, String)> = None;
    let close = |open: &mut Option<(String, String)>, handed: &mut Handed| {
        if let Some((id, text)) = open.take() {
            let (progress, skipped) = Progress::from_text(&text);
            handed.skipped += skipped;
            handed.lessons.push((id, progress));
        }
    };
    for line in lines {
        if let Some(name) = line.strip_prefix("name ") {
            handed.name = Some(name.trim().to_string());
        } else if let Some(id) = line.strip_prefix("lesson ") {
            close(&mut open, &mut handed);
            open = Some((id.trim().to_string(), String::new()));
        } else if let Some((_, text)) = &mut open {
            text.push_str(line);
            text.push('\n');
        } else if !line.trim().is_empty() {
            handed.skipped += 1;
        }
    }
    close(&mut open, &mut handed);
    Ok(handed)
}

/// The slug of an id (`03-box-and-vec` → `box-and-vec`).
fn slug(id: &str) -> &str {
    id.split_once('-').map_or(id, |(_, s)| s)
}

/// One lesson of one learner, as the class table shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    /// Quizzes answered with the simulation's answer.
    pub right: usize,
    /// Quizzes answered.
    pub answered: usize,
    /// Quizzes in the lesson.
    pub quizzes: usize,
    /// Exercises solved.
    pub solved: usize,
    /// Exercises in the lesson.
    pub exercises: usize,
    /// Drills answered, and answered right.
    pub drills: (u32, u32),
    /// The longest streak of right drills.
    pub best_streak: u32,
}

/// One learner's row: a cell per lesson of the course, in its order.
pub fn row(course: &[&Lesson], handed: &Handed) -> Vec<Cell> {
    course
        .iter()
        .map(|lesson| {
            let progress = handed
                .lessons
                .iter()
                .find(|(id, _)| slug(id) == lesson.slug)
                .map(|(_, p)| p);
            let mut cell = Cell {
                quizzes: lesson.quizzes().count(),
                exercises: lesson.exercises().count(),
                ..Cell::default()
            };
            let Some(p) = progress else {
                return cell;
            };
            for (n, quiz) in lesson.quizzes().enumerate() {
                if let Some(answer) = p.answer(n) {
                    cell.answered += 1;
                    cell.right += usize::from(is_right(answer, &quiz.truth));
                }
            }
            cell.solved = (0..cell.exercises).filter(|&n| p.is_solved(n)).count();
            for n in 0..lesson.drill_blocks().count() {
                if let Some(d) = p.drills(n) {
                    cell.drills.0 += d.tried;
                    cell.drills.1 += d.right;
                    cell.best_streak = cell.best_streak.max(d.best);
                }
            }
            cell
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Drills;

    fn course() -> Vec<Lesson> {
        crate::all().into_iter().map(|l| l.unwrap()).collect()
    }

    #[test]
    fn a_file_reads_back_what_was_written() {
        let mut box_and_vec = Progress::default();
        box_and_vec.set_answer(0, "32".into());
        box_and_vec.set_code(0, "fn main() {\n    let v = vec![1];\n}".into());
        box_and_vec.mark_solved(0);
        let mut lab = Progress::default();
        let mut d = Drills::new(42);
        d.answer("first fit".into(), true);
        lab.set_drills(0, d);
        let lessons = vec![
            ("03-box-and-vec".to_string(), box_and_vec),
            (
                "01-the-trait-at-the-bottom".to_string(),
                Progress::default(),
            ),
            ("13-placement-and-coalescing".to_string(), lab),
        ];
        let text = write(Some(" Ada \n"), &lessons);
        assert!(text.starts_with("allocscope progress 1\nname Ada\nlesson 03-box-and-vec\n"));
        let back = read(&text).unwrap();
        assert_eq!(back.name.as_deref(), Some("Ada"));
        assert_eq!(back.skipped, 0);
        // A lesson with nothing done is left out.
        let kept: Vec<_> = lessons.into_iter().filter(|(_, p)| !p.is_empty()).collect();
        assert_eq!(back.lessons, kept);
    }

    #[test]
    fn a_file_that_is_not_one_says_so_and_damage_is_counted() {
        let e = read("fn main() {}\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("not a progress file"), "{}", e.message);
        assert!(read("").is_err());
        let back =
            read("allocscope progress 1\nstray\nlesson 03-box-and-vec\nsolved x\nsolved 1\n")
                .unwrap();
        assert_eq!(back.skipped, 2);
        assert!(back.lessons[0].1.is_solved(1));
    }

    #[test]
    fn the_class_table_scores_answers_against_the_simulation_by_slug() {
        let course = course();
        let lessons: Vec<&Lesson> = course.iter().collect();
        let box_and_vec = lessons
            .iter()
            .position(|l| l.slug == "box-and-vec")
            .unwrap();
        let truth = lessons[box_and_vec]
            .quizzes()
            .next()
            .unwrap()
            .truth
            .to_string();
        let mut p = Progress::default();
        p.set_answer(0, truth);
        p.set_answer(1, "12345".into());
        p.mark_solved(1);
        // Written when the lesson had another number: found by its slug.
        let handed = Handed {
            name: None,
            lessons: vec![("99-box-and-vec".into(), p)],
            skipped: 0,
        };
        let cells = row(&lessons, &handed);
        assert_eq!(cells.len(), lessons.len());
        let cell = cells[box_and_vec];
        assert_eq!((cell.right, cell.answered, cell.solved), (1, 2, 1));
        assert_eq!(cell.quizzes, lessons[box_and_vec].quizzes().count());
        // Every other lesson: nothing done.
        assert!(cells
            .iter()
            .enumerate()
            .all(|(i, c)| i == box_and_vec || (c.answered, c.solved) == (0, 0)));
    }
}
