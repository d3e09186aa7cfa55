//! `BinaryHeap`: a `Vec` kept in heap order, by std's own sifts.
//!
//! Every call a heap makes is its vector's ([`std_rules::binary_heap`]):
//! `push` is `Vec::push` then a sift up, which only moves elements; `pop`
//! is `Vec::pop`, the last element put at the root and sifted down to the
//! bottom then up (std's `sift_down_to_bottom`, fewer comparisons than the
//! textbook sift down); `BinaryHeap::from(v)` heapifies in place, and
//! `into_sorted_vec` sorts in place by repeated sifts. So the heap is an
//! [`Owner::Vec`] marked as heap-ordered, its elements moved slot by slot
//! as std moves them: its bytes show std's order, and `{:?}` and `iter()`
//! give it, as they do in Rust.
//!
//! Invariant (checked in debug builds after each change): every element
//! is at most its parent.

use std::cmp::Ordering;

use super::*;

impl Interp<'_> {
    /// `BinaryHeap::new`, `with_capacity` and `from`; `None` for any other
    /// name.
    pub(super) fn binary_heap_call(
        &mut self,
        name: &str,
        c: &syn::ExprCall,
        elem: Option<Ty>,
        text: &str,
    ) -> R<Option<Value>> {
        let span = self.sp(c);
        let id = match name {
            "BinaryHeap::new" | "BinaryHeap::with_capacity" => {
                let n = if name.ends_with("new") {
                    self.args(&c.args, 0, span)?;
                    0
                } else {
                    match c.args.first() {
                        Some(a) if c.args.len() == 1 => self.eval_u64(a)?,
                        _ => return err(span, format!("`{name}` takes 1 argument")),
                    }
                };
                if elem.is_none() && n > 0 {
                    return self.elem_needed(span, "BinaryHeap", n);
                }
                let id = self.new_vec(elem, false);
                if n > 0 {
                    let why = format!("`{text}`: its Vec allocates room for exactly {n}");
                    self.grow(id, n, &why, Exactness::Exact, false)?;
                }
                id
            }
            // `BinaryHeap::from(vec)` takes the vector's buffer and
            // heapifies it in place.
            "BinaryHeap::from" => {
                let arg = self.args(&c.args, 1, span)?.remove(0);
                let id = match arg {
                    Value::Owner(id)
                        if matches!(self.owners[id], Owner::Vec { string: false, .. }) =>
                    {
                        id
                    }
                    _ => return unsupported(&c.args, "`BinaryHeap::from` of anything but a `Vec`"),
                };
                return self.heap_from_vec(id, span).map(Some);
            }
            _ => return Ok(None),
        };
        self.heap_ordered.insert(id, ());
        Ok(Some(Value::Owner(id)))
    }

    /// The vector `id` made a heap in place (`BinaryHeap::from(v)`, and
    /// `collect()`, which collects a `Vec` first).
    pub(super) fn heap_from_vec(&mut self, id: usize, span: Span) -> R<Value> {
        self.heap_ordered.insert(id, ());
        self.rebuild(id, span)?;
        Ok(Value::Owner(id))
    }

    /// Whether owner `id` is a `BinaryHeap`.
    pub(super) fn is_binary_heap(&self, id: usize) -> bool {
        self.heap_ordered.get(&id).is_some()
    }

    /// A method of the `BinaryHeap` owner `id` is, before its vector's
    /// part: the value, if the heap answers alone (`peek`,
    /// `into_sorted_vec`, a method a heap does not have); `None` when the
    /// vector's method runs next (see [`Interp::heap_after`]).
    pub(super) fn heap_before(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Option<Value>> {
        let span = self.sp(m);
        Ok(Some(match name {
            "push" | "pop" | "len" | "is_empty" | "capacity" | "clear" | "reserve"
            | "reserve_exact" | "shrink_to_fit" | "shrink_to" | "clone" => return Ok(None),
            "peek" => {
                self.prim_args(m, 0)?;
                match self.vec_state(id).2 {
                    0 => Value::Opt(None),
                    _ => Value::Opt(Some(Box::new(self.vec_get(id, 0, span)?))),
                }
            }
            "into_sorted_vec" => {
                self.prim_args(m, 0)?;
                let mut end = self.vec_state(id).2;
                while end > 1 {
                    end -= 1;
                    self.swap_slots(id, 0, end, span)?;
                    self.sift_down_range(id, 0, end, span)?;
                }
                self.heap_ordered.remove(&id);
                Value::Owner(id)
            }
            _ => {
                return err(
                    self.sp(&m.method),
                    format!("no method named `{name}` found for struct `BinaryHeap` here"),
                )
            }
        }))
    }

    /// After the vector's method `name` gave `value`: `push` sifts the new
    /// element up; `pop` puts the last element at the root and sifts it
    /// down to the bottom, giving back the old root; a clone is a heap.
    pub(super) fn heap_after(
        &mut self,
        id: usize,
        name: &str,
        value: Value,
        span: Span,
    ) -> R<Value> {
        let value = match (name, value) {
            ("push", v) => {
                let len = self.vec_state(id).2;
                self.sift_up(id, 0, len - 1, span)?;
                v
            }
            ("pop", Value::Opt(Some(last))) if self.vec_state(id).2 > 0 => {
                let top = self.slot(id, 0, span)?;
                self.vec_write(id, 0, &last, &self.elem_ty(id));
                self.sift_down_to_bottom(id, 0, span)?;
                Value::Opt(Some(Box::new(top)))
            }
            ("clone", Value::Owner(copy)) => {
                self.heap_ordered.insert(copy, ());
                Value::Owner(copy)
            }
            (_, v) => v,
        };
        #[cfg(debug_assertions)]
        self.check_heap_order(id, span)?;
        Ok(value)
    }

    /// The element type of the `Vec` owner `id` is (a byte if not known).
    fn elem_ty(&self, id: usize) -> Ty {
        self.vec_state(id).3.unwrap_or_else(u8_ty)
    }

    /// Element `i`, taken to be moved (a heap value itself, not a
    /// reference to it).
    fn slot(&mut self, id: usize, i: u64, span: Span) -> R<Value> {
        if let Some(Contents::Items(items)) = self.contents.get(&id) {
            return Ok(items.get(i as usize).cloned().unwrap_or_else(Value::unit));
        }
        self.vec_get(id, i, span)
    }

    fn swap_slots(&mut self, id: usize, a: u64, b: u64, span: Span) -> R<()> {
        let (x, y) = (self.slot(id, a, span)?, self.slot(id, b, span)?);
        let ty = self.elem_ty(id);
        self.vec_write(id, a, &y, &ty);
        self.vec_write(id, b, &x, &ty);
        Ok(())
    }

    /// std's `sift_up(start, pos)`: the element at `pos` moves up past
    /// every parent smaller than it; where it stops.
    fn sift_up(&mut self, id: usize, start: u64, mut pos: u64, span: Span) -> R<u64> {
        let ty = self.elem_ty(id);
        let elem = self.slot(id, pos, span)?;
        while pos > start {
            let parent = (pos - 1) / 2;
            let above = self.slot(id, parent, span)?;
            if self.compare(&elem, &above, span)? != Ordering::Greater {
                break;
            }
            self.vec_write(id, pos, &above, &ty);
            pos = parent;
        }
        self.vec_write(id, pos, &elem, &ty);
        Ok(pos)
    }

    /// std's `sift_down_to_bottom(pos)`: the element at `pos` goes down
    /// along the larger children to a leaf, then sifts up from there.
    fn sift_down_to_bottom(&mut self, id: usize, start: u64, span: Span) -> R<()> {
        let ty = self.elem_ty(id);
        let end = self.vec_state(id).2;
        let elem = self.slot(id, start, span)?;
        let mut pos = start;
        let mut child = 2 * pos + 1;
        while child + 1 < end {
            let (l, r) = (self.slot(id, child, span)?, self.slot(id, child + 1, span)?);
            if self.compare(&l, &r, span)? != Ordering::Greater {
                child += 1;
            }
            let moved = self.slot(id, child, span)?;
            self.vec_write(id, pos, &moved, &ty);
            pos = child;
            child = 2 * pos + 1;
        }
        if child + 1 == end {
            let moved = self.slot(id, child, span)?;
            self.vec_write(id, pos, &moved, &ty);
            pos = child;
        }
        self.vec_write(id, pos, &elem, &ty);
        self.sift_up(id, start, pos, span)?;
        Ok(())
    }

    /// std's `sift_down_range(pos, end)`: the element at `pos` goes down
    /// while a child within `..end` is larger.
    fn sift_down_range(&mut self, id: usize, mut pos: u64, end: u64, span: Span) -> R<()> {
        let ty = self.elem_ty(id);
        let elem = self.slot(id, pos, span)?;
        let mut child = 2 * pos + 1;
        while child + 1 < end {
            let (l, r) = (self.slot(id, child, span)?, self.slot(id, child + 1, span)?);
            if self.compare(&l, &r, span)? != Ordering::Greater {
                child += 1;
            }
            let bigger = self.slot(id, child, span)?;
            if self.compare(&elem, &bigger, span)? != Ordering::Less {
                break;
            }
            self.vec_write(id, pos, &bigger, &ty);
            pos = child;
            child = 2 * pos + 1;
        }
        if child + 1 == end {
            let last = self.slot(id, child, span)?;
            if self.compare(&elem, &last, span)? == Ordering::Less {
                self.vec_write(id, pos, &last, &ty);
                pos = child;
            }
        }
        self.vec_write(id, pos, &elem, &ty);
        Ok(())
    }

    /// std's `rebuild`: heapify, sifting down from the last parent to the
    /// root.
    fn rebuild(&mut self, id: usize, span: Span) -> R<()> {
        let len = self.vec_state(id).2;
        let mut n = len / 2;
        while n > 0 {
            n -= 1;
            self.sift_down_range(id, n, len, span)?;
        }
        Ok(())
    }

    /// The heap's invariant: no element is larger than its parent.
    #[cfg(debug_assertions)]
    fn check_heap_order(&mut self, id: usize, span: Span) -> R<()> {
        if !self.is_binary_heap(id) {
            return Ok(());
        }
        let len = self.vec_state(id).2;
        for i in 1..len {
            let (child, parent) = (self.slot(id, i, span)?, self.slot(id, (i - 1) / 2, span)?);
            debug_assert!(
                self.compare(&child, &parent, span)? != Ordering::Greater,
                "BinaryHeap out of order at {i}"
            );
        }
        Ok(())
    }
}
