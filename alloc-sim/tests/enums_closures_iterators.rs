//! The program's own enums, closures and iterators: what they allocate
//! (derived from the layout engine and std's rules, each checked against
//! real Rust in `conformance`), and the errors a learner gets, each at its
//! line.

use alloc_sim::scenario::std_rules::format::integer_to_string;
use alloc_sim::scenario::std_rules::vec_methods::collect_by_one;
use alloc_sim::scenario::std_rules::{enum_shape, Shape, StdCall};
use alloc_sim::scenario::ty::IntTy;
use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{CallOp, HeapConfig, LayoutSpec, Simulation, StrategyKind, Target};

fn run(source: &str) -> (scenario::Run, Simulation) {
    let mut sim = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
    let run = scenario::run(source, &mut sim, Limits::default());
    (run, sim)
}

/// The program's own calls, as (op, size, align); a `realloc`'s size is
/// the new one.
fn own_calls(run: &scenario::Run) -> Vec<(CallOp, u64, u64)> {
    run.calls
        .iter()
        .filter(|c| !c.implicit)
        .map(|c| (c.op, c.new_size.unwrap_or(c.layout.size), c.layout.align))
        .collect()
}

#[test]
fn an_enum_in_a_vec_is_its_tag_and_its_fields_as_rustc_lays_them_out() {
    let source = "enum Shape {\n    Circle(f64),\n    Rect { w: f64, h: f64 },\n    Empty,\n}\n\
        fn main() {\n    let v = vec![Shape::Rect { w: 1.5, h: 2.0 }, Shape::Empty, Shape::Circle(4.0)];\n    std::mem::forget(v);\n}\n";
    let (run, sim) = run(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    let f64_ = Shape::float(8);
    let shape = enum_shape(&[vec![f64_], vec![f64_, f64_], vec![]], &[0, 1, 2]);
    let calls = own_calls(&run);
    assert_eq!(
        calls[0],
        (CallOp::Alloc, 3 * shape.shape.size, shape.shape.align)
    );
    // Each element's bytes name its own variant, and hold its fields where
    // the engine puts them.
    let addr = run
        .calls
        .iter()
        .find(|c| !c.implicit)
        .unwrap()
        .addr
        .unwrap();
    let size = shape.shape.size as usize;
    let bytes = sim.heap().read(addr, 3 * shape.shape.size).to_vec();
    let names: Vec<Option<usize>> = bytes
        .chunks(size)
        .map(|element| shape.variant_of(element))
        .collect();
    assert_eq!(names, vec![Some(1), Some(2), Some(0)]);
    let w_at = shape.variants[1][0] as usize;
    assert_eq!(&bytes[w_at..w_at + 8], &1.5f64.to_le_bytes());
    let r_at = 2 * size + shape.variants[0][0] as usize;
    assert_eq!(&bytes[r_at..r_at + 8], &4.0f64.to_le_bytes());
}

#[test]
fn collecting_a_filter_starts_at_the_minimum_and_grows_as_std_does() {
    let source =
        "fn main() {\n    let v: Vec<u32> = (0..40).filter(|x| x % 3 == 0).collect();\n}\n";
    let (run, _) = run(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    let u32_ = LayoutSpec { size: 4, align: 4 };
    // 14 items kept; a filter promises nothing (lower bound 0).
    let (_, expected) = collect_by_one(u32_, 14, |_| 0, Target::Bits64).unwrap();
    let got: Vec<(CallOp, u64)> = own_calls(&run)
        .into_iter()
        .filter(|(op, ..)| *op != CallOp::Dealloc)
        .map(|(op, size, _)| (op, size))
        .collect();
    let want: Vec<(CallOp, u64)> = expected
        .iter()
        .map(|c| match c {
            StdCall::Alloc(l) => (CallOp::Alloc, l.size),
            StdCall::Realloc { new_size, .. } => (CallOp::Realloc, *new_size),
            StdCall::Dealloc(l) => (CallOp::Dealloc, l.size),
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_collect_names_its_code_once_then_says_why_it_grows() {
    // Each growth of the collecting Vec quotes the code that collects once,
    // then gives collect's rule and what the Vec does; the rule's sentence
    // is not quoted again as if it were code.
    let source = "fn main() {\n    let v: Vec<u32> = (0..40).filter(|x| x % 3 == 0).collect();\n    let n: Vec<u32> = (0..3).collect();\n}\n";
    let (run, _) = run(source);
    let reasons: Vec<&str> = run
        .calls
        .iter()
        .filter(|c| !c.implicit && c.op != CallOp::Dealloc)
        .map(|c| c.reason.as_str())
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    for reason in &reasons {
        assert!(!reason.contains("``"), "{reason}");
        assert_eq!(reason.matches('`').count(), 2, "{reason}");
    }
    assert!(
        reasons[0].starts_with("`(0..40).filter(|x| x % 3 == 0).collect()`: the first item is in")
    );
    assert!(
        reasons[0].ends_with("has no buffer yet; it allocates room for 4"),
        "{}",
        reasons[0]
    );
    assert!(reasons[3].starts_with("`(0..3).collect()`: the length is known, so exactly 3;"));
}

#[test]
fn a_map_of_a_range_knows_its_length_and_allocates_once_before_any_item() {
    let source =
        "fn main() {\n    let v: Vec<String> = (0..3).map(|i| i.to_string()).collect();\n}\n";
    let (run, _) = run(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    let calls = own_calls(&run);
    // The Vec's exact block first, then one String per item, each as
    // `i32::to_string` makes it.
    assert_eq!(calls[0], (CallOp::Alloc, 3 * 24, 8));
    for (i, call) in calls[1..4].iter().enumerate() {
        let built = integer_to_string(IntTy::Fixed(true, 4), i as u128, false, Target::Bits64);
        let want = match built.calls.as_slice() {
            [StdCall::Alloc(l)] => (CallOp::Alloc, l.size, l.align),
            other => panic!("{other:?}"),
        };
        assert_eq!(*call, want);
    }
}

#[test]
fn a_boxed_closure_is_as_big_as_what_it_captured() {
    let source = "fn main() {\n    let n: u64 = 3;\n    let a: Box<dyn Fn(u64) -> u64> = Box::new(|x| x + 1);\n    let b: Box<dyn Fn(u64) -> u64> = Box::new(move |x| x + n);\n    let c: Box<dyn Fn(u64) -> u64> = Box::new(|x| x + n);\n    let total = a(1) + b(1) + c(1);\n}\n";
    let (run, _) = run(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    let allocs: Vec<(CallOp, u64, u64)> = own_calls(&run)
        .into_iter()
        .filter(|(op, ..)| *op == CallOp::Alloc)
        .collect();
    // Nothing for the closure that captures nothing; `n` itself when moved
    // in; a reference to it when borrowed.
    assert_eq!(allocs, vec![(CallOp::Alloc, 8, 8), (CallOp::Alloc, 8, 8)]);
}

#[test]
fn names_a_closure_binds_itself_are_not_captures() {
    // Outer `a` and `v` exist, but the closure's own `let (a, b)`, `for v`
    // and `|v|` bind their own: it captures nothing, so its box is empty.
    let source = "fn main() {\n    let (a, v) = (100u64, 200u64);\n    let f: Box<dyn Fn() -> u64> = Box::new(move || {\n        let (a, b) = (1u64, 2u64);\n        let mut t = a + b;\n        for v in 0..3u64 {\n            t += v;\n        }\n        [t].iter().map(|v| v * 2).sum()\n    });\n    println!(\"{} {} {}\", f(), a, v);\n}\n";
    let (run, _) = run(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    assert_eq!(run.output, vec!["12 100 200".to_string()]);
    assert!(own_calls(&run).is_empty(), "{:?}", own_calls(&run));
}

#[test]
fn an_fn_mut_closure_changes_what_it_borrowed() {
    let source = "fn main() {\n    let mut count = 0;\n    let mut bump = || {\n        count += 2;\n        count\n    };\n    bump();\n    let last = bump();\n    println!(\"{} {}\", last, count);\n}\n";
    let (run, _) = run(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    assert_eq!(run.output, vec!["4 4".to_string()]);
}

#[test]
fn mistakes_say_what_and_where() {
    let cases = [
        (
            "fn main() {\n    let s = String::from(\"a\");\n    let f = move || s.len();\n    let n = s.len();\n}",
            4,
            "use of moved value: `s`",
        ),
        (
            "fn main() {\n    let f = |x: u32| x + 1;\n    let y = f(1, 2);\n}",
            3,
            "this function takes 1 argument but 2 arguments were supplied",
        ),
        (
            "#[repr(transparent)]\nenum E { A(u8) }\nfn main() {}",
            1,
            "this `#[repr]` on an enum",
        ),
        (
            "enum E { A, B }\nfn main() {\n    let e = E::A;\n    match e {\n        E::C => {}\n        _ => {}\n    }\n}",
            5,
            "cannot find",
        ),
        (
            "enum E { A(f64) }\nfn main() {\n    let n = E::A(1.0) as i32;\n}",
            3,
            "non-primitive cast",
        ),
        (
            "fn main() {\n    let v: Vec<u32> = vec![1, 2];\n    let n = v.iter().map(|x| x + 1).collect();\n}",
            3,
            "write what to collect into",
        ),
        (
            "fn main() {\n    let v = vec![List::Nil];\n}\nenum List {\n    Cons(i32, List),\n    Nil,\n}",
            4,
            "recursive type `List` has infinite size",
        ),
        (
            "struct A {\n    b: Option<B>,\n}\nstruct B {\n    a: A,\n}\nfn main() {}",
            1,
            "has infinite size",
        ),
        (
            "enum E { A(u8) }\nfn main() {\n    let e = E::A(1, 2);\n}",
            3,
            "this enum variant takes 1 argument but 2 arguments were supplied",
        ),
    ];
    for (source, line, message) in cases {
        let (run, _) = run(source);
        match run.outcome {
            Outcome::Error(e) => {
                assert_eq!(e.line, line, "{source}: {e}");
                assert!(e.message.contains(message), "{source}: {e}");
            }
            other => panic!("{source}: {other:?}"),
        }
    }
}
