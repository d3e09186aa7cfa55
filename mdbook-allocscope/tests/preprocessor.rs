//! The built binary, run as mdBook runs it.

use std::io::Write;
use std::process::{Command, Stdio};

use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;
use mdbook_preprocessor::PreprocessorContext;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-allocscope");

/// The command ended well; if not, what it said.
fn succeeded(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn mdbook_gets_the_book_back_with_players_and_errors_on_stderr() {
    let root = std::env::temp_dir().join(format!("allocscope-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("player")).unwrap();
    std::fs::write(root.join("player/player.js"), "export {}").unwrap();
    let config: Config =
        "[book]\ntitle = \"T\"\n[preprocessor.allocscope]\nplayer-dir = \"player\"\n"
            .parse()
            .unwrap();
    let ctx = PreprocessorContext::new(root.clone(), config, "html".into());
    let good = "# One\n\n```allocscope strategies=first-fit,jemalloc heap=4KiB step=0\nfn main() {\n    let b = Box::new(7u32);\n}\n```\n";
    let bad = "# Two\n\n```allocscope strategies=first-fit,nope\nfn main() {}\n```\n";
    let book = Book::new_with_items(vec![
        BookItem::Chapter(Chapter::new("One", good.into(), "one.md", vec![])),
        BookItem::Chapter(Chapter::new("Two", bad.into(), "sub/two.md", vec![])),
    ]);
    let input = serde_json::to_vec(&(&ctx, &book)).unwrap();

    let mut child = Command::new(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("ALLOCSCOPE_PLAYER_DIR")
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let column = "```allocscope ".len() + 1;
    assert!(
        stderr.starts_with(&format!(
            "src/sub/two.md:3:{column}: no strategy is called `nope`"
        )),
        "{stderr}"
    );

    let back: Book = serde_json::from_slice(&out.stdout).unwrap();
    let chapters: Vec<&Chapter> = back.chapters().collect();
    assert!(chapters[0].content.contains(
        "<allocscope-player strategies=\"first-fit,jemalloc\" heap=\"4096\" step=\"0\">fn main() {&#10;    let b = Box::new(7u32);&#10;}</allocscope-player>"
    ));
    assert!(chapters[0].content.starts_with(&format!(
        "{}\n\n# One\n",
        mdbook_allocscope::transform::script("")
    )));
    assert!(chapters[1]
        .content
        .contains("<div class=\"allocscope-error\">"));
    assert_eq!(
        std::fs::read_to_string(root.join("src/allocscope/player.js")).unwrap(),
        "export {}"
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn supports_answers_for_html_only() {
    let supports = |r: &str| Command::new(BIN).args(["supports", r]).status().unwrap();
    assert_eq!(supports("html").code(), Some(0));
    assert_eq!(supports("epub").code(), Some(1));
}

#[test]
fn a_wrong_command_line_prints_the_usage() {
    let out = Command::new(BIN).args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mdbook-allocscope install"));
}

#[test]
fn install_and_course_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("allocscope-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let lessons = concat!(env!("CARGO_MANIFEST_DIR"), "/../lessons");
    let out = Command::new(BIN)
        .args(["course", lessons, dir.to_str().unwrap()])
        .output()
        .unwrap();
    succeeded(&out);
    assert!(dir.join("src/SUMMARY.md").is_file());
    // The course's book.toml has the table already; a teacher's gets it.
    std::fs::write(dir.join("book.toml"), "[book]\ntitle = \"Mine\"\n").unwrap();
    let out = Command::new(BIN)
        .args([
            "install",
            dir.to_str().unwrap(),
            "--player-dir",
            "dist/player",
        ])
        .output()
        .unwrap();
    succeeded(&out);
    assert_eq!(
        std::fs::read_to_string(dir.join("book.toml")).unwrap(),
        "[book]\ntitle = \"Mine\"\n\n[preprocessor.allocscope]\nplayer-dir = \"dist/player\"\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
