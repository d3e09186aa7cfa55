//! The checks rustc makes of every line, whether or not it would run:
//! names resolved (`names.rs`), literals where a type is declared
//! (`literal_types.rs`), then bindings' mutability (`mutability.rs`).
//! One walk over every function's code serves them all: it keeps the
//! scopes (each binding, how it came to be, and its type where the code
//! says it) and calls each rule where it applies.
//!
//! # Invariants
//! - A binding is in scope from the statement after its `let` (so `let x
//!   = x + 1;` reads the `x` before it), in a closure's body for its
//!   parameters, in a match arm for its pattern's names, in the `then`
//!   block of an `if let` and the body of a `while let`; an item inside a
//!   block is in scope in all of the block.
//! - A name nowhere in scope is reported before any type mismatch, and a
//!   mismatch before any mutability problem, as rustc resolves names,
//!   then checks types, then borrows; the walk stops at the first name.
//!   Of the mismatches, the first the walk finds is reported (items in
//!   order, each function's code in order); of the mutability problems,
//!   the first in the file.
//! - Chains (`a + b + …`, `v.f().g()…`) are walked in a loop, not by
//!   recursion, so a long chain takes no stack (nesting itself is bounded
//!   by `nesting::check` before parsing).

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Block, Expr, FnArg, ImplItem, Item, Pat, Stmt, Token};

use super::literal_types::{self, Declared};
use super::mutability::{self, Kind, Types};
use super::names::{self, Enums};
use super::span::Spanned;

/// A program that rustc refuses: where, and what rustc says.
#[derive(Debug)]
pub(super) struct Refusal {
    pub(super) span: Span,
    pub(super) message: String,
}

/// How a binding came to be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum How {
    Let,
    Param,
    Pattern,
    /// An item declared inside a block, or a const parameter: a name in
    /// scope, not a binding.
    Item,
}

#[derive(Debug)]
pub(super) struct Local {
    pub(super) name: String,
    pub(super) mutable: bool,
    pub(super) how: How,
    /// Its type, when the code says it and it is a value, not a reference.
    pub(super) kind: Option<Kind>,
    /// How many closures deep it was bound.
    pub(super) closures: usize,
    /// For a binding whose type only its literals decide (`let mut a =
    /// 300;`, or `let a;` with no type), the value and the place of each
    /// unsuffixed integer literal it is bound or assigned (`a = 7`, `a +=
    /// 1`): whatever type the binding turns out to be, each is that type
    /// too. `None` for any other binding.
    pub(super) literals: Option<Vec<(i128, Span)>>,
    /// The integer type a place the binding was given to makes it
    /// (`let b: u8 = a;`): a literal assigned to it later is judged then.
    pub(super) fixed: Option<&'static str>,
}

pub(super) struct Checker<'a> {
    /// The values the program's items name and its `use`s bring in.
    pub(super) items: Vec<String>,
    pub(super) enums: Enums,
    /// Names in scope cannot all be known from here on (`macro_rules!`, a
    /// glob of std's…): no name is refused.
    pub(super) blind: bool,
    pub(super) types: &'a Types,
    pub(super) declared: Declared,
    /// The type of the `impl` whose function is walked (what `Self` is).
    pub(super) impl_ty: Option<String>,
    /// What the function (or closure) walked returns, innermost last, when
    /// it is a type a literal is judged against.
    returns: Vec<Option<&'static str>>,
    /// Bindings, innermost scope last.
    pub(super) scopes: Vec<Vec<Local>>,
    pub(super) closures: usize,
    /// The first name nowhere in scope.
    pub(super) unresolved: Option<Refusal>,
    /// The first literal where the code declares a type it cannot be.
    pub(super) mismatched: Option<Refusal>,
    /// The first mutation of a binding not declared `mut`.
    pub(super) immutable: Option<Refusal>,
    /// The names of the macros the program defines: not std's.
    own_macros: Vec<String>,
}

/// std's macros whose arguments are all expressions (after a format
/// string, a named argument `name = value`).
const EXPRESSION_MACROS: [&str; 17] = [
    "print",
    "println",
    "eprint",
    "eprintln",
    "format",
    "write",
    "writeln",
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "unreachable",
    "todo",
    "unimplemented",
];

/// What rustc refuses in `file` before it could run, if anything: the
/// first name nowhere in scope, else the first mutation of a binding not
/// declared `mut`.
pub(super) fn check(file: &syn::File) -> Option<Refusal> {
    let types = mutability::types(&file.items);
    let enums = names::enums(&file.items);
    let items = names::item_names(&file.items, &enums);
    let mut c = Checker {
        blind: items.is_none(),
        items: items.unwrap_or_default(),
        enums,
        types: &types,
        declared: literal_types::declared(&file.items),
        impl_ty: None,
        returns: Vec::new(),
        scopes: Vec::new(),
        closures: 0,
        unresolved: None,
        mismatched: None,
        immutable: None,
        own_macros: file
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Macro(m) => m.ident.as_ref().map(ToString::to_string),
                _ => None,
            })
            .collect(),
    };
    for item in &file.items {
        match item {
            Item::Fn(f) => c.function(&f.sig, &f.block, None, &[]),
            Item::Impl(i) => {
                let self_ty = mutability::type_name(&i.self_ty);
                let consts = names::const_params(&i.generics);
                c.impl_ty.clone_from(&self_ty);
                for item in &i.items {
                    if let ImplItem::Fn(f) = item {
                        c.function(&f.sig, &f.block, self_ty.clone(), &consts);
                    }
                }
                c.impl_ty = None;
            }
            Item::Trait(t) => {
                for item in &t.items {
                    if let syn::TraitItem::Fn(syn::TraitItemFn {
                        sig,
                        default: Some(block),
                        ..
                    }) = item
                    {
                        c.function(sig, block, None, &[]);
                    }
                }
            }
            _ => {}
        }
        if c.unresolved.is_some() {
            break;
        }
    }
    c.unresolved.or(c.mismatched).or(c.immutable)
}

impl Checker<'_> {
    pub(super) fn bind(&mut self, name: String, mutable: bool, how: How, kind: Option<Kind>) {
        let closures = self.closures;
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(Local {
                name,
                mutable,
                how,
                kind,
                closures,
                literals: None,
                fixed: None,
            });
        }
    }

    /// Binds every name `pat` introduces; `kind` is the value's, for a
    /// pattern that is one name.
    fn bind_pattern(&mut self, pat: &Pat, how: How, kind: Option<Kind>) {
        let mut pending = vec![(pat, kind)];
        while let Some((pat, kind)) = pending.pop() {
            match pat {
                Pat::Ident(p) => {
                    // `ref x` and `ref mut x` lend: the binding is a reference.
                    let kind = if p.by_ref.is_some() { None } else { kind };
                    let mutable = p.mutability.is_some() && p.by_ref.is_none();
                    self.bind(p.ident.to_string(), mutable, how, kind);
                    if let Some((_, sub)) = &p.subpat {
                        pending.push((sub, None));
                    }
                }
                Pat::Type(t) => pending.push((&t.pat, self.kind_of_type(&t.ty))),
                Pat::Tuple(t) => pending.extend(t.elems.iter().map(|p| (p, None))),
                Pat::TupleStruct(t) => pending.extend(t.elems.iter().map(|p| (p, None))),
                Pat::Struct(s) => pending.extend(s.fields.iter().map(|f| (&*f.pat, None))),
                Pat::Slice(s) => pending.extend(s.elems.iter().map(|p| (p, None))),
                Pat::Reference(r) => pending.push((&r.pat, None)),
                Pat::Paren(p) => pending.push((&p.pat, kind)),
                // Every alternative binds the same names.
                Pat::Or(o) => pending.extend(o.cases.first().map(|p| (p, None))),
                _ => {}
            }
        }
    }

    fn function(
        &mut self,
        sig: &syn::Signature,
        block: &Block,
        self_ty: Option<String>,
        impl_consts: &[String],
    ) {
        self.scopes.push(Vec::new());
        for name in impl_consts
            .iter()
            .cloned()
            .chain(names::const_params(&sig.generics))
        {
            self.bind(name, true, How::Item, None);
        }
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(r) => {
                    let kind = match (&r.reference, &self_ty) {
                        (None, Some(t)) if self.types.fields.contains_key(t) => {
                            Some(Kind::Struct(t.clone()))
                        }
                        _ => None,
                    };
                    self.bind("self".into(), r.mutability.is_some(), How::Param, kind);
                }
                FnArg::Typed(t) => {
                    let kind = self.kind_of_type(&t.ty);
                    self.bind_pattern(&t.pat, How::Param, kind);
                }
            }
        }
        let returns = match &sig.output {
            syn::ReturnType::Default => Some("()"),
            syn::ReturnType::Type(_, ty) => self.declared.judged(ty),
        };
        self.returns.push(returns);
        self.block(block);
        // The value the function ends with.
        if let Some(Stmt::Expr(tail, None)) = block.stmts.last() {
            self.coerced(returns, tail);
        }
        self.returns.pop();
        self.scopes.pop();
    }

    fn block(&mut self, block: &Block) {
        let items = self.block_items(block);
        self.scopes.push(items);
        for stmt in &block.stmts {
            if self.unresolved.is_some() {
                break;
            }
            match stmt {
                Stmt::Local(local) => {
                    if let (Pat::Type(t), Some(init)) = (&local.pat, &local.init) {
                        self.coerced_to(&t.ty, &init.expr);
                    }
                    if let Some(init) = &local.init {
                        self.expr(&init.expr);
                        if let Some((_, diverge)) = &init.diverge {
                            self.expr(diverge);
                        }
                    }
                    match &local.init {
                        Some(init) => {
                            let kind = self.kind_of(&init.expr);
                            self.bind_pattern(&local.pat, How::Let, kind);
                            if let Pat::Ident(_) = &local.pat {
                                let bound = self.scopes.last_mut().and_then(|s| s.last_mut());
                                if let Some(l) = bound {
                                    l.literals =
                                        literal_types::integer(&init.expr).map(|n| vec![n]);
                                }
                            }
                        }
                        // `let x;` is assigned later, once: not checked.
                        None => {
                            self.bind_pattern(&local.pat, How::Let, None);
                            if let Some(l) = self.scopes.last_mut().and_then(|s| s.last_mut()) {
                                l.mutable = true;
                                if let Pat::Ident(_) = &local.pat {
                                    l.literals = Some(Vec::new());
                                }
                            }
                        }
                    }
                }
                Stmt::Expr(e, _) => self.expr(e),
                Stmt::Macro(m) => self.macro_called(&m.mac),
                Stmt::Item(_) => {}
            }
        }
        self.scopes.pop();
    }

    /// The arguments of one of std's macros whose arguments are
    /// expressions, walked as any others: `println!("{}", f(a))` gives `a`
    /// to `f` as surely as `f(a);` does. A named argument of a format
    /// string (`x = e`) is its value `e`. A macro the program defines is
    /// not looked into, nor are arguments that do not parse (the run says
    /// why).
    fn macro_called(&mut self, mac: &syn::Macro) {
        let Some(name) = mac.path.get_ident().map(ToString::to_string) else {
            return;
        };
        if self.own_macros.contains(&name) {
            return;
        }
        if name == "vec" {
            if let Ok(array) = super::format::vec_array(mac) {
                self.expr(&array);
            }
            return;
        }
        if !EXPRESSION_MACROS.contains(&name.as_str()) {
            return;
        }
        let parse = Punctuated::<Expr, Token![,]>::parse_terminated;
        let Ok(args) = mac.parse_body_with(parse) else {
            return;
        };
        for arg in &args {
            match arg {
                Expr::Assign(a) if matches!(&*a.left, Expr::Path(p) if p.path.get_ident().is_some()) =>
                {
                    self.expr(&a.right);
                }
                other => self.expr(other),
            }
        }
    }

    fn exprs<'e>(&mut self, exprs: impl IntoIterator<Item = &'e Expr>) {
        for e in exprs {
            self.expr(e);
        }
    }

    /// A scope of its own around `walk`.
    fn scoped(&mut self, walk: impl FnOnce(&mut Self)) {
        self.scopes.push(Vec::new());
        walk(self);
        self.scopes.pop();
    }

    fn expr(&mut self, expr: &Expr) {
        if self.unresolved.is_some() {
            return;
        }
        match expr {
            Expr::Path(p) => self.path(p, false),
            // Chains are walked along, not down.
            Expr::Binary(_) => {
                let mut rights = Vec::new();
                let mut e = expr;
                while let Expr::Binary(b) = e {
                    if mutability::is_compound(&b.op) {
                        self.assigned(&b.left);
                        if !matches!(b.op, syn::BinOp::ShlAssign(_) | syn::BinOp::ShrAssign(_)) {
                            self.assigned_literal(&b.left, &b.right);
                        }
                    }
                    rights.push(&*b.right);
                    e = &b.left;
                }
                self.expr(e);
                self.exprs(rights.into_iter().rev());
            }
            Expr::MethodCall(_) => {
                let mut args = Vec::new();
                let mut e = expr;
                while let Expr::MethodCall(m) = e {
                    self.lent_mutably(&m.receiver, Some(&m.method), m.receiver.span());
                    self.method_called(&m.receiver, &m.method, &m.args);
                    args.push(&m.args);
                    e = &m.receiver;
                }
                self.expr(e);
                for a in args.into_iter().rev() {
                    self.exprs(a);
                }
            }
            Expr::Call(c) => {
                match &*c.func {
                    Expr::Path(p) => {
                        self.path(p, true);
                        self.called(p, &c.args);
                    }
                    other => self.expr(other),
                }
                self.exprs(&c.args);
            }
            Expr::Assign(a) => {
                self.assigned(&a.left);
                self.assigned_literal(&a.left, &a.right);
                self.expr(&a.left);
                self.expr(&a.right);
            }
            Expr::Reference(r) => {
                if r.mutability.is_some() {
                    self.lent_mutably(&r.expr, None, expr.span());
                }
                self.expr(&r.expr);
            }
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::Const(c) => self.block(&c.block),
            Expr::Loop(l) => self.block(&l.body),
            Expr::While(w) => self.scoped(|c| {
                c.expr(&w.cond);
                c.block(&w.body);
            }),
            Expr::ForLoop(f) => {
                self.expr(&f.expr);
                self.scoped(|c| {
                    c.bind_pattern(&f.pat, How::Pattern, None);
                    c.block(&f.body);
                });
            }
            Expr::If(i) => {
                self.scoped(|c| {
                    c.expr(&i.cond);
                    c.block(&i.then_branch);
                });
                if let Some((_, e)) = &i.else_branch {
                    self.expr(e);
                }
            }
            // `let PAT = e` in a condition: its names are bound for the
            // block the `if` or `while` opened a scope for.
            Expr::Let(l) => {
                self.expr(&l.expr);
                self.bind_pattern(&l.pat, How::Pattern, None);
            }
            Expr::Match(m) => {
                self.expr(&m.expr);
                for arm in &m.arms {
                    self.scoped(|c| {
                        c.bind_pattern(&arm.pat, How::Pattern, None);
                        if let Some((_, guard)) = &arm.guard {
                            c.expr(guard);
                        }
                        c.expr(&arm.body);
                    });
                }
            }
            Expr::Closure(closure) => {
                self.closures += 1;
                // A `return` inside returns from the closure.
                self.returns.push(None);
                self.scoped(|c| {
                    for input in &closure.inputs {
                        c.bind_pattern(input, How::Param, None);
                    }
                    c.expr(&closure.body);
                });
                self.returns.pop();
                self.closures -= 1;
            }
            Expr::Array(a) => self.exprs(&a.elems),
            Expr::Tuple(t) => self.exprs(&t.elems),
            Expr::Struct(s) => {
                self.built(s);
                self.exprs(s.fields.iter().map(|f| &f.expr));
                self.exprs(s.rest.as_deref());
            }
            Expr::Field(f) => self.expr(&f.base),
            Expr::Index(i) => {
                self.expr(&i.expr);
                self.expr(&i.index);
            }
            Expr::Paren(p) => self.expr(&p.expr),
            Expr::Group(g) => self.expr(&g.expr),
            Expr::Unary(u) => self.expr(&u.expr),
            Expr::Cast(c) => self.expr(&c.expr),
            Expr::Try(t) => self.expr(&t.expr),
            Expr::Await(a) => self.expr(&a.base),
            Expr::Repeat(r) => {
                self.expr(&r.expr);
                self.expr(&r.len);
            }
            Expr::Range(r) => {
                self.exprs(r.start.as_deref());
                self.exprs(r.end.as_deref());
            }
            Expr::Return(r) => {
                if let Some(value) = &r.expr {
                    let expected = self.returns.last().copied().flatten();
                    self.coerced(expected, value);
                }
                self.exprs(r.expr.as_deref());
            }
            Expr::Break(b) => self.exprs(b.expr.as_deref()),
            Expr::Macro(m) => self.macro_called(&m.mac),
            _ => {}
        }
    }
}
