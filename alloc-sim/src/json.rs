//! A finished run as JSON: the one format that `alloc-sim run --json`,
//! `alloc-sim ops --json` and the npm package give.
//!
//! Its fields are a contract with course scripts and with pages that use
//! the package: fields are added, never renamed or removed. Addresses and
//! sizes are plain numbers (every heap fits below 2^53, so JavaScript reads
//! them exactly).

use std::cell::RefCell;
use std::io::Write;

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::job::{Finished, Setup};
use crate::ops::{self, OpList, OpsError};
use crate::strategy::{SettingKind, SettingSpec};
use crate::{ascii_map, CallRecord, Outcome, Settings, StrategyKind};
use crate::{Run, Simulation};

/// The whole report of a run: what it ran on, every call, the metrics,
/// the heap's map, how it ended, what it printed; and, for a trace
/// replayed through a program's allocator, `steps`.
pub fn finished(done: &Finished) -> Value {
    let Finished {
        setup,
        run,
        sim,
        cost,
    } = done;
    let m = sim.metrics();
    let mut metrics = Map::new();
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
    let yours = sim.strategy().kind() == StrategyKind::Yours;
    let mut report = json!({
        "strategy": setup.strategy.name(),
        "heap": { "size": heap.len(), "base": heap.base().0, "target": setup.heap.target.name() },
        "allocator": if yours { "program" } else { "strategy" },
        "calls": run.calls.iter().map(call).collect::<Vec<_>>(),
        "metrics": metrics,
        "map": {
            "base": heap.base().0,
            "size": heap.len(),
            "regions": regions,
            "ascii": ascii_map::render(heap, 64, 32),
        },
        "outcome": outcome(&run.outcome),
        "output": run.output,
        "output_open": run.output_open,
        "leaks": run.leaks,
        "statics": run.statics.iter().map(|s| json!({ "name": s.name, "addr": s.addr.0, "size": s.size })).collect::<Vec<_>>(),
    });
    if let Some(cost) = cost {
        report["steps"] = json!({ "total": cost.total, "per_call": cost.per_call });
    }
    report
}

/// [`finished`]'s report of `list` replayed on `setup`'s strategy, written
/// to `out` as `serde_json::to_writer_pretty` writes it, byte for byte,
/// except that each call is written as it is made and then forgotten: a
/// million-call trace reported in the memory of one call's record.
///
/// A trace that stops part way (an op naming a block it never allocated)
/// has written its calls by then, so a caller that must print nothing but
/// the error replays it first without records
/// ([`ops::replay_unrecorded`]).
pub fn write_replay(list: &OpList, setup: &Setup, out: impl Write) -> Result<(), WriteError> {
    let mut sim = setup.simulation().map_err(WriteError::Run)?;
    // The entries before `calls` (what it ran on) and after it (how it
    // ended) are `finished`'s own: before the replay, of the heap as it
    // starts; after it, of the heap it left.
    let head = finished(&Finished {
        setup: setup.clone(),
        run: Run::empty(sim.metrics()),
        sim: sim.clone(),
        cost: None,
    });
    let mut writer = serde_json::Serializer::pretty(out);
    let mut map = writer.serialize_map(None)?;
    for (key, value) in entries(&head).take_while(|(key, _)| *key != "calls") {
        map.serialize_entry(key, value)?;
    }
    let calls = StreamedCalls {
        list,
        sim: RefCell::new(&mut sim),
        run: RefCell::new(None),
    };
    map.serialize_entry("calls", &calls)?;
    let run = match calls.run.into_inner() {
        Some(Ok(run)) => run,
        Some(Err(e)) => return Err(WriteError::Run(e.to_string())),
        None => unreachable!("the calls were written, so the replay ran"),
    };
    let tail = finished(&Finished {
        setup: setup.clone(),
        run,
        sim,
        cost: None,
    });
    for (key, value) in entries(&tail)
        .skip_while(|(key, _)| *key != "calls")
        .skip(1)
    {
        map.serialize_entry(key, value)?;
    }
    SerializeMap::end(map)?;
    Ok(())
}

/// Why [`write_replay`] stopped: the run could not be made, or the writer
/// failed (a reader that went away: `| head`).
#[derive(Debug)]
pub enum WriteError {
    /// The heap could not be built, or the trace stopped part way.
    Run(String),
    /// Writing failed.
    Write(serde_json::Error),
}

impl From<serde_json::Error> for WriteError {
    fn from(e: serde_json::Error) -> WriteError {
        WriteError::Write(e)
    }
}

/// A report's entries, in their order.
fn entries(report: &Value) -> impl Iterator<Item = (&str, &Value)> {
    report
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v))
}

/// The replay itself, run while its calls are written as a JSON array.
struct StreamedCalls<'a> {
    list: &'a OpList,
    sim: RefCell<&'a mut Simulation>,
    /// The run, once replayed.
    run: RefCell<Option<Result<Run, OpsError>>>,
}

impl Serialize for StreamedCalls<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed = None;
        let run = ops::replay_streamed(self.list, &mut self.sim.borrow_mut(), |record| {
            if failed.is_none() {
                failed = seq.serialize_element(&call(&record)).err();
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        *self.run.borrow_mut() = Some(run);
        SerializeSeq::end(seq)
    }
}

/// One call: where it came from, the call, its result, and the narration.
pub fn call(c: &CallRecord) -> Value {
    let mut v = json!({ "line": c.line(), "op": c.op.name() });
    if let Some(id) = c.block {
        v["id"] = json!(id);
    }
    v["thread"] = json!(c.thread.0);
    v["size"] = json!(c.layout.size);
    v["align"] = json!(c.layout.align);
    if let Some(n) = c.new_size {
        v["new_size"] = json!(n);
    }
    v["addr"] = json!(c.addr.map(|a| a.0));
    if let Some(old) = c.old_addr {
        v["old_addr"] = json!(old.0);
    }
    v["ok"] = json!(c.succeeded());
    v["error"] = json!(c.error.as_ref().map(ToString::to_string));
    v["events"] = json!(c.events.iter().map(ToString::to_string).collect::<Vec<_>>());
    v["reason"] = json!(c.reason);
    v["allocator"] = json!(if c.arena { "bump" } else { "global" });
    v["implicit"] = json!(c.implicit);
    v["column"] = json!(c.span.map(|s| s.column));
    v
}

/// How a run ended: `ok`, `stopped` (at the call asked for), `abort` or
/// `error`, with the message and place of the last two.
pub fn outcome(outcome: &Outcome) -> Value {
    match outcome {
        Outcome::Ok => json!({ "kind": "ok" }),
        Outcome::Stopped => json!({ "kind": "stopped" }),
        Outcome::Abort {
            message,
            line,
            column,
        } => {
            json!({ "kind": "abort", "message": message, "line": line, "column": column })
        }
        Outcome::Error(e) => {
            json!({ "kind": "error", "message": e.message, "line": e.line, "column": e.column })
        }
    }
}

/// Every strategy a learner can pick, as each describes itself: its name,
/// its one-line summary, the roles it paints, and its settings with their
/// kinds, defaults and allowed values.
pub fn strategies() -> Value {
    StrategyKind::ALL
        .iter()
        .map(|kind| {
            json!({
                "name": kind.name(),
                "summary": kind.summary(),
                "roles": kind.roles().iter().map(|r| r.name()).collect::<Vec<_>>(),
                "settings": kind.settings().iter().map(setting).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// One setting's description.
fn setting(spec: &SettingSpec) -> Value {
    let mut v = json!({
        "key": spec.key,
        "label": spec.label,
        "help": spec.help,
        "default": spec.format(spec.default_value()),
        "expected": spec.expected(),
    });
    match spec.kind {
        SettingKind::Bytes {
            min, max, offered, ..
        } => {
            v["kind"] = json!("bytes");
            v["min"] = json!(min);
            v["max"] = json!(max);
            v["offered"] = json!(offered);
        }
        SettingKind::Count { min, max, .. } => {
            v["kind"] = json!("count");
            v["min"] = json!(min);
            v["max"] = json!(max);
        }
        SettingKind::Flag { .. } => v["kind"] = json!("flag"),
        SettingKind::Choice { options, .. } => {
            v["kind"] = json!("choice");
            v["options"] = json!(options);
        }
    }
    v
}

/// Settings read from a JSON object of `key: value` pairs, each value a
/// string as the command line takes it (`"4KiB"`, `"on"`, `"best"`) or a
/// number or a boolean; an unknown key or a refused value is an error that
/// names it.
pub fn settings(value: &Value) -> Result<Settings, String> {
    let mut settings = Settings::new();
    let Some(pairs) = value.as_object() else {
        return Err("settings must be an object of `key: value` pairs".into());
    };
    let specs = StrategyKind::all_settings();
    for (key, value) in pairs {
        let spec = specs.iter().find(|s| s.key == key).ok_or_else(|| {
            let keys: Vec<&str> = specs.iter().map(|s| s.key).collect();
            format!(
                "unknown setting `{key}`; the strategies' settings are: {}",
                keys.join(", ")
            )
        })?;
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(on) => if *on { "on" } else { "off" }.to_string(),
            other => {
                return Err(format!(
                    "setting `{key}`: {other} is not {}",
                    spec.expected()
                ))
            }
        };
        settings.parse(spec, &text).map_err(|e| e.to_string())?;
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::job::replay_trace;
    use crate::traces::{self, Kind};
    use crate::HeapConfig;

    /// Every generated kind of trace on every strategy: the report written
    /// call by call is the report printed whole, byte for byte.
    #[test]
    fn a_replay_written_as_it_goes_is_the_report_printed_whole() {
        for kind in Kind::ALL {
            let list = traces::generate(kind, 7, 40);
            for strategy in crate::StrategyKind::ALL {
                let setup = Setup::new(strategy, HeapConfig::new(64 << 10));
                let whole = replay_trace(&list, None, &setup, true).unwrap();
                let expected = serde_json::to_string_pretty(&finished(&whole)).unwrap();
                let mut written = Vec::new();
                write_replay(&list, &setup, &mut written).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    expected,
                    "{} on {strategy}",
                    kind.name()
                );
            }
        }
    }

    #[test]
    fn a_trace_that_stops_part_way_is_an_error_with_its_line() {
        let list = crate::ops::parse("a 0 16\nf 0\nr 9 0\n").unwrap();
        let setup = Setup::new(crate::StrategyKind::Bump, HeapConfig::new(4096));
        match write_replay(&list, &setup, Vec::new()) {
            Err(WriteError::Run(e)) => assert!(e.starts_with("3:1: free of id 9"), "{e}"),
            other => panic!("{other:?}"),
        }
    }
}
