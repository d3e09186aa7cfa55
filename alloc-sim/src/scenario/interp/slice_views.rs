//! Slices that stand for the elements themselves: `&mut v[a..b]`, `v[a..b]`
//! as the receiver of a method that changes it (`v[1..].sort()`,
//! `q.make_contiguous().sort()`), and `&names[1..]` of a `Vec` of heap
//! values.
//!
//! Such a slice is held as a list of references, one to each element
//! where it is (an element of the `Vec`, or of an array in a binding), so
//! that reading goes to the elements and writing (`s[i] = x`, `s.swap(i,
//! j)`, `s.sort()`, `s.reverse()`) changes them where they live. A slice
//! borrows: no allocator call, save the stable sort's scratch buffer past
//! std's small-slice limit (`std_rules::sort`), as for a `Vec`.
//! A slice of plain data taken only to be read stays a copy of its
//! elements (`slices.rs`).

use syn::{Expr, ExprRange};

use super::vec_ops::stable_order_by;
use super::*;
use crate::scenario::value::Root;

/// The methods that change a slice in place, run on a view.
const CHANGES: &[&str] = &["swap", "sort", "sort_unstable", "reverse", "fill"];

impl Interp<'_> {
    /// `base[range]` as references to its elements, when `base` is a
    /// `Vec` (not a `String`) or an array in a place; `None` otherwise.
    pub(super) fn slice_view(
        &mut self,
        base: &Expr,
        range: &ExprRange,
        span: Span,
    ) -> R<Option<Value>> {
        let Some(place) = self.place_of(base)? else {
            return Ok(None);
        };
        let place = self.through_refs(place, span)?;
        let place = self.box_content_place(place);
        let (len, element): (u64, Box<dyn Fn(usize) -> Place>) = match self.at_place(&place) {
            Some(Value::Owner(id))
                if matches!(self.owners[*id], Owner::Vec { string: false, .. }) =>
            {
                let owner = *id;
                let (_, _, len, ..) = self.vec_state(owner);
                (
                    len,
                    Box::new(move |index| Place {
                        root: Root::Item { owner, index },
                        fields: Vec::new(),
                    }),
                )
            }
            // A view of a view (`&mut s[1..]` of a `&mut [T]`): the same
            // references, fewer of them.
            Some(Value::Array(items)) if items.iter().all(|v| matches!(v, Value::Ref(_))) => {
                let refs: Vec<Place> = items
                    .iter()
                    .filter_map(|v| match v {
                        Value::Ref(p) => Some(p.clone()),
                        _ => None,
                    })
                    .collect();
                (refs.len() as u64, Box::new(move |i| refs[i].clone()))
            }
            Some(Value::Array(items)) => {
                let base = place.clone();
                (
                    items.len() as u64,
                    Box::new(move |i| {
                        let mut p = base.clone();
                        p.fields.push(i);
                        p
                    }),
                )
            }
            _ => return Ok(None),
        };
        let (a, b) = self.range_bounds(range, len, span)?;
        Ok(Some(Value::Array(
            (a..b).map(|i| Value::Ref(element(i))).collect(),
        )))
    }

    /// The places a view's references name, if `value` is a view.
    fn view_places(&self, value: &Value) -> Option<Vec<Place>> {
        let Value::Array(items) = value else {
            return None;
        };
        items
            .iter()
            .map(|v| match v {
                Value::Ref(p) => Some(p.clone()),
                _ => None,
            })
            .collect()
    }

    /// A method that changes a slice, called on `v[a..b]` or on a binding
    /// that holds a view; `None` when the receiver is neither.
    pub(super) fn view_method(&mut self, m: &syn::ExprMethodCall, name: &str) -> R<Option<Value>> {
        if !CHANGES.contains(&name) {
            return Ok(None);
        }
        let mut receiver = &*m.receiver;
        while let Expr::Paren(p) = receiver {
            receiver = &p.expr;
        }
        let view = match receiver {
            Expr::Index(i) => match &*i.index {
                // A range index panics at its `[`, as std's `Index` does.
                Expr::Range(range) => {
                    self.slice_view(&i.expr, range, i.bracket_token.span.open())?
                }
                _ => None,
            },
            Expr::Path(_) => match self.place_of(receiver)? {
                Some(place) => self.value_at(&place),
                None => None,
            },
            // `q.make_contiguous().sort()`: the deque's slots, lent.
            Expr::MethodCall(c) if c.method == "make_contiguous" => {
                Some(self.eval(receiver, None)?)
            }
            _ => None,
        };
        let Some(places) = view.as_ref().and_then(|v| self.view_places(v)) else {
            return Ok(None);
        };
        let text = self.src(m);
        self.change_view(&places, name, m, &text).map(Some)
    }

    /// `swap`, `sort`, `sort_unstable`, `reverse` or `fill` on the
    /// elements `places` name.
    fn change_view(
        &mut self,
        places: &[Place],
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Value> {
        let span = self.sp(m);
        let len = places.len() as u64;
        let mut values = Vec::new();
        for p in places {
            match self.value_at(p) {
                Some(v) => values.push(v),
                None => return err(span, "this slice outlived the elements it refers to"),
            }
        }
        let arranged: Vec<Value> = match name {
            "swap" => {
                let (i, j) = (self.arg_u64(m, 0)?, self.arg_u64(m, 1)?);
                if let Some(bad) = [i, j].into_iter().find(|&k| k >= len) {
                    return err(
                        m.method.span(),
                        format!("panicked: index out of bounds: the len is {len} but the index is {bad}"),
                    );
                }
                values.swap(i as usize, j as usize);
                values
            }
            "reverse" => {
                self.prim_args(m, 0)?;
                values.reverse();
                values
            }
            "fill" => {
                let v = self.prim_args(m, 1)?.remove(0);
                if values
                    .first()
                    .is_some_and(|x| self.value_ty(x).is_none_or(|t| !t.is_plain()))
                {
                    return unsupported(&m.method, "`fill` of a slice of heap values");
                }
                vec![v; values.len()]
            }
            _ => {
                self.prim_args(m, 0)?;
                let order = stable_order_by(values.len(), |a, b| {
                    Ok(self.compare(&values[a], &values[b], span)? == std::cmp::Ordering::Less)
                })?;
                // The stable sort's scratch, as for a `Vec`; the unstable
                // sort sorts in place.
                if name == "sort" {
                    if let Some(elem) = values.first().and_then(|v| self.value_ty(v)) {
                        self.sort_scratch(&elem, len, text)?;
                    }
                }
                let mut taken: Vec<Option<Value>> = values.into_iter().map(Some).collect();
                order.into_iter().filter_map(|i| taken[i].take()).collect()
            }
        };
        for (place, value) in places.iter().zip(arranged) {
            self.put_in_place(place, value, span)?;
        }
        Ok(Value::unit())
    }

    /// Puts `value` at `place`, dropping nothing (it was moved there from
    /// another place of the same slice, or is plain data).
    fn put_in_place(&mut self, place: &Place, value: Value, span: Span) -> R<()> {
        if self.at_place(place).is_some() {
            self.replace_at(place, value, span)?;
        } else {
            self.store_place(place, value, span)?;
        }
        Ok(())
    }
}
