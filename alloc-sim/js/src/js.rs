//! The functions as JavaScript sees them, with their TypeScript types.
//!
//! Options come in as plain objects, walked into JSON values; results go
//! out as plain objects through JSON text (the report is JSON already,
//! and this keeps the package free of a serialiser of its own). A refused option or trace
//! throws an `Error` whose message says what and where.

use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A strategy's setting, by key: text as the command line takes it ("4KiB", "on", "best"), a number or a boolean. */
export type Settings = Record<string, string | number | boolean>;

/** What every run takes; each key is optional and defaults as `alloc-sim`'s flags do. */
export interface Setup {
  /** A strategy's name (see `strategies()`); default "first-fit". */
  strategy?: string;
  /** The strategies' settings. */
  settings?: Settings;
  /** Heap size in bytes, or text such as "4KiB"; 256 B to 64 MiB; default 64 KiB. */
  heap?: number | string;
  /** The heap's first address; default 0x1000. */
  base?: number | string;
  /** Pointer width of the simulated machine: 64 (default) or 32. */
  target?: 64 | 32 | "64" | "32";
}

export interface RunOptions extends Setup {
  /** Stop after this many allocator calls (`--step`). */
  step?: number;
}

export interface ReplayOptions extends Setup {
  /** A program with its own `#[global_allocator]` to replay the trace through (`--allocator`). */
  allocator?: string;
}

export interface SizeClassOptions {
  /** The largest request size; default 65536. */
  max?: number;
  settings?: Settings;
}

/** One allocator call. */
export interface Call {
  line: number | null;
  column: number | null;
  op: "alloc" | "alloc_zeroed" | "realloc" | "dealloc" | string;
  /** The trace's block id (traces only). */
  id?: number;
  thread: number;
  size: number;
  align: number;
  new_size?: number;
  addr: number | null;
  old_addr?: number;
  ok: boolean;
  error: string | null;
  /** The strategy's narration of the call. */
  events: string[];
  /** Why the program made the call. */
  reason: string;
  allocator: "global" | "bump";
  /** Made by std or the runtime, not written in the program. */
  implicit: boolean;
}

export interface Region { addr: number; len: number; role: string; id: number | null }

export type Outcome =
  | { kind: "ok" }
  | { kind: "stopped" }
  | { kind: "abort"; message: string; line: number; column: number }
  | { kind: "error"; message: string; line: number; column: number };

/** A finished run: `alloc-sim run --json` and `alloc-sim ops --json`. */
export interface Report {
  strategy: string;
  heap: { size: number; base: number; target: string };
  allocator: "strategy" | "program";
  calls: Call[];
  metrics: Record<string, number>;
  map: { base: number; size: number; regions: Region[]; ascii: string[] };
  outcome: Outcome;
  output: string[];
  output_open: boolean;
  leaks: string[];
  statics: { name: string; addr: number; size: number }[];
  /** A trace replayed through a program's allocator: its cost in interpreter steps. */
  steps?: { total: number; per_call: number };
}

export interface SettingInfo {
  key: string;
  label: string;
  help: string;
  default: string;
  expected: string;
  kind: "bytes" | "count" | "flag" | "choice";
  min?: number;
  max?: number;
  offered?: number[];
  options?: string[];
}

export interface StrategyInfo { name: string; summary: string; roles: string[]; settings: SettingInfo[] }
"#;

/// An options object as JSON (`undefined` and `null` are no options).
fn read(options: &JsValue) -> Result<Value, JsError> {
    // A function or a symbol is `null` inside an object, but no options.
    let json = match options {
        o if o.is_function() || o.is_symbol() => None,
        o => to_json(o, 0),
    };
    json.ok_or_else(|| JsError::new("options: not a plain object"))
}

/// How deep an options object may nest: deeper is taken for a cycle, as
/// `JSON.stringify` refuses one.
const MAX_DEPTH: usize = 32;

/// A JavaScript value as `JSON.stringify` would write it and a parser read
/// it back, walked directly (a JSON parser is 9 KB of the wasm, for
/// options of a handful of keys): `undefined`, a function or a symbol is
/// left out of an object and `null` in an array; a number is an integer
/// where it is a whole number, else a float, and `null` if not finite.
/// `None` for what `JSON.stringify` throws on (a `BigInt`, a cycle).
fn to_json(v: &JsValue, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH || v.is_bigint() {
        return None;
    }
    if v.is_null() || v.is_undefined() || v.is_function() || v.is_symbol() {
        return Some(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Some(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Some(number(n));
    }
    if let Some(s) = v.as_string() {
        return Some(Value::String(s));
    }
    if js_sys::Array::is_array(v) {
        let items = js_sys::Array::from(v);
        return items.iter().map(|item| to_json(&item, depth + 1)).collect();
    }
    // Any object, not only an `instanceof Object` (one made by
    // `Object.create(null)` has no prototype).
    let object = v.is_object().then(|| v.unchecked_ref::<js_sys::Object>())?;
    let mut map = serde_json::Map::new();
    for key in js_sys::Object::keys(object).iter() {
        let value = js_sys::Reflect::get(object, &key).ok()?;
        if value.is_undefined() || value.is_function() || value.is_symbol() {
            continue;
        }
        map.insert(key.as_string()?, to_json(&value, depth + 1)?);
    }
    Some(Value::Object(map))
}

/// A JavaScript number as JSON reads it back: a whole number in `u64` or
/// `i64`'s range is an integer (so `heap: 65536` is a count of bytes),
/// anything else a float; `NaN` and the infinities are `null`.
fn number(n: f64) -> Value {
    let whole = n.fract() == 0.0;
    if whole && (0.0..18_446_744_073_709_551_616.0).contains(&n) {
        Value::from(n as u64)
    } else if whole && (-9_223_372_036_854_775_808.0..0.0).contains(&n) {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// A result as a plain object.
fn write(value: Result<Value, String>) -> Result<JsValue, JsError> {
    let value = value.map_err(|e| JsError::new(&e))?;
    let text = serde_json::to_string(&value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the report is not JSON"))
}

/// Runs a Rust program on a simulated strategy: every allocator call, the
/// metrics, the heap's map and how it ended.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn run(
    program: &str,
    #[wasm_bindgen(unchecked_param_type = "RunOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    write(crate::run(program, &read(&options)?))
}

/// Replays a trace in malloc lab's format on a strategy, or through a
/// program's own allocator.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn replay(
    trace: &str,
    #[wasm_bindgen(unchecked_param_type = "ReplayOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    write(crate::replay(trace, &read(&options)?))
}

/// Every strategy a learner can pick, with its settings.
#[wasm_bindgen(unchecked_return_type = "StrategyInfo[]")]
pub fn strategies() -> Result<JsValue, JsError> {
    write(Ok(crate::strategies()))
}

/// The usable size a strategy gives each request size from 1 to `max`.
#[wasm_bindgen(js_name = sizeClasses, unchecked_return_type = "{ request: number; usable: number }[]")]
pub fn size_classes(
    strategy: &str,
    #[wasm_bindgen(unchecked_param_type = "SizeClassOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    write(crate::size_classes(strategy, &read(&options)?))
}
