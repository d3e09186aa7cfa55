//! Records building a `HashMap<String, u64>` of 10,000 entries (it grows
//! by rehashing into bigger tables) and draining it.
//!
//! `cargo run --release -p alloc-sim-record --example hashmap [OUT.rep]`

use std::alloc::System;
use std::collections::HashMap;

use alloc_sim_record::Recorder;

#[global_allocator]
static A: Recorder<System> = Recorder::new(System);

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "alloc-sim/traces/hashmap.rep".into());
    alloc_sim_record::reset();
    let mut map: HashMap<String, u64> = HashMap::new();
    for i in 0..10_000u64 {
        map.insert(format!("key-{i}"), i * i);
    }
    let mut total = 0u64;
    for (key, value) in map.drain() {
        total = total.wrapping_add(value + key.len() as u64);
    }
    drop(map);
    let trace = alloc_sim_record::take_trace();
    std::fs::write(&out, &trace).expect("the trace is writable");
    eprintln!(
        "total {total}; {} lines written to {out}",
        trace.lines().count()
    );
}
