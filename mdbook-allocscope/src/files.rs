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

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("allocscope-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn only_missing_or_changed_files_are_written_and_none_deleted() {
        let root = temp("copy");
        let (from, to) = (root.join("player"), root.join("src/allocscope"));
        fs::create_dir_all(from.join("snippets")).unwrap();
        fs::write(from.join("player.js"), "export {}").unwrap();
        fs::write(from.join("player_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
        fs::write(from.join("snippets/worker.js"), "onmessage = null").unwrap();
        assert_eq!(copy_missing(&from, &to).unwrap(), 3);
        assert_eq!(
            fs::read(to.join("player_bg.wasm")).unwrap(),
            [0u8, 97, 115, 109]
        );
        assert_eq!(copy_missing(&from, &to).unwrap(), 0);
        fs::write(to.join("mine.css"), "a {}").unwrap();
        fs::write(from.join("player.js"), "export const v = 2;").unwrap();
        assert_eq!(copy_missing(&from, &to).unwrap(), 1);
        assert_eq!(
            fs::read_to_string(to.join("player.js")).unwrap(),
            "export const v = 2;"
        );
        assert_eq!(fs::read_to_string(to.join("mine.css")).unwrap(), "a {}");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn book_toml_comes_before_the_environment_and_a_missing_dir_is_a_warning() {
        let root = temp("where");
        fs::create_dir_all(root.join("player")).unwrap();
        let env = root.join("elsewhere");
        fs::create_dir_all(&env).unwrap();
        let env = env.to_str().unwrap();
        assert_eq!(
            player_dir(&root, Some("player"), Some(env)),
            Ok(root.join("player"))
        );
        assert_eq!(player_dir(&root, None, Some(env)), Ok(PathBuf::from(env)));
        for (config, env) in [
            (None, None),
            (Some("nowhere"), Some(env)),
            (None, Some("/nowhere/at/all")),
        ] {
            let warning = player_dir(&root, config, env).unwrap_err();
            assert!(
                warning.contains("player-dir") && warning.contains(ENV_VAR),
                "{warning}"
            );
        }
        fs::remove_dir_all(&root).unwrap();
    }
}
