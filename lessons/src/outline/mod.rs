//! A lesson file read in two halves, so that each half runs where its
//! tools are.
//!
//! ```text
//!  text ──(compile::outline: pulldown-cmark)──▶ Outline ──(finish: the simulation)──▶ Lesson
//! ```
//!
//! The first half needs a Markdown reader and nothing else: it splits the
//! file into prose and fenced blocks and renders every piece of Markdown,
//! the prose inside blocks too ([`blocks::prose_texts`]). The second needs
//! the simulation and no Markdown reader: it reads each block ([`blocks`]),
//! runs its programs and works out its answers. A build or a test does
//! both at once (`compile::parse_lesson`); in the browser a teacher's file
//! is outlined by the lesson reader's worker and finished by the engine's,
//! so no wasm carries both a Markdown reader and the simulation.
//!
//! # Invariants
//! - `finish(outline(text))` is `compile::parse_lesson(text)`, lesson or
//!   error (a test holds the course's files to it).
//! - An outline carries the rendering of every text [`finish`] renders; a
//!   text it lacks (an outline made by other code) is shown as written.

pub mod blocks;

use serde::{Deserialize, Serialize};

use crate::lesson::{Lesson, LessonError, Part};
use crate::node::Node;
use blocks::BlockError;

/// A lesson file split into prose and blocks, its Markdown rendered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    /// The file's name, as the course names files (`03-box-and-vec.md`).
    pub file: String,
    /// The lesson's number, from the file's name.
    pub number: u32,
    /// The rest of the file's name.
    pub slug: String,
    /// The `# Title` line.
    pub title: String,
    /// The body, in order.
    pub pieces: Vec<Piece>,
}

/// A piece of a lesson's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Piece {
    /// Prose, rendered.
    Prose(Vec<Node>),
    /// A fenced block naming a widget, not yet read.
    Block(RawBlock),
}

/// A fenced block as it stands in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawBlock {
    /// The widget its info string names (`scenario`, `quiz`, …).
    pub widget: String,
    /// The rest of the info string (`heap=1KiB strategies=bump`).
    pub attrs: String,
    /// Its text.
    pub code: String,
    /// The file's line of its opening fence.
    pub line: usize,
    /// Each text of it that is Markdown, with its rendering.
    pub prose: Vec<(String, Vec<Node>)>,
}

impl RawBlock {
    /// The rendering of `text`, one of the block's Markdown texts.
    fn render(&self, text: &str) -> Vec<Node> {
        self.prose
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, nodes)| nodes.clone())
            .unwrap_or_else(|| {
                vec![Node::Element {
                    tag: "p",
                    href: None,
                    children: vec![Node::Text(text.to_string())],
                }]
            })
    }
}

/// The lesson `outline` describes: every block read, its programs run and
/// its answers worked out; or the first problem, at its line and column.
pub fn finish(outline: &Outline) -> Result<Lesson, LessonError> {
    let mut parts = Vec::with_capacity(outline.pieces.len());
    for piece in &outline.pieces {
        let part = match piece {
            Piece::Prose(nodes) => Part::Prose(nodes.clone()),
            Piece::Block(block) => read_block(block, &parts).map_err(|e| LessonError {
                file: outline.file.clone(),
                line: e.line,
                column: e.column,
                message: e.message,
            })?,
        };
        parts.push(part);
    }
    Ok(Lesson {
        number: outline.number,
        slug: outline.slug.clone(),
        title: outline.title.clone(),
        parts,
    })
}

/// Reads one block; `before` is every part above it.
fn read_block(block: &RawBlock, before: &[Part]) -> Result<Part, BlockError> {
    let (code, line) = (block.code.as_str(), block.line);
    let prose = |text: &str| block.render(text);
    Ok(match block.widget.as_str() {
        "scenario" => Part::Scenario(blocks::scenario(&block.attrs, code, line)?),
        "layout" => Part::Layout(blocks::layout(code, line)?),
        "quiz" => {
            let above = before.iter().rev().find_map(|p| match p {
                Part::Scenario(s) => Some(s),
                _ => None,
            });
            Part::Quiz(blocks::quiz(code, line, above, &prose)?)
        }
        "drill" => Part::Drill(blocks::drill(code, line)?),
        "compare" => Part::Compare(blocks::compare(code, line)?),
        "exercise" => Part::Exercise(blocks::exercise(code, line, &prose)?),
        other => {
            return Err(BlockError {
                line,
                column: 4,
                message: format!("no widget is called `{other}`"),
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{outline, parse_lesson};

    /// Through the bytes the reader's worker sends the engine's.
    fn across(o: &Outline) -> Outline {
        postcard::from_bytes(&postcard::to_allocvec(o).unwrap()).unwrap()
    }

    #[test]
    fn both_halves_across_workers_read_every_course_file_as_one_reading_does() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<(String, String)> = crate::FILES
            .iter()
            .map(|name| {
                let text = std::fs::read_to_string(dir.join(name)).unwrap();
                (name.to_string(), text)
            })
            .collect();
        files.push(("00-your-own-lesson.md".into(), crate::EXAMPLE.into()));
        assert!(files.len() > 10);
        for (name, text) in &files {
            let whole = parse_lesson(name, text);
            let halves = outline(name, text).and_then(|o| finish(&across(&o)));
            assert_eq!(halves, whole, "{name}");
            assert!(whole.is_ok(), "{name}: {whole:?}");
        }
    }

    #[test]
    fn a_block_problem_found_in_the_second_half_keeps_its_place() {
        let text = "# T\n\nIntro.\n\n```quiz\nask: call(1).size\n--- question\nQ?\n--- code\nfn main() {}\n```\n";
        let o = outline("04-t.md", text).unwrap();
        let e = finish(&across(&o)).unwrap_err();
        assert_eq!(e, parse_lesson("04-t.md", text).unwrap_err());
        assert_eq!((e.file.as_str(), e.line), ("04-t.md", 5));
        assert!(e.message.contains("--- explain"), "{e}");
    }

    #[test]
    fn the_prose_inside_blocks_is_rendered_in_the_first_half() {
        let text = "# T\n\n```exercise\ntitle: One\ngoal: allocations == 1\nhint: use `Box::new`\n--- task\nBox **one** value.\n--- start\nfn main() {}\n--- solution\nfn main() { let b = Box::new(1u8); }\n```\n";
        let o = outline("05-t.md", text).unwrap();
        let Piece::Block(block) = &o.pieces[0] else {
            panic!("{:?}", o.pieces)
        };
        let texts: Vec<&str> = block.prose.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Box **one** value.", "use `Box::new`"]);
        let lesson = finish(&o).unwrap();
        let ex = lesson.exercises().next().unwrap();
        assert_eq!(
            ex.task,
            crate::compile::markdown::parse("Box **one** value.")
        );
        assert_eq!(crate::node::text(&ex.hints[0]), "use Box::new");
    }

    #[test]
    fn a_text_the_outline_lacks_is_shown_as_written() {
        let block = RawBlock {
            widget: "quiz".into(),
            attrs: String::new(),
            code: String::new(),
            line: 1,
            prose: Vec::new(),
        };
        assert_eq!(crate::node::text(&block.render("a *b*")), "a *b*");
    }
}
