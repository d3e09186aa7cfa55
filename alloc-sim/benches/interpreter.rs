//! The interpreter's speed on loop-heavy code: a program of about a
//! million steps (the default step limit) — nested loops, a function call
//! per turn, integer work and a few pushes — run natively. The product's
//! budget is 2 s for a million steps; the run's time is printed, and the
//! bench fails if it is over.

use std::hint::black_box;
use std::time::{Duration, Instant};

use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};
use criterion::{criterion_group, Criterion};

/// 246,000 turns of an inner loop of a few statements each (989,000 steps
/// of the 1,000,000 the step limit allows), with a call
/// and bit operations, and a Vec that grows now and then.
const LOOPS: &str = "
fn mix(x: u64) -> u64 {
    (x ^ (x >> 3)).wrapping_mul(31) & 0xffff
}

fn main() {
    let mut v: Vec<u64> = Vec::new();
    let mut acc = 0u64;
    for i in 0..1000u64 {
        let mut j = 0u64;
        while j < 246 {
            acc = acc + mix(i * j);
            j += 1;
        }
        if i % 8 == 0 {
            v.push(acc);
        }
    }
    println!(\"{} {}\", acc, v.len());
}
";

/// Budget for a million steps, natively.
const BUDGET: Duration = Duration::from_secs(2);

fn run_once() -> (Duration, u64) {
    let mut sim =
        Simulation::new(HeapConfig::new(1 << 20), StrategyKind::FirstFit).expect("valid heap");
    let start = Instant::now();
    let run = scenario::run(LOOPS, &mut sim, Limits::default());
    let took = start.elapsed();
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    (took, run.calls.len() as u64)
}

fn bench(c: &mut Criterion) {
    let (took, calls) = run_once();
    println!("a million-step loop: {took:.2?} ({calls} allocator calls; budget {BUDGET:?})");
    assert!(took <= BUDGET, "over the budget: {took:?}");
    let mut group = c.benchmark_group("interpreter");
    group.sample_size(10);
    group.bench_function("a million-step loop", |b| b.iter(|| black_box(run_once())));
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
