//! `mdbook-allocscope install`: the preprocessor's table added to a book's
//! book.toml, the rest of the file left as it was written.

use std::fmt::Write as _;
use std::path::Path;
use std::str::FromStr;

use mdbook_preprocessor::config::Config;

/// The table that turns the preprocessor on.
pub const TABLE: &str = "[preprocessor.allocscope]";

/// `toml` with the preprocessor's table appended (with `player-dir` if
/// given), or `None` if it has one already; an error if it is not a book
/// configuration mdBook reads.
pub fn with_table(toml: &str, player_dir: Option<&str>) -> Result<Option<String>, String> {
    let config = Config::from_str(toml).map_err(|e| format!("{e:#}"))?;
    if config.contains_key("preprocessor.allocscope") {
        return Ok(None);
    }
    let mut out = toml.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(TABLE);
    out.push('\n');
    if let Some(dir) = player_dir {
        // A JSON string is a TOML basic string: the same quotes and escapes.
        let quoted = serde_json::to_string(dir).map_err(|e| e.to_string())?;
        let _ = writeln!(out, "player-dir = {quoted}");
    }
    Ok(Some(out))
}

/// Adds the table to `book_dir`'s book.toml if it is not there; says what
/// it did.
pub fn install(book_dir: &Path, player_dir: Option<&str>) -> Result<String, String> {
    let path = book_dir.join("book.toml");
    let toml = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read {}: {e} (is {} an mdBook book? `mdbook init` makes one)",
            path.display(),
            book_dir.display()
        )
    })?;
    match with_table(&toml, player_dir).map_err(|e| format!("{}: {e}", path.display()))? {
        None => Ok(format!("{} already has {TABLE}", path.display())),
        Some(new) => {
            std::fs::write(&path, new)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(format!("added {TABLE} to {}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_book(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("allocscope-install-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn install_appends_the_table_once_and_keeps_the_file_as_written() {
        let dir = temp_book("once");
        // Comments and layout a reserialisation would lose, no final newline.
        let original = "# My course\n[book]\ntitle   = \"Heaps\"   # short\n\n[output.html]\nmathjax-support = true";
        std::fs::write(dir.join("book.toml"), original).unwrap();
        let odd = "players/\"v2\"\\wasm";
        let said = install(&dir, Some(odd)).unwrap();
        assert!(
            said.starts_with("added [preprocessor.allocscope]"),
            "{said}"
        );
        let toml = std::fs::read_to_string(dir.join("book.toml")).unwrap();
        assert!(
            toml.starts_with(&format!("{original}\n\n{TABLE}\n")),
            "{toml}"
        );
        let config = Config::from_str(&toml).unwrap();
        assert_eq!(config.book.title.as_deref(), Some("Heaps"));
        let dir_read: Option<String> = config.get("preprocessor.allocscope.player-dir").unwrap();
        assert_eq!(dir_read.as_deref(), Some(odd));
        // A second time changes nothing.
        let said = install(&dir, None).unwrap();
        assert!(said.contains("already has"), "{said}");
        assert_eq!(
            std::fs::read_to_string(dir.join("book.toml")).unwrap(),
            toml
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_table_written_another_way_counts_as_there() {
        let toml = "[book]\ntitle = \"x\"\n[preprocessor]\nallocscope = { player-dir = \"p\" }\n";
        assert_eq!(with_table(toml, None), Ok(None));
        assert_eq!(with_table("", None), Ok(Some(format!("{TABLE}\n"))));
    }

    #[test]
    fn a_missing_or_broken_book_toml_is_an_error() {
        let dir = temp_book("broken");
        let e = install(&dir, None).unwrap_err();
        assert!(e.contains("mdbook init"), "{e}");
        std::fs::write(dir.join("book.toml"), "[book\n").unwrap();
        let e = install(&dir, None).unwrap_err();
        assert!(e.contains("book.toml"), "{e}");
        assert_eq!(
            std::fs::read_to_string(dir.join("book.toml")).unwrap(),
            "[book\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
