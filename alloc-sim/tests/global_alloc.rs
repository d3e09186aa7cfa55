//! The program's own `#[global_allocator]` over `System`: every call runs
//! its code (checked against real Rust in `conformance`: corpus program
//! 119, whose native run records what the allocator asks of `System`),
//! `GlobalAlloc`'s defaults, std's atomics, and the errors a learner gets.

use alloc_sim::scenario::Outcome;
use alloc_sim::CallOp;

mod support;
use support::{error_of, printed, run};

/// A wrapper that counts live bytes and forwards to `System`; `extra` is
/// more of its `impl` (a `realloc`), `body` its program's `main`.
fn meter(extra: &str, body: &str) -> String {
    format!(
        "use std::alloc::{{GlobalAlloc, Layout, System}};\n\
         use std::sync::atomic::{{AtomicUsize, Ordering::Relaxed}};\n\
         static LIVE: AtomicUsize = AtomicUsize::new(0);\n\
         struct Meter;\n\
         unsafe impl GlobalAlloc for Meter {{\n\
             unsafe fn alloc(&self, layout: Layout) -> *mut u8 {{\n\
                 LIVE.fetch_add(layout.size(), Relaxed);\n\
                 unsafe {{ System.alloc(layout) }}\n\
             }}\n\
             unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {{\n\
                 LIVE.fetch_sub(layout.size(), Relaxed);\n\
                 unsafe {{ System.dealloc(ptr, layout) }}\n\
             }}\n\
             {extra}\n\
         }}\n\
         #[global_allocator]\n\
         static A: Meter = Meter;\n\
         fn main() {{\n{body}\n}}\n"
    )
}

#[test]
fn the_wrapper_counts_every_call_the_strategy_serves() {
    let source = meter(
        "",
        "let b = Box::new(7u64);\nlet s = String::from(\"hello\");\nlet n = LIVE.load(Relaxed);\nprintln!(\"{n} {} {s}\", *b);",
    );
    let run = run(&source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    // What the strategy holds when `n` is read: every call before the
    // print (the runtime's included), as the recorded calls add up.
    let print = run
        .calls
        .iter()
        .position(|c| c.reason.contains("stdout"))
        .unwrap();
    let live: i64 = run.calls[..print]
        .iter()
        .map(|c| match c.op {
            CallOp::Alloc => c.layout.size as i64,
            CallOp::Dealloc => -(c.layout.size as i64),
            _ => 0,
        })
        .sum();
    assert_eq!(run.output, vec![format!("{live} 7 hello")]);
    // The runtime's calls ran the wrapper too.
    assert!(run.calls[0].implicit && run.calls[0].reason.contains("Meter::alloc"));
}

#[test]
fn without_its_own_realloc_a_growing_vec_is_an_alloc_and_a_dealloc() {
    let grow = "let mut v: Vec<u8> = Vec::with_capacity(1);\nv.push(1);\nv.push(2);";
    let ops = |source: &str| -> Vec<CallOp> {
        let run = run(source);
        assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
        run.calls
            .iter()
            .filter(|c| !c.implicit)
            .map(|c| c.op)
            .collect()
    };
    // GlobalAlloc's default `realloc`: the new block, then the old freed.
    assert_eq!(
        ops(&meter("", grow)),
        vec![
            CallOp::Alloc,
            CallOp::Alloc,
            CallOp::Dealloc,
            CallOp::Dealloc
        ]
    );
    let own =
        "unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {\n\
        unsafe { System.realloc(ptr, layout, new_size) }\n}";
    assert_eq!(
        ops(&meter(own, grow)),
        vec![CallOp::Alloc, CallOp::Realloc, CallOp::Dealloc]
    );
}

#[test]
fn the_allocator_calling_the_allocator_stops_at_that_line() {
    let source = "use std::alloc::{GlobalAlloc, Layout, System};\nstruct Loud;\n\
        unsafe impl GlobalAlloc for Loud {\n    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {\n        let note = Box::new(layout.size());\n        unsafe { System.alloc(layout) }\n    }\n\
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {\n        unsafe { System.dealloc(ptr, layout) }\n    }\n}\n\
        #[global_allocator]\nstatic A: Loud = Loud;\nfn main() {}\n";
    let e = error_of(source);
    assert_eq!(e.line, 5);
    assert!(
        e.message.starts_with("the allocator called the allocator"),
        "{}",
        e.message
    );
    assert!(e.message.contains("Loud::alloc"), "{}", e.message);
}

#[test]
fn a_global_allocator_needs_the_trait() {
    let e =
        error_of("struct Plain;\n#[global_allocator]\nstatic A: Plain = Plain;\nfn main() {}\n");
    assert_eq!((e.line, e.column), (3, 8));
    assert!(e.message.contains("GlobalAlloc"), "{}", e.message);
}

#[test]
fn atomics_wrap_and_compare_exchange_as_std_s_do() {
    let out = printed(
        "use std::sync::atomic::{AtomicU8, AtomicBool, Ordering};\n\
         static FLAG: AtomicBool = AtomicBool::new(false);\n\
         fn main() {\n\
             let n = AtomicU8::new(250);\n\
             let old = n.fetch_add(10, Ordering::Relaxed);\n\
             println!(\"{old} {}\", n.load(Ordering::SeqCst));\n\
             println!(\"{:?} {:?}\", n.compare_exchange(4, 9, Ordering::AcqRel, Ordering::Acquire), n.compare_exchange(4, 1, Ordering::AcqRel, Ordering::Acquire));\n\
             FLAG.store(true, Ordering::Release);\n\
             println!(\"{} {}\", FLAG.swap(false, Ordering::SeqCst), FLAG.load(Ordering::Relaxed));\n\
         }\n",
    );
    assert_eq!(out, vec!["250 4", "Ok(4) Err(9)", "true false"]);
}

#[test]
fn an_ordering_must_be_one_std_has() {
    let e = error_of(
        "use std::sync::atomic::AtomicUsize;\nfn main() {\n    let n = AtomicUsize::new(0);\n    n.fetch_add(1, 5);\n}\n",
    );
    assert_eq!((e.line, e.column), (4, 20));
    assert!(e.message.contains("Ordering"), "{}", e.message);
}
