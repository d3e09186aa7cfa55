//! The lessons: Markdown files in this folder, one per lesson, named
//! `NN-slug.md`, opening with a `# Title` line, one sentence per line.
//!
//! Fenced blocks whose info string names a widget — `scenario`, `layout`,
//! `quiz`, `exercise` — become live parts of the page ([`blocks`] describes
//! their format); everything else is prose. [`parse_lesson`] reads a file
//! into a [`Lesson`] and reports every problem with its line and column;
//! [`check`] runs quizzes and exercises exactly as the app does; and
//! [`progress`] is what a learner did. No I/O happens here: the files are
//! embedded at build time ([`FILES`]), and the native tests read the same.

pub mod blocks;
pub mod check;
pub mod goal;
pub mod progress;

use std::fmt;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use crate::blocks::{BlockError, Exercise, LayoutBlock, Quiz, ScenarioBlock};

include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// One lesson, as read from its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Its place in the course, from the file name's `NN-`.
    pub number: u32,
    /// The rest of the file name: `the-trait-at-the-bottom`.
    pub slug: String,
    /// The text of the opening `# ` line.
    pub title: String,
    /// The page, in order.
    pub parts: Vec<Part>,
}

/// A stretch of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Markdown.
    Prose(String),
    /// A scenario with the visualiser.
    Scenario(ScenarioBlock),
    /// Structs drawn as bytes.
    Layout(LayoutBlock),
    /// Predict, then reveal.
    Quiz(Quiz),
    /// Change the code until the goals hold.
    Exercise(Exercise),
}

impl Lesson {
    /// The file name's stem: `03-box-and-vec`.
    pub fn id(&self) -> String {
        format!("{:02}-{}", self.number, self.slug)
    }

    /// The quizzes, in order.
    pub fn quizzes(&self) -> impl Iterator<Item = &Quiz> {
        self.parts.iter().filter_map(|p| match p {
            Part::Quiz(q) => Some(q),
            _ => None,
        })
    }

    /// The exercises, in order.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.parts.iter().filter_map(|p| match p {
            Part::Exercise(e) => Some(e),
            _ => None,
        })
    }

    /// The scenario blocks, in order.
    pub fn scenarios(&self) -> impl Iterator<Item = &ScenarioBlock> {
        self.parts.iter().filter_map(|p| match p {
            Part::Scenario(s) => Some(s),
            _ => None,
        })
    }
}

/// Every embedded lesson, read; a file that does not read is an error in
/// its place of the list.
pub fn all() -> Vec<Result<Lesson, LessonError>> {
    FILES
        .iter()
        .map(|(name, text)| parse_lesson(name, text))
        .collect()
}

/// Where a lesson file is wrong, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    /// The file.
    pub file: String,
    /// Line, from 1 (0 for the file name itself).
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for LessonError {}

/// Reads `file_name` (`03-box-and-vec.md`) and its `text` into a lesson.
pub fn parse_lesson(file_name: &str, text: &str) -> Result<Lesson, LessonError> {
    let error = |line, column, message: String| LessonError {
        file: file_name.to_string(),
        line,
        column,
        message,
    };
    let stem = file_name
        .strip_suffix(".md")
        .ok_or_else(|| error(0, 1, "a lesson file ends in .md".to_string()))?;
    let (number, slug) = stem
        .split_once('-')
        .and_then(|(n, slug)| Some((n.parse::<u32>().ok()?, slug)))
        .filter(|(_, slug)| !slug.is_empty())
        .ok_or_else(|| {
            error(
                0,
                1,
                format!("`{file_name}` should be named NN-slug.md, like 01-the-trait.md"),
            )
        })?;
    let mut lines = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (index, first) = lines
        .next()
        .ok_or_else(|| error(1, 1, "the lesson is empty".to_string()))?;
    let title = first
        .strip_prefix("# ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            error(
                index + 1,
                1,
                "a lesson opens with its title: `# Title`".to_string(),
            )
        })?;
    let body_line = index + 2;
    let body: Vec<&str> = lines.map(|(_, l)| l).collect();
    let body = body.join("\n");
    let parts = parts(&body, body_line).map_err(|e| error(e.line, e.column, e.message))?;
    Ok(Lesson {
        number,
        slug: slug.to_string(),
        title: title.to_string(),
        parts,
    })
}

/// The widgets a fenced block may name.
const WIDGETS: [&str; 4] = ["scenario", "layout", "quiz", "exercise"];

/// Splits a lesson's body into prose and blocks; `first_line` is the
/// file's line of the body's first line.
fn parts(body: &str, first_line: usize) -> Result<Vec<Part>, BlockError> {
    let line_of = |offset: usize| first_line + body[..offset].matches('\n').count();
    let mut parts = Vec::new();
    let mut prose_from = 0;
    let mut open: Option<(String, usize, std::ops::Range<usize>)> = None;
    let mut code = String::new();
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let widget = info.split(' ').next().unwrap_or_default();
                if WIDGETS.contains(&widget) {
                    open = Some((info.to_string(), line_of(range.start), range));
                    code.clear();
                }
            }
            Event::Text(text) if open.is_some() => code.push_str(&text),
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                let Some((info, line, range)) = open.take() else {
                    continue;
                };
                let prose = body[prose_from..range.start].trim();
                if !prose.is_empty() {
                    parts.push(Part::Prose(prose.to_string()));
                }
                prose_from = range.end;
                let (widget, attrs) = info.split_once(' ').unwrap_or((&info, ""));
                let above = parts.iter().rev().find_map(|p| match p {
                    Part::Scenario(s) => Some(s),
                    _ => None,
                });
                parts.push(match widget {
                    "scenario" => Part::Scenario(blocks::scenario(attrs, &code, line)?),
                    "layout" => Part::Layout(blocks::layout(&code, line)?),
                    "quiz" => Part::Quiz(blocks::quiz(&code, line, above)?),
                    _ => Part::Exercise(blocks::exercise(&code, line)?),
                });
            }
            _ => {}
        }
    }
    let prose = body[prose_from..].trim();
    if !prose.is_empty() {
        parts.push(Part::Prose(prose.to_string()));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_has_a_number_slug_title_and_body() {
        let lesson = parse_lesson(
            "03-box-and-vec.md",
            "\n# Box and Vec\n\nWhat `Box::new` asks for.\n",
        )
        .unwrap();
        assert_eq!(lesson.number, 3);
        assert_eq!(lesson.slug, "box-and-vec");
        assert_eq!(lesson.title, "Box and Vec");
        assert_eq!(lesson.id(), "03-box-and-vec");
        assert_eq!(
            lesson.parts,
            vec![Part::Prose("What `Box::new` asks for.".into())]
        );
    }

    #[test]
    fn a_missing_title_is_reported_at_its_line() {
        let err = parse_lesson("01-x.md", "\n\nSome text\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.to_string().starts_with("01-x.md:3:1:"));
    }

    #[test]
    fn fenced_widgets_become_parts_and_other_code_stays_prose() {
        let text = "# T\n\nIntro.\n\n```rust\nlet x = 1;\n```\n\n```scenario heap=1KiB\nfn main() { let b = Box::new(1u8); }\n```\n\n```quiz\nask: call(1).size\nchoices: 1, 2\n--- question\nHow big?\n--- explain\nOne byte.\n```\nAfter.\n";
        let lesson = parse_lesson("01-t.md", text).unwrap();
        assert_eq!(lesson.parts.len(), 4);
        assert!(matches!(&lesson.parts[0], Part::Prose(p) if p.contains("let x = 1;")));
        match &lesson.parts[1] {
            Part::Scenario(s) => assert_eq!((s.line, s.heap), (9, 1024)),
            other => panic!("{other:?}"),
        }
        match &lesson.parts[2] {
            Part::Quiz(q) => assert!(q.code.contains("Box::new")),
            other => panic!("{other:?}"),
        }
        assert_eq!(lesson.parts[3], Part::Prose("After.".into()));
    }

    #[test]
    fn a_block_error_names_the_file_line_and_column() {
        let text = "# T\n\n```scenario heap=1KiB strategies=nope\nfn main() {}\n```\n";
        let e = parse_lesson("02-t.md", text).unwrap_err();
        assert_eq!((e.line, e.column), (3, 23));
        assert!(e.to_string().starts_with("02-t.md:3:23: no strategy"));
    }

    #[test]
    fn badly_named_files_are_refused_with_the_expected_form() {
        assert!(parse_lesson("intro.md", "# T")
            .unwrap_err()
            .message
            .contains("NN-slug.md"));
        assert!(parse_lesson("01-.md", "# T").is_err());
        assert!(parse_lesson("01-x.txt", "# T")
            .unwrap_err()
            .message
            .contains(".md"));
    }
}
