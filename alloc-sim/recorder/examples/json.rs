//! Records parsing a JSON document of 2,000 records with serde_json into a
//! `serde_json::Value`, reading it, and dropping it.
//!
//! `cargo run --release -p alloc-sim-record --example json [OUT.rep]`

use std::alloc::System;

use alloc_sim_record::Recorder;

#[global_allocator]
static A: Recorder<System> = Recorder::new(System);

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "alloc-sim/traces/json.rep".into());
    let mut text = String::from("[");
    for i in 0..2000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"id":{i},"name":"user-{i}","tags":["a{}","b{}"],"score":{}.5,"active":{}}}"#,
            i % 7,
            i % 13,
            i * 3 % 101,
            i % 2 == 0
        ));
    }
    text.push(']');
    // Only the parse, the walk and the drop are recorded.
    alloc_sim_record::reset();
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let active = value
        .as_array()
        .map_or(0, |a| a.iter().filter(|r| r["active"] == true).count());
    drop(value);
    let trace = alloc_sim_record::take_trace();
    std::fs::write(&out, &trace).expect("the trace is writable");
    eprintln!(
        "{active} active records; {} lines written to {out}",
        trace.lines().count()
    );
}
