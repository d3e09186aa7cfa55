//! An mdBook preprocessor that puts allocscope's player in a book.
//!
//! A teacher writes a fenced block whose info string starts with the word
//! `allocscope`, followed by exactly the options of a lesson's
//! ```` ```scenario ```` block (read by the lessons' own reader,
//! [`lessons::outline::blocks::scenario`], so a book and a lesson accept
//! the same fences):
//!
//! ````text
//! ```allocscope strategies=first-fit,implicit-list heap=4KiB step=0 placement=best
//! fn main() {
//!     let b = Box::new(7u32);
//! }
//! ```
//! ````
//!
//! The block becomes raw HTML, one line with a blank line on either side,
//! which Markdown passes through untouched:
//!
//! ```html
//! <div class="allocscope"><allocscope-player strategies="first-fit,implicit-list" heap="4096" step="0" settings="placement=best">fn main() {&#10;    let b = Box::new(7u32);&#10;}</allocscope-player></div>
//! ```
//!
//! The `div` is what makes Markdown pass the line through: a line that
//! starts with a `div` opens an HTML block, which ends at the next blank
//! line, while a line that starts with an unknown element followed by
//! more than its open tag is a paragraph whose text Markdown reads (a
//! program's `*` would become emphasis). It also gives a book's CSS a
//! handle on the player's box.
//!
//! # The element's attributes
//! - `strategies`: the strategies' names, comma-separated, in the fence's
//!   order.
//! - `heap`: the heap's size in bytes (the fence's `4KiB` is `4096`).
//! - `step`: the call the stepper starts at; absent for the end.
//! - `panes`: the panes shown (`code,map,log,metrics,score`, in that
//!   order); absent when they are the default, code, map and log.
//! - `settings`: the strategies' settings as `key=value` pairs separated
//!   by spaces; absent when there are none.
//! - `readonly`: a boolean attribute, present when the fence has the bare
//!   word `readonly` among its options (a book's own addition: the player
//!   shows the code without letting the reader edit it).
//!
//! The program is the element's text content, escaped (`&`, `<`, `>`), with
//! each line break written `&#10;`: a blank line inside the program would
//! otherwise end the raw HTML and hand the rest of the program to
//! Markdown. The element reads it back with `textContent`.
//!
//! A chapter with at least one player starts with the player's script,
//! once: an inline module that imports `{path_to_root}allocscope/player.js`
//! (`path_to_root` leads from the page to the book's root: mdBook's own
//! global where the page has it, the chapter's otherwise, `../` for
//! `src/a/b.md`). A block whose options do not read stops nothing: the error goes
//! to stderr as `src/chapter.md:LINE:COLUMN: message` (the fence's line
//! in the chapter's file, the bad option's column), and the chapter shows
//! it in a `<div class="allocscope-error">` above the program as a plain
//! `rust` block. An unclosed fence is left to Markdown. The lines are the
//! file's as long as no preprocessor that runs before this one (mdBook's
//! `links`, expanding `{{#include}}`) has changed the chapter above the
//! block.
//!
//! # Where the player's files go
//! mdBook's HTML renderer empties the output directory and copies every
//! file of the book's `src` that is not Markdown, so the preprocessor
//! copies the player's directory (built elsewhere: `player.js`, its wasm
//! and worker) to `<book>/<src>/allocscope/`, writing only missing or
//! changed files and deleting none ([`files`]). The directory is
//! book.toml's `player-dir` under `[preprocessor.allocscope]` (relative
//! to the book), else the `ALLOCSCOPE_PLAYER_DIR` environment variable;
//! without either the blocks are still transformed, with one warning.
//!
//! Checked with mdBook 0.5.4: the players reach each page as written
//! (mdBook writes `readonly` as `readonly=""`, the same attribute). Its
//! print page keeps each chapter's script as the chapter has it, which is
//! why the script asks the page's `path_to_root` first: there a nested
//! chapter's own `../` would point above the book.
//!
//! The binary also has `install` ([`install`]: adds the table to a
//! book.toml) and `course` ([`course`]: allocscope's own lessons as an
//! example book).

pub mod course;
pub mod files;
pub mod install;
pub mod transform;

use std::path::{Path, PathBuf};

use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::errors::Result;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

pub use transform::{path_to_root, transform, Problem, Transformed};

/// The preprocessor's name, as book.toml's `[preprocessor.allocscope]`
/// names it.
pub const NAME: &str = "allocscope";

/// The preprocessor. Its [`Preprocessor::run`] transforms every chapter,
/// prints each bad block to stderr and copies the player's files; it
/// never fails on a chapter's content.
#[derive(Debug, Default, Clone, Copy)]
pub struct AllocScope;

/// What one run did, for the binary to report and the tests to check.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Players made, over all chapters.
    pub players: usize,
    /// Blocks that became error boxes.
    pub problems: Vec<Problem>,
    /// A warning about the player's files, if they were not copied.
    pub warning: Option<String>,
    /// Player files written into the book's `src`.
    pub copied: usize,
}

impl AllocScope {
    /// Transforms every chapter of `book` in place and copies the player's
    /// files into the book's `src` (book.toml's `player-dir`, else
    /// `player_env`, the environment variable's value).
    pub fn transform_book(
        ctx: &PreprocessorContext,
        book: &mut Book,
        player_env: Option<&str>,
    ) -> Report {
        let src = ctx.config.book.src.clone();
        let mut report = Report::default();
        book.for_each_chapter_mut(|chapter| {
            let Some(path) = chapter.path.clone() else {
                return;
            };
            let source = match &chapter.source_path {
                Some(p) => src.join(p).display().to_string(),
                None => chapter.name.clone(),
            };
            let done = transform(&chapter.content, &source, &path_to_root(&path));
            report.players += done.players;
            report.problems.extend(done.problems);
            chapter.content = done.markdown;
        });
        if report.players > 0 {
            let from_config: Option<String> = ctx
                .config
                .get("preprocessor.allocscope.player-dir")
                .ok()
                .flatten();
            match files::player_dir(&ctx.root, from_config.as_deref(), player_env) {
                Ok(dir) => match files::copy_missing(&dir, &src_dir(&ctx.root, &src)) {
                    Ok(n) => report.copied = n,
                    Err(e) => {
                        report.warning = Some(format!(
                            "copying the player's files from {}: {e}",
                            dir.display()
                        ))
                    }
                },
                Err(warning) => report.warning = Some(warning),
            }
        }
        report
    }
}

/// Where the player's files go: `<root>/<src>/allocscope`.
pub fn src_dir(root: &Path, src: &Path) -> PathBuf {
    root.join(src).join(files::DIR)
}

impl Preprocessor for AllocScope {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let env = std::env::var(files::ENV_VAR).ok();
        let report = AllocScope::transform_book(ctx, &mut book, env.as_deref());
        for problem in &report.problems {
            // Path first, as compilers print it, so editors can jump there.
            eprintln!("{problem}");
        }
        if let Some(warning) = &report.warning {
            eprintln!("warning: allocscope: {warning}");
        }
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(renderer == "html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdbook_preprocessor::book::{BookItem, Chapter};
    use mdbook_preprocessor::config::Config;

    #[test]
    fn a_book_is_transformed_chapter_by_chapter_and_gets_the_players_files() {
        let root = std::env::temp_dir().join(format!("allocscope-book-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("build/player")).unwrap();
        std::fs::write(root.join("build/player/player.js"), "export {}").unwrap();
        let config: Config =
            "[book]\nsrc = \"text\"\n[preprocessor.allocscope]\nplayer-dir = \"build/player\"\n"
                .parse()
                .unwrap();
        let ctx = PreprocessorContext::new(root.clone(), config, "html".into());
        let good = "```allocscope strategies=bump\nfn main() {}\n```\n";
        let bad = "Line one.\n```allocscope heap=1\nfn main() {}\n```\n";
        let mut part = Chapter::new("Part", good.into(), "part/index.md", vec![]);
        part.sub_items.push(BookItem::Chapter(Chapter::new(
            "Bad",
            bad.into(),
            "part/bad.md",
            vec!["Part".into()],
        )));
        let mut book = Book::new_with_items(vec![
            BookItem::Chapter(Chapter::new(
                "Plain",
                "# Plain\n".into(),
                "plain.md",
                vec![],
            )),
            BookItem::Chapter(part),
            BookItem::Chapter(Chapter::new_draft("Draft", vec![])),
        ]);
        let report = AllocScope::transform_book(&ctx, &mut book, Some("/ignored/for/book.toml"));
        assert_eq!(report.players, 1);
        assert_eq!(report.warning, None);
        assert_eq!(report.copied, 1);
        assert_eq!(
            std::fs::read_to_string(root.join("text/allocscope/player.js")).unwrap(),
            "export {}"
        );
        let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("text/part/bad.md:2:15: "),
            "{problems:?}"
        );
        let chapters: Vec<&Chapter> = book.chapters().collect();
        assert_eq!(chapters[0].content, "# Plain\n");
        assert!(chapters[1].content.contains(&transform::script("../")));
        assert!(chapters[2].content.contains("allocscope-error"));
        assert!(!chapters[2].content.contains("<script"));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn without_a_player_dir_the_blocks_still_change_and_one_warning_says_how() {
        let ctx = PreprocessorContext::new("/nonexistent".into(), Config::default(), "html".into());
        let mut book = Book::new_with_items(vec![BookItem::Chapter(Chapter::new(
            "A",
            "```allocscope\nfn main() {}\n```\n".into(),
            "a.md",
            vec![],
        ))]);
        let report = AllocScope::transform_book(&ctx, &mut book, None);
        assert_eq!(report.players, 1);
        let warning = report.warning.unwrap();
        assert!(warning.contains("player-dir") && warning.contains(files::ENV_VAR));
    }

    #[test]
    fn the_essays_example_is_what_the_transformation_makes() {
        let doc: Vec<&str> = include_str!("lib.rs")
            .lines()
            .map_while(|l| l.strip_prefix("//!"))
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        let start = doc
            .iter()
            .position(|l| l.starts_with("```allocscope "))
            .unwrap();
        let len = doc[start..].iter().position(|l| *l == "```").unwrap();
        let fence = doc[start..=start + len].join("\n") + "\n";
        let html = doc
            .iter()
            .find(|l| l.starts_with("<div class=\"allocscope\">"))
            .unwrap();
        let done = transform(&fence, "src/a.md", "");
        assert!(
            done.markdown.contains(&format!("\n\n{html}\n\n")),
            "{}",
            done.markdown
        );
    }

    #[test]
    fn only_the_html_renderer_is_supported() {
        assert!(AllocScope.supports_renderer("html").unwrap());
        assert!(!AllocScope.supports_renderer("markdown").unwrap());
    }
}
