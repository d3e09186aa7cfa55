//! A finished run as JSON: the one format that `alloc-sim run --json`,
//! `alloc-sim ops --json` and the npm package give.
//!
//! Its fields are a contract with course scripts and with pages that use
//! the package: fields are added, never renamed or removed. Addresses and
//! sizes are plain numbers (every heap fits below 2^53, so JavaScript reads
//! them exactly).

use serde_json::{json, Map, Value};

use crate::job::Finished;
use crate::strategy::{SettingKind, SettingSpec};
use crate::{ascii_map, CallRecord, Outcome, Settings, StrategyKind};

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
