//! Writes the course, as the build read it, to `course.bin` in the site
//! trunk is building (`$TRUNK_STAGING_DIR`), or to the path given: the
//! browser app fetches it when a lesson page first opens. Beside it goes
//! `what-runs-here.html`, the page an unsupported construct's error links
//! to, rendered from `alloc_sim::scenario::WHAT_RUNS_HERE`.

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
    let page = target.with_file_name("what-runs-here.html");
    let written = std::fs::write(&target, lessons::course_bytes())
        .and_then(|()| std::fs::write(&page, what_runs_here()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("course-bin: could not write {}: {e}", target.display());
            ExitCode::FAILURE
        }
    }
}

/// The "What runs here" page: the Markdown of the scenario module's docs,
/// as a page of its own that needs nothing else from the site.
fn what_runs_here() -> String {
    let markdown = alloc_sim::scenario::WHAT_RUNS_HERE;
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, pulldown_cmark::Parser::new(markdown));
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>What runs here · allocscope</title>\n<style>\n\
         body {{ font: 16px/1.55 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; background: #fff; }}\n\
         code {{ font: 0.9em ui-monospace, monospace; background: #f2f2f4; padding: 0 0.2em; border-radius: 3px; }}\n\
         li {{ margin: 0.4em 0; }}\n\
         @media (prefers-color-scheme: dark) {{ body {{ color: #e8e8ea; background: #151517; }} code {{ background: #2a2a2e; }} a {{ color: #8ab4ff; }} }}\n\
         </style>\n</head>\n<body>\n<p><a href=\"./\">← allocscope</a></p>\n{body}</body>\n</html>\n"
    )
}
