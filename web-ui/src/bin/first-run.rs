//! Writes the page's first run (see `web_ui::first_run`) to
//! `first-run.bin` in the site trunk is building (`$TRUNK_STAGING_DIR`),
//! or to the path given: the default playground's job and the engine's
//! answer to it, made natively by the same engine code the page's worker
//! runs.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let target = match (
        std::env::args_os().nth(1),
        std::env::var_os("TRUNK_STAGING_DIR"),
    ) {
        (Some(path), _) => PathBuf::from(path),
        (None, Some(dir)) => PathBuf::from(dir).join(web_ui::first_run::FILE),
        (None, None) => {
            eprintln!(
                "usage: first-run <path> (or run it as a trunk hook, which sets TRUNK_STAGING_DIR)"
            );
            return ExitCode::FAILURE;
        }
    };
    match std::fs::write(&target, web_ui::first_run::bake()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("first-run: could not write {}: {e}", target.display());
            ExitCode::FAILURE
        }
    }
}
