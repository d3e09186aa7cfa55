//! `collect` into `Result<Vec<T>, E>` and `Option<Vec<T>>`, as std's
//! `try_process` does it (checked against real Rust in `conformance`:
//! corpus program 165).

use alloc_sim::scenario::Outcome;
use alloc_sim::CallOp::{Alloc, Dealloc};

mod support;
use support::{own_calls, run};

#[test]
fn collect_stops_at_the_first_err_and_drops_what_it_had_collected() {
    let source = "fn main() {\n    let words = vec![String::from(\"ab\"), String::from(\"-\"), String::from(\"cd\")];\n    let r: Result<Vec<usize>, String> = words\n        .iter()\n        .map(|w| if w == \"-\" { Err(w.clone()) } else { Ok(w.len()) })\n        .collect();\n    println!(\"{:?}\", r);\n}\n";
    let run = run(source);
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    assert_eq!(run.output, ["Err(\"-\")"]);
    // The shunt's `size_hint` is `(0, upper)`: the `Vec` takes the first
    // `Ok` and allocates for max(4, 0 + 1) `usize`s; the `Err` (a clone of
    // "-") stops it; the partial `Vec` is dropped, and `r` holds the error
    // until it goes, before `words`.
    assert_eq!(
        own_calls(&run),
        [
            (Alloc, 72, 8),   // vec![…; 3]
            (Alloc, 2, 1),    // "ab"
            (Alloc, 1, 1),    // "-"
            (Alloc, 2, 1),    // "cd"
            (Alloc, 32, 8),   // the Vec<usize>, after the first Ok
            (Alloc, 1, 1),    // w.clone(), the Err
            (Dealloc, 32, 8), // what was collected
            (Dealloc, 1, 1),  // r's String
            (Dealloc, 2, 1),  // words[0]
            (Dealloc, 1, 1),  // words[1]
            (Dealloc, 2, 1),  // words[2]
            (Dealloc, 72, 8), // words
        ]
    );
}

#[test]
fn an_option_collects_to_none_at_the_first_none() {
    let source = "fn main() {\n    let v = vec![3u8, 0, 5];\n    let r: Option<Vec<u8>> = v.iter().map(|&x| if x == 0 { None } else { Some(x * 2) }).collect();\n    let s: Option<Vec<u8>> = v.iter().map(|&x| Some(x + 1)).collect();\n    println!(\"{:?} {:?}\", r, s);\n}\n";
    let run = run(source);
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    assert_eq!(run.output, ["None Some([4, 1, 6])"]);
}

#[test]
fn a_collect_that_would_type_literals_already_made_says_where_to_write_the_type() {
    // rustc infers `u64` for the `1, 2` from the `collect` two lines
    // down; the simulation made their buffer (for `i32`s) before it could
    // see that, and stops there rather than show a wrong size.
    let e = support::error_of(
        "fn main() {\n    let v = vec![1, 2];\n    let w: Vec<u64> = v.into_iter().collect();\n    println!(\"{:?}\", w);\n}\n",
    );
    assert_eq!((e.line, e.column), (3, 23), "{e}");
    assert!(
        e.message
            .starts_with("mismatched types: expected `u64`, found `i32`"),
        "{e}"
    );
    assert!(e.message.contains("a suffix such as `1u64`"), "{e}");
    // Written where the literals are, it runs, its buffer sized for u64s.
    let run = support::run(
        "fn main() {\n    let w: Vec<u64> = vec![1, 2].into_iter().map(|x| x * 3).collect();\n    println!(\"{:?}\", w);\n}\n",
    );
    assert_eq!(run.outcome, alloc_sim::scenario::Outcome::Ok);
    assert_eq!(run.output, ["[3, 6]"]);
    assert!(support::own_calls(&run).contains(&(alloc_sim::CallOp::Alloc, 16, 8)));
}
