//! `alloc-sim`: replay allocator calls on a simulated heap from a terminal.
//!
//! This file is the I/O edge: it reads files, prints text and JSON, and
//! sets the exit code. Everything it shows is computed by the library.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use alloc_sim::job::{self, Finished, Setup};
use alloc_sim::json;
use alloc_sim::ops::{self, OpList};
use alloc_sim::scenario;
use alloc_sim::strategy::{SettingKind, SettingValue};
use alloc_sim::traces;
use alloc_sim::units::{parse_addr, parse_size, Bytes};
use alloc_sim::{
    ascii_map, Addr, CallRecord, HeapConfig, Metrics, Outcome, RoleClass, Settings, Simulation,
    StrategyKind, Target, ThreadId,
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
        /// The allocation strategy (with `--allocator`, what `System` is;
        /// default first-fit).
        #[arg(long, short, value_parser = strategy_name, required_unless_present = "allocator")]
        strategy: Option<StrategyKind>,
        /// Replay the trace through this program's own
        /// `#[global_allocator]`, as malloc lab's driver runs a learner's
        /// allocator: its heap array is the heap, and the report gives
        /// its cost in interpreter steps.
        #[arg(long, value_name = "PROGRAM.rs")]
        allocator: Option<PathBuf>,
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
        #[arg(long, short, value_parser = strategy_name, default_value = "first-fit")]
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
    /// Score a program's own `#[global_allocator]` on traces as malloc
    /// lab's driver does, beside the built-in strategies on a heap of the
    /// same size: each trace valid or its first failure, peak utilisation,
    /// and the program's cost in interpreter steps per call.
    Score {
        /// The program with the allocator (`.rs`).
        program: PathBuf,
        /// The traces (malloc lab's format), for example
        /// `alloc-sim/traces/*.rep`.
        #[arg(required = true)]
        traces: Vec<PathBuf>,
        /// The built-in strategies scored beside it (comma-separated);
        /// default: every one.
        #[arg(long, value_delimiter = ',', value_parser = strategy_name)]
        strategies: Vec<StrategyKind>,
        /// Every allocator's heap, bytes or with a unit: the built-in
        /// strategies' heap, and the program's heap array's length (the
        /// const naming it takes this value, as malloc lab's heap grows);
        /// default the program's heap array's size.
        #[arg(long, value_parser = parse_size)]
        heap: Option<u64>,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
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

/// Settings of the strategies that have them: one flag per setting, made
/// from the strategies' own descriptions (`Described::SETTINGS`), so a new
/// setting is a new flag with nothing written here.
struct SettingsArgs(Settings);

impl SettingsArgs {
    fn settings(&self) -> &Settings {
        &self.0
    }
}

impl clap::FromArgMatches for SettingsArgs {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<SettingsArgs, clap::Error> {
        let mut settings = Settings::new();
        for spec in StrategyKind::all_settings() {
            let result = match spec.kind {
                SettingKind::Flag { .. } => match matches.get_flag(spec.key) {
                    true => settings.set(spec, SettingValue::Flag(true)),
                    false => Ok(()),
                },
                _ => match matches.get_one::<String>(spec.key) {
                    Some(text) => settings.parse(spec, text),
                    None => Ok(()),
                },
            };
            result.map_err(|e| {
                clap::Error::raw(clap::error::ErrorKind::ValueValidation, format!("{e}\n"))
            })?;
        }
        Ok(SettingsArgs(settings))
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = SettingsArgs::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Args for SettingsArgs {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for spec in StrategyKind::all_settings() {
            let users: Vec<&str> = StrategyKind::ALL
                .iter()
                .filter(|k| k.setting(spec.key).is_some())
                .map(|k| k.name())
                .collect();
            let default = spec.format(spec.default_value());
            let help = format!("{} ({}; default {default})", spec.help, users.join(", "));
            let arg = clap::Arg::new(spec.key).long(spec.key).help(help);
            cmd = cmd.arg(match spec.kind {
                SettingKind::Flag { .. } => arg.action(clap::ArgAction::SetTrue),
                SettingKind::Bytes { .. } => arg.value_name("SIZE"),
                SettingKind::Count { .. } => arg.value_name("N"),
                SettingKind::Choice { .. } => arg.value_name("NAME"),
            });
        }
        cmd
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        SettingsArgs::augment_args(cmd)
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
            allocator,
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
            let setup = Setup {
                strategy: strategy.unwrap_or(StrategyKind::FirstFit),
                settings: settings.settings().clone(),
                heap: HeapConfig {
                    size: heap,
                    base: Addr(base),
                    target,
                },
            };
            run_ops(
                &file,
                allocator.as_deref(),
                &setup,
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
            let setup = Setup {
                strategy,
                settings: settings.settings().clone(),
                heap: HeapConfig {
                    size: heap,
                    base: Addr(base),
                    target,
                },
            };
            run_scenario(&file, &setup, step, json)
        }
        Command::Classes {
            strategy,
            max,
            settings,
        } => classes(strategy, settings.settings(), max),
        Command::Score {
            program,
            traces,
            strategies,
            heap,
            json,
        } => score(&program, &traces, &strategies, heap, json),
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
    allocator: Option<&std::path::Path>,
    setup: &Setup,
    output: Output,
) -> Result<(), String> {
    let text = read_input(file)?;
    let name = file.display().to_string();
    let list = ops::parse(&text).map_err(|e| format!("{name}:{e}"))?;
    let source = match allocator {
        Some(program) => Some(
            std::fs::read_to_string(program)
                .map_err(|e| format!("reading {}: {e}", program.display()))?,
        ),
        None => None,
    };
    let started = std::time::Instant::now();
    // A summary prints no call: the replay need not record them. A listing
    // of a trace on a strategy writes each call as it is made, in the
    // memory of one record however long the trace: the first replay, with
    // no records, only finds whether the trace stops part way, so that
    // such a trace prints its error and nothing else, as before.
    let streamed = source.is_none() && output != Output::Summary;
    let done = job::replay_trace(
        &list,
        source.as_deref(),
        setup,
        !streamed && output != Output::Summary,
    )
    .map_err(|e| format!("{name}:{e}"))?;
    if streamed {
        return write_listing(&name, &list, setup, output);
    }
    let elapsed = started.elapsed();
    let report = Report {
        name: &name,
        done: &done,
    };
    let mut out = match output {
        Output::Json => pretty(&json::finished(&done))?,
        Output::Text => {
            let mut o = report.text(true);
            if let Some(cost) = done.cost {
                let _ = writeln!(
                    o,
                    "cost: {} interpreter steps for {} ops ({:.1} per call)",
                    cost.total,
                    list.ops.len(),
                    cost.per_call
                );
            }
            o
        }
        Output::Summary => {
            let mut o = report.text(false);
            let _ = writeln!(
                o,
                "\nreplayed {} ops in {:.1} ms: {:.0} ops/s",
                list.ops.len(),
                elapsed.as_secs_f64() * 1e3,
                list.ops.len() as f64 / elapsed.as_secs_f64().max(1e-9)
            );
            if let Some(cost) = done.cost {
                let _ = writeln!(
                    o,
                    "cost: {} interpreter steps ({:.1} per call)",
                    cost.total, cost.per_call
                );
            }
            o
        }
    };
    out.push('\n');
    emit(out.as_bytes())
}

/// `ops` listing every call of a trace on a strategy, as text or JSON,
/// written as the calls are made (see `run_ops`).
fn write_listing(name: &str, list: &OpList, setup: &Setup, output: Output) -> Result<(), String> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match output {
        Output::Json => match json::write_replay(list, setup, &mut out) {
            Ok(()) => Ok(()),
            Err(json::WriteError::Run(e)) => return Err(format!("{name}:{e}")),
            Err(json::WriteError::Write(e)) => Err(std::io::Error::from(e)),
        },
        _ => {
            let mut sim = setup.simulation()?;
            let mut text = heading(setup, &sim);
            text.push('\n');
            let mut written = out.write_all(text.as_bytes());
            let run = ops::replay_streamed(list, &mut sim, |c| {
                if written.is_ok() {
                    text.clear();
                    call_lines(&mut text, name, &c);
                    written = out.write_all(text.as_bytes());
                }
            })
            .map_err(|e| format!("{name}:{e}"))?;
            text.clear();
            ending(&mut text, name, &run, &sim);
            written.and_then(|()| out.write_all(text.as_bytes()))
        }
    };
    match written
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(()),
    }
}

/// JSON as the command line prints it.
fn pretty(value: &Value) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

/// `alloc-sim score`: every trace through the program's allocator and the
/// strategies, as a table or JSON.
fn score(
    program: &std::path::Path,
    traces: &[PathBuf],
    strategies: &[StrategyKind],
    heap: Option<u64>,
    json: bool,
) -> Result<(), String> {
    use alloc_sim::score::{self, Contestant, Score};
    let source = std::fs::read_to_string(program)
        .map_err(|e| format!("reading {}: {e}", program.display()))?;
    let array = scenario::heap_array(&source).ok_or_else(|| {
        format!(
            "{}: no `#[global_allocator]` over a static array of its own (at least 256 bytes) to score",
            program.display()
        )
    })?;
    // A heap given is every contestant's: the strategies' heap and the
    // program's array both, so it must be one each can take.
    if let Some(asked) = heap {
        alloc_sim::HeapConfig::new(asked)
            .validate()
            .map_err(|e| format!("--heap: {e}"))?;
    }
    let heap = heap.unwrap_or(array.len);
    let kinds: Vec<StrategyKind> = match strategies {
        [] => StrategyKind::ALL.to_vec(),
        some => some.to_vec(),
    };
    let who: Vec<Contestant> = std::iter::once(Contestant::Yours)
        .chain(kinds.iter().map(|&k| Contestant::Strategy(k)))
        .collect();
    let name = |c: &Contestant| match c {
        Contestant::Yours => "yours".to_string(),
        Contestant::Strategy(k) => k.name().to_string(),
    };
    let mut rows: Vec<(String, Vec<Score>)> = Vec::new();
    for path in traces {
        let trace = path.display().to_string();
        let list = ops::parse(&read_input(path)?).map_err(|e| format!("{trace}:{e}"))?;
        let scores = who
            .iter()
            .map(|&c| score::score(c, &source, &list, heap).map_err(|e| format!("{trace}:{e}")))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push((trace, scores));
    }
    let out = if json {
        let rows: Vec<Value> = rows
            .iter()
            .map(|(trace, scores)| {
                let scores: Vec<Value> = who
                    .iter()
                    .zip(scores)
                    .map(|(c, s)| {
                        json!({
                            "allocator": name(c),
                            "valid": s.valid.is_ok(),
                            "error": s.valid.as_ref().err(),
                            "utilisation": s.utilisation,
                            "calls": s.calls,
                            "steps_per_call": s.steps_per_call,
                            "heap": s.heap,
                        })
                    })
                    .collect();
                json!({ "trace": trace, "scores": scores })
            })
            .collect();
        let report = json!({
            "program": program.display().to_string(),
            "heap_array": { "static": array.holder, "addr": array.addr.0, "size": array.len },
            "strategy_heap": heap,
            "traces": rows,
        });
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
    } else {
        let mut o = String::new();
        // The array as it ran: resized when its length is a named const.
        let ran = rows
            .first()
            .and_then(|(_, scores)| scores.first())
            .map_or(array.len, |s| s.heap);
        let resized = if ran == array.len {
            String::new()
        } else if ran == heap {
            format!(
                " (its length const set to {}, as malloc lab's heap grows)",
                Bytes(ran)
            )
        } else {
            format!(
                " (its length is a number, not a const: it keeps {})",
                Bytes(ran)
            )
        };
        let _ = writeln!(
            o,
            "{}: its heap array `{}`, {} at {}{resized}; the strategies on {} heaps",
            program.display(),
            array.holder,
            Bytes(array.len),
            array.addr,
            Bytes(heap)
        );
        let _ = writeln!(
            o,
            "each cell: peak utilisation (payload / heap used), or the first failure; yours: interpreter steps per call\n"
        );
        let width = rows.iter().map(|(t, _)| t.len()).max().unwrap_or(5).max(5);
        let _ = write!(o, "{:width$}", "trace");
        for c in &who {
            let _ = write!(o, "  {:>18}", name(c));
        }
        let _ = writeln!(o);
        let mut failures = Vec::new();
        for (trace, scores) in &rows {
            let _ = write!(o, "{trace:width$}");
            for (c, s) in who.iter().zip(scores) {
                let cell = match (&s.valid, s.steps_per_call) {
                    (Ok(()), Some(steps)) => {
                        format!("{:.1}% {:.0} st/c", s.utilisation * 100.0, steps)
                    }
                    (Ok(()), None) => format!("{:.1}%", s.utilisation * 100.0),
                    (Err(e), _) => {
                        failures.push(format!("{trace}, {}: {e}", name(c)));
                        format!("invalid [{}]", failures.len())
                    }
                };
                let _ = write!(o, "  {cell:>18}");
            }
            let _ = writeln!(o);
        }
        for (i, f) in failures.iter().enumerate() {
            let _ = writeln!(o, "[{}] {f}", i + 1);
        }
        o
    };
    emit(format!("{out}\n").as_bytes())
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

/// A finished run, printed as text.
struct Report<'a> {
    /// The input's name, for `name:line` in the text.
    name: &'a str,
    done: &'a Finished,
}

impl Report<'_> {
    /// The text report: a heading, the calls (unless `calls` is false),
    /// what the program printed and how it ended, then the map and metrics.
    fn text(&self, calls: bool) -> String {
        let Finished {
            setup, run, sim, ..
        } = self.done;
        let mut o = heading(setup, sim);
        if calls {
            let _ = writeln!(o);
            for c in &run.calls {
                call_lines(&mut o, self.name, c);
            }
        }
        ending(&mut o, self.name, run, sim);
        o
    }
}

/// A text report's first line: what ran, on what heap.
fn heading(setup: &Setup, sim: &Simulation) -> String {
    let (kind, config) = (setup.strategy, setup.heap);
    let heap = sim.heap();
    if sim.strategy().kind() == StrategyKind::Yours {
        format!(
            "the program's own allocator, over its heap array of {} at {} ({}): {}\n",
            Bytes(heap.len()),
            heap.base(),
            heap.target(),
            StrategyKind::Yours.summary()
        )
    } else {
        format!(
            "{kind} on a {} heap at {} ({}): {}\n",
            Bytes(config.size),
            config.base,
            config.target,
            kind.summary()
        )
    }
}

/// One call of a text report: where it came from, the call and its
/// result, why it was made, and the strategy's narration.
fn call_lines(o: &mut String, name: &str, c: &CallRecord) {
    let thread = if c.thread == ThreadId::MAIN {
        String::new()
    } else {
        format!(" {}", c.thread)
    };
    let line = c.line().unwrap_or(0);
    let place = match c.block {
        Some(id) => format!("line {line:>4}  id {id:<4}{thread}"),
        None => format!("{name}:{line}{thread}"),
    };
    let _ = writeln!(o, "{place}  {}  {}", c.signature(), c.result());
    if !c.reason.is_empty() {
        let _ = writeln!(o, "      {}", c.reason);
    }
    for event in &c.events {
        let _ = writeln!(o, "        {event}");
    }
}

/// The rest of a text report: what the program printed, how it ended, its
/// leaks, then the map and the metrics.
fn ending(o: &mut String, name: &str, run: &alloc_sim::Run, sim: &Simulation) {
    if !run.output.is_empty() {
        let _ = writeln!(o, "\noutput:");
        for line in &run.output {
            let _ = writeln!(o, "  {line}");
        }
    }
    match &run.outcome {
        Outcome::Ok => {}
        Outcome::Stopped => {
            let _ = writeln!(o, "\noutcome: stopped after {} calls", run.calls.len());
        }
        Outcome::Abort {
            message,
            line,
            column,
        } => {
            let _ = writeln!(o, "\noutcome: abort at {name}:{line}:{column}: {message}");
        }
        Outcome::Error(e) => {
            let _ = writeln!(o, "\noutcome: error at {name}:{e}");
        }
    }
    for leak in &run.leaks {
        let _ = writeln!(o, "leak: {leak}");
    }
    map_and_metrics(o, sim);
}

/// The end of every text report: the heap drawn as text, then the metrics.
fn map_and_metrics(o: &mut String, sim: &Simulation) {
    let _ = writeln!(o);
    let cell = ascii_map::cell_size(sim.heap().len(), 64, 32);
    let _ = writeln!(o, "heap map ({} per character):", Bytes(cell));
    for row in ascii_map::render(sim.heap(), 64, 32) {
        let _ = writeln!(o, "  {row}");
    }
    // The roles this strategy paints, and any a client painted (a bump
    // arena's chunks), in a fixed order.
    let declared = sim.strategy().kind().roles();
    let classes: Vec<RoleClass> = RoleClass::ALL
        .into_iter()
        .filter(|&c| declared.contains(&c) || sim.heap().roles().total(c) > 0)
        .collect();
    let _ = writeln!(o, "  {}", ascii_map::legend(&classes));
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

fn run_scenario(
    file: &PathBuf,
    setup: &Setup,
    step: Option<usize>,
    json: bool,
) -> Result<(), String> {
    let source = read_input(file)?;
    let done = job::run_program(&source, setup, step)?;
    let name = file.display().to_string();
    let mut out = if json {
        pretty(&json::finished(&done))?
    } else {
        Report {
            name: &name,
            done: &done,
        }
        .text(true)
    };
    out.push('\n');
    emit(out.as_bytes())
}

fn classes(kind: StrategyKind, settings: &Settings, max: u64) -> Result<(), String> {
    if max == 0 || max > alloc_sim::MAX_HEAP_SIZE {
        return Err(format!(
            "--max must be from 1 to {}",
            alloc_sim::MAX_HEAP_SIZE
        ));
    }
    let mut out = String::from("request,usable\n");
    for (size, usable) in job::size_classes(kind, settings, max)? {
        let _ = writeln!(out, "{size},{usable}");
    }
    emit(out.as_bytes())
}
