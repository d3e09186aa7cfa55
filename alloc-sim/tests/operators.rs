//! The operator traits of `std::ops` on the program's own types: each
//! operator calls the program's method as rustc's desugaring does, so what
//! the method allocates is in the log where the operator is (checked
//! against real Rust in `conformance`: corpus programs 147, 148 and 151,
//! and 152, which is this file's first program); and an operator on a
//! type without the impl stops the program.

use alloc_sim::scenario::Outcome;
use alloc_sim::CallOp;

mod support;
use support::{error_of, own_calls, run_on_heap};

const POLY: &str = "use std::ops::{Add, AddAssign};\n#[derive(Debug)]\nstruct Poly(Vec<u64>);\n\
    impl Add for Poly {\n    type Output = Poly;\n    fn add(self, o: Poly) -> Poly {\n        let mut out = self.0.clone();\n        out.extend(o.0.iter());\n        Poly(out)\n    }\n}\n\
    impl AddAssign<u64> for Poly {\n    fn add_assign(&mut self, k: u64) {\n        self.0.push(k);\n    }\n}\n";

#[test]
fn an_operator_runs_the_programs_method_and_its_allocations() {
    let source = format!(
        "{POLY}fn main() {{\n    let a = Poly(vec![1]);\n    let b = Poly(vec![2, 3]);\n    let mut c = a + b;\n    c += 9;\n    println!(\"{{:?}}\", c);\n}}\n"
    );
    let (run, _) = run_on_heap(&source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    assert_eq!(run.output, vec!["Poly([1, 2, 3, 9])"]);
    // `add`'s clone of `a`'s one element (capacity 1), grown for `b`'s two
    // (to std's minimum of 4), then the blocks of `b` and `a`, moved into
    // `add`, freed as it returns; `add_assign`'s push fits in the fourth
    // slot, so `+=` allocates nothing; `c` is freed at the end of `main`.
    let calls = own_calls(&run);
    let ops: Vec<(CallOp, u64)> = calls.iter().map(|c| (c.0, c.1)).collect();
    assert_eq!(
        ops,
        [
            (CallOp::Alloc, 8),    // vec![1]
            (CallOp::Alloc, 16),   // vec![2, 3]
            (CallOp::Alloc, 8),    // self.0.clone()
            (CallOp::Realloc, 32), // out.extend(…)
            (CallOp::Dealloc, 16), // o
            (CallOp::Dealloc, 8),  // self
            (CallOp::Dealloc, 32), // c
        ]
    );
}

#[test]
fn an_operator_on_a_type_without_the_impl_stops_the_program() {
    let e = error_of(
        "struct P {\n    x: i32,\n}\nfn main() {\n    let a = P { x: 1 };\n    let b = P { x: 2 };\n    let c = a + b;\n    println!(\"{}\", c.x);\n}\n",
    );
    assert_eq!(e.line, 7, "{e:?}");
}

#[test]
fn an_impl_without_its_method_is_refused_where_rustc_refuses_it() {
    let e = error_of(
        "use std::ops::Neg;\nstruct P(i32);\nimpl Neg for P {\n    type Output = P;\n}\nfn main() {\n    let p = P(1);\n    println!(\"{}\", p.0);\n}\n",
    );
    assert_eq!((e.line, e.column), (3, 1));
    assert_eq!(e.message, "not all trait items implemented, missing: `neg`");
}
