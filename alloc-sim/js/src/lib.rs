//! allocscope's simulated heap for JavaScript: the npm package
//! `allocscope`, built by `cargo xtask pkg` with wasm-pack into `pkg/`.
//!
//! A page or a Node script runs a Rust program, or replays an allocator
//! trace, on one of the simulated strategies, and gets back the same
//! report as `alloc-sim run --json` and `alloc-sim ops --json`: every
//! allocator call with its layout, address and narration, the metrics, the
//! heap's map and how the run ended. It can also list the strategies with
//! their settings, and a strategy's size classes.
//!
//! This crate is a thin door, not a second simulation: it reads the
//! options ([`options`]), starts the run where the command line starts
//! it ([`alloc_sim::job`]), and writes the report the command line writes
//! ([`alloc_sim::json`]). The functions here speak JSON values, so the
//! native tests check them directly; `js.rs` hands them to JavaScript
//! (with TypeScript types for every result).

pub mod options;

#[cfg(target_arch = "wasm32")]
mod js;

use alloc_sim::job;
use serde_json::{json, Value};

/// Runs a Rust program (a scenario, or a program with its own
/// `#[global_allocator]`) with `options` (see [`options::run_options`]):
/// `alloc-sim run --json`'s report. A program that does not compile, or
/// fails, ends in the report's `outcome`; an error here is for options
/// that cannot be run.
pub fn run(program: &str, options: &Value) -> Result<Value, String> {
    let o = options::run_options(options)?;
    let done = job::run_program(program, &o.setup, o.step)?;
    Ok(alloc_sim::json::finished(&done))
}

/// Replays a trace in malloc lab's format (`a ID SIZE [ALIGN]`, `f ID`,
/// `r ID SIZE`) with `options` (see [`options::replay_options`]):
/// `alloc-sim ops --json`'s report. A malformed trace is an error that
/// names its line.
pub fn replay(trace: &str, options: &Value) -> Result<Value, String> {
    let o = options::replay_options(options)?;
    let list = alloc_sim::ops::parse(trace).map_err(|e| format!("trace:{e}"))?;
    let done = job::replay_trace(&list, o.allocator.as_deref(), &o.setup, true)
        .map_err(|e| format!("trace:{e}"))?;
    Ok(alloc_sim::json::finished(&done))
}

/// Every strategy with its summary, roles and settings.
pub fn strategies() -> Value {
    alloc_sim::json::strategies()
}

/// The usable size `strategy` gives each request size from 1 to `max` (a
/// `malloc`-style `Layout { size, align: 1 }`): `[{ request, usable }]`,
/// as `alloc-sim classes` prints them. `options` may hold `max` (default
/// 65536, as the command line's) and `settings`.
pub fn size_classes(strategy: &str, options: &Value) -> Result<Value, String> {
    let kind = options::strategy(strategy)?;
    let map = options::object(options, &["max"])?;
    for key in map.keys() {
        if !["max", "settings"].contains(&key.as_str()) {
            return Err(format!(
                "unknown option `{key}`; the options are: max, settings"
            ));
        }
    }
    let max = match map.get("max") {
        None | Some(Value::Null) => 65536,
        Some(v) => v
            .as_u64()
            .ok_or_else(|| format!("max: expected a whole number, found {v}"))?,
    };
    let settings = match map.get("settings") {
        None | Some(Value::Null) => alloc_sim::Settings::new(),
        Some(v) => alloc_sim::json::settings(v)?,
    };
    let classes = job::size_classes(kind, &settings, max)?;
    Ok(classes
        .into_iter()
        .map(|(request, usable)| json!({ "request": request, "usable": usable }))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_runs_as_the_command_line_runs_it() {
        let program = "fn main() { let b = Box::new(7u64); drop(b); }";
        let report = run(program, &json!({ "strategy": "bump", "heap": "4KiB" })).unwrap();
        assert_eq!(report["strategy"], "bump");
        assert_eq!(report["heap"]["size"], 4096);
        assert_eq!(report["outcome"]["kind"], "ok");
        // The program's own box, with the runtime's calls before it.
        let calls = report["calls"].as_array().unwrap();
        let own: Vec<&Value> = calls.iter().filter(|c| c["implicit"] == false).collect();
        assert_eq!(own.len(), 2, "{calls:?}");
        assert_eq!(own[0]["op"], "alloc");
        assert_eq!(own[0]["size"], 8);
        assert_eq!(own[1]["op"], "dealloc");
        assert_eq!(own[1]["addr"], own[0]["addr"]);
    }

    #[test]
    fn a_program_that_does_not_compile_ends_in_its_outcome() {
        let report = run("fn main() { let x: u32 = \"s\"; }", &Value::Null).unwrap();
        assert_eq!(report["outcome"]["kind"], "error");
        assert_eq!(report["outcome"]["line"], 1);
    }

    #[test]
    fn a_malformed_trace_names_its_line() {
        let e = replay("a 0 16\nq 1\n", &Value::Null).unwrap_err();
        assert!(e.starts_with("trace:2:"), "{e}");
    }

    #[test]
    fn a_trace_replays_every_call() {
        let report = replay("a 0 16\na 1 32\nf 0\n", &json!({ "strategy": "first-fit" })).unwrap();
        let calls = report["calls"].as_array().unwrap();
        assert_eq!(calls.len(), 3);
        assert_eq!(calls[2]["op"], "dealloc");
        assert_eq!(calls[2]["addr"], calls[0]["addr"]);
    }

    #[test]
    fn every_strategy_is_listed_with_its_settings() {
        let list = strategies();
        let names: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = alloc_sim::StrategyKind::ALL
            .iter()
            .map(|k| k.name())
            .collect();
        assert_eq!(names, expected);
        for (entry, kind) in list
            .as_array()
            .unwrap()
            .iter()
            .zip(alloc_sim::StrategyKind::ALL)
        {
            assert_eq!(
                entry["settings"].as_array().unwrap().len(),
                kind.settings().len()
            );
        }
    }

    #[test]
    fn size_classes_are_the_command_lines() {
        let classes = size_classes("size-class", &json!({ "max": 64 })).unwrap();
        let rows = classes.as_array().unwrap();
        assert_eq!(rows.len(), 64);
        let expected = job::size_classes(
            alloc_sim::StrategyKind::SizeClass,
            &alloc_sim::Settings::new(),
            64,
        )
        .unwrap();
        for (row, (request, usable)) in rows.iter().zip(expected) {
            assert_eq!(row["request"], request);
            assert_eq!(row["usable"], usable);
        }
        assert!(size_classes("nope", &Value::Null).is_err());
        assert!(size_classes("bump", &json!({ "max": 0 })).is_err());
    }
}
