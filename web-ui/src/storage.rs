//! The browser's `localStorage`, for the text the app keeps: the
//! playground's code and each lesson's progress.
//!
//! Each value is stored as a JSON string literal, as the app always has
//! (it used `gloo::storage`, which writes through serde_json), so what a
//! learner saved before still reads back. The codec is the part of JSON
//! that a string needs, here rather than serde_json in the page: escaping
//! `"`, `\` and control characters as serde_json does, and reading any
//! JSON string escape.

/// The text stored under `key`, if there is any that reads.
pub fn load(key: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let stored = storage.get_item(key).ok()??;
    decode(&stored)
}

/// The keys stored that start with `prefix`, in storage order.
pub fn keys(prefix: &str) -> Vec<String> {
    let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Stores `text` under `key`; a full or refused storage keeps what it had.
pub fn save(key: &str, text: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, &encode(text));
    }
}

/// `text` as a JSON string literal, escaped exactly as serde_json
/// escapes it.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a JSON string literal; `None` if `stored` is not one.
pub fn decode(stored: &str) -> Option<String> {
    let inner = stored.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => out.push(match chars.next()? {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'u' => {
                    let unit = hex4(&mut chars)?;
                    match unit {
                        0xD800..=0xDBFF => {
                            // A surrogate pair: `\uD83D\uDE00`.
                            if chars.next()? != '\\' || chars.next()? != 'u' {
                                return None;
                            }
                            let low = hex4(&mut chars)?;
                            if !(0xDC00..=0xDFFF).contains(&low) {
                                return None;
                            }
                            char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                        }
                        unit => char::from_u32(unit)?,
                    }
                }
                _ => return None,
            }),
            c => out.push(c),
        }
    }
    Some(out)
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
    let mut n = 0;
    for _ in 0..4 {
        n = n * 16 + chars.next()?.to_digit(16)?;
    }
    Some(n)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// What the app wrote with serde_json reads back, and what it
        /// writes now is what serde_json would write.
        #[test]
        fn strings_are_stored_as_serde_json_stores_them(text in "\\PC*|[\"\\\\\\n\\t\\u{0}-\\u{1f}a-z😀]*") {
            let json = serde_json::to_string(&text).unwrap();
            prop_assert_eq!(encode(&text), json.clone());
            prop_assert_eq!(decode(&json), Some(text));
        }
    }

    #[test]
    fn escapes_serde_json_never_writes_still_read() {
        assert_eq!(
            decode("\"a\\/b\\u00e9\\ud83d\\ude00\"").as_deref(),
            Some("a/bé😀")
        );
        assert_eq!(decode("\"unterminated"), None);
        assert_eq!(decode("\"lone \\ud83d\""), None);
        assert_eq!(decode("\"bad \\q\""), None);
        assert_eq!(decode("not json"), None);
    }
}
