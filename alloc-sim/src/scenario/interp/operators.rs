//! The operator traits of `std::ops` on the program's own types.
//!
//! rustc turns `a + b` into `Add::add(a, b)`, `a += b` into
//! `AddAssign::add_assign(&mut a, b)` and `-a` into `Neg::neg(a)`. So
//! does the interpreter, when the left operand is a value of one of the
//! program's types whose `impl Add for Point` (or `Sub`, `Mul`, …) it has
//! read: the operands go to the method as its parameters take them, and
//! what the method allocates lands in the call log like any call of the
//! program's code. `impl Add<&Point> for &Point` is read too, its methods
//! kept under `&Point`: `&a + &b` calls it, `a + b` the `impl` for `Point`.
//! `impl Index<(usize, usize)> for Matrix` makes `m[(r, c)]` read what
//! `index(&m, (r, c))` returns a reference to, and `impl IndexMut` makes
//! it a place that `m[(r, c)] = x` and `+=` write through `index_mut`.
//! An operator on a type without the impl is still rustc's error.

use std::rc::Rc;

use syn::BinOp;

use super::functions::FnDef;
use super::{Interp, R};
use crate::scenario::value::{Place, Value};

/// The operator traits of `std::ops` the interpreter reads.
const TRAITS: [&str; 24] = [
    "Add",
    "Sub",
    "Mul",
    "Div",
    "Rem",
    "BitAnd",
    "BitOr",
    "BitXor",
    "Shl",
    "Shr",
    "AddAssign",
    "SubAssign",
    "MulAssign",
    "DivAssign",
    "RemAssign",
    "BitAndAssign",
    "BitOrAssign",
    "BitXorAssign",
    "ShlAssign",
    "ShrAssign",
    "Neg",
    "Not",
    "Index",
    "IndexMut",
];

/// The method of the operator trait `name`, if it is one: the trait's
/// name in lower case, `_assign` or `_mut` apart (`BitAndAssign` has
/// `bitand_assign`, `IndexMut` has `index_mut`).
pub(super) fn operator_method(name: &str) -> Option<String> {
    TRAITS.contains(&name).then(|| {
        let (base, suffix) = match (name.strip_suffix("Assign"), name.strip_suffix("Mut")) {
            (Some(base), _) => (base, "_assign"),
            (_, Some(base)) => (base, "_mut"),
            _ => (name, ""),
        };
        format!("{}{suffix}", base.to_ascii_lowercase())
    })
}

/// The method behind a binary operator (`+` is `Add::add`, `+=` is
/// `AddAssign::add_assign`); `None` for `&&`, `||` and the comparisons.
fn method_of_op(op: &BinOp) -> Option<&'static str> {
    Some(match op {
        BinOp::Add(_) => "add",
        BinOp::Sub(_) => "sub",
        BinOp::Mul(_) => "mul",
        BinOp::Div(_) => "div",
        BinOp::Rem(_) => "rem",
        BinOp::BitAnd(_) => "bitand",
        BinOp::BitOr(_) => "bitor",
        BinOp::BitXor(_) => "bitxor",
        BinOp::Shl(_) => "shl",
        BinOp::Shr(_) => "shr",
        BinOp::AddAssign(_) => "add_assign",
        BinOp::SubAssign(_) => "sub_assign",
        BinOp::MulAssign(_) => "mul_assign",
        BinOp::DivAssign(_) => "div_assign",
        BinOp::RemAssign(_) => "rem_assign",
        BinOp::BitAndAssign(_) => "bitand_assign",
        BinOp::BitOrAssign(_) => "bitor_assign",
        BinOp::BitXorAssign(_) => "bitxor_assign",
        BinOp::ShlAssign(_) => "shl_assign",
        BinOp::ShrAssign(_) => "shr_assign",
        _ => return None,
    })
}

impl Interp<'_> {
    /// The program's `method` of an operator trait on `value`'s type
    /// (`add` of its `impl Add`), if the program implements that trait
    /// for it.
    pub(super) fn own_operator(&self, value: &Value, method: &str) -> Option<Rc<FnDef>> {
        if self.operator_impls.is_empty() {
            return None;
        }
        // `&a + &b`: the `impl` for `&Point`.
        let (by_ref, value) = match value {
            Value::Ref(place) => ("&", self.at_place(place)?),
            value => ("", value),
        };
        let Value::Struct(def, _) = value else {
            return None;
        };
        let key = format!("{by_ref}{}", def.type_name());
        self.operator_impls.get(&format!("{key} {method}"))?;
        self.method_of(&key, method)
    }

    /// `left op right` by the program's `impl` of `op`'s trait for the
    /// left operand's type, if it has one.
    pub(super) fn own_binary(
        &mut self,
        op: &BinOp,
        left: Value,
        right: Value,
        span: proc_macro2::Span,
    ) -> R<Result<Value, (Value, Value)>> {
        match method_of_op(op).and_then(|m| self.own_operator(&left, m)) {
            Some(f) => self.run_fn(f, Some(left), vec![right], span).map(Ok),
            None => Ok(Err((left, right))),
        }
    }

    /// `place op= right` by the program's `impl AddAssign` (or the other
    /// assigning traits) for the value at `place`: whether it had one.
    pub(super) fn own_assign(
        &mut self,
        op: &BinOp,
        place: &Place,
        right: &syn::Expr,
        span: proc_macro2::Span,
    ) -> R<bool> {
        if self.operator_impls.is_empty() {
            return Ok(false);
        }
        let Some(current) = self.value_at(place) else {
            return Ok(false);
        };
        let Some(f) = method_of_op(op).and_then(|m| self.own_operator(&current, m)) else {
            return Ok(false);
        };
        let right = self.eval(right, None)?;
        self.run_fn(f, Some(Value::Ref(place.clone())), vec![right], span)?;
        Ok(true)
    }

    /// `base[index]` by the program's `impl Index` for the type of what
    /// `base` names: the place the reference its `index` returns points
    /// at; `index_mut` when `mutable` and the type implements `IndexMut`.
    pub(super) fn own_index(
        &mut self,
        base: &syn::Expr,
        index: &syn::Expr,
        mutable: bool,
        span: proc_macro2::Span,
    ) -> R<Option<Place>> {
        if self.operator_impls.is_empty() {
            return Ok(None);
        }
        let Some(place) = self.place_of(base)? else {
            return Ok(None);
        };
        let place = self.through_refs(place, span)?;
        let Some(value) = self.at_place(&place) else {
            return Ok(None);
        };
        let own_mut = mutable.then(|| self.own_operator(value, "index_mut"));
        let Some(f) = own_mut
            .flatten()
            .or_else(|| self.own_operator(value, "index"))
        else {
            return Ok(None);
        };
        let at = self.eval(index, None)?;
        match self.run_fn(f, Some(Value::Ref(place)), vec![at], span)? {
            Value::Ref(inside) => Ok(Some(inside)),
            other => self.mismatch(span, "&Self::Output", &other),
        }
    }
}
