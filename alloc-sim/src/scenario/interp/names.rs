//! rustc's name resolution for values, checked before the program runs: a
//! name written alone as a value (`totl`, `helper(2)`, `Pont(3)`) must be
//! a binding in scope, a function, const or static of the program, a unit
//! or tuple struct, a variant a `use` brought in, a const parameter, or
//! one of the prelude's (`Some`, `None`, `Ok`, `Err`, `drop`, `size_of`
//! and its kin). rustc
//! refuses a program that names anything else (E0425) whether or not the
//! line would ever run, and before any other check, so this looks at every
//! function's code first, not at a run.
//!
//! # Invariants
//! - Nothing rustc accepts is refused: where the names in scope cannot all
//!   be known (a glob import of anything but one of the program's enums,
//!   `macro_rules!`, `thread_local!`, an inline `mod`), nothing is said;
//!   nor is anything inside a macro call (`println!("{}", x)`: the run
//!   finds those), nor a path of more than one segment (`Vec::new`).
//! - A binding is in scope from the statement after its `let` (so `let x
//!   = x + 1;` reads the `x` before it), in a closure's body for its
//!   parameters, in a match arm for its pattern's names, in the `then`
//!   block of an `if let`; an item inside a block is in scope in all of
//!   the block.
//! - The first name the walk finds is the one reported, in rustc's words
//!   and at its place.
//! - Chains (`a + b + …`, `v.f().g()…`) are walked in a loop, not by
//!   recursion, so a long chain takes no stack (nesting itself is bounded
//!   by `nesting::check` before parsing).

use syn::{Block, Expr, FnArg, ImplItem, Item, Pat, Stmt, UseTree};

use super::mutability::Refusal;

/// The prelude's values a program may name alone (`size_of` and its kin
/// are in it since Rust 1.80), and its types, whose misuse as a value
/// rustc words otherwise (E0423).
const PRELUDE: [&str; 14] = [
    "Some",
    "None",
    "Ok",
    "Err",
    "drop",
    "size_of",
    "size_of_val",
    "align_of",
    "align_of_val",
    "Box",
    "String",
    "Vec",
    "Option",
    "Result",
];

/// Each of the program's enums, by name, with its variants' names.
type Enums = Vec<(String, Vec<String>)>;

struct Resolver {
    /// The program's own names, and those its `use`s bring in.
    items: Vec<String>,
    enums: Enums,
    /// A `use` inside a function brought in names that cannot be known:
    /// nothing is said.
    blind: bool,
    /// Bindings, innermost scope last.
    scopes: Vec<Vec<String>>,
    found: Option<Refusal>,
}

/// The first value the program names that is nowhere in scope, if any.
pub(super) fn check(file: &syn::File) -> Option<Refusal> {
    let enums: Enums = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Enum(e) => Some((
                e.ident.to_string(),
                e.variants.iter().map(|v| v.ident.to_string()).collect(),
            )),
            _ => None,
        })
        .collect();
    let items = item_names(&file.items, &enums)?;
    let mut r = Resolver {
        items,
        enums,
        blind: false,
        scopes: Vec::new(),
        found: None,
    };
    for item in &file.items {
        match item {
            Item::Fn(f) => r.function(&f.sig, &f.block, &[]),
            Item::Impl(i) => {
                let consts = const_params(&i.generics);
                for item in &i.items {
                    if let ImplItem::Fn(f) = item {
                        r.function(&f.sig, &f.block, &consts);
                    }
                }
            }
            Item::Trait(t) => {
                for item in &t.items {
                    if let syn::TraitItem::Fn(syn::TraitItemFn {
                        sig,
                        default: Some(block),
                        ..
                    }) = item
                    {
                        r.function(sig, block, &[]);
                    }
                }
            }
            _ => {}
        }
        if r.found.is_some() || r.blind {
            break;
        }
    }
    r.found.filter(|_| !r.blind)
}

/// The values the program's items name, and its `use`s bring in; `None`
/// where they cannot all be known.
fn item_names(items: &[Item], enums: &Enums) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for item in items {
        match item {
            Item::Fn(f) => {
                names.push(f.sig.ident.to_string());
            }
            Item::Const(c) => {
                names.push(c.ident.to_string());
            }
            Item::Static(s) => {
                names.push(s.ident.to_string());
            }
            Item::Struct(s) => {
                names.push(s.ident.to_string());
            }
            Item::Use(u) => used_names(&u.tree, enums, &mut names)?,
            Item::Macro(_) | Item::Mod(_) | Item::ExternCrate(_) | Item::ForeignMod(_) => {
                return None
            }
            _ => {}
        }
    }
    Some(names)
}

/// The names a `use` brings in: its last segments (or their renames), and
/// the variants of the program's enum a `use Shape::*` names; `None` for
/// any other glob.
fn used_names(tree: &UseTree, enums: &Enums, out: &mut Vec<String>) -> Option<()> {
    let mut pending = vec![(tree, None::<String>)];
    while let Some((tree, parent)) = pending.pop() {
        match tree {
            UseTree::Path(p) => pending.push((&p.tree, Some(p.ident.to_string()))),
            UseTree::Name(n) if n.ident == "self" => {
                out.extend(parent);
            }
            UseTree::Name(n) => {
                out.push(n.ident.to_string());
            }
            UseTree::Rename(r) => {
                out.push(r.rename.to_string());
            }
            UseTree::Glob(_) => {
                let (_, variants) = enums
                    .iter()
                    .find(|(e, _)| parent.as_deref() == Some(e.as_str()))?;
                out.extend(variants.iter().cloned());
            }
            UseTree::Group(g) => {
                pending.extend(g.items.iter().map(|t| (t, parent.clone())));
            }
        }
    }
    Some(())
}

/// The names of the const parameters `generics` declares.
fn const_params(generics: &syn::Generics) -> Vec<String> {
    generics
        .const_params()
        .map(|c| c.ident.to_string())
        .collect()
}

impl Resolver {
    fn known(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.iter().any(|n| n == name))
            || self.items.iter().any(|n| n == name)
            || PRELUDE.contains(&name)
            || matches!(name, "self" | "Self" | "crate" | "super")
    }

    fn bind(&mut self, name: String) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(name);
        }
    }

    /// Binds every name `pat` introduces.
    fn bind_pattern(&mut self, pat: &Pat) {
        let mut pending = vec![pat];
        while let Some(pat) = pending.pop() {
            match pat {
                Pat::Ident(p) => {
                    self.bind(p.ident.to_string());
                    if let Some((_, sub)) = &p.subpat {
                        pending.push(sub);
                    }
                }
                Pat::Type(t) => pending.push(&t.pat),
                Pat::Tuple(t) => pending.extend(&t.elems),
                Pat::TupleStruct(t) => pending.extend(&t.elems),
                Pat::Struct(s) => pending.extend(s.fields.iter().map(|f| &*f.pat)),
                Pat::Slice(s) => pending.extend(&s.elems),
                Pat::Reference(r) => pending.push(&r.pat),
                Pat::Paren(p) => pending.push(&p.pat),
                // Every alternative binds the same names.
                Pat::Or(o) => pending.extend(o.cases.first()),
                _ => {}
            }
        }
    }

    fn function(&mut self, sig: &syn::Signature, block: &Block, impl_consts: &[String]) {
        self.scopes.push(impl_consts.to_vec());
        for name in const_params(&sig.generics) {
            self.bind(name);
        }
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(_) => self.bind("self".into()),
                FnArg::Typed(t) => self.bind_pattern(&t.pat),
            }
        }
        self.block(block);
        self.scopes.pop();
    }

    fn block(&mut self, block: &Block) {
        // An item inside a block (a `use` too) is in scope in all of it.
        let mut items = Vec::new();
        for stmt in &block.stmts {
            match stmt {
                Stmt::Item(Item::Fn(f)) => {
                    items.push(f.sig.ident.to_string());
                }
                Stmt::Item(Item::Const(c)) => {
                    items.push(c.ident.to_string());
                }
                Stmt::Item(Item::Static(s)) => {
                    items.push(s.ident.to_string());
                }
                Stmt::Item(Item::Struct(s)) => {
                    items.push(s.ident.to_string());
                }
                // A glob of std's: what it brings cannot be known.
                Stmt::Item(Item::Use(u))
                    if used_names(&u.tree, &self.enums, &mut items).is_none() =>
                {
                    self.blind = true;
                }
                Stmt::Item(Item::Macro(_) | Item::Mod(_)) => self.blind = true,
                _ => {}
            }
        }
        self.scopes.push(items);
        for stmt in &block.stmts {
            if self.found.is_some() || self.blind {
                break;
            }
            match stmt {
                Stmt::Local(local) => {
                    if let Some(init) = &local.init {
                        self.expr(&init.expr);
                        if let Some((_, diverge)) = &init.diverge {
                            self.expr(diverge);
                        }
                    }
                    self.bind_pattern(&local.pat);
                }
                Stmt::Expr(e, _) => self.expr(e),
                Stmt::Item(_) | Stmt::Macro(_) => {}
            }
        }
        self.scopes.pop();
    }

    fn exprs<'e>(&mut self, exprs: impl IntoIterator<Item = &'e Expr>) {
        for e in exprs {
            self.expr(e);
        }
    }

    /// `path`, written alone as a value (`called`: as the function of a
    /// call), checked against the names in scope.
    fn path(&mut self, path: &syn::ExprPath, called: bool) {
        if self.found.is_some()
            || self.blind
            || path.qself.is_some()
            || path.path.leading_colon.is_some()
        {
            return;
        }
        if path.path.segments.len() != 1 {
            return;
        }
        let segment = &path.path.segments[0];
        let name = segment.ident.to_string();
        if self.known(&name) {
            return;
        }
        let what = match (called, name.starts_with(|c: char| c.is_ascii_uppercase())) {
            (true, true) => "function, tuple struct or tuple variant",
            (true, false) => "function",
            (false, _) => "value",
        };
        self.found = Some(Refusal {
            span: segment.ident.span(),
            message: format!("cannot find {what} `{name}` in this scope"),
        });
    }

    fn expr(&mut self, expr: &Expr) {
        if self.found.is_some() {
            return;
        }
        match expr {
            Expr::Path(p) => self.path(p, false),
            // Chains are walked along, not down.
            Expr::Binary(_) => {
                let mut rights = Vec::new();
                let mut e = expr;
                while let Expr::Binary(b) = e {
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
                    Expr::Path(p) => self.path(p, true),
                    other => self.expr(other),
                }
                self.exprs(&c.args);
            }
            Expr::Assign(a) => {
                self.expr(&a.left);
                self.expr(&a.right);
            }
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::Const(c) => self.block(&c.block),
            Expr::Loop(l) => self.block(&l.body),
            Expr::While(w) => {
                self.scopes.push(Vec::new());
                self.expr(&w.cond);
                self.block(&w.body);
                self.scopes.pop();
            }
            Expr::ForLoop(f) => {
                self.expr(&f.expr);
                self.scopes.push(Vec::new());
                self.bind_pattern(&f.pat);
                self.block(&f.body);
                self.scopes.pop();
            }
            Expr::If(i) => {
                self.scopes.push(Vec::new());
                self.expr(&i.cond);
                self.block(&i.then_branch);
                self.scopes.pop();
                if let Some((_, e)) = &i.else_branch {
                    self.expr(e);
                }
            }
            // `let PAT = e` in a condition: its names are bound for the
            // block the `if` or `while` opened a scope for.
            Expr::Let(l) => {
                self.expr(&l.expr);
                self.bind_pattern(&l.pat);
            }
            Expr::Match(m) => {
                self.expr(&m.expr);
                for arm in &m.arms {
                    self.scopes.push(Vec::new());
                    self.bind_pattern(&arm.pat);
                    if let Some((_, guard)) = &arm.guard {
                        self.expr(guard);
                    }
                    self.expr(&arm.body);
                    self.scopes.pop();
                }
            }
            Expr::Closure(c) => {
                self.scopes.push(Vec::new());
                for input in &c.inputs {
                    self.bind_pattern(input);
                }
                self.expr(&c.body);
                self.scopes.pop();
            }
            Expr::Array(a) => self.exprs(&a.elems),
            Expr::Tuple(t) => self.exprs(&t.elems),
            Expr::Struct(s) => {
                self.exprs(s.fields.iter().map(|f| &f.expr));
                if let Some(rest) = &s.rest {
                    self.expr(rest);
                }
            }
            Expr::Field(f) => self.expr(&f.base),
            Expr::Index(i) => {
                self.expr(&i.expr);
                self.expr(&i.index);
            }
            Expr::Reference(r) => self.expr(&r.expr),
            Expr::Paren(p) => self.expr(&p.expr),
            Expr::Group(g) => self.expr(&g.expr),
            Expr::Unary(u) => self.expr(&u.expr),
            Expr::Cast(c) => self.expr(&c.expr),
            Expr::Try(t) => self.expr(&t.expr),
            Expr::Repeat(r) => {
                self.expr(&r.expr);
                self.expr(&r.len);
            }
            Expr::Range(r) => {
                self.exprs(r.start.as_deref());
                self.exprs(r.end.as_deref());
            }
            Expr::Return(r) => self.exprs(r.expr.as_deref()),
            Expr::Break(b) => self.exprs(b.expr.as_deref()),
            _ => {}
        }
    }
}
