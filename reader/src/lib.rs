//! The lesson reader: a teacher's own lesson file, in the course's format,
//! read in the browser as the course's own files are at build time.
//!
//! Reading a lesson has two halves (see `lessons::outline`): the Markdown
//! (pulldown-cmark), done here, and the blocks, whose programs are run and
//! whose answers are worked out and checked (`lessons::verify::checked`),
//! done by the engine's worker, which holds the simulation already. The
//! Markdown reader belongs in neither the page's first download nor the
//! engine's, so this is a third wasm, loaded by a Web Worker only when a
//! teacher opens a lesson file (see `index.html` and
//! `web-ui/src/reader.rs`):
//!
//! ```text
//!  page (web-ui)           worker (this crate's `reader` bin)      engine's worker
//!  ─────────────           ──────────────────────────────────      ───────────────
//!  Job { name, text } ───▶ read(name, text)
//!         ◀─────────────── Reply { read: Ok(outline) | Err(problems) }
//!  Work::Lesson(outline) ────────────────────────────────────────▶ checked(outline)
//!         ◀─────────────────────────────── Reply::Lesson { Ok(lesson) | Err(problems) }
//! ```
//!
//! # Invariants
//! - [`read`] never panics, whatever the text: every problem is a
//!   [`LessonError`] with the file's name, a line and a column.
//! - Its input is bounded: a file longer than [`MAX_BYTES`] is refused
//!   before it is parsed.
//! - An outline [`read`] gives names the file as the teacher named it, so
//!   the engine's problems do too.
//! - `decode(encode(x)) == x` for every message.

use lessons::outline::Outline;
use lessons::LessonError;
use serde::{Deserialize, Serialize};

/// What the worker says once it listens (a message posted to a worker
/// before it listens is lost).
pub const READY: &str = "allocscope reader ready";

/// The longest lesson file read: the longest of the course is under 30 KB.
pub const MAX_BYTES: usize = 256 * 1024;

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// Which job this is: its reply carries it back.
    pub id: u64,
    /// The file's name (`my-lesson.md`, or the last part of its URL).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The file's Markdown half, read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The job's id.
    pub id: u64,
    /// The file's outline, or its problem at its line and column.
    pub read: Result<Outline, Vec<LessonError>>,
}

/// The job id of a reply to bytes that were not a job.
pub const UNREAD: u64 = u64::MAX;

/// A message as bytes.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    postcard::to_allocvec(message).unwrap_or_default()
}

/// A message from bytes.
pub fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("a message that does not read: {e}"))
}

/// The name a teacher's file is read under: its own when it is
/// `NN-slug.md`, as the course's files are; otherwise `00-` and its stem
/// in lower case with every other character a dash (`My Lesson.md` reads
/// as lesson 0, `00-my-lesson`), so any Markdown file opens.
pub fn course_name(name: &str) -> String {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let numbered = stem.split_once('-').is_some_and(|(n, slug)| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !slug.is_empty()
    });
    if numbered && name.ends_with(".md") {
        return name.to_string();
    }
    let mut slug = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    format!(
        "00-{}.md",
        if slug.is_empty() { "your-lesson" } else { slug }
    )
}

/// Reads the Markdown half of the lesson file `name` with `text`.
#[cfg(feature = "read")]
pub fn read(name: &str, text: &str) -> Result<Outline, Vec<LessonError>> {
    let problem = |line, column, message: String| LessonError {
        file: name.to_string(),
        line,
        column,
        message,
    };
    if text.len() > MAX_BYTES {
        return Err(vec![problem(
            1,
            1,
            format!(
                "the file is {} KiB: a lesson file is read up to {} KiB",
                text.len().div_ceil(1024),
                MAX_BYTES / 1024
            ),
        )]);
    }
    let mut outline = lessons::compile::outline(&course_name(name), text).map_err(|e| {
        vec![LessonError {
            file: name.to_string(),
            ..e
        }]
    })?;
    outline.file = name.to_string();
    Ok(outline)
}

/// Works one job.
#[cfg(feature = "read")]
pub fn work(job: &Job) -> Reply {
    Reply {
        id: job.id,
        read: read(&job.name, &job.text),
    }
}

#[cfg(all(test, feature = "read"))]
mod tests {
    use super::*;
    use lessons::Lesson;

    /// Both halves, as the page has them done: here, then in the engine.
    fn read(name: &str, text: &str) -> Result<Lesson, Vec<LessonError>> {
        let outline = super::read(name, text)?;
        let outline: Outline = decode(&encode(&outline)).unwrap();
        lessons::verify::checked(&outline)
    }

    const SOUND: &str = "# Two boxes\n\nA box is one call.\n\n```scenario heap=1KiB\nfn main() { let b = Box::new(1u64); }\n```\n\n```quiz\nask: call(1).size\nchoices: 4, 8\n--- question\nHow many bytes does the box ask for?\n--- explain\nA `u64` is 8 bytes.\n```\n\n```exercise\ntitle: Box two values\ngoal: allocations >= 2\n--- task\nBox two values.\n--- start\nfn main() { let a = Box::new(1u8); }\n--- solution\nfn main() { let a = Box::new(1u8); let b = Box::new(2u8); }\n```\n";

    #[test]
    fn a_sound_file_reads_under_any_name() {
        let lesson = read("Two Boxes!.md", SOUND).unwrap();
        assert_eq!(lesson.id(), "00-two-boxes");
        assert_eq!(lesson.title, "Two boxes");
        assert_eq!(lesson.quizzes().count(), 1);
        assert_eq!(read("07-boxes.md", SOUND).unwrap().id(), "07-boxes");
    }

    #[test]
    fn the_example_a_teacher_starts_from_passes() {
        let lesson = read("your-own-lesson.md", lessons::EXAMPLE)
            .unwrap_or_else(|problems| panic!("{problems:#?}"));
        assert_eq!(lesson.id(), "00-your-own-lesson");
        assert_eq!(
            (
                lesson.scenarios().count(),
                lesson.quizzes().count(),
                lesson.exercises().count()
            ),
            (1, 1, 1)
        );
    }

    #[test]
    fn names_become_course_names() {
        assert_eq!(course_name("03-box.md"), "03-box.md");
        assert_eq!(course_name("My Lesson.md"), "00-my-lesson.md");
        assert_eq!(course_name("lesson.markdown"), "00-lesson-markdown.md");
        assert_eq!(course_name("…"), "00-your-lesson.md");
        assert_eq!(course_name("12-.md"), "00-12.md");
    }

    #[test]
    fn problems_name_the_file_the_teacher_gave_with_line_and_column() {
        // A quiz whose choices hold no right answer.
        let wrong = SOUND.replace("choices: 4, 8", "choices: 4, 16");
        let problems = read("boxes.md", &wrong).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].file.as_str(), problems[0].line),
            ("boxes.md", 9)
        );
        assert!(problems[0].message.contains("0 of its choices"));
        // A syntax error in a block: where it is.
        let broken = SOUND.replace("heap=1KiB", "heap=1 banana");
        let problems = read("boxes.md", &broken).unwrap_err();
        assert_eq!(problems[0].file, "boxes.md");
        assert_eq!(problems[0].line, 5);
        assert!(problems[0].column > 1);
    }

    #[test]
    fn what_is_not_a_lesson_is_refused_without_a_panic() {
        for text in [
            "",
            "no title",
            "# T\n\n```quiz\n```\n",
            "# T\n\n```exercise\ntitle: x\n```\n",
            "# T\n\n```scenario\nfn main() { loop {} }\n```\n",
        ] {
            assert!(read("x.md", text).is_err(), "{text}");
        }
        // A program asking for 800 MB runs out of this heap at once: a
        // scenario may end that way (it can be the lesson), and reading it
        // takes neither the time nor the memory.
        let huge_vec =
            "# T\n\n```scenario\nfn main() { let v = vec![[0u64; 10000]; 10000]; }\n```\n";
        assert!(read("x.md", huge_vec).is_ok());
        let huge = format!("# T\n\n{}", "word ".repeat(MAX_BYTES / 4));
        let problems = read("x.md", &huge).unwrap_err();
        assert!(problems[0].message.contains("up to 256 KiB"));
    }

    #[test]
    fn messages_read_back() {
        let job = Job {
            id: 3,
            name: "a.md".into(),
            text: SOUND.into(),
        };
        assert_eq!(decode::<Job>(&encode(&job)).unwrap(), job);
        let reply = work(&job);
        assert_eq!(decode::<Reply>(&encode(&reply)).unwrap(), reply);
        assert!(decode::<Job>(&[0xff, 0xff]).is_err());
    }
}
