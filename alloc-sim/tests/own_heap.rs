//! The program's own allocator over a static array of its own (`#[global_allocator]`
//! with `unsafe impl GlobalAlloc`): the array is the heap, its code runs
//! every call with raw pointers into it, and each way an allocator can go
//! wrong stops the run at the learner's line with the heap as it was.
//! (The shipped allocators are checked against real Rust, offset by
//! offset, in `conformance`.)

use alloc_sim::scenario::{Limits, Outcome};
use alloc_sim::{CallOp, HeapConfig, Role, Simulation, StrategyKind};

mod support;
use support::{error_of, run_on_heap};

/// A bump allocator over `ARENA` (4 KiB, at 0x1000); `alloc` is `body`,
/// which sees `layout`, `start` (the arena's address) and `next` (the
/// offset of the first free byte), and returns a `*mut u8`; `dealloc` is
/// `free`; `main` is `main`.
fn bump(body: &str, free: &str, main: &str) -> String {
    format!(
        "use std::alloc::{{GlobalAlloc, Layout}};\n\
         use std::cell::UnsafeCell;\n\
         use std::ptr;\n\
         #[repr(C, align(4096))]\n\
         struct Arena(UnsafeCell<[u8; 4096]>);\n\
         struct Bump {{ arena: Arena, next: UnsafeCell<usize> }}\n\
         unsafe impl Sync for Bump {{}}\n\
         unsafe impl GlobalAlloc for Bump {{\n\
             unsafe fn alloc(&self, layout: Layout) -> *mut u8 {{\n\
                 let start = self.arena.0.get() as usize;\n\
                 let next = unsafe {{ *self.next.get() }};\n\
                 {body}\n\
             }}\n\
             unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {{\n\
                 {free}\n\
             }}\n\
         }}\n\
         #[global_allocator]\n\
         static A: Bump = Bump {{ arena: Arena(UnsafeCell::new([0; 4096])), next: UnsafeCell::new(0) }};\n\
         fn main() {{\n{main}\n}}\n"
    )
}

/// The textbook bump: round `next` up to the alignment, hand out the
/// block, move `next` past it.
const GOOD: &str = "let at = (start + next + layout.align() - 1) & !(layout.align() - 1);\n\
    if at + layout.size() > start + 4096 { return ptr::null_mut(); }\n\
    unsafe { *self.next.get() = at + layout.size() - start; }\n\
    at as *mut u8";

#[test]
fn the_heap_is_the_static_array_and_each_block_follows_the_last() {
    let main = "let b = Box::new(7u64);\nlet mut v: Vec<u32> = Vec::new();\nfor i in 0..9 { v.push(i); }\nprintln!(\"{} {}\", *b, v.len());";
    let (run, sim) = run_on_heap(&bump(GOOD, "", main));
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    assert_eq!(run.output, vec!["7 9".to_string()]);
    // The heap is the array: 4 KiB at the static's address.
    assert_eq!(sim.strategy().kind(), StrategyKind::Yours);
    assert_eq!((sim.heap().base().0, sim.heap().len()), (0x1000, 4096));
    let statics = &run.statics;
    assert_eq!(statics.len(), 1);
    assert_eq!((statics[0].name.as_str(), statics[0].addr.0), ("A", 0x1000));
    // Every block is where this bump puts it: the end of the one before,
    // rounded up to its alignment (a realloc, GlobalAlloc's default here,
    // is a new block too); a free moves nothing.
    let mut end: u64 = 0x1000;
    for c in &run.calls {
        let size = c.new_size.unwrap_or(c.layout.size);
        match c.op {
            CallOp::Alloc | CallOp::AllocZeroed | CallOp::Realloc => {
                let at = c.addr.expect("every block fits").0;
                assert_eq!(at, end.next_multiple_of(c.layout.align), "{c:?}");
                end = at + size;
            }
            CallOp::Dealloc => {}
        }
    }
    // A realloc that grew the Vec kept its elements: the program printed
    // their count, and the block holds them.
    let last_vec = run
        .calls
        .iter()
        .rev()
        .find(|c| c.op == CallOp::Realloc)
        .unwrap();
    assert_eq!(last_vec.new_size, Some(64));
}

#[test]
fn a_block_outside_the_array_overlapping_or_misaligned_is_refused_with_the_heap_as_it_was() {
    let cases = [
        // Rounds nothing: `Box<u64>` at an odd address.
        (
            "unsafe { *self.next.get() = next + layout.size(); }\n(start + next + 1) as *mut u8"
                .to_string(),
            "not a multiple of 8",
        ),
        // Always the same address: the second block overlaps the first.
        (
            GOOD.replace(
                "unsafe { *self.next.get() = at + layout.size() - start; }",
                "",
            ),
            "overlaps block",
        ),
        // Past the end of the array.
        (
            "(start + 4096 - 2) as *mut u8".to_string(),
            "not inside the heap array",
        ),
    ];
    for (body, what) in cases {
        let source = bump(
            &body,
            "",
            "let a = Box::new(1u64);\nlet b = Box::new(2u64);",
        );
        let (run, sim) = run_on_heap(&source);
        let Outcome::Error(e) = &run.outcome else {
            panic!("{body}: ran to {:?}", run.outcome)
        };
        assert!(e.message.contains(what), "{body}: {}", e.message);
        assert!(e.message.contains("Bump::alloc"), "{}", e.message);
        // At the learner's `alloc`, line 9 of the program.
        assert_eq!(e.line, 9, "{}", e.message);
        // The refused block is in no record, and no byte of the heap is
        // painted for it.
        let live: u64 = sim.live().map(|(_, l)| l.layout.size() as u64).sum();
        let painted = sim
            .heap()
            .regions()
            .filter(|r| matches!(r.role, Role::Payload(_)))
            .map(|r| r.len())
            .sum::<u64>();
        assert_eq!(live, painted);
        assert!(run.calls.iter().all(|c| c.error.is_none()));
    }
}

#[test]
fn reading_or_writing_outside_the_array_through_null_or_misaligned_is_stopped() {
    let cases = [
        ("unsafe { *(0 as *mut usize) = 1; }\nptr::null_mut()", "null pointer dereference"),
        (
            "unsafe { *((start + 8192) as *mut usize) = 1; }\nptr::null_mut()",
            "in no memory the program owns",
        ),
        (
            "unsafe { *((start + 4088) as *mut [u64; 2]) = [1, 2]; }\nptr::null_mut()",
            "past the end of the heap array",
        ),
        (
            "unsafe { *((start + 3) as *mut u32) = 1; }\nptr::null_mut()",
            "misaligned pointer dereference: address must be a multiple of 0x4 but is 0x1003",
        ),
        (
            "let n = unsafe { ((start + 3) as *const u32).read_unaligned() };\nunsafe { ((start + 3) as *mut u32).write_unaligned(n + 1); }\nptr::null_mut()",
            "memory allocation of 4 bytes failed",
        ),
    ];
    for (body, what) in cases {
        let run = run_on_heap(&bump(body, "", "")).0;
        let message = match &run.outcome {
            Outcome::Error(e) => {
                // At the access, on line 12 (the body's first line).
                assert_eq!(e.line, 12, "{body}: {}", e.message);
                e.message.clone()
            }
            // Unaligned reads and writes are allowed: the null it returns
            // is then out of memory for the runtime's first call.
            Outcome::Abort { message, .. } => message.clone(),
            other => panic!("{body}: ran to {other:?}"),
        };
        assert!(message.contains(what), "{body}: {message}");
    }
}

#[test]
fn an_allocator_that_writes_into_a_live_block_is_stopped_and_undone() {
    // `dealloc` writes a word into the block *before* the one it frees.
    let free = "unsafe { *((ptr as usize - 8) as *mut usize) = 0xdead; }";
    let source = bump(
        GOOD,
        free,
        "let a = Box::new(1u64);\nlet b = Box::new(2u64);\ndrop(b);\nprintln!(\"{a}\");",
    );
    let (run, sim) = run_on_heap(&source);
    let Outcome::Error(e) = &run.outcome else {
        panic!("ran to {:?}", run.outcome)
    };
    assert_eq!(e.line, 18, "{}", e.message);
    assert!(e.message.contains("inside block"), "{}", e.message);
    // `a` is untouched: still 1, little-endian, in its block.
    let (&a, _) = sim
        .live()
        .find(|(_, l)| l.layout.size() == 8)
        .expect("a is live");
    assert_eq!(sim.heap().read(a, 8), &1u64.to_le_bytes());
}

#[test]
fn a_realloc_that_loses_the_bytes_is_caught() {
    let own =
        "unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {\n\
        unsafe { self.alloc(Layout::from_size_align_unchecked(new_size, layout.align())) }\n}";
    let source = bump(GOOD, "", "let mut v = vec![1u8, 2, 3];\nv.push(4);")
        .replace("unsafe fn dealloc", &format!("{own}\nunsafe fn dealloc"));
    let e = error_of(&source);
    assert!(
        e.message.contains("did not keep the block's contents"),
        "{}",
        e.message
    );
    assert!(e.message.contains("byte 0 is 0x00"), "{}", e.message);
}

#[test]
fn a_panic_inside_the_allocator_is_called_undefined_behaviour() {
    let body = "if layout.size() > 100 { panic!(\"too big\"); }\n".to_string() + GOOD;
    let e = error_of(&bump(
        &body,
        "",
        "let v: Vec<u8> = Vec::with_capacity(200);",
    ));
    assert_eq!(e.line, 12);
    assert!(e.message.starts_with("panicked: too big"), "{}", e.message);
    assert!(e.message.contains("undefined behaviour"), "{}", e.message);
}

#[test]
fn a_loop_that_never_ends_inside_the_allocator_stops_at_the_per_call_limit() {
    let body = "let mut n = 0usize;\nloop { n += 1; }";
    let e = error_of(&bump(body, "", ""));
    assert!(e.message.contains("Bump::alloc"), "{}", e.message);
    assert!(
        e.message.contains("100000 steps in one call"),
        "{}",
        e.message
    );
}

#[test]
fn the_allocator_calling_the_allocator_over_its_own_array_stops_at_that_line() {
    let body = "let note = Box::new(1u8);\n".to_string() + GOOD;
    let e = error_of(&bump(&body, "", ""));
    assert_eq!(e.line, 12);
    assert!(
        e.message.starts_with("the allocator called the allocator"),
        "{}",
        e.message
    );
}

#[test]
fn statics_get_addresses_after_the_heap_when_there_is_no_heap_array() {
    let source = "static A: u64 = 1;\nstatic B: [u8; 3] = [1, 2, 3];\nstatic C: u32 = 2;\nfn main() {\n    println!(\"{}\", A + C as u64 + B[2] as u64);\n}\n";
    let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
    let run = alloc_sim::scenario::run(source, &mut sim, Limits::default());
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    assert_eq!(run.output, vec!["6".to_string()]);
    // After the 4 KiB heap at 0x1000, in order, each at its alignment
    // (at least 8, as a linker's data section lays them out here).
    let at: Vec<(String, u64, u64)> = run
        .statics
        .iter()
        .map(|s| (s.name.clone(), s.addr.0, s.size))
        .collect();
    let heap_end = 0x1000 + 4096;
    assert_eq!(
        at,
        vec![
            ("A".into(), heap_end, 8),
            ("B".into(), heap_end + 8, 3),
            ("C".into(), heap_end + 16, 4)
        ]
    );
}

/// The shipped free-list allocator (first fit, splitting, coalescing).
const FREE_LIST: &str = include_str!("../examples/allocators/free_list.rs");

fn replay(trace: &str) -> (alloc_sim::scenario::AllocatorReplay, Simulation) {
    let list = alloc_sim::ops::parse(trace).unwrap();
    let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
    let replay =
        alloc_sim::scenario::replay_with_allocator(FREE_LIST, &list, &mut sim, Limits::default())
            .unwrap();
    (replay, sim)
}

#[test]
fn a_trace_replays_through_the_program_s_allocator_as_malloc_lab_runs_one() {
    // 32 and 112 bytes (24 and 100 rounded to 16) cut from the front; the
    // first freed; 16 bytes split it (the other 16 hold a node); the freed
    // 112 touches both the free tail after it and that node before it:
    // the three merge into one hole.
    let (replay, sim) = replay("a 0 24 8\na 1 100 8\nf 0\na 2 16 8\nf 1\n");
    let run = &replay.run;
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    let at: Vec<(CallOp, u64)> = run
        .calls
        .iter()
        .map(|c| (c.op, c.addr.unwrap().0))
        .collect();
    assert_eq!(
        at,
        vec![
            (CallOp::Alloc, 0x1000),
            (CallOp::Alloc, 0x1020),
            (CallOp::Dealloc, 0x1000),
            (CallOp::Alloc, 0x1000),
            (CallOp::Dealloc, 0x1020)
        ]
    );
    // Each call is the trace's: its line and block.
    assert_eq!(run.calls[3].block, Some(2));
    assert_eq!(run.calls[3].line(), Some(4));
    // No `main` ran: no runtime calls, no output.
    assert!(run.calls.iter().all(|c| !c.implicit) && run.output.is_empty());
    // Its cost: every statement and loop turn of its code.
    assert!(replay.steps > 5 * 10, "{}", replay.steps);
    // The merged hole's node at 0x1010, right after block 2: the whole
    // heap but block 2's 16 bytes, and no next hole; little-endian.
    let word = |at: u64| {
        let bytes = sim.heap().read(alloc_sim::Addr(at), 8);
        u64::from_le_bytes(bytes.try_into().unwrap())
    };
    assert_eq!((word(0x1010), word(0x1018)), (4096 - 16, 0));
}

#[test]
fn a_double_free_in_a_trace_never_reaches_the_program_s_code() {
    let (twice, sim) = replay("a 0 24 8\nf 0\nf 0\n");
    let (once, before) = replay("a 0 24 8\nf 0\n");
    let refused = &twice.run.calls[2];
    assert!(
        matches!(
            &refused.error,
            Some(alloc_sim::CallError::Misuse(
                alloc_sim::Misuse::DoubleFree { .. }
            ))
        ),
        "{refused:?}"
    );
    // Its code did not run: the heap is byte for byte as after the first
    // free, and no step was taken for the refused call.
    assert_eq!(sim.heap(), before.heap());
    assert_eq!(twice.steps, once.steps);
}

#[test]
fn an_array_element_is_a_place_in_a_local_a_static_and_memory() {
    let source = "static mut HEADS: [Option<u8>; 3] = [None, None, None];\n\
        fn main() {\n\
            let mut a = [1, 2, 3];\n\
            a[1] = 5;\n\
            a[2] += 10;\n\
            unsafe {\n\
                HEADS[1] = Some(4);\n\
                let taken = HEADS[1].take();\n\
                HEADS[2] = taken;\n\
                println!(\"{:?} {:?} {:?} {:?}\", a, HEADS[0], HEADS[1], HEADS[2]);\n\
            }\n\
            let e = error_here(&a);\n\
            println!(\"{e}\");\n\
        }\n\
        fn error_here(a: &[i32; 3]) -> i32 { a[0] }\n";
    assert_eq!(
        support::printed(source),
        vec!["[1, 5, 13] None None Some(4)".to_string(), "1".to_string()]
    );
    let e = error_of("fn main() {\n    let mut a = [0u8; 2];\n    let i = 2;\n    a[i] = 1;\n}\n");
    assert_eq!((e.line, e.column), (4, 5));
    assert!(
        e.message
            .contains("index out of bounds: the len is 2 but the index is 2"),
        "{}",
        e.message
    );
}

#[test]
fn a_const_empty_link_fills_an_array_of_list_heads() {
    let source = "struct Node { next: Option<&'static mut Node> }\n\
        const EMPTY: Option<&'static mut Node> = None;\n\
        static mut HEADS: [Option<&'static mut Node>; 3] = [EMPTY; 3];\n\
        fn main() {\n    let n = unsafe { HEADS.len() };\n    let empty = unsafe { HEADS[2].is_none() };\n    println!(\"{n} {empty}\");\n}\n";
    assert_eq!(support::printed(source), vec!["3 true".to_string()]);
}

#[test]
fn a_heap_array_named_by_a_const_takes_the_length_it_is_given() {
    // Four 2 KiB blocks: more than the example's 4 KiB array holds, and
    // what malloc lab's growing heap gives room for.
    let trace = "a 0 2048\na 1 2048\na 2 2048\na 3 2048\n";
    let list = alloc_sim::ops::parse(trace).unwrap();
    let run = |program: &str, len: Option<u64>| {
        let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let limits = Limits {
            heap_array_len: len,
            ..Limits::default()
        };
        let replay =
            alloc_sim::scenario::replay_with_allocator(program, &list, &mut sim, limits).unwrap();
        (replay.run, sim.heap().len())
    };
    let (as_written, heap) = run(FREE_LIST, None);
    assert_eq!(heap, 4096);
    assert!(
        as_written.calls[2].error.is_some(),
        "the third 2 KiB block fits no 4 KiB heap"
    );
    // `const HEAP_SIZE` is 64 KiB wherever the code reads it: the first
    // node spans the whole array, and every block is served.
    let (grown, heap) = run(FREE_LIST, Some(65536));
    assert_eq!(heap, 65536);
    assert!(
        grown.calls.iter().all(|c| c.error.is_none()),
        "{:?}",
        grown.outcome
    );
    let at: Vec<u64> = grown.calls.iter().map(|c| c.addr.unwrap().0).collect();
    assert_eq!(at, vec![0x1000, 0x1800, 0x2000, 0x2800]);
    // An array whose length is written as a number keeps it.
    let literal = FREE_LIST
        .replace("struct Heap([u8; HEAP_SIZE]);", "struct Heap([u8; 4096]);")
        .replace("Heap([0; HEAP_SIZE])", "Heap([0; 4096])");
    assert_ne!(literal, FREE_LIST);
    let (_, heap) = run(&literal, Some(65536));
    assert_eq!(heap, 4096);
}
