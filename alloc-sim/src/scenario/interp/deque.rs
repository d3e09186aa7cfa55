//! `VecDeque`: a ring buffer, each element in the slot std puts it in.
//!
//! The deque owns one block of `cap` slots (see
//! [`std_rules::vec_deque`]); its elements start at slot `head` and wrap
//! around the end. `push_back` writes slot `(head + len) % cap`,
//! `push_front` the slot before `head`, and the pops take from either
//! end, so the heap map shows the buffer as it is, wrapped part and all.
//! `reserve` grows by `RawVec`'s amortized rule (a `realloc`), then moves
//! the wrapped part inside the bigger block as std's
//! `handle_capacity_increase` does: the shorter of the two runs, if it
//! fits, and otherwise the head run to the very end.
//!
//! The values are kept in logical order beside the bytes, which are
//! written slot by slot. An element is a place named by its *slot*
//! ([`Root::Item`] with the slot as index): pushes and pops at either end
//! leave the other elements' slots alone, so a heap value's home (see
//! `nested.rs`) changes only when growth moves it.
//!
//! Conversions follow std: `VecDeque::from(vec)` and `collect()` (which
//! collects into a `Vec` first) take the `Vec`'s block as it is, head 0;
//! `Vec::from(deque)` makes it contiguous at the start of the same block;
//! `clone` is `with_capacity(len)` then the clones in order; a drop
//! drops the elements front to back, then frees the block.
//!
//! A deque held in another value (a field, a `Vec`'s element, a map's
//! value) is four words there, `deque_words`; after each of its methods
//! they are written again where it lives. The methods that move elements
//! inside the buffer (`insert`, `remove`, `retain`, `drain`, …) are in
//! `deque_ops.rs`.

use std::collections::VecDeque;

use super::*;
use crate::scenario::std_rules::amortized_capacity;
use crate::scenario::value::{Place, Root};

/// A `VecDeque` the program made.
#[derive(Debug, Clone)]
pub(super) struct DequeOwner {
    ptr: Option<Addr>,
    pub(super) cap: u64,
    /// The slot of the first element.
    pub(super) head: u64,
    pub(super) elem: Option<Ty>,
    /// The elements, front to back (a host deque: pops at the front stay
    /// O(1), as the program's do).
    pub(super) items: VecDeque<Value>,
}

impl DequeOwner {
    /// The slot element `i` (the front is 0) sits in.
    fn slot(&self, i: usize) -> usize {
        ((u128::from(self.head) + i as u128) % u128::from(self.cap.max(1))) as usize
    }

    /// The element in slot `slot`, if one is there.
    fn index_of(&self, slot: usize) -> Option<usize> {
        let cap = u128::from(self.cap.max(1));
        let i = ((slot as u128 + cap - u128::from(self.head)) % cap) as usize;
        (i < self.items.len()).then_some(i)
    }

    /// The value in slot `slot`.
    pub(super) fn at_slot(&self, slot: usize) -> Option<&Value> {
        self.items.get(self.index_of(slot)?)
    }

    pub(super) fn at_slot_mut(&mut self, slot: usize) -> Option<&mut Value> {
        let i = self.index_of(slot)?;
        self.items.get_mut(i)
    }
}

impl Interp<'_> {
    /// `VecDeque::new()` or `VecDeque::with_capacity(n)`.
    pub(super) fn new_deque(
        &mut self,
        elem: Option<Ty>,
        n: u64,
        text: &str,
        span: Span,
    ) -> R<Value> {
        let index = self.deques.len();
        self.deques.push(DequeOwner {
            ptr: None,
            cap: 0,
            head: 0,
            elem: elem.clone(),
            items: VecDeque::new(),
        });
        let id = self.new_owner(Owner::Deque(index));
        if n > 0 {
            let Some(ty) = elem else {
                return err(
                    span,
                    "the element type of this VecDeque is not known here: write it, as in `VecDeque<u32>`",
                );
            };
            let reason = format!(
                "`{text}`: room for exactly {n} element{}",
                plural(n as usize)
            );
            self.deque_resize(index, &ty, n, &reason)?;
        }
        Ok(Value::Owner(id))
    }

    pub(super) fn deque_of(&self, id: usize) -> usize {
        match self.owners[id] {
            Owner::Deque(i) => i,
            _ => usize::MAX,
        }
    }

    /// The `VecDeque` that owner `id` is.
    pub(super) fn deque(&self, id: usize) -> Option<&DequeOwner> {
        match self.owners.get(id)? {
            Owner::Deque(d) => self.deques.get(*d),
            _ => None,
        }
    }

    /// Where slot `slot` of the deque `id` is in the heap, and its type.
    pub(super) fn deque_slot_at(&self, id: usize, slot: usize) -> Option<(Addr, Ty)> {
        let q = self.deque(id)?;
        let ty = q.elem.as_ref()?.resolved();
        Some((q.ptr?.add(slot as u64 * ty.layout(self.target).size), ty))
    }

    /// The words of the deque's handle, as rustc lays out its fields:
    /// the buffer's capacity and pointer (dangling at the element's
    /// alignment while there is no block), then `head` and `len`.
    pub(super) fn deque_words(&self, id: usize) -> Vec<u64> {
        let Some(q) = self.deque(id) else {
            return vec![0; 4];
        };
        let align = q
            .elem
            .as_ref()
            .map_or(1, |t| t.resolved().layout(self.target).align);
        let len = q.items.len() as u64;
        vec![q.cap, q.ptr.map_or(align, |p| p.0), q.head, len]
    }

    /// The block of `n` slots of `ty`: allocated, or the old one
    /// reallocated (the allocator copies the slots).
    fn deque_resize(&mut self, d: usize, ty: &Ty, n: u64, reason: &str) -> R<()> {
        let LayoutSpec { size, align } = ty.layout(self.target);
        if size == 0 {
            // A zero-sized element needs no memory: std's capacity is
            // `usize::MAX` from the start.
            self.deques[d].cap = std_rules::usize_max(self.target);
            return Ok(());
        }
        let Ok(layout) = std_rules::array_layout(LayoutSpec { size, align }, n, self.target) else {
            return self.capacity_overflow(false);
        };
        let (ptr, cap) = (self.deques[d].ptr, self.deques[d].cap);
        let addr = match ptr {
            None => self.alloc_infallible(layout, false, reason)?,
            Some(addr) => {
                let call = Call::Realloc {
                    addr,
                    layout: LayoutSpec {
                        size: size * cap,
                        align,
                    },
                    new_size: layout.size,
                };
                match self.allocator_call(call, reason)? {
                    Ok(a) => a,
                    Err(_) => {
                        return halt(Halt::Abort(
                            format!("memory allocation of {} bytes failed", layout.size),
                            self.here,
                        ))
                    }
                }
            }
        };
        self.deques[d].ptr = Some(addr);
        self.deques[d].cap = n;
        Ok(())
    }

    /// Writes element `i` (the front is 0) into its slot, and notes the
    /// slot as the home of the heap owners it holds.
    pub(super) fn deque_write(&mut self, id: usize, i: usize) {
        let d = self.deque_of(id);
        let q = &self.deques[d];
        let slot = q.slot(i);
        let value = q.items[i].clone();
        self.settle(
            Root::Item {
                owner: id,
                index: slot,
            },
            &value,
        );
        if let Some((at, ty)) = self.deque_slot_at(id, slot) {
            self.write_at(Some(at), &value, &ty);
        }
    }

    /// Writes the element in slot `slot` again (changed through a
    /// reference, or its handle changed).
    pub(super) fn deque_write_slot(&mut self, id: usize, slot: usize) {
        if let Some(i) = self.deque(id).and_then(|q| q.index_of(slot)) {
            self.deque_write(id, i);
        }
    }

    /// Element `i`, lent where it is.
    pub(super) fn deque_lend(&self, id: usize, i: usize) -> Value {
        let slot = self.deque(id).map_or(0, |q| q.slot(i));
        Value::Ref(Place {
            root: Root::Item {
                owner: id,
                index: slot,
            },
            fields: Vec::new(),
        })
    }

    /// `q[i]`: element `i`, lent, or std's panic past the end.
    pub(super) fn deque_index(&self, id: usize, i: u64, span: Span) -> R<Value> {
        match self.deque(id) {
            Some(q) if i < q.items.len() as u64 => Ok(self.deque_lend(id, i as usize)),
            _ => err(span, "panicked: Out of bounds access"),
        }
    }

    /// Every element, lent, front to back (`iter()`, `&q`).
    pub(super) fn deque_refs(&self, id: usize) -> Vec<Value> {
        let n = self.deque(id).map_or(0, |q| q.items.len());
        (0..n).map(|i| self.deque_lend(id, i)).collect()
    }

    /// Every element, moved out front to back (`into_iter()`, `for x in
    /// q`): the deque keeps only its block.
    pub(super) fn deque_take_all(&mut self, id: usize) -> Vec<Value> {
        let d = self.deque_of(id);
        let items: Vec<Value> = self.deques[d].items.drain(..).collect();
        for item in &items {
            Self::leave_home(&mut self.homes, item);
        }
        items
    }

    /// Makes room for `additional` more: std's `reserve`, which grows by
    /// `RawVec`'s amortized rule and then `handle_capacity_increase`.
    pub(super) fn deque_reserve(
        &mut self,
        id: usize,
        ty: &Ty,
        additional: u64,
        why: &str,
    ) -> R<()> {
        let d = self.deque_of(id);
        let q = &self.deques[d];
        let (old_cap, len, head) = (q.cap, q.items.len() as u64, q.head);
        if len.saturating_add(additional) <= old_cap {
            return Ok(());
        }
        let size = ty.layout(self.target).size;
        let Ok(new_cap) = amortized_capacity(old_cap, len, additional, size, self.target) else {
            return self.capacity_overflow(false);
        };
        let reason = if old_cap == 0 {
            format!("{why}: room for {new_cap}")
        } else {
            format!("{why}: the deque ({len} of {old_cap}) grows to {new_cap}")
        };
        self.deque_resize(d, ty, new_cap, &reason)?;
        // The wrapped part moves inside the bigger block: std keeps `head`
        // when nothing wraps, moves the tail run after the old end when it
        // is the shorter and fits, and otherwise the head run to the end.
        if old_cap > 0 && head > old_cap - len {
            let head_len = old_cap - head;
            let tail_len = len - head_len;
            if !(head_len > tail_len && new_cap - old_cap >= tail_len) {
                self.deques[d].head = new_cap - head_len;
            }
        }
        for i in 0..self.deques[d].items.len() {
            self.deque_write(id, i);
        }
        Ok(())
    }

    /// The element type, from what the deque was given if not written.
    pub(super) fn deque_elem(&mut self, id: usize, value: &Value, span: Span) -> R<Ty> {
        let d = self.deque_of(id);
        let ty = match self.deques[d].elem.clone().or_else(|| self.value_ty(value)) {
            Some(t) => t,
            None => return err(span, "write the element type: `VecDeque<u32>`"),
        };
        if !self.value_fits(value, &ty) {
            return self.mismatch(span, &ty.to_string(), value);
        }
        self.deques[d].elem = Some(ty.clone());
        Ok(ty)
    }

    /// `push_back(value)` or `push_front(value)`, with room already made.
    fn deque_push(&mut self, id: usize, value: Value, ty: &Ty, back: bool) {
        let d = self.deque_of(id);
        let value = value.typed(ty);
        let q = &mut self.deques[d];
        if back {
            q.items.push_back(value);
            let last = q.items.len() - 1;
            self.deque_write(id, last);
        } else {
            let cap = u128::from(q.cap.max(1));
            q.head = ((u128::from(q.head) + cap - 1) % cap) as u64;
            q.items.push_front(value);
            self.deque_write(id, 0);
        }
    }

    /// A method of the `VecDeque` that owner `id` is.
    pub(super) fn deque_method(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Value> {
        let result = self.deque_call(id, name, m, text);
        // Its handle (capacity, pointer, head, length) is written again
        // where the deque lives, if that is in the heap.
        self.refresh_home(id);
        result
    }

    fn deque_call(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Value> {
        let d = self.deque_of(id);
        let span = self.sp(m);
        let usize_ = |n: usize| Value::Int(n as i128, Some(IntTy::Word(false)));
        let len = self.deques[d].items.len();
        match name {
            "push_back" | "push_front" => {
                let elem = self.deques[d].elem.clone();
                let value = self.typed_args(m, &[elem])?.remove(0);
                let value = self.deref(value);
                let ty = self.deque_elem(id, &value, span)?;
                let why = if len == 0 {
                    format!("`{text}`: the first element")
                } else {
                    format!("`{text}`: full")
                };
                self.deque_reserve(id, &ty, 1, &why)?;
                self.deque_push(id, value, &ty, name == "push_back");
                Ok(Value::unit())
            }
            "pop_front" | "pop_back" => {
                self.prim_args(m, 0)?;
                let q = &mut self.deques[d];
                let v = if name == "pop_front" {
                    let v = q.items.pop_front();
                    if v.is_some() {
                        q.head = ((u128::from(q.head) + 1) % u128::from(q.cap.max(1))) as u64;
                    }
                    v
                } else {
                    q.items.pop_back()
                };
                if let Some(v) = &v {
                    Self::leave_home(&mut self.homes, v);
                }
                Ok(Value::Opt(v.map(Box::new)))
            }
            "len" | "is_empty" | "capacity" => {
                self.prim_args(m, 0)?;
                Ok(match name {
                    "len" => usize_(len),
                    "is_empty" => Value::Bool(len == 0),
                    _ => usize_(self.deques[d].cap as usize),
                })
            }
            "front" | "back" | "front_mut" | "back_mut" | "get" | "get_mut" => {
                let i = if name.starts_with("get") {
                    let arg = self.prim_args(m, 1)?.remove(0);
                    match self.deref(arg) {
                        Value::Int(i, _) => usize::try_from(i).unwrap_or(usize::MAX),
                        other => return self.mismatch(span, "usize", &other),
                    }
                } else {
                    self.prim_args(m, 0)?;
                    if name.starts_with("front") {
                        0
                    } else {
                        len.wrapping_sub(1)
                    }
                };
                Ok(Value::Opt(
                    (i < len).then(|| Box::new(self.deque_lend(id, i))),
                ))
            }
            // std's `clear` is `truncate(0)`, then `head` goes back to 0.
            "clear" | "truncate" => {
                let keep = if name == "clear" {
                    self.prim_args(m, 0)?;
                    0
                } else {
                    self.arg_u64(m, 0)? as usize
                };
                if keep < len {
                    let gone: Vec<Value> = self.deques[d].items.drain(keep..).collect();
                    let why =
                        format!("`{text}`: the elements past {keep} are dropped, front to back");
                    for item in gone {
                        Self::leave_home(&mut self.homes, &item);
                        self.drop_value(&item, &why)?;
                    }
                }
                if name == "clear" {
                    self.deques[d].head = 0;
                }
                Ok(Value::unit())
            }
            "reserve" => {
                let n = self.arg_u64(m, 0)?;
                let Some(ty) = self.deques[d].elem.clone() else {
                    return self.elem_needed(span, "reserve", n);
                };
                self.deque_reserve(id, &ty, n, &format!("`{text}`"))?;
                Ok(Value::unit())
            }
            // The two runs the buffer holds: from `head` to the end of
            // the block, and the part wrapped around to its start.
            "as_slices" => {
                self.prim_args(m, 0)?;
                let q = &self.deques[d];
                let first = (q.cap.saturating_sub(q.head) as usize).min(len);
                let mut a = self.deque_refs(id);
                let b = a.split_off(first);
                Ok(Value::Tuple(vec![Value::Array(a), Value::Array(b)]))
            }
            "contains" => {
                let arg = self.prim_args(m, 1)?.remove(0);
                let q = &self.deques[d];
                Ok(Value::Bool(q.items.iter().any(|x| self.equal(x, &arg))))
            }
            "extend" => {
                let Some(arg) = m.args.first() else {
                    return err(span, "`extend` takes what to add");
                };
                self.extend_deque(id, arg, text)?;
                Ok(Value::unit())
            }
            "clone" => {
                self.prim_args(m, 0)?;
                self.deque_clone(id, text, span)
            }
            _ => match self.deque_moves(id, name, m, text)? {
                Some(v) => Ok(v),
                None => unsupported(&m.method, &format!("the method `{name}` on a VecDeque")),
            },
        }
    }

    /// `q.clone()`: `with_capacity(len)`, then each element cloned in
    /// order and pushed.
    pub(super) fn deque_clone(&mut self, id: usize, text: &str, span: Span) -> R<Value> {
        let d = self.deque_of(id);
        let len = self.deques[d].items.len();
        let elem = self.deques[d].elem.clone();
        let Value::Owner(copy) = self.new_deque(elem, len as u64, text, span)? else {
            return Ok(Value::unit());
        };
        let mut copies = Vec::new();
        for i in 0..len {
            let item = self.deques[d].items[i].clone();
            copies.push(self.clone_value(&item, text)?);
        }
        self.deque_fill(copy, copies);
        Ok(Value::Owner(copy))
    }

    /// Pushes `items` at the back of deque `id`, which has room for them.
    pub(super) fn deque_fill(&mut self, id: usize, items: Vec<Value>) {
        let Some(ty) = self.deque(id).and_then(|q| q.elem.clone()) else {
            return;
        };
        for item in items {
            self.deque_push(id, item, &ty, true);
        }
    }

    /// `q.extend(…)`: std's `spec_extend`. A known length reserves it all
    /// first; otherwise each item that starts a run reserves the size
    /// hint after it, plus one (std calls `reserve` even when there is
    /// room for that one), and the run goes on while there is room.
    fn extend_deque(&mut self, id: usize, arg: &Expr, text: &str) -> R<()> {
        let span = self.sp(arg);
        let Some(source) = self.iterator_of_any(arg)? else {
            return unsupported(arg, "extending from this value");
        };
        let trusted =
            matches!(&self.owners[source], Owner::Iter { iter, .. } if iter.trusted_len());
        let elem = self.deque(id).and_then(|q| q.elem.clone());
        if let (true, Some(ty)) = (trusted, &elem) {
            let (n, _) = self.iter_hint(source);
            let why = format!("`{text}`: the length is known, so room for {n} more");
            self.deque_reserve(id, ty, n, &why)?;
        }
        let mut run = false;
        while let Some(v) = self.iter_next(source, span)? {
            let v = self.owned_item(v, span)?;
            let ty = self.deque_elem(id, &v, span)?;
            let (len, cap) = self
                .deque(id)
                .map_or((0, 0), |q| (q.items.len() as u64, q.cap));
            if !trusted && (!run || len == cap) {
                let (lower, _) = self.iter_hint(source);
                let n = lower.saturating_add(1);
                let why = format!("`{text}`: room for {n} more (the size hint + 1)");
                self.deque_reserve(id, &ty, n, &why)?;
                run = true;
            }
            self.deque_push(id, v, &ty, true);
        }
        self.drop_owner(source, "the iterator `extend` took is dropped once spent")
    }

    /// The `Vec` that owner `vec` is, made a `VecDeque` in the same block
    /// with its first element at slot `head` (`VecDeque::from(v)`,
    /// `collect()`): no allocator call.
    pub(super) fn vec_into_deque(&mut self, vec: usize, head: u64, span: Span) -> R<Value> {
        let (ptr, cap, len, elem, _) = self.vec_state(vec);
        let items = self.all_items(vec, len, span)?;
        for item in &items {
            Self::leave_home(&mut self.homes, item);
        }
        self.contents.remove(&vec);
        self.owners[vec] = Owner::Gone;
        let d = self.deques.len();
        self.deques.push(DequeOwner {
            ptr,
            cap,
            head,
            elem: elem.clone(),
            items: items.into(),
        });
        let id = self.new_owner(Owner::Deque(d));
        if self.defaulted.contains(&vec) {
            self.defaulted.push(id);
        }
        if elem
            .as_ref()
            .is_some_and(|t| t.layout(self.target).size == 0)
        {
            self.deques[d].cap = std_rules::usize_max(self.target);
        }
        for i in 0..len as usize {
            self.deque_write(id, i);
        }
        Ok(Value::Owner(id))
    }

    /// Gives a deque whose element type was a guess (`VecDeque::from(vec![1,
    /// 2])`) the type its place declares: its elements are retyped as they
    /// are (the guess had their layout).
    pub(super) fn deque_adopt_elem(&mut self, id: usize, want: &Ty) {
        let d = self.deque_of(id);
        let Some(q) = self.deques.get_mut(d) else {
            return;
        };
        q.elem = Some(want.clone());
        for item in q.items.iter_mut() {
            match (&mut *item, want) {
                (Value::Int(_, t), Ty::Int(w)) => *t = Some(*w),
                (Value::Float(_, t), Ty::Float(w)) => *t = Some(*w),
                _ => {}
            }
        }
    }

    /// `Vec::from(q)`, `q.into()`: std makes the deque contiguous at the
    /// start of its block, which the `Vec` then owns (no allocator call).
    pub(super) fn deque_into_vec(&mut self, id: usize) -> R<Value> {
        let d = self.deque_of(id);
        let (ptr, cap, elem) = {
            let q = &self.deques[d];
            (q.ptr, q.cap, q.elem.clone())
        };
        let items = self.deque_take_all(id);
        self.deques[d].ptr = None;
        self.owners[id] = Owner::Gone;
        let vec = self.new_vec(elem.clone(), false);
        if let Owner::Vec { ptr: p, cap: c, .. } = &mut self.owners[vec] {
            (*p, *c) = (ptr, cap);
        }
        if let Some(ty) = elem {
            self.put_items(vec, &ty, cap, items)?;
        }
        Ok(Value::Owner(vec))
    }

    /// The elements front to back (for `{:?}`).
    pub(super) fn deque_items(&self, id: usize) -> Vec<Value> {
        self.deque(id)
            .map_or_else(Vec::new, |q| q.items.iter().cloned().collect())
    }

    /// Drops the deque: its elements front to back, then its block.
    pub(super) fn drop_deque(&mut self, id: usize, reason: &str) -> R<()> {
        let d = self.deque_of(id);
        if d == usize::MAX {
            return Ok(());
        }
        for item in self.deque_take_all(id) {
            self.drop_value(&item, reason)?;
        }
        let q = &self.deques[d];
        if let (Some(ptr), Some(ty)) = (q.ptr, q.elem.clone()) {
            let l = ty.layout(self.target);
            let layout = LayoutSpec {
                size: l.size * q.cap,
                align: l.align,
            };
            self.free(
                ptr,
                layout,
                &format!("{reason}: the VecDeque frees its buffer"),
            )?;
        }
        self.deques[d].ptr = None;
        Ok(())
    }
}
