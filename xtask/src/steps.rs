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
        run: trunk_build,
    },
    Step {
        name: "size budget",
        run: || {
            budget::check_dist(&tools::root().join("dist")).map(|line| println!("xtask: {line}"))
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
    trunk_build()?;
    println!(
        "xtask: {}",
        budget::check_dist(&tools::root().join("dist"))?
    );
    Ok(())
}

/// The npm package into pkg/.
pub fn pkg() -> Result<(), String> {
    tools::ensure_pkg_tools()?;
    pkg_build()
}

/// The benchmarks, then the bundle budget.
pub fn bench() -> Result<(), String> {
    cargo(&["bench", "-p", "alloc-sim"])?;
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
