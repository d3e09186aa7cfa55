//! Inputs `cargo xtask fuzz` found (`fuzz/`), cut down by hand to the
//! lines that matter, each with the behaviour wanted. A finding not fixed
//! yet is `#[ignore = "fuzz finding: …"]`: `cargo test -- --ignored` runs
//! them.
#![cfg(not(target_arch = "wasm32"))]

use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

fn run_on(source: &str, kind: StrategyKind, heap: u64) -> (scenario::Run, Simulation) {
    let mut sim = Simulation::new(HeapConfig::new(heap), kind).unwrap();
    let run = scenario::run(source, &mut sim, Limits::default());
    (run, sim)
}

/// `collect` reserves a table for the iterator's size hint, as hashbrown
/// does: two billion entries cannot fit a 4 KiB heap, so the program ends
/// there, at the `collect`, its table's block refused. The simulation
/// once built the table's two billion buckets in the host's memory before
/// asking the heap (a 4 GiB host allocation in `RawTable::allocate`, which
/// aborted the process and would trap the page's wasm); it now asks for
/// the block first (`RawTable::grown_layout`).
#[test]
fn collecting_two_billion_entries_into_a_hash_map_ends_at_the_collect() {
    let source = "use std::collections::HashMap;\n\
                  fn main() {\n    \
                      let m: HashMap<u32, u32> = (1..=2147483647).map(|n| (n, n)).collect();\n    \
                      println!(\"{}\", m.len());\n\
                  }\n";
    let (run, sim) = run_on(source, StrategyKind::FirstFit, 4096);
    match run.outcome {
        Outcome::Abort { line, .. } => assert_eq!(line, 3),
        Outcome::Error(e) => assert_eq!(e.line, 3, "{e}"),
        other => panic!("{other:?}"),
    }
    sim.check().unwrap();
}

/// A heap may be any size from 256 B to 64 MiB (`HeapConfig::validate`,
/// and the command line's `--heap`). First fit leaves the bytes past its
/// last whole word untouched; its check once found them "outside every
/// hole" because an empty range of the role map gave back the run that
/// starts where it stands (`RoleMap::regions_in`).
#[test]
fn a_heap_of_any_allowed_size_passes_its_check() {
    for kind in StrategyKind::ALL {
        for heap in [1000, 4100, 590_084] {
            let mut sim = Simulation::new(HeapConfig::new(heap), kind).unwrap();
            let run = scenario::run(
                "fn main() { let b = Box::new(7u32); let v = vec![1u64; 9]; }",
                &mut sim,
                Limits::default(),
            );
            // A small heap may run out (size classes' pages, a buddy's
            // power of two): the run ends as Rust's would, the heap sound.
            assert!(
                matches!(run.outcome, Outcome::Ok | Outcome::Abort { .. }),
                "{} on {heap} B: {:?}",
                kind.name(),
                run.outcome
            );
            sim.check()
                .unwrap_or_else(|e| panic!("{} on {heap} B: {e}", kind.name()));
        }
    }
}

/// An unsuffixed literal past `i32::MAX` is an `i32` that overflows, and
/// rustc refuses the program (`literal out of range for i32`, a deny-by-
/// default lint). The interpreter once ran it, and `to_string` sized the
/// `String`'s block for an `i32`'s text and wrote a longer one past the
/// block, over the allocator's metadata (buddy's check saw its free list
/// link to `0x383038`, the bytes "808").
#[test]
fn an_unsuffixed_literal_past_i32_is_refused_as_rustc_refuses_it() {
    let source =
        "fn main() {\n    let a = 9223372036854775808.to_string();\n    println!(\"{}\", a);\n}\n";
    for kind in StrategyKind::ALL {
        let result = std::panic::catch_unwind(|| {
            let (run, sim) = run_on(source, kind, 65536);
            (run.outcome, sim.check())
        });
        let (outcome, check) = result.unwrap_or_else(|_| panic!("{} panicked", kind.name()));
        assert_eq!(check, Ok(()), "{}", kind.name());
        match outcome {
            Outcome::Error(e) => assert_eq!((e.line, e.column), (2, 13), "{e}"),
            other => panic!("{}: {other:?}", kind.name()),
        }
    }
}

/// A range whose end is past `u64::MAX` (a literal rustc refuses) has no
/// upper size hint: collecting it once added 1 to a lower hint of
/// `u64::MAX` and overflowed (`iter.rs`, a panic in debug builds). The run
/// ends in a result or an error with a place.
#[test]
fn a_size_hint_at_the_largest_value_does_not_overflow() {
    let source = "fn main() {\n    let squares = (1..=18446744073709551616).map(|x| x * x).collect::<Vec<u64>>();\n    println!(\"{:?}\", squares.len());\n}\n";
    let (run, sim) = run_on(source, StrategyKind::ImplicitList, 65536);
    if let Outcome::Error(e) = &run.outcome {
        assert!(e.line >= 1 && e.column >= 1, "{e}");
    }
    sim.check().unwrap();
}

/// An allocator with no heap array of its own (its array is under 256
/// bytes) that hands out addresses it made up: a block outside the heap
/// is refused at its `alloc`, where writing the box there once panicked
/// (`Heap::write` outside the heap).
#[test]
fn an_allocator_that_gives_out_memory_outside_the_heap_is_refused_at_its_alloc() {
    let source = "use std::alloc::{GlobalAlloc, Layout};\n\
                  struct Made;\n\
                  unsafe impl GlobalAlloc for Made {\n    \
                      unsafe fn alloc(&self, _l: Layout) -> *mut u8 {\n        \
                          0x7fff_0000 as *mut u8\n    \
                      }\n    \
                      unsafe fn dealloc(&self, _p: *mut u8, _l: Layout) {}\n\
                  }\n\
                  #[global_allocator]\n\
                  static A: Made = Made;\n\
                  fn main() {\n    \
                      let b = Box::new(7u32);\n\
                  }\n";
    let (run, sim) = run_on(source, StrategyKind::FirstFit, 4096);
    match &run.outcome {
        Outcome::Error(e) => {
            assert_eq!(e.line, 4, "{e}");
            assert!(e.message.contains("outside the heap"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    sim.check().unwrap();
}

/// A shift by an amount past `u64::MAX` (a literal rustc refuses) once
/// passed the check of the amount, which compared it cut to 64 bits (0),
/// and then shifted the host's `i128` by it: a panic in the interpreter.
/// The run ends in an error at the shift.
#[test]
fn a_shift_by_an_amount_past_u64_ends_in_an_error_at_the_shift() {
    let source =
        "fn main() {\n    let a = 1u64 << 18446744073709551616;\n    println!(\"{}\", a);\n}\n";
    let (run, sim) = run_on(source, StrategyKind::FirstFit, 4096);
    match &run.outcome {
        Outcome::Error(e) => {
            assert_eq!(e.line, 2, "{e}");
            assert!(e.message.contains("shift left with overflow"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    sim.check().unwrap();
}

/// An integer too big for the type a declaration gave it (a literal rustc
/// refuses: `Some(-9223372036854775808)` for an `Option<i32>`) was sized
/// for that type by `to_string`: 11 bytes allocated, 20 written, over the
/// next block's header. The `String` is sized for the value since; and
/// the literal is now refused before it is used, as rustc refuses it (at
/// the negation: the negated literal is what must fit), the heap whole.
#[test]
fn an_integer_literal_too_big_for_its_option_is_refused_and_the_heap_stays_whole() {
    let source = "fn main() {\n    let o: Option<i32> = Some(-9223372036854775808);\n    let n = o.map_or(String::from(\"none\"), |v| v.to_string());\n    println!(\"{}\", n);\n}\n";
    for kind in [StrategyKind::FirstFit, StrategyKind::SizeClass] {
        let (run, sim) = run_on(source, kind, 262_144);
        match &run.outcome {
            Outcome::Error(e) => {
                assert_eq!((e.line, e.column), (2, 31), "{e}");
                assert_eq!(e.message, "literal out of range for `i32`");
            }
            other => panic!("{other:?}"),
        }
        assert!(run.output.is_empty(), "{:?}", run.output);
        sim.check().unwrap();
    }
}
