//! Slices: `&v[a..b]`, `&s[..n]`, `split_at`, and `&[T]` parameters.
//!
//! A slice borrows part of a `Vec`, an array or a string: no allocator
//! call, no copy in the real program. Here a slice of plain data is
//! handed on as the items it covers, read when it is taken (the program
//! cannot change them while the slice lives: the borrow checker sees to
//! that), and a slice of a string as its text. A slice of heap values
//! (`&names[1..]` of a `Vec<String>`) and a `&mut` slice are references
//! to the elements where they are instead (`slice_views.rs`): a copy of
//! an owner would be a second owner, and a copy of a number cannot be
//! written to.
//!
//! Out-of-range slicing panics with std's messages (Rust 1.95's
//! `slice_index_fail` and `str`'s `slice_error_fail`).

use syn::{Expr, ExprRange, RangeLimits};

use super::*;

/// The most of a string a panic message quotes (std's
/// `MAX_DISPLAY_LENGTH`).
const MAX_DISPLAY_LENGTH: usize = 256;

impl Interp<'_> {
    /// `base[range]`: a slice of a `Vec`, an array or a string.
    pub(super) fn slice_of(&mut self, base: &Expr, range: &ExprRange, span: Span) -> R<Value> {
        let value = match self.place_of(base)? {
            Some(place) => {
                let place = self.through_refs(place, span)?;
                self.value_at(&place).unwrap_or_else(Value::unit)
            }
            // A `String` or `Vec` made here (`String::from("hi")[1..]`) is
            // a temporary, dropped at the end of the statement.
            None => {
                let v = self.eval(base, None)?;
                self.keep_made_collection(&v);
                self.deref(v)
            }
        };
        // `&rc[1..]` of an `Rc<[T]>` or `Rc<str>`: of what it points at.
        let value = self.see_through(value);
        let start = match &range.start {
            Some(e) => Some(self.eval_u64(e)?),
            None => None,
        };
        let end = match &range.end {
            Some(e) => Some(self.eval_u64(e)?),
            None => None,
        };
        let closed = matches!(range.limits, RangeLimits::Closed(_));
        if let Some(text) = self.text_of(&value) {
            let (a, b) = bounds(start, end, closed, text.len() as u64)
                .map_err(|_| error_at(span, str_slice_panic(&text, start, end, closed)))?;
            return match text.get(a..b) {
                Some(piece) => Ok(Value::Str(piece.to_string())),
                None => err(span, str_slice_panic(&text, start, end, closed)),
            };
        }
        // `&names[1..]` of a `Vec<String>`: the elements lent where they
        // are (slice_views.rs), not copies of their owners.
        if matches!(value, Value::Owner(id) if self.holds_items(id)) {
            if let Some(view) = self.slice_view(base, range, span)? {
                return Ok(view);
            }
        }
        let items = self.slice_items(value, span)?;
        let (a, b) = bounds(start, end, closed, items.len() as u64)
            .map_err(|message| error_at(span, message))?;
        Ok(Value::Array(items[a..b].to_vec()))
    }

    /// The items `range` picks out of `len` (`drain(a..b)`), or std's
    /// panic out of range.
    pub(super) fn range_bounds(
        &mut self,
        range: &ExprRange,
        len: u64,
        span: Span,
    ) -> R<(usize, usize)> {
        let start = match &range.start {
            Some(e) => Some(self.eval_u64(e)?),
            None => None,
        };
        let end = match &range.end {
            Some(e) => Some(self.eval_u64(e)?),
            None => None,
        };
        let closed = matches!(range.limits, RangeLimits::Closed(_));
        bounds(start, end, closed, len).map_err(|message| error_at(span, message))
    }

    /// Every item of a value a slice can be taken of.
    pub(super) fn slice_items(&mut self, value: Value, span: Span) -> R<Vec<Value>> {
        match value {
            Value::Array(items) => Ok(items),
            Value::Owner(id) if matches!(self.owners[id], Owner::Vec { string: false, .. }) => {
                if self.holds_items(id) {
                    return unsupported_span(
                        span,
                        "a slice of a Vec of heap values (its items are owners); index it or use `iter()`",
                    );
                }
                let (_, _, len, ..) = self.vec_state(id);
                let mut items = Vec::new();
                for i in 0..len {
                    items.push(self.vec_get(id, i, span)?);
                }
                Ok(items)
            }
            other => unsupported_span(
                span,
                &format!("slicing a value of type `{}`", self.type_name(&other)),
            ),
        }
    }

    /// `slice.to_vec()`: a new `Vec` of exactly the slice's length (plain
    /// items are copied into it; nothing is allocated for none).
    pub(super) fn vec_of_slice(&mut self, items: Vec<Value>, text: &str) -> R<Value> {
        let ty = items.first().and_then(|v| self.value_ty(v));
        let n = items.len() as u64;
        let id = self.new_vec(ty.clone(), false);
        let Some(ty) = ty else {
            return Ok(Value::Owner(id));
        };
        let layout = ty.layout(self.target);
        if layout.size == 0 {
            self.set_vec(id, None, 0, n);
            return Ok(Value::Owner(id));
        }
        let Ok(array) = std_rules::array_layout(layout, n, self.target) else {
            return self.capacity_overflow(false);
        };
        let reason = format!("`{text}`: a new Vec of exactly the slice's {n} elements");
        let addr = self.alloc_infallible(array, false, &reason)?;
        self.set_vec(id, Some(addr), n, 0);
        for (i, item) in items.iter().enumerate() {
            self.vec_write(id, i as u64, &item.clone().typed(&ty), &ty);
        }
        self.set_vec(id, Some(addr), n, n);
        Ok(Value::Owner(id))
    }

    /// `v.split_at(mid)` of a `Vec`, an array or a string: the two halves.
    pub(super) fn split_at(&mut self, value: Value, mid: u64, span: Span) -> R<Value> {
        if let Some(text) = self.text_of(&value) {
            let at = usize::try_from(mid).unwrap_or(usize::MAX);
            return match (text.get(..at), text.get(at..)) {
                (Some(a), Some(b)) => Ok(Value::Tuple(vec![
                    Value::Str(a.to_string()),
                    Value::Str(b.to_string()),
                ])),
                _ => err(span, str_slice_panic(&text, Some(0), Some(mid), false)),
            };
        }
        let items = self.slice_items(value, span)?;
        if mid > items.len() as u64 {
            return err(span, "panicked: mid > len");
        }
        let (a, b) = items.split_at(mid as usize);
        Ok(Value::Tuple(vec![
            Value::Array(a.to_vec()),
            Value::Array(b.to_vec()),
        ]))
    }
}

/// The byte or item range `start..end` (`..=` when `closed`) picks out of
/// `len`, or std's panic message for a slice.
fn bounds(
    start: Option<u64>,
    end: Option<u64>,
    closed: bool,
    len: u64,
) -> Result<(usize, usize), String> {
    let a = start.unwrap_or(0);
    let b = match end {
        Some(u64::MAX) if closed => {
            return Err("panicked: attempted to index slice up to maximum usize".into())
        }
        Some(e) if closed => e + 1,
        Some(e) => e,
        None => len,
    };
    if a <= b && b <= len {
        return Ok((a as usize, b as usize));
    }
    // std reports an inclusive range by the end written (`..=4`).
    let end = if closed { b - 1 } else { b };
    let message = if a > len {
        format!("range start index {a} out of range for slice of length {len}")
    } else if end > len {
        format!("range end index {end} out of range for slice of length {len}")
    } else if a > end {
        format!("slice index starts at {a} but ends at {end}")
    } else {
        format!("range end index {end} out of range for slice of length {len}")
    };
    Err(format!("panicked: {message}"))
}

/// std's panic for slicing `text` out of bounds, backwards or inside a
/// char (`slice_error_fail`): which it is, and the text (cut at 256
/// bytes, `[...]` after).
fn str_slice_panic(text: &str, start: Option<u64>, end: Option<u64>, closed: bool) -> String {
    let len = text.len() as u64;
    let begin = start.unwrap_or(0);
    let end = match end {
        Some(e) if closed => e.saturating_add(1),
        Some(e) => e,
        None => len,
    };
    let mut cut = MAX_DISPLAY_LENGTH.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let shown = &text[..cut];
    let ellipsis = if cut < text.len() { "[...]" } else { "" };
    let inside = |index: u64| {
        let index = index as usize;
        let mut floor = index;
        while !text.is_char_boundary(floor) {
            floor -= 1;
        }
        let ch = text[floor..].chars().next().unwrap_or('\u{fffd}');
        format!(
            "{index} is not a char boundary; it is inside {ch:?} (bytes {floor}..{}) of `{shown}`{ellipsis}",
            floor + ch.len_utf8()
        )
    };
    let message = if begin > len {
        format!("start byte index {begin} is out of bounds of `{shown}`{ellipsis}")
    } else if end > len {
        format!("end byte index {end} is out of bounds of `{shown}`{ellipsis}")
    } else if begin > end {
        format!("begin > end ({begin} > {end}) when slicing `{shown}`{ellipsis}")
    } else if !text.is_char_boundary(begin as usize) {
        format!("start byte index {}", inside(begin))
    } else if !text.is_char_boundary(end as usize) {
        format!("end byte index {}", inside(end))
    } else {
        format!("end byte index {end} is out of bounds of `{shown}`{ellipsis}")
    };
    format!("panicked: {message}")
}
