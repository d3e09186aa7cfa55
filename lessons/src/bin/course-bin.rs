//! Writes the course, as the build read it, to `course.bin` in the site
//! trunk is building (`$TRUNK_STAGING_DIR`), or to the path given: the
//! browser app fetches it when a lesson page first opens.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let target = match (
        std::env::args_os().nth(1),
        std::env::var_os("TRUNK_STAGING_DIR"),
    ) {
        (Some(path), _) => PathBuf::from(path),
        (None, Some(dir)) => PathBuf::from(dir).join("course.bin"),
        (None, None) => {
            eprintln!(
                "usage: course-bin <path> (or run it as a trunk hook, which sets TRUNK_STAGING_DIR)"
            );
            return ExitCode::FAILURE;
        }
    };
    match std::fs::write(&target, lessons::course_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("course-bin: could not write {}: {e}", target.display());
            ExitCode::FAILURE
        }
    }
}
