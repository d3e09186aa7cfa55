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
