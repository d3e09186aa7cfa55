//! Unicode properties for `char::is_alphabetic`, `is_numeric`,
//! `is_alphanumeric`, `is_uppercase` and `is_lowercase`.
//!
//! Rust defines them by Unicode's derived properties: `Alphabetic`, the
//! general categories `Nd | Nl | No` (any number), `Uppercase` and
//! `Lowercase`. Natively that is std's own implementation. In the browser
//! it is the page's `RegExp` with ECMAScript's property escapes
//! (`\p{Alphabetic}`, `\p{N}`, `\p{Uppercase}`, `\p{Lowercase}`), which name
//! the same properties: Rust's tables would add about 3 KB (gzipped) to
//! the page for the same answer. ASCII is answered here in both.
//! `tests/char_classes.rs` checks, in headless Chromium, that the two
//! agree on text in many scripts. (A char assigned in a Unicode version
//! newer than the browser's would be answered by the older one.)

/// A Unicode property a program asks a `char` about.
#[derive(Debug, Clone, Copy)]
pub(super) enum Class {
    Alphabetic,
    Numeric,
    Uppercase,
    Lowercase,
}

/// Whether `c` has property `class`.
pub(super) fn has(c: char, class: Class) -> bool {
    if c.is_ascii() {
        return match class {
            Class::Alphabetic => c.is_ascii_alphabetic(),
            Class::Numeric => c.is_ascii_digit(),
            Class::Uppercase => c.is_ascii_uppercase(),
            Class::Lowercase => c.is_ascii_lowercase(),
        };
    }
    beyond_ascii(c, class)
}

#[cfg(not(target_arch = "wasm32"))]
fn beyond_ascii(c: char, class: Class) -> bool {
    match class {
        Class::Alphabetic => c.is_alphabetic(),
        Class::Numeric => c.is_numeric(),
        Class::Uppercase => c.is_uppercase(),
        Class::Lowercase => c.is_lowercase(),
    }
}

#[cfg(target_arch = "wasm32")]
fn beyond_ascii(c: char, class: Class) -> bool {
    let pattern = match class {
        Class::Alphabetic => "^\\p{Alphabetic}$",
        Class::Numeric => "^\\p{N}$",
        Class::Uppercase => "^\\p{Uppercase}$",
        Class::Lowercase => "^\\p{Lowercase}$",
    };
    js_sys::RegExp::new(pattern, "u").test(c.encode_utf8(&mut [0; 4]))
}

/// Whether `c` may start a Rust identifier (`_` too).
pub(super) fn starts_ident(c: char) -> bool {
    c == '_' || unicode_ident::is_xid_start(c)
}

/// Whether `c` may continue a Rust identifier.
pub(super) fn continues_ident(c: char) -> bool {
    unicode_ident::is_xid_continue(c)
}
