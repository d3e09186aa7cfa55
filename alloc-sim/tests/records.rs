//! The one record of a run: whoever made a call (a scenario statement, a
//! bump arena's chunk, a line of an op list), it is recorded once, by the
//! same door, and says the same thing in each of its parts.
#![cfg(not(target_arch = "wasm32"))]

use alloc_sim::scenario::{self, Limits};
use alloc_sim::{ops, CallOp, CallRecord, HeapConfig, Outcome, Run, Simulation, StrategyKind};

fn example(name: &str) -> String {
    let path = format!("{}/examples/scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn run(source: &str, kind: StrategyKind, heap: u64) -> Run {
    let mut sim = Simulation::new(HeapConfig::new(heap), kind).unwrap();
    scenario::run(source, &mut sim, Limits::default())
}

/// The parts of a record that must agree, for any call.
fn assert_consistent(call: &CallRecord) {
    assert_eq!(call.succeeded(), call.error.is_none());
    assert_eq!(
        call.old_addr.is_some(),
        call.op == CallOp::Realloc,
        "{call:?}"
    );
    if call.op == CallOp::Dealloc {
        // A dealloc names the pointer passed, whether or not it was taken.
        let addr = call.addr.expect("a dealloc names its pointer");
        assert!(call.signature().starts_with(&format!("dealloc({addr}, ")));
    }
    if let Some(error) = &call.error {
        assert!(call.result().contains(&error.to_string()));
    }
}

#[test]
fn a_refused_dealloc_names_the_pointer_its_explanation_names() {
    // `misuse_wrong_layout.rs` frees a block with the wrong Layout: the
    // record's pointer must be the one the explanation talks about.
    for kind in StrategyKind::ALL {
        let run = run(&example("misuse_wrong_layout.rs"), kind, 65536);
        let refused: Vec<_> = run.calls.iter().filter(|c| !c.succeeded()).collect();
        assert!(!refused.is_empty(), "{kind}");
        for call in refused {
            assert_consistent(call);
            let addr = call.addr.unwrap();
            assert_ne!(addr.0, 0, "{kind}: {}", call.signature());
            let text = call.error.as_ref().unwrap().to_string();
            assert!(text.contains(&addr.to_string()), "{kind}: {text}");
        }
    }
    // The same through an op list: a double free.
    let list = ops::parse("a 1 16\nf 1\nf 1\n").unwrap();
    let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
    let replayed = ops::replay(&list, &mut sim).unwrap();
    let double = &replayed.calls[2];
    assert_consistent(double);
    assert_eq!(double.addr, replayed.calls[0].addr);
    assert_eq!(double.block, Some(1));
    assert_eq!(double.line(), Some(3));
}

#[test]
fn an_arena_call_narrates_only_what_the_arena_did() {
    // bump_new_in.rs: the Bump's first call takes a chunk from the global
    // allocator, then bumps inside it. The chunk's narration (the hole it
    // came from) belongs to the chunk's call, not to the bump.
    for kind in StrategyKind::ALL {
        let run = run(&example("bump_new_in.rs"), kind, 256 << 10);
        for call in &run.calls {
            assert_consistent(call);
        }
        // The program's first call, after the runtime's.
        let first = run.calls.iter().position(|c| !c.implicit).unwrap();
        if run.outcome != Outcome::Ok {
            // implicit-list aligns to 8 only: bumpalo's 16-aligned chunk is
            // refused, and that refusal is a call of its own.
            assert!(!run.calls[first].succeeded(), "{kind}");
            assert!(
                !run.calls[first].arena && run.calls[first + 1].arena,
                "{kind}"
            );
            continue;
        }
        let chunk = run
            .calls
            .iter()
            .position(|c| !c.arena && !c.implicit)
            .unwrap();
        let bump = &run.calls[chunk + 1];
        assert!(bump.arena, "{kind}: the chunk is followed by the bump");
        for event in &bump.events {
            assert!(
                !run.calls[chunk].events.contains(event),
                "{kind}: the bump repeats the chunk's `{event}`"
            );
        }
        assert!(!bump.events.is_empty(), "{kind}: the bump narrates itself");
        // Each chunk call carries the metrics right after it: the chunk is
        // live before the bump inside it.
        assert_eq!(
            run.calls[chunk].metrics.live_allocations,
            run.metrics_at(chunk).live_allocations + 1
        );
    }
}

#[test]
fn a_moved_realloc_records_where_the_block_was() {
    let source = "fn main() { let mut v: Vec<u64> = Vec::with_capacity(1); let b = Box::new(1u8); for i in 0..8u64 { v.push(i); } }";
    for kind in StrategyKind::ALL {
        let run = run(source, kind, 65536);
        let mut previous = None;
        for call in &run.calls {
            assert_consistent(call);
            if call.op == CallOp::Realloc {
                // The pointer passed is the Vec's buffer as the last call left it.
                assert_eq!(call.old_addr, previous, "{kind}: {}", call.signature());
                previous = call.addr;
            } else if call.op == CallOp::Alloc && call.layout.size == 8 && previous.is_none() {
                previous = call.addr;
            }
        }
        assert!(run.calls.iter().any(|c| c.op == CallOp::Realloc), "{kind}");
    }
}

#[test]
fn a_stopped_run_ends_right_after_its_last_call() {
    // Stopping after k calls leaves the heap as the k-th call left it (the
    // timeline's heap), for a run whose arena takes chunks mid-statement.
    let source = example("bump_new_in.rs");
    let mut whole = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
    let full = scenario::run_recorded(&source, &mut whole, Limits::default());
    let timeline = full.timeline.as_ref().unwrap();
    for k in 0..full.calls.len() {
        let mut sim = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
        let limits = Limits {
            stop_after_calls: Some(k),
            ..Limits::default()
        };
        let stopped = scenario::run(&source, &mut sim, limits);
        assert_eq!(stopped.outcome, Outcome::Stopped, "after {k}");
        assert_eq!(stopped.calls.len(), k);
        assert_eq!(stopped.calls[..], full.calls[..k]);
        assert!(timeline.heap_at(k) == *sim.heap(), "after {k}");
    }
}

#[test]
fn a_replayed_trace_is_the_same_record_as_a_scenario_would_make() {
    // Every call of a replay names its op-list line and block; narration is
    // kept, and the metrics after the last call are the heap's.
    let list = ops::random_program(7, 500, 40);
    for kind in StrategyKind::ALL {
        let mut sim = Simulation::new(HeapConfig::new(1 << 16), kind).unwrap();
        let run = ops::replay(&list, &mut sim).unwrap();
        assert_eq!(run.calls.len(), list.ops.len());
        for (call, op) in run.calls.iter().zip(&list.ops) {
            assert_consistent(call);
            assert_eq!(call.line(), Some(op.line));
            assert_eq!(call.block, Some(op.id));
            assert_eq!(call.thread, op.thread);
        }
        assert_eq!(run.calls.last().unwrap().metrics, sim.metrics());
        assert_eq!(run.metrics_at(0), run.start);
    }
}

#[test]
fn a_replay_without_records_leaves_the_same_heap() {
    // The CLI's `--summary` replays without records: the heap, metrics and
    // counters it leaves are those of the recorded replay.
    let list = ops::random_program(11, 2000, 80);
    for kind in StrategyKind::ALL {
        let mut recorded = Simulation::new(HeapConfig::new(1 << 16), kind).unwrap();
        let mut bare = Simulation::new(HeapConfig::new(1 << 16), kind).unwrap();
        let full = ops::replay(&list, &mut recorded).unwrap();
        let summary = ops::replay_unrecorded(&list, &mut bare).unwrap();
        assert!(summary.calls.is_empty());
        assert_eq!(bare.heap(), recorded.heap(), "{kind}");
        assert_eq!(bare.metrics(), recorded.metrics(), "{kind}");
        assert_eq!(full.calls.last().unwrap().metrics, bare.metrics(), "{kind}");
    }
}

/// Narration is told only for the calls whose records keep it: past
/// `narrate_first`, the strategy is not asked to tell, and every other
/// part of each record (the address, the error and why, the metrics with
/// their count of holes examined) is what a fully narrated run records.
#[test]
fn calls_past_the_narrated_ones_are_not_told_and_record_the_same() {
    const TOLD: usize = 25;
    let list = ops::random_program(11, 400, 60);
    for kind in StrategyKind::ALL {
        let replay = |narrate_first: Option<usize>| {
            let mut sim = Simulation::new(HeapConfig::new(1 << 20), kind).unwrap();
            let mut replayer = ops::Replayer::default();
            let mut recording = alloc_sim::Recording::start(&mut sim, false);
            if let Some(n) = narrate_first {
                recording = recording.narrate_first(n);
            }
            for op in &list.ops {
                replayer.step(&mut sim, &mut recording, op).unwrap();
            }
            // Asked directly afterwards, the simulation tells again.
            let told = sim
                .alloc(core::alloc::Layout::new::<u64>())
                .map(|_| sim.events().len());
            let run = recording.finish(&mut sim, Outcome::Ok, Vec::new(), Vec::new());
            (run, told)
        };
        let ((full, told_full), (quiet, told_quiet)) = (replay(None), replay(Some(TOLD)));
        assert_eq!(full.calls.len(), quiet.calls.len(), "{kind}");
        assert!(
            full.calls.iter().skip(TOLD).any(|c| !c.events.is_empty()),
            "{kind}"
        );
        for (i, (f, q)) in full.calls.iter().zip(&quiet.calls).enumerate() {
            if i < TOLD {
                assert_eq!(f, q, "{kind}, call {i}");
            } else {
                assert!(q.events.is_empty(), "{kind}, call {i}");
                let mut f = f.clone();
                f.events.clear();
                assert_eq!(&f, q, "{kind}, call {i}");
            }
        }
        assert_eq!(told_full, told_quiet, "{kind}");
        assert!(
            told_quiet.as_ref().is_ok_and(|&n| n > 0),
            "{kind}: {told_quiet:?}"
        );
    }
}

/// A call not told still says why it found no room: CS:APP's implicit
/// list refuses an alignment above its double word whether or not the
/// call is narrated.
#[test]
fn a_call_not_told_still_says_why_it_failed() {
    let over_aligned = alloc_sim::Call::Alloc {
        layout: alloc_sim::LayoutSpec { size: 8, align: 64 },
        zeroed: false,
    };
    let error = |narrated: bool| {
        let mut sim =
            Simulation::new(HeapConfig::new(1 << 16), StrategyKind::ImplicitList).unwrap();
        let mut recording = alloc_sim::Recording::start(&mut sim, false);
        if !narrated {
            recording = recording.narrate_first(0);
        }
        let _ = recording.call(&mut sim, over_aligned, alloc_sim::Origin::default());
        let run = recording.finish(&mut sim, Outcome::Ok, Vec::new(), Vec::new());
        run.calls[0]
            .error
            .clone()
            .expect("an alignment above 8 fails")
    };
    let (told, untold) = (error(true), error(false));
    assert_eq!(told, untold);
    assert!(untold.to_string().contains("align"), "{untold}");
}
