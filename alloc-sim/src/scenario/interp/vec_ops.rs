//! More of `Vec`'s methods: the ones that move elements around inside the
//! buffer (`remove`, `swap_remove`, `sort`, `dedup`, `reverse`), and the
//! ones that move them between vectors (`split_off`, `append`, `extend`),
//! with the calls std makes ([`std_rules::sort`], [`std_rules::vec_methods`]);
//! and `first`, `last`, `get`, which lend one.

use super::*;
use crate::scenario::std_rules::sort;

impl Interp<'_> {
    /// `binary_search(&x)` over `all` (a `Vec`'s or an array's items):
    /// the host's own search over the same keys, comparing as `Ord` does,
    /// so the same index among equal elements.
    pub(super) fn binary_search_in(
        &mut self,
        all: &[Value],
        wanted: &Value,
        span: proc_macro2::Span,
    ) -> R<Value> {
        let mut failed = None;
        let indices: Vec<usize> = (0..all.len()).collect();
        let found = indices.binary_search_by(|&i| {
            self.compare(&all[i], wanted, span).unwrap_or_else(|e| {
                failed.get_or_insert(e);
                std::cmp::Ordering::Equal
            })
        });
        if let Some(e) = failed {
            return Err(e);
        }
        let usize_ = |i: usize| Box::new(Value::Int(i as i128, Some(IntTy::Word(false))));
        Ok(match found {
            Ok(i) => Value::Result(true, usize_(i)),
            Err(i) => Value::Result(false, usize_(i)),
        })
    }

    /// `v.name(…)` for the methods of this file; `None` for any other.
    pub(super) fn vec_more(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Option<Value>> {
        let span = m.span();
        let (_, cap, len, elem, string) = self.vec_state(id);
        if string {
            return Ok(None);
        }
        let Some(elem) = elem else {
            return Ok(None);
        };
        let items = self.holds_items(id);
        Ok(Some(match name {
            "to_vec" => {
                self.prim_args(m, 0)?;
                self.vec_clone(id, text)?
            }
            "split_at" => {
                let mid = self.arg_u64(m, 0)?;
                self.split_at(Value::Owner(id), mid, m.method.span())?
            }
            "join" | "concat" => {
                let all = self.all_items(id, len, span)?;
                self.join_texts(&all, name, m)?
            }
            // An element lent (`Some(&v[i])`): a plain one as its value,
            // as iterators hand them out.
            "first" | "last" | "get" => {
                let index = match name {
                    "get" => Some(self.arg_u64(m, 0)?).filter(|i| *i < len),
                    _ => {
                        self.prim_args(m, 0)?;
                        if name == "first" {
                            Some(0).filter(|_| len > 0)
                        } else {
                            len.checked_sub(1)
                        }
                    }
                };
                match index {
                    None => Value::Opt(None),
                    Some(i) if items => Value::Opt(Some(Box::new(self.item_ref(id, i)))),
                    Some(i) => Value::Opt(Some(Box::new(self.vec_get(id, i, span)?))),
                }
            }
            "remove" | "swap_remove" => {
                let index = self.arg_u64(m, 0)?;
                if index >= len {
                    // std's words: `remove`'s index is the "removal index".
                    let what = if name == "remove" { "removal" } else { name };
                    return err(
                        m.method.span(),
                        format!("panicked: {what} index (is {index}) should be < len (is {len})"),
                    );
                }
                let mut all = self.all_items(id, len, span)?;
                let value = if name == "remove" {
                    all.remove(index as usize)
                } else {
                    all.swap_remove(index as usize)
                };
                self.put_items(id, &elem, cap, all)?;
                if items {
                    Self::leave_home(&mut self.homes, &value);
                }
                value
            }
            "swap" => {
                let (i, j) = (self.arg_u64(m, 0)?, self.arg_u64(m, 1)?);
                if let Some(bad) = [i, j].into_iter().find(|&k| k >= len) {
                    return err(
                        m.method.span(),
                        format!("panicked: index out of bounds: the len is {len} but the index is {bad}"),
                    );
                }
                let mut all = self.all_items(id, len, span)?;
                all.swap(i as usize, j as usize);
                self.put_items(id, &elem, cap, all)?;
                Value::unit()
            }
            "reverse" => {
                let mut all = self.all_items(id, len, span)?;
                all.reverse();
                self.put_items(id, &elem, cap, all)?;
                Value::unit()
            }
            "contains" => {
                let wanted = self.method_args(m, 1)?.remove(0);
                let wanted = self.deref(wanted);
                let all = self.all_items(id, len, span)?;
                let mut found = false;
                for v in &all {
                    // `PartialEq::eq(item, wanted)`, the program's own where
                    // it has one.
                    let same = match self.derived_eq(v, &wanted, span)? {
                        Some(same) => same,
                        None => {
                            let v = self.deref(v.clone());
                            self.same_contents(&v, &wanted)
                                .unwrap_or_else(|| same_plain(&v, &wanted))
                        }
                    };
                    if same {
                        found = true;
                        break;
                    }
                }
                Value::Bool(found)
            }
            "dedup" => {
                let all = self.all_items(id, len, span)?;
                let mut kept: Vec<Value> = Vec::new();
                let mut dropped = Vec::new();
                for v in all {
                    let same = kept.last().is_some_and(|last| {
                        self.same_contents(last, &v)
                            .unwrap_or_else(|| same_plain(last, &v))
                    });
                    if same {
                        dropped.push(v);
                    } else {
                        kept.push(v);
                    }
                }
                self.put_items(id, &elem, cap, kept)?;
                for v in dropped {
                    self.drop_value(&v, &format!("`{text}` drops a repeated element"))?;
                }
                Value::unit()
            }
            // Each element is shown to the closure in order; a rejected one
            // is dropped there and then. No allocator call.
            "retain" => {
                let Some(arg) = m.args.first() else {
                    return err(span, "`retain` takes a closure");
                };
                let f = self.eval(arg, None)?;
                let Some(f_id) = self.closure_in(&f) else {
                    return unsupported(arg, "`retain` with an argument that is not a closure");
                };
                let all = self.all_items(id, len, span)?;
                let mut kept = Vec::new();
                for v in all {
                    let (keep, v) = self.with_temporary(v, |me, place| {
                        me.call_closure(f_id, vec![Value::Ref(place)], span)
                    })?;
                    if matches!(keep?, Value::Bool(true)) {
                        kept.push(v);
                    } else {
                        self.drop_value(
                            &v,
                            &format!("`{text}` drops an element it does not keep"),
                        )?;
                    }
                }
                self.put_items(id, &elem, cap, kept)?;
                self.drop_value(&f, "the closure is dropped after the call")?;
                Value::unit()
            }
            // `split_off(at)`: a new vector of exactly the tail; this one
            // keeps its block.
            "split_off" => {
                let at = self.arg_u64(m, 0)?;
                if at > len {
                    return err(
                        m.method.span(),
                        format!("panicked: `at` split index (is {at}) should be <= len (is {len})"),
                    );
                }
                let mut all = self.all_items(id, len, span)?;
                let tail = all.split_off(at as usize);
                self.put_items(id, &elem, cap, all)?;
                let out = self.new_vec(Some(elem.clone()), false);
                let n = tail.len() as u64;
                if n > 0 {
                    let why = format!("`{text}`: a new Vec of exactly the {n} elements split off");
                    self.reserve(out, n, &why, Exactness::Exact, false)?;
                }
                let (ptr, new_cap, ..) = self.vec_state(out);
                if items {
                    for v in &tail {
                        Self::leave_home(&mut self.homes, v);
                    }
                }
                self.set_vec(out, ptr, new_cap, 0);
                for (i, v) in tail.iter().enumerate() {
                    self.vec_write(out, i as u64, v, &elem);
                }
                self.set_vec(out, ptr, new_cap, n);
                Value::Owner(out)
            }
            // `drain(a..b)`: the elements leave now (the rest close up when
            // the `Drain` is dropped: no call either way); the iterator
            // gives them, and drops those not taken.
            "drain" => {
                let Some(arg) = m.args.first() else {
                    return err(span, "`drain` takes a range");
                };
                let (start, end) = match arg {
                    Expr::Range(r) => {
                        let bound = |me: &mut Self, e: &Option<Box<Expr>>, or: u64| match e {
                            Some(e) => me.eval_u64(e),
                            None => Ok(or),
                        };
                        let start = bound(self, &r.start, 0)?;
                        let end = bound(self, &r.end, len)?;
                        let end = if matches!(r.limits, syn::RangeLimits::Closed(_)) {
                            end + 1
                        } else {
                            end
                        };
                        (start, end)
                    }
                    other => return unsupported(other, "`drain` of anything but a range"),
                };
                if start > end || end > len {
                    return err(
                        span,
                        format!("panicked: range end index {end} out of range for slice of length {len}"),
                    );
                }
                let mut all = self.all_items(id, len, span)?;
                let drained: Vec<Value> = all.drain(start as usize..end as usize).collect();
                self.put_items(id, &elem, cap, all)?;
                if items {
                    for v in &drained {
                        Self::leave_home(&mut self.homes, v);
                    }
                }
                self.owned_items_iter(drained)
            }
            "extend" => {
                let Some(arg) = m.args.first() else {
                    return err(span, "`extend` takes what to add");
                };
                self.extend_vec(id, arg, text)?;
                Value::unit()
            }
            // std's `resize`: longer, `reserve(n - len)` and then
            // `extend_with` (clones, the value itself last); shorter, a
            // `truncate`, and the value dropped after the elements.
            "resize" => {
                let mut args = self.moved_args(m, 2)?;
                let value = args.remove(1);
                let n = match args[0] {
                    Value::Int(n, None | Some(IntTy::Word(false))) => u64::try_from(n).unwrap_or(0),
                    ref other => return self.mismatch(span, "usize", other),
                };
                if n <= len {
                    self.set_vec(id, self.vec_state(id).0, cap, n);
                    self.drop_items_from(id, n, text)?;
                    self.drop_value(&value, "`resize` drops the value it did not need")?;
                    return Ok(Some(Value::unit()));
                }
                let ty = self.elem_of(id, Some(&value), span)?;
                let value = value.typed(&ty);
                if !self.value_fits(&value, &ty) {
                    return self.mismatch(span, &ty.to_string(), &value);
                }
                self.reserve(id, n - len, text, Exactness::Amortized, false)?;
                let heap = owns_heap(&value);
                for i in len..n {
                    let element = if heap && i + 1 < n {
                        self.clone_value(&value, text)?.typed(&ty)
                    } else {
                        value.clone()
                    };
                    self.vec_write(id, i, &element, &ty);
                    let (ptr, cap, ..) = self.vec_state(id);
                    self.set_vec(id, ptr, cap, i + 1);
                }
                Value::unit()
            }
            // `append(&mut w)`: room for `w`'s elements, then they move over;
            // `w` keeps its (now empty) block.
            "append" => {
                let Some(arg) = m.args.first() else {
                    return err(span, "`append` takes `&mut` another Vec");
                };
                let other = self.owner_of(arg)?;
                if other == id || !matches!(self.owners[other], Owner::Vec { string: false, .. }) {
                    return err(self.sp(arg), "`append` takes `&mut` another Vec");
                }
                let (_, ocap, olen, ..) = self.vec_state(other);
                let moved = self.all_items(other, olen, span)?;
                self.put_items(other, &elem, ocap, Vec::new())?;
                self.reserve(
                    id,
                    olen,
                    &format!("`{text}`: room for the {olen} elements moved over"),
                    Exactness::Amortized,
                    false,
                )?;
                let (_, new_cap, ..) = self.vec_state(id);
                let mut all = self.all_items(id, len, span)?;
                if items {
                    for v in &moved {
                        Self::leave_home(&mut self.homes, v);
                    }
                }
                all.extend(moved);
                self.put_items(id, &elem, new_cap, all)?;
                Value::unit()
            }
            // The host's own `binary_search` over the same keys: the same
            // std, so the same index among equal elements.
            "binary_search" => {
                let wanted = self.method_args(m, 1)?.remove(0);
                let all = self.all_items(id, len, span)?;
                self.binary_search_in(&all, &wanted, span)?
            }
            "sort_by" | "sort_unstable_by" | "sort_by_key" | "sort_unstable_by_key" => {
                let f = self.method_args(m, 1)?.remove(0);
                let Some(f) = self.closure_in(&f) else {
                    return unsupported(&m.args, &format!("`{name}` with anything but a closure"));
                };
                let all = self.all_items(id, len, span)?;
                let lent: Vec<Value> = if self.holds_items(id) {
                    (0..len).map(|i| self.item_ref(id, i)).collect()
                } else {
                    all.clone()
                };
                let by_key = name.ends_with("_key");
                let order = stable_order_by(all.len(), |a, b| {
                    // std's `|a, b| f(a).lt(&f(b))`: both keys made, then
                    // dropped as temporaries are, the last made first.
                    let ord = if by_key {
                        let ka = self.call_closure(f, vec![lent[a].clone()], span)?;
                        let kb = self.call_closure(f, vec![lent[b].clone()], span)?;
                        let ord = self.compare(&ka, &kb, span)?;
                        self.drop_value(&kb, "the key is dropped once compared")?;
                        self.drop_value(&ka, "the key is dropped once compared")?;
                        ord
                    } else {
                        let got =
                            self.call_closure(f, vec![lent[a].clone(), lent[b].clone()], span)?;
                        match self.ordering_of(&got) {
                            Some(o) => o,
                            None => return self.mismatch(span, "Ordering", &got),
                        }
                    };
                    Ok(ord == std::cmp::Ordering::Less)
                })?;
                self.drop_owner(f, "the comparison closure is dropped after the sort")?;
                if !name.contains("unstable") {
                    self.sort_scratch(&elem, len, text)?;
                }
                let mut taken: Vec<Option<Value>> = all.into_iter().map(Some).collect();
                let sorted = order.into_iter().filter_map(|i| taken[i].take()).collect();
                self.put_items(id, &elem, cap, sorted)?;
                Value::unit()
            }
            "sort" | "sort_unstable" => {
                let mut all = self.all_items(id, len, span)?;
                let order = stable_order_by(all.len(), |a, b| {
                    Ok(self.compare(&all[a], &all[b], span)? == std::cmp::Ordering::Less)
                })?;
                // The stable sort's scratch, asked for and given back before
                // it returns; the unstable sort sorts in place.
                if name == "sort" {
                    self.sort_scratch(&elem, len, text)?;
                }
                let mut taken: Vec<Option<Value>> = all.drain(..).map(Some).collect();
                let sorted = order.into_iter().filter_map(|i| taken[i].take()).collect();
                self.put_items(id, &elem, cap, sorted)?;
                Value::unit()
            }
            _ => return Ok(None),
        }))
    }

    /// The stable sort's scratch buffer, asked for and given back before
    /// the sort returns (none for a short `Vec`: std sorts it on the stack).
    pub(super) fn sort_scratch(&mut self, elem: &Ty, len: u64, text: &str) -> R<()> {
        let layout = elem.resolved().layout(self.target);
        if let Ok(Some(scratch)) = sort::stable_sort_scratch(layout, len, self.target) {
            let why = format!(
                "`{text}`: the stable sort's scratch buffer for merging runs, {} elements",
                scratch.size / layout.size.max(1)
            );
            let addr = self.alloc_infallible(scratch, false, &why)?;
            self.free(
                addr,
                scratch,
                &format!("`{text}`: the sort is done; its scratch is freed"),
            )?;
        }
        Ok(())
    }

    /// Every element of a `Vec`, in order (heap values lent, plain data
    /// read from the bytes).
    pub(super) fn all_items(&mut self, id: usize, len: u64, span: Span) -> R<Vec<Value>> {
        if let Some(Contents::Items(items)) = self.contents.get(&id) {
            return Ok(items.clone());
        }
        (0..len).map(|i| self.vec_get(id, i, span)).collect()
    }

    /// Puts `all` back as the `Vec`'s elements (its length follows), in
    /// its buffer and, for heap values, beside it.
    pub(super) fn put_items(&mut self, id: usize, elem: &Ty, cap: u64, all: Vec<Value>) -> R<()> {
        let (ptr, ..) = self.vec_state(id);
        let n = all.len() as u64;
        if self.holds_items(id) {
            *self.items_mut(id) = all;
            self.set_vec(id, ptr, cap, n);
            self.rewrite_items(id, 0);
            return Ok(());
        }
        for (i, v) in all.iter().enumerate() {
            self.vec_write(id, i as u64, v, elem);
        }
        self.set_vec(id, ptr, cap, n);
        Ok(())
    }

    /// What `Ord` compares: integers, `char`, `bool`, strings, and tuples
    /// of those; floats are not `Ord` (rustc refuses `sort` on them).
    pub(super) fn sort_key(&self, value: &Value, span: Span) -> R<SortKey> {
        let value = self.deref(value.clone());
        Ok(match &value {
            Value::Int(v, _) => SortKey::Int(*v),
            Value::Char(c) => SortKey::Int(i128::from(u32::from(*c))),
            Value::Bool(b) => SortKey::Int(i128::from(*b)),
            Value::Tuple(items) => {
                let mut keys = Vec::new();
                for item in items {
                    keys.push(self.sort_key(item, span)?);
                }
                SortKey::Tuple(keys)
            }
            Value::Struct(def, items) if self.is_std_reverse(def) && items.len() == 1 => {
                SortKey::Reverse(Box::new(self.sort_key(&items[0], span)?))
            }
            other => match self.text_of(other) {
                Some(text) => SortKey::Text(text),
                None => {
                    return err(
                        span,
                        format!(
                            "the trait bound `{}: Ord` is not satisfied",
                            self.type_name(other)
                        ),
                    )
                }
            },
        })
    }
}

/// A value as `Ord` orders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SortKey {
    Int(i128),
    Text(String),
    Tuple(Vec<SortKey>),
    /// `Reverse(x)`: `x`'s key, ordered the other way.
    Reverse(Box<SortKey>),
}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        use SortKey::{Int, Reverse, Text, Tuple};
        match (self, other) {
            (Int(a), Int(b)) => a.cmp(b),
            (Text(a), Text(b)) => a.cmp(b),
            (Tuple(a), Tuple(b)) => a.cmp(b),
            (Reverse(a), Reverse(b)) => b.cmp(a),
            // Keys of one type meet keys of their own type only (rustc
            // checks it); an order between kinds keeps `Ord` total.
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl SortKey {
    fn rank(&self) -> u8 {
        match self {
            SortKey::Int(_) => 0,
            SortKey::Text(_) => 1,
            SortKey::Tuple(_) => 2,
            SortKey::Reverse(_) => 3,
        }
    }
}

/// The indices of `keys` in ascending order, equal keys in their first
/// order.
#[cfg(test)]
fn stable_order(keys: &[SortKey]) -> Vec<usize> {
    let sorted: R<Vec<usize>> = stable_order_by(keys.len(), |a, b| Ok(keys[a] < keys[b]));
    sorted.unwrap_or_default()
}

/// The indices `0..n` in ascending order by `is_less` ("a goes before
/// b"), equal ones in their first order. Up to 20, `is_less` is called
/// exactly as std's sorts call it (`std_rules::sort::insertion_order`);
/// beyond, by a merge sort ([`crate::stable_sort`]). `is_less`'s first
/// error stops the program (the sort finishes without calling it again).
pub(super) fn stable_order_by(
    n: usize,
    mut is_less: impl FnMut(usize, usize) -> R<bool>,
) -> R<Vec<usize>> {
    order_by(n, &mut is_less)
}

/// [`stable_order_by`], compiled once (each caller's closure is called
/// through a trait object).
fn order_by(n: usize, is_less: &mut dyn FnMut(usize, usize) -> R<bool>) -> R<Vec<usize>> {
    let mut failed = None;
    let mut less = |a, b| {
        if failed.is_some() {
            return false;
        }
        is_less(a, b).unwrap_or_else(|e| {
            failed = Some(e);
            false
        })
    };
    let order = if n as u64 <= sort::MAX_LEN_ALWAYS_INSERTION_SORT {
        sort::insertion_order(n, &mut less)
    } else {
        crate::stable_sort::stable_order(n, &mut |a, b| !less(b, a))
    };
    match failed {
        Some(e) => Err(e),
        None => Ok(order),
    }
}

/// Whether two plain values are equal (integers of any type alike).
fn same_plain(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x, _), Value::Int(y, _)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_stable_and_ascending() {
        let keys: Vec<SortKey> = [5, 3, 8, 3, 1, 8, 8, 2, 0, 9, 3]
            .iter()
            .map(|&k| SortKey::Int(k))
            .collect();
        let order = stable_order(&keys);
        // The host's stable sort of the same indices is the reference.
        let mut expected: Vec<usize> = (0..keys.len()).collect();
        expected.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        assert_eq!(order, expected);
    }
}
