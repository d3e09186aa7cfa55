//! The tools the build needs, found or installed at pinned versions.
//!
//! Versions are pinned where the build depends on them exactly: the
//! wasm-bindgen CLI must match the `wasm-bindgen` crate in Cargo.lock, and
//! Trunk is told in Trunk.toml to use these and download nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

/// trunk 0.21.14: the last release that builds on Rust 1.95.
pub const TRUNK: &str = "0.21.14";
/// Must equal the `wasm-bindgen` crate's version (`=0.2.130` in Cargo.toml).
pub const WASM_BINDGEN: &str = "0.2.130";
/// wasm-pack, which packages the npm package (`cargo xtask pkg`). It
/// downloads nothing when it finds a `wasm-bindgen` of the lock file's
/// version and a `wasm-opt` on the PATH: [`path`] puts ours first.
pub const WASM_PACK: &str = "0.15.1";
/// mdBook, which builds the example book (`cargo xtask book`) as a
/// teacher's own book is built: the release whose preprocessor interface
/// `mdbook-allocscope` speaks (`mdbook-preprocessor` in Cargo.toml).
pub const MDBOOK: &str = "0.5.4";
/// The wasm32 target of the Rust toolchain.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium and its matching ChromeDriver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// ChromeDriver, for wasm-bindgen-test.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The workspace root (the parent of xtask/).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// Where `cargo install` puts binaries.
fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// The e2e package's binaries: wasm-opt from binaryen.
pub fn node_bin() -> PathBuf {
    root().join("e2e").join("node_modules").join(".bin")
}

/// PATH for every tool we run: our installs first.
pub fn path() -> std::ffi::OsString {
    let mut dirs = vec![node_bin(), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries without separators")
}

/// A command with our PATH and Trunk told not to look for updates. On CI
/// it also builds lean (see [`lean_ci_builds`]).
pub fn command(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root())
        .env("PATH", path())
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("CHROMEDRIVER", CHROMEDRIVER);
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        for (name, value) in lean_ci_builds() {
            if std::env::var_os(name).is_none() {
                c.env(name, value);
            }
        }
    }
    c
}

/// What a CI run sets for every cargo it starts, unless the caller set it.
/// A CI run builds once from a clean clone, on a disk it shares: with full
/// debug info and incremental caches its `target/` grew to 15 GB (12 GB of
/// it `target/debug`, 4.2 GB of that incremental state that a single build
/// never reads back), and a run failed with "No space left on device".
/// Line tables keep file and line in every panic's backtrace.
fn lean_ci_builds() -> [(&'static str, &'static str); 2] {
    [
        ("CARGO_INCREMENTAL", "0"),
        ("CARGO_PROFILE_DEV_DEBUG", "line-tables-only"),
    ]
}

/// Runs `command`, failing with a message that names it.
pub fn run(mut command: Command) -> Result<(), String> {
    let args: Vec<String> = command
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let shown = format!(
        "`{} {}`",
        command.get_program().to_string_lossy(),
        args.join(" ")
    );
    let status = command
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// The first line a tool prints for `--version`, if it runs.
fn version_of(program: &str) -> Option<String> {
    let out = command(program).arg("--version").output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    })
}

/// Whether a `--version` line names exactly `version` (as a whole word).
pub fn names_version(line: &str, version: &str) -> bool {
    line.split_whitespace()
        .any(|word| word.trim_start_matches('v') == version)
}

fn ensure_cargo_tool(bin: &str, krate: &str, version: &str, locked: bool) -> Result<(), String> {
    ensure_cargo_tool_with(bin, krate, version, locked, &[])
}

/// [`ensure_cargo_tool`], installed with `extra` arguments (features).
fn ensure_cargo_tool_with(
    bin: &str,
    krate: &str,
    version: &str,
    locked: bool,
    extra: &[&str],
) -> Result<(), String> {
    if version_of(bin).is_some_and(|line| names_version(&line, version)) {
        return Ok(());
    }
    println!("xtask: installing {krate} {version} (once; this takes a few minutes)");
    let mut c = command("cargo");
    c.args(["install", krate, "--version", version, "--force"]);
    if locked {
        c.arg("--locked");
    }
    c.args(extra);
    run(c)
}

fn ensure_wasm_target() -> Result<(), String> {
    let out = command("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the {WASM_TARGET} target: {e}"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        return Ok(());
    }
    println!("xtask: adding the {WASM_TARGET} target");
    let mut c = command("rustup");
    c.args(["target", "add", WASM_TARGET]);
    run(c)
}

/// Installs the npm packages locked in `dir`'s package-lock.json (`npm
/// ci`), unless they are there already, newer than the lock, and `needed`
/// (a file they bring) exists.
fn ensure_npm_packages(dir: &Path, what: &str, needed: &Path) -> Result<(), String> {
    let stamp = dir.join("node_modules").join(".package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => s.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh && needed.exists() {
        return Ok(());
    }
    println!("xtask: installing {what}");
    let mut c = command("npm");
    c.current_dir(dir).args(["ci", "--no-audit", "--no-fund"]);
    run(c).map_err(|e| format!("{e}\nNode.js 20 and npm are needed: https://nodejs.org"))
}

/// binaryen's wasm-opt (and playwright-core for the e2e tests), from the
/// npm registry, as locked in e2e/package-lock.json.
fn ensure_node_modules() -> Result<(), String> {
    ensure_npm_packages(
        &root().join("e2e"),
        "e2e/ npm packages (binaryen's wasm-opt, playwright-core)",
        &node_bin().join("wasm-opt"),
    )
}

/// The code editor's packages (CodeMirror 6 and esbuild, which bundles
/// them in Trunk's hook), as locked in web-ui/editor/package-lock.json.
fn ensure_editor_modules() -> Result<(), String> {
    let editor = root().join("web-ui").join("editor");
    let esbuild = editor
        .join("node_modules")
        .join("esbuild")
        .join("package.json");
    ensure_npm_packages(
        &editor,
        "web-ui/editor/ npm packages (CodeMirror 6, esbuild)",
        &esbuild,
    )
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Chromium and ChromeDriver for the browser tests: installed from
/// Debian's packages when we are root, otherwise asked for.
fn ensure_browser() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    if !(is_root() && Path::new("/usr/bin/apt-get").exists()) {
        return Err(format!(
            "the browser tests need {CHROMIUM} and {CHROMEDRIVER}; on Debian or Ubuntu run: \
             sudo apt-get install chromium chromium-driver"
        ));
    }
    println!("xtask: installing chromium and chromium-driver");
    let mut update = Command::new("apt-get");
    update.args(["update", "-qq"]);
    run(update)?;
    let mut install = Command::new("apt-get");
    install.env("DEBIAN_FRONTEND", "noninteractive").args([
        "install",
        "-y",
        "-qq",
        "chromium",
        "chromium-driver",
    ]);
    run(install)
}

/// What a build or a serve needs.
pub fn ensure_build_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK, true)?;
    // wasm-bindgen-cli's own lock file names a crate version the registry
    // lacks, so it installs without --locked.
    ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", WASM_BINDGEN, false)?;
    ensure_node_modules()?;
    ensure_editor_modules()?;
    // Trunk builds offline: the dependencies must already be downloaded.
    let mut fetch = command("cargo");
    fetch.args(["fetch", "--quiet"]);
    run(fetch)
}

/// What the npm package's build needs: the build's tools and wasm-pack.
pub fn ensure_pkg_tools() -> Result<(), String> {
    ensure_build_tools()?;
    ensure_cargo_tool("wasm-pack", "wasm-pack", WASM_PACK, true)
}

/// mdBook, without its server, watcher and search (the example book is
/// built, not served, and has no need of them): a third of the build.
pub fn ensure_mdbook() -> Result<(), String> {
    ensure_cargo_tool_with("mdbook", "mdbook", MDBOOK, true, &["--no-default-features"])
}

/// What the whole test suite needs.
pub fn ensure_test_tools() -> Result<(), String> {
    ensure_pkg_tools()?;
    ensure_mdbook()?;
    ensure_browser()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_lines_are_matched_word_by_word() {
        assert!(names_version("trunk 0.21.14", TRUNK));
        assert!(names_version("wasm-bindgen 0.2.130", WASM_BINDGEN));
        assert!(!names_version("trunk 0.21.140", TRUNK));
        assert!(!names_version("wasm-bindgen 0.2.13", WASM_BINDGEN));
    }

    #[test]
    fn our_tools_come_first_on_the_path() {
        let path = path();
        let first = std::env::split_paths(&path).next().unwrap();
        assert!(first.ends_with("e2e/node_modules/.bin"));
    }

    #[test]
    fn the_pinned_wasm_bindgen_is_the_one_in_the_workspace() {
        let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
        assert!(manifest.contains(&format!("wasm-bindgen = \"={WASM_BINDGEN}\"")));
        let trunk = std::fs::read_to_string(root().join("Trunk.toml")).unwrap();
        assert!(trunk.contains(&format!("wasm_bindgen = \"{WASM_BINDGEN}\"")));
    }
}
