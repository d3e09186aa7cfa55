//! std's atomics (`AtomicUsize`, `AtomicU64`, `AtomicBool`, …), in
//! statics and anywhere else: the counters a counting allocator keeps.
//!
//! An atomic is its integer (or `bool`) in a `#[repr(transparent)]` cell,
//! so it is laid out as that value. Its methods read and change the value
//! where it is (a static, a binding, a field) through a shared reference,
//! as the real ones do: `fetch_add` and `fetch_sub` wrap around, as std's
//! do, and give the value before. Threads here take turns a statement at a
//! time, so no two operations ever overlap and every ordering behaves as
//! `SeqCst`; an ordering is still read and must be one std has.

use super::*;

/// The value type of std's atomic type `name` (`AtomicUsize`: `usize`).
pub(super) fn atomic_value(name: &str) -> Option<Ty> {
    let rest = name.strip_prefix("Atomic")?;
    if rest == "Bool" {
        return Some(Ty::Bool);
    }
    IntTy::from_name(&rest.to_ascii_lowercase()).map(Ty::Int)
}

/// The struct std's atomic type `name` is, here: its value, alone.
pub(super) fn atomic_def(name: &str, value: Ty) -> Rc<StructDef> {
    Rc::new(StructDef {
        fields: vec![("v".to_string(), value)],
        unit: false,
        repr_c: true,
        ..(*StructDef::unit(name)).clone()
    })
}

/// Whether `value` is one of std's atomics.
fn is_atomic(value: &Value) -> bool {
    matches!(value, Value::Struct(def, items)
        if def.variant.is_none() && items.len() == 1 && atomic_value(&def.name).is_some())
}

/// Where an atomic a method is called on lives.
enum Slot {
    /// A `static` (or `const`), by name.
    Global(String),
    /// A binding, a field, an element.
    Place(Place),
}

impl Interp<'_> {
    /// `AtomicUsize::new(v)` and its kin; `None` for any other call.
    pub(super) fn atomic_new(&mut self, name: &str, c: &syn::ExprCall) -> R<Option<Value>> {
        let Some((ty, "new")) = name.split_once("::") else {
            return Ok(None);
        };
        let Some(value_ty) = atomic_value(ty) else {
            return Ok(None);
        };
        let [arg] = c.args.iter().collect::<Vec<_>>()[..] else {
            return err(c.span(), format!("`{ty}::new` takes 1 argument"));
        };
        let value = self.eval(arg, Some(&Hint::Plain(value_ty.clone())))?;
        let value = value.typed(&value_ty);
        if !value.fits(&value_ty) {
            return self.mismatch(arg.span(), &value_ty.to_string(), &value);
        }
        Ok(Some(Value::Struct(atomic_def(ty, value_ty), vec![value])))
    }

    /// A method of an atomic (`LIVE.fetch_add(n, Relaxed)`), changing it
    /// where it lives; `None` if the receiver is not an atomic.
    pub(super) fn atomic_method(
        &mut self,
        m: &syn::ExprMethodCall,
        name: &str,
    ) -> R<Option<Value>> {
        const METHODS: &[&str] = &[
            "load",
            "store",
            "swap",
            "fetch_add",
            "fetch_sub",
            "fetch_max",
            "fetch_min",
            "fetch_and",
            "fetch_or",
            "fetch_xor",
            "compare_exchange",
            "compare_exchange_weak",
            "into_inner",
        ];
        if !METHODS.contains(&name) {
            return Ok(None);
        }
        let Some(slot) = self.atomic_slot(&m.receiver)? else {
            return Ok(None);
        };
        let current = match &slot {
            Slot::Global(n) => self.globals.get(n).cloned(),
            Slot::Place(p) => self.at_place(p).cloned(),
        };
        let Some(current) = current.filter(is_atomic) else {
            return Ok(None);
        };
        let Value::Struct(def, items) = current else {
            return Ok(None);
        };
        let span = self.sp(m);
        let old = items[0].clone();
        let value_ty = def.fields[0].1.clone();
        // The arguments: values first, then the orderings.
        let (values, orderings) = match name {
            "load" => (0, 1),
            "into_inner" => (0, 0),
            "compare_exchange" | "compare_exchange_weak" => (2, 2),
            _ => (1, 1),
        };
        if m.args.len() != values + orderings {
            return err(
                span,
                arity_mismatch("method", values + orderings, m.args.len()),
            );
        }
        let mut given = Vec::new();
        for arg in m.args.iter().take(values) {
            let v = self.eval(arg, Some(&Hint::Plain(value_ty.clone())))?;
            let v = v.typed(&value_ty);
            if !v.fits(&value_ty) {
                return self.mismatch(arg.span(), &value_ty.to_string(), &v);
            }
            given.push(v);
        }
        for arg in m.args.iter().skip(values) {
            check_ordering(arg)?;
        }
        let (new, result) = match name {
            "load" | "into_inner" => (None, old.clone()),
            "store" => (Some(given[0].clone()), Value::unit()),
            "swap" => (Some(given[0].clone()), old.clone()),
            "compare_exchange" | "compare_exchange_weak" => {
                if old == given[0] {
                    (
                        Some(given[1].clone()),
                        Value::Result(true, Box::new(old.clone())),
                    )
                } else {
                    (None, Value::Result(false, Box::new(old.clone())))
                }
            }
            op => (
                Some(self.atomic_op(op, &old, &given[0], span)?),
                old.clone(),
            ),
        };
        if let Some(new) = new {
            let changed = Value::Struct(def.clone(), vec![new]);
            match &slot {
                Slot::Global(n) => {
                    self.globals.insert(n.clone(), changed);
                }
                Slot::Place(p) => {
                    if let Some(v) = self.at_place_mut(p) {
                        *v = changed;
                    }
                }
            }
        }
        Ok(Some(result))
    }

    /// Where the atomic `expr` names lives: a static by its name, or a
    /// place; `None` for anything else (a temporary).
    fn atomic_slot(&mut self, expr: &Expr) -> R<Option<Slot>> {
        if let Expr::Path(p) = expr {
            if let Some(ident) = p.path.get_ident() {
                let name = ident.to_string();
                if self.lookup(&name).is_none() && self.globals.contains_key(&name) {
                    return Ok(Some(Slot::Global(name)));
                }
            }
        }
        if let Expr::Paren(p) = expr {
            return self.atomic_slot(&p.expr);
        }
        match self.place_of(expr)? {
            Some(place) => Ok(Some(Slot::Place(self.through_refs(place, self.sp(expr))?))),
            None => Ok(None),
        }
    }

    /// `fetch_add` and the other read-modify-write operations: the new
    /// value, wrapping around as std's do.
    fn atomic_op(&self, op: &str, old: &Value, arg: &Value, span: Span) -> R<Value> {
        match (old, arg) {
            (Value::Int(a, Some(t)), Value::Int(b, _)) => {
                let (a, b) = (*a, *b);
                let v = match op {
                    "fetch_add" => a.wrapping_add(b),
                    "fetch_sub" => a.wrapping_sub(b),
                    "fetch_max" => a.max(b),
                    "fetch_min" => a.min(b),
                    "fetch_and" => a & b,
                    "fetch_or" => a | b,
                    _ => a ^ b,
                };
                Ok(Value::Int(wrap(v, *t, self.target), Some(*t)))
            }
            (Value::Bool(a), Value::Bool(b)) => match op {
                "fetch_and" => Ok(Value::Bool(*a & *b)),
                "fetch_or" => Ok(Value::Bool(*a | *b)),
                "fetch_xor" => Ok(Value::Bool(*a ^ *b)),
                _ => err(
                    span,
                    format!("no method named `{op}` found for `AtomicBool`"),
                ),
            },
            _ => err(span, format!("`{op}` on this atomic")),
        }
    }
}

/// An ordering argument: `Relaxed`, `Ordering::SeqCst`,
/// `std::sync::atomic::Ordering::Acquire`, …
fn check_ordering(arg: &Expr) -> R<()> {
    if let Expr::Path(p) = arg {
        if let Some(last) = p.path.segments.last() {
            if matches!(
                last.ident.to_string().as_str(),
                "Relaxed" | "Release" | "Acquire" | "AcqRel" | "SeqCst"
            ) {
                return Ok(());
            }
        }
    }
    err(
        arg.span(),
        "expected an `Ordering` (`Relaxed`, `Release`, `Acquire`, `AcqRel` or `SeqCst`)",
    )
}
