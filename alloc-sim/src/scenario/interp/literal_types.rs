//! rustc's type check where the code alone decides it, on every line
//! whether or not it would run: a literal (`"oops"`, `1`, `2.5`, `'c'`,
//! `true`, `5u64`) where the code declares a type it cannot be. rustc
//! refuses the program (E0308) before it could run; the run checks every
//! other value against its declared type as it is made.
//!
//! The places looked at are where a type is written next to a value: a
//! `let` with its type, a function's returned value (its last expression
//! or a `return`), an argument to one of the program's functions or tuple
//! structs, or to a method of one of its structs called on `self` or on a
//! binding the code says is that struct, and a field of one of its
//! structs in a struct literal. The
//! types are those a literal can be judged against without inference:
//! the integers, `f32`, `f64`, `bool`, `char`, `String`, `&str` and `()`.
//!
//! A tuple, an array or a `vec![…]` written for a tuple, array or `Vec`
//! type is judged element by element.
//!
//! A binding bound to an unsuffixed integer literal with no type written
//! (`let a = 300;`, or `let a;`) and given at one of those places as an
//! integer type (`let b: u8 = a;`) is that type, and so is every
//! unsuffixed literal it is bound or assigned, before or after (`a =
//! 300`, `a += 300`): rustc refuses the literal where it is written if it
//! is out of the type's range (`overflowing_literals`) or negative where
//! the type has no `Neg`.
//!
//! # Invariants
//! - Nothing rustc accepts is refused: an unsuffixed integer literal is
//!   any integer type and an unsuffixed float `f32` or `f64`, as rustc
//!   infers them; a name a program gives to one of its own types, or a
//!   function a binding shadows, is not judged. A binding's literal is
//!   judged only against the fixed-width integer type of a place the
//!   binding itself is given to, which rustc makes the binding's type.
//! - Messages are rustc's ("expected `f64`, found integer"), at the
//!   literal, as rustc points at it.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::token::Comma;
use syn::{Expr, FnArg, ImplItem, Item, Type, UnOp};

use super::span::Spanned;
use super::static_pass::{Checker, Local, Refusal};
use crate::scenario::ty::IntTy;
use crate::target::Target;

/// The types a literal can be checked against, by the name rustc gives
/// them in its messages.
const NAMED: [&str; 16] = [
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64", "bool", "char",
];

/// A function's or tuple struct's arguments, or a struct's named fields:
/// what each is when it is a type judged here.
type Takes = Vec<(String, Option<&'static str>)>;

/// What the program's functions (`f`, `Type::f`) and tuple structs take,
/// argument by argument, and its structs' named fields hold.
#[derive(Default)]
pub(super) struct Declared {
    /// By the type (empty for a free function) and the name called.
    calls: Vec<(String, String, Takes)>,
    /// By the struct's name.
    fields: Vec<(String, Takes)>,
    /// The names of the program's own types: a `String` of its own is not
    /// std's.
    own: Vec<String>,
}

/// What `items` declare.
pub(super) fn declared(items: &[Item]) -> Declared {
    let mut d = Declared::default();
    for item in items {
        let own = match item {
            Item::Struct(s) => &s.ident,
            Item::Enum(e) => &e.ident,
            Item::Type(t) => &t.ident,
            Item::Union(u) => &u.ident,
            Item::Trait(t) => &t.ident,
            _ => continue,
        };
        d.own.push(own.to_string());
    }
    let params = |d: &Declared, sig: &syn::Signature| -> Takes {
        sig.inputs
            .iter()
            .map(|a| match a {
                FnArg::Typed(t) => (String::new(), d.judged(&t.ty)),
                // `Type::f(x, …)` passes the receiver first.
                FnArg::Receiver(_) => ("self".to_string(), None),
            })
            .collect()
    };
    for item in items {
        match item {
            Item::Fn(f) => {
                let takes = params(&d, &f.sig);
                d.calls
                    .push((String::new(), f.sig.ident.to_string(), takes));
            }
            Item::Struct(s) if s.generics.params.is_empty() => {
                let takes = s
                    .fields
                    .iter()
                    .map(|f| {
                        let name = f.ident.as_ref().map_or(String::new(), ToString::to_string);
                        (name, d.judged(&f.ty))
                    })
                    .collect();
                let name = s.ident.to_string();
                match &s.fields {
                    syn::Fields::Named(_) => d.fields.push((name, takes)),
                    syn::Fields::Unnamed(_) => d.calls.push((String::new(), name, takes)),
                    syn::Fields::Unit => {}
                }
            }
            // `impl Type`: not `impl Type<u8>`, whose functions another
            // `impl Type<u16>` may name again.
            Item::Impl(i) if i.trait_.is_none() && i.generics.params.is_empty() => {
                let bare = match &*i.self_ty {
                    Type::Path(p) => p.path.segments.iter().all(|s| s.arguments.is_none()),
                    _ => false,
                };
                let Some(ty) = super::mutability::type_name(&i.self_ty).filter(|_| bare) else {
                    continue;
                };
                for item in &i.items {
                    if let ImplItem::Fn(f) = item {
                        let takes = params(&d, &f.sig);
                        d.calls.push((ty.clone(), f.sig.ident.to_string(), takes));
                    }
                }
            }
            _ => {}
        }
    }
    d
}

impl Declared {
    /// The type `ty` names, if it is one a literal is judged against.
    pub(super) fn judged(&self, ty: &Type) -> Option<&'static str> {
        match ty {
            Type::Paren(p) => self.judged(&p.elem),
            Type::Group(g) => self.judged(&g.elem),
            Type::Tuple(t) if t.elems.is_empty() => Some("()"),
            Type::Reference(r) if r.mutability.is_none() => match self.judged(&r.elem) {
                Some("str") => Some("&str"),
                _ => None,
            },
            Type::Path(p) if p.qself.is_none() => {
                let name = p.path.get_ident()?.to_string();
                if self.own.contains(&name) {
                    return None;
                }
                NAMED
                    .iter()
                    .chain(&["String", "str"])
                    .find(|n| **n == name)
                    .copied()
            }
            _ => None,
        }
    }
}

/// The type of the literal `expr`, as rustc words it: `integer` and
/// `floating-point number` for one without a suffix.
fn literal(expr: &Expr) -> Option<&'static str> {
    let suffixed = |suffix: &str, bare: &'static str| match suffix {
        "" => Some(bare),
        s => NAMED.iter().find(|n| **n == s).copied(),
    };
    match expr {
        Expr::Paren(p) => literal(&p.expr),
        Expr::Group(g) => literal(&g.expr),
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) => suffixed(i.suffix(), "integer"),
            syn::Lit::Float(f) => suffixed(f.suffix(), "floating-point number"),
            syn::Lit::Str(_) => Some("&str"),
            syn::Lit::Bool(_) => Some("bool"),
            syn::Lit::Char(_) => Some("char"),
            syn::Lit::Byte(_) => Some("u8"),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a literal of type `found` may be a `expected`.
fn fits(found: &str, expected: &str) -> bool {
    match found {
        "integer" => NAMED[..12].contains(&expected),
        "floating-point number" => matches!(expected, "f32" | "f64"),
        _ => found == expected,
    }
}

/// `value` where the code declares `expected`: rustc's refusal, if it
/// cannot be.
fn mismatch(expected: Option<&'static str>, value: &Expr) -> Option<Refusal> {
    let (expected, found) = (expected?, literal(value)?);
    if fits(found, expected) {
        return None;
    }
    let found = match found {
        "integer" | "floating-point number" => found.to_string(),
        _ => format!("`{found}`"),
    };
    Some(Refusal {
        span: value.span(),
        message: format!("mismatched types: expected `{expected}`, found {found}"),
    })
}

/// The value of an unsuffixed integer literal, negated or in parentheses
/// or not, and where it is: what `let a = -1;` binds before `a`'s type is
/// known.
pub(super) fn integer(expr: &Expr) -> Option<(i128, Span)> {
    let mut negated = false;
    let mut e = expr;
    loop {
        match e {
            Expr::Paren(p) => e = &p.expr,
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) && !negated => {
                negated = true;
                e = &u.expr;
            }
            Expr::Lit(l) => {
                let syn::Lit::Int(n) = &l.lit else {
                    return None;
                };
                if !n.suffix().is_empty() {
                    return None;
                }
                let n = n.base10_parse::<i128>().ok()?;
                return Some((if negated { -n } else { n }, expr.span()));
            }
            _ => return None,
        }
    }
}

/// The unsuffixed literals a binding was bound and assigned, where the
/// code gives the binding as the integer type `expected` (`let a = 300;
/// let b: u8 = a;`): each literal is a `u8` too, and rustc refuses the
/// first one out of its range (`overflowing_literals`), or negative where
/// the type has no `Neg`, where it is written. `usize` and `isize` are
/// left alone: their range is the target's.
fn through_binding(local: &Local, expected: &str) -> Option<Refusal> {
    let t = fixed_width(expected)?;
    local.literals.as_ref()?.iter().find_map(|&n| out_of(t, n))
}

/// `expected` if it names an integer type of the same width on every
/// target.
fn fixed_width(expected: &str) -> Option<IntTy> {
    IntTy::from_name(expected).filter(|t| matches!(t, IntTy::Fixed(..)))
}

/// rustc's refusal of the literal `n` at `span` as a `t`, if it is one.
fn out_of(t: IntTy, (n, span): (i128, Span)) -> Option<Refusal> {
    let message = if n < 0 && !t.signed() {
        super::no_neg(t)
    } else {
        let (lo, hi) = t.range(Target::Bits64);
        if (lo..=hi).contains(&n) {
            return None;
        }
        super::out_of_range_words(t)
    };
    Some(Refusal { span, message })
}

impl Checker<'_> {
    /// `value` where the code declares `expected`: a literal judged, or a
    /// binding bound to one.
    fn judge(&self, expected: Option<&'static str>, value: &Expr) -> Option<Refusal> {
        let expected = expected?;
        mismatch(Some(expected), value).or_else(|| {
            let Expr::Path(p) = value else { return None };
            through_binding(self.lookup(p.path.get_ident()?)?, expected)
        })
    }

    /// `value` where the code declares `expected`. A binding given there
    /// as an integer type is that type from then on.
    pub(super) fn coerced(&mut self, expected: Option<&'static str>, value: &Expr) {
        if self.mismatched.is_none() {
            self.mismatched = self.judge(expected, value);
        }
        if let (Some(expected), Expr::Path(p)) = (expected, value) {
            let local = p.path.get_ident().and_then(|name| self.lookup_mut(name));
            if let Some(local) = local.filter(|l| l.literals.is_some()) {
                if fixed_width(expected).is_some() {
                    local.fixed = Some(expected);
                }
            }
        }
    }

    /// `left = right` or `left += right` (not a shift, whose right side
    /// is any integer type): an unsuffixed literal assigned to a binding
    /// whose type only its literals decide is one of them, judged now if
    /// the binding's type is already fixed.
    pub(super) fn assigned_literal(&mut self, left: &Expr, right: &Expr) {
        let Some(literal) = integer(right) else {
            return;
        };
        let Expr::Path(p) = left else { return };
        let Some(local) = p.path.get_ident().and_then(|name| self.lookup_mut(name)) else {
            return;
        };
        let Some(literals) = &mut local.literals else {
            return;
        };
        literals.push(literal);
        let refusal = local
            .fixed
            .and_then(fixed_width)
            .and_then(|t| out_of(t, literal));
        if self.mismatched.is_none() {
            self.mismatched = refusal;
        }
    }

    /// `value` where the code writes the type `ty`: a tuple written out
    /// for a tuple type (`let (a, b): (u8, String) = (1, 2);`) element by
    /// element, as rustc points at the element, and so the elements of
    /// an array (`[u8; 2]`) or of `vec![…]` for a `Vec<u8>`.
    pub(super) fn coerced_to(&mut self, ty: &Type, value: &Expr) {
        match (ty, value) {
            (Type::Tuple(types), Expr::Tuple(values))
                if types.elems.len() == values.elems.len() =>
            {
                for (ty, value) in types.elems.iter().zip(&values.elems) {
                    self.coerced_to(ty, value);
                }
            }
            (Type::Array(a), Expr::Array(values)) => {
                for value in &values.elems {
                    self.coerced_to(&a.elem, value);
                }
            }
            (Type::Array(a), Expr::Repeat(r)) => self.coerced_to(&a.elem, &r.expr),
            (Type::Path(p), Expr::Macro(m)) if m.mac.path.is_ident("vec") => {
                let (Some(elem), Some(array)) =
                    (self.vec_elem(p), super::format::vec_array(&m.mac).ok())
                else {
                    return;
                };
                match &array {
                    Expr::Array(values) => {
                        for value in &values.elems {
                            self.coerced_to(elem, value);
                        }
                    }
                    Expr::Repeat(r) => self.coerced_to(elem, &r.expr),
                    _ => {}
                }
            }
            (Type::Paren(p), _) => self.coerced_to(&p.elem, value),
            _ => self.coerced(self.declared.judged(ty), value),
        }
    }

    /// `T` of `Vec<T>` written as std's `Vec`.
    fn vec_elem<'t>(&self, p: &'t syn::TypePath) -> Option<&'t Type> {
        let last = p.path.segments.last()?;
        if p.qself.is_some() || last.ident != "Vec" || self.declared.own.iter().any(|o| o == "Vec")
        {
            return None;
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        match args.args.first()? {
            syn::GenericArgument::Type(t) if args.args.len() == 1 => Some(t),
            _ => None,
        }
    }

    /// The arguments of a call of `func`, when it names one of the
    /// program's functions or tuple structs no binding shadows.
    pub(super) fn called(&mut self, func: &syn::ExprPath, args: &Punctuated<Expr, Comma>) {
        let segments = &func.path.segments;
        let Some(name) = segments.last().map(|s| &s.ident) else {
            return;
        };
        let ty = match segments.len() {
            1 if self.scopes.iter().flatten().any(|l| *name == l.name) => return,
            1 => String::new(),
            2 if segments[0].ident == "Self" => match &self.impl_ty {
                Some(ty) => ty.clone(),
                None => return,
            },
            2 => segments[0].ident.to_string(),
            _ => return,
        };
        if func.qself.is_none() {
            self.judged_args(&ty, name, args, false);
        }
    }

    /// `args` given to `ty`'s function `name` (a free function's `ty` is
    /// empty); `by_method`: called as a method, its receiver not among
    /// them.
    fn judged_args(
        &mut self,
        ty: &str,
        name: &syn::Ident,
        args: &Punctuated<Expr, Comma>,
        by_method: bool,
    ) {
        if self.mismatched.is_some() {
            return;
        }
        let Some((_, _, takes)) = self
            .declared
            .calls
            .iter()
            .find(|(t, f, _)| t == ty && name == f)
        else {
            return;
        };
        let takes = match takes.split_first() {
            Some(((receiver, _), rest)) if by_method && receiver == "self" => rest,
            _ if by_method => return,
            _ => takes,
        };
        self.mismatched = takes
            .iter()
            .zip(args)
            .find_map(|((_, expected), arg)| self.judge(*expected, arg));
    }

    /// The arguments of `receiver.method(args)`, when the receiver is
    /// `self` in an `impl` or a binding the code says is one of the
    /// program's structs, and the method that struct's own.
    pub(super) fn method_called(
        &mut self,
        receiver: &Expr,
        method: &syn::Ident,
        args: &Punctuated<Expr, Comma>,
    ) {
        let Expr::Path(p) = receiver else { return };
        let Some(name) = p.path.get_ident() else {
            return;
        };
        let ty = if name == "self" {
            self.impl_ty.clone()
        } else {
            match self.lookup(name).and_then(|l| l.kind.as_ref()) {
                Some(super::mutability::Kind::Struct(s)) => Some(s.clone()),
                _ => None,
            }
        };
        if let Some(ty) = ty {
            self.judged_args(&ty, method, args, true);
        }
    }

    /// The fields of a struct literal of one of the program's structs.
    pub(super) fn built(&mut self, s: &syn::ExprStruct) {
        let Some(name) = s.path.get_ident() else {
            return;
        };
        let ty = match &self.impl_ty {
            Some(ty) if name == "Self" => ty.clone(),
            _ => name.to_string(),
        };
        if self.mismatched.is_some() {
            return;
        }
        let Some((_, fields)) = self.declared.fields.iter().find(|(n, _)| *n == ty) else {
            return;
        };
        self.mismatched = s.fields.iter().find_map(|f| {
            let syn::Member::Named(n) = &f.member else {
                return None;
            };
            let (_, expected) = fields.iter().find(|(name, _)| n == name)?;
            self.judge(*expected, &f.expr)
        });
    }
}
