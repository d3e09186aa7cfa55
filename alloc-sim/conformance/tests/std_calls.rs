//! The scenario interpreter against the real standard library: each case
//! is run twice, as real Rust under a recording `#[global_allocator]` and
//! as a scenario, and the two must make exactly the same allocator calls
//! (`alloc`, `alloc_zeroed`, `realloc`, `dealloc`) with the same layouts and
//! sizes. The recorder must not allocate: a fixed array of atomics.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use alloc_sim::scenario::{self, CallOp, Limits, Outcome};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

const SLOTS: usize = 1024;
static OPS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static SIZES: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static ALIGNS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static NEW_SIZES: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static COUNT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static RECORDING: Cell<bool> = const { Cell::new(false) };
}

fn note(op: usize, layout: Layout, new_size: usize) {
    if RECORDING.with(Cell::get) {
        let i = COUNT.fetch_add(1, Ordering::SeqCst);
        if i < SLOTS {
            OPS[i].store(op, Ordering::SeqCst);
            SIZES[i].store(layout.size(), Ordering::SeqCst);
            ALIGNS[i].store(layout.align(), Ordering::SeqCst);
            NEW_SIZES[i].store(new_size, Ordering::SeqCst);
        }
    }
}

struct Recorder;

// SAFETY: every call is forwarded to `System` unchanged; recording only
// stores numbers into atomics.
unsafe impl GlobalAlloc for Recorder {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(0, layout, 0);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(1, layout, 0);
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(2, layout, new_size);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(3, layout, 0);
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Recorder = Recorder;

/// (op, size, align, new_size)
type Calls = Vec<(&'static str, u64, u64, u64)>;

const NAMES: [&str; 4] = ["alloc", "alloc_zeroed", "realloc", "dealloc"];

fn record(f: impl FnOnce()) -> Calls {
    COUNT.store(0, Ordering::SeqCst);
    RECORDING.with(|r| r.set(true));
    f();
    RECORDING.with(|r| r.set(false));
    let n = COUNT.load(Ordering::SeqCst);
    assert!(n <= SLOTS, "too many calls to record");
    (0..n)
        .map(|i| {
            (
                NAMES[OPS[i].load(Ordering::SeqCst)],
                SIZES[i].load(Ordering::SeqCst) as u64,
                ALIGNS[i].load(Ordering::SeqCst) as u64,
                NEW_SIZES[i].load(Ordering::SeqCst) as u64,
            )
        })
        .collect()
}

fn simulate(source: &str) -> Calls {
    let mut sim = Simulation::new(HeapConfig::new(1 << 20), StrategyKind::FirstFit).unwrap();
    let run = scenario::run(source, &mut sim, Limits::default());
    assert_eq!(run.outcome, Outcome::Ok, "scenario failed:\n{source}");
    // The closure below runs inside this test, long after the runtime's
    // start-up: compare the program's own calls.
    run.own_calls()
        .map(|c| {
            let name = match c.op {
                CallOp::Alloc => "alloc",
                CallOp::AllocZeroed => "alloc_zeroed",
                CallOp::Realloc => "realloc",
                CallOp::Dealloc => "dealloc",
            };
            (name, c.layout.size, c.layout.align, c.new_size.unwrap_or(0))
        })
        .collect()
}

#[repr(align(64))]
#[derive(Clone, Copy)]
struct A64 {
    // Never read: only its size and alignment matter here.
    #[allow(dead_code)]
    b: [u8; 64],
}

#[repr(C)]
struct Header {
    tag: u8,
    len: u32,
    flag: u8,
}

/// What a case covers, the scenario, and the same thing in Rust.
type Case = (&'static str, String, Box<dyn Fn()>);

#[allow(clippy::vec_init_then_push)]
fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    macro_rules! growth {
        ($name:literal, $ty:ty, $ty_src:literal, $value:expr, $value_src:literal, $n:literal) => {
            cases.push((
                $name,
                format!(
                    "#[repr(align(64))] struct A64 {{ b: [u8; 64] }}\nfn main() {{ let mut v: Vec<{}> = Vec::new(); for i in 0..{} {{ v.push({}); }} }}",
                    $ty_src, $n, $value_src
                ),
                Box::new(|| {
                    let mut v: Vec<$ty> = Vec::new();
                    for _ in 0..$n {
                        v.push($value);
                    }
                    black_box(&v);
                }),
            ));
        };
    }
    growth!("Vec growth, 1-byte elements", u8, "u8", 1u8, "1u8", 40);
    growth!("Vec growth, 2-byte elements", u16, "u16", 1u16, "1u16", 40);
    growth!("Vec growth, 4-byte elements", u32, "u32", 1u32, "1u32", 40);
    growth!("Vec growth, 8-byte elements", u64, "u64", 1u64, "1u64", 40);
    growth!(
        "Vec growth, 24-byte elements",
        [u8; 24],
        "[u8; 24]",
        [0u8; 24],
        "[0u8; 24]",
        20
    );
    growth!(
        "Vec growth, 64-byte elements at align 64",
        A64,
        "A64",
        A64 { b: [0; 64] },
        "A64 { b: [0; 64] }",
        20
    );
    growth!(
        "Vec growth, 1024-byte elements",
        [u8; 1024],
        "[u8; 1024]",
        [0u8; 1024],
        "[0u8; 1024]",
        9
    );
    growth!(
        "Vec growth, 1025-byte elements",
        [u8; 1025],
        "[u8; 1025]",
        [0u8; 1025],
        "[0u8; 1025]",
        9
    );
    growth!(
        "Vec growth, 4096-byte elements",
        [u8; 4096],
        "[u8; 4096]",
        [0u8; 4096],
        "[0u8; 4096]",
        6
    );
    growth!("Vec of a zero-sized type", (), "()", (), "()", 10);

    let mut add = |name: &'static str, src: &str, f: Box<dyn Fn()>| {
        cases.push((name, format!("use std::alloc::{{alloc, dealloc, realloc, Layout}};\n#[repr(C)] struct Header {{ tag: u8, len: u32, flag: u8 }}\nfn main() {{\n{src}\n}}"), f));
    };
    add(
        "with_capacity, then past it",
        "let mut v: Vec<u32> = Vec::with_capacity(10); for i in 0..11 { v.push(i); }",
        Box::new(|| {
            let mut v: Vec<u32> = Vec::with_capacity(10);
            for i in 0..11 {
                v.push(i);
            }
            black_box(&v);
        }),
    );
    add(
        "reserve and reserve_exact",
        "let mut v: Vec<u64> = Vec::new(); v.push(1); v.push(2); v.reserve(5); v.reserve(3); v.reserve_exact(20); v.reserve_exact(1);",
        Box::new(|| {
            let mut v: Vec<u64> = Vec::new();
            v.push(1);
            v.push(2);
            v.reserve(5);
            v.reserve(3);
            v.reserve_exact(20);
            v.reserve_exact(1);
            black_box(&v);
        }),
    );
    add(
        "try_reserve, and one that overflows without asking",
        "let mut v: Vec<u16> = Vec::new(); let a = v.try_reserve(100); let b = v.try_reserve(usize::MAX); let c = v.try_reserve_exact(300); println!(\"{:?} {:?} {:?}\", a.is_ok(), b.is_ok(), c.is_ok());",
        Box::new(|| {
            let mut v: Vec<u16> = Vec::new();
            let a = v.try_reserve(100);
            let b = v.try_reserve(usize::MAX);
            let c = v.try_reserve_exact(300);
            black_box((a.is_ok(), b.is_ok(), c.is_ok(), &v));
        }),
    );
    add(
        "shrink_to_fit, shrink_to, and shrinking an empty Vec",
        "let mut v: Vec<u32> = Vec::with_capacity(32); for i in 0..10 { v.push(i); } v.shrink_to(16); v.shrink_to_fit(); v.shrink_to_fit(); v.clear(); v.shrink_to_fit();",
        Box::new(|| {
            let mut v: Vec<u32> = Vec::with_capacity(32);
            for i in 0..10 {
                v.push(i);
            }
            v.shrink_to(16);
            v.shrink_to_fit();
            v.shrink_to_fit();
            v.clear();
            v.shrink_to_fit();
            black_box(&v);
        }),
    );
    add(
        "clone allocates exactly the length",
        "let mut v: Vec<u32> = Vec::new(); for i in 0..5 { v.push(i); } let w = v.clone(); let e: Vec<u32> = Vec::new(); let f = e.clone();",
        Box::new(|| {
            let mut v: Vec<u32> = Vec::new();
            for i in 0..5 {
                v.push(i);
            }
            let w = v.clone();
            let e: Vec<u32> = Vec::new();
            let f = e.clone();
            black_box((&v, &w, &e, &f));
        }),
    );
    add(
        "vec! with zeros, with ones, and listed",
        "let a = vec![0u32; 10]; let b = vec![1u32; 10]; let c = vec![1u8, 2, 3]; let d: Vec<u64> = vec![];",
        Box::new(|| {
            let a = vec![0u32; 10];
            let b = vec![1u32; 10];
            let c = vec![1u8, 2, 3];
            let d: Vec<u64> = vec![];
            black_box((&a, &b, &c, &d));
        }),
    );
    add(
        "insert and extend_from_slice",
        "let mut v: Vec<u32> = Vec::new(); v.insert(0, 5); v.extend_from_slice(&[1, 2, 3, 4, 5, 6]); v.insert(2, 9);",
        Box::new(|| {
            let mut v: Vec<u32> = Vec::new();
            v.insert(0, 5);
            v.extend_from_slice(&[1, 2, 3, 4, 5, 6]);
            v.insert(2, 9);
            black_box(&v);
        }),
    );
    add(
        "String::new, push_str, push, from, with_capacity",
        "let mut s = String::new(); s.push_str(\"hello\"); s.push('!'); s.push_str(\" and a much longer tail\"); let t = String::from(\"abc\"); let u = String::with_capacity(3);",
        Box::new(|| {
            let mut s = String::new();
            s.push_str("hello");
            s.push('!');
            s.push_str(" and a much longer tail");
            let t = String::from("abc");
            let u = String::with_capacity(3);
            black_box((&s, &t, &u));
        }),
    );
    add(
        "Box of several types, and of a zero-sized one",
        "let a = Box::new(5u64); let b = Box::new([0u8; 100]); let c = Box::new(()); let d = Box::new((1u8, 2u32)); drop(b);",
        Box::new(|| {
            let a = Box::new(5u64);
            let b = Box::new([0u8; 100]);
            let c = Box::new(());
            let d = Box::new((1u8, 2u32));
            drop(black_box(b));
            black_box((&a, &c, &d));
        }),
    );
    add(
        "Rc: two counters in front, freed by the last owner",
        "let a = Rc::new(5u32); let b = Rc::clone(&a); let c = Rc::new([1u8; 3]); drop(a); let d = Rc::new(7u16);",
        Box::new(|| {
            let a = Rc::new(5u32);
            let b = Rc::clone(&a);
            let c = Rc::new([1u8; 3]);
            drop(black_box(a));
            let d = Rc::new(7u16);
            black_box((&b, &c, &d));
        }),
    );
    add(
        "raw GlobalAlloc calls with a repr(C) layout",
        "let layout = Layout::new::<Header>(); let p = unsafe { alloc(layout) }; let q = unsafe { realloc(p, layout, 64) }; unsafe { dealloc(q, Layout::from_size_align(64, 4).unwrap()) };",
        Box::new(|| {
            let layout = Layout::new::<Header>();
            // SAFETY: a non-zero layout; p and q are used as the contract says.
            unsafe {
                let p = std::alloc::alloc(layout);
                let q = std::alloc::realloc(p, layout, 64);
                std::alloc::dealloc(black_box(q), Layout::from_size_align(64, 4).unwrap());
            }
        }),
    );
    add(
        "a block drops its bindings in reverse order",
        "{ let a: Vec<u8> = vec![1, 2]; let b: Vec<u16> = vec![3, 4, 5]; let c = Box::new(1u32); }",
        Box::new(|| {
            let a: Vec<u8> = vec![1, 2];
            let b: Vec<u16> = vec![3, 4, 5];
            let c = Box::new(1u32);
            black_box((&a, &b, &c));
        }),
    );
    cases
}

#[test]
fn scenarios_make_exactly_the_calls_std_makes() {
    let mut failures = Vec::new();
    for (name, source, real) in cases() {
        let real = record(real);
        let sim = simulate(&source);
        if real != sim {
            failures.push(format!(
                "{name}:\n  std:      {real:?}\n  scenario: {sim:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
