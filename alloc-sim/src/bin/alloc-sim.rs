//! `alloc-sim`: replay allocator calls on a simulated heap from a terminal.
//!
//! This file is the I/O edge: it reads files, prints text and JSON, and
//! sets the exit code. Everything it shows is computed by the library.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use alloc_sim::ops::{self, Call, CallKind};
use alloc_sim::scenario;
use alloc_sim::traces;
use alloc_sim::units::{parse_addr, parse_size, Bytes};
use alloc_sim::{
    ascii_map, strategy::Placement, Addr, HeapConfig, Metrics, Settings, Simulation, Strategy,
    StrategyKind, Target,
};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{json, Value};

#[derive(Parser)]
#[command(
    name = "alloc-sim",
    version,
    about = "Watch a simulated allocator manage a heap, byte by byte."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Replay a list of allocator calls (malloc lab's trace format):
    /// `a ID SIZE [ALIGN] [@THREAD]`, `f ID`, `r ID NEW_SIZE`.
    Ops {
        /// The op list; `-` reads standard input.
        file: PathBuf,
        /// The allocation strategy.
        #[arg(long, short, value_parser = strategy_name)]
        strategy: StrategyKind,
        /// Heap size: bytes, or with a unit (64KiB, 1MiB); 256 B to 64 MiB.
        #[arg(long, value_parser = parse_size, default_value = "64KiB")]
        heap: u64,
        /// The heap's first address (hex with 0x, or decimal).
        #[arg(long, value_parser = parse_addr, default_value = "0x1000")]
        base: u64,
        /// The simulated machine's pointer width.
        #[arg(long, value_enum, default_value_t = TargetArg::Bits64)]
        target: TargetArg,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Leave out the calls: print the map, the metrics and a summary
        /// with the replay's speed (for long traces).
        #[arg(long, conflicts_with = "json")]
        summary: bool,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Print a synthetic trace in malloc lab's format: binary, coalescing,
    /// random or realloc (see `alloc-sim/traces/README.md`).
    Gen {
        /// The pattern.
        #[arg(value_parser = trace_kind)]
        kind: traces::Kind,
        /// The seed: the same seed gives the same trace.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// About how many blocks (or steps) the pattern repeats.
        #[arg(long, default_value_t = 1000)]
        scale: u64,
    },
    /// Run a scenario: a small Rust program whose heap operations become
    /// the allocator calls std makes.
    Run {
        /// The scenario (`.rs`); `-` reads standard input.
        file: PathBuf,
        /// The allocation strategy.
        #[arg(long, short, value_parser = strategy_name)]
        strategy: StrategyKind,
        /// Heap size: bytes, or with a unit (64KiB, 1MiB); 256 B to 64 MiB.
        #[arg(long, value_parser = parse_size, default_value = "64KiB")]
        heap: u64,
        /// The heap's first address (hex with 0x, or decimal).
        #[arg(long, value_parser = parse_addr, default_value = "0x1000")]
        base: u64,
        /// Stop after this many allocator calls and show the heap then.
        #[arg(long)]
        step: Option<usize>,
        /// The simulated machine's pointer width.
        #[arg(long, value_enum, default_value_t = TargetArg::Bits64)]
        target: TargetArg,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Print `request,usable` for every request size 1..=N: the usable size
    /// the strategy gives a `malloc`-style request (`Layout { size, align: 1 }`).
    Classes {
        /// The allocation strategy.
        #[arg(value_parser = strategy_name)]
        strategy: StrategyKind,
        /// The largest request size.
        #[arg(long, default_value_t = 65536)]
        max: u64,
        #[command(flatten)]
        settings: SettingsArgs,
    },
}

/// Settings of the strategies that have them.
#[derive(clap::Args)]
struct SettingsArgs {
    /// Number of arenas (jemalloc).
    #[arg(long, default_value_t = 4)]
    arenas: u32,
    /// Turn on per-thread caches (jemalloc).
    #[arg(long)]
    tcache: bool,
    /// Bytes per page (size-class, jemalloc): 4KiB, 1KiB, ...
    #[arg(long, value_parser = parse_size, default_value = "4KiB")]
    page_size: u64,
    /// Round large requests to jemalloc's classic large size classes
    /// instead of to the page (jemalloc).
    #[arg(long)]
    classic_large_classes: bool,
    /// Where the implicit list looks for a free block: first, next or best
    /// (implicit-list).
    #[arg(long, value_parser = placement_name, default_value = "first")]
    placement: Placement,
}

fn placement_name(name: &str) -> Result<Placement, String> {
    Placement::from_name(name)
        .ok_or_else(|| format!("unknown placement `{name}`; choose first, next or best"))
}

impl SettingsArgs {
    fn settings(&self) -> Settings {
        Settings {
            page_size: self.page_size,
            arenas: self.arenas,
            tcache: self.tcache,
            classic_large: self.classic_large_classes,
            placement: self.placement,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum TargetArg {
    #[value(name = "64")]
    Bits64,
    #[value(name = "32")]
    Bits32,
}

fn trace_kind(name: &str) -> Result<traces::Kind, String> {
    traces::Kind::from_name(name).ok_or_else(|| {
        format!("unknown trace `{name}`; choose one of: binary, coalescing, random, realloc")
    })
}

fn strategy_name(name: &str) -> Result<StrategyKind, String> {
    StrategyKind::from_name(name).ok_or_else(|| {
        let names: Vec<_> = StrategyKind::ALL.iter().map(|k| k.name()).collect();
        format!(
            "unknown strategy `{name}`; choose one of: {}",
            names.join(", ")
        )
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ops {
            file,
            strategy,
            heap,
            base,
            target,
            json,
            summary,
            settings,
        } => {
            let target = match target {
                TargetArg::Bits64 => Target::Bits64,
                TargetArg::Bits32 => Target::Bits32,
            };
            run_ops(
                &file,
                strategy,
                settings.settings(),
                HeapConfig {
                    size: heap,
                    base: Addr(base),
                    target,
                },
                if json {
                    Output::Json
                } else if summary {
                    Output::Summary
                } else {
                    Output::Text
                },
            )
        }
        Command::Gen { kind, seed, scale } => {
            emit(traces::to_rep(&traces::generate(kind, seed, scale)).as_bytes())
        }
        Command::Run {
            file,
            strategy,
            heap,
            base,
            step,
            target,
            json,
            settings,
        } => {
            let target = match target {
                TargetArg::Bits64 => Target::Bits64,
                TargetArg::Bits32 => Target::Bits32,
            };
            let config = HeapConfig {
                size: heap,
                base: Addr(base),
                target,
            };
            run_scenario(&file, strategy, settings.settings(), config, step, json)
        }
        Command::Classes {
            strategy,
            max,
            settings,
        } => classes(strategy, settings.settings(), max),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn read_input(file: &PathBuf) -> Result<String, String> {
    if file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| format!("reading standard input: {e}"))
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))
    }
}

/// How `ops` prints its result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Text,
    Summary,
    Json,
}

fn run_ops(
    file: &PathBuf,
    kind: StrategyKind,
    settings: Settings,
    config: HeapConfig,
    output: Output,
) -> Result<(), String> {
    let strategy = kind.build_with(settings)?;
    let mut sim = Simulation::with_strategy(config, strategy).map_err(|e| e.to_string())?;
    let text = read_input(file)?;
    let name = file.display();
    let list = ops::parse(&text).map_err(|e| format!("{name}:{e}"))?;
    let started = std::time::Instant::now();
    let calls = ops::replay(&list, &mut sim).map_err(|e| format!("{name}:{e}"))?;
    let elapsed = started.elapsed();
    let mut out = match output {
        Output::Json => serde_json::to_string_pretty(&report(kind, config, &calls, &sim))
            .map_err(|e| e.to_string())?,
        Output::Text => text_report(kind, config, &calls, &sim),
        Output::Summary => {
            let mut o = String::new();
            let _ = writeln!(
                o,
                "{kind} on a {} heap at {} ({}): {}",
                Bytes(config.size),
                config.base,
                config.target,
                kind.summary()
            );
            map_and_metrics(&mut o, &sim);
            let _ = writeln!(
                o,
                "\nreplayed {} ops in {:.1} ms: {:.0} ops/s",
                calls.len(),
                elapsed.as_secs_f64() * 1e3,
                calls.len() as f64 / elapsed.as_secs_f64().max(1e-9)
            );
            o
        }
    };
    out.push('\n');
    emit(out.as_bytes())
}

/// Writes to standard output. A reader that stops early (`| head`) is not
/// an error.
fn emit(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(()),
    }
}

fn describe(call: &Call) -> String {
    let l = call.layout;
    match call.kind {
        CallKind::Alloc => format!("alloc({l})"),
        CallKind::Dealloc => format!("dealloc({}, {l})", call.addr.unwrap_or_default()),
        CallKind::Realloc => format!("realloc({l}, {})", call.new_size.unwrap_or(0)),
    }
}

fn text_report(kind: StrategyKind, config: HeapConfig, calls: &[Call], sim: &Simulation) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{kind} on a {} heap at {} ({}): {}",
        Bytes(config.size),
        config.base,
        config.target,
        kind.summary()
    );
    let _ = writeln!(o);
    for call in calls {
        let result = match (&call.error, call.kind, call.addr) {
            (Some(e), _, _) => format!("failed: {e}"),
            (None, CallKind::Dealloc, _) => "ok".to_string(),
            (None, _, Some(addr)) => format!("→ {addr}"),
            (None, _, None) => "ok".to_string(),
        };
        let thread = if call.op.thread.0 == 0 {
            String::new()
        } else {
            format!(" {}", call.op.thread)
        };
        let _ = writeln!(
            o,
            "line {:>4}  id {:<4}{thread} {}  {result}",
            call.op.line,
            call.op.id,
            describe(call)
        );
        for event in &call.events {
            let _ = writeln!(o, "              {event}");
        }
    }
    map_and_metrics(&mut o, sim);
    o
}

/// The end of every text report: the heap drawn as text, then the metrics.
fn map_and_metrics(o: &mut String, sim: &Simulation) {
    let _ = writeln!(o);
    let cell = ascii_map::cell_size(sim.heap().len(), 64, 32);
    let _ = writeln!(o, "heap map ({} per character):", Bytes(cell));
    for row in ascii_map::render(sim.heap(), 64, 32) {
        let _ = writeln!(o, "  {row}");
    }
    let _ = writeln!(o, "  {}", ascii_map::LEGEND);
    let _ = writeln!(o);
    metrics_text(o, &sim.metrics());
}

fn metrics_text(o: &mut String, m: &Metrics) {
    let summary = format!(
        "summary: peak utilisation {:.1}% (peak live {} B / heap size {} B), {} failed",
        100.0 * m.peak_utilisation(),
        m.peak_live_bytes,
        m.heap_size,
        m.failed
    );
    let _ = writeln!(o, "metrics:");
    for (name, value) in m.fields() {
        let _ = writeln!(o, "  {name:<22} {value}");
    }
    let _ = writeln!(
        o,
        "  {:<22} {:.4}  (1 - largest_free / total_free)",
        "external_fragmentation",
        m.external_fragmentation()
    );
    let _ = writeln!(
        o,
        "  {:<22} {:.4}  (peak_live_bytes / heap_size, as malloc lab's driver)",
        "peak_utilisation",
        m.peak_utilisation()
    );
    let _ = write!(o, "{summary}");
}

/// The fields every call has in JSON, for `ops` and `run` alike: the
/// layout passed, `new_size` for a realloc, the address, whether it
/// succeeded and why not, and the strategy's narration.
fn call_fields(
    v: &mut Value,
    layout: alloc_sim::LayoutSpec,
    new_size: Option<u64>,
    addr: Option<Addr>,
    error: Option<String>,
    events: &[alloc_sim::Event],
) {
    v["size"] = json!(layout.size);
    v["align"] = json!(layout.align);
    if let Some(n) = new_size {
        v["new_size"] = json!(n);
    }
    v["addr"] = json!(addr.map(|a| a.0));
    v["ok"] = json!(error.is_none());
    v["error"] = json!(error);
    v["events"] = json!(events.iter().map(ToString::to_string).collect::<Vec<_>>());
}

fn report(kind: StrategyKind, config: HeapConfig, calls: &[Call], sim: &Simulation) -> Value {
    let calls: Vec<Value> = calls
        .iter()
        .map(|c| {
            let mut v = json!({ "line": c.op.line });
            v["op"] = json!(c.kind.name());
            v["id"] = json!(c.op.id);
            v["thread"] = json!(c.op.thread.0);
            call_fields(
                &mut v,
                c.layout,
                c.new_size,
                c.addr,
                c.error.as_ref().map(ToString::to_string),
                &c.events,
            );
            v
        })
        .collect();
    let m = sim.metrics();
    let mut metrics = serde_json::Map::new();
    for (name, value) in m.fields() {
        metrics.insert(name.to_string(), json!(value));
    }
    metrics.insert(
        "internal_fragmentation".into(),
        json!(m.internal_fragmentation()),
    );
    metrics.insert(
        "external_fragmentation".into(),
        json!(m.external_fragmentation()),
    );
    metrics.insert("peak_utilisation".into(), json!(m.peak_utilisation()));
    let heap = sim.heap();
    let regions: Vec<Value> = heap
        .regions()
        .map(|r| {
            let id = r.role.alloc_id().map(|id| id.0);
            json!({ "addr": heap.base().0 + r.start, "len": r.len(), "role": r.role.name(), "id": id })
        })
        .collect();
    json!({
        "strategy": kind.name(),
        "heap": { "size": config.size, "base": config.base.0, "target": config.target.name() },
        "calls": calls,
        "metrics": metrics,
        "map": {
            "base": heap.base().0,
            "size": heap.len(),
            "regions": regions,
            "ascii": ascii_map::render(heap, 64, 32),
        },
    })
}

fn run_scenario(
    file: &PathBuf,
    kind: StrategyKind,
    settings: Settings,
    config: HeapConfig,
    step: Option<usize>,
    json: bool,
) -> Result<(), String> {
    let strategy = kind.build_with(settings)?;
    let mut sim = Simulation::with_strategy(config, strategy).map_err(|e| e.to_string())?;
    let source = read_input(file)?;
    let limits = scenario::Limits {
        stop_after_calls: step,
        ..scenario::Limits::default()
    };
    let run = scenario::run(&source, &mut sim, limits);
    let name = file.display().to_string();
    let mut out = if json {
        serde_json::to_string_pretty(&scenario_report(kind, config, &run, &sim))
            .map_err(|e| e.to_string())?
    } else {
        scenario_text(&name, kind, config, &run, &sim)
    };
    out.push('\n');
    emit(out.as_bytes())
}

fn outcome_json(outcome: &scenario::Outcome) -> Value {
    match outcome {
        scenario::Outcome::Ok => json!({ "kind": "ok" }),
        scenario::Outcome::Stopped => json!({ "kind": "stopped" }),
        scenario::Outcome::Abort {
            message,
            line,
            column,
        } => {
            json!({ "kind": "abort", "message": message, "line": line, "column": column })
        }
        scenario::Outcome::Error(e) => {
            json!({ "kind": "error", "message": e.message, "line": e.line, "column": e.column })
        }
    }
}

fn scenario_report(
    kind: StrategyKind,
    config: HeapConfig,
    run: &scenario::Run,
    sim: &Simulation,
) -> Value {
    let calls: Vec<Value> = run
        .calls
        .iter()
        .map(|c| {
            let mut v = json!({ "line": c.line, "op": c.op.name() });
            call_fields(
                &mut v,
                c.layout,
                c.new_size,
                c.addr,
                c.error.clone(),
                &c.events,
            );
            v["reason"] = json!(c.reason);
            v["allocator"] = json!(if c.arena { "bump" } else { "global" });
            v["thread"] = json!(c.thread);
            v
        })
        .collect();
    let mut report = report(kind, config, &[], sim);
    report["calls"] = json!(calls);
    report["outcome"] = outcome_json(&run.outcome);
    report["output"] = json!(run.output);
    report["leaks"] = json!(run.leaks);
    report
}

fn scenario_text(
    name: &str,
    kind: StrategyKind,
    config: HeapConfig,
    run: &scenario::Run,
    sim: &Simulation,
) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{kind} on a {} heap at {} ({}): {}",
        Bytes(config.size),
        config.base,
        config.target,
        kind.summary()
    );
    let _ = writeln!(o);
    for c in &run.calls {
        let args = match (c.op, c.new_size) {
            (scenario::CallOp::Dealloc, _) => {
                format!("{}, {}", c.addr.unwrap_or_default(), c.layout)
            }
            (scenario::CallOp::Realloc, Some(n)) => format!("{}, {n}", c.layout),
            _ => c.layout.to_string(),
        };
        let result = match (&c.error, c.op, c.addr) {
            (Some(e), _, _) => format!("  failed: {e}"),
            (None, scenario::CallOp::Dealloc, _) => String::new(),
            (None, _, Some(a)) => format!(" → {a}"),
            (None, _, None) => String::new(),
        };
        let _ = writeln!(o, "{name}:{}  {}({args}){result}", c.line, c.op.name());
        let _ = writeln!(o, "      {}", c.reason);
        for event in &c.events {
            let _ = writeln!(o, "        {event}");
        }
    }
    if !run.output.is_empty() {
        let _ = writeln!(o, "\noutput:");
        for line in &run.output {
            let _ = writeln!(o, "  {line}");
        }
    }
    let _ = writeln!(o);
    match &run.outcome {
        scenario::Outcome::Ok => {
            let _ = writeln!(o, "outcome: ok");
        }
        scenario::Outcome::Stopped => {
            let _ = writeln!(o, "outcome: stopped after {} calls", run.calls.len());
        }
        scenario::Outcome::Abort {
            message,
            line,
            column,
        } => {
            let _ = writeln!(o, "outcome: abort at {name}:{line}:{column}: {message}");
        }
        scenario::Outcome::Error(e) => {
            let _ = writeln!(o, "outcome: error at {name}:{e}");
        }
    }
    for leak in &run.leaks {
        let _ = writeln!(o, "leak: {leak}");
    }
    map_and_metrics(&mut o, sim);
    o
}

fn classes(kind: StrategyKind, settings: Settings, max: u64) -> Result<(), String> {
    if max == 0 || max > alloc_sim::MAX_HEAP_SIZE {
        return Err(format!(
            "--max must be from 1 to {}",
            alloc_sim::MAX_HEAP_SIZE
        ));
    }
    let strategy = kind.build_with(settings)?;
    let sim =
        Simulation::with_strategy(HeapConfig::new(4096), strategy).map_err(|e| e.to_string())?;
    let mut out = String::from("request,usable\n");
    for size in 1..=max {
        let layout =
            core::alloc::Layout::from_size_align(size as usize, 1).map_err(|e| e.to_string())?;
        let usable = sim.strategy().usable_size(layout, sim.heap());
        let _ = writeln!(out, "{size},{usable}");
    }
    emit(out.as_bytes())
}
