//! Records known workloads under the recorder and checks the trace against
//! what the workload must do: a `Vec` growing by pushes makes exactly the
//! calls std's growth rule gives (computed by alloc-sim's model of it), a
//! box is an `a` and an `f` of its layout, and the trace reads back and
//! replays. Runs without the test harness, whose own threads allocate.

use std::alloc::System;

use alloc_sim::ops::{self, OpKind};
use alloc_sim_record::Recorder;

#[global_allocator]
static A: Recorder<System> = Recorder::new(System);

fn our_ops(trace: &str) -> Vec<ops::Op> {
    let me = alloc_sim_record::current_thread();
    let list = ops::parse(trace).unwrap_or_else(|e| panic!("{e}\n{trace}"));
    list.ops.into_iter().filter(|o| o.thread.0 == me).collect()
}

fn vec_growth_matches_std() {
    alloc_sim_record::reset();
    let mut v: Vec<u32> = Vec::new();
    for i in 0..100 {
        v.push(i);
    }
    drop(v);
    let trace = alloc_sim_record::take_trace();
    let ops = our_ops(&trace);
    // What std's growth rule gives, as alloc-sim models it: the first push
    // allocates, each push that finds the vector full reallocates.
    let mut expected = Vec::new();
    let (mut cap, mut len) = (0u64, 0u64);
    for _ in 0..100 {
        if len == cap {
            let target = alloc_sim::Target::Bits64;
            cap =
                alloc_sim::scenario::std_rules::amortized_capacity(cap, len, 1, 4, target).unwrap();
            expected.push(if expected.is_empty() {
                OpKind::Alloc {
                    size: cap * 4,
                    align: Some(4),
                }
            } else {
                OpKind::Realloc { new_size: cap * 4 }
            });
        }
        len += 1;
    }
    expected.push(OpKind::Free);
    let got: Vec<OpKind> = ops.iter().map(|o| o.kind).collect();
    assert_eq!(got, expected, "{trace}");
    assert!(ops.iter().all(|o| o.id == ops[0].id));
}

fn boxes_and_threads() {
    alloc_sim_record::reset();
    let b = Box::new([7u64; 3]);
    let t = std::thread::spawn(|| {
        let s = String::from("recorded on another thread");
        s.len()
    });
    let n = t.join().unwrap();
    drop(b);
    let trace = alloc_sim_record::take_trace();
    let ops = our_ops(&trace);
    assert_eq!(
        ops.first().map(|o| o.kind),
        Some(OpKind::Alloc {
            size: 24,
            align: Some(8)
        }),
        "{trace}"
    );
    assert!(ops
        .iter()
        .any(|o| o.kind == OpKind::Free && o.id == ops[0].id));
    // The other thread's String is recorded under its own thread number.
    let me = alloc_sim_record::current_thread();
    let list = ops::parse(&trace).unwrap();
    assert!(list.ops.iter().any(|o| o.thread.0 != me
        && o.kind
            == OpKind::Alloc {
                size: n as u64,
                align: Some(1)
            }));
    // And the whole trace replays on the simulation.
    let mut sim = alloc_sim::Simulation::new(
        alloc_sim::HeapConfig::new(16 << 20),
        alloc_sim::StrategyKind::Jemalloc,
    )
    .unwrap();
    ops::replay(&list, &mut sim).unwrap();
}

fn main() {
    vec_growth_matches_std();
    boxes_and_threads();
    println!("record: 2 passed");
}
