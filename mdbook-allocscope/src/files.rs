//! The player's files (`player.js`, its wasm and its worker), copied
//! into the book's `src/allocscope/`, where mdBook's HTML renderer picks
//! them up with every other file that is not Markdown.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The environment variable naming the player's directory when book.toml
/// does not.
pub const ENV_VAR: &str = "ALLOCSCOPE_PLAYER_DIR";

/// The directory under the book's `src` (and so under its output) that
/// holds the player's files.
pub const DIR: &str = "allocscope";

/// Where the player's files are: book.toml's `player-dir` (relative to the
/// book's `root`) if it is set, else the environment variable's value
/// `from_env`; or a warning naming both ways when neither is set or the
/// directory does not exist.
pub fn player_dir(
    root: &Path,
    from_config: Option<&str>,
    from_env: Option<&str>,
) -> Result<PathBuf, String> {
    let how = format!(
        "set `player-dir` under [preprocessor.allocscope] in book.toml (relative to the book) \
         or the {ENV_VAR} environment variable to the directory holding player.js"
    );
    let (dir, said) = match (from_config, from_env) {
        (Some(d), _) => (root.join(d), "book.toml's player-dir"),
        (None, Some(d)) => (PathBuf::from(d), ENV_VAR),
        (None, None) => {
            return Err(format!(
                "the players' files were not copied: {how}; the players will not run until they are there"
            ))
        }
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "the players' files were not copied: {said} names {}, which is not a directory; {how}",
            dir.display()
        ))
    }
}

/// Copies every file under `from` to the same place under `to`, creating
/// directories, writing only the files that are missing or different (so
/// that `mdbook serve`, which watches `src`, does not rebuild again), and
/// deleting nothing. Gives the number of files written.
pub fn copy_missing(from: &Path, to: &Path) -> io::Result<usize> {
    fs::create_dir_all(to)?;
    let mut written = 0;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            written += copy_missing(&source, &target)?;
            continue;
        }
        let bytes = fs::read(&source)?;
        if fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
            fs::write(&target, bytes)?;
            written += 1;
        }
    }
    Ok(written)
}
