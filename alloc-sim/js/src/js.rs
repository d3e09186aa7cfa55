//! The functions as JavaScript sees them, with their TypeScript types.
//!
//! Options come in as plain objects and results go out as plain objects
//! (through JSON text: the report is JSON already, and this keeps the
//! package free of a serialiser of its own). A refused option or trace
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
    if options.is_undefined() || options.is_null() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(options)
        .map_err(|_| JsError::new("options: not a plain object"))?;
    let text = text.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("options: {e}")))
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
