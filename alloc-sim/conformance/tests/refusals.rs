//! What rustc refuses, the simulation refuses, with rustc's words at
//! rustc's place: each program here is given to rustc (`--emit=metadata`:
//! type and borrow checks, no code), which must reject it with an error
//! at the line and column the simulation stops at, saying what the
//! simulation says; and the simulation must make no call the program
//! wrote. The programs rustc accepts are the corpus (`corpus.rs`), each of
//! which the simulation runs.

use std::path::Path;
use std::process::Command;

use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

/// Programs rustc refuses: a name nowhere in scope (E0425), a binding not
/// declared `mut` changed (E0384, E0594, E0596), values of one type where
/// another is declared or operands of two integer types (E0308, on lines
/// that never run too where the value is a literal), and the
/// errors of `#[repr]` enums and const generics.
const REFUSED: &[&str] = &[
    "fn main() {\n    let v = Vec::new();\n    v.push(1u8);\n}\n",
    "fn main() {\n    let x = 5;\n    x += 1;\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let total = 0u32;\n    for i in 0..3u32 {\n        total = total + i;\n    }\n}\n",
    "fn main() {\n    for i in 0..3 {\n        i += 1;\n    }\n}\n",
    "fn grow(v: Vec<u32>) -> Vec<u32> {\n    v.push(1);\n    v\n}\nfn main() {\n    grow(Vec::new());\n}\n",
    "fn reset(n: u32) {\n    n = 0;\n}\nfn main() {\n    reset(1);\n}\n",
    "struct Counter {\n    n: u32,\n}\nimpl Counter {\n    fn new() -> Self {\n        Counter { n: 0 }\n    }\n    fn bump(&mut self) {\n        self.n += 1;\n    }\n}\nfn main() {\n    let c = Counter::new();\n    if false {\n        c.bump();\n    }\n}\n",
    "struct Bag {\n    items: Vec<u32>,\n    label: String,\n}\nfn main() {\n    let b = Bag { items: vec![], label: String::new() };\n    b.items.push(3);\n}\n",
    "struct Point {\n    x: u32,\n    y: u32,\n}\nfn main() {\n    let p = Point { x: 1, y: 2 };\n    p.x = 5;\n}\n",
    "fn main() {\n    let a = [1u8, 2, 3];\n    a[0] = 9;\n}\n",
    "fn main() {\n    let v = vec![1u8, 2, 3];\n    v[0] = 9;\n}\n",
    "fn main() {\n    let s = String::new();\n    let r = &mut s;\n    r.push('a');\n}\n",
    "fn main() {\n    let s = String::from(\"hi\");\n    s.push_str(\" there\");\n}\n",
    "use std::collections::HashMap;\nfn main() {\n    let counts: HashMap<String, u32> = HashMap::new();\n    counts.insert(String::from(\"a\"), 1);\n}\n",
    "use std::collections::VecDeque;\nfn main() {\n    let q = VecDeque::new();\n    q.push_back(1u8);\n}\n",
    "fn main() {\n    let n = 0;\n    let add = || n += 1;\n}\n",
    "fn main() {\n    let words = vec![\"b\", \"a\"];\n    words.sort();\n}\n",
    "fn main() {\n    let s = String::new();\n    let n: u32 = s;\n}\n",
    "fn main() {\n    let v = vec![1u8, 2, 3];\n    let n: u64 = v.len();\n}\n",
    // An operator trait's impl without its method (E0046).
    "use std::ops::Add;\nstruct P {\n    x: i32,\n}\nimpl Add for P {\n    type Output = P;\n}\nfn main() {\n    let a = P { x: 1 };\n    println!(\"{}\", a.x);\n}\n",
    // A tuple written out for a tuple type: each element judged, at its place.
    "fn main() {\n    let s = String::from(\"x\");\n    let (a, b): (i32, String) = (1, 5);\n    println!(\"{a} {b} {s}\");\n}\n",
    "fn main() {\n    if false {\n        let (a, b): (u8, f64) = (1, 2);\n        println!(\"{a} {b}\");\n    }\n}\n",
    // An operator on a type of the program's with no `impl` for these
    // operands (E0369), at the operator.
    "#[derive(Clone, Copy)]\nstruct V {\n    x: i32,\n}\nfn main() {\n    let a = V { x: 1 };\n    let b = a % a;\n}\n",
    "#[derive(Clone, Copy)]\nstruct V {\n    x: i32,\n}\nfn main() {\n    let a = V { x: 1 };\n    let b = a << 1;\n}\n",
    "use std::ops::Add;\n#[derive(Clone, Copy)]\nstruct V {\n    x: i32,\n}\nimpl Add for V {\n    type Output = V;\n    fn add(self, o: V) -> V {\n        V { x: self.x + o.x }\n    }\n}\nfn main() {\n    let a = V { x: 1 };\n    let b = &a + &a;\n}\n",
    "use std::ops::Sub;\n#[derive(Clone, Copy)]\nstruct V {\n    x: i32,\n}\nimpl Sub for &V {\n    type Output = V;\n    fn sub(self, o: &V) -> V {\n        V { x: self.x - o.x }\n    }\n}\nfn main() {\n    let a = V { x: 1 };\n    let b = a - a;\n}\n",
    // `fmt::Write`'s methods without the trait in scope (E0599); `x.fmt(f)`
    // with no trait of `std::fmt` in scope that `x` implements (E0599), or
    // with two (E0034): the trait of a `fmt`'s own `impl` is in scope in
    // it, and not in a helper it calls.
    "fn main() {\n    let mut s = String::new();\n    write!(s, \"{}\", 5).unwrap();\n    println!(\"{s}\");\n}\n",
    "use std::fmt;\nstruct T(u32);\nimpl fmt::Display for T {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n        f.write_char('a')\n    }\n}\nfn main() {\n    println!(\"{}\", T(1));\n}\n",
    "use std::fmt::{Debug, Display};\nstruct T(u32);\nimpl Display for T {\n    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {\n        self.0.fmt(f)\n    }\n}\nfn main() {\n    println!(\"{}\", T(1));\n}\n",
    "use std::fmt;\nstruct N(String);\nfn show(n: &N, f: &mut fmt::Formatter) -> fmt::Result {\n    n.0.fmt(f)\n}\nimpl fmt::Display for N {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n        show(self, f)\n    }\n}\nfn main() {\n    println!(\"{}\", N(String::from(\"a\")));\n}\n",
    "use std::fmt;\n#[derive(Debug)]\nstruct P(u8);\nstruct N(P);\nimpl fmt::Display for N {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n        self.0.fmt(f)\n    }\n}\nfn main() {\n    println!(\"{}\", N(P(1)));\n}\n",
    "use std::fmt::{self, Debug, LowerHex};\nstruct N(String, f64);\nimpl fmt::Display for N {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n        self.0.fmt(f)\n    }\n}\nfn main() {\n    println!(\"{}\", N(String::new(), 1.0));\n}\n",
    // `From` where std has no impl: one that could lose values, or a
    // literal that falls back to `i32` (E0277).
    "fn main() {\n    let x = u64::from(5);\n    println!(\"{}\", x);\n}\n",
    "fn main() {\n    let big = 5u64;\n    let x: u32 = big.into();\n    println!(\"{}\", x);\n}\n",
    "fn main() {\n    let n = 3u32;\n    let i = usize::from(n);\n    println!(\"{}\", i);\n}\n",
    // A call with the wrong number of arguments (E0057, E0061).
    "fn main() {\n    let f = |x: u32| x + 1;\n    let y = f(1, 2);\n}\n",
    "enum E {\n    A(u8),\n}\nfn main() {\n    let e = E::A(1, 2);\n}\n",
    "struct P(u8);\nfn main() {\n    let p = P();\n}\n",
    "fn two(a: u8, b: u8) -> u8 {\n    a + b\n}\nfn main() {\n    println!(\"{}\", two(1));\n}\n",
    "fn main() {\n    let mut v: Vec<u8> = Vec::new();\n    v.push();\n}\n",
    "fn main() {\n    let b = Box::new();\n}\n",
    "fn main() {\n    let n = 5u32.pow();\n}\n",
    "fn main() {\n    let a = 9223372036854775808.to_string();\n    println!(\"{}\", a);\n}\n",
    "fn main() {\n    let small = 5u8;\n    let n: u32 = small;\n}\n",
    // `-` on an unsigned integer (E0600).
    "fn main() {\n    let x = 5u32;\n    let y = -x;\n}\n",
    "fn main() {\n    let (a, b) = (1u32, 2u64);\n    let c = a + b;\n}\n",
    "fn main() {\n    let v = vec![1u8];\n    let n = 3u64;\n    if v.len() < n {}\n}\n",
    "fn main() {\n    let mut x = 1u32;\n    x += 2i64;\n}\n",
    "fn twice(x: u32) -> u32 {\n    x * 2\n}\nfn main() {\n    let n = 3u64;\n    twice(n);\n}\n",
    // A literal where a type is declared it cannot be (E0308), on lines
    // that never run: a function never called, a branch never taken.
    "fn helper() -> u32 {\n    \"oops\"\n}\nfn main() {\n    println!(\"hi\");\n}\n",
    "fn main() {\n    let n = 3;\n    if n > 5 {\n        let s: String = \"big\";\n        println!(\"{}\", s);\n    }\n}\n",
    "struct Block {\n    size: usize,\n    free: bool,\n}\nfn main() {\n    let v: Vec<Block> = Vec::new();\n    if v.is_empty() {\n        return;\n    }\n    let b = Block { size: 16, free: 1 };\n    println!(\"{}\", b.size);\n}\n",
    "fn area(w: f64, h: f64) -> f64 {\n    w * h\n}\nfn main() {\n    if false {\n        let a = area(2, 3.0);\n        println!(\"{}\", a);\n    }\n}\n",
    "fn first(v: &[u32]) -> u32 {\n    if v.is_empty() {\n        return 0.5;\n    }\n    v[0]\n}\nfn main() {\n    println!(\"{}\", first(&[4]));\n}\n",
    "struct Arena;\nimpl Arena {\n    fn take(&mut self, size: usize, align: usize) -> usize {\n        size + align\n    }\n}\nfn main() {\n    let mut a = Arena;\n    if false {\n        Arena::take(&mut a, 16, 8u8);\n    }\n}\n",
    "struct Pool {\n    used: usize,\n}\nimpl Pool {\n    fn take(&mut self, size: usize) -> usize {\n        self.used += size;\n        self.used\n    }\n    fn grow(&mut self) {\n        if self.used > 100 {\n            self.take(1.5);\n        }\n    }\n}\nfn main() {\n    let mut p = Pool { used: 0 };\n    p.grow();\n}\n",
    "struct Pool {\n    used: usize,\n}\nimpl Pool {\n    fn take(&mut self, size: usize) -> usize {\n        self.used += size;\n        self.used\n    }\n}\nfn main() {\n    let mut p = Pool { used: 0 };\n    if p.used > 0 {\n        p.take(\"all\");\n    }\n}\n",
    // Names nowhere in scope (E0425), on lines that never run too.
    "fn main() {\n    let total = 1;\n    if total > 5 {\n        let doubled = totl * 2;\n        println!(\"{}\", doubled);\n    }\n}\n",
    "fn main() {\n    let v = vec![1u32, 2];\n    if v.is_empty() {\n        helper(v.len());\n    }\n}\n",
    "struct Point(u32, u32);\nfn main() {\n    let n = 3;\n    if n > 9 {\n        let p = Pont(1, 2);\n    }\n}\n",
    "fn main() {\n    {\n        let inner = 3;\n        println!(\"{}\", inner);\n    }\n    let y = inner + 1;\n}\n",
    "fn main() {\n    let words = vec![\"a\", \"b\"];\n    let n = words.iter().map(|w| w.len() + offset).count();\n}\n",
    "fn main() {\n    for i in 0..3 {\n        println!(\"{}\", i);\n    }\n    let last = i;\n}\n",
    // `#[repr]` on enums: discriminants out of the tag's range, and the
    // hints rustc refuses.
    "#[repr(u8)]\nenum Level {\n    Top = 255,\n    Over,\n}\nfn main() {\n    let _ = Level::Top;\n}\n",
    "#[repr(u8)]\nenum Level {\n    Low = 1,\n    High = 256,\n}\nfn main() {\n    let _ = Level::Low;\n}\n",
    "#[repr(u8)]\nenum Level {\n    Low = -1,\n    High,\n}\nfn main() {\n    let _ = Level::Low;\n}\n",
    "#[repr(i8)]\nenum Temp {\n    Cold = -128,\n    Hot = 128,\n}\nfn main() {\n    let _ = Temp::Cold;\n}\n",
    "#[repr(i8)]\nenum Temp {\n    Cold = -100,\n    Hot = 200,\n}\nfn main() {\n    let _ = Temp::Cold;\n}\n",
    "pub enum Level {\n    Low = 1,\n    High = 1,\n}\nfn main() {\n    let _ = Level::Low;\n}\n",
    "#[repr(C, u8)]\nenum Level {\n    Low,\n    High,\n}\nfn main() {\n    let _ = Level::Low;\n}\n",
    "#[repr(u8, u16)]\nenum Level {\n    Low,\n    High,\n}\nfn main() {\n    let _ = Level::Low;\n}\n",
    // Const generics: a type for a constant and the reverse (E0747), a
    // value its type cannot hold, a value nothing gives (E0284).
    "struct Ring<const N: usize> {\n    slots: [u32; N],\n}\nfn main() {\n    let r: Ring<u8> = Ring { slots: [0; 2] };\n    println!(\"{}\", r.slots.len());\n}\n",
    "struct Small<const N: u8> {\n    n: [u8; 2],\n}\nfn main() {\n    let r: Small<300> = Small { n: [0; 2] };\n    println!(\"{}\", r.n.len());\n}\n",
    "fn total<const N: usize>(xs: &[u32]) -> u32 {\n    xs.iter().sum::<u32>() + N as u32\n}\nfn main() {\n    println!(\"{}\", total(&[1, 2]));\n}\n",
    "struct Pair<T> {\n    a: T,\n}\nfn main() {\n    let p: Pair<3> = Pair { a: 1 };\n    println!(\"{}\", p.a);\n}\n",
    // An unsuffixed literal out of the range of the type its place gives
    // it: assigned to a binding, a field or a Vec's element, an operand
    // of an operator or a compound assignment, negated (`-129` of an i8).
    "fn main() {\n    let mut x: u8 = 1;\n    x = 256;\n    println!(\"{x}\");\n}\n",
    "struct S {\n    x: u8,\n}\nfn main() {\n    let mut s = S { x: 1 };\n    s.x = 300;\n    println!(\"{}\", s.x);\n}\n",
    "fn main() {\n    let mut v: Vec<u8> = vec![1];\n    v[0] = 300;\n    println!(\"{v:?}\");\n}\n",
    "fn main() {\n    let x: u8 = 1;\n    let y = x + 300;\n    println!(\"{y}\");\n}\n",
    "fn main() {\n    let mut x: u8 = 1;\n    x += 300;\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let x: i16 = 5;\n    let y = 40000 - x;\n    println!(\"{y}\");\n}\n",
    "fn main() {\n    let x: i8 = -129;\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let mut x: i8 = 0;\n    x = -(200);\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let o: Option<i32> = Some(-9223372036854775808);\n    println!(\"{o:?}\");\n}\n",
    // A negated literal where an unsigned type is wanted: `-` on it
    // (E0600), or an operand with no `Neg` (E0277).
    "fn main() {\n    let x: u8 = -1;\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let mut x: u32 = 5;\n    x = -3;\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let x: u8 = 5;\n    let y = x + -1;\n    println!(\"{y}\");\n}\n",
    "fn main() {\n    let mut x: u32 = 5;\n    x -= -(3);\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let x: u16 = 5;\n    let y = -2 * x;\n    println!(\"{y}\");\n}\n",
    // A literal bound with no type, given where a type is declared: the
    // binding is that type, and so is the literal, where it is written.
    "fn main() {\n    let a = 300;\n    let b: u8 = a;\n    println!(\"{b}\");\n}\n",
    "fn f(x: u8) -> u8 {\n    x\n}\nfn main() {\n    let a = 300;\n    let b = f(a);\n    println!(\"{b}\");\n}\n",
    "struct S {\n    x: i8,\n}\nfn main() {\n    let a = (-129);\n    let s = S { x: a };\n    println!(\"{}\", s.x);\n}\n",
    "fn main() {\n    let a = -1;\n    let b: u32 = a;\n    println!(\"{b}\");\n}\n",
    "fn half(n: u16) -> u16 {\n    let big = 70000;\n    if n > 0 {\n        return big;\n    }\n    n / 2\n}\nfn main() {\n    println!(\"{}\", half(4));\n}\n",
    // … given in a macro's arguments; assigned, before or after the place
    // that fixes the binding's type; an element of an array or a `vec!`.
    "fn f(x: u8) -> u8 {\n    x\n}\nfn main() {\n    let a = 300;\n    println!(\"{}\", f(a));\n}\n",
    "fn half(x: u8) -> u8 {\n    x / 2\n}\nfn main() {\n    let a = 256;\n    let s = format!(\"{n}\", n = half(a));\n    println!(\"{s}\");\n}\n",
    "fn main() {\n    let mut a = 0;\n    a = 300;\n    let b: u8 = a;\n    println!(\"{b}\");\n}\n",
    "fn main() {\n    let mut a = 0;\n    let b: u8 = a;\n    a += 256;\n    println!(\"{a} {b}\");\n}\n",
    "fn main() {\n    let a;\n    a = -1;\n    let b: u32 = a;\n    println!(\"{b}\");\n}\n",
    "fn main() {\n    let a = 300;\n    let v: Vec<u8> = vec![1, a];\n    println!(\"{v:?}\");\n}\n",
    "fn main() {\n    let a = 128;\n    let r: [i8; 4] = [a; 4];\n    println!(\"{r:?}\");\n}\n",
    "fn main() {\n    let names: Vec<String> = vec![String::new(), \"b\"];\n    println!(\"{names:?}\");\n}\n",
    // A literal stored through a reference, or in an element of an array.
    "fn main() {\n    let mut x: u8 = 1;\n    let r = &mut x;\n    *r = 300;\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let a = [1u8, 2, 3];\n    let mut b = a;\n    b[1] = 256;\n    println!(\"{b:?}\");\n}\n",
    "fn main() {\n    let mut grid = [[0u16; 2]; 2];\n    let i = 1;\n    grid[i][0] = 70000;\n    println!(\"{grid:?}\");\n}\n",
    "#[repr(packed)]\nenum Level {\n    Low,\n    High,\n}\nfn main() {\n    let _ = Level::Low;\n}\n",
    "#[repr(u8)]\nenum Never {}\nfn main() {\n    let v: Vec<u8> = Vec::new();\n    println!(\"{}\", v.len());\n}\n",
];

/// rustc's errors for `source`: (line, column, message, label).
fn rustc_errors(source: &str, dir: &Path, slot: usize) -> Vec<(usize, usize, String, String)> {
    let src = dir.join(format!("r{slot}.rs"));
    std::fs::write(&src, source).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .args([
            "--edition",
            "2021",
            "--error-format=short",
            "--emit=metadata",
        ])
        .arg("--out-dir")
        .arg(dir)
        .arg(&src)
        .output()
        .expect("rustc runs");
    assert!(!out.status.success(), "rustc accepts:\n{source}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let prefix = format!("{}:", src.display());
    stderr
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix(&prefix)?;
            let (line, rest) = rest.split_once(':')?;
            // `error[E0384]: …`, or a deny-by-default lint's `error: …`.
            let (column, rest) = rest.split_once(": error")?;
            let text = match rest.strip_prefix(": ") {
                Some(text) => text,
                None => rest.strip_prefix('[')?.split_once("]: ")?.1,
            };
            let (message, label) = text.rsplit_once(": ").unwrap_or((text, ""));
            Some((
                line.parse().ok()?,
                column.parse().ok()?,
                message.to_string(),
                label.to_string(),
            ))
        })
        .collect()
}

#[test]
fn what_rustc_refuses_the_simulation_refuses_where_and_as_rustc_does() {
    let dir = std::env::temp_dir().join(format!("allocscope-refusals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut problems = Vec::new();
    for (slot, source) in REFUSED.iter().enumerate() {
        let errors = rustc_errors(source, &dir, slot);
        let mut sim = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
        let run = scenario::run(source, &mut sim, Limits::default());
        let Outcome::Error(e) = &run.outcome else {
            problems.push(format!(
                "{source}\nran to {:?}; rustc says {errors:?}",
                run.outcome
            ));
            continue;
        };
        // rustc's words, then perhaps a help of the simulation's own, as
        // rustc's `help:` lines follow its message.
        let words = e
            .message
            .split_once("; help: ")
            .map_or(&*e.message, |(w, _)| w);
        let said = errors.iter().any(|(line, column, message, label)| {
            (*line, *column) == (e.line, e.column)
                && (words == message || words == format!("{message}: {label}"))
        });
        if !said {
            problems.push(format!("{source}\nthe simulation: {e}\nrustc: {errors:?}"));
        }
        // Refused before it runs: no call the program wrote.
        if run.calls.iter().any(|c| !c.implicit) && e.message.contains("mutable") {
            problems.push(format!("{source}\nmade calls before its refusal"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
