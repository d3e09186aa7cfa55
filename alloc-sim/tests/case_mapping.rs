//! `str::to_uppercase` and `to_lowercase` in a scenario give what Rust's
//! own give, in every script: natively the interpreter uses std's mapping;
//! in headless Chromium (wasm32) it asks the page's `toUpperCase` and
//! `toLowerCase`, and this test compares those with Rust's tables, which
//! the test binary carries.

use alloc_sim::scenario::{self, Limits};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Text where case mapping is interesting: one char becoming several
/// (`ß`, `ŉ`, `ﬁ`), the final sigma, dotted and dotless i, titlecase
/// digraphs, Cyrillic, Armenian, Georgian, Cherokee, Deseret, and scripts
/// without case.
const SAMPLES: &[&str] = &[
    "Grüße, Straße",
    "ὈΔΥΣΣΕΎΣ",
    "Ο ΟΔΥΣΣΈΑΣ ΒΑΣΙΛΙΆΣ ΤΗΣ ΙΘΆΚΗΣ",
    "ΣΑΣ Σ ΑΣ.",
    "İstanbul ıi",
    "ǅemal ǈ ǋ ǲ",
    "ŉ ﬁ ﬀ ﬃ ﬆ և",
    "Привет, Мир",
    "ქართული ᲥᲐᲠᲗᲣᲚᲘ",
    "Ꭰꭰ ᏸ",
    "𐐀𐐨 𐓘",
    "农历新年 😀",
    "ǰ ΐ ΰ ẖ ẘ ẙ ẚ",
    "ᾈ ᾳ ῼ",
];

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn case_mapping_is_rusts_in_every_script() {
    for sample in SAMPLES {
        let program = format!(
            "fn main() {{ let s = {sample:?}; println!(\"{{}}\", s.to_uppercase()); println!(\"{{}}\", s.to_lowercase()); }}"
        );
        let mut sim = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
        let run = scenario::run(&program, &mut sim, Limits::default());
        assert_eq!(
            run.output,
            vec![sample.to_uppercase(), sample.to_lowercase()],
            "case mapping of {sample:?}"
        );
    }
}
