//! std's `IsZero`: when `vec![x; n]` asks for zeroed memory.
//!
//! `vec![x; n]` is `from_elem(x, n)`, which std specialises on the
//! element's type: where the type implements its private `IsZero` trait
//! and `x` is all zero bytes, it calls `RawVec::with_capacity_zeroed`
//! (`alloc_zeroed`) and writes nothing; otherwise it calls `alloc` and
//! clones `x` into every slot. Which types implement it, and when their
//! value counts as zero (`library/alloc/src/vec/is_zero.rs`):
//!
//! ```text
//!   every integer              x == 0
//!   bool, char                 false, '\0'
//!   f32, f64                   x.to_bits() == 0     (0.0 is, -0.0 is not)
//!   ()                         always
//!   tuples of up to 8 of these every part is
//!   [T; N] of these            N <= 16 and every element is (a longer
//!                              array is never checked); [T; 0] of any T
//!   Option<integer>            None (Some(0) has a non-zero tag)
//!   Option<Box<T>>, Option<&T> None (null)
//!   Option<bool>, Option<Option<bool>>, Option<Option<Option<bool>>>
//!                              the byte is 0: Some(false), Some(Some(false)), …
//! ```
//!
//! Anything else — a struct, a `String`, an `Option<String>`, a raw
//! pointer (provenance) — is cloned into memory from `alloc`.

use crate::scenario::ty::Ty;
use crate::scenario::value::Value;

/// The longest array `IsZero` checks element by element.
const LONGEST_CHECKED_ARRAY: u64 = 16;

/// The most parts a tuple implementing `IsZero` has.
const LONGEST_TUPLE: usize = 8;

/// Whether `vec![value; n]` with elements of type `ty` asks for zeroed
/// memory: `ty` implements `IsZero` and `value` is zero.
pub fn is_zero(value: &Value, ty: &Ty) -> bool {
    match (ty.resolved_ref(), value) {
        (Ty::Int(_), Value::Int(v, _)) => *v == 0,
        (Ty::Bool, Value::Bool(b)) => !b,
        (Ty::Char, Value::Char(c)) => *c == '\0',
        (Ty::Float(_), Value::Float(f, _)) => f.to_bits() == 0,
        (Ty::Tuple(parts), Value::Tuple(items)) => {
            parts.len() <= LONGEST_TUPLE
                && parts.len() == items.len()
                && parts.iter().zip(items).all(|(t, v)| is_zero(v, t))
        }
        (Ty::Array(_, 0), _) => true,
        (Ty::Array(elem, n), Value::Array(items)) => {
            *n <= LONGEST_CHECKED_ARRAY && items.iter().all(|v| is_zero(v, elem))
        }
        (Ty::Option(inner), value) => option_is_zero(inner, value),
        _ => false,
    }
}

/// `IsZero` of an `Option<inner>` holding `value`.
fn option_is_zero(inner: &Ty, value: &Value) -> bool {
    match inner.resolved_ref() {
        Ty::Int(_) | Ty::Box(_) | Ty::Ref(_) | Ty::Str => matches!(value, Value::Opt(None)),
        // One byte: `Some(false)` is 0, `Some(true)` 1, `None` 2 (and
        // each `Option` around it takes the next values).
        _ => bool_option_depth(inner).is_some() && false_all_the_way(value),
    }
}

/// How many `Option`s wrap a `bool` in `ty` (`bool` itself: 0), if
/// `Option<ty>` is one of the three `IsZero` covers.
fn bool_option_depth(ty: &Ty) -> Option<usize> {
    match ty.resolved_ref() {
        Ty::Bool => Some(0),
        Ty::Option(inner) => bool_option_depth(inner).map(|d| d + 1).filter(|&d| d < 3),
        _ => None,
    }
}

/// `Some(false)`, `Some(Some(false))`, …: the value whose byte is 0.
fn false_all_the_way(value: &Value) -> bool {
    match value {
        Value::Opt(Some(inner)) => false_all_the_way(inner),
        Value::Bool(b) => !b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::ty::IntTy;

    fn int(v: i128) -> Value {
        Value::Int(v, Some(IntTy::Fixed(false, 4)))
    }

    fn u32_ty() -> Ty {
        Ty::Int(IntTy::Fixed(false, 4))
    }

    #[test]
    fn negative_zero_is_not_zero_bytes() {
        assert!(is_zero(&Value::Float(0.0, Some(true)), &Ty::Float(true)));
        assert!(!is_zero(&Value::Float(-0.0, Some(true)), &Ty::Float(true)));
    }

    #[test]
    fn arrays_are_checked_up_to_sixteen_elements() {
        let zeros = |n: usize| Value::Array(vec![int(0); n]);
        let array = |n: u64| Ty::Array(Box::new(u32_ty()), n);
        assert!(is_zero(&zeros(16), &array(16)));
        assert!(!is_zero(&zeros(17), &array(17)));
        assert!(is_zero(&Value::Array(Vec::new()), &array(0)));
    }

    #[test]
    fn an_option_of_an_integer_is_zero_only_when_none() {
        let opt = Ty::Option(Box::new(u32_ty()));
        assert!(is_zero(&Value::Opt(None), &opt));
        assert!(!is_zero(&Value::Opt(Some(Box::new(int(0)))), &opt));
        let string = Ty::Option(Box::new(Ty::String));
        assert!(!is_zero(&Value::Opt(None), &string));
    }

    #[test]
    fn options_of_bool_are_zero_at_some_false() {
        let some_false = Value::Opt(Some(Box::new(Value::Bool(false))));
        let one = Ty::Option(Box::new(Ty::Bool));
        assert!(is_zero(&some_false, &one));
        assert!(!is_zero(&Value::Opt(None), &one));
        let three = Ty::Option(Box::new(Ty::Option(Box::new(Ty::Option(Box::new(
            Ty::Bool,
        ))))));
        let deep = Value::Opt(Some(Box::new(Value::Opt(Some(Box::new(
            some_false.clone(),
        ))))));
        assert!(is_zero(&deep, &three));
        let four = Ty::Option(Box::new(three));
        let deeper = Value::Opt(Some(Box::new(deep)));
        assert!(!is_zero(&deeper, &four));
    }

    #[test]
    fn tuples_of_up_to_eight_zeros() {
        let tuple = |n: usize| (Ty::Tuple(vec![u32_ty(); n]), Value::Tuple(vec![int(0); n]));
        let (t, v) = tuple(8);
        assert!(is_zero(&v, &t));
        let (t, v) = tuple(9);
        assert!(!is_zero(&v, &t));
        assert!(is_zero(&Value::Tuple(Vec::new()), &Ty::Tuple(Vec::new())));
    }
}
