//! `char::is_alphabetic`, `is_numeric`, `is_alphanumeric`, `is_uppercase`
//! and `is_lowercase` in a scenario give what Rust's own give, in every
//! script: natively the interpreter uses std's tables; in headless
//! Chromium (wasm32) it asks the page's `RegExp` property classes, and this
//! test compares those with Rust's tables, which the test binary carries.

use alloc_sim::scenario::{self, Limits};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Letters, digits, numerals and marks of many scripts, with and without
/// case: Latin with diacritics, Greek, Cyrillic, Armenian, Georgian,
/// Cherokee, Deseret, Arabic and Devanagari digits, Roman numerals,
/// fractions, superscripts, combining marks, CJK, Hangul, emoji,
/// punctuation and symbols.
const SAMPLE: &str = "aZ_9 Àÿßŉǅǈǲ ΑωΣςΐ ПриветЁё Աաև ქართულიᲥᲐ Ꭰꭰᏸ 𐐀𐐨𐓘 \
    ٠١٩ ०९ ⅠⅫⅰ ½¾ ²³¹ ̀ ́ ͅ ᾈᾳῼ ㄱ한글 农历 ㍱ ① ⒜ ⓐⒶ 😀 ¡¿§ ª º ⁿ ℕ ℎ Ⅎⅎ";

/// One of `char`'s own property tests.
type Test = fn(char) -> bool;

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn char_classes_are_rusts_in_every_script() {
    let tests: [(&str, Test); 5] = [
        ("is_alphabetic", char::is_alphabetic),
        ("is_numeric", char::is_numeric),
        ("is_alphanumeric", char::is_alphanumeric),
        ("is_uppercase", char::is_uppercase),
        ("is_lowercase", char::is_lowercase),
    ];
    for (name, rust) in tests {
        let program = format!(
            "fn main() {{ let s = {SAMPLE:?}; let mut out = String::new(); \
             for c in s.chars() {{ out.push(if c.{name}() {{ '1' }} else {{ '0' }}); }} \
             println!(\"{{}}\", out); }}"
        );
        let mut sim = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
        let run = scenario::run(&program, &mut sim, Limits::default());
        let expected: String = SAMPLE
            .chars()
            .map(|c| if rust(c) { '1' } else { '0' })
            .collect();
        assert_eq!(run.output, vec![expected], "`{name}` over {SAMPLE:?}");
    }
}
