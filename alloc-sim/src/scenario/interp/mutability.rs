//! rustc's mutability rules, checked before the program runs: a binding
//! not declared `mut` is neither assigned again nor lent mutably, and
//! nothing in it is changed through it (E0384, E0594, E0596). rustc
//! refuses such a program whether or not the line would ever run, so this
//! looks at every function's code, not at a run.
//!
//! The interpreter's values carry their types only while it runs, so this
//! pass knows a binding's type only where the code says it: a written
//! type, or a value whose type its expression names (`Vec::new()`,
//! `vec![…]`, `String::from(…)`, `format!`, a struct literal, a
//! constructor of the program's returning `Self`, an array, a literal). A
//! method is a mutation when that type's method takes `&mut self` (std's
//! collections', listed below, or the program's own); a field or element
//! is assigned through the binding only when every step to it is a value
//! the binding owns, not a reference.
//!
//! # Invariants
//! - Nothing rustc accepts is refused: where the type is not known from
//!   the code, or a step may go through a reference, nothing is said (a
//!   refused program may then run; what runs is still Rust's behaviour).
//! - Assigning a binding again and `&mut x` need no type: any binding
//!   without `mut` (a parameter, a pattern's, a `let`'s) is refused.
//! - The first problem in the file is the one reported, in rustc's words,
//!   at the place rustc points to.
//! - The walk and its scopes are `static_pass.rs`'s, shared with the
//!   resolution of names; an item declared in a block is no binding here.

use std::collections::HashMap;

use proc_macro2::Span;

use super::span::Spanned;
use super::static_pass::{Checker, How, Local, Refusal};
use syn::{BinOp, Expr, FnArg, ImplItem, Item, Type};

/// What a binding's type is, when the code says it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// One of std's collections, by name (`Vec`, `String`, `HashMap`…).
    Std(&'static str),
    /// A struct of the program.
    Struct(String),
    /// An array `[T; N]`.
    Array,
    /// A number, `bool` or `char`.
    Scalar,
}

/// std's collections and their methods that take `&mut self`.
const STD_MUT: &[(&str, &[&str])] = &[
    (
        "Vec",
        &[
            "push",
            "pop",
            "insert",
            "remove",
            "swap_remove",
            "clear",
            "truncate",
            "resize",
            "resize_with",
            "extend",
            "extend_from_slice",
            "append",
            "drain",
            "retain",
            "retain_mut",
            "dedup",
            "dedup_by",
            "dedup_by_key",
            "sort",
            "sort_by",
            "sort_by_key",
            "sort_unstable",
            "sort_unstable_by",
            "sort_unstable_by_key",
            "reverse",
            "reserve",
            "reserve_exact",
            "try_reserve",
            "try_reserve_exact",
            "shrink_to_fit",
            "shrink_to",
            "split_off",
            "iter_mut",
            "get_mut",
            "first_mut",
            "last_mut",
            "fill",
            "swap",
            "rotate_left",
            "rotate_right",
            "as_mut_slice",
            "as_mut_ptr",
            "copy_from_slice",
            "clone_from_slice",
            "chunks_mut",
            "split_at_mut",
        ],
    ),
    (
        "String",
        &[
            "push",
            "push_str",
            "pop",
            "insert",
            "insert_str",
            "remove",
            "clear",
            "truncate",
            "reserve",
            "reserve_exact",
            "try_reserve",
            "shrink_to_fit",
            "shrink_to",
            "extend",
            "retain",
            "drain",
            "split_off",
            "make_ascii_uppercase",
            "make_ascii_lowercase",
            "as_mut_str",
        ],
    ),
    (
        "VecDeque",
        &[
            "push_back",
            "push_front",
            "pop_back",
            "pop_front",
            "insert",
            "remove",
            "clear",
            "truncate",
            "extend",
            "append",
            "drain",
            "retain",
            "make_contiguous",
            "rotate_left",
            "rotate_right",
            "swap",
            "iter_mut",
            "get_mut",
            "front_mut",
            "back_mut",
            "reserve",
            "shrink_to_fit",
            "resize",
            "swap_remove_back",
            "swap_remove_front",
        ],
    ),
    (
        "HashMap",
        &[
            "insert",
            "remove",
            "remove_entry",
            "entry",
            "clear",
            "get_mut",
            "extend",
            "retain",
            "drain",
            "values_mut",
            "iter_mut",
            "reserve",
            "shrink_to_fit",
            "try_reserve",
        ],
    ),
    (
        "BTreeMap",
        &[
            "insert",
            "remove",
            "remove_entry",
            "entry",
            "clear",
            "get_mut",
            "extend",
            "retain",
            "values_mut",
            "iter_mut",
            "append",
            "pop_first",
            "pop_last",
            "first_entry",
            "last_entry",
            "split_off",
        ],
    ),
    (
        "HashSet",
        &[
            "insert",
            "remove",
            "take",
            "replace",
            "clear",
            "extend",
            "retain",
            "drain",
            "reserve",
            "shrink_to_fit",
        ],
    ),
    (
        "BTreeSet",
        &[
            "insert",
            "remove",
            "take",
            "replace",
            "clear",
            "extend",
            "retain",
            "append",
            "pop_first",
            "pop_last",
            "split_off",
        ],
    ),
    (
        "BinaryHeap",
        &[
            "push",
            "pop",
            "clear",
            "extend",
            "append",
            "drain",
            "peek_mut",
            "retain",
            "reserve",
            "shrink_to_fit",
        ],
    ),
    // An array's (its slice's) own.
    (
        "[_]",
        &[
            "sort",
            "sort_by",
            "sort_by_key",
            "sort_unstable",
            "sort_unstable_by",
            "sort_unstable_by_key",
            "reverse",
            "fill",
            "swap",
            "iter_mut",
            "get_mut",
            "first_mut",
            "last_mut",
            "rotate_left",
            "rotate_right",
            "copy_from_slice",
            "clone_from_slice",
            "chunks_mut",
            "split_at_mut",
            "as_mut_ptr",
        ],
    ),
];

/// The std collections this knows, by the name their type is written with.
fn std_kind(name: &str) -> Option<&'static str> {
    STD_MUT
        .iter()
        .map(|(n, _)| *n)
        .find(|n| *n == name && *n != "[_]")
}

/// Each struct's fields: their names (`0`, `1`… for a tuple struct)
/// and, when known, what they hold.
type Fields = HashMap<String, Vec<(String, Option<Kind>)>>;

/// The program's types, as far as mutability goes.
#[derive(Default)]
pub(super) struct Types {
    pub(super) fields: Fields,
    /// Each type's methods that take `&mut self`.
    mut_methods: HashMap<String, Vec<String>>,
    /// Each type's associated functions that return `Self` (by value).
    constructors: HashMap<String, Vec<String>>,
}

/// The last segment's name of a path type (`Vec` of `std::vec::Vec<u8>`).
pub(super) fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Paren(p) => type_name(&p.elem),
        Type::Group(g) => type_name(&g.elem),
        _ => None,
    }
}

pub(super) fn types(items: &[Item]) -> Types {
    let mut types = Types::default();
    for item in items {
        match item {
            Item::Struct(s) => {
                let names = s
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let name = f.ident.as_ref().map_or(i.to_string(), ToString::to_string);
                        (name, None)
                    })
                    .collect();
                types.fields.insert(s.ident.to_string(), names);
            }
            Item::Impl(i) => {
                let Some(ty) = type_name(&i.self_ty) else {
                    continue;
                };
                // `x.drop()` is rustc's E0040 whatever `x` is.
                let is_drop = i
                    .trait_
                    .as_ref()
                    .is_some_and(|(_, path, _)| path.is_ident("Drop"));
                if is_drop {
                    continue;
                }
                for item in &i.items {
                    let ImplItem::Fn(f) = item else { continue };
                    let name = f.sig.ident.to_string();
                    match f.sig.inputs.first() {
                        Some(FnArg::Receiver(r)) => {
                            if r.reference.is_some() && r.mutability.is_some() {
                                types.mut_methods.entry(ty.clone()).or_default().push(name);
                            }
                        }
                        _ => {
                            let returns_self = match &f.sig.output {
                                syn::ReturnType::Type(_, out) => {
                                    type_name(out).is_some_and(|n| n == "Self" || n == ty)
                                }
                                syn::ReturnType::Default => false,
                            };
                            if returns_self {
                                types.constructors.entry(ty.clone()).or_default().push(name);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Fields' kinds, now that every struct's name is known.
    for item in items {
        if let Item::Struct(s) = item {
            let kinds = s
                .fields
                .iter()
                .map(|f| kind_of_type(&f.ty, &types.fields))
                .collect::<Vec<_>>();
            if let Some(fields) = types.fields.get_mut(&s.ident.to_string()) {
                for ((_, kind), k) in fields.iter_mut().zip(kinds) {
                    *kind = k;
                }
            }
        }
    }
    types
}

/// What a written type says a value is; `None` for a reference, a
/// pointer, a type parameter or anything this does not know.
fn kind_of_type(ty: &Type, structs: &Fields) -> Option<Kind> {
    match ty {
        Type::Array(_) => Some(Kind::Array),
        Type::Paren(p) => kind_of_type(&p.elem, structs),
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            if let Some(k) = std_kind(&name) {
                return Some(Kind::Std(k));
            }
            if structs.contains_key(&name) && last.arguments.is_none() {
                return Some(Kind::Struct(name));
            }
            let scalar = matches!(
                name.as_str(),
                "i8" | "i16"
                    | "i32"
                    | "i64"
                    | "i128"
                    | "isize"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "u128"
                    | "usize"
                    | "f32"
                    | "f64"
                    | "bool"
                    | "char"
            );
            scalar.then_some(Kind::Scalar)
        }
        _ => None,
    }
}

/// A place written as a binding and the steps into it: `p.pos.x`,
/// `grid[1][2]`, `t.0`.
struct Place<'e> {
    root: &'e syn::Ident,
    steps: Vec<Step>,
}

#[derive(Debug, Clone)]
enum Step {
    Field(String),
    Index,
}

fn place(expr: &Expr) -> Option<Place<'_>> {
    let mut steps = Vec::new();
    let mut e = expr;
    loop {
        match e {
            Expr::Paren(p) => e = &p.expr,
            Expr::Group(g) => e = &g.expr,
            Expr::Field(f) => {
                steps.push(Step::Field(match &f.member {
                    syn::Member::Named(n) => n.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                }));
                e = &f.base;
            }
            Expr::Index(i) => {
                steps.push(Step::Index);
                e = &i.expr;
            }
            Expr::Path(p) if p.qself.is_none() => {
                let root = p.path.get_ident()?;
                steps.reverse();
                return Some(Place { root, steps });
            }
            _ => return None,
        }
    }
}

/// `p.pos.x`, `grid[_]`, as rustc writes a place in its messages.
fn place_text(root: &syn::Ident, steps: &[Step]) -> String {
    let mut text = root.to_string();
    for step in steps {
        match step {
            Step::Field(f) => {
                text.push('.');
                text.push_str(f);
            }
            Step::Index => text.push_str("[_]"),
        }
    }
    text
}

impl Checker<'_> {
    /// Keeps the first problem in the file.
    fn refuse(&mut self, span: Span, message: String) {
        let earlier = |a: Span, b: Span| {
            let (a, b) = (a.start(), b.start());
            (a.line, a.column) < (b.line, b.column)
        };
        match &self.immutable {
            Some(f) if !earlier(span, f.span) => {}
            _ => self.immutable = Some(Refusal { span, message }),
        }
    }

    /// The binding `name` is, innermost first.
    pub(super) fn lookup(&self, name: &syn::Ident) -> Option<&Local> {
        let (scope, at) = self.position(name)?;
        Some(&self.scopes[scope][at])
    }

    /// [`Checker::lookup`], to change what is known of the binding.
    pub(super) fn lookup_mut(&mut self, name: &syn::Ident) -> Option<&mut Local> {
        let (scope, at) = self.position(name)?;
        Some(&mut self.scopes[scope][at])
    }

    /// Where the binding `name` is: its scope and its place there.
    fn position(&self, name: &syn::Ident) -> Option<(usize, usize)> {
        self.scopes
            .iter()
            .enumerate()
            .rev()
            .find_map(|(scope, locals)| {
                let at = locals
                    .iter()
                    .rposition(|l| l.how != How::Item && *name == l.name)?;
                Some((scope, at))
            })
    }

    /// What a written type says a value is.
    pub(super) fn kind_of_type(&self, ty: &Type) -> Option<Kind> {
        kind_of_type(ty, &self.types.fields)
    }

    /// What the code says the value of `expr` is, when it is a value.
    pub(super) fn kind_of(&self, expr: &Expr) -> Option<Kind> {
        let structs = &self.types.fields;
        match expr {
            Expr::Paren(p) => self.kind_of(&p.expr),
            Expr::Group(g) => self.kind_of(&g.expr),
            Expr::Array(_) | Expr::Repeat(_) => Some(Kind::Array),
            Expr::Lit(l) => match l.lit {
                syn::Lit::Int(_)
                | syn::Lit::Float(_)
                | syn::Lit::Bool(_)
                | syn::Lit::Char(_)
                | syn::Lit::Byte(_) => Some(Kind::Scalar),
                _ => None,
            },
            Expr::Macro(m) => match m.mac.path.get_ident()?.to_string().as_str() {
                "vec" => Some(Kind::Std("Vec")),
                "format" => Some(Kind::Std("String")),
                _ => None,
            },
            Expr::Struct(s) => {
                let name = s.path.segments.last()?.ident.to_string();
                structs.contains_key(&name).then_some(Kind::Struct(name))
            }
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else {
                    return None;
                };
                let segments = &p.path.segments;
                if segments.len() < 2 {
                    return None;
                }
                let ty = segments[segments.len() - 2].ident.to_string();
                let function = segments[segments.len() - 1].ident.to_string();
                if let Some(k) = std_kind(&ty) {
                    let made = matches!(function.as_str(), "new" | "with_capacity" | "from");
                    return made.then_some(Kind::Std(k));
                }
                let made = self
                    .types
                    .constructors
                    .get(&ty)
                    .is_some_and(|c| c.contains(&function));
                (made && structs.contains_key(&ty)).then_some(Kind::Struct(ty))
            }
            Expr::MethodCall(m) => match m.method.to_string().as_str() {
                "to_string" => Some(Kind::Std("String")),
                "to_vec" => Some(Kind::Std("Vec")),
                "collect" => {
                    let turbofish = m.turbofish.as_ref()?;
                    match turbofish.args.first()? {
                        syn::GenericArgument::Type(t) => kind_of_type(t, structs),
                        _ => None,
                    }
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The kind of the place `root.steps`, when every step is a value the
    /// binding owns; with the binding, when it is not `mut`.
    fn owned_place(&self, p: &Place<'_>) -> Option<(Kind, bool)> {
        let local = self.lookup(p.root)?;
        let mut kind = local.kind.clone()?;
        for step in &p.steps {
            kind = match (step, &kind) {
                (Step::Field(f), Kind::Struct(s)) => self
                    .types
                    .fields
                    .get(s)?
                    .iter()
                    .find(|(n, _)| n == f)?
                    .1
                    .clone()?,
                // An array's element, or a `Vec`'s, is of a type not
                // tracked here; only the last step may index.
                (Step::Index, Kind::Array | Kind::Std("Vec" | "VecDeque")) => Kind::Scalar,
                _ => return None,
            };
        }
        Some((kind, local.mutable))
    }

    /// `left = …` or `left op= …`.
    pub(super) fn assigned(&mut self, left: &Expr) {
        let Some(p) = place(left) else { return };
        let Some(local) = self.lookup(p.root) else {
            return;
        };
        let name = p.root.to_string();
        if local.mutable {
            return;
        }
        if p.steps.is_empty() {
            let message = if local.closures < self.closures {
                format!("cannot assign to `{name}`, as it is not declared as mutable")
            } else if local.how == How::Param {
                format!("cannot assign to immutable argument `{name}`")
            } else {
                format!("cannot assign twice to immutable variable `{name}`")
            };
            return self.refuse(left.span(), message);
        }
        // Through the binding: every step up to the last must be owned.
        let (before, last) = p.steps.split_at(p.steps.len() - 1);
        let base = Place {
            root: p.root,
            steps: before.to_vec(),
        };
        let Some((kind, _)) = self.owned_place(&base) else {
            return;
        };
        let at = place_text(p.root, &p.steps);
        let message = match (&last[0], &kind) {
            (Step::Field(f), Kind::Struct(s))
                if self
                    .types
                    .fields
                    .get(s)
                    .is_some_and(|fs| fs.iter().any(|(n, _)| n == f)) =>
            {
                format!("cannot assign to `{at}`, as `{name}` is not declared as mutable")
            }
            (Step::Index, Kind::Array) => {
                format!("cannot assign to `{at}`, as `{name}` is not declared as mutable")
            }
            // `v[i] = x` borrows `v` mutably (`IndexMut`).
            (Step::Index, Kind::Std("Vec" | "VecDeque")) => {
                let lent = place_text(p.root, before);
                borrow_message(&lent, &name)
            }
            _ => return,
        };
        self.refuse(left.span(), message);
    }

    /// `&mut inner`, or a method taking `&mut self` called on it; `at` is
    /// where rustc points (the `&mut`, or the receiver).
    pub(super) fn lent_mutably(&mut self, inner: &Expr, method: Option<&syn::Ident>, at: Span) {
        let Some(p) = place(inner) else { return };
        let Some(local) = self.lookup(p.root) else {
            return;
        };
        if local.mutable {
            return;
        }
        let name = p.root.to_string();
        let text = place_text(p.root, &p.steps);
        match method {
            // `&mut x` of any binding not `mut`.
            None if p.steps.is_empty() => {
                return self.refuse(at, borrow_message(&text, &name));
            }
            None => {}
            Some(_) if p.steps.iter().any(|s| matches!(s, Step::Index)) => return,
            Some(_) => {}
        }
        let Some((kind, _)) = self.owned_place(&p) else {
            return;
        };
        let mutates = match (method, &kind) {
            (None, _) => true,
            (Some(m), Kind::Std(k)) => std_mut(k, &m.to_string()),
            (Some(m), Kind::Array) => std_mut("[_]", &m.to_string()),
            (Some(m), Kind::Struct(s)) => self
                .types
                .mut_methods
                .get(s)
                .is_some_and(|ms| ms.iter().any(|n| *m == n)),
            (Some(_), Kind::Scalar) => false,
        };
        if mutates {
            self.refuse(at, borrow_message(&text, &name));
        }
    }
}

fn borrow_message(at: &str, name: &str) -> String {
    if at == name {
        format!("cannot borrow `{name}` as mutable, as it is not declared as mutable")
    } else {
        format!("cannot borrow `{at}` as mutable, as `{name}` is not declared as mutable")
    }
}

fn std_mut(kind: &str, method: &str) -> bool {
    STD_MUT
        .iter()
        .any(|(k, methods)| *k == kind && methods.contains(&method))
}

pub(super) fn is_compound(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}
