//! `Rc`, `Arc`, `Weak`, `RefCell` and `Cell` as scenarios run them,
//! checked against Rust itself: each program's code is also compiled into
//! this test, so what it prints, the panics it makes and the counts in its
//! blocks are Rust's (the calls themselves are checked by the conformance
//! corpus, programs 24–26, 76 and 89–91).
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
mod support;
use support::*;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use alloc_sim::scenario::{CallOp, Outcome};

#[test]
fn borrowing_a_refcell_twice_panics_as_std_does_at_the_method() {
    panics_as(
        "let c = std::cell::RefCell::new(1);\nlet a = c.borrow_mut();\nlet b = c.borrow_mut();",
        || {
            let c = RefCell::new(1);
            let _a = c.borrow_mut();
            let _b = c.borrow_mut();
        },
    );
    panics_as(
        "let c = std::cell::RefCell::new(1);\nlet a = c.borrow_mut();\nlet b = c.borrow();",
        || {
            let c = RefCell::new(1);
            let _a = c.borrow_mut();
            let _b = c.borrow();
        },
    );
    panics_as(
        "let c = std::cell::RefCell::new(vec![1]);\nlet a = c.borrow();\nlet b = c.replace(vec![]);",
        || {
            let c = RefCell::new(vec![1]);
            let _a = c.borrow();
            let _b = c.replace(vec![]);
        },
    );
    // `#[track_caller]`: the panic is where the method's name is.
    let run = run("fn main() {\n    let c = std::cell::RefCell::new(1);\n    let a = c.borrow();\n    let b = c.borrow_mut();\n}\n");
    match run.outcome {
        Outcome::Error(e) => assert_eq!((e.line, e.column), (4, 15)),
        other => panic!("ran to {other:?}"),
    }
}

#[test]
fn a_temporary_guard_is_given_back_where_rust_drops_it() {
    // An `if` condition's guard is gone before its block runs; a `while
    // let` scrutinee's at the end of each turn; a bound one with its scope.
    check!({
        let log = RefCell::new(Vec::<usize>::new());
        if log.borrow().is_empty() {
            log.borrow_mut().push(1);
        }
        while log.borrow().len() < 4 {
            let n = log.borrow().len();
            log.borrow_mut().push(n * 10);
        }
        let mut popped = Vec::new();
        while let Some(x) = log.borrow_mut().pop() {
            popped.push(x);
        }
        {
            let mut held = log.borrow_mut();
            held.push(7);
            held.push(8);
        }
        log.borrow_mut().push(9);
    }
        "{:?}" => popped,
        "{:?}" => log,
        "{:?}" => log.borrow(),
    );
}

#[test]
fn debug_shows_cells_and_pointers_as_std_does() {
    check!({
        let c = RefCell::new(vec![String::from("a")]);
        let n = Cell::new(3u8);
        let r = Rc::new(RefCell::new(5));
        let w: Weak<String> = Weak::new();
        let held = c.borrow_mut();
        let len = held.len();
        n.set(n.get() + 1);
        *r.borrow_mut() += 1;
    }
        "{:?}" => c,
        "{:?}" => (n, len),
        "{:?}" => r,
        "{:?}" => w,
        "{:#?}" => r,
    );
}

#[test]
fn cell_methods_and_rc_functions_give_what_std_gives() {
    check!({
        let c = Cell::new(10i32);
        let old = c.replace(20);
        let taken = c.take();
        let s = Rc::new(String::from("x"));
        let t = Rc::clone(&s);
        let same = Rc::ptr_eq(&s, &t);
        let w = Rc::downgrade(&s);
        let counts = (Rc::strong_count(&s), Rc::weak_count(&s));
        let err = Rc::try_unwrap(t).is_err();
        let up = w.upgrade().map(|r| r.len());
        drop(s);
        let after = w.upgrade().is_none();
    }
        "{:?}" => (old, taken, c),
        "{:?}" => (same, counts, err, up),
        "{}" => after,
    );
}

/// The `RcInner` block's first words are its counts, as std keeps them:
/// the strong count, then the weak count with the one all strong
/// references share; the value after them.
#[test]
fn an_rc_block_shows_its_counts_in_the_heap() {
    let source = "fn main() {\n    let a = std::rc::Rc::new(77u64);\n    let b = std::rc::Rc::clone(&a);\n    let w = std::rc::Rc::downgrade(&a);\n    let c = std::rc::Rc::clone(&b);\n    drop(b);\n    println!(\"{}\", a);\n}\n";
    // Stop before the drops at the end of `main`.
    let want = {
        let a = Rc::new(77u64);
        let b = Rc::clone(&a);
        let _w = Rc::downgrade(&a);
        let _c = Rc::clone(&b);
        drop(b);
        (
            Rc::strong_count(&a) as u64,
            Rc::weak_count(&a) as u64 + 1,
            *a,
        )
    };
    let (run, sim) = run_until(source, 4);
    let block = run
        .own_calls()
        .find(|c| c.op == CallOp::Alloc && c.layout.size == 24)
        .and_then(|c| c.addr)
        .expect("the RcInner block");
    let heap = sim.heap();
    let word = |i: u64| heap.read_word(block.add(8 * i));
    assert_eq!((word(0), word(1), word(2)), want);
}

/// A guard a function returns lives on in its caller: it is given back
/// where the caller's statement drops it, not where the function's ends.
#[test]
fn a_returned_guard_keeps_its_borrow_until_the_caller_drops_it() {
    use std::cell::Ref;
    fn first(c: &RefCell<Vec<u8>>) -> Ref<'_, Vec<u8>> {
        c.borrow()
    }
    const FIRST: &str = "use std::cell::{Ref, RefCell};\nfn first(c: &RefCell<Vec<u8>>) -> Ref<'_, Vec<u8>> {\n    c.borrow()\n}\n";
    let source = format!("{FIRST}fn main() {{\n    let c = RefCell::new(vec![4u8, 5]);\n    let n = first(&c).len();\n    c.borrow_mut().push(6);\n    println!(\"{{}} {{:?}}\", n, c);\n}}\n");
    let c = RefCell::new(vec![4u8, 5]);
    let n = first(&c).len();
    c.borrow_mut().push(6);
    assert_eq!(printed(&source), [format!("{n} {c:?}")]);
    let source = format!("{FIRST}fn main() {{\n    let c = RefCell::new(vec![4u8]);\n    let g = first(&c);\n    let m = c.borrow_mut();\n}}\n");
    let want = host_panic(|| {
        let c = RefCell::new(vec![4u8]);
        let _g = first(&c);
        let _m = c.borrow_mut();
    });
    assert_eq!(stops_with(&source), format!("panicked: {want}"));
}

/// A `Vec<&String>` holds pointers: each element is the address of the
/// `String` it lends, in the other vector's buffer.
#[test]
fn references_in_a_vec_point_at_what_they_lend() {
    let source = "fn main() {\n    let names = vec![String::from(\"ada\"), String::from(\"bo\"), String::from(\"cy\")];\n    let refs: Vec<&String> = names.iter().collect();\n    println!(\"{:?}\", refs);\n}\n";
    let (run, sim) = run_until(source, 8);
    let string = std::mem::size_of::<String>() as u64;
    let pointer = std::mem::size_of::<&String>() as u64;
    let block = |size: u64| {
        run.own_calls()
            .find(|c| c.op == CallOp::Alloc && c.layout.size == size)
            .and_then(|c| c.addr)
            .expect("the block")
    };
    let (names, refs) = (block(3 * string), block(3 * pointer));
    for i in 0..3 {
        assert_eq!(
            sim.heap().read_word(refs.add(pointer * i)),
            names.0 + string * i
        );
    }
}

#[test]
fn rc_str_and_rc_slice_make_the_calls_std_rules_name() {
    use alloc_sim::scenario::std_rules::{rc::rc_slice_from_vec, StdCall};
    use alloc_sim::{LayoutSpec, Target};
    // From a `String` of capacity 20 holding 11 bytes, and from a `Vec<u16>`
    // of capacity 8 holding 5 (pushed one by one: 4, then 8): the block for
    // the length, then the old buffer freed, as `std_rules::rc` says.
    let source = "use std::rc::Rc;\nuse std::sync::Arc;\nfn main() {\n    let mut s = String::with_capacity(20);\n    s.push_str(\"shared text\");\n    let r: Rc<str> = Rc::from(s);\n    let mut v: Vec<u16> = Vec::new();\n    for i in 0..5 {\n        v.push(i);\n    }\n    let a: Arc<[u16]> = Arc::from(v);\n    println!(\"{r} {a:?} {} {}\", r.len(), a[4]);\n}\n";
    let (run, _) = run_on_heap(source);
    assert_eq!(run.outcome, Outcome::Ok);
    assert_eq!(run.output, vec!["shared text [0, 1, 2, 3, 4] 11 4"]);
    let byte = LayoutSpec { size: 1, align: 1 };
    let short = LayoutSpec { size: 2, align: 2 };
    let as_call = |c: StdCall| match c {
        StdCall::Alloc(l) => (CallOp::Alloc, l.size, l.align),
        StdCall::Dealloc(l) => (CallOp::Dealloc, l.size, l.align),
        other => panic!("{other:?}"),
    };
    let calls = own_calls(&run);
    let text = rc_slice_from_vec(byte, 11, 20, Target::Bits64).unwrap();
    assert_eq!(
        calls[1..3],
        text.into_iter().map(as_call).collect::<Vec<_>>()[..]
    );
    let numbers = rc_slice_from_vec(short, 5, 8, Target::Bits64).unwrap();
    assert_eq!(
        calls[5..7],
        numbers.into_iter().map(as_call).collect::<Vec<_>>()[..]
    );
}
