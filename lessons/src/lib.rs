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
//! with its line and column, in the crate (feature `embed`, on by default);
//! [`all`] gives it back. So a new or edited lesson is picked up by the next
//! build (`trunk serve` rebuilds on save), and the browser needs no Markdown
//! parser. The course is stored with postcard (serde's compact binary
//! format): the browser reads it without a JSON parser, and structs are
//! read as sequences, which keeps the reading code small. The browser app
//! does not embed the course: the `course-bin` binary writes the same
//! bytes beside the page (a hook in `Trunk.toml`), the app fetches them
//! when a lesson page first opens, and [`from_bytes`] reads them, so the
//! playground's download does not carry the lessons. [`check`] runs
//! quizzes and exercises exactly as the app does, and [`progress`] is what
//! a learner did; [`verify`] holds any lesson, ours or a teacher's, to
//! the course's rules. No I/O happens here.

pub mod blocks;
pub mod check;
pub mod class;
#[cfg(any(test, feature = "compile"))]
pub mod compile;
pub mod drill;
pub mod goal;
mod lesson;
pub mod node;
pub mod outline;
pub mod progress;
pub mod verify;

pub use lesson::{Lesson, LessonError, Part};

include!(concat!(env!("OUT_DIR"), "/course.rs"));

/// A lesson file to start from, for a teacher writing their own: one
/// scenario, one quiz and one exercise, each explained in the prose. The
/// app shows it and opens it; the tests read and check it as a teacher's
/// file is, and the conformance corpus runs its programs as real Rust.
pub const EXAMPLE: &str = include_str!("../example/your-own-lesson.md");

/// The course: every lesson, or the error that kept its file from being read.
pub type Course = Vec<Result<Lesson, LessonError>>;

/// Every lesson of the folder, in file-name order: the lesson, or the
/// error that kept its file from being read.
#[cfg(any(test, feature = "embed"))]
pub fn all() -> Course {
    from_bytes(COURSE)
}

/// The course exactly as the build stored it (what [`from_bytes`] reads).
#[cfg(any(test, feature = "embed"))]
pub fn course_bytes() -> &'static [u8] {
    COURSE
}

/// Reads a course stored by the build; bytes that do not read (another
/// build's, or cut short) give one error that says so.
pub fn from_bytes(bytes: &[u8]) -> Course {
    postcard::from_bytes(bytes).unwrap_or_else(|e| {
        vec![Err(LessonError {
            file: "course.bin".into(),
            line: 0,
            column: 0,
            message: format!(
                "the course stored at build time does not read back ({e}): reload the page; if it persists, rebuild the site"
            ),
        })]
    })
}
