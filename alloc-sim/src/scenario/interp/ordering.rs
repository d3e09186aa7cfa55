//! `Ord` and `Ordering`: `a.cmp(&b)`, `partial_cmp`, and what an
//! `Ordering` does (`then`, `then_with`, `reverse`, `is_lt` …); std's
//! `Reverse<T>`, a tuple struct laid out as its `T` that orders the other
//! way (a `BinaryHeap<Reverse<T>>` is a min-heap).
//!
//! `Ordering` is std's enum `{ Less = -1, Equal = 0, Greater = 1 }`,
//! defined for every program that does not define its own, so
//! `Ordering::Less`, `use std::cmp::Ordering` and `match` on it work as
//! for the program's enums, and `{:?}` prints its variant.

use std::cmp::Ordering;

use super::*;

/// std's `cmp::Reverse` holding a `field`: `struct Reverse<T>(pub T)`,
/// with `#[repr(transparent)]`.
pub(super) fn std_reverse(field: Ty) -> Rc<StructDef> {
    Rc::new(StructDef {
        fields: vec![("0".to_string(), field.clone())],
        unit: false,
        args: vec![field],
        ..(*StructDef::unit("Reverse")).clone()
    })
}

/// std's `Ordering`, as the program would write it.
const ORDERING: &str = "enum Ordering { Less = -1, Equal = 0, Greater = 1 }";

impl Interp<'_> {
    /// Defines std's `Ordering` unless the program has its own.
    pub(super) fn define_ordering(&mut self) -> R<()> {
        if self.enums.contains_key("Ordering") {
            return Ok(());
        }
        let item: syn::ItemEnum = match syn::parse_str(ORDERING) {
            Ok(item) => item,
            Err(e) => return err(Span::call_site(), e.to_string()),
        };
        self.define_enum(&item)?;
        self.std_ordering = self.enums.get("Ordering").cloned();
        Ok(())
    }

    /// Whether `def` is std's `Reverse` (the program has no `Reverse` of
    /// its own).
    pub(super) fn is_std_reverse(&self, def: &StructDef) -> bool {
        def.name == "Reverse" && def.variant.is_none() && !self.structs.contains_key("Reverse")
    }

    /// The `Ordering` value for `o`.
    pub(super) fn ordering_value(&self, o: Ordering) -> Value {
        match &self.std_ordering {
            Some(def) => Value::Struct(def.variants[(o as i8 + 1) as usize].clone(), Vec::new()),
            None => Value::unit(),
        }
    }

    /// The `Ordering` a value is, if it is std's.
    pub(super) fn ordering_of(&self, value: &Value) -> Option<Ordering> {
        let def = self.std_ordering.as_ref()?;
        match self.deref(value.clone()) {
            Value::Struct(v, _) => match &v.variant {
                Some(of) if of.def.upgrade().is_some_and(|d| Rc::ptr_eq(&d, def)) => {
                    Some([Ordering::Less, Ordering::Equal, Ordering::Greater][of.index])
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// `Ord::cmp` of two values: integers, `char`, `bool`, strings,
    /// tuples, `Option`s, `Reverse`, and the program's structs and enums,
    /// by their own `cmp` (or `partial_cmp`) or as `#[derive(PartialOrd)]`
    /// orders them: an enum's discriminant first, then the fields in
    /// declaration order (floats are not `Ord`: rustc's error).
    pub(super) fn compare(&mut self, a: &Value, b: &Value, span: Span) -> R<Ordering> {
        if let (Some(x), Some(y)) = (self.ordering_of(a), self.ordering_of(b)) {
            return Ok(x.cmp(&y));
        }
        let (x, y) = (self.deref(a.clone()), self.deref(b.clone()));
        match (&x, &y) {
            (Value::Tuple(xs), Value::Tuple(ys)) => self.compare_each(xs, ys, span),
            (Value::Opt(p), Value::Opt(q)) => match (p, q) {
                (Some(p), Some(q)) => self.compare(p, q, span),
                _ => Ok(p.is_some().cmp(&q.is_some())),
            },
            (Value::Struct(def, xs), Value::Struct(other, ys)) => {
                if self.is_std_reverse(def) {
                    return self.compare_each(ys, xs, span);
                }
                let ty = def.type_name().to_string();
                let own = self.method_of(&ty, "cmp");
                if let Some(f) = own.or_else(|| self.method_of(&ty, "partial_cmp")) {
                    return self.call_cmp(f, a, b, span);
                }
                if self.derived_ord.get(&ty).is_none() {
                    return err(
                        span,
                        format!(
                            "the trait bound `{ty}: Ord` is not satisfied: add `#[derive(PartialEq, Eq, PartialOrd, Ord)]` to `{ty}`, or implement `Ord`"
                        ),
                    );
                }
                let place = |d: &StructDef| {
                    d.variant.as_ref().map_or(0, |of| {
                        of.def
                            .upgrade()
                            .and_then(|e| e.discriminants.get(of.index).copied())
                            .unwrap_or(of.index as i128)
                    })
                };
                match place(def).cmp(&place(other)) {
                    // `#[derive(PartialOrd)]` alone: fields compared as
                    // `partial_cmp` does, floats included.
                    Ordering::Equal if self.derived_ord.get(&ty) == Some(&false) => {
                        for (x, y) in xs.iter().zip(ys) {
                            let o = match (self.deref(x.clone()), self.deref(y.clone())) {
                                // (A NaN compares as equal here, where
                                // `partial_cmp` gives `None`.)
                                (Value::Float(p, _), Value::Float(q, _)) => {
                                    p.partial_cmp(&q).unwrap_or(Ordering::Equal)
                                }
                                _ => self.compare(x, y, span)?,
                            };
                            if o != Ordering::Equal {
                                return Ok(o);
                            }
                        }
                        Ok(Ordering::Equal)
                    }
                    Ordering::Equal => self.compare_each(xs, ys, span),
                    unequal => Ok(unequal),
                }
            }
            _ => {
                let (ka, kb) = (self.sort_key(&x, span)?, self.sort_key(&y, span)?);
                Ok(ka.cmp(&kb))
            }
        }
    }

    /// `a.max(b)`, `a.min(b)`, `a.clamp(lo, hi)` on a value of the
    /// program's types that is `Ord` (derived, or its own `cmp`): std's
    /// provided methods. `max` keeps `other` when they are equal and `min`
    /// keeps `self`, as `max_by`/`min_by` do; `clamp` asserts `min <= max`.
    /// The values not returned are dropped as the method returns (its
    /// parameters, last first).
    pub(super) fn provided_ord(
        &mut self,
        this: Value,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Value> {
        let mut args = self.moved_args(m, if name == "clamp" { 2 } else { 1 })?;
        use std::cmp::Ordering::{Greater, Less};
        // Every parameter, `self` first, and which one is returned.
        let (mut params, kept) = match name {
            "max" | "min" => {
                let other = args.remove(0);
                let o = self.compare(&this, &other, span)?;
                let kept = match name {
                    "max" => usize::from(o != Greater),
                    _ => usize::from(o == Greater),
                };
                (vec![this, other], kept)
            }
            _ => {
                let (lo, hi) = (args.remove(0), args.remove(0));
                if self.compare(&lo, &hi, span)? == Greater {
                    return err(span, "panicked: assertion failed: min <= max");
                }
                let kept = if self.compare(&this, &lo, span)? == Less {
                    1
                } else if self.compare(&this, &hi, span)? == Greater {
                    2
                } else {
                    0
                };
                (vec![this, lo, hi], kept)
            }
        };
        let result = params.remove(kept);
        for dropped in params.iter().rev() {
            self.drop_value(
                dropped,
                &format!("`{name}` drops the value it does not return"),
            )?;
        }
        Ok(result)
    }

    /// Whether `value` is of the program's types and `Ord` (derived, or
    /// its own `cmp`).
    pub(super) fn is_ord(&self, value: &Value) -> bool {
        match value {
            Value::Struct(def, _) => {
                let ty = def.type_name();
                self.derived_ord.get(ty) == Some(&true) || self.method_of(ty, "cmp").is_some()
            }
            _ => false,
        }
    }

    /// `a == b` by the program's own `impl PartialEq` (its `eq`, or `ne`
    /// negated), when `a` is a value of a type that has one; `None`
    /// otherwise (derived and std's equality apply).
    pub(super) fn own_eq(&mut self, a: &Value, b: &Value, span: Span) -> R<Option<bool>> {
        let Some(ty) = (match self.deref(a.clone()) {
            Value::Struct(def, _) => Some(def.type_name().to_string()),
            _ => None,
        }) else {
            return Ok(None);
        };
        let (f, negate) = match (self.method_of(&ty, "eq"), self.method_of(&ty, "ne")) {
            (Some(f), _) if self.own_eq_types.contains_key(&ty) => (f, false),
            (None, Some(f)) if self.own_eq_types.contains_key(&ty) => (f, true),
            _ => return Ok(None),
        };
        let got = self.lent(a, |me, a| {
            me.lent(b, |me, b| me.run_fn(f, Some(a), vec![b], span))
        })?;
        match got {
            Value::Bool(same) => Ok(Some(same != negate)),
            other => self.mismatch(span, "bool", &other),
        }
    }

    /// `==` as the derived `PartialEq` of a value that holds a type with
    /// the program's own `eq` (a struct with such a field, a tuple, an
    /// `Option`, a `Vec` of them): the program's `eq` where the type has
    /// one, else field by field (element by element) in order, stopping at
    /// the first pair that differs, as derived code does. `None` where no
    /// own `eq` is inside: the plain comparison answers then.
    pub(super) fn derived_eq(&mut self, a: &Value, b: &Value, span: Span) -> R<Option<bool>> {
        if self.own_eq_types.is_empty() {
            return Ok(None);
        }
        if let Some(same) = self.own_eq(a, b, span)? {
            return Ok(Some(same));
        }
        let (x, y) = (self.see_through(a.clone()), self.see_through(b.clone()));
        if !self.holds_own_eq(&x, 0) {
            return Ok(None);
        }
        let pairs: Vec<(Value, Value)> = match (&x, &y) {
            (Value::Struct(da, fa), Value::Struct(db, fb)) => {
                if da.type_name() != db.type_name() || da.variant != db.variant {
                    return Ok(Some(false));
                }
                fa.iter().cloned().zip(fb.iter().cloned()).collect()
            }
            (Value::Tuple(p), Value::Tuple(q)) | (Value::Array(p), Value::Array(q)) => {
                p.iter().cloned().zip(q.iter().cloned()).collect()
            }
            (Value::Opt(Some(p)), Value::Opt(Some(q))) => vec![((**p).clone(), (**q).clone())],
            (Value::Opt(p), Value::Opt(q)) => return Ok(Some(p.is_none() && q.is_none())),
            (Value::Owner(i), Value::Owner(j)) => {
                match (self.owners[*i].clone(), self.owners[*j].clone()) {
                    (Owner::Vec { len: m, .. }, Owner::Vec { len: n, .. }) => {
                        if m != n {
                            return Ok(Some(false));
                        }
                        let p = self.all_items(*i, m, span)?;
                        let q = self.all_items(*j, n, span)?;
                        p.into_iter().zip(q).collect()
                    }
                    _ => return Ok(None),
                }
            }
            _ => return Ok(None),
        };
        for (p, q) in pairs {
            let same = match self.derived_eq(&p, &q, span)? {
                Some(same) => same,
                None => {
                    let (p, q) = (self.deref(p), self.deref(q));
                    match (&p, &q, self.text_of(&p), self.text_of(&q)) {
                        (Value::Int(a, _), Value::Int(b, _), ..) => a == b,
                        (.., Some(a), Some(b)) => a == b,
                        _ => self.same_contents(&p, &q).unwrap_or(p == q),
                    }
                }
            };
            if !same {
                return Ok(Some(false));
            }
        }
        Ok(Some(true))
    }

    /// Whether a value of the program's type with its own `eq` is in
    /// `value` (its fields, elements, what its pointers hold).
    fn holds_own_eq(&self, value: &Value, depth: usize) -> bool {
        if depth > 32 {
            return false;
        }
        match self.see_through(value.clone()) {
            Value::Struct(def, items) => {
                self.own_eq_types.contains_key(def.type_name())
                    || items.iter().any(|v| self.holds_own_eq(v, depth + 1))
            }
            Value::Tuple(items) | Value::Array(items) => {
                items.iter().any(|v| self.holds_own_eq(v, depth + 1))
            }
            Value::Opt(Some(v)) => self.holds_own_eq(&v, depth + 1),
            Value::Owner(id) => match (&self.owners[id], self.contents.get(&id)) {
                (_, Some(Contents::Items(items))) => {
                    items.iter().any(|v| self.holds_own_eq(v, depth + 1))
                }
                (
                    Owner::Vec {
                        elem: Some(Ty::Struct(def)),
                        ..
                    },
                    _,
                ) => self.own_eq_types.contains_key(def.type_name()),
                _ => false,
            },
            _ => false,
        }
    }

    /// Two sequences compared lexicographically, as tuples and derived
    /// orders compare their fields.
    fn compare_each(&mut self, xs: &[Value], ys: &[Value], span: Span) -> R<Ordering> {
        for (x, y) in xs.iter().zip(ys) {
            match self.compare(x, y, span)? {
                Ordering::Equal => {}
                unequal => return Ok(unequal),
            }
        }
        Ok(xs.len().cmp(&ys.len()))
    }

    /// The program's own `cmp(&self, other: &Self)` (or `partial_cmp`),
    /// called on `a` and `b`, lent where they are (or from a temporary).
    fn call_cmp(
        &mut self,
        f: Rc<functions::FnDef>,
        a: &Value,
        b: &Value,
        span: Span,
    ) -> R<Ordering> {
        let partial = f.sig.ident == "partial_cmp";
        let got = self.lent(a, |me, a| {
            me.lent(b, |me, b| me.run_fn(f, Some(a), vec![b], span))
        })?;
        let got = match got {
            Value::Opt(Some(o)) if partial => *o,
            Value::Opt(None) if partial => {
                return err(
                    span,
                    "`partial_cmp` gave `None`: these two values have no order, so a sort or a heap cannot place them",
                )
            }
            other => other,
        };
        match self.ordering_of(&got) {
            Some(o) => Ok(o),
            None => self.mismatch(span, "Ordering", &got),
        }
    }

    /// Runs `f` with a reference to `value`: the value itself if it is a
    /// reference, else a temporary holding it.
    fn lent(&mut self, value: &Value, f: impl FnOnce(&mut Self, Value) -> R<Value>) -> R<Value> {
        if let Value::Ref(_) = value {
            return f(self, value.clone());
        }
        let (result, _) =
            self.with_temporary(value.clone(), |me, place| f(me, Value::Ref(place)))?;
        result
    }

    /// Records which of `#[derive(PartialOrd)]`, `#[derive(Ord)]` and
    /// `#[derive(Debug)]` the type `name` has.
    pub(super) fn note_derives(&mut self, name: &syn::Ident, attrs: &[syn::Attribute]) {
        let (mut partial, mut total, mut debug) = (false, false, false);
        for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
            // A malformed derive is rustc's error; here it derives nothing.
            let _ = attr.parse_nested_meta(|meta| {
                partial |= meta.path.is_ident("PartialOrd");
                total |= meta.path.is_ident("Ord");
                debug |= meta.path.is_ident("Debug");
                Ok(())
            });
        }
        if debug {
            self.derived_debug.insert(name.to_string(), ());
        }
        if partial {
            self.derived_ord.insert(name.to_string(), total);
        }
    }

    /// `cmp` and `partial_cmp` on any value, `total_cmp` on floats, and
    /// `Ordering`'s own methods;
    /// `None` when `name` is neither.
    pub(super) fn ordering_method(
        &mut self,
        value: &Value,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Option<Value>> {
        match name {
            "cmp" => {
                let other = self.method_args(m, 1)?.remove(0);
                let o = self.compare(value, &other, span)?;
                return Ok(Some(self.ordering_value(o)));
            }
            "partial_cmp" => {
                let other = self.method_args(m, 1)?.remove(0);
                let o = match (self.deref(value.clone()), self.deref(other.clone())) {
                    (Value::Float(x, _), Value::Float(y, _)) => x.partial_cmp(&y),
                    _ => Some(self.compare(value, &other, span)?),
                };
                return Ok(Some(Value::Opt(
                    o.map(|o| Box::new(self.ordering_value(o))),
                )));
            }
            // IEEE 754's total order (`f32`'s values widen to `f64` in
            // the same order, NaNs by their sign).
            "total_cmp" => {
                let other = self.method_args(m, 1)?.remove(0);
                if let (Value::Float(x, _), Value::Float(y, _)) =
                    (self.deref(value.clone()), self.deref(other.clone()))
                {
                    return Ok(Some(self.ordering_value(x.total_cmp(&y))));
                }
            }
            _ => {}
        }
        let Some(o) = self.ordering_of(value) else {
            return Ok(None);
        };
        let out = match name {
            "then" => {
                let next = self.method_args(m, 1)?.remove(0);
                match self.ordering_of(&next) {
                    Some(n) => self.ordering_value(o.then(n)),
                    None => return self.mismatch(span, "Ordering", &next),
                }
            }
            "then_with" => {
                let f = self.method_args(m, 1)?.remove(0);
                let Some(f) = self.closure_in(&f) else {
                    return unsupported(&m.args, "`then_with` with anything but a closure");
                };
                let next = if o == Ordering::Equal {
                    let got = self.call_closure(f, Vec::new(), span)?;
                    match self.ordering_of(&got) {
                        Some(n) => n,
                        None => return self.mismatch(span, "Ordering", &got),
                    }
                } else {
                    o
                };
                self.drop_owner(f, "the closure is dropped after `then_with`")?;
                self.ordering_value(next)
            }
            "reverse" => self.ordering_value(o.reverse()),
            "is_lt" => Value::Bool(o.is_lt()),
            "is_le" => Value::Bool(o.is_le()),
            "is_gt" => Value::Bool(o.is_gt()),
            "is_ge" => Value::Bool(o.is_ge()),
            "is_eq" => Value::Bool(o.is_eq()),
            "is_ne" => Value::Bool(o.is_ne()),
            _ => return Ok(None),
        };
        Ok(Some(out))
    }
}
