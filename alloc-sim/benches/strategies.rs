//! Calls per second of each strategy on a seeded synthetic trace of 100,000
//! calls, and of the machine's real allocator on the same calls.
//!
//! `cargo bench -p alloc-sim` (or `cargo xtask bench`). After criterion's
//! report, one line per strategy gives how many times slower the simulation
//! is than the real allocator: the price of keeping every byte's role, the
//! narration and the contract checks.

use std::hint::black_box;
use std::time::{Duration, Instant};

use alloc_sim::ops::{self, OpKind, OpList};
use alloc_sim::{HeapConfig, Simulation, StrategyKind, MAX_HEAP_SIZE};
use criterion::{criterion_group, Criterion, Throughput};

const CALLS: usize = 100_000;

fn trace() -> OpList {
    ops::random_program(0x5eed, CALLS, 2_000)
}

fn simulate(kind: StrategyKind, list: &OpList) -> usize {
    let mut sim = Simulation::new(HeapConfig::new(MAX_HEAP_SIZE), kind).expect("valid heap");
    // The calls alone, as `ops --summary` makes them: what a record of
    // each call costs on top is the viewer's price, not the allocator's.
    ops::replay_unrecorded(list, &mut sim).expect("a well-formed trace");
    black_box(sim.metrics().allocs as usize)
}

/// The same calls through the global allocator. Safe Rust asks for memory
/// with a `Vec<u128>`: the sizes round up to 16 bytes, the alignment is 16.
fn system(list: &OpList) -> usize {
    let mut blocks: std::collections::HashMap<u64, Vec<u128>> = std::collections::HashMap::new();
    for op in &list.ops {
        match op.kind {
            OpKind::Alloc { size, .. } => {
                blocks.insert(op.id, Vec::with_capacity(size.div_ceil(16) as usize));
            }
            OpKind::Free => {
                blocks.remove(&op.id);
            }
            OpKind::Realloc { new_size } => {
                let v = blocks.get_mut(&op.id).expect("live id");
                let cap = new_size.div_ceil(16) as usize;
                if cap > v.capacity() {
                    v.reserve_exact(cap);
                } else {
                    v.shrink_to(cap);
                }
            }
        }
    }
    black_box(blocks.len())
}

fn bench(c: &mut Criterion) {
    let list = trace();
    let mut group = c.benchmark_group("100k calls");
    group.throughput(Throughput::Elements(CALLS as u64));
    group.sample_size(10);
    for kind in StrategyKind::ALL {
        group.bench_function(kind.name(), |b| b.iter(|| simulate(kind, black_box(&list))));
    }
    group.bench_function("system allocator", |b| b.iter(|| system(black_box(&list))));
    group.finish();
}

fn time(f: impl Fn() -> usize) -> Duration {
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    start.elapsed() / runs
}

fn ratios() {
    let list = trace();
    let real = time(|| system(&list));
    println!("\nsimulation vs the system allocator on {CALLS} calls ({real:?} natively):");
    for kind in StrategyKind::ALL {
        let sim = time(|| simulate(kind, &list));
        let per_sec = CALLS as f64 / sim.as_secs_f64();
        println!(
            "  {:<18} {:>12.0} calls/s  {:>8.1}x slower than the system allocator",
            kind.name(),
            per_sec,
            sim.as_secs_f64() / real.as_secs_f64()
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    ratios();
}
