//! What panics natively panics in the simulation, at the same place and
//! with the same message: each program here is built by rustc (a debug
//! build, so arithmetic overflow panics) and run; the line, column and
//! message its panic prints must be the simulation's, and so must what it
//! printed before. A `#[track_caller]` method (`unwrap`, `expect`, …)
//! panics where the method is named, an overloaded index (`Vec`'s,
//! `String`'s, any range) at its `[`, an operator or an array's or a
//! slice's index where the expression starts. (A std function that is not `#[track_caller]`,
//! `swap_remove`, panics at a line of std's own source, which a run of the
//! program cannot show: the simulation names the program's line.)

use std::path::Path;
use std::process::Command;

use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

const PANICKING: &[&str] = &[
    // `#[track_caller]`: at the method's name, whatever comes before it.
    "fn main() {\n    let v: Vec<u32> = Vec::new();\n    let x = v.first();\n    let y =   x\n        .unwrap();\n    println!(\"{}\", y);\n}\n",
    "fn main() {\n    let n: Result<u8, _> = \"300\".parse::<u8>();\n    println!(\"parsing\");\n    let m = n.unwrap();\n    println!(\"{m}\");\n}\n",
    "fn main() {\n    let words = vec![\"a\", \"b\"];\n    let w = words.iter().find(|w| w.len() > 3).expect(\"a long word\");\n    println!(\"{w}\");\n}\n",
    "fn main() {\n    let r: Result<u32, String> = Err(String::from(\"no disk\"));\n    let n = r.expect(\"the size\");\n    println!(\"{n}\");\n}\n",
    "fn main() {\n    let r: Result<u32, String> = Ok(3);\n    let e = r.unwrap_err();\n    println!(\"{e}\");\n}\n",
    "fn main() {\n    let o: Option<u8> = None;\n    println!(\"{}\", o.expect(\"a value\"));\n}\n",
    // Operators and built-in indexing (arrays, slices): where the
    // expression starts; an overloaded index (`Vec`'s, `String`'s,
    // `VecDeque`'s `Index`): at its `[`.
    "fn main() {\n    let v = vec![1u8, 2, 3];\n    let i = v.len() + 2;\n    println!(\"{}\", v[i]);\n}\n",
    "fn main() {\n    let mut v = vec![1u8, 2, 3];\n    let i = v.len();\n    v  [i] = 4;\n}\n",
    "use std::collections::VecDeque;\nfn main() {\n    let q: VecDeque<u8> = VecDeque::from([1, 2]);\n    let i = q.len();\n    println!(\"{}\", q[i]);\n}\n",
    "fn main() {\n    let s = String::from(\"hello\");\n    let n = s.len() + 4;\n    let t = &s[2..n];\n    println!(\"{t}\");\n}\n",
    "fn main() {\n    let v = vec![1u8, 2, 3];\n    let n = v.len() + 1;\n    let t = &v[1..n];\n    println!(\"{t:?}\");\n}\n",
    "fn main() {\n    let a = [1u8, 2, 3];\n    let n = a.len() + 1;\n    let t = &a[1..n];\n    println!(\"{t:?}\");\n}\n",
    "fn at(s: &[u8], i: usize) -> u8 {\n    s[i]\n}\nfn main() {\n    let v = vec![1u8, 2, 3];\n    println!(\"{}\", at(&v, 1));\n    println!(\"{}\", at(&v[1..], 2));\n}\n",
    "fn main() {\n    let mut x: u8 = 250;\n    for _ in 0..3 {\n        x = x + 3;\n        println!(\"{x}\");\n    }\n}\n",
    "fn main() {\n    let d = \"0\".parse::<i32>().unwrap();\n    println!(\"{}\", 10 / d);\n}\n",
    "fn main() {\n    let mut v = vec![1u8, 2, 3];\n    let i = v.len() + 2;\n    let x = v.remove(i);\n    println!(\"{x}\");\n}\n",
    "fn main() {\n    let mut v = vec![1u8, 2, 3];\n    v.insert(5, 9);\n}\n",
    "fn main() {\n    let v = vec![1u8, 2, 3];\n    let (a, b) = v.split_at(4);\n    println!(\"{a:?} {b:?}\");\n}\n",
    "use std::cell::RefCell;\nfn main() {\n    let c = RefCell::new(vec![1u8]);\n    let r = c.borrow();\n    c.borrow_mut().push(2);\n    println!(\"{}\", r.len());\n}\n",
    "fn main() {\n    let s = String::from(\"h\u{e9}llo\");\n    let t = &s[0..2];\n    println!(\"{t}\");\n}\n",
    "fn area(w: u32, h: u32) -> u32 {\n    w * h\n}\nfn main() {\n    println!(\"{}\", area(3, 4));\n    println!(\"{}\", area(70000, 70000));\n}\n",
    "fn main() {\n    let a = 3;\n    let b = 4;\n    assert_eq!(a + 1, b);\n    assert_eq!(a, b, \"a and b differ\");\n}\n",
    "fn main() {\n    let v: Vec<u8> = Vec::new();\n    assert!(!v.is_empty(), \"need {} items\", 2);\n}\n",
    "fn later() -> u32 {\n    todo!()\n}\nfn main() {\n    println!(\"{}\", later());\n}\n",
    "fn main() {\n    let x: i32 = \"-2147483648\".parse().unwrap();\n    let y = -x;\n    println!(\"{y}\");\n}\n",
    "fn main() {\n    let n: u32 = 1;\n    let k: u32 = \"40\".parse().unwrap();\n    let s = n << k;\n    println!(\"{s}\");\n}\n",
    "fn main() {\n    let mut v = vec![1u8, 2, 3];\n    let j = v.len() + 2;\n    v.swap(0, j);\n}\n",
    "fn main() {\n    let mut v = vec![1u8, 2, 3];\n    let j = v.len() + 6;\n    v[1..].swap(0, j);\n}\n",
    "fn main() {\n    let mut v = vec![1u8, 2, 3];\n    let at = v.len() + 2;\n    let w = v.split_off(at);\n    println!(\"{w:?}\");\n}\n",
    "fn main() {\n    let v = vec![1u8, 2, 3];\n    let n = v.len() - 3;\n    for c in v.chunks(n) {\n        println!(\"{c:?}\");\n    }\n}\n",
    "fn main() {\n    let mut s = String::from(\"hi\");\n    let i = s.len() + 7;\n    s.insert(i, 'x');\n}\n",
    // `panic!` and its kin: at the macro.
    "fn main() {\n    let n = 3;\n    if n > 2 {\n        panic!(\"too many: {}\", n);\n    }\n}\n",
    "fn check(n: u32) -> u32 {\n    match n {\n        0 => 1,\n        _ => unreachable!(\"n is {n}\"),\n    }\n}\nfn main() {\n    println!(\"{}\", check(0));\n    println!(\"{}\", check(4));\n}\n",
];

/// The program's panic, natively: its line, column and message, and what
/// it printed to stdout before it.
fn native_panic(source: &str, dir: &Path, slot: usize) -> (usize, usize, String, String) {
    let src = dir.join(format!("p{slot}.rs"));
    let bin = dir.join(format!("p{slot}"));
    std::fs::write(&src, source).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let built = Command::new(rustc)
        .args(["--edition", "2021", "-A", "warnings", "-o"])
        .arg(&bin)
        .arg(&src)
        .output()
        .expect("rustc runs");
    assert!(
        built.status.success(),
        "rustc refuses:\n{source}\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let ran = Command::new(&bin)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("the program runs");
    assert!(!ran.status.success(), "no panic:\n{source}");
    let stderr = String::from_utf8_lossy(&ran.stderr);
    // `thread 'main' (…) panicked at /…/p3.rs:4:13:\nmessage\nnote: …`
    let at = stderr.split_once("panicked at ").expect("a panic").1;
    let place = format!("{}:", src.display());
    let (line, rest) = at
        .strip_prefix(&place)
        .unwrap_or_else(|| panic!("a panic outside the program:\n{source}\n{at}"))
        .split_once(':')
        .unwrap();
    let (column, rest) = rest.split_once(":\n").unwrap();
    let message = rest.split("\nnote: ").next().unwrap().trim_end();
    (
        line.parse().unwrap(),
        column.parse().unwrap(),
        message.to_string(),
        String::from_utf8_lossy(&ran.stdout).into_owned(),
    )
}

#[test]
fn a_panic_is_where_and_as_rustcs_build_panics() {
    let dir = std::env::temp_dir().join(format!("allocscope-panics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut problems = Vec::new();
    for (slot, source) in PANICKING.iter().enumerate() {
        let (line, column, message, stdout) = native_panic(source, &dir, slot);
        let mut sim = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
        let run = scenario::run(source, &mut sim, Limits::default());
        let printed: String = run.output.iter().map(|l| format!("{l}\n")).collect();
        let same = matches!(&run.outcome, Outcome::Error(e)
            if (e.line, e.column) == (line, column) && e.message == format!("panicked: {message}"));
        if !same || printed != stdout {
            problems.push(format!(
                "{source}\nthe simulation: {:?}, printed {printed:?}\nnatively: {line}:{column}: {message}, printed {stdout:?}",
                run.outcome
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
