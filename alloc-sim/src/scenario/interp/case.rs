//! Unicode case mapping for `str::to_uppercase` and `str::to_lowercase`.
//!
//! Both follow Unicode's default full case conversion: one char may
//! become several (`ß` → `SS`), and a capital sigma at the end of a word
//! lowercases to `ς`. Natively that is std's own implementation. In the
//! browser it is the page's `String.prototype.toUpperCase`/`toLowerCase`,
//! which ECMAScript defines by the same Unicode algorithm: Rust's tables
//! would add 15 KB (gzipped) to the page for the same answer.
//! `tests/case_mapping.rs` checks, in headless Chromium, that the two
//! agree on text in many scripts.

/// `text.to_uppercase()` (`upper`) or `text.to_lowercase()`.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn case_mapped(text: &str, upper: bool) -> String {
    if upper {
        text.to_uppercase()
    } else {
        text.to_lowercase()
    }
}

/// `text.to_uppercase()` (`upper`) or `text.to_lowercase()`.
#[cfg(target_arch = "wasm32")]
pub(super) fn case_mapped(text: &str, upper: bool) -> String {
    let js = js_sys::JsString::from(text);
    String::from(if upper {
        js.to_upper_case()
    } else {
        js.to_lower_case()
    })
}
