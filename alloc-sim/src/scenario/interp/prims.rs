//! Methods on plain values: integers, floats, `bool`, `char`, string
//! literals, arrays, and the `Option`/`Result` methods that need no
//! closure.
//!
//! Each is Rust's own: integer methods compute at the receiver's type (an
//! unsuffixed literal takes its argument's type, else `i32`), wrap at its
//! width, and panic where a debug build panics, with its message; float
//! methods run on the host's `f64` or `f32`; `char` and `&str` methods are
//! the host's; `parse::<T>()` parses with the host's `T` and returns its
//! error as a value that prints as Rust's does. None of them allocates.

use super::char_class::{has, Class};
use super::format::{render, Formatted, Kind, Spec, Writer};
use super::*;

/// Runs `$body` with `$p` bound to the pattern as the host's `Pattern`.
/// A char is searched for as a set of one char (`&['x'][..]`), which finds
/// the same matches: the body is compiled for two pattern types, not three.
macro_rules! with_pattern {
    ($pat:expr, $p:ident => $body:expr) => {
        match $pat {
            StrPat::Str(text) => {
                let $p = text.as_str();
                $body
            }
            StrPat::Char(ch) => {
                let $p = std::slice::from_ref(ch);
                $body
            }
            StrPat::Chars(chars) => {
                let $p = &chars[..];
                $body
            }
        }
    };
}

impl Interp<'_> {
    /// `value.name(args)` where `value` is plain data.
    pub(super) fn prim_method(
        &mut self,
        value: Value,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Value> {
        if name == "clone" && is_copy(&value) {
            self.prim_args(m, 0)?;
            return Ok(value);
        }
        match value {
            Value::Int(v, t) => self.int_method(v, t, name, m, span),
            Value::Float(v, d) => self.float_method(v, d, name, m, span),
            Value::Char(c) => self.char_method(c, name, m, span),
            Value::Bool(b) => self.bool_method(b, name, m),
            Value::Str(s) => self.str_method(&s, name, m, span),
            Value::Array(items) => self.array_method(items, name, m),
            Value::Opt(o) => self.option_method(o, name, m),
            Value::Result(ok, v) => self.result_method(ok, *v, name, m),
            other => no_method(&other, name, m),
        }
    }

    /// The method's `n` arguments, as formatting sees them: bindings
    /// borrowed, references followed, heap owners by their contents (for
    /// methods that only look at their arguments).
    pub(super) fn prim_args(&mut self, m: &syn::ExprMethodCall, n: usize) -> R<Vec<Value>> {
        arity(m, n)?;
        let mut values = Vec::new();
        let mut temporaries = Vec::new();
        for arg in &m.args {
            let (value, temporary) = self.arg_view(arg)?;
            // A closure given (a pattern's) is the method's to drop.
            temporaries.extend(
                temporary
                    .into_iter()
                    .filter(|&id| !matches!(self.owners[id], Owner::Closure { .. })),
            );
            values.push(value);
        }
        self.drop_temporaries(&temporaries)?;
        Ok(values)
    }

    /// The method's `n` arguments, evaluated (for methods that move their
    /// arguments into what they return).
    pub(super) fn moved_args(&mut self, m: &syn::ExprMethodCall, n: usize) -> R<Vec<Value>> {
        arity(m, n)?;
        let mut values = Vec::new();
        for arg in &m.args {
            let value = self.eval(arg, None)?;
            values.push(self.deref(value));
        }
        Ok(values)
    }

    /// The method's `n` arguments, each made as a value of its type where
    /// the collection knows it (`q.push_back(vec![5])` into a
    /// `VecDeque<Vec<u8>>` makes a `Vec<u8>`, not one of `i32`s).
    pub(super) fn typed_args(
        &mut self,
        m: &syn::ExprMethodCall,
        types: &[Option<Ty>],
    ) -> R<Vec<Value>> {
        arity(m, types.len())?;
        let mut values = Vec::new();
        for (arg, ty) in m.args.iter().zip(types) {
            let hint = ty.as_ref().map(Hint::of);
            values.push(self.eval(arg, hint.as_ref())?);
        }
        Ok(values)
    }

    /// `{:?}` of a value, for a panic message.
    pub(super) fn debug_text(&mut self, value: Value) -> R<String> {
        let value = self.view(value, true)?;
        let spec = Spec {
            kind: Kind::Debug,
            ..Spec::default()
        };
        let mut w = Writer::with_own(self.own_debug_types());
        // `Debug` writes every value; the program's own `fmt`s run here.
        let _ = render(&value, &spec, self.target, &mut w);
        let mut formatted = Formatted {
            pieces: self.writer_pieces(w, Span::call_site()),
            ..Formatted::default()
        };
        self.resolve(&mut formatted)?;
        Ok(formatted.text())
    }

    // ----- integers -----

    fn int_method(
        &mut self,
        v: i128,
        t: Option<IntTy>,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Value> {
        let receiver = Value::Int(v, t);
        let Some((n, arg)) = int_signature(name) else {
            return no_method(&receiver, name, m);
        };
        let args = self.prim_args(m, n)?;
        // The type: the receiver's, else a `Self` argument's, else `i32`.
        let mut typed = t;
        let mut xs = Vec::new();
        for a in &args {
            let Value::Int(x, at) = a else {
                let expected = match arg {
                    IntArg::U32 => "u32".to_string(),
                    IntArg::SelfTy => self.type_name(&receiver),
                };
                return mismatch(m, &expected, &self.type_name(a));
            };
            match arg {
                IntArg::SelfTy => {
                    if let (Some(r), Some(a)) = (typed, at) {
                        if r != *a {
                            return mismatch(m, &Ty::Int(r).to_string(), &Ty::Int(*a).to_string());
                        }
                    }
                    typed = typed.or(*at);
                }
                IntArg::U32 => {
                    if at.is_some_and(|a| a != U32) {
                        return mismatch(m, "u32", &self.type_name(a));
                    }
                    if u32::try_from(*x).is_err() {
                        return err(m.span(), "literal out of range for `u32`");
                    }
                }
            }
            xs.push(*x);
        }
        let cx = IntCx::new(typed, self.target);
        // An unsuffixed literal must fit the type it takes.
        let self_args = if arg == IntArg::SelfTy { &xs[..] } else { &[] };
        if !std::iter::once(&v).chain(self_args).all(|x| cx.fits(*x)) {
            return Err(out_of_range(m.span(), cx.ty));
        }
        let b = xs.first().copied().unwrap_or(0);
        let signed_only = matches!(
            name,
            "abs"
                | "signum"
                | "is_positive"
                | "is_negative"
                | "unsigned_abs"
                | "checked_abs"
                | "wrapping_abs"
                | "saturating_abs"
                | "overflowing_abs"
                | "saturating_neg"
                | "checked_isqrt"
        );
        let unsigned_only = matches!(
            name,
            "is_power_of_two"
                | "next_power_of_two"
                | "checked_next_power_of_two"
                | "div_ceil"
                | "is_multiple_of"
        );
        let ascii = name.starts_with("is_ascii")
            || matches!(
                name,
                "to_ascii_uppercase" | "to_ascii_lowercase" | "eq_ignore_ascii_case"
            );
        if (signed_only && !cx.signed) || (unsigned_only && cx.signed) || (ascii && cx.ty != U8) {
            return err(
                m.method.span(),
                format!(
                    "no method named `{name}` found for type `{}` in the current scope",
                    Ty::Int(cx.ty)
                ),
            );
        }
        let too_big = || unsupported_span(span, "a `u128` above `i128::MAX`");
        let int = |x: i128| Value::Int(x, typed);
        let u32_ = |x: u32| Value::Int(i128::from(x), Some(U32));
        let opt = |x: Option<i128>| Value::Opt(x.map(|x| Box::new(Value::Int(x, typed))));
        let pair = |x: i128, overflowed: bool| {
            Value::Tuple(vec![Value::Int(x, typed), Value::Bool(overflowed)])
        };
        let panic = |what: &str| -> R<Value> { err(span, format!("panicked: {what}")) };
        const DIV_ZERO: &str = "attempt to divide by zero";
        const REM_ZERO: &str = "attempt to calculate the remainder with a divisor of zero";
        // `MIN / -1` and `MIN % -1` overflow in a signed type.
        let min_by_minus_one = cx.signed && v == cx.lo && b == -1;
        Ok(match name {
            "wrapping_add" => int(cx.wrap(v.wrapping_add(b))),
            "wrapping_sub" => int(cx.wrap(v.wrapping_sub(b))),
            "wrapping_mul" => int(cx.wrap(v.wrapping_mul(b))),
            "wrapping_div" | "wrapping_div_euclid" if b == 0 => return panic(DIV_ZERO),
            "wrapping_rem" | "wrapping_rem_euclid" if b == 0 => return panic(REM_ZERO),
            "wrapping_div" => int(cx.wrap(v.wrapping_div(b))),
            "wrapping_rem" => int(cx.wrap(v.wrapping_rem(b))),
            "wrapping_div_euclid" => int(cx.wrap(v.wrapping_div_euclid(b))),
            "wrapping_rem_euclid" => int(cx.wrap(v.wrapping_rem_euclid(b))),
            "wrapping_neg" => int(cx.wrap(v.wrapping_neg())),
            "wrapping_abs" => int(cx.wrap(v.wrapping_abs())),
            "wrapping_shl" => int(cx.wrap(v.wrapping_shl(cx.shift(b)))),
            "wrapping_shr" => int(cx.wrap(v.wrapping_shr(cx.shift(b)))),
            "wrapping_pow" => int(cx.wrap(wrapping_pow(v, b))),
            "checked_add" => opt(v.checked_add(b).filter(|x| cx.fits(*x))),
            "checked_sub" => opt(v.checked_sub(b).filter(|x| cx.fits(*x))),
            "checked_mul" => opt(v.checked_mul(b).filter(|x| cx.fits(*x))),
            "checked_div" | "checked_rem" | "checked_div_euclid" | "checked_rem_euclid"
                if b == 0 || min_by_minus_one =>
            {
                opt(None)
            }
            "checked_div" => opt(Some(v / b)),
            "checked_rem" => opt(Some(v % b)),
            "checked_div_euclid" => opt(Some(v.div_euclid(b))),
            "checked_rem_euclid" => opt(Some(v.rem_euclid(b))),
            "checked_neg" => opt(v.checked_neg().filter(|x| cx.fits(*x))),
            "checked_abs" => opt(v.checked_abs().filter(|x| cx.fits(*x))),
            "checked_pow" => opt(checked_pow(v, b).filter(|x| cx.fits(*x))),
            "checked_shl" => opt((b < cx.bits()).then(|| cx.wrap(v.wrapping_shl(cx.shift(b))))),
            "checked_shr" => opt((b < cx.bits()).then(|| v >> cx.shift(b))),
            "saturating_add" => int(cx.saturate(v.checked_add(b), v.signum() + b.signum())),
            "saturating_sub" => int(cx.saturate(v.checked_sub(b), v.signum() - b.signum())),
            "saturating_mul" => int(cx.saturate(v.checked_mul(b), v.signum() * b.signum())),
            "saturating_pow" => {
                let negative = v < 0 && b % 2 == 1;
                int(cx.saturate(checked_pow(v, b), if negative { -1 } else { 1 }))
            }
            "saturating_div" if b == 0 => return panic(DIV_ZERO),
            "saturating_div" => int(cx.saturate(v.checked_div(b), 1)),
            "saturating_neg" => int(cx.saturate(v.checked_neg(), -v.signum())),
            "saturating_abs" => int(cx.saturate(v.checked_abs(), 1)),
            "overflowing_add" => {
                let exact = v.checked_add(b);
                pair(
                    cx.wrap(v.wrapping_add(b)),
                    !exact.is_some_and(|x| cx.fits(x)),
                )
            }
            "overflowing_sub" => {
                let exact = v.checked_sub(b);
                pair(
                    cx.wrap(v.wrapping_sub(b)),
                    !exact.is_some_and(|x| cx.fits(x)),
                )
            }
            "overflowing_mul" => {
                let exact = v.checked_mul(b);
                pair(
                    cx.wrap(v.wrapping_mul(b)),
                    !exact.is_some_and(|x| cx.fits(x)),
                )
            }
            "overflowing_neg" => pair(
                cx.wrap(v.wrapping_neg()),
                !v.checked_neg().is_some_and(|x| cx.fits(x)),
            ),
            "overflowing_abs" => pair(
                cx.wrap(v.wrapping_abs()),
                !v.checked_abs().is_some_and(|x| cx.fits(x)),
            ),
            "overflowing_pow" => {
                let exact = checked_pow(v, b);
                pair(
                    cx.wrap(wrapping_pow(v, b)),
                    !exact.is_some_and(|x| cx.fits(x)),
                )
            }
            "overflowing_shl" => pair(cx.wrap(v.wrapping_shl(cx.shift(b))), b >= cx.bits()),
            "overflowing_shr" => pair(v >> cx.shift(b), b >= cx.bits()),
            "pow" => match checked_pow(v, b).filter(|x| cx.fits(*x)) {
                Some(x) => int(x),
                None => return panic("attempt to multiply with overflow"),
            },
            "abs" => match v.checked_abs().filter(|x| cx.fits(*x)) {
                Some(x) => int(x),
                None => return panic("attempt to negate with overflow"),
            },
            "unsigned_abs" => match i128::try_from(v.unsigned_abs()) {
                Ok(x) => Value::Int(x, Some(cx.unsigned())),
                Err(_) => return too_big(),
            },
            "signum" => int(v.signum()),
            "is_positive" => Value::Bool(v > 0),
            "is_negative" => Value::Bool(v < 0),
            "min" => int(v.min(b)),
            "max" => int(v.max(b)),
            "clamp" => {
                let (lo, hi) = (xs[0], xs[1]);
                if lo > hi {
                    return panic(&format!("min > max. min = {lo}, max = {hi}"));
                }
                int(v.clamp(lo, hi))
            }
            "rem_euclid" if b == 0 => return panic(REM_ZERO),
            "rem_euclid" if min_by_minus_one => {
                return panic("attempt to calculate the remainder with overflow")
            }
            "rem_euclid" => int(v.rem_euclid(b)),
            "div_euclid" if b == 0 => return panic(DIV_ZERO),
            "div_euclid" if min_by_minus_one => return panic("attempt to divide with overflow"),
            "div_euclid" => int(v.div_euclid(b)),
            "div_ceil" if b == 0 => return panic(DIV_ZERO),
            "div_ceil" => int(v.div_euclid(b) + i128::from(v.rem_euclid(b) != 0)),
            "is_multiple_of" => Value::Bool(if b == 0 { v == 0 } else { v % b == 0 }),
            "abs_diff" => match i128::try_from(v.abs_diff(b)) {
                Ok(x) => Value::Int(x, Some(cx.unsigned())),
                Err(_) => return too_big(),
            },
            "count_ones" => u32_(cx.bits_of(v).count_ones()),
            "count_zeros" => u32_(cx.bits() as u32 - cx.bits_of(v).count_ones()),
            "leading_zeros" => u32_(cx.bits_of(v).leading_zeros() - (128 - cx.bits() as u32)),
            "trailing_zeros" => u32_(cx.bits_of(v).trailing_zeros().min(cx.bits() as u32)),
            "leading_ones" => {
                u32_((!cx.bits_of(v) & cx.mask()).leading_zeros() - (128 - cx.bits() as u32))
            }
            "trailing_ones" => u32_(cx.bits_of(v).trailing_ones()),
            "rotate_left" | "rotate_right" => {
                let bits = cx.bits() as u32;
                let n = (b as u32) % bits;
                let n = if name == "rotate_left" {
                    n
                } else {
                    (bits - n) % bits
                };
                let u = cx.bits_of(v);
                let rotated = if n == 0 {
                    u
                } else {
                    ((u << n) | (u >> (bits - n))) & cx.mask()
                };
                int(cx.value_of(rotated))
            }
            "swap_bytes" | "to_be" => {
                let bytes = (cx.bits() / 8) as usize;
                let le = cx.bits_of(v).to_le_bytes();
                let mut swapped = [0u8; 16];
                for i in 0..bytes {
                    swapped[i] = le[bytes - 1 - i];
                }
                int(cx.value_of(u128::from_le_bytes(swapped)))
            }
            "to_le" => int(v),
            "reverse_bits" => {
                let shift = 128 - cx.bits() as u32;
                int(cx.value_of(cx.bits_of(v).reverse_bits() >> shift))
            }
            "is_power_of_two" => Value::Bool(v > 0 && v & (v - 1) == 0),
            "next_power_of_two" | "checked_next_power_of_two" => {
                let p = if v <= 1 {
                    Some(1)
                } else {
                    1i128.checked_shl(128 - (v - 1).leading_zeros())
                };
                let p = p.filter(|p| *p > 0 && cx.fits(*p));
                match (name, p) {
                    ("checked_next_power_of_two", p) => opt(p),
                    (_, Some(p)) => int(p),
                    (_, None) => return panic("attempt to add with overflow"),
                }
            }
            "isqrt" if v < 0 => return panic("argument of integer square root cannot be negative"),
            "isqrt" => int(v.unsigned_abs().isqrt() as i128),
            "checked_isqrt" => opt((v >= 0).then(|| v.unsigned_abs().isqrt() as i128)),
            "ilog" if b < 2 => return panic("base of integer logarithm must be at least 2"),
            "ilog" | "ilog2" | "ilog10" if v <= 0 => {
                return panic("argument of integer logarithm must be positive")
            }
            "ilog" => u32_(v.ilog(b)),
            "ilog2" => u32_(v.ilog2()),
            "ilog10" => u32_(v.ilog10()),
            "checked_ilog" => Value::Opt((v > 0 && b >= 2).then(|| Box::new(u32_(v.ilog(b))))),
            "checked_ilog2" => Value::Opt((v > 0).then(|| Box::new(u32_(v.ilog2())))),
            "checked_ilog10" => Value::Opt((v > 0).then(|| Box::new(u32_(v.ilog10())))),
            _ if ascii => {
                let byte = u8::try_from(v).unwrap_or_default();
                let other = u8::try_from(b).unwrap_or_default();
                match ascii_u8(byte, other, name) {
                    Some(AsciiU8::Bool(x)) => Value::Bool(x),
                    Some(AsciiU8::Byte(x)) => Value::Int(i128::from(x), Some(U8)),
                    None => return no_method(&receiver, name, m),
                }
            }
            _ => return no_method(&receiver, name, m),
        })
    }

    // ----- floats -----

    fn float_method(
        &mut self,
        v: f64,
        d: Option<bool>,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Value> {
        let receiver = Value::Float(v, d);
        let Some((n, powi)) = float_signature(name) else {
            return no_method(&receiver, name, m);
        };
        let args = self.prim_args(m, n)?;
        let mut ty = d;
        let mut xs = Vec::new();
        for a in &args {
            match a {
                Value::Int(x, at) if powi => {
                    if at.is_some_and(|a| a != I32) {
                        return mismatch(m, "i32", &self.type_name(a));
                    }
                    if i32::try_from(*x).is_err() {
                        return err(m.span(), "literal out of range for `i32`");
                    }
                    xs.push(*x as f64);
                }
                Value::Float(x, ad) if !powi => {
                    if let (Some(r), Some(a)) = (ty, ad) {
                        if r != *a {
                            return mismatch(m, float_name(r), float_name(*a));
                        }
                    }
                    ty = ty.or(*ad);
                    xs.push(*x);
                }
                other => {
                    let expected = if powi {
                        "i32"
                    } else {
                        float_name(ty.unwrap_or(true))
                    };
                    return mismatch(m, expected, &self.type_name(other));
                }
            }
        }
        let is_f32 = ty == Some(false);
        let a = xs.first().copied().unwrap_or(0.0);
        let c = xs.get(1).copied().unwrap_or(0.0);
        // Each operation runs at the value's own type.
        macro_rules! unary {
            ($x:ident => $e:expr) => {
                if is_f32 {
                    let $x = v as f32;
                    f64::from($e)
                } else {
                    let $x = v;
                    $e
                }
            };
        }
        macro_rules! binary {
            ($x:ident, $y:ident => $e:expr) => {
                if is_f32 {
                    let ($x, $y) = (v as f32, a as f32);
                    f64::from($e)
                } else {
                    let ($x, $y) = (v, a);
                    $e
                }
            };
        }
        macro_rules! test {
            ($x:ident => $e:expr) => {
                Value::Bool(if is_f32 {
                    let $x = v as f32;
                    $e
                } else {
                    let $x = v;
                    $e
                })
            };
        }
        let float = |x: f64| Value::Float(x, ty);
        Ok(match name {
            "sqrt" => float(unary!(x => x.sqrt())),
            "abs" => float(unary!(x => x.abs())),
            "floor" => float(unary!(x => x.floor())),
            "ceil" => float(unary!(x => x.ceil())),
            "round" => float(unary!(x => x.round())),
            "round_ties_even" => float(unary!(x => x.round_ties_even())),
            "trunc" => float(unary!(x => x.trunc())),
            "fract" => float(unary!(x => x.fract())),
            "signum" => float(unary!(x => x.signum())),
            "recip" => float(unary!(x => x.recip())),
            "to_degrees" => float(unary!(x => x.to_degrees())),
            "to_radians" => float(unary!(x => x.to_radians())),
            "powi" => {
                let n = a as i32;
                float(unary!(x => x.powi(n)))
            }
            "copysign" => float(binary!(x, y => x.copysign(y))),
            "min" => float(binary!(x, y => x.min(y))),
            "max" => float(binary!(x, y => x.max(y))),
            "rem_euclid" => float(binary!(x, y => x.rem_euclid(y))),
            "div_euclid" => float(binary!(x, y => x.div_euclid(y))),
            "clamp" => {
                if a > c || a.is_nan() || c.is_nan() {
                    let (lo, hi) = (Value::Float(a, ty), Value::Float(c, ty));
                    let (lo, hi) = (self.debug_text(lo)?, self.debug_text(hi)?);
                    return err(
                        span,
                        format!("panicked: min > max, or either was NaN. min = {lo}, max = {hi}"),
                    );
                }
                float(if is_f32 {
                    f64::from((v as f32).clamp(a as f32, c as f32))
                } else {
                    v.clamp(a, c)
                })
            }
            "is_nan" => test!(x => x.is_nan()),
            "is_finite" => test!(x => x.is_finite()),
            "is_infinite" => test!(x => x.is_infinite()),
            "is_normal" => test!(x => x.is_normal()),
            "is_subnormal" => test!(x => x.is_subnormal()),
            "is_sign_positive" => test!(x => x.is_sign_positive()),
            "is_sign_negative" => test!(x => x.is_sign_negative()),
            _ => return no_method(&receiver, name, m),
        })
    }

    // ----- char and bool -----

    fn char_method(
        &mut self,
        c: char,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Value> {
        let tests: [(&str, CharTest); 19] = [
            ("is_alphabetic", |c| has(*c, Class::Alphabetic)),
            ("is_numeric", |c| has(*c, Class::Numeric)),
            ("is_alphanumeric", |c| {
                has(*c, Class::Alphabetic) || has(*c, Class::Numeric)
            }),
            ("is_whitespace", |c| c.is_whitespace()),
            ("is_uppercase", |c| has(*c, Class::Uppercase)),
            ("is_lowercase", |c| has(*c, Class::Lowercase)),
            ("is_control", |c| c.is_control()),
            ("is_ascii", char::is_ascii),
            ("is_ascii_alphabetic", char::is_ascii_alphabetic),
            ("is_ascii_uppercase", char::is_ascii_uppercase),
            ("is_ascii_lowercase", char::is_ascii_lowercase),
            ("is_ascii_alphanumeric", char::is_ascii_alphanumeric),
            ("is_ascii_digit", char::is_ascii_digit),
            ("is_ascii_hexdigit", char::is_ascii_hexdigit),
            ("is_ascii_punctuation", char::is_ascii_punctuation),
            ("is_ascii_graphic", char::is_ascii_graphic),
            ("is_ascii_whitespace", char::is_ascii_whitespace),
            ("is_ascii_control", char::is_ascii_control),
            ("is_ascii_octdigit", |c| matches!(c, '0'..='7')),
        ];
        if let Some((_, test)) = tests.iter().find(|(n, _)| *n == name) {
            self.prim_args(m, 0)?;
            return Ok(Value::Bool(test(&c)));
        }
        let usize_ = |n: usize| Value::Int(n as i128, Some(IntTy::Word(false)));
        match name {
            "to_ascii_uppercase" | "to_ascii_lowercase" => {
                self.prim_args(m, 0)?;
                Ok(Value::Char(if name == "to_ascii_uppercase" {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }))
            }
            "len_utf8" | "len_utf16" => {
                self.prim_args(m, 0)?;
                Ok(usize_(if name == "len_utf8" {
                    c.len_utf8()
                } else {
                    c.len_utf16()
                }))
            }
            "to_digit" | "is_digit" => {
                let radix = match self.prim_args(m, 1)?.as_slice() {
                    [Value::Int(r, None | Some(U32))] => *r,
                    [other] => return mismatch(m, "u32", &self.type_name(other)),
                    _ => 0,
                };
                if !(2..=36).contains(&radix) {
                    return err(
                        span,
                        "panicked: to_digit: invalid radix -- radix must be in the range 2 to 36 inclusive",
                    );
                }
                let digit = c.to_digit(radix as u32);
                Ok(if name == "is_digit" {
                    Value::Bool(digit.is_some())
                } else {
                    Value::Opt(digit.map(|d| Box::new(Value::Int(i128::from(d), Some(U32)))))
                })
            }
            "eq_ignore_ascii_case" => match self.prim_args(m, 1)?.as_slice() {
                [Value::Char(other)] => Ok(Value::Bool(c.eq_ignore_ascii_case(other))),
                [other] => mismatch(m, "&char", &self.type_name(other)),
                _ => Ok(Value::Bool(false)),
            },
            // An iterator of the one to three chars the mapping gives.
            "to_uppercase" | "to_lowercase" => {
                self.prim_args(m, 0)?;
                let mapped =
                    super::case::case_mapped(c.encode_utf8(&mut [0; 4]), name == "to_uppercase");
                let chars = mapped.chars().map(Value::Char).collect();
                Ok(Value::Owner(
                    self.owned_iter(chars, super::iter::Count::CaseMapping),
                ))
            }
            _ => no_method(&Value::Char(c), name, m),
        }
    }

    fn bool_method(&mut self, b: bool, name: &str, m: &syn::ExprMethodCall) -> R<Value> {
        match name {
            // The argument is evaluated whether or not it is kept.
            "then_some" => {
                let value = self.moved_args(m, 1)?.remove(0);
                Ok(Value::Opt(b.then(|| Box::new(value))))
            }
            _ => no_method(&Value::Bool(b), name, m),
        }
    }

    // ----- string literals -----

    pub(super) fn str_method(
        &mut self,
        s: &str,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Value> {
        let usize_ = |n: usize| Value::Int(n as i128, Some(IntTy::Word(false)));
        let text = |t: &str| Value::Str(t.to_string());
        match name {
            "len" | "is_empty" | "trim" | "trim_start" | "trim_end" | "is_ascii" | "as_str" => {
                self.prim_args(m, 0)?;
                Ok(match name {
                    "len" => usize_(s.len()),
                    "as_str" => text(s),
                    "is_empty" => Value::Bool(s.is_empty()),
                    "trim" => text(s.trim()),
                    "trim_start" => text(s.trim_start()),
                    "trim_end" => text(s.trim_end()),
                    _ => Value::Bool(s.is_ascii()),
                })
            }
            "starts_with" | "ends_with" | "contains" | "find" | "rfind" | "strip_prefix"
            | "strip_suffix" | "trim_start_matches" | "trim_end_matches" | "trim_matches"
            | "split_once" | "rsplit_once" => {
                let arg = self.prim_args(m, 1)?.remove(0);
                let pat = self.pattern(s, &arg, m)?;
                if name == "trim_matches" && matches!(pat, StrPat::Str(_)) {
                    return err(
                        m.args.span(),
                        "the trait bound `StrSearcher: DoubleEndedSearcher` is not satisfied: \
                         `trim_matches` takes a char pattern",
                    );
                }
                let index = |i: Option<usize>| Value::Opt(i.map(|i| Box::new(usize_(i))));
                let piece = |t: Option<&str>| Value::Opt(t.map(|t| Box::new(text(t))));
                let prefix = pat.prefix_len(s);
                let suffix = pat.suffix_len(s);
                Ok(match name {
                    "starts_with" => Value::Bool(prefix.is_some()),
                    "ends_with" => Value::Bool(suffix.is_some()),
                    // The first match (the last, from the back) parts the
                    // text in two borrowed halves: nothing is allocated.
                    "split_once" | "rsplit_once" => {
                        let back = name == "rsplit_once";
                        let found = super::str_iter::matches_of(s, &pat, back);
                        Value::Opt(found.first().map(|&(at, len)| {
                            Box::new(Value::Tuple(vec![text(&s[..at]), text(&s[at + len..])]))
                        }))
                    }
                    "contains" | "find" | "rfind" => {
                        let found = super::str_iter::matches_of(s, &pat, name == "rfind");
                        let at = found.first().map(|&(at, _)| at);
                        match name {
                            "contains" => Value::Bool(at.is_some()),
                            _ => index(at),
                        }
                    }
                    "strip_prefix" => piece(prefix.map(|n| &s[n..])),
                    "strip_suffix" => piece(suffix.map(|n| &s[..s.len() - n])),
                    "trim_start_matches" => text(pat.trim_start(s)),
                    "trim_end_matches" => text(pat.trim_end(s)),
                    _ => text(pat.trim_end(pat.trim_start(s))),
                })
            }
            "eq_ignore_ascii_case" => match self.prim_args(m, 1)?.as_slice() {
                [Value::Str(other)] => Ok(Value::Bool(s.eq_ignore_ascii_case(other))),
                [other] => mismatch(m, "&str", &self.type_name(other)),
                _ => Ok(Value::Bool(false)),
            },
            "is_char_boundary" => match self.prim_args(m, 1)?.as_slice() {
                [Value::Int(i, None | Some(IntTy::Word(false)))] => Ok(Value::Bool(
                    usize::try_from(*i).is_ok_and(|i| s.is_char_boundary(i)),
                )),
                [other] => mismatch(m, "usize", &self.type_name(other)),
                _ => Ok(Value::Bool(false)),
            },
            "as_bytes" => {
                self.prim_args(m, 0)?;
                Ok(Value::Array(
                    s.bytes()
                        .map(|b| Value::Int(i128::from(b), Some(U8)))
                        .collect(),
                ))
            }
            "parse" => self.parse(s, m, span),
            "to_uppercase" | "to_lowercase" => {
                self.prim_args(m, 0)?;
                let out = super::case::case_mapped(s, name == "to_uppercase");
                // Room for the input's length, then each char pushed.
                let writes: Vec<u64> = out.chars().map(|c| c.len_utf8() as u64).collect();
                self.written_string(s.len() as u64, &writes, &out, &self.src(m))
            }
            "to_ascii_uppercase" | "to_ascii_lowercase" => {
                self.prim_args(m, 0)?;
                let out = if name == "to_ascii_uppercase" {
                    s.to_ascii_uppercase()
                } else {
                    s.to_ascii_lowercase()
                };
                let n = out.len() as u64;
                self.written_string(n, &[n], &out, &self.src(m))
            }
            "repeat" => {
                let n = self.arg_u64(m, 0)?;
                let Some(total) = (s.len() as u64).checked_mul(n) else {
                    return self.capacity_overflow(false);
                };
                let Ok(count) = usize::try_from(n) else {
                    return self.capacity_overflow(false);
                };
                if total > self.target.isize_max() {
                    return self.capacity_overflow(false);
                }
                self.step_at(span)?;
                // A block larger than the whole heap is refused before any
                // text is written: the text is never built on the host.
                let text = if total <= self.sim.heap().len() {
                    s.repeat(count)
                } else {
                    String::new()
                };
                self.written_string(total, &[total], &text, &self.src(m))
            }
            "replace" | "replacen" => self.replace(s, name, m),
            "split_at" => {
                let mid = self.arg_u64(m, 0)?;
                self.split_at(Value::Str(s.to_string()), mid, m.method.span())
            }
            _ => no_method(&Value::Str(s.to_string()), name, m),
        }
    }

    /// `s.replace(from, to)` and `s.replacen(from, to, n)`: a new `String`
    /// written piece by piece, as std writes it.
    fn replace(&mut self, s: &str, name: &str, m: &syn::ExprMethodCall) -> R<Value> {
        let args = self.prim_args(m, if name == "replace" { 2 } else { 3 })?;
        let pat = self.pattern(s, &args[0], m)?;
        let Some(to) = self.text_of(&args[1]) else {
            return mismatch(m, "&str", &self.type_name(&args[1]));
        };
        let count = match args.get(2) {
            None => usize::MAX,
            Some(Value::Int(n, None | Some(IntTy::Word(false)))) => {
                usize::try_from(*n).unwrap_or(usize::MAX)
            }
            Some(other) => return mismatch(m, "usize", &self.type_name(other)),
        };
        let mut found = super::str_iter::matches_of(s, &pat, false);
        found.truncate(count);
        let mut out = String::new();
        let mut writes = Vec::new();
        let mut last = 0;
        for &(at, len) in &found {
            out.push_str(&s[last..at]);
            out.push_str(&to);
            writes.extend([(at - last) as u64, to.len() as u64]);
            last = at + len;
        }
        out.push_str(&s[last..]);
        writes.push((s.len() - last) as u64);
        let what = self.src(m);
        // `replace`'s fast path: one ASCII byte for another, mapped into
        // a buffer of exactly the input's length.
        let pat_len = match &pat {
            StrPat::Str(p) => Some(p.len()),
            StrPat::Char(c) => Some(c.len_utf8()),
            StrPat::Chars(_) => None,
        };
        let one_ascii = match &pat {
            StrPat::Str(p) => p.len() == 1,
            StrPat::Char(c) => c.is_ascii(),
            StrPat::Chars(_) => false,
        };
        if name == "replace" && one_ascii && to.len() == 1 {
            let n = s.len() as u64;
            return self.written_string(n, &[n], &out, &what);
        }
        let capacity = match (name, pat_len) {
            ("replacen", _) => 32,
            (_, Some(p)) if p <= to.len() => s.len() as u64,
            _ => 0,
        };
        self.written_string(capacity, &writes, &out, &what)
    }

    /// `s.parse::<T>()`: the host's `T::from_str` (a float's as core's,
    /// in `dec2flt`), its error kept as a value that prints as std's does.
    fn parse(&mut self, s: &str, m: &syn::ExprMethodCall, span: Span) -> R<Value> {
        self.prim_args(m, 0)?;
        let ty = m.turbofish.as_ref().and_then(|t| {
            t.args.iter().find_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
        });
        let hinted = self.parse_hint.take();
        let hint = match (ty, hinted) {
            (Some(ty), _) => self.hint(ty)?,
            (None, Some(t)) => Hint::Plain(t),
            (None, None) => {
                return err(
                    m.method.span(),
                    "type annotations needed: write the type, as in `parse::<i32>()`",
                )
            }
        };
        let ok = |v: Value| Value::Result(true, Box::new(v));
        let fail = |name: &str, kind: Option<String>| {
            Value::Result(false, Box::new(std_error(name, kind.as_deref())))
        };
        Ok(match hint {
            Hint::Plain(Ty::Int(t)) => match parse_int(s, t, self.target) {
                Ok(v) => ok(Value::Int(v, Some(t))),
                Err(Some(kind)) => fail("ParseIntError", Some(kind)),
                Err(None) => return unsupported_span(span, "a `u128` above `i128::MAX`"),
            },
            Hint::Plain(Ty::Float(d)) => match parse_float(s, d) {
                Ok(v) => ok(Value::Float(v, Some(d))),
                Err(e) => fail("ParseFloatError", Some(e.name().to_string())),
            },
            Hint::Plain(Ty::Bool) => match s.parse::<bool>() {
                Ok(b) => ok(Value::Bool(b)),
                Err(_) => fail("ParseBoolError", None),
            },
            Hint::Plain(Ty::Char) => match s.parse::<char>() {
                Ok(c) => ok(Value::Char(c)),
                Err(e) => fail("ParseCharError", debug_kind(&format!("{e:?}"))),
            },
            _ => return unsupported(&m.method, "parsing into this type"),
        })
    }

    // ----- arrays -----

    fn array_method(&mut self, items: Vec<Value>, name: &str, m: &syn::ExprMethodCall) -> R<Value> {
        let usize_ = |n: usize| Value::Int(n as i128, Some(IntTy::Word(false)));
        let some = |v: Option<&Value>| Value::Opt(v.map(|v| Box::new(v.clone())));
        match name {
            "join" | "concat" => self.join_texts(&items, name, m),
            "split_at" => {
                let mid = self.arg_u64(m, 0)?;
                self.split_at(Value::Array(items), mid, m.method.span())
            }
            "to_vec" => {
                self.prim_args(m, 0)?;
                // A slice held as references to plain elements: copies.
                let items: Vec<Value> = items.into_iter().map(|v| self.deref(v)).collect();
                if items.iter().all(|v| v.ty().is_some_and(|t| t.is_plain())) {
                    return self.vec_of_slice(items, &self.src(m));
                }
                // `names[1..].to_vec()`: a `Vec` of exactly the slice's
                // length, then each element cloned into it, front to back.
                let Some(elem) = items.first().and_then(|v| self.value_ty(v)) else {
                    return unsupported(&m.method, "`to_vec` of a slice of these values");
                };
                let text = self.src(m);
                let new = self.new_vec(Some(elem), false);
                let len = items.len() as u64;
                self.grow(
                    new,
                    len,
                    &format!("`{text}`: a new Vec of exactly its length, {len}"),
                    Exactness::Exact,
                    false,
                )?;
                self.clone_items_into(new, &items, &text)?;
                Ok(Value::Owner(new))
            }
            "len" | "is_empty" | "first" | "last" => {
                self.prim_args(m, 0)?;
                Ok(match name {
                    "len" => usize_(items.len()),
                    "is_empty" => Value::Bool(items.is_empty()),
                    "first" => some(items.first()),
                    _ => some(items.last()),
                })
            }
            "contains" => {
                let x = self.prim_args(m, 1)?.remove(0);
                Ok(Value::Bool(items.iter().any(|item| same_value(item, &x))))
            }
            "binary_search" => {
                let x = self.prim_args(m, 1)?.remove(0);
                self.binary_search_in(&items, &x, m.span())
            }
            "get" => match self.prim_args(m, 1)?.as_slice() {
                [Value::Int(i, None | Some(IntTy::Word(false)))] => {
                    Ok(some(usize::try_from(*i).ok().and_then(|i| items.get(i))))
                }
                [other] => unsupported(
                    &m.args,
                    &format!(
                        "`get` with {} (scenarios take an index)",
                        self.type_name(other)
                    ),
                ),
                _ => Ok(some(None)),
            },
            "iter" | "iter_mut" | "into_iter" | "windows" | "chunks" => unsupported(
                &m.method,
                &format!("`{name}` on an array, which returns an iterator"),
            ),
            _ => no_method(&Value::Array(items), name, m),
        }
    }

    // ----- Option and Result -----

    fn option_method(
        &mut self,
        o: Option<Box<Value>>,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Value> {
        match name {
            "expect" => {
                let message = self.message_arg(m)?;
                match o {
                    Some(v) => Ok(*v),
                    None => err(m.method.span(), format!("panicked: {message}")),
                }
            }
            // What the call does not return, std drops in it: the
            // default of a `Some`, both options of a `xor` of two.
            "unwrap_or" | "ok_or" => {
                let arg = self.moved_args(m, 1)?.remove(0);
                let Some(v) = o else {
                    return Ok(if name == "ok_or" {
                        Value::Result(false, Box::new(arg))
                    } else {
                        arg
                    });
                };
                self.drop_value(&arg, UNUSED)?;
                Ok(if name == "ok_or" {
                    Value::Result(true, v)
                } else {
                    *v
                })
            }
            "or" | "xor" | "and" => {
                let other = self.moved_args(m, 1)?.remove(0);
                let Value::Opt(other) = other else {
                    return mismatch(m, "Option<_>", &self.type_name(&other));
                };
                let (kept, gone) = match (name, o, other) {
                    ("or", Some(a), b) => (Some(a), [b, None]),
                    ("xor", Some(a), Some(b)) => (None, [Some(a), Some(b)]),
                    ("and", Some(a), b) => (b, [Some(a), None]),
                    ("and", None, b) => (None, [b, None]),
                    (_, a, b) => (a.or(b), [None, None]),
                };
                for v in gone.into_iter().flatten() {
                    self.drop_value(&v, UNUSED)?;
                }
                Ok(Value::Opt(kept))
            }
            "copied" | "cloned" if o.as_deref().is_none_or(is_copy) => {
                self.prim_args(m, 0)?;
                Ok(Value::Opt(o))
            }
            // `v.first().cloned()` of a heap value: a deep copy, as `Clone`
            // makes one.
            "cloned" if matches!(o.as_deref(), Some(Value::Ref(_))) => {
                self.prim_args(m, 0)?;
                let lent = o.map_or_else(Value::unit, |v| *v);
                let copy = self.clone_value(&lent, &self.src(m))?;
                Ok(Value::Opt(Some(Box::new(copy))))
            }
            "flatten" => {
                self.prim_args(m, 0)?;
                match o.map(|v| *v) {
                    None => Ok(Value::Opt(None)),
                    Some(inner @ Value::Opt(_)) => Ok(inner),
                    Some(other) => mismatch(m, "Option<Option<_>>", &self.type_name(&other)),
                }
            }
            _ => no_method(&Value::Opt(o), name, m),
        }
    }

    fn result_method(
        &mut self,
        ok: bool,
        v: Value,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Value> {
        match name {
            "unwrap_err" | "expect_err" => {
                let message = if name == "expect_err" {
                    self.message_arg(m)?
                } else {
                    self.prim_args(m, 0)?;
                    "called `Result::unwrap_err()` on an `Ok` value".to_string()
                };
                if ok {
                    let shown = self.debug_text(v)?;
                    return err(m.method.span(), format!("panicked: {message}: {shown}"));
                }
                Ok(v)
            }
            "ok" | "err" => {
                self.prim_args(m, 0)?;
                Ok(Value::Opt((ok == (name == "ok")).then(|| Box::new(v))))
            }
            "unwrap_or" => {
                let default = self.moved_args(m, 1)?.remove(0);
                let (kept, gone) = if ok { (v, default) } else { (default, v) };
                self.drop_value(&gone, UNUSED)?;
                Ok(kept)
            }
            _ => no_method(&Value::Result(ok, Box::new(v)), name, m),
        }
    }

    /// An `expect` message: a `&str`.
    fn message_arg(&mut self, m: &syn::ExprMethodCall) -> R<String> {
        match self.prim_args(m, 1)?.remove(0) {
            Value::Str(s) => Ok(s),
            other => mismatch(m, "&str", &self.type_name(&other)),
        }
    }
}

/// Why a value given to an `Option` or `Result` method and not returned is
/// dropped.
const UNUSED: &str = "dropped in the call, which did not return it";

/// A `char` predicate.
type CharTest = fn(&char) -> bool;

const U8: IntTy = IntTy::Fixed(false, 1);
const U32: IntTy = IntTy::Fixed(false, 4);
const I32: IntTy = IntTy::Fixed(true, 4);

/// Whether a value is `Copy` plain data (so `clone` copies it).
fn is_copy(value: &Value) -> bool {
    match value {
        Value::Int(..) | Value::Float(..) | Value::Bool(_) | Value::Char(_) | Value::Str(_) => true,
        Value::Tuple(items) | Value::Array(items) => items.iter().all(is_copy),
        Value::Opt(o) => o.as_deref().is_none_or(is_copy),
        _ => false,
    }
}

/// Two values equal as `==` compares them (an unsuffixed literal equals
/// the same number of any type).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x, _), Value::Int(y, _)) => x == y,
        (Value::Float(x, _), Value::Float(y, _)) => x == y,
        (Value::Tuple(xs), Value::Tuple(ys)) | (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_value(x, y))
        }
        (Value::Opt(x), Value::Opt(y)) => match (x, y) {
            (Some(x), Some(y)) => same_value(x, y),
            (None, None) => true,
            _ => false,
        },
        _ => a == b,
    }
}

pub(super) fn arity(m: &syn::ExprMethodCall, n: usize) -> R<()> {
    let given = m.args.len();
    if given == n {
        return Ok(());
    }
    err(m.method.span(), arity_mismatch("method", n, given))
}

pub(super) fn mismatch<T>(m: &syn::ExprMethodCall, expected: &str, found: &str) -> R<T> {
    err(
        m.args.span(),
        format!("mismatched types: expected `{expected}`, found `{found}`"),
    )
}

fn no_method<T>(value: &Value, name: &str, m: &syn::ExprMethodCall) -> R<T> {
    unsupported(
        &m.method,
        &format!("the method `{name}` on {}", value.show(true)),
    )
}

fn float_name(d: bool) -> &'static str {
    if d {
        "f64"
    } else {
        "f32"
    }
}

/// What an integer method's arguments are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IntArg {
    /// The receiver's type.
    SelfTy,
    /// `u32` (exponents, shift and rotation amounts).
    U32,
}

/// How many arguments an integer method takes, and of what type (`None`:
/// not a method scenarios know).
fn int_signature(name: &str) -> Option<(usize, IntArg)> {
    use IntArg::*;
    Some(match name {
        "wrapping_add"
        | "wrapping_sub"
        | "wrapping_mul"
        | "wrapping_div"
        | "wrapping_rem"
        | "wrapping_div_euclid"
        | "wrapping_rem_euclid"
        | "checked_add"
        | "checked_sub"
        | "checked_mul"
        | "checked_div"
        | "checked_rem"
        | "checked_div_euclid"
        | "checked_rem_euclid"
        | "saturating_add"
        | "saturating_sub"
        | "saturating_mul"
        | "saturating_div"
        | "overflowing_add"
        | "overflowing_sub"
        | "overflowing_mul"
        | "min"
        | "max"
        | "rem_euclid"
        | "div_euclid"
        | "div_ceil"
        | "is_multiple_of"
        | "abs_diff"
        | "ilog"
        | "checked_ilog"
        | "eq_ignore_ascii_case" => (1, SelfTy),
        "clamp" => (2, SelfTy),
        "pow" | "checked_pow" | "wrapping_pow" | "saturating_pow" | "overflowing_pow"
        | "wrapping_shl" | "wrapping_shr" | "checked_shl" | "checked_shr" | "overflowing_shl"
        | "overflowing_shr" | "rotate_left" | "rotate_right" => (1, U32),
        "wrapping_neg"
        | "wrapping_abs"
        | "checked_neg"
        | "checked_abs"
        | "saturating_neg"
        | "saturating_abs"
        | "overflowing_neg"
        | "overflowing_abs"
        | "abs"
        | "unsigned_abs"
        | "signum"
        | "is_positive"
        | "is_negative"
        | "count_ones"
        | "count_zeros"
        | "leading_zeros"
        | "trailing_zeros"
        | "leading_ones"
        | "trailing_ones"
        | "swap_bytes"
        | "to_be"
        | "to_le"
        | "reverse_bits"
        | "is_power_of_two"
        | "next_power_of_two"
        | "checked_next_power_of_two"
        | "isqrt"
        | "checked_isqrt"
        | "ilog2"
        | "ilog10"
        | "checked_ilog2"
        | "checked_ilog10"
        | "is_ascii"
        | "is_ascii_alphabetic"
        | "is_ascii_uppercase"
        | "is_ascii_lowercase"
        | "is_ascii_alphanumeric"
        | "is_ascii_digit"
        | "is_ascii_hexdigit"
        | "is_ascii_punctuation"
        | "is_ascii_graphic"
        | "is_ascii_whitespace"
        | "is_ascii_control"
        | "to_ascii_uppercase"
        | "to_ascii_lowercase" => (0, SelfTy),
        _ => return None,
    })
}

/// How many arguments a float method takes; `true` for `powi`'s `i32`.
fn float_signature(name: &str) -> Option<(usize, bool)> {
    Some(match name {
        "powi" => (1, true),
        "copysign" | "min" | "max" | "rem_euclid" | "div_euclid" => (1, false),
        "clamp" => (2, false),
        // The transcendental functions (`sin`, `exp`, `ln`, `powf`, …) are
        // left out: they would bring a maths library into the page.
        "sqrt" | "abs" | "floor" | "ceil" | "round" | "round_ties_even" | "trunc" | "fract"
        | "signum" | "recip" | "to_degrees" | "to_radians" | "is_nan" | "is_finite"
        | "is_infinite" | "is_normal" | "is_subnormal" | "is_sign_positive"
        | "is_sign_negative" => (0, false),
        _ => return None,
    })
}

/// An integer type's range and width on the target.
#[derive(Debug, Clone, Copy)]
struct IntCx {
    ty: IntTy,
    lo: i128,
    hi: i128,
    signed: bool,
    target: Target,
}

impl IntCx {
    fn new(typed: Option<IntTy>, target: Target) -> IntCx {
        let ty = typed.unwrap_or(I32);
        let (lo, hi) = ty.range(target);
        IntCx {
            ty,
            lo,
            hi,
            signed: ty.signed(),
            target,
        }
    }

    fn bits(&self) -> i128 {
        (self.ty.size(self.target) * 8).min(128) as i128
    }

    fn mask(&self) -> u128 {
        if self.bits() >= 128 {
            u128::MAX
        } else {
            (1u128 << self.bits()) - 1
        }
    }

    fn fits(&self, x: i128) -> bool {
        self.lo <= x && x <= self.hi
    }

    /// `x` wrapped to the type, as `as` does.
    fn wrap(&self, x: i128) -> i128 {
        wrap(x, self.ty, self.target)
    }

    /// A shift or rotation amount, taken modulo the width.
    fn shift(&self, amount: i128) -> u32 {
        (amount & (self.bits() - 1)) as u32
    }

    /// The value's bits at the type's width.
    fn bits_of(&self, x: i128) -> u128 {
        (x as u128) & self.mask()
    }

    /// The value those bits are.
    fn value_of(&self, bits: u128) -> i128 {
        self.wrap(bits as i128)
    }

    /// The unsigned type of the same width.
    fn unsigned(&self) -> IntTy {
        match self.ty {
            IntTy::Fixed(_, n) => IntTy::Fixed(false, n),
            IntTy::Word(_) => IntTy::Word(false),
        }
    }

    /// An exact result clamped to the range; `None` (beyond `i128`)
    /// saturates towards `direction`'s sign.
    fn saturate(&self, exact: Option<i128>, direction: i128) -> i128 {
        match exact {
            Some(x) => x.clamp(self.lo, self.hi),
            None if direction < 0 => self.lo,
            None => self.hi,
        }
    }
}

/// `base.pow(exp)` exactly, or `None` beyond `i128`.
fn checked_pow(base: i128, exp: i128) -> Option<i128> {
    base.checked_pow(u32::try_from(exp).ok()?)
}

/// `base.pow(exp)` modulo 2¹²⁸ (wrapped to the type afterwards).
fn wrapping_pow(base: i128, exp: i128) -> i128 {
    base.wrapping_pow(u32::try_from(exp).unwrap_or(u32::MAX))
}

enum AsciiU8 {
    Bool(bool),
    Byte(u8),
}

/// `u8`'s ASCII methods.
fn ascii_u8(b: u8, other: u8, name: &str) -> Option<AsciiU8> {
    use AsciiU8::*;
    Some(match name {
        "is_ascii" => Bool(b.is_ascii()),
        "is_ascii_alphabetic" => Bool(b.is_ascii_alphabetic()),
        "is_ascii_uppercase" => Bool(b.is_ascii_uppercase()),
        "is_ascii_lowercase" => Bool(b.is_ascii_lowercase()),
        "is_ascii_alphanumeric" => Bool(b.is_ascii_alphanumeric()),
        "is_ascii_digit" => Bool(b.is_ascii_digit()),
        "is_ascii_hexdigit" => Bool(b.is_ascii_hexdigit()),
        "is_ascii_punctuation" => Bool(b.is_ascii_punctuation()),
        "is_ascii_graphic" => Bool(b.is_ascii_graphic()),
        "is_ascii_whitespace" => Bool(b.is_ascii_whitespace()),
        "is_ascii_control" => Bool(b.is_ascii_control()),
        "eq_ignore_ascii_case" => Bool(b.eq_ignore_ascii_case(&other)),
        "to_ascii_uppercase" => Byte(b.to_ascii_uppercase()),
        "to_ascii_lowercase" => Byte(b.to_ascii_lowercase()),
        _ => return None,
    })
}

/// A `&str` method's pattern.
pub(super) enum StrPat {
    Str(String),
    Char(char),
    Chars(Vec<char>),
}

impl StrPat {
    pub(super) fn of(value: &Value) -> Option<StrPat> {
        Some(match value {
            Value::Str(s) => StrPat::Str(s.clone()),
            Value::Char(c) => StrPat::Char(*c),
            Value::Array(items) => StrPat::Chars(
                items
                    .iter()
                    .map(|v| match v {
                        Value::Char(c) => Some(*c),
                        _ => None,
                    })
                    .collect::<Option<_>>()?,
            ),
            _ => return None,
        })
    }

    /// Whether the pattern matches at the start of `s`, and how many
    /// bytes it matches there (a char set: the first char, if in it).
    fn prefix_len(&self, s: &str) -> Option<usize> {
        match self {
            StrPat::Str(p) => s.as_bytes().starts_with(p.as_bytes()).then_some(p.len()),
            StrPat::Char(c) => s.chars().next().filter(|f| f == c).map(char::len_utf8),
            StrPat::Chars(cs) => s
                .chars()
                .next()
                .filter(|f| cs.contains(f))
                .map(char::len_utf8),
        }
    }

    /// Whether the pattern matches at the end of `s`, and how many bytes.
    fn suffix_len(&self, s: &str) -> Option<usize> {
        match self {
            StrPat::Str(p) => s.as_bytes().ends_with(p.as_bytes()).then_some(p.len()),
            StrPat::Char(c) => s.chars().next_back().filter(|l| l == c).map(char::len_utf8),
            StrPat::Chars(cs) => s
                .chars()
                .next_back()
                .filter(|l| cs.contains(l))
                .map(char::len_utf8),
        }
    }

    /// `s.trim_start_matches(pat)`: prefixes taken off while the pattern
    /// matches one (an empty `&str` pattern takes nothing).
    fn trim_start<'s>(&self, mut s: &'s str) -> &'s str {
        while let Some(n) = self.prefix_len(s).filter(|&n| n > 0) {
            s = &s[n..];
        }
        s
    }

    /// `s.trim_end_matches(pat)`.
    fn trim_end<'s>(&self, mut s: &'s str) -> &'s str {
        while let Some(n) = self.suffix_len(s).filter(|&n| n > 0) {
            s = &s[..s.len() - n];
        }
        s
    }
}

/// `s.parse::<T>()` for an integer type `t`: the value, or the error's
/// kind (`IntErrorKind`'s name); `Err(None)` for a `u128` scenarios
/// cannot hold.
fn parse_int(s: &str, t: IntTy, target: Target) -> Result<i128, Option<String>> {
    macro_rules! parse {
        ($t:ty) => {
            s.parse::<$t>()
                .map(i128::from)
                .map_err(|e| Some(format!("{:?}", e.kind())))
        };
    }
    match (t.signed(), t.size(target)) {
        (true, 1) => parse!(i8),
        (true, 2) => parse!(i16),
        (true, 4) => parse!(i32),
        (true, 8) => parse!(i64),
        (true, _) => parse!(i128),
        (false, 1) => parse!(u8),
        (false, 2) => parse!(u16),
        (false, 4) => parse!(u32),
        (false, 8) => parse!(u64),
        (false, _) => match s.parse::<u128>() {
            Ok(v) => i128::try_from(v).map_err(|_| None),
            Err(e) => Err(Some(format!("{:?}", e.kind()))),
        },
    }
}

/// The kind in an error's `Debug` (`ParseFloatError { kind: Invalid }`).
fn debug_kind(debug: &str) -> Option<String> {
    let start = debug.find("kind: ")? + "kind: ".len();
    let rest = &debug[start..];
    let end = rest.find([' ', '}', ','])?;
    Some(rest[..end].to_string())
}

/// A std parse error as a value: a struct `name` with a `kind` field
/// holding a unit struct named for the kind (none for `ParseBoolError`),
/// so that its `Debug` is std's; its `Display` is known by name to
/// formatting (`format::std_error_message`).
fn std_error(name: &str, kind: Option<&str>) -> Value {
    let unit = StructDef::unit;
    match kind {
        None => Value::Struct(unit(name), Vec::new()),
        Some(kind) => {
            let kind = unit(kind);
            let def = Rc::new(StructDef {
                name: name.to_string(),
                fields: vec![("kind".to_string(), Ty::Struct(kind.clone()))],
                repr_c: false,
                align: None,
                unit: false,
                variant: None,
                args: Vec::new(),
                drops: false,
                layouts: Default::default(),
            });
            Value::Struct(def, vec![Value::Struct(kind, Vec::new())])
        }
    }
}

/// std's mathematical constants (`std::f64::consts`), by name: std's own
/// values. `std::f32::consts` holds each rounded to `f32`, which the tests
/// check against `F32_CONSTS`, the same names' `f32` values.
macro_rules! float_consts {
    ($($name:ident),* $(,)?) => {
        const FLOAT_CONSTS: &[(&str, f64)] = &[
            $((stringify!($name), std::f64::consts::$name),)*
        ];
        #[cfg(test)]
        const F32_CONSTS: &[f32] = &[$(std::f32::consts::$name,)*];
    };
}

float_consts!(
    PI,
    TAU,
    E,
    SQRT_2,
    FRAC_1_SQRT_2,
    LN_2,
    LN_10,
    LOG2_E,
    LOG10_E,
    LOG2_10,
    LOG10_2,
    FRAC_PI_2,
    FRAC_PI_3,
    FRAC_PI_4,
    FRAC_PI_6,
    FRAC_PI_8,
    FRAC_1_PI,
    FRAC_2_PI,
    FRAC_2_SQRT_PI,
);

/// `std::f64::consts::NAME` (`double`) or `std::f32::consts::NAME`.
fn float_const(double: bool, name: &str) -> Option<Value> {
    let &(_, wide) = FLOAT_CONSTS.iter().find(|(n, ..)| *n == name)?;
    Some(Value::Float(
        if double { wide } else { f64::from(wide as f32) },
        Some(double),
    ))
}

/// Whether `path` is `std::f64::consts` (`Some(true)`) or
/// `std::f32::consts` (`Some(false)`), `core::` alike.
fn consts_module(path: &[String]) -> Option<bool> {
    let [krate, ty, consts] = path else {
        return None;
    };
    if !matches!(krate.as_str(), "std" | "core") || consts != "consts" {
        return None;
    }
    match ty.as_str() {
        "f64" => Some(true),
        "f32" => Some(false),
        _ => None,
    }
}

impl Interp<'_> {
    /// `std::f64::consts::PI`, `core::f32::consts::E` as a value (a
    /// crate first: `f64::consts::PI` is not a path rustc resolves).
    pub(super) fn float_const_at(names: &[String]) -> Option<Value> {
        let (name, module) = names.split_last()?;
        float_const(consts_module(module)?, name)
    }

    /// The values a `use` of std brings in: `std::f64::consts::{PI, E as
    /// EULER}` (or a glob), the module itself (`use std::f64::consts;`,
    /// for `consts::PI`), an integer module's `MAX` and `MIN` (`use
    /// std::u32::MAX;`). Any other name it brings from std is noted, so
    /// that a use of it is told apart from a name never declared.
    /// `path` is the tree's path so far. A glob's values go to `globs`,
    /// to give way to every name written out (see `define_program`).
    pub(super) fn use_std_values(
        &mut self,
        tree: &syn::UseTree,
        path: &mut Vec<String>,
        globs: &mut Vec<(String, Value)>,
    ) {
        let (name, to) = match tree {
            syn::UseTree::Path(p) => {
                path.push(p.ident.to_string());
                self.use_std_values(&p.tree, path, globs);
                path.pop();
                return;
            }
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_std_values(tree, path, globs);
                }
                return;
            }
            syn::UseTree::Name(n) => (n.ident.to_string(), n.ident.to_string()),
            syn::UseTree::Rename(r) => (r.ident.to_string(), r.rename.to_string()),
            syn::UseTree::Glob(_) => ("*".to_string(), String::new()),
        };
        // `use std::f64::consts::{self, PI}`: the module itself.
        let (path, name, to) = match (name.as_str(), path.split_last()) {
            ("self", Some((module, up))) if to == "self" => (up, module.clone(), module.clone()),
            ("self", Some((module, up))) => (up, module.clone(), to),
            _ => (&path[..], name, to),
        };
        let from_std = matches!(path.first().map(String::as_str), Some("std" | "core"));
        let ty = match path {
            [_, ty] if from_std => ty.as_str(),
            _ => "",
        };
        let int = IntTy::from_name(ty);
        let double = consts_module(path);
        // A glob brings what the module has.
        let (names, glob): (Vec<&str>, bool) = match (name.as_str(), double, int) {
            ("*", Some(_), _) => (FLOAT_CONSTS.iter().map(|&(n, _)| n).collect(), true),
            ("*", _, Some(_)) => (vec!["MAX", "MIN"], true),
            ("*", ..) => return,
            _ => (vec![&to], false),
        };
        for to in names {
            let name = if glob { to } else { name.as_str() };
            let value = match (double, int, name) {
                (Some(d), ..) => float_const(d, name),
                (_, Some(t), "MAX" | "MIN") => {
                    let (lo, hi) = t.range(self.target);
                    Some(Value::Int(if name == "MAX" { hi } else { lo }, Some(t)))
                }
                _ => None,
            };
            if let Some(value) = value {
                if glob {
                    globs.push((to.to_string(), value));
                } else {
                    self.globals.insert(to.to_string(), value);
                }
            } else if let ("f64" | "f32", "consts") = (ty, name) {
                self.float_modules.push((to.to_string(), ty == "f64"));
            } else if from_std {
                self.std_imports
                    .push((to.to_string(), format!("{}::{name}", path.join("::"))));
            }
        }
    }

    /// `consts::PI` after `use std::f64::consts;` (or `as c`, `c::PI`).
    pub(super) fn float_const_in_module(&self, names: &[String]) -> Option<Value> {
        let [module, name] = names else {
            return None;
        };
        let &(_, double) = self.float_modules.iter().find(|(m, _)| m == module)?;
        float_const(double, name)
    }
}

#[cfg(test)]
mod float_consts_tests {
    use super::{F32_CONSTS, FLOAT_CONSTS};

    /// Every constant of `std::f32::consts` is its `f64` twin rounded to
    /// `f32`, which is how the run makes it.
    #[test]
    fn f32_consts_are_the_f64_ones_rounded() {
        assert_eq!(FLOAT_CONSTS.len(), F32_CONSTS.len());
        for (&(name, wide), &narrow) in FLOAT_CONSTS.iter().zip(F32_CONSTS) {
            assert_eq!((wide as f32).to_bits(), narrow.to_bits(), "{name}");
        }
    }
}
