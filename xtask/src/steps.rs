//! The tasks, as sequences of named steps.

use std::time::Instant;

use crate::budget;
use crate::tools::{self, command, run, WASM_TARGET};

/// A named step of a task.
struct Step {
    name: &'static str,
    run: fn() -> Result<(), String>,
}

fn cargo(args: &[&str]) -> Result<(), String> {
    let mut c = command("cargo");
    c.args(args);
    run(c)
}

fn trunk_build() -> Result<(), String> {
    let mut c = command("trunk");
    // `--release` and `--offline` take an optional value: spell it out.
    c.args(["build", "--release=true", "--offline=true"]);
    run(c)
}

/// The files of the embeddable player that come from the app's build.
const PLAYER_FROM_DIST: [&str; 4] = [
    "engine_loader.js",
    "engine.js",
    "engine_bg.wasm",
    "editor.js",
];

/// The player's own files, from `web-ui/player/`: the element's script,
/// its styles and a page with two players (the example and the e2e
/// tests' page).
const PLAYER_OWN: [&str; 3] = ["player.js", "player.css", "index.html"];

/// The embeddable player into dist/player/, a folder that works wherever
/// it is copied: its wasm (web-ui's `player` binary, by wasm-bindgen and
/// wasm-opt -Oz as Trunk builds the app's), the element's script and
/// styles, and the engine and the editor from the app's build beside it.
fn player_build() -> Result<(), String> {
    let root = tools::root();
    let dist = root.join("dist");
    let out = dist.join("player");
    cargo(&[
        "build",
        "--quiet",
        "--release",
        "--target",
        WASM_TARGET,
        "-p",
        "web-ui",
        "--bin",
        "player",
    ])?;
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let wasm = root
        .join("target")
        .join(WASM_TARGET)
        .join("release")
        .join("player.wasm");
    let mut bindgen = command("wasm-bindgen");
    bindgen
        .args(["--target", "web", "--no-typescript"])
        .args(["--out-name", "allocscope_player", "--out-dir"])
        .arg(&out)
        .arg(&wasm);
    run(bindgen)?;
    let bg = out.join("allocscope_player_bg.wasm");
    let mut opt = command("wasm-opt");
    opt.arg("-Oz").arg(&bg).arg("-o").arg(&bg);
    run(opt)?;
    let copy = |from: std::path::PathBuf, name: &str| {
        std::fs::copy(&from, out.join(name))
            .map(|_| ())
            .map_err(|e| format!("copying {} into the player: {e}", from.display()))
    };
    for name in PLAYER_FROM_DIST {
        copy(dist.join(name), name)?;
    }
    let style = root.join("web-ui").join("style.css");
    let css = std::fs::read_to_string(&style).map_err(|e| format!("{}: {e}", style.display()))?;
    std::fs::write(out.join("style.css"), rem_to_em(&css))
        .map_err(|e| format!("writing the player's style.css: {e}"))?;
    for name in PLAYER_OWN {
        copy(root.join("web-ui").join("player").join(name), name)?;
    }
    Ok(())
}

/// The app's styles for a player in someone else's page: every `rem`
/// becomes an `em`. A page may size its root font as it likes (mdBook
/// sets 62.5%, making a rem 10 px), and a shadow root cannot reset it; the
/// player's box sets the app's 16 px, and sizes in em follow that instead
/// (nested font sizes compound where rems would not: the few there are
/// differ by a pixel or two).
fn rem_to_em(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("rem") {
        let (before, after) = rest.split_at(at);
        let is_unit = before.ends_with(|c: char| c.is_ascii_digit() || c == '.')
            && !after[3..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-');
        out.push_str(before);
        out.push_str(if is_unit { "em" } else { "rem" });
        rest = &after[3..];
    }
    out.push_str(rest);
    out
}

/// The app by Trunk into dist/, then the player into dist/player/.
fn release_build() -> Result<(), String> {
    trunk_build()?;
    player_build()
}

/// The example book into dist/book/: the first ten lessons as an mdBook
/// book (`mdbook-allocscope course`), built by mdBook with the
/// preprocessor, which copies the player from dist/player/ into it, as a
/// teacher's book is built. Needs the release build.
fn book_build() -> Result<(), String> {
    let root = tools::root();
    cargo(&["build", "--quiet", "-p", "mdbook-allocscope"])?;
    let debug = root.join("target").join("debug");
    let src = root.join("target").join("book");
    if src.exists() {
        std::fs::remove_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    }
    let player = root.join("dist").join("player");
    let mut course = command(&debug.join("mdbook-allocscope").to_string_lossy());
    course
        .arg("course")
        .arg(root.join("lessons"))
        .arg(&src)
        .arg("--player-dir")
        .arg(&player);
    run(course)?;
    // mdBook finds the preprocessor on the PATH, as in a teacher's book.
    let mut path = vec![debug];
    path.extend(std::env::split_paths(&tools::path()));
    let path = std::env::join_paths(path).map_err(|e| e.to_string())?;
    let mut build = command("mdbook");
    build
        .env("PATH", path)
        .arg("build")
        .arg(&src)
        .arg("--dest-dir")
        .arg(root.join("dist").join("book"));
    run(build)
}

/// The npm package into pkg/, by wasm-pack: the web target (an ES module
/// that a page, a bundler or Node loads), wasm-opt -Oz as the crate's
/// metadata asks.
fn pkg_build() -> Result<(), String> {
    let mut c = command("wasm-pack");
    let out = tools::root().join("pkg");
    c.args(["build", "alloc-sim/js", "--release", "--target", "web"])
        .arg("--out-dir")
        .arg(&out)
        .args(["--out-name", "allocscope"]);
    run(c)?;
    println!("xtask: {}", budget::check_pkg(&out)?);
    Ok(())
}

const TEST_STEPS: &[Step] = &[
    Step {
        name: "setup",
        run: tools::ensure_test_tools,
    },
    Step {
        name: "format",
        run: || cargo(&["fmt", "--all", "--check"]),
    },
    Step {
        name: "clippy (native)",
        run: || {
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
        },
    },
    Step {
        name: "clippy (wasm32)",
        run: || {
            cargo(&[
                "clippy",
                "-p",
                "web-ui",
                "-p",
                "alloc-sim",
                "-p",
                "engine",
                "-p",
                "reader",
                "-p",
                "allocscope",
                "--no-default-features",
                // The reader's worker needs its reading (the page does not).
                "--features",
                "reader/read",
                "--target",
                WASM_TARGET,
                "--lib",
                "--bins",
                "--tests",
                "--",
                "-D",
                "warnings",
            ])
        },
    },
    Step {
        name: "native tests",
        run: || cargo(&["test", "--workspace"]),
    },
    Step {
        name: "fuzz (60 s)",
        run: || fuzz(60, CI_FUZZ_SEED),
    },
    Step {
        name: "npm package (wasm-pack) against the command line",
        run: || {
            pkg_build()?;
            cargo(&["build", "--quiet", "-p", "alloc-sim", "--bin", "alloc-sim"])?;
            let root = tools::root();
            let mut c = command("node");
            c.args(["--test", "alloc-sim/js/tests/"])
                .env("PKG", root.join("pkg"))
                .env(
                    "ALLOC_SIM",
                    root.join("target").join("debug").join("alloc-sim"),
                );
            run(c)
        },
    },
    Step {
        name: "browser tests (wasm-bindgen-test in headless Chromium)",
        run: || {
            cargo(&[
                "test",
                "-p",
                "web-ui",
                "-p",
                "alloc-sim",
                "--no-default-features",
                // No worker is served to the tests: the engine's jobs run
                // on the page's thread.
                "--features",
                "web-ui/inline-engine",
                "--target",
                WASM_TARGET,
                "--tests",
            ])
        },
    },
    Step {
        name: "release build",
        run: release_build,
    },
    Step {
        name: "example book (mdBook with mdbook-allocscope)",
        run: book_build,
    },
    Step {
        name: "size budget",
        run: || {
            let dist = tools::root().join("dist");
            println!("xtask: {}", budget::check_dist(&dist)?);
            println!("xtask: {}", budget::check_player(&dist)?);
            Ok(())
        },
    },
    Step {
        name: "end-to-end tests (headless Chromium)",
        run: || {
            let mut c = command("node");
            c.args(["--test", "e2e/"])
                .env("DIST", tools::root().join("dist"));
            run(c)
        },
    },
];

/// The seed CI fuzzes from, so that its inputs are the same every run.
const CI_FUZZ_SEED: u64 = 18;

/// Builds the fuzz binary (the debug build: the simulation checks every
/// heap invariant after each call there) and fuzzes for `seconds`. The
/// binary runs the fuzzing in a child of its own and reports a child that
/// dies (a stack overflow, an abort) with the input it was running.
pub fn fuzz(seconds: u64, seed: u64) -> Result<(), String> {
    cargo(&["build", "--quiet", "-p", "allocscope-fuzz", "--bin", "fuzz"])?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| tools::root().join("target"), std::path::PathBuf::from);
    let mut c = command(&target.join("debug").join("fuzz").to_string_lossy());
    c.args([
        "--seconds",
        &seconds.to_string(),
        "--seed",
        &seed.to_string(),
    ])
    .arg("--out")
    .arg(target.join("fuzz"));
    run(c).map_err(|e| {
        format!("{e}: the fuzzer found something; each finding is in target/fuzz/crashes/ with a `.why` beside it (replay one with `cargo run -p allocscope-fuzz -- --replay FILE`)")
    })
}

/// Runs every step in order, stopping at the first failure, and ends with
/// one summary line.
pub fn test() -> Result<(), String> {
    let started = Instant::now();
    let mut passed = 0;
    for step in TEST_STEPS {
        println!("\nxtask: ── {} ──", step.name);
        let t = Instant::now();
        if let Err(e) = (step.run)() {
            println!("\nxtask: step `{}` failed: {e}", step.name);
            println!("xtask: {passed} passed, 1 failed");
            return Err(format!(
                "`{}` failed after {:.0?}",
                step.name,
                started.elapsed()
            ));
        }
        passed += 1;
        println!("xtask: {} ok ({:.1?})", step.name, t.elapsed());
    }
    println!("\nxtask: every check passed in {:.0?}", started.elapsed());
    println!("xtask: {passed} passed, 0 failed");
    Ok(())
}

/// The release bundle into dist/.
pub fn dist() -> Result<(), String> {
    tools::ensure_build_tools()?;
    release_build()?;
    let dist = tools::root().join("dist");
    println!("xtask: {}", budget::check_dist(&dist)?);
    println!("xtask: {}", budget::check_player(&dist)?);
    Ok(())
}

/// The release build, then the example book into dist/book/.
pub fn book() -> Result<(), String> {
    tools::ensure_build_tools()?;
    tools::ensure_mdbook()?;
    release_build()?;
    book_build()?;
    println!(
        "xtask: the example book is in dist/book/; browsers run its players only from a web server: python3 -m http.server -d dist, then open http://localhost:8000/book/"
    );
    Ok(())
}

/// The npm package into pkg/.
pub fn pkg() -> Result<(), String> {
    tools::ensure_pkg_tools()?;
    pkg_build()
}

/// The benchmarks (ending with each strategy next to the real allocator it
/// models, as a table of ratios), then the bundle budget.
pub fn bench() -> Result<(), String> {
    // `--benches`: the library's own tests need debug assertions.
    cargo(&["bench", "-p", "alloc-sim", "--benches"])?;
    cargo(&["bench", "-p", "conformance", "--bench", "versus_real"])?;
    cargo(&[
        "build",
        "--release",
        "-p",
        "alloc-sim",
        "--bin",
        "alloc-sim",
    ])?;
    crate::scale::check_cli(&tools::root().join("target/release/alloc-sim"))?;
    dist()
}

/// Where `cargo xtask serve` builds.
const SERVE_DIST: &str = "target/serve";

/// Sets up, then serves until interrupted.
pub fn serve(release: bool, address: &str, port: u16) -> Result<(), String> {
    tools::ensure_build_tools()?;
    let shown = if address == "0.0.0.0" {
        "<this machine's address>"
    } else {
        address
    };
    println!("\nxtask: allocscope will be at http://{shown}:{port}/ once built (Ctrl-C stops it)");
    if address == "0.0.0.0" {
        println!("xtask: serving the whole network: students open this machine's address (`hostname -I` or `ipconfig` shows it)");
    }
    let mut c = command("trunk");
    c.args([
        "serve",
        "--offline=true",
        // Its own folder: `dist/` only ever holds the release build (a
        // served build carries a live-reload script that fails anywhere
        // else).
        "--dist",
        SERVE_DIST,
        "--address",
        address,
        "--port",
        &port.to_string(),
    ]);
    if release {
        c.arg("--release=true");
    }
    let stop = crate::supervise::on_stop_signals()?;
    match crate::supervise::supervise(c, &stop)? {
        crate::supervise::Ended::Exited(status) if status.success() => Ok(()),
        crate::supervise::Ended::Exited(status) => Err(format!("`trunk serve` failed ({status})")),
        crate::supervise::Ended::Stopped => {
            println!("\nxtask: stopped; trunk and its builds are stopped too");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rem_to_em;

    #[test]
    fn only_rem_units_become_em() {
        assert_eq!(
            rem_to_em(".a { margin: 0.5rem 1rem; font-size: .8rem; } .remark { x: 2rem-ish; }"),
            ".a { margin: 0.5em 1em; font-size: .8em; } .remark { x: 2rem-ish; }"
        );
    }
}
