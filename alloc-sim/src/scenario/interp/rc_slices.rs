//! `Rc<[T]>` and `Rc<str>` (and their `Arc`s): one block of the two
//! counts and then the elements or the text's bytes, as many as there are
//! (see [`std_rules::rc`]: `rc_slice_layout`, `rc_slice_from_vec`).
//!
//! They are made by conversion, never by `Rc::new`: `Rc::from(v)` (or
//! `v.into()` where an `Rc<[T]>` is expected) of a `Vec<T>` allocates the
//! block for its length, moves the elements in and frees the vector's
//! buffer, all of its capacity; of a `String`, the same with its bytes;
//! of a `&str`, a slice or an array, it only allocates (a slice's elements
//! are cloned in). `collect()` into one does as std's `FromIterator` does
//! ([`Interp::collect_rc_slice`]). Everything else is any `Rc`'s: `clone`
//! counts, the last one drops the elements and frees the block.
//!
//! The block holds an array of the slice's length (`[T; n]`, or the text
//! as the bytes it is), so it is laid out, written and dropped as a sized
//! value; the type the program sees is `Rc<[T]>` ([`Ty::Slice`]), whose
//! handle is two words, the block's address and the length.

use super::*;
use crate::scenario::std_rules::rc::{rc_slice_layout, RcBlock};
use crate::scenario::value::Root;

impl Interp<'_> {
    /// `Rc::from(value)` (`arc`: `Arc::from`) into the `[T]` or `str`
    /// `slice` names (`None`: what the value gives, a `str` from text and
    /// a `[T]` from elements).
    pub(super) fn rc_from(
        &mut self,
        value: Value,
        slice: Option<&Ty>,
        arc: bool,
        text: &str,
        span: Span,
    ) -> R<Value> {
        let kind = if arc { "Arc" } else { "Rc" };
        let wants_str = match slice {
            Some(Ty::Slice(_, s)) => Some(*s),
            _ => None,
        };
        // A `String` or `Vec` moved in: its buffer is freed afterwards.
        let mut old_buffer = None;
        let (held, elem, len, is_str) = match self.deref(value.clone()) {
            Value::Str(s) => {
                let n = s.len() as u64;
                (Value::Str(s), u8_ty(), n, true)
            }
            Value::Owner(id) if matches!(self.owners[id], Owner::Vec { .. }) => {
                let (ptr, cap, len, elem, string) = self.vec_state(id);
                if matches!(value, Value::Ref(_)) {
                    return unsupported_span(
                        span,
                        &format!("`{kind}::from` of a reference to a Vec or String (give it the value, or a slice)"),
                    );
                }
                let Some(elem) = elem else {
                    return err(
                        span,
                        "the element type of this Vec is not known here: write it",
                    );
                };
                let held = if string {
                    Value::Str(self.text_of(&Value::Owner(id)).unwrap_or_default())
                } else {
                    let items = self.all_items(id, len, span)?;
                    for item in &items {
                        Self::leave_home(&mut self.homes, item);
                    }
                    Value::Array(items)
                };
                self.contents.remove(&id);
                self.owners[id] = Owner::Gone;
                let size = elem.layout(self.target).size;
                if let (Some(p), true) = (ptr, cap > 0 && size > 0) {
                    let layout =
                        std_rules::array_layout(elem.layout(self.target), cap, self.target)
                            .unwrap_or(LayoutSpec { size: 0, align: 1 });
                    old_buffer = Some((p, layout, string));
                }
                (held, elem, len, string)
            }
            // An array, or a slice (`&v[1..]`): its elements, copied.
            Value::Array(items) => {
                let Some(elem) = slice
                    .and_then(|t| match t {
                        Ty::Slice(e, false) => Some((**e).clone()),
                        _ => None,
                    })
                    .or_else(|| items.first().and_then(|v| self.value_ty(v)))
                else {
                    return err(span, format!("write the type: `{kind}<[u32]>`"));
                };
                let n = items.len() as u64;
                let items = items.into_iter().map(|v| v.typed(&elem)).collect();
                (Value::Array(items), elem, n, false)
            }
            other => {
                return unsupported_span(
                    span,
                    &format!(
                        "`{kind}::from` of a value of type `{}`",
                        self.type_name(&other)
                    ),
                )
            }
        };
        if wants_str.is_some_and(|s| s != is_str) {
            let want = slice.map(ToString::to_string).unwrap_or_default();
            return self.mismatch(span, &format!("{kind}<{want}>"), &value);
        }
        let block = self.rc_slice_alloc(&elem, len, is_str, arc, text)?;
        let rc = self.rc_slice_fill(block, held);
        if let Some((p, layout, string)) = old_buffer {
            let what = if string { "String" } else { "Vec" };
            let why =
                format!("`{text}`: the {what}'s buffer is freed once its contents are copied over");
            self.free(p, layout, &why)?;
        }
        Ok(rc)
    }

    /// The block of an `Rc<[elem]>` (`is_str`: `Rc<str>`) of `len`
    /// elements, allocated: its two counts and room for the elements,
    /// which [`Self::rc_slice_fill`] puts in.
    fn rc_slice_alloc(
        &mut self,
        elem: &Ty,
        len: u64,
        is_str: bool,
        arc: bool,
        text: &str,
    ) -> R<SliceBlock> {
        let kind = if arc { "Arc" } else { "Rc" };
        let slice_ty = Ty::Slice(Box::new(elem.clone()), is_str);
        let Ok(layout) = rc_slice_layout(elem.layout(self.target), len, self.target) else {
            return self.capacity_overflow(false);
        };
        let what = if is_str {
            format!("the text's {len} bytes")
        } else {
            format!("{len} elements of {elem}")
        };
        let reason =
            format!("`{text}`: {kind}Inner<{slice_ty}> is two counters (strong, weak) then {what}");
        let ptr = self.alloc_infallible(layout, false, &reason)?;
        Ok(SliceBlock {
            ptr,
            layout,
            slice_ty,
            elem: elem.clone(),
            len,
            arc,
        })
    }

    /// The elements (`held`: an array of them, or the text) written into
    /// the block, and the `Rc` that holds it.
    fn rc_slice_fill(&mut self, block: SliceBlock, held: Value) -> Value {
        let SliceBlock {
            ptr,
            layout,
            slice_ty,
            elem,
            len,
            arc,
        } = block;
        self.pointers = true;
        let (counts, _) = RcBlock::from_layout(layout);
        let cell = self.shared.len();
        let holder = self.new_owner(Owner::Shared { cell });
        let ty = Ty::Array(Box::new(elem), len);
        self.shared.push(SharedBlock {
            ptr,
            ty,
            slice: Some((slice_ty, len)),
            counts,
            arc,
            holder,
        });
        self.write_counts(cell);
        self.settle(Root::Content { owner: holder }, &held);
        self.contents.insert(holder, Contents::Value(held));
        self.write_back(&Place {
            root: Root::Content { owner: holder },
            fields: Vec::new(),
        });
        Value::Owner(self.new_owner(Owner::Rc { cell }))
    }

    /// `collect()` into `Rc<[T]>` (`arc`: `Arc<[T]>`), as std's
    /// `FromIterator` does it: an iterator whose length std knows
    /// (`TrustedLen`) gets the block for exactly that many first, and its
    /// items are made into it one by one (`Rc::from_iter_exact`); any other
    /// is collected into a `Vec` first, which `Rc::from` then empties into
    /// the block and frees.
    pub(super) fn collect_rc_slice(
        &mut self,
        id: usize,
        m: &syn::ExprMethodCall,
        elem: Ty,
        arc: bool,
        span: Span,
    ) -> R<Value> {
        let text = self.src(m);
        let slice = Ty::Slice(Box::new(elem.clone()), false);
        if !self.iter_trusted_len(id) {
            let vec = self.collect_into_vec(id, m, Some(elem), &text, span)?;
            return self.rc_from(vec, Some(&slice), arc, &text, span);
        }
        let (len, _) = self.iter_hint(id);
        let block = self.rc_slice_alloc(&elem, len, false, arc, &text)?;
        let mut items = Vec::new();
        while let Some(v) = self.iter_next(id, span)? {
            let v = self.owned_item(v, span)?;
            Self::leave_home(&mut self.homes, &v);
            items.push(v.typed(&elem));
        }
        // `from_iter_exact` took the iterator: it goes once it is empty.
        if matches!(self.owners.get(id), Some(Owner::Iter { .. })) {
            self.drop_owner(id, "the iterator is dropped once consumed")?;
        }
        Ok(self.rc_slice_fill(block, Value::Array(items)))
    }
}

/// An `Rc<[T]>`'s block, allocated and not yet filled.
#[derive(Debug)]
struct SliceBlock {
    ptr: Addr,
    layout: LayoutSpec,
    slice_ty: Ty,
    elem: Ty,
    len: u64,
    arc: bool,
}
