//! `mdbook-allocscope`: the preprocessor mdBook runs (the book as JSON on
//! stdin, the transformed book on stdout), and the teacher's commands.

use std::path::Path;
use std::process::ExitCode;

use mdbook_allocscope::{course, install, AllocScope};
use mdbook_preprocessor::Preprocessor;

const USAGE: &str = "\
usage:
  mdbook-allocscope                          run as mdBook's preprocessor (JSON on stdin)
  mdbook-allocscope supports <renderer>      exit 0 if the renderer is supported (html)
  mdbook-allocscope install <book-dir> [--player-dir DIR]
                                             add [preprocessor.allocscope] to book.toml
  mdbook-allocscope course <lessons-dir> <out-dir> [--player-dir DIR]
                                             write allocscope's lessons as an example book";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] => preprocess(),
        ["supports", renderer] => match AllocScope.supports_renderer(renderer) {
            Ok(true) => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        },
        ["install", rest @ ..] => match split_player_dir(rest) {
            Some(([book], player_dir)) => done(install::install(Path::new(book), player_dir)),
            _ => usage(),
        },
        ["course", rest @ ..] => match split_player_dir(rest) {
            Some(([lessons, out], player_dir)) => done(
                course::write_course(Path::new(lessons), Path::new(out), player_dir)
                    .map(|n| {
                        format!("wrote {n} chapters into {out}; build it with `mdbook build {out}`")
                    })
                    .map_err(|e| format!("writing the course from {lessons} to {out}: {e}")),
            ),
            _ => usage(),
        },
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage(),
    }
}

/// The positional arguments and the value of `--player-dir`, if the
/// arguments read.
fn split_player_dir<'a, const N: usize>(
    args: &[&'a str],
) -> Option<([&'a str; N], Option<&'a str>)> {
    let mut positional = Vec::new();
    let mut player_dir = None;
    let mut it = args.iter();
    while let Some(&a) = it.next() {
        if a == "--player-dir" {
            player_dir = Some(*it.next()?);
        } else if let Some(d) = a.strip_prefix("--player-dir=") {
            player_dir = Some(d);
        } else if a.starts_with("--") {
            return None;
        } else {
            positional.push(a);
        }
    }
    Some((positional.try_into().ok()?, player_dir))
}

fn done(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(said) => {
            println!("{said}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// mdBook's side: `[context, book]` in, the book out.
fn preprocess() -> ExitCode {
    let (ctx, book) = match mdbook_preprocessor::parse_input(std::io::stdin().lock()) {
        Ok(input) => input,
        Err(e) => {
            eprintln!("error: allocscope: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let ours = mdbook_preprocessor::MDBOOK_VERSION;
    if major_minor(&ctx.mdbook_version) != major_minor(ours) {
        eprintln!(
            "warning: allocscope was built for mdBook {ours}, and mdBook {} is running it",
            ctx.mdbook_version
        );
    }
    let book = match AllocScope.run(&ctx, book) {
        Ok(book) => book,
        Err(e) => {
            eprintln!("error: allocscope: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    match serde_json::to_writer(std::io::stdout().lock(), &book) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: allocscope: writing the book: {e}");
            ExitCode::FAILURE
        }
    }
}

fn major_minor(version: &str) -> &str {
    let mut dots = version.match_indices('.').map(|(i, _)| i);
    dots.nth(1).map_or(version, |i| &version[..i])
}
