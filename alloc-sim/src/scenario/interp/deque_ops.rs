//! `VecDeque`'s methods that move elements inside its ring buffer:
//! `insert`, `remove`, `swap`, `retain` (and `retain_mut`), `drain`,
//! `make_contiguous`, `rotate_left` and `rotate_right`.
//!
//! None of them calls the allocator, save an `insert` into a full deque,
//! which grows it first as `push_back` does. What they change is where
//! the elements sit: std moves the fewer elements each time (the run
//! before an inserted or removed element or the run after it), and the
//! front's slot, `head`, moves when the run before does. Where it ends up
//! is [`std_rules::vec_deque::moves`]; the elements keep their order
//! around it, so after each method every element is written again into
//! the slot it now has (and its heap values' homes noted there).
//!
//! `retain` shows each element to the closure in order, in its slot;
//! std then swaps each kept element forward over the rejected ones and
//! truncates, so the rejected ones are dropped in the order the swaps
//! left them in, which is not always the order they had. `drain(a..b)`
//! takes the elements out at once (the rest close up when the `Drain` is
//! dropped: no call either way); the iterator gives them front to back,
//! drops those not taken, and says its length exactly without being
//! `TrustedLen`, so a `collect` takes the first before it allocates.

use super::iter::Count;
use super::*;
use crate::scenario::std_rules::vec_deque::moves;

impl Interp<'_> {
    /// `q.name(…)` for the methods of this file; `None` for any other.
    pub(super) fn deque_moves(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Option<Value>> {
        let span = self.sp(m);
        let d = self.deque_of(id);
        let len = self.deques[d].items.len() as u64;
        Ok(Some(match name {
            "insert" => {
                let index = self.arg_u64(m, 0)?;
                let Some(arg) = m.args.iter().nth(1) else {
                    return err(span, "`insert` takes an index and a value");
                };
                let hint = self.deques[d].elem.as_ref().map(Hint::of);
                let value = self.eval(arg, hint.as_ref())?;
                let value = self.deref(value);
                if index > len {
                    return err(span, "panicked: index out of bounds");
                }
                let ty = self.deque_elem(id, &value, span)?;
                let why = if len == 0 {
                    format!("`{text}`: the first element")
                } else {
                    format!("`{text}`: full")
                };
                self.deque_reserve(id, &ty, 1, &why)?;
                let q = &mut self.deques[d];
                q.head = moves::insert(q.cap, q.head, len, index);
                q.items.insert(index as usize, value.typed(&ty));
                self.deque_rewrite(id);
                Value::unit()
            }
            "remove" => {
                let index = self.arg_u64(m, 0)?;
                if index >= len {
                    return Ok(Some(Value::Opt(None)));
                }
                let q = &mut self.deques[d];
                q.head = moves::remove(q.cap, q.head, len, index);
                let gone = q.items.remove(index as usize);
                if let Some(v) = &gone {
                    Self::leave_home(&mut self.homes, v);
                }
                self.deque_rewrite(id);
                Value::Opt(gone.map(Box::new))
            }
            "swap" => {
                let (i, j) = (self.arg_u64(m, 0)?, self.arg_u64(m, 1)?);
                if i >= len || j >= len {
                    let which = if i >= len { "i" } else { "j" };
                    return err(
                        span,
                        format!("panicked: assertion failed: {which} < self.len()"),
                    );
                }
                self.deques[d].items.swap(i as usize, j as usize);
                self.deque_rewrite(id);
                Value::unit()
            }
            "retain" | "retain_mut" => {
                self.deque_retain(id, m, text)?;
                Value::unit()
            }
            "drain" => {
                let Some(arg) = m.args.first() else {
                    return err(span, "`drain` takes a range");
                };
                let Expr::Range(range) = arg else {
                    return unsupported(arg, "`drain` of anything but a range");
                };
                let (start, end) = self.range_bounds(range, len, span)?;
                let q = &mut self.deques[d];
                q.head = moves::drain(q.cap, q.head, len, start as u64, end as u64);
                let drained: Vec<Value> = q.items.drain(start..end).collect();
                for v in &drained {
                    Self::leave_home(&mut self.homes, v);
                }
                self.deque_rewrite(id);
                Value::Owner(self.owned_iter(drained, Count::Sized))
            }
            "make_contiguous" => {
                self.prim_args(m, 0)?;
                let q = &mut self.deques[d];
                q.head = moves::make_contiguous(q.cap, q.head, len);
                self.deque_rewrite(id);
                Value::Array(self.deque_refs(id))
            }
            "rotate_left" | "rotate_right" => {
                let n = self.arg_u64(m, 0)?;
                if n > len {
                    return err(span, "panicked: assertion failed: n <= self.len()");
                }
                let q = &mut self.deques[d];
                if name == "rotate_left" {
                    q.head = moves::rotate_left(q.cap, q.head, len, n);
                    q.items.rotate_left(n as usize);
                } else {
                    q.head = moves::rotate_right(q.cap, q.head, len, n);
                    q.items.rotate_right(n as usize);
                }
                self.deque_rewrite(id);
                Value::unit()
            }
            _ => return Ok(None),
        }))
    }

    /// Writes every element into the slot it has now.
    fn deque_rewrite(&mut self, id: usize) {
        let n = self.deque(id).map_or(0, |q| q.items.len());
        for i in 0..n {
            self.deque_write(id, i);
        }
    }

    /// `retain(f)` / `retain_mut(f)`, as std's: `f` sees each element in
    /// order where it is; each kept element is swapped forward to the
    /// first rejected one's place, then the rest are truncated (dropped
    /// front to back in the order the swaps left them).
    fn deque_retain(&mut self, id: usize, m: &syn::ExprMethodCall, text: &str) -> R<()> {
        let span = self.sp(m);
        let Some(arg) = m.args.first() else {
            return err(span, "`retain` takes a closure");
        };
        let f = self.eval(arg, None)?;
        let Some(f_id) = self.closure_in(&f) else {
            return unsupported(arg, "`retain` with an argument that is not a closure");
        };
        let d = self.deque_of(id);
        let len = self.deques[d].items.len();
        // Each `f(&self[cur])` sees the element `cur` had from the start:
        // the swaps before it touched only earlier places.
        let mut keep = Vec::with_capacity(len);
        for i in 0..len {
            let lent = self.deque_lend(id, i);
            keep.push(matches!(
                self.call_closure(f_id, vec![lent], span)?,
                Value::Bool(true)
            ));
        }
        let mut order: Vec<usize> = (0..len).collect();
        let mut idx = 0;
        for (cur, kept) in keep.iter().enumerate() {
            if *kept {
                order.swap(idx, cur);
                idx += 1;
            }
        }
        if idx < len {
            let mut items: Vec<Option<Value>> = self.deques[d].items.drain(..).map(Some).collect();
            let arranged: Vec<Value> = order.iter().filter_map(|&i| items[i].take()).collect();
            self.deques[d].items = arranged.into();
            let gone: Vec<Value> = self.deques[d].items.drain(idx..).collect();
            self.deque_rewrite(id);
            let why = format!("`{text}` drops the elements it does not keep");
            for v in gone {
                Self::leave_home(&mut self.homes, &v);
                self.drop_value(&v, &why)?;
            }
        }
        self.drop_value(&f, "the closure is dropped after the call")
    }
}
