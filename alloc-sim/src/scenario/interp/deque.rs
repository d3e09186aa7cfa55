//! `VecDeque`: a ring buffer, each element in the slot std puts it in.
//!
//! The deque owns one block of `cap` slots (see
//! [`std_rules::vec_deque`]); its elements start at slot `head` and wrap
//! around the end. `push_back` writes slot `(head + len) % cap`,
//! `push_front` the slot before `head`, and the pops take from either
//! end, so the heap map shows the buffer as it is, wrapped part and all.
//! A full deque grows by `RawVec`'s amortized rule (a `realloc`), then
//! moves its wrapped part inside the bigger block as std's
//! `handle_capacity_increase` does: the shorter of the two runs, if it
//! fits, and otherwise the head run to the very end.
//!
//! The elements are plain data here (a deque of `String`s is refused for
//! now); their values are kept in logical order beside the bytes, which
//! are written slot by slot.

use std::collections::VecDeque;

use super::*;
use crate::scenario::std_rules::amortized_capacity;

/// A `VecDeque` the program made.
#[derive(Debug, Clone)]
pub(super) struct DequeOwner {
    ptr: Option<Addr>,
    cap: u64,
    /// The slot of the first element.
    head: u64,
    elem: Option<Ty>,
    /// The elements, front to back (a host deque: pops at the front stay
    /// O(1), as the program's do).
    items: VecDeque<Value>,
}

impl Interp<'_> {
    /// `VecDeque::new()` or `VecDeque::with_capacity(n)`.
    pub(super) fn new_deque(&mut self, elem: Option<Ty>, n: u64, text: &str) -> R<Value> {
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
                    Span::call_site(),
                    "the element type of this VecDeque is not known here: write it, as in `VecDeque<u32>`",
                );
            };
            let reason = format!("`{text}`: room for exactly {n} elements");
            self.deque_resize(index, &ty, n, &reason)?;
        }
        Ok(Value::Owner(id))
    }

    fn deque_of(&self, id: usize) -> usize {
        match self.owners[id] {
            Owner::Deque(i) => i,
            _ => usize::MAX,
        }
    }

    /// The block of `n` slots of `ty`: allocated, or the old one
    /// reallocated (the allocator copies the slots).
    fn deque_resize(&mut self, d: usize, ty: &Ty, n: u64, reason: &str) -> R<()> {
        let size = ty.layout(self.target).size;
        let align = ty.layout(self.target).align;
        if size == 0 {
            self.deques[d].cap = n;
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

    /// Writes item `i` (front is 0) into its slot.
    fn deque_write(&mut self, d: usize, i: usize) {
        let q = &self.deques[d];
        let (Some(ptr), Some(ty)) = (q.ptr, q.elem.clone()) else {
            return;
        };
        let slot = (q.head + i as u64) % q.cap.max(1);
        let size = ty.layout(self.target).size;
        let value = q.items[i].clone();
        self.write_at(Some(ptr.add(slot * size)), &value, &ty);
    }

    /// Makes room for one more element: std's `grow` and
    /// `handle_capacity_increase`.
    fn deque_grow(&mut self, d: usize, ty: &Ty, text: &str) -> R<()> {
        let q = &self.deques[d];
        let (old_cap, len, head) = (q.cap, q.items.len() as u64, q.head);
        if len < old_cap {
            return Ok(());
        }
        let size = ty.layout(self.target).size;
        let Ok(new_cap) = amortized_capacity(old_cap, len, 1, size, self.target) else {
            return self.capacity_overflow(false);
        };
        let reason = if old_cap == 0 {
            format!("`{text}`: the first element: room for {new_cap}")
        } else {
            format!("`{text}`: the deque is full ({old_cap}); it grows to {new_cap}")
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
            self.deque_write(d, i);
        }
        Ok(())
    }

    /// A method of the `VecDeque` that owner `id` is.
    pub(super) fn deque_method(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Value> {
        let d = self.deque_of(id);
        let span = self.sp(m);
        let usize_ = |n: usize| Value::Int(n as i128, Some(IntTy::Word(false)));
        let some = |v: Option<&Value>| Value::Opt(v.map(|v| Box::new(v.clone())));
        match name {
            "push_back" | "push_front" => {
                let value = self.moved_args(m, 1)?.remove(0);
                let ty = match self.deques[d].elem.clone() {
                    Some(t) => t,
                    None => match value.ty() {
                        Some(t) => t,
                        None => return unsupported(&m.args, "a VecDeque of heap values"),
                    },
                };
                if !ty.is_plain() {
                    return unsupported(&m.args, "a VecDeque of heap values");
                }
                if !value.fits(&ty) {
                    return self.mismatch(span, &ty.to_string(), &value);
                }
                self.deques[d].elem = Some(ty.clone());
                self.deque_grow(d, &ty, text)?;
                let value = value.typed(&ty);
                let q = &mut self.deques[d];
                if name == "push_back" {
                    q.items.push_back(value);
                    let last = q.items.len() - 1;
                    self.deque_write(d, last);
                } else {
                    q.head = (q.head + q.cap - 1) % q.cap.max(1);
                    q.items.push_front(value);
                    self.deque_write(d, 0);
                }
                Ok(Value::unit())
            }
            "pop_front" | "pop_back" => {
                self.prim_args(m, 0)?;
                let q = &mut self.deques[d];
                if q.items.is_empty() {
                    return Ok(Value::Opt(None));
                }
                let v = if name == "pop_front" {
                    q.head = (q.head + 1) % q.cap.max(1);
                    q.items.pop_front().unwrap_or_else(Value::unit)
                } else {
                    q.items.pop_back().unwrap_or_else(Value::unit)
                };
                Ok(Value::Opt(Some(Box::new(v))))
            }
            "len" | "is_empty" | "capacity" | "front" | "back" | "clear" => {
                self.prim_args(m, 0)?;
                let q = &mut self.deques[d];
                Ok(match name {
                    "len" => usize_(q.items.len()),
                    "is_empty" => Value::Bool(q.items.is_empty()),
                    "capacity" => usize_(q.cap as usize),
                    "front" => some(q.items.front()),
                    "back" => some(q.items.back()),
                    _ => {
                        q.items.clear();
                        q.head = 0;
                        Value::unit()
                    }
                })
            }
            // The two runs the buffer holds: from `head` to the end of
            // the block, and the part wrapped around to its start.
            "as_slices" => {
                self.prim_args(m, 0)?;
                let q = &self.deques[d];
                let first = (q.cap.saturating_sub(q.head) as usize).min(q.items.len());
                let a = q.items.iter().take(first).cloned().collect();
                let b = q.items.iter().skip(first).cloned().collect();
                Ok(Value::Tuple(vec![Value::Array(a), Value::Array(b)]))
            }
            "get" | "contains" => {
                let arg = self.prim_args(m, 1)?.remove(0);
                let arg = self.deref(arg);
                let q = &self.deques[d];
                Ok(match (name, &arg) {
                    ("get", Value::Int(i, _)) => {
                        some(usize::try_from(*i).ok().and_then(|i| q.items.get(i)))
                    }
                    ("contains", v) => Value::Bool(q.items.iter().any(|x| values_equal(x, v))),
                    _ => return self.mismatch(span, "usize", &arg),
                })
            }
            _ => unsupported(&m.method, &format!("the method `{name}` on a VecDeque")),
        }
    }

    /// The elements front to back (for `{:?}`, `for` and `iter()`).
    pub(super) fn deque_items(&self, id: usize) -> Vec<Value> {
        self.deques
            .get(self.deque_of(id))
            .map_or_else(Vec::new, |q| q.items.iter().cloned().collect())
    }

    /// Drops the deque: its plain elements need nothing; its block is freed.
    pub(super) fn drop_deque(&mut self, id: usize, reason: &str) -> R<()> {
        let d = self.deque_of(id);
        let Some(q) = self.deques.get(d).cloned() else {
            return Ok(());
        };
        if let (Some(ptr), Some(ty)) = (q.ptr, q.elem) {
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

/// Plain values compared as `==` does.
fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x, _), Value::Int(y, _)) => x == y,
        (x, y) => x == y,
    }
}
