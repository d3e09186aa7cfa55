//! Reading a lesson file: its name, its title, and its body split into
//! prose and live blocks, with every problem at its line and column. The
//! Markdown half ([`outline`]) is here; the blocks are read by
//! [`crate::outline::finish`].

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use super::markdown::parse as markdown;
use crate::lesson::{Lesson, LessonError};
use crate::outline::{blocks, finish, Outline, Piece, RawBlock};

/// Reads `file_name` (`03-box-and-vec.md`) and its `text` into a lesson.
pub fn parse_lesson(file_name: &str, text: &str) -> Result<Lesson, LessonError> {
    finish(&outline(file_name, text)?)
}

/// The Markdown half of reading `file_name` and its `text`: its name,
/// title and body split into prose and blocks, every piece of Markdown
/// rendered (see [`crate::outline`]).
pub fn outline(file_name: &str, text: &str) -> Result<Outline, LessonError> {
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
    Ok(Outline {
        file: file_name.to_string(),
        number,
        slug: slug.to_string(),
        title: title.to_string(),
        pieces: pieces(&body, body_line),
    })
}

/// The widgets a fenced block may name.
const WIDGETS: [&str; 6] = ["scenario", "layout", "quiz", "exercise", "drill", "compare"];

/// Splits a lesson's body into prose and blocks; `first_line` is the
/// file's line of the body's first line.
fn pieces(body: &str, first_line: usize) -> Vec<Piece> {
    let line_of = |offset: usize| first_line + body[..offset].matches('\n').count();
    let mut pieces = Vec::new();
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
                    pieces.push(Piece::Prose(markdown(prose)));
                }
                prose_from = range.end;
                let (widget, attrs) = info.split_once(' ').unwrap_or((&info, ""));
                let prose = blocks::prose_texts(widget, &code)
                    .into_iter()
                    .map(|text| {
                        let nodes = markdown(&text);
                        (text, nodes)
                    })
                    .collect();
                pieces.push(Piece::Block(RawBlock {
                    widget: widget.to_string(),
                    attrs: attrs.to_string(),
                    code: code.clone(),
                    line,
                    prose,
                }));
            }
            _ => {}
        }
    }
    let prose = body[prose_from..].trim();
    if !prose.is_empty() {
        pieces.push(Piece::Prose(markdown(prose)));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::Part;

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
        assert_eq!(lesson.parts.len(), 1);
        assert!(
            matches!(&lesson.parts[0], Part::Prose(p) if crate::node::text(p) == "What Box::new asks for.")
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
        assert!(
            matches!(&lesson.parts[0], Part::Prose(p) if crate::node::text(p).contains("let x = 1;"))
        );
        match &lesson.parts[1] {
            Part::Scenario(s) => assert_eq!((s.line, s.heap), (9, 1024)),
            other => panic!("{other:?}"),
        }
        match &lesson.parts[2] {
            Part::Quiz(q) => assert!(q.code.contains("Box::new")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(&lesson.parts[3], Part::Prose(p) if crate::node::text(p) == "After."));
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
