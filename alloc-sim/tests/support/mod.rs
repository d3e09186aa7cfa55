//! What the tests that run scenarios against Rust itself share: running a
//! program, its output, the error it stops with, and the `check!` macro
//! that runs the same code as a scenario and here.
#![allow(dead_code, unused_macros)]

use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

/// Runs `source` until its `calls`-th allocator call, and gives the run
/// and the simulation, whose heap is as that call left it.
pub fn run_until(source: &str, calls: usize) -> (scenario::Run, Simulation) {
    let mut sim = Simulation::new(HeapConfig::new(64 << 10), StrategyKind::FirstFit).unwrap();
    let limits = Limits {
        stop_after_calls: Some(calls),
        ..Limits::default()
    };
    let run = scenario::run(source, &mut sim, limits);
    (run, sim)
}

pub fn run(source: &str) -> scenario::Run {
    run_on_heap(source).0
}

/// Runs `source` to its end; gives the run and the simulation, whose heap
/// is as the run left it.
pub fn run_on_heap(source: &str) -> (scenario::Run, Simulation) {
    let mut sim = Simulation::new(HeapConfig::new(64 << 10), StrategyKind::FirstFit).unwrap();
    let run = scenario::run(source, &mut sim, Limits::default());
    (run, sim)
}

/// The calls the program wrote itself, as (op, size, align); a
/// `realloc`'s size is the new one.
pub fn own_calls(run: &scenario::Run) -> Vec<(alloc_sim::CallOp, u64, u64)> {
    run.calls
        .iter()
        .filter(|c| !c.implicit)
        .map(|c| (c.op, c.new_size.unwrap_or(c.layout.size), c.layout.align))
        .collect()
}

/// The error `source` stops with, with its place.
pub fn error_of(source: &str) -> alloc_sim::ScenarioError {
    match run(source).outcome {
        Outcome::Error(e) => e,
        other => panic!("{source}\nran to {other:?}"),
    }
}

/// What `source` printed, one entry per line; it must run to the end.
pub fn printed(source: &str) -> Vec<String> {
    let run = run(source);
    assert_eq!(run.outcome, Outcome::Ok, "\n{source}");
    run.output
}

/// The message of the error `source` stops with.
pub fn stops_with(source: &str) -> String {
    match run(source).outcome {
        Outcome::Error(e) => e.message,
        other => panic!("{source}\nran to {other:?}"),
    }
}

/// Runs `{ setup }` then one `println!(fmt, expr)` per pair, both as a
/// scenario and here, and compares the lines.
macro_rules! check {
    ({ $($setup:tt)* } $($fmt:literal => $e:expr),* $(,)?) => {{
        let source = concat!(
            "fn main() {\n",
            stringify!($($setup)*),
            "\n",
            $("    println!(", stringify!($fmt), ", ", stringify!($e), ");\n",)*
            "}\n"
        );
        let expected = lines({
            $($setup)*
            vec![$(format!($fmt, $e)),*]
        });
        assert_eq!(printed(source), expected, "\n{source}");
    }};
}

/// What `println!` of each text puts in the run's output: a line each.
pub fn lines(printed: Vec<String>) -> Vec<String> {
    printed
        .iter()
        .flat_map(|text| text.split('\n').map(String::from))
        .collect()
}

/// The payload of the panic `f` makes.
pub fn host_panic(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(f).expect_err("expected a panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// `source`'s body panics as `f` does, with the same message.
pub fn panics_as(body: &str, f: impl FnOnce() + std::panic::UnwindSafe) {
    let source = format!("fn main() {{\n{body}\n}}\n");
    let message = stops_with(&source);
    assert_eq!(
        message,
        format!("panicked: {}", host_panic(f)),
        "\n{source}"
    );
    assert!(message.starts_with("panicked: "));
}
