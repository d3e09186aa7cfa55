//! The iterators of a string: `chars`, `char_indices`, `bytes`, `split`
//! and its kin, `lines`, `split_whitespace`, `matches`.
//!
//! They allocate nothing themselves; what they change is what a `collect`
//! or an `extend` after them allocates, through the `size_hint` std gives
//! each (see [`Count`]): `bytes()` knows its length (`TrustedLen`, so a
//! `collect::<Vec<u8>>()` allocates once, exactly); `chars()` promises at
//! least a char per four bytes left; the splitting iterators promise
//! nothing, so a `Vec` collected from them starts at four elements and
//! doubles. The pieces are worked out when the iterator is made (the text
//! cannot change while it is borrowed) and handed out one at a time.

use syn::Expr;

use super::iter::Count;
use super::prims::{mismatch, StrPat};
use super::*;

/// Method names that make an iterator from a string only.
const TEXT_SOURCES: &[&str] = &[
    "chars",
    "char_indices",
    "bytes",
    "split",
    "rsplit",
    "splitn",
    "rsplitn",
    "split_terminator",
    "split_inclusive",
    "split_whitespace",
    "split_ascii_whitespace",
    "lines",
    "matches",
];

/// Whether `name` makes an iterator from a string.
pub(super) fn is_text_source(name: &str) -> bool {
    TEXT_SOURCES.contains(&name)
}

/// Where `pat` matches in `text`, as (start, length), searching from the
/// front, or from the back (`back`: `rsplit`'s matches, last first; they
/// differ from the front's when matches overlap, as in `"aaa"` and
/// `"aa"`). Every splitting method is worked out from these, so each
/// pattern type's searcher is compiled twice, not once per method.
pub(super) fn matches_of(text: &str, pat: &StrPat, back: bool) -> Vec<(usize, usize)> {
    with_pattern!(pat, p => if back {
        text.rmatch_indices(p).map(|(at, m)| (at, m.len())).collect()
    } else {
        text.match_indices(p).map(|(at, m)| (at, m.len())).collect()
    })
}

/// The pieces of `text` between `found` matches (see [`matches_of`]), at
/// most `limit` of them, the last one holding the rest: `split`,
/// `splitn`, and from the back `rsplit` and `rsplitn`.
fn pieces_between<'t>(
    text: &'t str,
    found: &[(usize, usize)],
    back: bool,
    limit: usize,
) -> Vec<&'t str> {
    let mut out = Vec::new();
    if limit == 0 {
        return out;
    }
    let (mut from, mut to) = (0, text.len());
    for &(at, len) in found.iter().take(limit - 1) {
        if back {
            out.push(&text[at + len..to]);
            to = at;
        } else {
            out.push(&text[from..at]);
            from = at + len;
        }
    }
    out.push(&text[from..to]);
    out
}

impl Interp<'_> {
    /// `s.chars()`, `s.split(',')`, … on a `&str` or a `String` (read, not
    /// moved): an iterator over the pieces, counted as std counts them.
    pub(super) fn text_iter(&mut self, m: &syn::ExprMethodCall, name: &str) -> R<Value> {
        let receiver = self.text_receiver(&m.receiver)?;
        let Some(text) = receiver else {
            return unsupported(
                &m.receiver,
                &format!("`{name}` on this value: it is a method of `str`"),
            );
        };
        let (items, count) = self.text_items(&text, name, m)?;
        Ok(Value::Owner(self.owned_iter(items, count)))
    }

    /// The text `receiver` holds, read in place where it is one.
    fn text_receiver(&mut self, receiver: &Expr) -> R<Option<String>> {
        let value = match self.place_of(receiver)? {
            Some(place) => {
                let place = self.through_refs(place, receiver.span())?;
                self.value_at(&place).unwrap_or_else(Value::unit)
            }
            // A `String` made here (`String::from("hi").chars()`) is a
            // temporary: it lives to the end of the statement.
            None => {
                let value = self.eval(receiver, None)?;
                self.keep_made_collection(&value);
                value
            }
        };
        Ok(match self.deref(value) {
            Value::Char(_) => None,
            other => self.text_of(&other),
        })
    }

    /// The items of `text.name(args)`, and how std counts them.
    fn text_items(
        &mut self,
        text: &str,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<(Vec<Value>, Count)> {
        let piece = |p: &str| Value::Str(p.to_string());
        let pieces = |ps: Vec<&str>| ps.into_iter().map(piece).collect::<Vec<_>>();
        let usize_ = |n: usize| Value::Int(n as i128, Some(IntTy::Word(false)));
        Ok(match name {
            "chars"
            | "char_indices"
            | "bytes"
            | "split_whitespace"
            | "split_ascii_whitespace"
            | "lines" => {
                self.prim_args(m, 0)?;
                match name {
                    "chars" => (text.chars().map(Value::Char).collect(), Count::Chars),
                    "char_indices" => (
                        text.char_indices()
                            .map(|(i, c)| Value::Tuple(vec![usize_(i), Value::Char(c)]))
                            .collect(),
                        Count::Chars,
                    ),
                    "bytes" => (
                        text.bytes()
                            .map(|b| Value::Int(i128::from(b), Some(IntTy::Fixed(false, 1))))
                            .collect(),
                        Count::Exact,
                    ),
                    "split_whitespace" => {
                        (pieces(text.split_whitespace().collect()), Count::Unknown)
                    }
                    "split_ascii_whitespace" => (
                        pieces(text.split_ascii_whitespace().collect()),
                        Count::Unknown,
                    ),
                    _ => (pieces(text.lines().collect()), Count::Unknown),
                }
            }
            "splitn" | "rsplitn" => {
                let args = self.prim_args(m, 2)?;
                let n = match &args[0] {
                    Value::Int(n, None | Some(IntTy::Word(false))) => {
                        usize::try_from(*n).unwrap_or(usize::MAX)
                    }
                    other => return mismatch(m, "usize", &self.type_name(other)),
                };
                let pat = self.pattern(text, &args[1], m)?;
                let back = name == "rsplitn";
                let found = matches_of(text, &pat, back);
                let ps = pieces_between(text, &found, back, n);
                (pieces(ps), Count::Unknown)
            }
            _ => {
                let arg = self.prim_args(m, 1)?.remove(0);
                let pat = self.pattern(text, &arg, m)?;
                let back = name == "rsplit";
                let found = matches_of(text, &pat, back);
                let mut ps: Vec<&str> = match name {
                    "matches" => found.iter().map(|&(at, len)| &text[at..at + len]).collect(),
                    "split_inclusive" => {
                        let mut from = 0;
                        let mut ps = Vec::new();
                        for &(at, len) in &found {
                            ps.push(&text[from..at + len]);
                            from = at + len;
                        }
                        ps.push(&text[from..]);
                        ps
                    }
                    _ => pieces_between(text, &found, back, usize::MAX),
                };
                // `split_terminator` and `split_inclusive` give no empty last piece.
                if matches!(name, "split_terminator" | "split_inclusive")
                    && ps.last().is_some_and(|p| p.is_empty())
                {
                    ps.pop();
                }
                (pieces(ps), Count::Unknown)
            }
        })
    }

    /// A string method's pattern argument, for searching `text`. A
    /// closure (`|c: char| !c.is_alphanumeric()`, `char::is_numeric`) is
    /// asked about each distinct char of `text` once, in order, and
    /// matches the chars it said yes to.
    pub(super) fn pattern(
        &mut self,
        text: &str,
        arg: &Value,
        m: &syn::ExprMethodCall,
    ) -> R<StrPat> {
        if let Some(p) = StrPat::of(&self.deref(arg.clone())) {
            return Ok(p);
        }
        if let Some(text) = self.text_of(arg) {
            return Ok(StrPat::Str(text));
        }
        let Some(f) = self.closure_in(arg) else {
            return unsupported(
                &m.args,
                "this pattern; scenarios take a &str, a char, an array of chars or a closure",
            );
        };
        let span = self.sp(m);
        let mut seen = Vec::new();
        let mut matching = Vec::new();
        for c in text.chars() {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            match self.call_closure(f, vec![Value::Char(c)], span)? {
                Value::Bool(true) => matching.push(c),
                Value::Bool(false) => {}
                other => return self.mismatch(span, "bool", &other),
            }
        }
        self.drop_value(arg, "the pattern's closure is dropped")?;
        Ok(StrPat::Chars(matching))
    }
}
