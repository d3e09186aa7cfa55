//! The lessons: Markdown files in this folder, one per lesson, named
//! `NN-slug.md`, opening with a `# Title` line, one sentence per line.
//!
//! Fenced blocks whose info string names a widget — `scenario`, `layout`,
//! `quiz`, `exercise` — become live parts of the page ([`blocks`] describes
//! their format); everything else is prose ([`node`]).
//!
//! The files are read when the crate is built: `build.rs` runs the reader
//! (`compile`: Markdown with pulldown-cmark, blocks, goals) over every
//! `NN-slug.md` of this folder and stores the course, or each file's error
//! with its line and column, in the crate; [`all`] gives it back. So a new
//! or edited lesson is picked up by the next build (`trunk serve` rebuilds
//! on save), and the browser needs no Markdown parser. [`check`] runs
//! quizzes and exercises exactly as the app does, and [`progress`] is what
//! a learner did. No I/O happens here.

pub mod blocks;
pub mod check;
#[cfg(any(test, feature = "compile"))]
pub mod compile;
pub mod goal;
mod lesson;
pub mod node;
pub mod progress;

pub use lesson::{Lesson, LessonError, Part};

include!(concat!(env!("OUT_DIR"), "/course.rs"));

/// Every lesson of the folder, in file-name order: the lesson, or the
/// error that kept its file from being read.
pub fn all() -> Vec<Result<Lesson, LessonError>> {
    serde_json::from_str(COURSE).unwrap_or_else(|e| {
        vec![Err(LessonError {
            file: "lessons".into(),
            line: e.line(),
            column: e.column(),
            message: format!("the course stored at build time does not read back: {e}"),
        })]
    })
}
