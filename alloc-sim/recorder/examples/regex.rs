//! Records compiling a small regex and searching a generated text with it.
//!
//! `cargo run --release -p alloc-sim-record --example regex [OUT.rep]`

use std::alloc::System;

use alloc_sim_record::Recorder;

#[global_allocator]
static A: Recorder<System> = Recorder::new(System);

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "alloc-sim/traces/regex.rep".into());
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!(
            "line {i}: user{} logged in from 10.0.{}.{}\n",
            i % 97,
            i % 256,
            i % 7
        ));
    }
    alloc_sim_record::reset();
    let re =
        regex::Regex::new(r"user(\d+) logged in from (\d+\.\d+\.\d+\.\d+)").expect("a valid regex");
    let mut hits = Vec::new();
    for caps in re.captures_iter(&text) {
        if &caps[1] == "42" {
            hits.push(caps[2].to_string());
        }
    }
    let found = hits.len();
    drop(hits);
    drop(re);
    let trace = alloc_sim_record::take_trace();
    std::fs::write(&out, &trace).expect("the trace is writable");
    eprintln!(
        "{found} hits; {} lines written to {out}",
        trace.lines().count()
    );
}
