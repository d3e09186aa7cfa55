//! A chapter's Markdown with every ```` ```allocscope ```` block turned
//! into a player element, or into an error box when its options do not
//! read.
//!
//! The blocks are found with pulldown-cmark, as mdBook itself reads the
//! chapter, so a fence inside another fence, an indented code block or a
//! fence of another language is never touched. Everything outside the
//! blocks is copied byte for byte.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use lessons::blocks::{Panes, ScenarioBlock};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The word an info string starts with to make a player.
pub const WORD: &str = "allocscope";

/// A line of raw HTML is passed through by Markdown only if it starts a
/// block that Markdown knows as HTML: a `div` does (up to the next blank
/// line), a line starting with an unknown element such as the player,
/// followed by more than its open tag, does not (it would become a
/// paragraph, and the program's `*` and `\\` would be read as Markdown).
/// So each player sits in a `<div class="allocscope">`.
///
/// The bare option word that makes a player's code read-only.
pub const READONLY: &str = "readonly";

/// The Markdown extensions mdBook's HTML renderer turns on: reading with
/// the same ones finds the same blocks.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A block whose options do not read, at its place in the chapter's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The chapter's file as the author knows it (`src/chapter_1.md`).
    pub source: String,
    /// The line of the block's opening fence, from 1.
    pub line: usize,
    /// The column where the bad option starts on that line, from 1,
    /// counted in characters.
    pub column: usize,
    /// What is wrong, in the lesson reader's words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.source, self.line, self.column, self.message
        )
    }
}

/// A chapter after [`transform`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformed {
    /// The new Markdown.
    pub markdown: String,
    /// How many players it holds.
    pub players: usize,
    /// The blocks that became error boxes.
    pub problems: Vec<Problem>,
}

/// Replaces every ```` ```allocscope ```` block of `markdown` by a player
/// element (see the crate's docs), and puts the player's script first,
/// once, if there is at least one. `source` names the chapter's file in error
/// messages; `path_to_root` leads from the chapter's page to the book's
/// root (see [`path_to_root`]). A block whose options do not read becomes
/// an error box followed by its code as a plain `rust` block, and is
/// listed in [`Transformed::problems`]. Markdown without blocks comes back
/// unchanged.
pub fn transform(markdown: &str, source: &str, path_to_root: &str) -> Transformed {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut players = 0;
    let mut problems = Vec::new();
    let mut open: Option<Range<usize>> = None;
    let mut code = String::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some(WORD) =>
            {
                open = Some(range);
                code.clear();
            }
            Event::Text(text) if open.is_some() => code.push_str(&text),
            Event::End(TagEnd::CodeBlock) => {
                let Some(range) = open.take() else { continue };
                let Some(fence) = Fence::read(markdown, range) else {
                    continue;
                };
                match fence.player(&code) {
                    Ok(player) => {
                        players += 1;
                        let html = format!("<div class=\"{WORD}\">{player}</div>");
                        edits.push((fence.whole.clone(), fence.frame(&html, "")));
                    }
                    Err((column, message)) => {
                        let problem = Problem {
                            source: source.to_string(),
                            line: fence.line,
                            column,
                            message,
                        };
                        let html = format!(
                            "<div class=\"allocscope-error\">{}</div>",
                            escape_text(&problem.to_string())
                        );
                        edits.push((fence.whole.clone(), fence.frame(&html, &fence.as_rust())));
                        problems.push(problem);
                    }
                }
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return Transformed {
            markdown: markdown.to_string(),
            players,
            problems,
        };
    }
    let mut out = String::with_capacity(markdown.len() + 256);
    if players > 0 {
        // First, not last: the end of a chapter may be inside a fence left
        // open, where the script would be shown as code.
        out.push_str(&script(path_to_root));
        out.push_str("\n\n");
    }
    let mut from = 0;
    for (range, text) in &edits {
        out.push_str(&markdown[from..range.start]);
        out.push_str(text);
        from = range.end;
    }
    out.push_str(&markdown[from..]);
    Transformed {
        markdown: out,
        players,
        problems,
    }
}

/// The player's script, for a page `path_to_root` below the book's root.
///
/// It imports the player from mdBook's own `path_to_root` (a global the
/// page template defines) when there is one, and from the chapter's
/// otherwise: the print page holds every chapter, each with the script
/// as the chapter has it, and there only the page's own path is right.
pub fn script(path_to_root: &str) -> String {
    let fallback = serde_json::to_string(path_to_root).unwrap_or_else(|_| "\"\"".into());
    format!(
        "<script type=\"module\">import(new URL((typeof path_to_root === \"string\" ? path_to_root : {fallback}) + \"allocscope/player.js\", document.baseURI).href);</script>"
    )
}

/// The relative path from a chapter's page to the book's root, from the
/// chapter's path inside `src` (`a/b.md` gives `../`, `c.md` nothing), as
/// mdBook's own `path_to_root` computes it.
pub fn path_to_root(chapter: &Path) -> String {
    let depth = chapter.components().count().saturating_sub(1);
    "../".repeat(depth)
}

/// The player element for a block read by the lessons' scenario reader,
/// on one line (see the crate's docs for its attributes).
pub fn player_element(block: &ScenarioBlock, readonly: bool) -> String {
    let names: Vec<&str> = block.strategies.iter().map(|k| k.name()).collect();
    let mut html = format!(
        "<allocscope-player strategies=\"{}\" heap=\"{}\"",
        escape_attribute(&names.join(",")),
        block.heap
    );
    if let Some(step) = block.step {
        html.push_str(&format!(" step=\"{step}\""));
    }
    if block.panes != Panes::default() {
        html.push_str(&format!(" panes=\"{}\"", panes(&block.panes)));
    }
    if !block.settings.is_empty() {
        let pairs: Vec<String> = block
            .settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        html.push_str(&format!(
            " settings=\"{}\"",
            escape_attribute(&pairs.join(" "))
        ));
    }
    if readonly {
        html.push_str(" readonly");
    }
    html.push('>');
    let code = block.code.strip_suffix('\n').unwrap_or(&block.code);
    html.push_str(&escape_text(code));
    html.push_str("</allocscope-player>");
    html
}

/// The panes as a fence names them, in the reader's order.
fn panes(p: &Panes) -> String {
    let all = [
        (p.code, "code"),
        (p.map, "map"),
        (p.log, "log"),
        (p.metrics, "metrics"),
        (p.score, "score"),
    ];
    let on: Vec<&str> = all.iter().filter(|(on, _)| *on).map(|(_, n)| *n).collect();
    on.join(",")
}

/// Text content of an element, on one line: `&`, `<` and `>` escaped, and
/// each line break written as a character reference, so that no blank
/// line ends the raw HTML before the element does (the element's
/// `textContent` reads them back as line breaks).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("&#10;"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// An attribute's value between double quotes.
pub fn escape_attribute(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

/// An `allocscope` block as it stands in the chapter.
struct Fence<'a> {
    text: &'a str,
    /// From the start of the fence's line to the end of the block,
    /// its last line break included.
    whole: Range<usize>,
    /// What stands before the fence on its line: indentation, `>` of
    /// block quotes, list markers.
    prefix: &'a str,
    /// The fence characters (```` ``` ```` or `~~~`, or longer).
    marks: &'a str,
    /// Where the options start (after the word and one space), and end.
    info: Range<usize>,
    /// The file's line of the fence, from 1.
    line: usize,
}

impl<'a> Fence<'a> {
    /// The block pulldown-cmark found at `range`, or `None` when it is
    /// not closed (Markdown shows it as it is).
    fn read(text: &'a str, range: Range<usize>) -> Option<Fence<'a>> {
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[range.start..]
            .find('\n')
            .map_or(text.len(), |i| range.start + i);
        let fence_at = range.start + text[range.start..line_end].find(['`', '~'])?;
        let mark = text[fence_at..].chars().next()?;
        let marks_end = fence_at + text[fence_at..line_end].len()
            - text[fence_at..line_end].trim_start_matches(mark).len();
        let word_at = marks_end
            + (text[marks_end..line_end].len() - text[marks_end..line_end].trim_start().len());
        let after_word = word_at + WORD.len();
        if text.get(word_at..after_word) != Some(WORD) {
            return None;
        }
        let info_start = match text[after_word..line_end].chars().next() {
            Some(' ' | '\t') => after_word + 1,
            _ => after_word,
        };
        let info_end = info_start + text[info_start..line_end].trim_end().len();
        let mut end = range.end.max(line_end);
        if text[..end].ends_with('\r') || !text[..end].ends_with('\n') {
            if let Some(i) = text[end..].find('\n') {
                if text[end..end + i].trim().is_empty() {
                    end += i + 1;
                }
            }
        }
        // Closed only if the block's last line is a fence of the same
        // character, at least as long, with nothing after it.
        let last = text[line_end..end].trim_end_matches(['\n', '\r']);
        let last = last.rsplit('\n').next().unwrap_or("");
        let last = last.trim_start_matches([' ', '>', '\t']);
        let marks = &text[fence_at..marks_end];
        let closed = line_end < end
            && last.starts_with(marks)
            && last.trim_start_matches(mark).trim().is_empty();
        if !closed {
            return None;
        }
        Some(Fence {
            text,
            whole: line_start..end,
            prefix: &text[line_start..fence_at],
            marks,
            info: info_start..info_end,
            line: 1 + text[..line_start].matches('\n').count(),
        })
    }

    /// The player for the block's `code`, or the column and message of
    /// the first option that does not read.
    fn player(&self, code: &str) -> Result<String, (usize, String)> {
        let info = &self.text[self.info.clone()];
        // The reader splits on spaces: tabs become spaces, and the
        // `readonly` word spaces of its own length, so every column the
        // reader counts still points into the fence line.
        let mut readonly = false;
        let words: Vec<String> = info
            .replace('\t', " ")
            .split(' ')
            .map(|w| {
                if w == READONLY {
                    readonly = true;
                    " ".repeat(w.len())
                } else {
                    w.to_string()
                }
            })
            .collect();
        let info = words.join(" ");
        let code = code.replace("\r\n", "\n");
        match lessons::outline::blocks::scenario(&info, &code, self.line) {
            Ok(block) => Ok(player_element(&block, readonly)),
            Err(e) => Err((self.column(e.column), e.message)),
        }
    }

    /// The column in the file of the reader's `column`, which counts from
    /// a fence written "```scenario " at the start of a line.
    fn column(&self, reader_column: usize) -> usize {
        let within = reader_column.saturating_sub("```scenario ".len() + 1);
        let at = (self.info.start + within).min(self.info.end);
        let line_start = self.whole.start;
        1 + self.text[line_start..at].chars().count()
    }

    /// The block as a plain `rust` code block, in its place.
    fn as_rust(&self) -> String {
        let rest = &self.text[self.info.end..self.whole.end];
        format!("{}{}rust{}", self.continuation(), self.marks, rest)
    }

    /// What begins the block's lines after the first: the prefix with its
    /// list markers turned to spaces.
    fn continuation(&self) -> String {
        self.prefix
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect()
    }

    /// `html` as raw HTML in the block's place (with a blank line before
    /// and after it in its container, so that Markdown leaves it alone),
    /// followed by `after` if that is not empty.
    fn frame(&self, html: &str, after: &str) -> String {
        let continuation = self.continuation();
        let blank = continuation.trim_end();
        let list_item = self.prefix.chars().any(|c| !matches!(c, ' ' | '\t' | '>'));
        let mut out = String::new();
        if list_item {
            // The item starts with the HTML: nothing above it to end.
            out.push_str(self.prefix);
        } else {
            out.push_str(blank);
            out.push('\n');
            out.push_str(self.prefix);
        }
        out.push_str(html);
        out.push('\n');
        out.push_str(blank);
        out.push('\n');
        out.push_str(after);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a browser's `textContent` reads from the element's text.
    fn text_content(escaped: &str) -> String {
        escaped
            .replace("&#10;", "\n")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    /// The chapter as mdBook's renderer turns it into HTML.
    fn render(markdown: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
        html
    }

    /// Every player element in `text`, whole.
    fn players(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("<allocscope-player") {
            let end = start + rest[start..].find("</allocscope-player>").unwrap();
            let end = end + "</allocscope-player>".len();
            out.push(&rest[start..end]);
            rest = &rest[end..];
        }
        out
    }

    /// The element's text content, decoded.
    fn code_of(element: &str) -> String {
        let open = element.find('>').unwrap() + 1;
        let close = element.rfind("</allocscope-player>").unwrap();
        text_content(&element[open..close])
    }

    /// The file's line (from 1) holding `needle`, and the column (from 1)
    /// where it starts.
    fn place_of(text: &str, needle: &str) -> (usize, usize) {
        text.lines()
            .enumerate()
            .find_map(|(i, l)| Some((i + 1, l[..l.find(needle)?].chars().count() + 1)))
            .unwrap()
    }

    const TRICKY: &str = "fn main() {\n    let a = Box::new(1u8);\n\n    let s = \"</allocscope-player> <b>\";\n    if 1 < 2 && 3 > 2 { let _t = *a * 2; }\n\n\n    let _p = \"\\\\ `x` *y*\";\n}\n";

    #[test]
    fn a_chapter_without_blocks_is_unchanged_byte_for_byte() {
        let text = "# Title\r\n\nSome *prose* with `allocscope` in it.\n\n```rust\nfn main() {}\n```\n\n    ```allocscope\n    indented: code, not a fence\n    ```\n\n~~~text allocscope\nnot the first word\n~~~\n\n```allocscopes\nanother word\n```\n<div>raw</div>";
        let done = transform(text, "src/a.md", "");
        assert_eq!(done.markdown, text);
        assert_eq!((done.players, done.problems.len()), (0, 0));
    }

    #[test]
    fn one_block_becomes_one_player_with_its_options_normalised() {
        let text = "# T\n\nBefore.\n```allocscope strategies=first-fit,implicit-list heap=4KiB step=0 panes=code,map placement=best\nfn main() {\n    let b = Box::new(7u32);\n}\n```\nAfter.\n";
        let done = transform(text, "src/t.md", "");
        assert_eq!((done.players, done.problems.len()), (1, 0));
        let found = players(&done.markdown);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0],
            "<allocscope-player strategies=\"first-fit,implicit-list\" heap=\"4096\" step=\"0\" panes=\"code,map\" settings=\"placement=best\">fn main() {&#10;    let b = Box::new(7u32);&#10;}</allocscope-player>"
        );
        // The element is on a line of its own, a blank line on each side.
        let line = format!("\n\n<div class=\"allocscope\">{}</div>\n\n", found[0]);
        assert!(done.markdown.contains(&line), "{}", done.markdown);
        let after_script = done.markdown.strip_prefix(&script("")).unwrap();
        assert!(after_script.starts_with("\n\n# T\n\nBefore.\n"));
        assert!(done.markdown.contains("\nAfter.\n"));
        assert_eq!(done.markdown.matches(&script("")).count(), 1);
    }

    #[test]
    fn defaults_leave_out_step_panes_and_settings() {
        let text =
            "```allocscope strategies=bump heap=1KiB panes=code,log,map\nfn main() {}\n```\n";
        let done = transform(text, "src/t.md", "");
        assert_eq!(
            players(&done.markdown),
            ["<allocscope-player strategies=\"bump\" heap=\"1024\">fn main() {}</allocscope-player>"]
        );
    }

    #[test]
    fn the_program_reaches_the_page_as_written_blank_lines_and_all() {
        let text = format!("Intro.\n\n```allocscope heap=2KiB\n{TRICKY}```\n\nOutro *here*.\n");
        let done = transform(&text, "src/t.md", "");
        assert!(done.problems.is_empty(), "{:?}", done.problems);
        // No blank line inside the raw HTML: the element is one line.
        let element = players(&done.markdown)[0];
        assert!(!element.contains('\n'));
        assert_eq!(code_of(element), TRICKY.trim_end_matches('\n'));
        // And Markdown hands it to the page untouched.
        let html = render(&done.markdown);
        assert_eq!(players(&html), [element], "{html}");
        assert!(html.contains("<p>Outro <em>here</em>.</p>"), "{html}");
    }

    #[test]
    fn several_blocks_make_several_players_and_one_script_at_the_root() {
        let text = "# Two\n\n```allocscope strategies=bump\nfn main() { let a = Box::new(1u8); }\n```\n\nMiddle.\n\n~~~allocscope strategies=size-class heap=8KiB\nfn main() { let v = vec![1u8, 2]; }\n~~~\n";
        let root = path_to_root(Path::new("part/two.md"));
        assert_eq!(root, "../");
        let done = transform(text, "src/part/two.md", &root);
        assert_eq!(done.players, 2);
        let found = players(&done.markdown);
        assert_eq!(found.len(), 2);
        assert!(found[0].starts_with("<allocscope-player strategies=\"bump\" heap=\"4096\">"));
        assert!(found[1].starts_with("<allocscope-player strategies=\"size-class\" heap=\"8192\">"));
        assert_eq!(code_of(found[1]), "fn main() { let v = vec![1u8, 2]; }");
        assert_eq!(done.markdown.matches("<script").count(), 1);
        assert!(done
            .markdown
            .starts_with(&format!("{}\n\n# Two\n", script("../"))));
        let html = render(&done.markdown);
        assert_eq!(players(&html), found);
        assert!(html.contains("<p>Middle.</p>"));
    }

    #[test]
    fn a_fence_left_open_at_the_end_does_not_swallow_the_script() {
        let text = "```allocscope\nfn main() {}\n```\n\n```text\nnever closed\n";
        let html = render(&transform(text, "src/c.md", "").markdown);
        assert!(html.starts_with(&script("")), "{html}");
        assert_eq!(html.matches("allocscope/player.js").count(), 1);
    }

    #[test]
    fn path_to_root_climbs_one_level_per_directory() {
        assert_eq!(path_to_root(Path::new("c.md")), "");
        assert_eq!(path_to_root(Path::new("a/b.md")), "../");
        assert_eq!(path_to_root(Path::new("a/b/c.md")), "../../");
    }

    #[test]
    fn a_bad_option_is_reported_at_its_line_and_column_and_the_rest_goes_on() {
        let text = "# Bad\n\nText.\n\n```allocscope strategies=first-fit heap=4KiB bogus=1\nfn main() {}\n```\n\n```allocscope strategies=bump\nfn main() { let b = Box::new(2u16); }\n```\n";
        let done = transform(text, "src/chapter_1.md", "");
        assert_eq!(done.players, 1);
        let (line, column) = place_of(text, "bogus=1");
        assert_eq!((line, column), (5, 46));
        assert_eq!(done.problems.len(), 1);
        let p = &done.problems[0];
        assert_eq!((p.line, p.column), (line, column));
        let said = p.to_string();
        assert!(
            said.starts_with("src/chapter_1.md:5:46: unknown attribute `bogus`"),
            "{said}"
        );
        // The box, then the program as plain Rust, then the next player.
        let html = render(&done.markdown);
        let boxed = format!(
            "<div class=\"allocscope-error\">{}</div>",
            escape_text(&said)
        );
        assert!(html.contains(&boxed), "{html}");
        assert!(
            html.contains("<pre><code class=\"language-rust\">fn main() {}\n</code></pre>"),
            "{html}"
        );
        assert_eq!(players(&html).len(), 1);
        assert!(html.contains("player.js"));
    }

    #[test]
    fn columns_count_from_the_fence_wherever_it_stands() {
        // Indented, with tildes and a longer fence, spaces doubled, the
        // `readonly` word in between, in containers, and after a
        // character of two bytes (columns count characters).
        for (text, bad) in [
            (
                "  ~~~~allocscope   readonly  strategies=first-fit,nope\nfn main() {}\n  ~~~~\n",
                "strategies=",
            ),
            (
                "> ```allocscope heap=12\n> fn main() {}\n> ```\n",
                "heap=12",
            ),
            ("```allocscope é=1 heap=12\nfn main() {}\n```\n", "heap=12"),
            ("- é ```allocscope\n", ""),
            (
                "1. ```allocscope step=x\n   fn main() {}\n   ```\n",
                "step=x",
            ),
        ] {
            let done = transform(text, "src/c.md", "");
            if bad.is_empty() {
                // Not a fence at all (text before it): nothing happens.
                assert_eq!(done.markdown, text);
                continue;
            }
            assert_eq!(done.problems.len(), 1, "{text}");
            let p = &done.problems[0];
            assert_eq!((p.line, p.column), place_of(text, bad), "{text}: {p}");
        }
    }

    #[test]
    fn an_unknown_strategy_names_the_known_ones() {
        let text = "```allocscope strategies=first-fit,nope\nfn main() {}\n```\n";
        let done = transform(text, "src/c.md", "");
        let p = &done.problems[0];
        assert_eq!(p.column, "```allocscope ".len() + 1);
        assert!(p.message.contains("no strategy is called `nope`"), "{p}");
        assert!(!done.markdown.contains("<script"), "no player, no script");
    }

    #[test]
    fn a_block_shown_inside_a_longer_fence_is_left_alone() {
        let text = "How to write one:\n\n````markdown\n```allocscope strategies=bump\nfn main() {}\n```\n````\n";
        let done = transform(text, "src/c.md", "");
        assert_eq!(done.markdown, text);
        assert_eq!(done.players, 0);
    }

    #[test]
    fn an_unclosed_fence_is_left_to_markdown() {
        let text = "Text.\n\n```allocscope strategies=bump\nfn main() {}\n";
        assert_eq!(transform(text, "src/c.md", "").markdown, text);
    }

    #[test]
    fn readonly_is_a_boolean_attribute() {
        let text = "```allocscope heap=1KiB readonly\nfn main() {}\n```\n";
        let done = transform(text, "src/c.md", "");
        assert_eq!(
            players(&done.markdown),
            ["<allocscope-player strategies=\"first-fit\" heap=\"1024\" readonly>fn main() {}</allocscope-player>"]
        );
        let bad = "```allocscope readonly bogus\nfn main() {}\n```\n";
        let p = &transform(bad, "src/c.md", "").problems[0];
        assert_eq!(p.column, place_of(bad, "bogus").1);
    }

    #[test]
    fn blocks_inside_quotes_and_list_items_stay_inside_them() {
        let text = "> Quoted:\n> ```allocscope strategies=bump\n> fn main() {}\n> ```\n> After.\n\n- Item:\n\n  ```allocscope strategies=bump\n  fn main() {}\n  ```\n- Next.\n";
        let done = transform(text, "src/c.md", "");
        assert_eq!(done.players, 2);
        let html = render(&done.markdown);
        assert_eq!(players(&html).len(), 2, "{html}");
        let quote = &html[html.find("<blockquote>").unwrap()..html.find("</blockquote>").unwrap()];
        assert!(
            quote.contains("<allocscope-player") && quote.contains("After."),
            "{html}"
        );
        let item = &html[html.find("<li>").unwrap()..html.find("</li>").unwrap()];
        assert!(item.contains("<allocscope-player"), "{html}");
        assert!(html.contains("Next."));
    }
}
