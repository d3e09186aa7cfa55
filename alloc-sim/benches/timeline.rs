//! Seeking in a long run: a scenario of 100,000 allocator calls on a 1 MiB
//! heap, recorded once, then rebuilt at steps spread over the whole run,
//! backwards as well as forwards. The visualiser's budget for a seek is
//! one frame (16 ms) in the browser; this measures the native cost.

use std::hint::black_box;

use alloc_sim::scenario::{self, Limits};
use alloc_sim::{HeapConfig, Simulation, StrategyKind, Timeline};
use criterion::{criterion_group, Criterion};

/// 50,000 turns of the loop, each allocating and freeing a box, and every
/// sixteenth pushing onto a vector that grows: 100,000 calls and more.
const LONG_RUN: &str = "
fn main() {
    let mut v: Vec<u64> = Vec::new();
    for i in 0..50000u64 {
        let b = Box::new(i);
        if i % 16 == 0 {
            v.push(i);
        }
    }
}
";

fn record(kind: StrategyKind) -> Timeline {
    let start = std::time::Instant::now();
    let mut sim = Simulation::new(HeapConfig::new(1 << 20), kind).expect("valid heap");
    let run = scenario::run_recorded(LONG_RUN, &mut sim, Limits::default());
    assert!(run.calls.len() >= 100_000, "{} calls", run.calls.len());
    println!(
        "{kind}: ran and recorded {} calls in {:?}",
        run.calls.len(),
        start.elapsed()
    );
    run.timeline.expect("a recorded run keeps its timeline")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("seek in 100k calls, 1 MiB heap");
    group.sample_size(20);
    for kind in [StrategyKind::FirstFit, StrategyKind::Jemalloc] {
        let timeline = record(kind);
        let len = timeline.len();
        println!(
            "{kind}: {len} steps, a snapshot every {} steps",
            timeline.spacing()
        );
        let mut k = 0usize;
        group.bench_function(kind.name(), |b| {
            b.iter(|| {
                // A spread of steps, each the worst case: just before a snapshot.
                k = (k + 7919 * timeline.spacing() - 1) % len;
                black_box(timeline.heap_at(k))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
