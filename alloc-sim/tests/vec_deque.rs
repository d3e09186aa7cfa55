//! `VecDeque` as scenarios run it. Its methods that move elements inside
//! its ring buffer are checked against std's own `VecDeque` (this test's
//! std is the one the corpus builds with): after every operation of many
//! sequences, the two slices `as_slices` gives (where the buffer wraps),
//! and, filled up to its capacity at the end, where its front had gone.
//! A deque held in another value has its handle written there, and
//! written again as it changes.
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
mod support;
use support::*;

use std::collections::VecDeque;

/// One operation, as Rust source and on a host deque.
#[derive(Debug, Clone, Copy)]
enum Op {
    PushFront(u32),
    PushBack(u32),
    Insert(usize, u32),
    Remove(usize),
    Drain(usize, usize),
    MakeContiguous,
    RotateLeft(usize),
    RotateRight(usize),
    Swap(usize, usize),
    /// `retain(|x| x % m != 0)`.
    Retain(u32),
}

impl Op {
    fn source(self) -> String {
        match self {
            Op::PushFront(x) => format!("q.push_front({x});"),
            Op::PushBack(x) => format!("q.push_back({x});"),
            Op::Insert(i, x) => format!("q.insert({i}, {x});"),
            Op::Remove(i) => format!("q.remove({i});"),
            Op::Drain(a, b) => format!("q.drain({a}..{b});"),
            Op::MakeContiguous => "q.make_contiguous();".into(),
            Op::RotateLeft(n) => format!("q.rotate_left({n});"),
            Op::RotateRight(n) => format!("q.rotate_right({n});"),
            Op::Swap(i, j) => format!("q.swap({i}, {j});"),
            Op::Retain(m) => format!("q.retain(|x| x % {m} != 0);"),
        }
    }

    fn apply(self, q: &mut VecDeque<u32>) {
        match self {
            Op::PushFront(x) => q.push_front(x),
            Op::PushBack(x) => q.push_back(x),
            Op::Insert(i, x) => q.insert(i, x),
            Op::Remove(i) => {
                q.remove(i);
            }
            Op::Drain(a, b) => {
                q.drain(a..b);
            }
            Op::MakeContiguous => {
                q.make_contiguous();
            }
            Op::RotateLeft(n) => q.rotate_left(n),
            Op::RotateRight(n) => q.rotate_right(n),
            Op::Swap(i, j) => q.swap(i, j),
            Op::Retain(m) => q.retain(|x| x % m != 0),
        }
    }
}

/// Runs `ops` on a deque made `with_capacity(cap)`, printing its slices
/// after each, then fills it up: as a scenario and on std's deque.
fn same_as_std(cap: usize, ops: &[Op]) {
    let mut source = format!(
        "use std::collections::VecDeque;\nfn main() {{\n    let mut q: VecDeque<u32> = VecDeque::with_capacity({cap});\n"
    );
    let mut want = Vec::new();
    let mut q: VecDeque<u32> = VecDeque::with_capacity(cap);
    for op in ops {
        source.push_str(&format!(
            "    {}\n    println!(\"{{:?}}\", q.as_slices());\n",
            op.source()
        ));
        op.apply(&mut q);
        want.push(format!("{:?}", q.as_slices()));
    }
    source.push_str(
        "    while q.len() < q.capacity() {\n        q.push_back(0);\n    }\n    println!(\"{:?}\", q.as_slices());\n}\n",
    );
    while q.len() < q.capacity() {
        q.push_back(0);
    }
    want.push(format!("{:?}", q.as_slices()));
    assert_eq!(printed(&source), want, "\n{source}");
}

/// A deque of `backs` pushed at the back and `fronts` at the front, so
/// that it wraps when both are there.
fn wrapped(fronts: u32, backs: u32) -> Vec<Op> {
    let mut ops: Vec<Op> = (0..backs).map(|i| Op::PushBack(10 + i)).collect();
    ops.extend((0..fronts).map(Op::PushFront));
    ops
}

#[test]
fn insert_and_remove_move_the_shorter_side() {
    for (fronts, backs) in [(0, 5), (2, 3), (3, 2), (1, 6), (4, 3)] {
        let len = (fronts + backs) as usize;
        for at in 0..=len {
            let mut ops = wrapped(fronts, backs);
            ops.push(Op::Insert(at, 99));
            same_as_std(8, &ops);
        }
        for at in 0..len {
            let mut ops = wrapped(fronts, backs);
            ops.push(Op::Remove(at));
            same_as_std(8, &ops);
        }
    }
}

#[test]
fn an_insert_into_a_full_deque_grows_it_first() {
    for at in 0..=4 {
        let mut ops = wrapped(2, 2);
        ops.push(Op::Insert(at, 99));
        same_as_std(4, &ops);
    }
}

#[test]
fn drain_closes_the_hole_from_the_shorter_side() {
    for (fronts, backs) in [(0, 6), (3, 3), (2, 5), (5, 2)] {
        let len = (fronts + backs) as usize;
        for a in 0..=len {
            for b in a..=len {
                let mut ops = wrapped(fronts, backs);
                ops.push(Op::Drain(a, b));
                same_as_std(8, &ops);
            }
        }
    }
}

#[test]
fn make_contiguous_takes_each_of_std_s_four_ways() {
    for cap in [4, 8] {
        for fronts in 0..=cap as u32 {
            for backs in 0..=(cap as u32 - fronts) {
                let mut ops = wrapped(fronts, backs);
                ops.push(Op::MakeContiguous);
                same_as_std(cap, &ops);
            }
        }
    }
}

#[test]
fn rotations_move_the_fewer_elements() {
    for (fronts, backs) in [(0, 5), (3, 4), (4, 1)] {
        let len = (fronts + backs) as usize;
        for n in 0..=len {
            let mut ops = wrapped(fronts, backs);
            ops.push(Op::RotateLeft(n));
            same_as_std(8, &ops);
            let mut ops = wrapped(fronts, backs);
            ops.push(Op::RotateRight(n));
            same_as_std(8, &ops);
        }
    }
}

#[test]
fn retain_and_swap_keep_the_front_where_it_is() {
    for m in [2, 3, 5, 100] {
        let mut ops = wrapped(3, 4);
        ops.push(Op::Swap(0, 6));
        ops.push(Op::Retain(m));
        ops.push(Op::PushFront(7));
        same_as_std(8, &ops);
    }
}

#[test]
fn retain_drops_the_rejected_in_the_order_its_swaps_leave_them() {
    // Rejected a and b, kept c: `swap(0, 2)` leaves [c, b, a], and the
    // truncate drops b, then a.
    let source = "use std::collections::VecDeque;\nstruct D(u8);\nimpl Drop for D {\n    fn drop(&mut self) {\n        println!(\"drop {}\", self.0);\n    }\n}\nfn main() {\n    let mut q = VecDeque::new();\n    for i in 1..=3u8 {\n        q.push_back(D(i));\n    }\n    q.retain(|d| d.0 == 3);\n    println!(\"kept {}\", q.len());\n}\n";
    struct D(u8, std::rc::Rc<std::cell::RefCell<Vec<String>>>);
    impl Drop for D {
        fn drop(&mut self) {
            self.1.borrow_mut().push(format!("drop {}", self.0));
        }
    }
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut q: VecDeque<D> = (1..=3).map(|i| D(i, log.clone())).collect();
    q.retain(|d| d.0 == 3);
    log.borrow_mut().push(format!("kept {}", q.len()));
    drop(q);
    let want = log.borrow().clone();
    assert_eq!(printed(source), want);
}

#[test]
fn out_of_range_is_std_s_panic_or_none() {
    let run = |body: &str| {
        format!(
            "use std::collections::VecDeque;\nfn main() {{\n    let mut q: VecDeque<u32> = VecDeque::from(vec![1, 2, 3]);\n    {body}\n}}\n"
        )
    };
    assert!(stops_with(&run("q.insert(4, 0);")).contains("index out of bounds"));
    assert!(stops_with(&run("q.drain(2..5);"))
        .contains("range end index 5 out of range for slice of length 3"));
    assert!(stops_with(&run("q.rotate_left(4);")).contains("n <= self.len()"));
    assert_eq!(
        printed(&run("println!(\"{:?}\", q.remove(3));")),
        vec!["None"]
    );
}

#[test]
fn a_deque_in_a_vec_has_its_handle_rewritten_as_it_changes() {
    // The handle's four words, as rustc lays them out (checked against
    // rustc by `conformance/tests/rust_layouts.rs`): capacity, pointer,
    // head, length. After `push_back(7)`, `push_back(8)` and
    // `push_front(6)` into room for 4: head 3, length 3.
    let source = "use std::collections::VecDeque;\nfn main() {\n    let mut v: Vec<VecDeque<u32>> = Vec::with_capacity(1);\n    v.push(VecDeque::new());\n    v[0].push_back(7);\n    v[0].push_back(8);\n    v[0].push_front(6);\n    std::mem::forget(v);\n}\n";
    let (run, sim) = run_on_heap(source);
    assert_eq!(run.outcome, alloc_sim::Outcome::Ok);
    let own: Vec<_> = run.calls.iter().filter(|c| !c.implicit).collect();
    let (outer, buffer) = (own[0].addr.unwrap(), own[1].addr.unwrap());
    let words: Vec<u64> = sim
        .heap()
        .read(outer, 32)
        .chunks(8)
        .map(|w| u64::from_le_bytes(w.try_into().unwrap()))
        .collect();
    assert_eq!(words, vec![4, buffer.0, 3, 3]);
}
