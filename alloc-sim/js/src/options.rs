//! What a page asks for, read from its options object: the strategy, its
//! settings and the heap, as the command line's flags give them.
//!
//! Every key is optional and takes the command line's default; a key that
//! is not one of these is refused by name, so a typo never runs silently
//! on the defaults.

use alloc_sim::job::Setup;
use alloc_sim::units::{parse_addr, parse_size};
use alloc_sim::{Addr, HeapConfig, StrategyKind, Target, DEFAULT_BASE};
use serde_json::Value;

/// The heap a run gets when none is asked for: the command line's
/// `--heap` default, 64 KiB.
pub const DEFAULT_HEAP: u64 = 64 << 10;

/// Options of `run`: a setup, and the call to stop after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// Strategy, settings, heap.
    pub setup: Setup,
    /// Stop after this many calls (`--step`).
    pub step: Option<usize>,
}

/// Options of `replay`: a setup, and the program whose own allocator
/// replays the trace, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayOptions {
    /// Strategy, settings, heap.
    pub setup: Setup,
    /// A program with a `#[global_allocator]` (`--allocator`).
    pub allocator: Option<String>,
}

/// The keys every run takes.
const SETUP_KEYS: [&str; 5] = ["strategy", "settings", "heap", "base", "target"];

/// Reads `run`'s options.
pub fn run_options(options: &Value) -> Result<RunOptions, String> {
    let map = object(options, &["step"])?;
    let step = match map.get("step") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| format!("step: expected a number of calls, found {v}"))?,
        ),
    };
    Ok(RunOptions {
        setup: setup(map)?,
        step,
    })
}

/// Reads `replay`'s options.
pub fn replay_options(options: &Value) -> Result<ReplayOptions, String> {
    let map = object(options, &["allocator"])?;
    let allocator = match map.get("allocator") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(v) => return Err(format!("allocator: expected a program's text, found {v}")),
    };
    Ok(ReplayOptions {
        setup: setup(map)?,
        allocator,
    })
}

/// The options as an object whose keys are the setup's and `extra`; no
/// options at all is an empty object.
pub fn object<'a>(
    options: &'a Value,
    extra: &[&str],
) -> Result<&'a serde_json::Map<String, Value>, String> {
    static EMPTY: std::sync::OnceLock<serde_json::Map<String, Value>> = std::sync::OnceLock::new();
    let map = match options {
        Value::Null => EMPTY.get_or_init(serde_json::Map::new),
        Value::Object(map) => map,
        other => return Err(format!("options: expected an object, found {other}")),
    };
    for key in map.keys() {
        if !SETUP_KEYS.contains(&key.as_str()) && !extra.contains(&key.as_str()) {
            let known: Vec<&str> = SETUP_KEYS.iter().chain(extra).copied().collect();
            return Err(format!(
                "unknown option `{key}`; the options are: {}",
                known.join(", ")
            ));
        }
    }
    Ok(map)
}

/// The strategy, its settings and the heap.
fn setup(map: &serde_json::Map<String, Value>) -> Result<Setup, String> {
    let strategy = match map.get("strategy") {
        None | Some(Value::Null) => StrategyKind::FirstFit,
        Some(Value::String(name)) => strategy(name)?,
        Some(v) => return Err(format!("strategy: expected a strategy's name, found {v}")),
    };
    let settings = match map.get("settings") {
        None | Some(Value::Null) => alloc_sim::Settings::new(),
        Some(v) => alloc_sim::json::settings(v)?,
    };
    let size = match map.get("heap") {
        None | Some(Value::Null) => DEFAULT_HEAP,
        Some(v) => number_or_text(v, "heap", parse_size)?,
    };
    let base = match map.get("base") {
        None | Some(Value::Null) => DEFAULT_BASE,
        Some(v) => Addr(number_or_text(v, "base", parse_addr)?),
    };
    let target = match map.get("target") {
        None | Some(Value::Null) => Target::Bits64,
        Some(v) => match number_or_text(v, "target", |t| t.parse::<u64>().map_err(|_| ()))? {
            64 => Target::Bits64,
            32 => Target::Bits32,
            _ => return Err(format!("target: expected 64 or 32, found {v}")),
        },
    };
    let heap = HeapConfig { size, base, target };
    heap.validate().map_err(|e| format!("heap: {e}"))?;
    Ok(Setup {
        strategy,
        settings,
        heap,
    })
}

/// A strategy by its name, or the names to choose from.
pub fn strategy(name: &str) -> Result<StrategyKind, String> {
    StrategyKind::from_name(name).ok_or_else(|| {
        let names: Vec<_> = StrategyKind::ALL.iter().map(|k| k.name()).collect();
        format!(
            "unknown strategy `{name}`; choose one of: {}",
            names.join(", ")
        )
    })
}

/// A number given as a number, or as text the command line would take
/// (`"4KiB"`, `"0x1000"`).
fn number_or_text<E>(
    value: &Value,
    key: &str,
    parse: impl Fn(&str) -> Result<u64, E>,
) -> Result<u64, String> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| format!("{key}: expected a whole number, found {n}")),
        Value::String(text) => parse(text).map_err(|_| format!("{key}: cannot read `{text}`")),
        other => Err(format!("{key}: expected a number, found {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn no_options_are_the_command_lines_defaults() {
        let o = run_options(&Value::Null).unwrap();
        assert_eq!(o.setup.strategy, StrategyKind::FirstFit);
        assert_eq!(o.setup.heap, HeapConfig::new(DEFAULT_HEAP));
        assert_eq!(o.step, None);
        assert_eq!(run_options(&json!({})).unwrap(), o);
    }

    #[test]
    fn sizes_and_addresses_are_numbers_or_the_command_lines_text() {
        let o = run_options(&json!({ "heap": "4KiB", "base": "0x2000", "target": 32 })).unwrap();
        assert_eq!(o.setup.heap.size, 4096);
        assert_eq!(o.setup.heap.base, Addr(0x2000));
        assert_eq!(o.setup.heap.target, Target::Bits32);
        let same = run_options(&json!({ "heap": 4096, "base": 8192, "target": "32" })).unwrap();
        assert_eq!(same, o);
    }

    #[test]
    fn a_wrong_option_is_refused_by_name() {
        let e = run_options(&json!({ "strategie": "bump" })).unwrap_err();
        assert!(e.starts_with("unknown option `strategie`"), "{e}");
        let e = run_options(&json!({ "strategy": "worst-fit" })).unwrap_err();
        assert!(e.contains("unknown strategy `worst-fit`"), "{e}");
        let e = run_options(&json!({ "heap": "12" })).unwrap_err();
        assert!(e.starts_with("heap: "), "{e}");
        let e = run_options(&json!({ "target": 16 })).unwrap_err();
        assert!(e.contains("expected 64 or 32"), "{e}");
        let e = run_options(&json!({ "settings": { "page-size": "3KiB" } })).unwrap_err();
        assert!(e.contains("page-size"), "{e}");
        let e = replay_options(&json!({ "step": 3 })).unwrap_err();
        assert!(e.contains("unknown option `step`"), "{e}");
        assert!(run_options(&json!([1])).is_err());
    }

    #[test]
    fn settings_are_the_strategies_own() {
        let o = run_options(&json!({
            "strategy": "implicit-list",
            "settings": { "placement": "best" }
        }))
        .unwrap();
        let spec = StrategyKind::ImplicitList.setting("placement").unwrap();
        assert_eq!(o.setup.settings.choice(spec), "best");
    }
}
