//! The program's own `impl Iterator`: std's adapters and consumers pull
//! through its `next` (checked against real Rust in `conformance`: corpus
//! programs 162 and 163); what the trait needs and what a `for` loop takes
//! is refused where rustc refuses it.

use alloc_sim::scenario::Outcome;
use alloc_sim::CallOp::{Alloc, Dealloc};

mod support;
use support::{own_calls, run, stops_with};

/// Pops its words, last first: each item moves out of the `Vec`.
const WORDS: &str = "struct Words {\n    text: Vec<String>,\n}\n\
    impl Iterator for Words {\n    type Item = String;\n    fn next(&mut self) -> Option<String> {\n        self.text.pop()\n    }\n}\n";

#[test]
fn collect_takes_the_first_item_then_allocates_for_four() {
    let source = format!(
        "{WORDS}fn main() {{\n    let w = Words {{ text: vec![String::from(\"ab\"), String::from(\"c\")] }};\n    let v: Vec<String> = w.collect();\n    println!(\"{{:?}}\", v);\n}}\n"
    );
    let run = run(&source);
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    assert_eq!(run.output, ["[\"c\", \"ab\"]"]);
    // The program's iterator keeps `size_hint`'s default, `(0, None)`: so
    // `collect` takes the first item, then allocates
    // `max(MIN_NON_ZERO_CAP, 0 + 1)` = 4 `String`s of 24 bytes. The
    // iterator, spent, drops the `Words` it owns (its empty `Vec`'s
    // 48-byte buffer); `v` drops its strings front to back, then its own.
    assert_eq!(
        own_calls(&run),
        [
            (Alloc, 48, 8),   // vec![…; 2]
            (Alloc, 2, 1),    // "ab"
            (Alloc, 1, 1),    // "c"
            (Alloc, 96, 8),   // collect, after the first `next`
            (Dealloc, 48, 8), // the spent iterator's `Words`
            (Dealloc, 1, 1),  // v[0], "c"
            (Dealloc, 2, 1),  // v[1], "ab"
            (Dealloc, 96, 8), // v
        ]
    );
}

#[test]
fn a_consumer_that_borrows_leaves_the_iterator_where_it_was() {
    let source = format!(
        "{WORDS}fn main() {{\n    let mut w = Words {{ text: vec![String::from(\"a\"), String::from(\"bb\"), String::from(\"c\")] }};\n    let hit = w.find(|s| s.len() == 2);\n    println!(\"{{:?}} {{:?}}\", hit, w.next());\n}}\n"
    );
    let run = run(&source);
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    // `find` took "c" (dropped: no match) and "bb"; "a" is still there.
    assert_eq!(run.output, ["Some(\"bb\") Some(\"a\")"]);
}

#[test]
fn an_impl_iterator_without_next_or_item_is_refused() {
    let e = support::error_of(
        "struct C(u32);\nimpl Iterator for C {\n    type Item = u32;\n}\nfn main() {\n    println!(\"{}\", C(1).0);\n}\n",
    );
    assert_eq!((e.line, e.column), (2, 1));
    assert_eq!(
        e.message,
        "not all trait items implemented, missing: `next`"
    );
    let message = stops_with(
        "struct C(u32);\nimpl Iterator for C {\n    fn next(&mut self) -> Option<u32> {\n        None\n    }\n}\nfn main() {\n    println!(\"{}\", C(1).0);\n}\n",
    );
    assert_eq!(message, "not all trait items implemented, missing: `Item`");
}

#[test]
fn only_next_is_the_programs_own() {
    let message = stops_with(
        "struct C(u32);\nimpl Iterator for C {\n    type Item = u32;\n    fn next(&mut self) -> Option<u32> {\n        None\n    }\n    fn size_hint(&self) -> (usize, Option<usize>) {\n        (0, Some(0))\n    }\n}\nfn main() {\n    println!(\"{}\", C(1).0);\n}\n",
    );
    assert!(message.contains("other than `next`"), "{message}");
}

#[test]
fn a_for_loop_over_a_shared_reference_is_refused_as_rustc_does() {
    let e = support::error_of(&format!(
        "{WORDS}fn main() {{\n    let w = Words {{ text: Vec::new() }};\n    for s in &w {{\n        println!(\"{{s}}\");\n    }}\n}}\n"
    ));
    assert_eq!(e.line, 12, "{e:?}");
    assert!(
        e.message.starts_with("`&Words` is not an iterator"),
        "{}",
        e.message
    );
}

#[test]
fn rev_needs_a_double_ended_iterator() {
    let message = stops_with(&format!(
        "{WORDS}fn main() {{\n    let w = Words {{ text: vec![String::from(\"a\")] }};\n    let v: Vec<String> = w.rev().collect();\n    println!(\"{{:?}}\", v);\n}}\n"
    ));
    assert!(message.contains("DoubleEndedIterator"), "{message}");
}

#[test]
fn by_ref_lends_the_programs_iterator_and_it_goes_on_from_there() {
    let source = format!(
        "{WORDS}fn main() {{\n    let mut w = Words {{ text: vec![String::from(\"a\"), String::from(\"b\"), String::from(\"c\")] }};\n    let two: Vec<String> = w.by_ref().take(2).collect();\n    println!(\"{{:?}} {{:?}}\", two, w.next());\n}}\n"
    );
    let run = run(&source);
    assert_eq!(run.outcome, Outcome::Ok, "{:?}", run.outcome);
    assert_eq!(run.output, ["[\"c\", \"b\"] Some(\"a\")"]);
}
