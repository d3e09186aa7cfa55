//! Records making N strings (a million unless told otherwise), sorting
//! them with the stable sort (which takes a buffer of its own), and
//! dropping them.
//!
//! `cargo run --release -p alloc-sim-record --example sort [N] [OUT.rep]`
//! (the shipped `sort.rep` is N = 50,000, to keep the file small).

use std::alloc::System;

use alloc_sim_record::Recorder;

#[global_allocator]
static A: Recorder<System> = Recorder::new(System);

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let out = args
        .next()
        .unwrap_or_else(|| "alloc-sim/traces/sort.rep".into());
    alloc_sim_record::reset();
    let mut strings: Vec<String> = Vec::new();
    // A seeded scramble, so the order to sort is the same every run.
    let mut x = 0x2545_f491_u64;
    for _ in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        strings.push(format!("{:x}", x % 1_000_000_007));
    }
    strings.sort();
    let first = strings.first().cloned().unwrap_or_default();
    drop(strings);
    drop(first);
    let trace = alloc_sim_record::take_trace();
    std::fs::write(&out, &trace).expect("the trace is writable");
    eprintln!(
        "sorted {n} strings; {} lines written to {out}",
        trace.lines().count()
    );
}
