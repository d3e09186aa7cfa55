//! `From` and `TryFrom` between std's primitive types: `u64::from(x)`,
//! `f64::from(x)`, `char::from(b)`, `u32::from(c)`, `x.into()` where the
//! type is declared, and `u8::try_from(n)` or `n.try_into()` between
//! integers, whose `Err(TryFromIntError(()))` says the value does not fit.
//!
//! std implements `From` only where no value can be lost: an integer
//! into a wider one of the same signedness, an unsigned one into a wider
//! signed one, `u8` and `u16` into `usize` (a `usize` may be 16 bits) and
//! `u8`, `i8` and `i16` into `isize`, small integers into a float that
//! holds them exactly, `f32` into `f64`, `bool` into any number, `char`
//! into `u32`, `u64` and `u128`, `u8` into `char`; and every type from
//! itself. Any other is rustc's E0277, refused here in its words and at
//! its place. `TryFrom` exists between every two integer types. None of
//! these allocates.

use super::*;

/// A primitive type, as a conversion sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prim {
    Int(IntTy),
    /// `f32` (`false`) or `f64` (`true`).
    Float(bool),
    Char,
    Bool,
}

impl Prim {
    fn of_ty(ty: &Ty) -> Option<Prim> {
        Some(match ty {
            Ty::Int(t) => Prim::Int(*t),
            Ty::Float(d) => Prim::Float(*d),
            Ty::Char => Prim::Char,
            Ty::Bool => Prim::Bool,
            _ => return None,
        })
    }

    fn of_name(name: &str) -> Option<Prim> {
        match name {
            "f32" => Some(Prim::Float(false)),
            "f64" => Some(Prim::Float(true)),
            "char" => Some(Prim::Char),
            "bool" => Some(Prim::Bool),
            n => IntTy::from_name(n).map(Prim::Int),
        }
    }

    /// The type of a value; a literal without a suffix is rustc's
    /// fallback, `i32` or `f64`, since `From` has many impls to choose from.
    fn of_value(value: &Value) -> Option<Prim> {
        Some(match value {
            Value::Int(_, t) => Prim::Int(t.unwrap_or(IntTy::Fixed(true, 4))),
            Value::Float(_, d) => Prim::Float(d.unwrap_or(true)),
            Value::Char(_) => Prim::Char,
            Value::Bool(_) => Prim::Bool,
            _ => return None,
        })
    }

    fn ty(self) -> Ty {
        match self {
            Prim::Int(t) => Ty::Int(t),
            Prim::Float(d) => Ty::Float(d),
            Prim::Char => Ty::Char,
            Prim::Bool => Ty::Bool,
        }
    }
}

/// Whether std has `impl From<from> for to`.
fn lossless(from: Prim, to: Prim) -> bool {
    use IntTy::{Fixed, Word};
    match (from, to) {
        _ if from == to => true,
        (Prim::Int(Fixed(fs, fb)), Prim::Int(Fixed(ts, tb))) => tb > fb && (fs == ts || ts),
        (Prim::Int(Fixed(false, fb)), Prim::Int(Word(false))) => fb <= 2,
        (Prim::Int(Fixed(fs, fb)), Prim::Int(Word(true))) => fb == 1 || fs && fb == 2,
        (Prim::Bool, Prim::Int(_) | Prim::Float(_)) => true,
        (Prim::Int(Fixed(_, fb)), Prim::Float(false)) => fb <= 2,
        (Prim::Int(Fixed(_, fb)), Prim::Float(true)) => fb <= 4,
        (Prim::Float(false), Prim::Float(true)) => true,
        (Prim::Char, Prim::Int(Fixed(false, tb))) => tb >= 4,
        (Prim::Int(Fixed(false, 1)), Prim::Char) => true,
        _ => false,
    }
}

/// std's `TryFromIntError(())`.
fn try_from_int_error() -> Value {
    let def = Rc::new(StructDef {
        fields: vec![("0".to_string(), Ty::Tuple(Vec::new()))],
        unit: false,
        ..(*StructDef::unit("TryFromIntError")).clone()
    });
    Value::Struct(def, vec![Value::unit()])
}

impl Interp<'_> {
    /// `T::from(x)` or `T::try_from(x)` of a primitive type `T`; `None`
    /// for any other call.
    pub(super) fn conversion_call(&mut self, c: &syn::ExprCall) -> R<Option<Value>> {
        let Expr::Path(p) = &*c.func else {
            return Ok(None);
        };
        let [ty, func] = &p.path.segments.iter().collect::<Vec<_>>()[..] else {
            return Ok(None);
        };
        let Some(to) = Prim::of_name(&ty.ident.to_string()) else {
            return Ok(None);
        };
        let fallible = match func.ident.to_string().as_str() {
            "from" => false,
            "try_from" => true,
            _ => return Ok(None),
        };
        let [arg] = &c.args.iter().collect::<Vec<_>>()[..] else {
            return err(self.sp(c), arity_mismatch("function", 1, c.args.len()));
        };
        let value = self.eval(arg, None)?;
        let value = self.deref(value);
        self.convert(value, to, fallible, p.span()).map(Some)
    }

    /// `x.into()` where `ty` is declared, and `x.try_into()` where the
    /// type its `Ok` holds is (`let n: u8 = x.try_into().unwrap();`);
    /// `None` when `ty` is not a primitive.
    pub(super) fn conversion_method(
        &mut self,
        m: &syn::ExprMethodCall,
        ty: &Ty,
    ) -> R<Option<Value>> {
        let Some(to) = Prim::of_ty(ty) else {
            return Ok(None);
        };
        let fallible = m.method == "try_into";
        self.prim_args(m, 0)?;
        let value = self.eval(&m.receiver, None)?;
        let value = self.deref(value);
        self.convert(value, to, fallible, m.method.span()).map(Some)
    }

    /// `value` as a `to`: `From`'s, or `TryFrom`'s `Result` when
    /// `fallible`.
    fn convert(&mut self, value: Value, to: Prim, fallible: bool, span: Span) -> R<Value> {
        let Some(from) = Prim::of_value(&value) else {
            return unsupported_span(
                span,
                "`From` and `TryFrom` of anything but a number, `bool` or `char`",
            );
        };
        if fallible && !lossless(from, to) {
            let (Prim::Int(_), Prim::Int(t), Value::Int(v, _)) = (from, to, &value) else {
                return unsupported_span(span, "`TryFrom` between anything but two integer types");
            };
            let (lo, hi) = t.range(self.target);
            return Ok(match (lo..=hi).contains(v) {
                true => Value::Result(true, Box::new(Value::Int(*v, Some(t)))),
                false => Value::Result(false, Box::new(try_from_int_error())),
            });
        }
        if !lossless(from, to) {
            let (to, from) = (to.ty(), from.ty());
            return err(
                span,
                format!("the trait bound `{to}: From<{from}>` is not satisfied: the trait `From<{from}>` is not implemented for `{to}`"),
            );
        }
        let converted = match (value, to) {
            (Value::Int(v, _), Prim::Int(t)) => Value::Int(v, Some(t)),
            (Value::Bool(b), Prim::Int(t)) => Value::Int(i128::from(b), Some(t)),
            (Value::Bool(b), Prim::Float(d)) => Value::Float(f64::from(u8::from(b)), Some(d)),
            // Exact: every value of these integers is a value of the float.
            (Value::Int(v, _), Prim::Float(d)) => Value::Float(v as f64, Some(d)),
            (Value::Float(x, _), Prim::Float(d)) => Value::Float(x, Some(d)),
            (Value::Char(c), Prim::Int(t)) => Value::Int(i128::from(u32::from(c)), Some(t)),
            (Value::Int(v, _), Prim::Char) => Value::Char(char::from(v as u8)),
            (value, _) => value,
        };
        Ok(match fallible {
            true => Value::Result(true, Box::new(converted)),
            false => converted,
        })
    }
}

#[cfg(test)]
mod tests {
    //! The table of `From` impls checked against rustc's own trait
    //! resolution, pair by pair: a probe whose method is found on the
    //! first step of method lookup only when `B: From<A>` holds.
    use std::marker::PhantomData;

    use super::{lossless, Prim};
    use crate::scenario::ty::IntTy;
    use crate::Target;

    struct Probe<A, B>(PhantomData<(A, B)>);

    trait Implemented {
        fn has_from(&self) -> bool {
            true
        }
    }
    impl<A, B: From<A>> Implemented for Probe<A, B> {}

    trait Missing {
        fn has_from(&self) -> bool {
            false
        }
    }
    impl<A, B> Missing for &Probe<A, B> {}

    /// Every pair of the types listed: `(from, to, rustc says From)`.
    macro_rules! pairs {
        ($out:ident; $($from:ident)*; $to:tt) => {
            $( pairs!(@row $out; $from; $to); )*
        };
        (@row $out:ident; $from:ident; [$($to:ident)*]) => {
            $(
                $out.push((
                    stringify!($from),
                    stringify!($to),
                    (&Probe::<$from, $to>(PhantomData)).has_from(),
                ));
            )*
        };
    }

    #[test]
    // The pairs are pushed by the macro, one statement each.
    #[allow(clippy::vec_init_then_push)]
    fn from_between_primitives_is_std_s_table() {
        let mut real = Vec::with_capacity(256);
        pairs!(real;
            i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 char bool;
            [i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 char bool]);
        assert_eq!(real.len(), 256);
        assert!(real.iter().any(|r| r.2) && real.iter().any(|r| !r.2));
        let mut wrong = Vec::new();
        for (from, to, exists) in real {
            let (a, b) = (Prim::of_name(from).unwrap(), Prim::of_name(to).unwrap());
            if lossless(a, b) != exists {
                wrong.push(format!("{to}: From<{from}>: rustc says {exists}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Every pair of integer types, each value of `samples` that the
    /// source type holds: `(to, value, rustc's try_from succeeds)`.
    macro_rules! tries {
        ($out:ident; $samples:ident; $($from:ident)*; $to:tt) => {
            $( tries!(@row $out; $samples; $from; $to); )*
        };
        (@row $out:ident; $samples:ident; $from:ident; [$($to:ident)*]) => {
            for &v in $samples {
                let Some(x) = <$from>::try_from(v).ok() else { continue };
                $( $out.push((stringify!($to), v, <$to>::try_from(x).is_ok())); )*
            }
        };
    }

    #[test]
    fn try_from_between_integers_fails_where_std_s_does() {
        let samples: &[i128] = &[
            i128::MIN,
            i64::MIN as i128 - 1,
            i64::MIN as i128,
            i32::MIN as i128,
            -32769,
            -32768,
            -129,
            -128,
            -1,
            0,
            1,
            127,
            128,
            255,
            256,
            32767,
            32768,
            65535,
            65536,
            i32::MAX as i128,
            u32::MAX as i128,
            u32::MAX as i128 + 1,
            i64::MAX as i128,
            u64::MAX as i128,
            u64::MAX as i128 + 1,
            i128::MAX,
        ];
        let mut real = Vec::new();
        tries!(real; samples;
            i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize;
            [i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize]);
        assert!(real.iter().any(|r| r.2) && real.iter().any(|r| !r.2));
        for (to, v, fits) in real {
            let Some(Prim::Int(t)) = Prim::of_name(to) else {
                unreachable!("an integer type")
            };
            let (lo, hi) = IntTy::range(t, Target::default());
            assert_eq!((lo..=hi).contains(&v), fits, "{to}::try_from({v})");
        }
    }
}
