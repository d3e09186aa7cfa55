//! Mutations: a seed input changed a few times over, each change drawn
//! from a seeded generator, so one `--seed` gives the same inputs in the
//! same order on any machine.
//!
//! The changes are textual and know only a little of each format: spans
//! deleted, duplicated or spliced in from another seed of the same
//! target, fragments inserted that are known to hurt interpreters (an
//! endless loop, nesting thousands deep, a huge literal or allocation,
//! unbounded recursion, odd strings), numbers swapped for edge values, and
//! tokens swapped. Every result is valid UTF-8: the parsers take `&str`.

use proptest::prelude::Rng as _;
use proptest::test_runner::{RngAlgorithm, TestRng};

use crate::targets::Target;

/// A seeded source of choices.
#[derive(Debug)]
pub struct Dice(TestRng);

impl Dice {
    /// The generator for `seed` (ChaCha, as proptest's own runs use).
    pub fn new(seed: u64) -> Dice {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        Dice(TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.0.next_u64() % n as u64) as usize
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.0.next_u64() % (hi - lo + 1)
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One of `words`.
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Numbers at the edges of the types the formats use.
const EDGE_NUMBERS: &[&str] = &[
    "0",
    "1",
    "7",
    "8",
    "15",
    "16",
    "255",
    "256",
    "4095",
    "4096",
    "65536",
    "2147483647",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211455",
    "99999999999999999999999999999999999999999",
    "-1",
    "-9223372036854775808",
];

/// Text that any format may choke on.
const ODD_TEXT: &[&str] = &[
    "\0",
    "\r",
    "\r\n",
    "\t",
    "\\",
    "\"",
    "'",
    "é",
    "\u{202e}",
    "\u{feff}",
    "\u{10ffff}",
    "𝕏",
    "👩‍👩‍👧",
    "ß",
    "İ",
    "\u{300}",
];

/// Fragments of Rust that stress an interpreter, one line or one
/// statement each; `{n}` stands for an edge number.
const RUST_FRAGMENTS: &[&str] = &[
    "loop {}",
    "while true {}",
    "let mut i = 0u64; loop { i += 1; }",
    "fn f() { f() }",
    "fn g(n: u64) -> u64 { g(n + 1) + 1 }",
    "f();",
    "g(0);",
    "let v = vec![0u64; 1 << 40];",
    "let v: Vec<u8> = Vec::with_capacity(usize::MAX);",
    "let v: Vec<u64> = Vec::with_capacity({n});",
    "let s = String::with_capacity({n});",
    "let l = std::alloc::Layout::from_size_align(1 << 62, 8).unwrap();",
    "let l = std::alloc::Layout::from_size_align({n}, {n}).unwrap();",
    "let p = unsafe { std::alloc::alloc(std::alloc::Layout::from_size_align(1 << 62, 8).unwrap()) };",
    "unsafe { std::alloc::dealloc(8 as *mut u8, std::alloc::Layout::new::<u64>()) }",
    "unsafe { *(0 as *mut u8) = 1 }",
    "unsafe { *(usize::MAX as *mut u64) = 1 }",
    "static mut X: [u8; 1 << 30] = [0; 1 << 30];",
    "static mut Y: u64 = {n};",
    "unsafe { Y += 1; }",
    "let a = [0u8; 1 << 24];",
    "let a = [[0u64; 4096]; 4096];",
    "let x: u64 = {n};",
    "let x = {n} * {n};",
    "let x = 1u8 << 9;",
    "let x = i64::MIN / -1;",
    "let x = 1 / 0;",
    "let x = 0x_FFFF_FFFF_FFFF_FFFF_FFFF;",
    "let x = 1e308 * 10.0;",
    "let c = '\\u{10FFFF}';",
    "let c = '\\0';",
    "let s = \"\\u{202e}é𝕏\\\\\\\"\";",
    "let s = r#\"\"#;",
    "let b = b\"\\xff\\x00\";",
    "let s = \"é\".repeat(1 << 20);",
    "let s = \"ab\".repeat({n});",
    "let s = &\"héllo\"[1..2];",
    "let v: Vec<Vec<u8>> = (0..100000).map(|_| vec![0; 1000]).collect();",
    "let mut v = Vec::new(); loop { v.push(Box::new([0u64; 512])); }",
    "let b = Box::new(Box::new(Box::new(Box::new(Box::new(Box::new(1))))));",
    "let r = std::rc::Rc::new(std::cell::RefCell::new(None::<u8>));",
    "let m: std::collections::HashMap<u64, String> = (0..{n}).map(|i| (i, i.to_string())).collect();",
    "std::mem::forget(vec![1, 2, 3]);",
    "std::process::abort();",
    "panic!(\"{}\", usize::MAX);",
    "println!(\"{:>1000000}\", 1);",
    "println!(\"{:.999999}\", 1.0);",
    "impl Drop for S { fn drop(&mut self) { drop(S) } }",
    "struct S;",
    "struct T(T);",
    "struct U { next: Option<Box<U>>, big: [u64; 1 << 20] }",
    "enum E { A(Box<E>), B }",
    "trait Tr { fn m(&self) -> Self; }",
    "impl<T> Tr for T { fn m(&self) -> T { self.m() } }",
    "let x = &mut *Box::leak(Box::new(5));",
    "#[global_allocator] static A: std::alloc::System = std::alloc::System;",
    "}",
    "{",
    "fn main() {}",
];

/// Fragments of malloc lab's trace format and allocscope's extensions.
const TRACE_FRAGMENTS: &[&str] = &[
    "a 0 {n}",
    "a {n} {n}",
    "a 0 16 {n}",
    "a 0 16 8 @{n}",
    "r 0 {n}",
    "r 0 0",
    "f 0",
    "f {n}",
    "a 1 0",
    "f 1\nf 1",
    "{n}\n{n}\n{n}\n1",
    "# comment",
    "a",
    "r",
    "@",
    "x 1 2",
];

/// Fragments of share links.
const SHARE_FRAGMENTS: &[&str] = &[
    "v4;",
    "v3;",
    ";",
    "|",
    ":",
    ",",
    "=",
    "heap={n}",
    "page={n}",
    "first-fit:heap={n}",
    "bump:heap=256",
    "%",
    "%FF",
    "-",
    "+",
    "$",
    "AAAAAAAAAAAAAAAAAAAA",
    "////",
];

/// Fragments of the progress text and the file a class hands in.
const PROGRESS_FRAGMENTS: &[&str] = &[
    "answer {n} x\n",
    "solved {n}\n",
    "code {n} fn main() {}\\n\n",
    "drill {n} {n} {n} {n} {n} {n} {n}\n",
    "drill 0 0 0 0 0 0\n",
    "lesson 01-x\n",
    "name \n",
    "allocscope progress 1\n",
    "\\",
    "\\n",
    "\\\\",
    "\\u",
];

/// Rust wrapped so that a fragment lands inside `main`, or beside it.
fn rust_fragment(dice: &mut Dice) -> String {
    let deep = dice.between(100, 3000) as usize;
    match dice.below(8) {
        0 => format!("let x = {}1{};", "(".repeat(deep), ")".repeat(deep)),
        1 => format!("{}{}", "{".repeat(deep), "}".repeat(deep)),
        2 => format!("let x = {}1;", "&".repeat(deep)),
        3 => {
            let terms = dice.between(1000, 20_000) as usize;
            format!("let x = 1{};", " + 1".repeat(terms))
        }
        4 => format!(
            "let v = {}0{};",
            "vec![".repeat(deep / 4),
            "]".repeat(deep / 4)
        ),
        5 => "(".repeat(deep),
        _ => fill_numbers(dice.word(RUST_FRAGMENTS), dice),
    }
}

/// `{n}` in `template`, each replaced by an edge number.
fn fill_numbers(template: &str, dice: &mut Dice) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(at) = rest.find("{n}") {
        out.push_str(&rest[..at]);
        out.push_str(dice.word(EDGE_NUMBERS));
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

/// A fragment for `target`'s format.
fn fragment(target: Target, dice: &mut Dice) -> String {
    if dice.one_in(6) {
        return (dice.word(ODD_TEXT)).to_string();
    }
    match target {
        Target::Scenario | Target::Allocator => rust_fragment(dice),
        Target::Trace => fill_numbers(dice.word(TRACE_FRAGMENTS), dice),
        Target::Share => fill_numbers(dice.word(SHARE_FRAGMENTS), dice),
        Target::Progress => fill_numbers(dice.word(PROGRESS_FRAGMENTS), dice),
    }
}

/// The nearest char boundary at or below `at`.
fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A random span of `text`, on char boundaries, mostly short.
fn span(text: &str, dice: &mut Dice) -> (usize, usize) {
    let start = floor(text, dice.below(text.len() + 1));
    let longest = if dice.one_in(4) { 4096 } else { 32 };
    let end = floor(text, start + dice.below(longest) + 1);
    (start, end)
}

/// A place to insert at: anywhere, or at the start of a line, or just
/// inside `fn main() {` (where a statement runs).
fn insertion_point(text: &str, dice: &mut Dice) -> usize {
    match dice.below(3) {
        0 => text
            .find("fn main() {")
            .map_or(0, |at| at + "fn main() {".len()),
        1 => {
            let at = floor(text, dice.below(text.len() + 1));
            text[..at].rfind('\n').map_or(0, |nl| nl + 1)
        }
        _ => floor(text, dice.below(text.len() + 1)),
    }
}

/// The tokens of `text`: runs of word characters, and each other
/// non-space character alone, as byte ranges.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let wordy = c.is_alphanumeric() || c == '_';
        match (word, wordy) {
            (None, true) => word = Some(at),
            (Some(start), false) => {
                out.push((start, at));
                word = None;
            }
            _ => {}
        }
        if !wordy && !c.is_whitespace() {
            out.push((at, at + c.len_utf8()));
        }
    }
    if let Some(start) = word {
        out.push((start, text.len()));
    }
    out
}

/// `text` changed by one mutation; `donors` are the other seeds of the
/// same target, for splicing.
fn mutate_once(text: &str, target: Target, donors: &[String], dice: &mut Dice) -> String {
    let mut out = text.to_string();
    match dice.below(9) {
        0 => {
            let (a, b) = span(&out, dice);
            out.replace_range(a..b, "");
        }
        1 => {
            let (a, b) = span(&out, dice);
            let copy = out[a..b].to_string();
            let times = if dice.one_in(8) { 64 } else { 1 };
            out.insert_str(b, &copy.repeat(times));
        }
        2 if !donors.is_empty() => {
            let donor = dice.pick(donors);
            let (a, b) = span(donor, dice);
            let at = insertion_point(&out, dice);
            if dice.one_in(3) {
                out.truncate(at);
                out.push_str(&donor[a..]);
            } else {
                out.insert_str(at, &donor[a..b]);
            }
        }
        3 | 4 => {
            let at = insertion_point(&out, dice);
            let piece = fragment(target, dice);
            out.insert_str(at, &piece);
        }
        5 => {
            // A number swapped for an edge value.
            let digits: Vec<(usize, usize)> = tokens(&out)
                .into_iter()
                .filter(|&(a, b)| out[a..b].starts_with(|c: char| c.is_ascii_digit()))
                .collect();
            if !digits.is_empty() {
                let (a, b) = *dice.pick(&digits);
                let n = dice.word(EDGE_NUMBERS);
                out.replace_range(a..b, n);
            }
        }
        6 => {
            // Two tokens swapped.
            let t = tokens(&out);
            if t.len() >= 2 {
                let (mut x, mut y) = (*dice.pick(&t), *dice.pick(&t));
                if x.0 > y.0 {
                    std::mem::swap(&mut x, &mut y);
                }
                if x.1 <= y.0 {
                    let (first, second) = (out[x.0..x.1].to_string(), out[y.0..y.1].to_string());
                    out.replace_range(y.0..y.1, &first);
                    out.replace_range(x.0..x.1, &second);
                }
            }
        }
        7 => {
            // A token copied over another.
            let t = tokens(&out);
            if !t.is_empty() {
                let from = *dice.pick(&t);
                let to = *dice.pick(&t);
                let word = out[from.0..from.1].to_string();
                out.replace_range(to.0..to.1, &word);
            }
        }
        _ => {
            // One character replaced by a printable ASCII one.
            let at = floor(&out, dice.below(out.len() + 1));
            let end = floor(&out, at + 1).max(at);
            let end = if end == at && at < out.len() {
                at + out[at..].chars().next().map_or(0, char::len_utf8)
            } else {
                end
            };
            let c = char::from(b' ' + dice.below(95) as u8);
            out.replace_range(at..end, c.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

/// `seed` changed one to four times.
pub fn mutate(seed: &str, target: Target, donors: &[String], dice: &mut Dice) -> String {
    let mut out = seed.to_string();
    for _ in 0..dice.between(1, 4) {
        out = mutate_once(&out, target, donors, dice);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str =
        "fn main() {\n    let v = vec![1, 2, 3];\n    println!(\"{}\", v.len() + 40);\n}\n";

    #[test]
    fn one_seed_gives_the_same_inputs() {
        let donors = vec!["fn main() { let s = String::from(\"é\"); }".to_string()];
        let run = |seed| {
            let mut dice = Dice::new(seed);
            (0..200)
                .map(|_| mutate(SEED, Target::Scenario, &donors, &mut dice))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn mutations_keep_text_whole_around_multibyte_characters() {
        let seed = "é𝕏ß fn main() { let s = \"👩‍👩‍👧\"; } 12";
        let mut dice = Dice::new(1);
        for target in Target::ALL {
            for _ in 0..2000 {
                // Every slice above is on a char boundary, or this panics.
                let _ = mutate(seed, target, &[seed.to_string()], &mut dice);
            }
        }
    }

    #[test]
    fn most_mutations_change_the_input() {
        let mut dice = Dice::new(3);
        let changed = (0..100)
            .filter(|_| mutate(SEED, Target::Scenario, &[], &mut dice) != SEED)
            .count();
        assert!(changed > 80, "{changed} of 100 changed");
    }
}
