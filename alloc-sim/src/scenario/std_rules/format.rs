//! `format!`, `to_string` and writing into a `String`: how text finds its
//! buffer.
//!
//! Formatting writes a string piece by piece: each literal part of the
//! format string, then whatever each argument's `Display` (or `Debug`)
//! writes — a number is one write of its digits, after a separate `-` if
//! negative; a `str` is one write; padding is one write per fill
//! character. Every write into a `String` is `push_str`: `reserve(n)`, so
//! the buffer grows by `RawVec`'s amortized rule (8 bytes at least, then
//! doubling, or more if one write needs more).
//!
//! `format!` guesses a starting capacity from the format string
//! (`fmt::Arguments::estimated_capacity`):
//!
//! ```text
//!   no placeholders            "hello"           → exactly the text (to_owned)
//!   starts with one, < 16 B    "{} apples"       → 0: the first write allocates
//!   otherwise                  "total: {}"       → 2 · literal bytes
//! ```
//!
//! so `format!("{}!", name)` with a 24-byte name allocates 24 bytes at the
//! first write and reallocates to 48 for the `!`. Literal arguments are
//! folded into the format string at compile time: `format!("{}!", "hi")`
//! is `format!("hi!")`, one exact allocation.
//!
//! `to_string` takes shortcuts: a `str`, `String`, `char` or `bool` is
//! copied into a buffer of exactly its length; an unsigned integer too
//! (its digits); a signed integer gets room for its type's widest value
//! (`i32`: 10 digits, 11 with a `-`) whatever its value; anything else
//! (floats, your own `Display`) is written piece by piece into
//! `String::new()`.

use super::{usize_max, GrowError, RawBuf, StdCall};
use crate::error::LayoutSpec;
use crate::scenario::ty::IntTy;
use crate::target::Target;

const BYTE: LayoutSpec = LayoutSpec { size: 1, align: 1 };

/// A part of a format string, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text of this many bytes (after `{{`/`}}` unescaping).
    Literal(u64),
    /// A placeholder, and the lengths of the writes its argument's
    /// formatting makes, in order.
    Argument(&'a [u64]),
}

/// `fmt::Arguments::estimated_capacity`: the capacity `format!` starts
/// with, from the literal bytes, whether the string starts with a
/// placeholder, and whether it has any.
pub fn estimated_capacity(
    literal_len: u64,
    starts_with_placeholder: bool,
    has_placeholders: bool,
    target: Target,
) -> u64 {
    if !has_placeholders {
        literal_len
    } else if starts_with_placeholder && literal_len < 16 {
        0
    } else {
        // std: `pieces_length.checked_mul(2).unwrap_or(0)`.
        literal_len
            .checked_mul(2)
            .filter(|&n| n <= usize_max(target))
            .unwrap_or(0)
    }
}

/// A `String` being built: its buffer, its length, and the calls made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The buffer, as it ends.
    pub buf: RawBuf,
    /// Bytes written.
    pub len: u64,
    /// The calls, in order.
    pub calls: Vec<StdCall>,
}

/// `String::push_str` (and `write_str`, `push`, `+`): each write of `n`
/// bytes reserves `n` more; empty writes do nothing.
pub fn write_strings(built: &mut Built, writes: &[u64]) -> Result<(), GrowError> {
    for &n in writes {
        built.calls.extend(built.buf.reserve(built.len, n)?);
        built.len += n;
    }
    Ok(())
}

/// `format!(…)` with these pieces: the exact text if there are no
/// placeholders, otherwise a `String::with_capacity(`[`estimated_capacity`]`)`
/// and every write in order.
pub fn format_calls(pieces: &[Piece<'_>], target: Target) -> Result<Built, GrowError> {
    let literal_len: u64 = pieces
        .iter()
        .map(|p| match p {
            Piece::Literal(n) => *n,
            Piece::Argument(_) => 0,
        })
        .sum();
    let has_placeholders = pieces.iter().any(|p| matches!(p, Piece::Argument(_)));
    let starts_with_placeholder = matches!(pieces.first(), Some(Piece::Argument(_)));
    let capacity = estimated_capacity(
        literal_len,
        starts_with_placeholder,
        has_placeholders,
        target,
    );
    let (buf, call) = RawBuf::with_capacity(BYTE, capacity, target)?;
    let mut built = Built {
        buf,
        len: 0,
        calls: call.into_iter().collect(),
    };
    for piece in pieces {
        match piece {
            Piece::Literal(n) => write_strings(&mut built, &[*n])?,
            Piece::Argument(writes) => write_strings(&mut built, writes)?,
        }
    }
    Ok(built)
}

/// The writes an integer's `Display` makes (no width): a `-` alone if
/// negative, then its digits.
pub fn integer_display_writes(magnitude: u128, negative: bool) -> Vec<u64> {
    let digits = decimal_digits(magnitude);
    if negative {
        vec![1, digits]
    } else {
        vec![digits]
    }
}

/// The capacity of `n.to_string()` for an integer of type `ty`: the exact
/// digits for an unsigned type; for a signed one the digits of its `MAX`
/// (plus one for a `-`), whatever the value.
pub fn integer_to_string_capacity(
    ty: IntTy,
    magnitude: u128,
    negative: bool,
    target: Target,
) -> u64 {
    if !ty.signed() {
        return decimal_digits(magnitude);
    }
    let bits = ty.size(target) * 8;
    let max = (1u128 << (bits - 1)) - 1;
    decimal_digits(max) + u64::from(negative)
}

/// `to_string` of an integer: one buffer of
/// [`integer_to_string_capacity`] bytes.
pub fn integer_to_string(ty: IntTy, magnitude: u128, negative: bool, target: Target) -> Built {
    exact_string(
        integer_to_string_capacity(ty, magnitude, negative, target),
        target,
    )
}

/// A `String` of exactly `len` bytes, copied in one go: `String::from`,
/// `to_string`/`to_owned` of a `str`, `String`, `char` or `bool`,
/// `String::clone`, `format!` without placeholders. Nothing for `len == 0`.
pub fn exact_string(len: u64, target: Target) -> Built {
    let mut buf = RawBuf::new(BYTE, target);
    let call = buf.reserve_exact(0, len).ok().flatten();
    Built {
        buf,
        len,
        calls: call.into_iter().collect(),
    }
}

/// `String::with_capacity(capacity)`, then the writes in order: what
/// `str`'s allocating methods do (Rust 1.95's `alloc::str`).
/// `to_uppercase`/`to_lowercase` start at the input's length and push
/// each char of the result (only a case mapping that makes the text
/// longer grows it); `replace` starts at the input's length when the
/// replacement is at least as long as the pattern (at 0 otherwise) and
/// writes each piece and replacement; `replacen` starts at 32; `repeat`
/// writes everything into an exact buffer.
pub fn written_string(capacity: u64, writes: &[u64], target: Target) -> Result<Built, GrowError> {
    let (buf, call) = RawBuf::with_capacity(BYTE, capacity, target)?;
    let mut built = Built {
        buf,
        len: 0,
        calls: call.into_iter().collect(),
    };
    write_strings(&mut built, writes)?;
    Ok(built)
}

/// `to_string` through `Display` (floats, user types): `String::new()`
/// and the writes in order.
pub fn display_to_string(writes: &[u64], target: Target) -> Result<Built, GrowError> {
    let mut built = Built {
        buf: RawBuf::new(BYTE, target),
        len: 0,
        calls: Vec::new(),
    };
    write_strings(&mut built, writes)?;
    Ok(built)
}

/// Digits of `n` in decimal (1 for 0).
pub fn decimal_digits(n: u128) -> u64 {
    n.checked_ilog10().map_or(1, |d| u64::from(d) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(built: &Built) -> Vec<u64> {
        built
            .calls
            .iter()
            .filter_map(|c| c.resulting_layout())
            .map(|l| l.size)
            .collect()
    }

    #[test]
    fn a_placeholder_first_starts_empty_then_doubles() {
        // The module's example: "{}!" with a 24-byte argument starts at 0,
        // the first write reserves 24, the "!" doubles that.
        let t = Target::Bits64;
        let arg = [24];
        let built = format_calls(&[Piece::Argument(&arg), Piece::Literal(1)], t).unwrap();
        assert_eq!(sizes(&built), vec![24, 48]);
        // "x{}y{}": 2 literal bytes, pre-doubled to 4, then 8, 16, 35.
        let (a, b) = ([7], [26]);
        let built = format_calls(
            &[
                Piece::Literal(1),
                Piece::Argument(&a),
                Piece::Literal(1),
                Piece::Argument(&b),
            ],
            t,
        )
        .unwrap();
        assert_eq!(sizes(&built), vec![4, 8, 16, 35]);
    }

    #[test]
    fn signed_integers_get_room_for_their_widest_value() {
        let t = Target::Bits64;
        let i32_ = IntTy::Fixed(true, 4);
        assert_eq!(integer_to_string_capacity(i32_, 5, false, t), 10);
        assert_eq!(integer_to_string_capacity(i32_, 7, true, t), 11);
        let u64_ = IntTy::Fixed(false, 8);
        assert_eq!(integer_to_string_capacity(u64_, 0, false, t), 1);
        assert_eq!(integer_to_string_capacity(u64_, 12345, false, t), 5);
        let isize_ = IntTy::Word(true);
        assert_eq!(integer_to_string_capacity(isize_, 1, true, t), 20);
        assert_eq!(
            integer_to_string_capacity(isize_, 1, true, Target::Bits32),
            11
        );
    }

    #[test]
    fn estimated_capacity_follows_the_three_cases() {
        let t = Target::Bits64;
        assert_eq!(estimated_capacity(5, false, false, t), 5);
        assert_eq!(estimated_capacity(15, true, true, t), 0);
        assert_eq!(estimated_capacity(16, true, true, t), 32);
        assert_eq!(estimated_capacity(1, false, true, t), 2);
    }
}
