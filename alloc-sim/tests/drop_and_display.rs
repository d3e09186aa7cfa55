//! The program's own `impl Drop`, `impl fmt::Display` and `impl fmt::Debug`: when `drop`
//! runs and what it sees, how `fmt`'s writes grow a `String` (std's rules,
//! checked against real Rust in `conformance`: corpus programs 116 to
//! 118), and the errors a learner gets, each at its line.

use alloc_sim::scenario::std_rules::format::written_string;
use alloc_sim::scenario::std_rules::StdCall;
use alloc_sim::scenario::Outcome;
use alloc_sim::{CallOp, Target};

mod support;
use support::{error_of, own_calls, run};

/// The calls the program wrote, as (op, size); a `realloc`'s size is the
/// new one.
fn own_sizes(run: &alloc_sim::scenario::Run) -> Vec<(CallOp, u64)> {
    own_calls(run)
        .into_iter()
        .map(|(op, size, _)| (op, size))
        .collect()
}

const NOISY: &str = "struct Noisy {\n    name: String,\n}\n\
    impl Drop for Noisy {\n    fn drop(&mut self) {\n        println!(\"drop {}\", self.name);\n    }\n}\n";

#[test]
fn drop_runs_before_the_fields_go_and_once_for_a_moved_value() {
    let source = format!(
        "{NOISY}fn main() {{\n    let a = Noisy {{ name: String::from(\"a\") }};\n    let b = a;\n    println!(\"moved\");\n    drop(b);\n    println!(\"end\");\n}}\n"
    );
    let run = run(&source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    assert_eq!(run.output, vec!["moved", "drop a", "end"]);
    // The name's buffer is freed after `drop` printed it: the dealloc
    // comes after stdout's buffer was made for "moved", at `drop(b)`.
    let own = own_sizes(&run);
    assert_eq!(own, vec![(CallOp::Alloc, 1), (CallOp::Dealloc, 1)]);
    let freed = run
        .calls
        .iter()
        .rposition(|c| c.op == CallOp::Dealloc)
        .unwrap();
    assert_eq!(run.calls[freed].span.map(|s| s.line), Some(13));
}

#[test]
fn calling_drop_as_a_method_is_rustc_s_error() {
    let e = error_of(&format!(
        "{NOISY}fn main() {{\n    let a = Noisy {{ name: String::new() }};\n    a.drop();\n}}\n"
    ));
    assert_eq!(e.line, 11);
    assert!(
        e.message.starts_with("explicit use of destructor method"),
        "{}",
        e.message
    );
}

const POINT: &str = "use std::fmt;\nstruct Point {\n    x: i32,\n    y: i32,\n}\n\
    impl fmt::Display for Point {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n        write!(f, \"({}, {})\", self.x, self.y)\n    }\n}\n";

#[test]
fn to_string_grows_its_string_by_each_write_fmt_makes() {
    let source = format!(
        "{POINT}fn main() {{\n    let s = Point {{ x: 1234, y: -56789 }}.to_string();\n    std::mem::forget(s);\n}}\n"
    );
    let run = run(&source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    // "(", "1234", ", ", "-56789", ")": one write each, into String::new().
    let writes = [1, 4, 2, 6, 1];
    let built = written_string(0, &writes, Target::Bits64).unwrap();
    let expected: Vec<(CallOp, u64)> = built
        .calls
        .iter()
        .map(|c| match *c {
            StdCall::Alloc(l) => (CallOp::Alloc, l.size),
            StdCall::Realloc { new_size, .. } => (CallOp::Realloc, new_size),
            StdCall::Dealloc(l) => (CallOp::Dealloc, l.size),
        })
        .collect();
    let own = own_sizes(&run);
    assert_eq!(own, expected);
}

#[test]
fn a_width_at_the_placeholder_does_not_pad_what_write_writes() {
    let run = run(&format!(
        "{POINT}fn main() {{\n    let p = Point {{ x: 1, y: 2 }};\n    println!(\"[{{:>10}}] [{{p}}]\", p);\n}}\n"
    ));
    assert_eq!(run.output, vec!["[(1, 2)] [(1, 2)]"]);
}

#[test]
fn a_fmt_that_allocates_runs_as_its_argument_is_written() {
    let run = run(
        "use std::fmt;\nstruct Name(String);\nimpl fmt::Display for Name {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n        write!(f, \"{}\", self.0.to_uppercase())\n    }\n}\nfn main() {\n    let s = format!(\"{}\", Name(String::from(\"x\")));\n    println!(\"{s}\");\n}\n",
    );
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    assert_eq!(run.output, vec!["X"]);
    // `format!("{}", …)` starts with a placeholder and under 16 literal
    // bytes: `String::with_capacity(0)`, no block. `fmt` then runs:
    // `to_uppercase` makes its `String` of the text's length, and the
    // write of "X" grows `s` to std's smallest capacity for bytes, 8,
    // before `fmt`'s temporary goes. The `Name` goes at the statement's
    // end, `s` at `main`'s.
    let mut expected = vec![(CallOp::Alloc, 1), (CallOp::Alloc, 1)];
    let grown = written_string(0, &[1], Target::Bits64).unwrap();
    let [StdCall::Alloc(buffer)] = grown.calls.as_slice() else {
        panic!("one write into no buffer allocates once: {:?}", grown.calls);
    };
    expected.push((CallOp::Alloc, buffer.size));
    expected.extend([(CallOp::Dealloc, 1), (CallOp::Dealloc, 1)]);
    expected.push((CallOp::Dealloc, buffer.size));
    let own = own_sizes(&run);
    assert_eq!(own, expected);
}

#[test]
fn a_fmt_returning_an_error_panics_as_std_does() {
    let e = error_of(
        "use std::fmt;\nstruct Bad;\nimpl fmt::Display for Bad {\n    fn fmt(&self, _f: &mut fmt::Formatter) -> fmt::Result {\n        Err(fmt::Error)\n    }\n}\nfn main() {\n    println!(\"{}\", Bad);\n}\n",
    );
    assert_eq!(e.line, 9);
    assert!(e.message.starts_with("panicked"), "{}", e.message);
}

#[test]
fn write_into_anything_but_a_string_or_a_formatter_says_so_at_its_place() {
    // `io::Write` for a `Vec<u8>` is not modelled.
    let e =
        error_of("fn main() {\n    let mut v: Vec<u8> = Vec::new();\n    write!(v, \"x\");\n}\n");
    assert_eq!((e.line, e.column), (3, 12));
    assert!(e.message.contains("`write!` into"), "{}", e.message);
}

#[test]
fn write_into_a_string_pushes_each_piece_as_it_is_written() {
    let run = run(
        "use std::fmt::Write;\nfn main() {\n    let mut s = String::new();\n    let n = 123456789;\n    write!(s, \"ab{}cd\", n).unwrap();\n    println!(\"{s}\");\n}\n",
    );
    assert_eq!(run.output, vec!["ab123456789cd"]);
    // "ab", "123456789", "cd": three pushes from an empty String (a
    // literal argument would be folded into the text by rustc: one push).
    let built = written_string(0, &[2, 9, 2], Target::Bits64).unwrap();
    let own: Vec<u64> = run
        .calls
        .iter()
        .filter(|c| !c.implicit)
        .map(|c| c.new_size.unwrap_or(c.layout.size))
        .collect();
    let expected: Vec<u64> = built
        .calls
        .iter()
        .map(|c| match *c {
            StdCall::Alloc(l) | StdCall::Dealloc(l) => l.size,
            StdCall::Realloc { new_size, .. } => new_size,
        })
        .collect();
    assert_eq!(own[..expected.len()], expected[..]);
}

#[test]
fn a_blocks_last_expression_keeps_its_temporaries_past_the_blocks_bindings() {
    // Rust 2021 (the edition the corpus is built with): a temporary of a
    // block's last expression is dropped after the block's bindings; Rust
    // 2024 drops it first. Checked natively in `conformance`: corpus 169.
    let run = run(
        "fn make() -> String {\n    String::from(\"hello\")\n}\nfn total() -> usize {\n    let v = vec![1u8, 2, 3];\n    make().len() + v.len()\n}\nfn main() {\n    let n = total();\n    let m = {\n        let w = vec![0u16; 4];\n        make().len() + w.len()\n    };\n    println!(\"{n} {m}\");\n}\n",
    );
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    assert_eq!(run.output, vec!["8 9"]);
    let own = own_sizes(&run);
    assert_eq!(
        own,
        [
            (CallOp::Alloc, 3),       // v
            (CallOp::Alloc, 5),       // make()
            (CallOp::Dealloc, 3),     // v, at `total`'s closing brace
            (CallOp::Dealloc, 5),     // then the tail's temporary
            (CallOp::AllocZeroed, 8), // w: `vec![0; n]` asks for zeroed memory
            (CallOp::Alloc, 5),       // make()
            (CallOp::Dealloc, 8),     // w
            (CallOp::Dealloc, 5),     // the inner block's tail temporary
        ]
    );
}

/// The error types of the next test, as the program writes them and
/// compiled here, so that real Rust says what their panics print.
mod errors {
    use std::fmt;
    pub struct Code(pub u16);
    impl fmt::Debug for Code {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "E{:04}", self.0)
        }
    }
    #[derive(Debug)]
    #[allow(dead_code)]
    pub enum MyErr {
        Bad(u8),
        Worse { code: u16 },
    }
}

const ERRORS: &str = "use std::fmt;\nstruct Code(u16);\n\
    impl fmt::Debug for Code {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n        write!(f, \"E{:04}\", self.0)\n    }\n}\n\
    #[derive(Debug)]\nenum MyErr {\n    Bad(u8),\n    Worse { code: u16 },\n}\n";

/// Real Rust's side of a panic, to compare messages with.
type HostPanic = Box<dyn FnOnce() + std::panic::UnwindSafe>;

#[test]
fn unwrap_and_expect_show_the_error_as_its_debug_writes_it() {
    use errors::{Code, MyErr};
    use std::hint::black_box;
    use support::{host_panic, stops_with};
    let cases: Vec<(&str, HostPanic)> = vec![
        (
            "let r: Result<u8, Code> = Err(Code(512)); r.unwrap();",
            Box::new(|| {
                black_box(Err::<u8, Code>(Code(512))).unwrap();
            }),
        ),
        (
            "let r: Result<u8, MyErr> = Err(MyErr::Bad(3)); r.unwrap();",
            Box::new(|| {
                black_box(Err::<u8, MyErr>(MyErr::Bad(3))).unwrap();
            }),
        ),
        (
            "let r: Result<u8, MyErr> = Err(MyErr::Worse { code: 7 }); r.expect(\"worse\");",
            Box::new(|| {
                black_box(Err::<u8, MyErr>(MyErr::Worse { code: 7 })).expect("worse");
            }),
        ),
        (
            "let r: Result<u8, String> = Err(String::from(\"no \\\"way\\\"\")); r.expect(\"needed\");",
            Box::new(|| {
                black_box(Err::<u8, String>(String::from("no \"way\""))).expect("needed");
            }),
        ),
    ];
    for (body, host) in cases {
        let source = format!("{ERRORS}fn main() {{\n    {body}\n}}\n");
        assert_eq!(
            stops_with(&source),
            format!("panicked: {}", host_panic(host)),
            "\n{source}"
        );
    }
}
