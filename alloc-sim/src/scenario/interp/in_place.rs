//! `v.into_iter().map(f).collect::<Vec<_>>()`: std collects in place,
//! into the block `v` gave up.
//!
//! When the iterator is a `Vec`'s `into_iter()` under adapters that take
//! at most one source element per item they give (`map`, `filter`,
//! `filter_map`, `enumerate`, `take`, `skip`, `take_while`,
//! `skip_while`, `inspect`, `cloned`, `copied`, `zip`'s left side, and
//! the shunt of a `collect::<Result<Vec<T>, E>>()`;
//! not `rev`, `chain`, `step_by` or `flat_map`), and the new element is
//! no bigger than the old with the same alignment (and neither is zero
//! sized), std writes each new element over the old ones already taken:
//! no new block. The new `Vec`'s capacity is the old block's bytes over
//! the new element's size; if that does not divide evenly, the block is
//! shrunk (a `realloc`) to a whole number of new elements. The source
//! elements not taken (after a `take`) are dropped first.
//!
//! `v.into_iter().collect()` with no adapter at all takes the `Vec` back
//! whole, unless more than half of it was already taken by `next()`;
//! then, and whenever the layouts do not allow it, std collects into a
//! new `Vec` as from any iterator, and the old block is freed with the
//! iterator.

use super::iter::{Adapter, Iter};
use super::*;

/// What the adapters over the source allow.
enum Chain {
    /// No adapter: the `Vec` is taken back (unless mostly spent).
    Bare,
    /// Adapters that keep one element per source element at most; whether
    /// one of them changes the element's type.
    InPlace { retypes: bool },
    /// Anything else: a new `Vec`.
    New,
}

/// The adapters between the collect and the source.
fn chain_of(iter: &Iter) -> Chain {
    let mut at = iter;
    let mut bare = true;
    let mut retypes = false;
    loop {
        at = match at {
            Iter::Items { owned: true, .. } if bare => return Chain::Bare,
            Iter::Items { owned: true, .. } => return Chain::InPlace { retypes },
            Iter::With(inner, adapter, _) => {
                retypes |= matches!(adapter, Adapter::Map | Adapter::FilterMap);
                inner
            }
            // `Shunt`: `collect::<Result<Vec<T>, E>>()` gives each `Ok`'s
            // `T` (std's `GenericShunt` is in-place iterable too).
            Iter::Enumerate(inner, _) | Iter::Zip(inner, _) | Iter::Shunt(inner, _) => {
                retypes = true;
                inner
            }
            Iter::Take(inner, _) | Iter::Skip(inner, _) | Iter::Cloned(inner) => inner,
            _ => return Chain::New,
        };
        bare = false;
    }
}

/// The source's items not taken yet.
fn source_mut(iter: &mut Iter) -> Option<(&mut Vec<Value>, &mut usize, usize)> {
    match iter {
        Iter::Items {
            items, front, back, ..
        } => Some((items, front, *back)),
        Iter::With(inner, ..)
        | Iter::Enumerate(inner, _)
        | Iter::Zip(inner, _)
        | Iter::Shunt(inner, _)
        | Iter::Take(inner, _)
        | Iter::Skip(inner, _)
        | Iter::Cloned(inner) => source_mut(inner),
        _ => None,
    }
}

impl Interp<'_> {
    /// `collect()` into a `Vec<elem>` from iterator `id`, in place when
    /// it walks a `Vec` it consumed and std's rules allow (see above).
    pub(super) fn collect_into_vec(
        &mut self,
        id: usize,
        m: &syn::ExprMethodCall,
        elem: Option<Ty>,
        text: &str,
        span: Span,
    ) -> R<Value> {
        let (chain, src) = match &self.owners[id] {
            Owner::Iter {
                iter,
                consumed: Some(v),
            } if matches!(self.owners[*v], Owner::Vec { string: false, .. }) => {
                (chain_of(iter), *v)
            }
            _ => return self.collect_vec(id, m, elem, false, text, span),
        };
        let (ptr, src_cap, _, src_ty, _) = self.vec_state(src);
        let dest = match (&chain, elem) {
            (_, Some(t)) => Some(t),
            (Chain::Bare | Chain::InPlace { retypes: false }, None) => src_ty.clone(),
            _ => None,
        };
        // A `Vec` never given an element has the type it is collected as.
        let src_ty = src_ty.or_else(|| dest.clone());
        let (Some(src_ty), Some(dest)) = (src_ty, dest) else {
            return err(span, "write the element type: `collect::<Vec<u32>>()`");
        };
        let (s, d) = (src_ty.layout(self.target), dest.layout(self.target));
        let fits = match chain {
            Chain::Bare => {
                let Owner::Iter { iter, .. } = &mut self.owners[id] else {
                    unreachable!("checked above")
                };
                let (_, front, back) = source_mut(iter).expect("a bare source");
                *front == 0 || ((back - *front) as u64) >= src_cap / 2
            }
            Chain::InPlace { .. } => {
                s.size > 0 && d.size > 0 && s.align == d.align && s.size >= d.size
            }
            Chain::New => false,
        };
        if !fits && matches!(chain, Chain::Bare) {
            return self.collect_spent(id, dest, text, span);
        }
        if !fits {
            return self.collect_vec(id, m, Some(dest), false, text, span);
        }
        let dst_cap = (src_cap * s.size).checked_div(d.size).unwrap_or(src_cap);
        let mut items = Vec::new();
        while let Some(v) = self.iter_next(id, span)? {
            let v = self.owned_item(v, span)?;
            if !self.value_fits(&v, &dest) {
                return self.collected_mismatch(span, &dest, &v);
            }
            items.push(v.typed(&dest));
        }
        // The source elements not taken are dropped; the block is the new
        // `Vec`'s now.
        let rest: Vec<Value> = match &mut self.owners[id] {
            Owner::Iter { iter, .. } => {
                source_mut(iter).map_or_else(Vec::new, |(all, front, back)| {
                    let rest = all[*front..back].to_vec();
                    *front = back;
                    rest
                })
            }
            _ => Vec::new(),
        };
        for v in &rest {
            self.drop_value(
                v,
                &format!("`{text}`: the elements the iterator did not take are dropped"),
            )?;
        }
        self.set_vec(src, None, 0, 0);
        let mut addr = ptr;
        if let Some(p) = ptr {
            let (old, new) = (src_cap * s.size, dst_cap * d.size);
            if d.size > 0 && s.size % d.size != 0 && old != new {
                let call = Call::Realloc {
                    addr: p,
                    layout: LayoutSpec {
                        size: old,
                        align: s.align,
                    },
                    new_size: new,
                };
                let why = format!(
                    "`{text}`: collected in place, the block shrinks from {old} bytes to a whole number of {dest} ({dst_cap} of {} bytes)",
                    d.size
                );
                match self.allocator_call(call, &why)? {
                    Ok(a) => addr = Some(a),
                    Err(_) => {
                        return halt(Halt::Abort(
                            format!("memory allocation of {new} bytes failed"),
                            self.here,
                        ))
                    }
                }
            }
        }
        let out = self.new_owner(Owner::Vec {
            ptr: addr,
            cap: dst_cap,
            len: 0,
            elem: Some(dest.clone()),
            string: false,
        });
        self.put_items(out, &dest, dst_cap, items)?;
        self.drop_owner(
            id,
            "the iterator is dropped once collected (its block lives on in the new `Vec`)",
        )?;
        Ok(Value::Owner(out))
    }

    /// A `Vec`'s `into_iter()` more than half spent, collected: std makes
    /// a new `Vec` and extends it with the rest (`reserve`, so at least
    /// the smallest capacity), then frees the old block with the iterator.
    fn collect_spent(&mut self, id: usize, elem: Ty, text: &str, span: Span) -> R<Value> {
        let out = self.new_vec(Some(elem.clone()), false);
        let (n, _) = self.iter_hint(id);
        let why = format!("`{text}`: more than half of the old `Vec` was taken, so a new one is made for the {n} left");
        self.reserve(out, n, &why, Exactness::Amortized, false)?;
        let mut items = Vec::new();
        while let Some(v) = self.iter_next(id, span)? {
            items.push(v);
        }
        let (_, cap, ..) = self.vec_state(out);
        self.put_items(out, &elem, cap, items)?;
        self.drop_owner(id, "the iterator is dropped once collected")?;
        Ok(Value::Owner(out))
    }
}
