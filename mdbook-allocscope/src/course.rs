//! allocscope's own lessons as an example mdBook book:
//! `mdbook-allocscope course <lessons-dir> <out-dir>`.
//!
//! Each of the first ten lessons (`01-…md` to `10-…md`) becomes a chapter
//! of the same file name, listed in `SUMMARY.md` under its `# Title`. The
//! prose is copied as written; the live blocks become what a book can
//! show:
//! - ```` ```scenario ```` → ```` ```allocscope ```` with the same
//!   options and program: a player.
//! - ```` ```quiz ```` → its question, then its choices as a list (the
//!   answer is never written in a lesson: the app computes it), then its
//!   program as a `rust` block if it has its own `--- code`; the
//!   explanation is dropped, as it gives the answer away.
//! - ```` ```exercise ```` → its title and task as a block quote, then its
//!   starting program as a `rust` block; goals, hints and the solution
//!   are dropped (the app checks them; a book cannot).
//! - ```` ```layout ```` → its structs as a `rust` block.
//! - ```` ```compare ```` → its program as a `rust` block, after a line
//!   naming the allocators it is compared on.
//! - ```` ```drill ```` → dropped: its drills are made by the app.
//!
//! Front matter (a `---` block at the top), if a lesson has one, is left
//! out of the chapter; its `title:` serves when there is no `# Title`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// The book's title.
pub const TITLE: &str = "allocscope: how memory allocators work";

/// How many lessons the example book takes.
pub const LESSONS: u32 = 10;

/// The fenced blocks a lesson makes live (lessons' `compile` module reads
/// the same list).
const WIDGETS: [&str; 6] = ["scenario", "layout", "quiz", "exercise", "drill", "compare"];

/// A lesson as a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The file's name, kept from the lesson (`03-box-and-vec.md`).
    pub file: String,
    /// Its title, for `SUMMARY.md`.
    pub title: String,
    /// Its Markdown.
    pub markdown: String,
}

/// The chapter made of lesson `file`'s `text`.
pub fn chapter(file: &str, text: &str) -> Chapter {
    let (front_title, body) = strip_front_matter(text);
    let heading = body
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string());
    let title = heading
        .clone()
        .or(front_title)
        .unwrap_or_else(|| file.trim_end_matches(".md").to_string());
    let mut markdown = convert_blocks(body);
    if heading.is_none() {
        markdown = format!("# {title}\n\n{markdown}");
    }
    Chapter {
        file: file.to_string(),
        title,
        markdown,
    }
}

/// The lesson files of `dir` the book takes, in order: `NN-….md` with
/// `NN` from 1 to [`LESSONS`].
pub fn lesson_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(dir)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.ends_with(".md")
                && n.split_once('-')
                    .and_then(|(nn, _)| nn.parse::<u32>().ok())
                    .is_some_and(|nn| (1..=LESSONS).contains(&nn))
        })
        .collect();
    names.sort();
    Ok(names)
}

/// The book's `SUMMARY.md` for `chapters`.
pub fn summary(chapters: &[Chapter]) -> String {
    let mut out = String::from("# Summary\n\n");
    for c in chapters {
        let title = c.title.replace('[', "\\[").replace(']', "\\]");
        let _ = writeln!(out, "- [{title}]({})", c.file);
    }
    out
}

/// The book's `book.toml`. Its Rust blocks are not made runnable: mdBook
/// would ask play.rust-lang.org for its crates on every page, and the
/// book fetches nothing from elsewhere (its players run the programs).
pub fn book_toml(player_dir: Option<&str>) -> String {
    let head = format!(
        "[book]\ntitle = {}\nsrc = \"src\"\n\n[output.html.playground]\nrunnable = false\n",
        quoted(TITLE)
    );
    crate::install::with_table(&head, player_dir)
        .ok()
        .flatten()
        .unwrap_or(head)
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Writes the example book from `lessons` into `out` (`book.toml`,
/// `src/SUMMARY.md`, a chapter per lesson); gives the chapters' count.
pub fn write_course(
    lessons: &Path,
    out: &Path,
    player_dir: Option<&str>,
) -> std::io::Result<usize> {
    let names = lesson_files(lessons)?;
    let mut chapters = Vec::new();
    for name in &names {
        let text = fs::read_to_string(lessons.join(name))?;
        chapters.push(chapter(name, &text));
    }
    let src = out.join("src");
    fs::create_dir_all(&src)?;
    fs::write(out.join("book.toml"), book_toml(player_dir))?;
    fs::write(src.join("SUMMARY.md"), summary(&chapters))?;
    for c in &chapters {
        fs::write(src.join(&c.file), &c.markdown)?;
    }
    Ok(chapters.len())
}

/// The title a front matter gives, and the text after it.
fn strip_front_matter(text: &str) -> (Option<String>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text);
    };
    let Some(end) = rest.find("\n---\n") else {
        return (None, text);
    };
    let title = rest[..end].lines().find_map(|l| {
        let value = l.strip_prefix("title:")?.trim();
        Some(value.trim_matches(|c| c == '"' || c == '\'').to_string())
    });
    (title, &rest[end + "\n---\n".len()..])
}

/// The lesson's live blocks made into what a book shows.
fn convert_blocks(text: &str) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut open: Option<(String, std::ops::Range<usize>)> = None;
    let mut code = String::new();
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let widget = info.split(' ').next().unwrap_or_default();
                if WIDGETS.contains(&widget) {
                    open = Some((widget.to_string(), range));
                    code.clear();
                }
            }
            Event::Text(t) if open.is_some() => code.push_str(&t),
            Event::End(TagEnd::CodeBlock) => {
                let Some((widget, range)) = open.take() else {
                    continue;
                };
                if widget == "scenario" {
                    // The same fence with the other word: the options and
                    // program stay exactly as they were.
                    let at = range.start + text[range.start..].find("scenario").unwrap_or(0);
                    edits.push((at..at + "scenario".len(), crate::transform::WORD.into()));
                    continue;
                }
                let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let mut end = range.end;
                if !text[..end].ends_with('\n') {
                    end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                }
                edits.push((line_start..end, plain(&widget, &code)));
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (range, new) in edits {
        out.push_str(&text[from..range.start]);
        out.push_str(&new);
        from = range.end;
    }
    out.push_str(&text[from..]);
    out
}

/// A block's `key: value` lines and `--- name` sections.
struct Sections<'a> {
    keys: Vec<(&'a str, &'a str)>,
    sections: Vec<(&'a str, String)>,
}

impl<'a> Sections<'a> {
    fn read(text: &'a str) -> Sections<'a> {
        let mut out = Sections {
            keys: Vec::new(),
            sections: Vec::new(),
        };
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("--- ") {
                out.sections.push((name.trim(), String::new()));
            } else if let Some((_, body)) = out.sections.last_mut() {
                body.push_str(line);
                body.push('\n');
            } else if let Some((k, v)) = line.split_once(':') {
                out.keys.push((k.trim(), v.trim()));
            }
        }
        out
    }

    fn key(&self, name: &str) -> Option<&'a str> {
        self.keys.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }

    fn all(&self, name: &str) -> Vec<&'a str> {
        self.keys
            .iter()
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| *v)
            .collect()
    }

    fn section(&self, name: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b.trim_end_matches('\n'))
            .filter(|b| !b.trim().is_empty())
    }
}

/// A ```` ```rust ```` block of `code`, its fence longer than any run of
/// backticks inside it.
fn rust_block(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}rust\n{}\n{fence}\n", code.trim_end_matches('\n'))
}

/// A non-scenario block as plain Markdown (see the module's docs).
fn plain(widget: &str, code: &str) -> String {
    let s = Sections::read(code);
    let mut out = String::new();
    match widget {
        "quiz" => {
            if let Some(q) = s.section("question") {
                let _ = writeln!(out, "**Quiz.** {q}\n");
            }
            if let Some(choices) = s.key("choices") {
                for c in choices.split(',') {
                    let _ = writeln!(out, "- `{}`", c.trim());
                }
                out.push('\n');
            }
            if let Some(code) = s.section("code") {
                out.push_str(&rust_block(code));
            }
        }
        "exercise" => {
            let title = s.key("title").unwrap_or("Exercise");
            let _ = writeln!(out, "> **Exercise: {title}**\n>");
            for line in s.section("task").unwrap_or_default().lines() {
                let _ = writeln!(out, "{}", format!("> {line}").trim_end());
            }
            out.push('\n');
            if let Some(start) = s.section("start") {
                out.push_str(&rust_block(start));
            }
        }
        "compare" => {
            let rows = s.all("row");
            if !rows.is_empty() {
                let rows: Vec<String> = rows.iter().map(|r| format!("`{r}`")).collect();
                let _ = writeln!(out, "The same program, on {}:\n", rows.join(", "));
            }
            if let Some(code) = s.section("code") {
                out.push_str(&rust_block(code));
            }
        }
        "layout" => out.push_str(&rust_block(code)),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transform::{transform, WORD};

    /// The info strings of the fenced blocks of `text` whose first word is
    /// `word`.
    fn fences(text: &str, word: &str) -> Vec<String> {
        Parser::new(text)
            .filter_map(|e| match e {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if info.split(' ').next() == Some(word) =>
                {
                    Some(info.to_string())
                }
                _ => None,
            })
            .collect()
    }

    fn lessons_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons")
    }

    #[test]
    fn the_course_keeps_every_scenario_as_a_player_the_transformation_accepts() {
        let dir = lessons_dir();
        let names = lesson_files(&dir).unwrap();
        let numbers: Vec<&str> = names.iter().map(|n| &n[..2]).collect();
        assert_eq!(
            numbers,
            ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"]
        );
        let mut players = 0;
        for name in &names {
            let text = fs::read_to_string(dir.join(name)).unwrap();
            let c = chapter(name, &text);
            let title = text.lines().find_map(|l| l.strip_prefix("# ")).unwrap();
            assert_eq!(c.title, title);
            assert!(c.markdown.starts_with(&format!("# {title}\n")), "{name}");
            // Every scenario, with the same options, and nothing else live.
            let scenarios: Vec<String> = fences(&text, "scenario")
                .iter()
                .map(|info| info.replacen("scenario", WORD, 1))
                .collect();
            assert_eq!(fences(&c.markdown, WORD), scenarios, "{name}");
            for widget in WIDGETS {
                assert!(fences(&c.markdown, widget).is_empty(), "{name}: {widget}");
            }
            let done = transform(&c.markdown, name, "");
            assert!(done.problems.is_empty(), "{name}: {:?}", done.problems);
            assert_eq!(done.players, scenarios.len(), "{name}");
            players += done.players;
            // What a quiz or an exercise asks is still there to read.
            for (widget, shown) in [("quiz", "**Quiz.**"), ("exercise", "> **Exercise: ")] {
                let n = fences(&text, widget).len();
                assert_eq!(c.markdown.matches(shown).count(), n, "{name}: {widget}");
            }
        }
        assert!(players >= 10, "{players}");
    }

    #[test]
    fn a_quiz_shows_its_question_and_choices_and_an_exercise_its_task() {
        let text = "# Q\n\n```quiz\nask: call(1).size\nchoices: 16, 24\n--- question\nHow *big*?\n--- explain\nSecret.\n```\n\n```exercise\ntitle: Once\ngoal: allocations == 1\nhint: think\n--- task\nAllocate once.\n\nOnly once.\n--- start\nfn main() {}\n--- solution\nfn main() { let _b = Box::new(1u8); }\n```\n\n```drill\n```\nEnd.\n";
        let c = chapter("04-q.md", text);
        assert_eq!(
            c.markdown,
            "# Q\n\n**Quiz.** How *big*?\n\n- `16`\n- `24`\n\n\n> **Exercise: Once**\n>\n> Allocate once.\n>\n> Only once.\n\n```rust\nfn main() {}\n```\n\nEnd.\n"
        );
    }

    #[test]
    fn front_matter_stays_out_of_the_chapter_and_may_give_the_title() {
        let c = chapter(
            "01-x.md",
            "---\ntitle: \"From the top\"\nauthor: me\n---\nBody.\n",
        );
        assert_eq!(c.title, "From the top");
        assert_eq!(c.markdown, "# From the top\n\nBody.\n");
    }

    #[test]
    fn the_course_is_written_as_a_book_mdbook_reads() {
        let out = std::env::temp_dir().join(format!("allocscope-course-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let n = write_course(&lessons_dir(), &out, Some("../player")).unwrap();
        assert_eq!(n, 10);
        let toml = fs::read_to_string(out.join("book.toml")).unwrap();
        let config: mdbook_preprocessor::config::Config = toml.parse().unwrap();
        assert_eq!(config.book.title.as_deref(), Some(TITLE));
        assert_eq!(
            config
                .get::<String>("preprocessor.allocscope.player-dir")
                .unwrap(),
            Some("../player".to_string())
        );
        let summary = fs::read_to_string(out.join("src/SUMMARY.md")).unwrap();
        let names = lesson_files(&lessons_dir()).unwrap();
        for name in &names {
            assert!(summary.contains(&format!("]({name})")), "{summary}");
            assert!(out.join("src").join(name).is_file());
        }
        assert_eq!(summary.lines().filter(|l| l.starts_with("- [")).count(), 10);
        fs::remove_dir_all(&out).unwrap();
    }
}
