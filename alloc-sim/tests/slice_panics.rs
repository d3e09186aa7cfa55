//! Slicing out of range panics in a scenario with the message real Rust
//! gives: each case is sliced natively (the panic caught) and in a
//! scenario, and the two messages must be the same.

use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

/// The message of the panic `f` raises.
fn panic_of(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(f).expect_err("it should panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// What the scenario `body` (inside `fn main`) stops with.
fn scenario_error(body: &str) -> String {
    let program = format!("fn main() {{ {body} }}");
    let mut sim = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
    match scenario::run(&program, &mut sim, Limits::default()).outcome {
        Outcome::Error(e) => e.message,
        other => panic!("{body}: expected a panic, got {other:?}"),
    }
}

#[test]
fn slices_out_of_range_panic_as_std_does() {
    std::panic::set_hook(Box::new(|_| {}));
    let v = [3u32, 9, 2, 7];
    let (a, b, c, d) = (2usize, 1usize, 5usize, 9usize);
    let cases: Vec<(&str, String)> = vec![
        (
            "let v = vec![3u32, 9, 2, 7]; let s = &v[2..1]; println!(\"{:?}\", s);",
            panic_of(|| {
                let _ = &v[a..b];
            }),
        ),
        (
            "let v = vec![3u32, 9, 2, 7]; let s = &v[1..5]; println!(\"{:?}\", s);",
            panic_of(|| {
                let _ = &v[b..c];
            }),
        ),
        (
            "let v = vec![3u32, 9, 2, 7]; let s = &v[9..]; println!(\"{:?}\", s);",
            panic_of(|| {
                let _ = &v[d..];
            }),
        ),
        (
            "let v = vec![3u32, 9, 2, 7]; let s = &v[..=4]; println!(\"{:?}\", s);",
            panic_of(|| {
                let _ = &v[..=v.len()];
            }),
        ),
        (
            "let v = [1u8, 2, 3]; let (x, y) = v.split_at(5); println!(\"{:?} {:?}\", x, y);",
            panic_of(|| {
                let _ = [1u8, 2, 3].split_at(c);
            }),
        ),
    ];
    let text = String::from("añb");
    let str_cases: Vec<(&str, String)> = vec![
        (
            "let s = String::from(\"añb\"); println!(\"{}\", &s[..2]);",
            panic_of(|| {
                let _ = &text[..a];
            }),
        ),
        (
            "let s = \"añb\"; println!(\"{}\", &s[2..1]);",
            panic_of(|| {
                let _ = &text[a..b];
            }),
        ),
        (
            "let s = \"añb\"; println!(\"{}\", &s[1..9]);",
            panic_of(|| {
                let _ = &text[b..d];
            }),
        ),
        (
            "let s = \"añb\"; let (x, y) = s.split_at(2); println!(\"{} {}\", x, y);",
            panic_of(|| {
                let _ = text.split_at(a);
            }),
        ),
    ];
    let _ = std::panic::take_hook();
    for (body, real) in cases.into_iter().chain(str_cases) {
        assert_eq!(scenario_error(body), format!("panicked: {real}"), "{body}");
    }
}
