//! The scenario interpreter: walks syn's syntax tree, keeps the program's
//! bindings and heap owners, and turns each heap operation into the
//! allocator calls std makes.

use std::collections::HashMap;
use std::rc::Rc;

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{BinOp, Expr, Lit, Pat, Stmt, Type, UnOp};

use super::std_rules::{self, GrowError};
use super::ty::{IntTy, StructDef, Ty};
use super::value::Value;
use super::{CallOp, Limits, Outcome, Run, ScenarioCall, ScenarioError};
use crate::addr::Addr;
use crate::bump_arena::BumpArena;
use crate::error::{CallError, LayoutSpec};
use crate::event::Log;
use crate::role::AllocId;
use crate::sim::Simulation;
use crate::strategy::ThreadId;
use crate::target::Target;

/// Why execution stopped early.
enum Halt {
    Stop,
    /// A fallible reservation failed: the `TryReserveError` it returns.
    TryReserve(Option<LayoutSpec>),
    Abort(String, (usize, usize)),
    Error(ScenarioError),
}

type R<T> = Result<T, Halt>;

/// What a `let` annotation or a turbofish says a value is.
#[derive(Debug, Clone, PartialEq)]
enum Hint {
    Plain(Ty),
    Vec(Option<Ty>),
    String,
    Box(Ty),
    Rc(Ty),
    Other,
}

/// A heap owner: what a `Vec`, `String`, `Box` or `Rc` holds.
#[derive(Debug, Clone)]
enum Owner {
    Vec {
        ptr: Option<Addr>,
        cap: u64,
        len: u64,
        elem: Option<Ty>,
        string: bool,
    },
    Box {
        ptr: Option<Addr>,
        ty: Ty,
    },
    Rc {
        cell: usize,
    },
    /// bumpalo's `Bump`.
    Arena(BumpArena),
    /// A value put in an arena by `bump.alloc(x)`: freed only with the arena.
    ArenaValue {
        ptr: Addr,
        ty: Ty,
    },
    Gone,
}

#[derive(Debug, Clone)]
struct RcCell {
    ptr: Addr,
    ty: Ty,
    strong: u64,
}

#[derive(Debug, Clone)]
struct Binding {
    name: String,
    value: Value,
    moved: Option<(usize, usize)>,
}

struct Interp<'a> {
    sim: &'a mut Simulation,
    target: Target,
    structs: HashMap<String, Rc<StructDef>>,
    scopes: Vec<Vec<Binding>>,
    owners: Vec<Owner>,
    cells: Vec<RcCell>,
    /// Vec owner → the arena owner it allocates in, and its block's id there.
    vec_arena: HashMap<usize, (usize, Option<AllocId>)>,
    calls: Vec<ScenarioCall>,
    output: Vec<String>,
    leaks: Vec<String>,
    steps: u64,
    limits: Limits,
    here: (usize, usize),
    /// The thread whose code is running.
    thread: ThreadId,
    /// Spawned threads, in spawn order.
    threads: Vec<Thread>,
    /// Set while a spawned thread runs a statement, so it does not schedule others.
    in_thread: bool,
}

/// A spawned thread: the closure's statements, how far it has run, and its
/// own bindings.
#[derive(Clone)]
struct Thread {
    id: ThreadId,
    stmts: Vec<Stmt>,
    next: usize,
    scopes: Vec<Vec<Binding>>,
    done: bool,
}

fn at(span: Span) -> (usize, usize) {
    let start = span.start();
    (start.line, start.column + 1)
}

fn err<T>(span: Span, message: impl Into<String>) -> R<T> {
    let (line, column) = at(span);
    Err(Halt::Error(ScenarioError {
        line,
        column,
        message: message.into(),
    }))
}

fn unsupported<T>(node: &impl Spanned, what: &str) -> R<T> {
    err(node.span(), format!("not supported in scenarios: {what}"))
}

pub(super) fn run(source: &str, sim: &mut Simulation, limits: Limits) -> Run {
    let target = sim.heap().target();
    let mut interp = Interp {
        sim,
        target,
        structs: HashMap::new(),
        scopes: Vec::new(),
        owners: Vec::new(),
        cells: Vec::new(),
        vec_arena: HashMap::new(),
        calls: Vec::new(),
        output: Vec::new(),
        leaks: Vec::new(),
        steps: 0,
        limits,
        here: (1, 1),
        thread: ThreadId::MAIN,
        threads: Vec::new(),
        in_thread: false,
    };
    let outcome = match interp.program(source) {
        Ok(()) => Outcome::Ok,
        Err(Halt::Stop) => Outcome::Stopped,
        Err(Halt::Abort(message, (line, column))) => Outcome::Abort {
            message,
            line,
            column,
        },
        Err(Halt::Error(e)) => Outcome::Error(e),
        Err(Halt::TryReserve(_)) => Outcome::Error(ScenarioError {
            line: interp.here.0,
            column: interp.here.1,
            message: "a TryReserveError escaped".into(),
        }),
    };
    // proc-macro2 keeps every parsed source for the thread's life; forget it.
    proc_macro2::extra::invalidate_current_thread_spans();
    Run {
        calls: interp.calls,
        output: interp.output,
        outcome,
        leaks: interp.leaks,
    }
}

impl Interp<'_> {
    fn program(&mut self, source: &str) -> R<()> {
        if self.limits.stop_after_calls == Some(0) {
            return Err(Halt::Stop);
        }
        let file = syn::parse_file(source)
            .or_else(|e| err(e.span(), format!("does not parse as Rust: {e}")))?;
        let mut main = None;
        for item in &file.items {
            match item {
                syn::Item::Use(_) => {}
                syn::Item::Struct(s) => self.define_struct(s)?,
                syn::Item::Fn(f) if f.sig.ident == "main" && f.sig.inputs.is_empty() => {
                    main = Some(f)
                }
                syn::Item::Fn(f) => {
                    return unsupported(&f.sig.ident, "functions other than `fn main()`")
                }
                other => {
                    return unsupported(
                        other,
                        "this kind of item; scenarios have `fn main` and structs",
                    )
                }
            }
        }
        let Some(main) = main else {
            return err(Span::call_site(), "a scenario needs `fn main() { … }`");
        };
        self.block(&main.block)?;
        // When main returns, the process exits: threads still running stop
        // where they are, and nothing of theirs is dropped.
        for t in self.threads.iter().filter(|t| !t.done) {
            self.leaks.push(format!(
                "thread {} was still running when main returned",
                t.id.0
            ));
        }
        Ok(())
    }

    fn define_struct(&mut self, s: &syn::ItemStruct) -> R<()> {
        let mut repr_c = false;
        let mut align = None;
        for attr in &s.attrs {
            if attr.path().is_ident("repr") {
                let parsed = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("C") {
                        repr_c = true;
                    } else if meta.path.is_ident("align") {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let n: syn::LitInt = content.parse()?;
                        align = Some(n.base10_parse::<u64>()?);
                    } else {
                        return Err(meta.error("scenarios support repr(C) and repr(align(N))"));
                    }
                    Ok(())
                });
                if let Err(e) = parsed {
                    return err(e.span(), e.to_string());
                }
            }
        }
        if align.is_some_and(|a: u64| !a.is_power_of_two()) {
            return err(s.span(), "repr(align(N)) needs a power of two");
        }
        let mut fields = Vec::new();
        for (i, field) in s.fields.iter().enumerate() {
            let name = field
                .ident
                .as_ref()
                .map_or(i.to_string(), ToString::to_string);
            match self.hint(&field.ty)? {
                Hint::Plain(ty) => fields.push((name, ty)),
                _ => return unsupported(&field.ty, "heap types inside structs"),
            }
        }
        let def = StructDef {
            name: s.ident.to_string(),
            fields,
            repr_c,
            align,
        };
        self.structs.insert(def.name.clone(), Rc::new(def));
        Ok(())
    }

    /// Reads a type written in the source.
    fn hint(&self, ty: &Type) -> R<Hint> {
        Ok(match ty {
            Type::Tuple(t) => {
                let mut items = Vec::new();
                for elem in &t.elems {
                    items.push(self.plain(elem)?);
                }
                Hint::Plain(Ty::Tuple(items))
            }
            Type::Array(a) => {
                let n = match &a.len {
                    Expr::Lit(syn::ExprLit {
                        lit: Lit::Int(n), ..
                    }) => n
                        .base10_parse::<u64>()
                        .or_else(|e| err(n.span(), e.to_string()))?,
                    other => return unsupported(other, "array lengths other than a number"),
                };
                Hint::Plain(Ty::Array(Box::new(self.plain(&a.elem)?), n))
            }
            Type::Path(p) => {
                let Some(last) = p.path.segments.last() else {
                    return unsupported(ty, "this type");
                };
                let name = last.ident.to_string();
                let arg = match &last.arguments {
                    syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                        syn::GenericArgument::Type(t) => Some(t),
                        _ => None,
                    }),
                    _ => None,
                };
                match (name.as_str(), arg) {
                    ("Vec", Some(t)) => Hint::Vec(Some(self.plain(t)?)),
                    ("Vec", None) => Hint::Vec(None),
                    ("String", _) => Hint::String,
                    ("Box", Some(t)) => Hint::Box(self.plain(t)?),
                    ("Rc", Some(t)) => Hint::Rc(self.plain(t)?),
                    ("bool", _) => Hint::Plain(Ty::Bool),
                    ("char", _) => Hint::Plain(Ty::Char),
                    ("f32", _) => Hint::Plain(Ty::Float(false)),
                    ("f64", _) => Hint::Plain(Ty::Float(true)),
                    ("Layout" | "Result" | "Option", _) => Hint::Other,
                    (n, _) => match IntTy::from_name(n) {
                        Some(i) => Hint::Plain(Ty::Int(i)),
                        None => match self.structs.get(n) {
                            Some(def) => Hint::Plain(Ty::Struct(def.clone())),
                            None => return unsupported(ty, &format!("the type `{n}`")),
                        },
                    },
                }
            }
            Type::Ptr(_) | Type::Infer(_) => Hint::Other,
            other => return unsupported(other, "this type"),
        })
    }

    /// A type that must be plain data (no heap owner inside).
    fn plain(&self, ty: &Type) -> R<Ty> {
        match self.hint(ty)? {
            Hint::Plain(t) => Ok(t),
            _ => unsupported(
                ty,
                "heap types inside heap types (such as `Vec<Vec<T>>`); use plain data",
            ),
        }
    }

    // ----- bindings -----

    fn bind(&mut self, name: String, value: Value) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(Binding {
                name,
                value,
                moved: None,
            });
        }
    }

    fn lookup(&self, name: &str) -> Option<(usize, usize)> {
        for (s, scope) in self.scopes.iter().enumerate().rev() {
            if let Some(b) = scope.iter().rposition(|b| b.name == name) {
                return Some((s, b));
            }
        }
        None
    }

    fn binding(&self, path: &syn::ExprPath) -> R<(usize, usize)> {
        let name = path
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let Some(found) = self.lookup(&name) else {
            return err(
                path.span(),
                format!("cannot find value `{name}` in this scope"),
            );
        };
        if let Some((line, column)) = self.scopes[found.0][found.1].moved {
            return err(
                path.span(),
                format!("use of moved value: `{name}` (moved at {line}:{column})"),
            );
        }
        Ok(found)
    }

    /// The value of a binding, moving it out if it owns heap memory.
    fn take(&mut self, path: &syn::ExprPath) -> R<Value> {
        let (s, b) = self.binding(path)?;
        let binding = &mut self.scopes[s][b];
        if matches!(binding.value, Value::Owner(_)) {
            binding.moved = Some(at(path.span()));
        }
        Ok(binding.value.clone())
    }

    /// The owner a place expression (`v`, `&v`, `&mut v`) names, without moving it.
    fn owner_of(&mut self, expr: &Expr) -> R<usize> {
        match expr {
            Expr::Reference(r) => self.owner_of(&r.expr),
            Expr::Paren(p) => self.owner_of(&p.expr),
            Expr::Path(p) => {
                let (s, b) = self.binding(p)?;
                match self.scopes[s][b].value {
                    Value::Owner(id) => Ok(id),
                    _ => err(expr.span(), "this value does not own heap memory"),
                }
            }
            other => unsupported(
                other,
                "this expression as a heap owner; name it with `let` first",
            ),
        }
    }

    fn step(&mut self, span: Span) -> R<()> {
        self.steps += 1;
        if self.steps > self.limits.max_steps {
            return err(
                span,
                format!(
                    "step limit reached ({} steps): is there a loop that never ends?",
                    self.limits.max_steps
                ),
            );
        }
        Ok(())
    }

    // ----- statements -----

    fn block(&mut self, block: &syn::Block) -> R<Value> {
        self.scopes.push(Vec::new());
        let mut last = Value::unit();
        let result = (|| {
            for (i, stmt) in block.stmts.iter().enumerate() {
                let value = self.stmt(stmt)?;
                let tail = i + 1 == block.stmts.len() && matches!(stmt, Stmt::Expr(_, None));
                last = if tail { value } else { Value::unit() };
            }
            Ok(())
        })();
        // Bindings are dropped at the closing brace.
        self.here = at(block.brace_token.span.close());
        self.leave_scope(&result)?;
        result?;
        Ok(last)
    }

    /// Leaves a scope after its code ran with `result`. On a normal exit,
    /// and while a panic unwinds, its bindings are dropped; after an abort
    /// (the process is gone) or a stop (the heap is shown as it is) they
    /// are not.
    fn leave_scope<T>(&mut self, result: &R<T>) -> R<()> {
        let unwinding = matches!(result, Err(Halt::Error(e)) if e.message.starts_with("panicked"));
        match result {
            Ok(_) => self.pop_scope(),
            Err(_) if unwinding => {
                // Unwinding runs destructors; a failure during it changes nothing.
                let _ = self.pop_scope();
                Ok(())
            }
            Err(_) => {
                self.scopes.pop();
                Ok(())
            }
        }
    }

    /// Drops a scope's bindings, last declared first.
    fn pop_scope(&mut self) -> R<()> {
        let Some(scope) = self.scopes.pop() else {
            return Ok(());
        };
        for binding in scope.into_iter().rev() {
            if let (Value::Owner(id), None) = (&binding.value, binding.moved) {
                self.drop_owner(*id, &format!("`{}` goes out of scope", binding.name))?;
            }
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> R<Value> {
        let value = self.stmt_here(stmt)?;
        // Threads take turns: after each statement of main, every live
        // thread runs one statement of its own.
        if !self.in_thread {
            for i in 0..self.threads.len() {
                self.thread_step(i)?;
            }
        }
        Ok(value)
    }

    /// Runs one statement of thread `i`, if it has any left.
    fn thread_step(&mut self, i: usize) -> R<()> {
        if self.threads[i].done {
            return Ok(());
        }
        let saved_scopes = std::mem::replace(
            &mut self.scopes,
            std::mem::take(&mut self.threads[i].scopes),
        );
        let saved_thread = std::mem::replace(&mut self.thread, self.threads[i].id);
        let saved_here = self.here;
        self.in_thread = true;
        let stmt = self.threads[i].stmts.get(self.threads[i].next).cloned();
        let result = match stmt {
            Some(stmt) => self.stmt_here(&stmt).map(|_| ()),
            None => Ok(()),
        };
        self.threads[i].next += 1;
        let finished = self.threads[i].next >= self.threads[i].stmts.len();
        let ended = if finished || result.is_err() {
            // The closure's body ends: its bindings are dropped, on its thread.
            let r = self.leave_scope(&result);
            self.threads[i].done = true;
            r
        } else {
            Ok(())
        };
        self.in_thread = false;
        self.threads[i].scopes = std::mem::replace(&mut self.scopes, saved_scopes);
        self.thread = saved_thread;
        self.here = saved_here;
        result?;
        ended
    }

    /// `thread::spawn(move || { … })`: a new thread whose first scope holds
    /// what the closure captures, moved out of the spawning scope.
    fn spawn(&mut self, c: &syn::ExprCall) -> R<Value> {
        if self.in_thread {
            return unsupported(c, "spawning a thread from a spawned thread");
        }
        let Some(Expr::Closure(closure)) = c.args.first() else {
            return err(
                c.span(),
                "`thread::spawn` takes a closure: `thread::spawn(move || { … })`",
            );
        };
        if closure.capture.is_none() {
            return err(
                closure.span(),
                "write `move ||`: a spawned thread must own what it uses",
            );
        }
        let stmts = match &*closure.body {
            Expr::Block(b) => b.block.stmts.clone(),
            other => vec![Stmt::Expr(other.clone(), None)],
        };
        let text = closure.body.span().source_text().unwrap_or_default();
        let mut names: Vec<String> = Vec::new();
        let mut word = String::new();
        for ch in text.chars().chain(std::iter::once(' ')) {
            if ch.is_alphanumeric() || ch == '_' {
                word.push(ch);
            } else if !word.is_empty() {
                if !names.contains(&word) {
                    names.push(std::mem::take(&mut word));
                } else {
                    word.clear();
                }
            }
        }
        let mut captured = Vec::new();
        for name in names {
            if let Some((s, b)) = self.lookup(&name) {
                let binding = &mut self.scopes[s][b];
                if binding.moved.is_none() {
                    if matches!(binding.value, Value::Owner(_)) {
                        binding.moved = Some(at(closure.span()));
                    }
                    captured.push(Binding {
                        name,
                        value: binding.value.clone(),
                        moved: None,
                    });
                }
            }
        }
        let id = ThreadId(self.threads.len() as u32 + 1);
        self.threads.push(Thread {
            id,
            stmts,
            next: 0,
            scopes: vec![captured],
            done: false,
        });
        Ok(Value::Thread(self.threads.len() - 1))
    }

    fn stmt_here(&mut self, stmt: &Stmt) -> R<Value> {
        self.step(stmt.span())?;
        self.here = at(stmt.span());
        match stmt {
            Stmt::Local(local) => {
                let (name, hint) = match &local.pat {
                    Pat::Ident(p) => (p.ident.to_string(), None),
                    Pat::Type(t) => match &*t.pat {
                        Pat::Ident(p) => (p.ident.to_string(), Some(self.hint(&t.ty)?)),
                        Pat::Wild(_) => ("_".to_string(), Some(self.hint(&t.ty)?)),
                        other => return unsupported(other, "this pattern in `let`"),
                    },
                    Pat::Wild(_) => ("_".to_string(), None),
                    Pat::Tuple(t) => {
                        let Some(init) = &local.init else {
                            return err(
                                local.span(),
                                "declare scenario bindings with a value: `let x = …;`",
                            );
                        };
                        let value = self.eval(&init.expr, None)?;
                        let Value::Tuple(items) = &value else {
                            return err(t.span(), "this pattern needs a tuple");
                        };
                        if items.len() != t.elems.len() {
                            return err(
                                t.span(),
                                format!("expected a tuple of {} elements", t.elems.len()),
                            );
                        }
                        for (pat, item) in t.elems.iter().zip(items) {
                            match pat {
                                Pat::Ident(p) => self.bind(p.ident.to_string(), item.clone()),
                                Pat::Wild(_) => {}
                                other => return unsupported(other, "nested patterns in `let`"),
                            }
                        }
                        return Ok(Value::unit());
                    }
                    other => {
                        return unsupported(
                            other,
                            "this pattern in `let`; bind one name or a tuple of names",
                        )
                    }
                };
                let Some(init) = &local.init else {
                    return err(
                        local.span(),
                        "declare scenario bindings with a value: `let x = …;`",
                    );
                };
                if init.diverge.is_some() {
                    return unsupported(local, "`let … else`");
                }
                let value = self.eval(&init.expr, hint.as_ref())?;
                let value = match &hint {
                    Some(Hint::Plain(ty)) => value.typed(ty),
                    _ => value,
                };
                if name == "_" {
                    // `let _ = v;` drops a temporary at once.
                    if let Value::Owner(id) = value {
                        self.drop_owner(id, "`let _ = …` drops it at once")?;
                    }
                } else {
                    self.bind(name, value);
                }
                Ok(Value::unit())
            }
            Stmt::Expr(expr, _) => {
                let value = self.eval(expr, None)?;
                // A temporary owner that nothing keeps is dropped at the `;`.
                if let Value::Owner(id) = value {
                    if !self
                        .scopes
                        .iter()
                        .flatten()
                        .any(|b| b.value == Value::Owner(id) && b.moved.is_none())
                    {
                        self.drop_owner(id, "a temporary is dropped at the end of its statement")?;
                        return Ok(Value::unit());
                    }
                }
                Ok(value)
            }
            Stmt::Macro(m) => self.mac(&m.mac, None),
            Stmt::Item(item) => unsupported(item, "items inside `main`"),
        }
    }

    // ----- expressions -----

    fn eval(&mut self, expr: &Expr, hint: Option<&Hint>) -> R<Value> {
        match expr {
            Expr::Lit(l) => self.lit(&l.lit, hint),
            Expr::Path(p) => {
                if let Some(ident) = p.path.get_ident() {
                    if ident == "None" {
                        return Ok(Value::Opt(None));
                    }
                    return self.take(p);
                }
                // `usize::MAX`, `u8::MIN`, …
                let names: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                if let [ty, name] = names.as_slice() {
                    if let (Some(t), "MAX" | "MIN") = (IntTy::from_name(ty), name.as_str()) {
                        let (lo, hi) = t.range(self.target);
                        return Ok(Value::Int(if name == "MAX" { hi } else { lo }, Some(t)));
                    }
                }
                unsupported(p, "this path as a value")
            }
            Expr::Paren(p) => self.eval(&p.expr, hint),
            Expr::Group(g) => self.eval(&g.expr, hint),
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::Reference(r) => match &*r.expr {
                Expr::Path(p) => {
                    let (s, b) = self.binding(p)?;
                    Ok(self.scopes[s][b].value.clone())
                }
                other => self.eval(other, hint),
            },
            Expr::Tuple(t) => {
                let mut items = Vec::new();
                for e in &t.elems {
                    items.push(self.eval(e, None)?);
                }
                Ok(Value::Tuple(items))
            }
            Expr::Array(a) => {
                let elem = match hint {
                    Some(Hint::Plain(Ty::Array(t, _))) => Some(Hint::Plain((**t).clone())),
                    _ => None,
                };
                let mut items = Vec::new();
                for e in &a.elems {
                    items.push(self.eval(e, elem.as_ref())?);
                }
                Ok(Value::Array(items))
            }
            Expr::Repeat(r) => {
                let item = self.eval(&r.expr, None)?;
                let n = self.eval_u64(&r.len)?;
                if n > 1 << 20 {
                    return err(
                        r.span(),
                        "arrays in scenarios hold at most 1,048,576 elements",
                    );
                }
                Ok(Value::Array(vec![item; n as usize]))
            }
            Expr::Struct(s) => self.struct_lit(s),
            Expr::Field(f) => {
                let base = match &*f.base {
                    // `boxed.field` reads through the Box without moving it.
                    Expr::Path(p) => {
                        let (s, b) = self.binding(p)?;
                        match self.scopes[s][b].value.clone() {
                            Value::Owner(id) => match self.owners[id].clone() {
                                Owner::Box { ptr, ty } => self.read_at(ptr, &ty)?,
                                Owner::ArenaValue { ptr, ty } => self.read_at(Some(ptr), &ty)?,
                                Owner::Rc { cell } => {
                                    let c = self.cells[cell].clone();
                                    let offset = self.rc_value_offset(&c.ty);
                                    self.read_at(Some(c.ptr.add(offset)), &c.ty)?
                                }
                                _ => return err(f.span(), "a Vec has no fields; call its methods"),
                            },
                            plain => plain,
                        }
                    }
                    other => self.eval(other, None)?,
                };
                let name = match &f.member {
                    syn::Member::Named(name) => name,
                    syn::Member::Unnamed(i) => {
                        return match base {
                            Value::Tuple(items) | Value::Struct(_, items) => items
                                .get(i.index as usize)
                                .cloned()
                                .map_or_else(|| err(f.span(), "no such field"), Ok),
                            _ => err(f.span(), "this value has no numbered fields"),
                        };
                    }
                };
                match base {
                    Value::Struct(def, items) => {
                        match def.fields.iter().position(|(n, _)| name == n) {
                            Some(i) => Ok(items[i].clone()),
                            None => {
                                err(name.span(), format!("`{}` has no field `{name}`", def.name))
                            }
                        }
                    }
                    _ => err(f.span(), "only structs have named fields here"),
                }
            }
            Expr::Unary(u) => self.unary(u),
            Expr::Binary(b) => self.binary(b),
            Expr::Assign(a) => self.assign(&a.left, &a.right),
            Expr::Cast(c) => {
                let value = self.eval(&c.expr, None)?;
                match (value, self.hint(&c.ty)?) {
                    (Value::Int(v, _), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(wrap(v, t, self.target), Some(t)))
                    }
                    (Value::Int(v, _), Hint::Plain(Ty::Float(d))) => {
                        Ok(Value::Float(v as f64, Some(d)))
                    }
                    (Value::Float(v, _), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(v as i128, Some(t)))
                    }
                    (Value::Char(c), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(i128::from(u32::from(c)), Some(t)))
                    }
                    (v, _) => Ok(v),
                }
            }
            Expr::If(i) => {
                let taken = if let Expr::Let(l) = &*i.cond {
                    let value = self.eval(&l.expr, None)?;
                    if let Some(bindings) = self.matches(&l.pat, &value)? {
                        return self.arm_block(bindings, &i.then_branch);
                    }
                    false
                } else {
                    match self.eval(&i.cond, None)? {
                        Value::Bool(b) => b,
                        _ => return err(i.cond.span(), "an `if` condition must be a bool"),
                    }
                };
                if taken {
                    self.block(&i.then_branch)
                } else if let Some((_, other)) = &i.else_branch {
                    self.eval(other, hint)
                } else {
                    Ok(Value::unit())
                }
            }
            Expr::Let(_) => unsupported(expr, "`let` outside `if let`"),
            Expr::While(w) => loop {
                self.step(w.span())?;
                match self.eval(&w.cond, None)? {
                    Value::Bool(true) => {
                        self.block(&w.body)?;
                    }
                    Value::Bool(false) => return Ok(Value::unit()),
                    _ => return err(w.cond.span(), "a `while` condition must be a bool"),
                }
            },
            Expr::ForLoop(f) => self.for_loop(f),
            Expr::Match(m) => {
                let value = self.eval(&m.expr, None)?;
                for arm in &m.arms {
                    if arm.guard.is_some() {
                        return unsupported(arm, "match guards");
                    }
                    if let Some(bindings) = self.matches(&arm.pat, &value)? {
                        return self.arm(bindings, &arm.body);
                    }
                }
                err(m.span(), format!("no arm matches {}", value.show(true)))
            }
            Expr::Index(i) => {
                let index = self.eval_u64(&i.index)?;
                if let Expr::Path(p) = &*i.expr {
                    let (s, b) = self.binding(p)?;
                    match self.scopes[s][b].value.clone() {
                        Value::Owner(id) => {
                            let boxed = match self.owners[id].clone() {
                                Owner::Box { ptr, ty } => Some((ptr, ty)),
                                Owner::ArenaValue { ptr, ty } => Some((Some(ptr), ty)),
                                _ => None,
                            };
                            if let Some((ptr, ty)) = boxed {
                                let value = self.read_at(ptr, &ty)?;
                                return self.index_array(value, index, i.span());
                            }
                            return self.vec_get(id, index, i.span());
                        }
                        plain => return self.index_array(plain, index, i.span()),
                    }
                }
                let value = self.eval(&i.expr, None)?;
                self.index_array(value, index, i.span())
            }
            Expr::Call(c) => self.call(c, hint),
            Expr::MethodCall(m) => self.method(m),
            Expr::Macro(m) => self.mac(&m.mac, hint),
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) | Expr::Loop(_) => unsupported(
                expr,
                "`return`, `break`, `continue` and `loop`; use `for` or `while`",
            ),
            Expr::Closure(_) => unsupported(expr, "closures (threads are not supported yet)"),
            other => unsupported(other, "this expression"),
        }
    }

    /// Runs an `if let` branch with the pattern's bindings.
    fn arm_block(&mut self, bindings: Vec<(String, Value)>, body: &syn::Block) -> R<Value> {
        self.scopes.push(Vec::new());
        for (name, value) in bindings {
            self.bind(name, value);
        }
        let result = self.block(body);
        self.leave_scope(&result)?;
        let value = result?;
        Ok(value)
    }

    /// Runs a match arm with the pattern's bindings.
    fn arm(&mut self, bindings: Vec<(String, Value)>, body: &Expr) -> R<Value> {
        self.scopes.push(Vec::new());
        for (name, value) in bindings {
            self.bind(name, value);
        }
        let result = self.eval(body, None);
        self.leave_scope(&result)?;
        let value = result?;
        Ok(value)
    }

    /// Whether `value` matches `pat`, and the names it binds.
    fn matches(&self, pat: &Pat, value: &Value) -> R<Option<Vec<(String, Value)>>> {
        Ok(match pat {
            Pat::Wild(_) => Some(Vec::new()),
            Pat::Ident(p) if p.ident == "None" => matches!(value, Value::Opt(None)).then(Vec::new),
            Pat::Ident(p) => Some(vec![(p.ident.to_string(), value.clone())]),
            Pat::Lit(l) => {
                let want = match &l.lit {
                    Lit::Int(n) => Value::Int(n.base10_parse().unwrap_or(0), None),
                    Lit::Bool(b) => Value::Bool(b.value),
                    _ => return unsupported(l, "this literal pattern"),
                };
                let same = match (&want, value) {
                    (Value::Int(a, _), Value::Int(b, _)) => a == b,
                    (a, b) => a == b,
                };
                same.then(Vec::new)
            }
            Pat::Tuple(t) => {
                let Value::Tuple(items) = value else {
                    return Ok(None);
                };
                if items.len() != t.elems.len() {
                    return Ok(None);
                }
                let mut bound = Vec::new();
                for (pat, item) in t.elems.iter().zip(items) {
                    match self.matches(pat, item)? {
                        Some(b) => bound.extend(b),
                        None => return Ok(None),
                    }
                }
                Some(bound)
            }
            Pat::TupleStruct(t) => {
                let name = t
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                let inner =
                    match (name.as_str(), value) {
                        ("Ok", Value::Result(true, v))
                        | ("Err", Value::Result(false, v))
                        | ("Some", Value::Opt(Some(v))) => v,
                        ("Ok" | "Err" | "Some", _) => return Ok(None),
                        _ => return unsupported(
                            t,
                            "patterns other than Ok(..), Err(..), Some(..), None, literals and _",
                        ),
                    };
                match t.elems.first() {
                    Some(p) => self.matches(p, inner)?,
                    None => Some(Vec::new()),
                }
            }
            other => return unsupported(other, "this pattern"),
        })
    }

    fn for_loop(&mut self, f: &syn::ExprForLoop) -> R<Value> {
        let name = match &*f.pat {
            Pat::Ident(p) => p.ident.to_string(),
            Pat::Wild(_) => "_".to_string(),
            other => return unsupported(other, "this loop pattern; use a name"),
        };
        let Expr::Range(range) = &*f.expr else {
            return unsupported(&f.expr, "loops over anything but a range `a..b`");
        };
        let (Some(start), Some(end)) = (&range.start, &range.end) else {
            return unsupported(range, "open ranges");
        };
        let (start, ty) = match self.eval(start, None)? {
            Value::Int(v, t) => (v, t),
            _ => return err(start.span(), "a range needs integers"),
        };
        let end = match self.eval(end, None)? {
            Value::Int(v, _) => v,
            _ => return err(end.span(), "a range needs integers"),
        };
        let end = if matches!(range.limits, syn::RangeLimits::Closed(_)) {
            end + 1
        } else {
            end
        };
        let mut i = start;
        while i < end {
            self.step(f.span())?;
            self.scopes.push(Vec::new());
            self.bind(name.clone(), Value::Int(i, ty));
            let result = self.block(&f.body);
            self.leave_scope(&result)?;
            result?;
            i += 1;
        }
        Ok(Value::unit())
    }

    fn lit(&self, lit: &Lit, hint: Option<&Hint>) -> R<Value> {
        Ok(match lit {
            Lit::Int(n) => {
                let suffix = n.suffix();
                let ty = if suffix.is_empty() {
                    match hint {
                        Some(Hint::Plain(Ty::Int(t))) => Some(*t),
                        _ => None,
                    }
                } else {
                    Some(IntTy::from_name(suffix).map_or_else(
                        || err(n.span(), format!("unknown integer suffix `{suffix}`")),
                        Ok,
                    )?)
                };
                let v: i128 = n.base10_parse().or_else(|e| err(n.span(), e.to_string()))?;
                if let Some(t) = ty {
                    let (lo, hi) = t.range(self.target);
                    if v < lo || v > hi {
                        return err(
                            n.span(),
                            format!("literal out of range for `{}`", Ty::Int(t)),
                        );
                    }
                }
                Value::Int(v, ty)
            }
            Lit::Float(f) => {
                let d = match f.suffix() {
                    "f32" => Some(false),
                    "f64" => Some(true),
                    _ => None,
                };
                Value::Float(
                    f.base10_parse().or_else(|e| err(f.span(), e.to_string()))?,
                    d,
                )
            }
            Lit::Bool(b) => Value::Bool(b.value),
            Lit::Char(c) => Value::Char(c.value()),
            Lit::Str(s) => Value::Str(s.value()),
            other => return unsupported(other, "this literal"),
        })
    }

    fn eval_u64(&mut self, expr: &Expr) -> R<u64> {
        match self.eval(expr, None)? {
            Value::Int(v, _) if v >= 0 => {
                u64::try_from(v).or_else(|_| err(expr.span(), "number too large"))
            }
            Value::Int(..) => err(expr.span(), "expected a non-negative number"),
            _ => err(expr.span(), "expected a number"),
        }
    }

    fn struct_lit(&mut self, s: &syn::ExprStruct) -> R<Value> {
        let name = s
            .path
            .segments
            .last()
            .map(|p| p.ident.to_string())
            .unwrap_or_default();
        let Some(def) = self.structs.get(&name).cloned() else {
            return err(s.path.span(), format!("unknown struct `{name}`"));
        };
        let mut items = Vec::new();
        for (field, ty) in &def.fields {
            let Some(fv) = s
                .fields
                .iter()
                .find(|f| matches!(&f.member, syn::Member::Named(n) if n == field))
            else {
                return err(s.span(), format!("missing field `{field}` in `{name}`"));
            };
            let value = self.eval(&fv.expr, Some(&Hint::Plain(ty.clone())))?;
            items.push(value.typed(ty));
        }
        Ok(Value::Struct(def, items))
    }

    fn unary(&mut self, u: &syn::ExprUnary) -> R<Value> {
        match &u.op {
            UnOp::Deref(_) => {
                let id = self.owner_of(&u.expr)?;
                match self.owners[id].clone() {
                    Owner::Box { ptr, ty } => self.read_at(ptr, &ty),
                    Owner::ArenaValue { ptr, ty } => self.read_at(Some(ptr), &ty),
                    Owner::Rc { cell } => {
                        let c = self.cells[cell].clone();
                        let offset = self.rc_value_offset(&c.ty);
                        self.read_at(Some(c.ptr.add(offset)), &c.ty)
                    }
                    _ => unsupported(u, "`*` on this value"),
                }
            }
            UnOp::Neg(_) => match self.eval(&u.expr, None)? {
                Value::Int(v, t) => Ok(Value::Int(-v, t)),
                Value::Float(v, d) => Ok(Value::Float(-v, d)),
                _ => err(u.span(), "cannot negate this"),
            },
            UnOp::Not(_) => match self.eval(&u.expr, None)? {
                Value::Bool(b) => Ok(Value::Bool(!b)),
                _ => err(u.span(), "`!` needs a bool"),
            },
            other => unsupported(other, "this operator"),
        }
    }

    fn binary(&mut self, b: &syn::ExprBinary) -> R<Value> {
        if let BinOp::AddAssign(_) | BinOp::SubAssign(_) | BinOp::MulAssign(_) = b.op {
            let op = match b.op {
                BinOp::AddAssign(_) => BinOp::Add(Default::default()),
                BinOp::SubAssign(_) => BinOp::Sub(Default::default()),
                _ => BinOp::Mul(Default::default()),
            };
            let current = self.eval(&b.left, None)?;
            let right = self.eval(&b.right, None)?;
            let value = self.arith(&op, current, right, b.span())?;
            return self.store(&b.left, value);
        }
        let left = self.eval(&b.left, None)?;
        if let (BinOp::And(_), Value::Bool(false)) | (BinOp::Or(_), Value::Bool(true)) =
            (&b.op, &left)
        {
            return Ok(left);
        }
        let right = self.eval(&b.right, None)?;
        self.arith(&b.op, left, right, b.span())
    }

    fn index_array(&self, value: Value, index: u64, span: Span) -> R<Value> {
        match value {
            Value::Array(items) => match items.get(index as usize) {
                Some(v) => Ok(v.clone()),
                None => err(
                    span,
                    format!(
                        "panicked: index out of bounds: the len is {} but the index is {index}",
                        items.len()
                    ),
                ),
            },
            _ => err(
                span,
                "only arrays, Vecs and boxed arrays can be indexed here",
            ),
        }
    }

    fn arith(&self, op: &BinOp, left: Value, right: Value, span: Span) -> R<Value> {
        use std::cmp::Ordering;
        let ord = match (&left, &right) {
            (Value::Int(a, _), Value::Int(b, _)) => Some(a.cmp(b)),
            (Value::Float(a, _), Value::Float(b, _)) => a.partial_cmp(b),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
            (Value::Char(a), Value::Char(b)) => Some(a.cmp(b)),
            _ => None,
        };
        let compare = |want: &[Ordering]| -> R<Value> {
            match ord {
                Some(o) => Ok(Value::Bool(want.contains(&o))),
                None => err(span, "these values cannot be compared"),
            }
        };
        match op {
            BinOp::Eq(_) => return compare(&[Ordering::Equal]),
            BinOp::Ne(_) => return compare(&[Ordering::Less, Ordering::Greater]),
            BinOp::Lt(_) => return compare(&[Ordering::Less]),
            BinOp::Le(_) => return compare(&[Ordering::Less, Ordering::Equal]),
            BinOp::Gt(_) => return compare(&[Ordering::Greater]),
            BinOp::Ge(_) => return compare(&[Ordering::Greater, Ordering::Equal]),
            BinOp::And(_) | BinOp::Or(_) => {
                return match right {
                    Value::Bool(b) => Ok(Value::Bool(b)),
                    _ => err(span, "`&&` and `||` need bools"),
                }
            }
            _ => {}
        }
        match (left, right) {
            (Value::Int(a, ta), Value::Int(b, tb)) => {
                let ty = ta.or(tb);
                let (name, value) = match op {
                    BinOp::Add(_) => ("add", a.checked_add(b)),
                    BinOp::Sub(_) => ("subtract", a.checked_sub(b)),
                    BinOp::Mul(_) => ("multiply", a.checked_mul(b)),
                    BinOp::Div(_) | BinOp::Rem(_) if b == 0 => {
                        return err(span, "panicked: attempt to divide by zero");
                    }
                    BinOp::Div(_) => ("divide", a.checked_div(b)),
                    BinOp::Rem(_) => ("calculate the remainder", a.checked_rem(b)),
                    other => return unsupported(other, "this operator"),
                };
                let (lo, hi) = ty.unwrap_or(IntTy::Fixed(true, 4)).range(self.target);
                match value {
                    Some(v) if v >= lo && v <= hi => Ok(Value::Int(v, ty)),
                    _ => err(span, format!("panicked: attempt to {name} with overflow")),
                }
            }
            (Value::Float(a, da), Value::Float(b, db)) => {
                let v = match op {
                    BinOp::Add(_) => a + b,
                    BinOp::Sub(_) => a - b,
                    BinOp::Mul(_) => a * b,
                    BinOp::Div(_) => a / b,
                    BinOp::Rem(_) => a % b,
                    other => return unsupported(other, "this operator on floats"),
                };
                Ok(Value::Float(v, da.or(db)))
            }
            _ => err(span, "these values cannot be combined with this operator"),
        }
    }

    fn assign(&mut self, left: &Expr, right: &Expr) -> R<Value> {
        let value = self.eval(right, None)?;
        self.store(left, value)
    }

    fn store(&mut self, left: &Expr, value: Value) -> R<Value> {
        match left {
            Expr::Path(p) => {
                let name = p
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let Some((s, b)) = self.lookup(&name) else {
                    return err(
                        p.span(),
                        format!("cannot find value `{name}` in this scope"),
                    );
                };
                let old = std::mem::replace(&mut self.scopes[s][b].value, value);
                let was_moved = self.scopes[s][b].moved.take();
                // Assigning drops the old value first, as Rust does.
                if let (Value::Owner(id), None) = (old, was_moved) {
                    self.drop_owner(
                        id,
                        &format!("`{name}` is overwritten, so its old value is dropped"),
                    )?;
                }
                Ok(Value::unit())
            }
            Expr::Index(i) => {
                let id = self.owner_of(&i.expr)?;
                let index = self.eval_u64(&i.index)?;
                self.vec_set(id, index, value, i.span())?;
                Ok(Value::unit())
            }
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => {
                let id = self.owner_of(&u.expr)?;
                match self.owners[id].clone() {
                    Owner::Box { ptr, ty } => {
                        self.write_at(ptr, &value.typed(&ty), &ty);
                        Ok(Value::unit())
                    }
                    _ => unsupported(u, "assigning through this pointer"),
                }
            }
            other => unsupported(other, "assigning to this"),
        }
    }

    // ----- calls -----

    fn path_name(path: &syn::Path) -> (String, Option<&Type>) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let turbofish = path.segments.iter().rev().find_map(|s| match &s.arguments {
            syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            }),
            _ => None,
        });
        let n = segments.len();
        let name = if n >= 2
            && segments[n - 2]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            format!("{}::{}", segments[n - 2], segments[n - 1])
        } else {
            segments.last().cloned().unwrap_or_default()
        };
        (name, turbofish)
    }

    fn args(
        &mut self,
        args: &Punctuated<Expr, syn::Token![,]>,
        n: usize,
        span: Span,
        what: &str,
    ) -> R<Vec<Value>> {
        if args.len() != n {
            return err(span, format!("`{what}` takes {n} argument(s)"));
        }
        args.iter().map(|a| self.eval(a, None)).collect()
    }

    fn call(&mut self, c: &syn::ExprCall, hint: Option<&Hint>) -> R<Value> {
        let Expr::Path(p) = &*c.func else {
            return unsupported(&c.func, "calling this");
        };
        let (name, turbofish) = Self::path_name(&p.path);
        let span = c.span();
        let text = source_text(c);
        let elem_hint = match turbofish {
            Some(t) => Some(self.plain(t)?),
            None => match hint {
                Some(Hint::Vec(t)) => t.clone(),
                _ => None,
            },
        };
        match name.as_str() {
            "Vec::new" => Ok(Value::Owner(self.new_owner(Owner::Vec {
                ptr: None,
                cap: 0,
                len: 0,
                elem: elem_hint,
                string: false,
            }))),
            "String::new" => Ok(Value::Owner(self.new_owner(Owner::Vec {
                ptr: None,
                cap: 0,
                len: 0,
                elem: Some(u8_ty()),
                string: true,
            }))),
            "Vec::with_capacity" | "String::with_capacity" => {
                let n = match c.args.first() {
                    Some(a) if c.args.len() == 1 => self.eval_u64(a)?,
                    _ => return err(span, format!("`{name}` takes 1 argument")),
                };
                let string = name.starts_with("String");
                let elem = if string { Some(u8_ty()) } else { elem_hint };
                let id = self.new_owner(Owner::Vec {
                    ptr: None,
                    cap: 0,
                    len: 0,
                    elem,
                    string,
                });
                if n > 0 {
                    self.grow(
                        id,
                        n,
                        &format!("`{text}` allocates room for exactly {n}"),
                        Exactness::Exact,
                        false,
                    )?;
                }
                Ok(Value::Owner(id))
            }
            "String::from" => {
                let args = self.args(&c.args, 1, span, "String::from")?;
                let Value::Str(s) = &args[0] else {
                    return err(span, "`String::from` takes a string literal here");
                };
                let id = self.new_owner(Owner::Vec {
                    ptr: None,
                    cap: 0,
                    len: 0,
                    elem: Some(u8_ty()),
                    string: true,
                });
                if !s.is_empty() {
                    self.grow(
                        id,
                        s.len() as u64,
                        &format!("`{text}` copies {} bytes to the heap", s.len()),
                        Exactness::Exact,
                        false,
                    )?;
                    self.push_bytes(id, s.as_bytes());
                }
                Ok(Value::Owner(id))
            }
            "Box::new" => {
                let value = self.args(&c.args, 1, span, "Box::new")?.remove(0);
                let ty = match (hint, value.ty()) {
                    (Some(Hint::Box(t)), _) => t.clone(),
                    (_, Some(t)) => t,
                    _ => return unsupported(&c.args, "boxing a heap owner; box plain data"),
                };
                let reason = format!("`{text}`: Box<{ty}> needs Layout::new::<{ty}>()");
                self.new_box(value.typed(&ty), ty, &reason)
            }
            "Box::leak" => {
                let value = self.args(&c.args, 1, span, "Box::leak")?.remove(0);
                let Value::Owner(id) = value else {
                    return err(span, "`Box::leak` takes a Box");
                };
                self.leaks.push(format!(
                    "{}:{}: `{text}` leaks the box on purpose",
                    self.here.0, self.here.1
                ));
                self.owners[id] = Owner::Gone;
                Ok(Value::unit())
            }
            "Rc::new" => {
                let value = self.args(&c.args, 1, span, "Rc::new")?.remove(0);
                let ty = match (hint, value.ty()) {
                    (Some(Hint::Rc(t)), _) => t.clone(),
                    (_, Some(t)) => t,
                    _ => return unsupported(&c.args, "an Rc of a heap owner; use plain data"),
                };
                let layout = std_rules::rc_layout(ty.layout(self.target), self.target);
                let reason = format!(
                    "`{text}`: RcInner<{ty}> is two counters (strong, weak) then the value"
                );
                let addr = self.alloc_infallible(layout, false, &reason)?;
                let word = self.target.word_size();
                self.sim.heap_mut().write_word(addr, 1);
                self.sim.heap_mut().write_word(addr.add(word), 1);
                let offset = self.rc_value_offset(&ty);
                self.write_at(Some(addr.add(offset)), &value.typed(&ty), &ty);
                self.cells.push(RcCell {
                    ptr: addr,
                    ty,
                    strong: 1,
                });
                let cell = self.cells.len() - 1;
                Ok(Value::Owner(self.new_owner(Owner::Rc { cell })))
            }
            "Rc::clone" => {
                let id = match c.args.first() {
                    Some(a) => self.owner_of(a)?,
                    None => return err(span, "`Rc::clone` takes `&rc`"),
                };
                self.rc_clone(id, span)
            }
            "Rc::strong_count" => {
                let id = match c.args.first() {
                    Some(a) => self.owner_of(a)?,
                    None => return err(span, "`Rc::strong_count` takes `&rc`"),
                };
                match self.owners[id] {
                    Owner::Rc { cell } => Ok(Value::Int(
                        i128::from(self.cells[cell].strong),
                        Some(IntTy::Word(false)),
                    )),
                    _ => err(span, "not an Rc"),
                }
            }
            "drop" => {
                let value = self.args(&c.args, 1, span, "drop")?.remove(0);
                if let Value::Owner(id) = value {
                    self.drop_owner(id, &format!("`{text}`"))?;
                }
                Ok(Value::unit())
            }
            "forget" => {
                let value = self.args(&c.args, 1, span, "mem::forget")?.remove(0);
                if let Value::Owner(id) = value {
                    self.leaks.push(format!(
                        "{}:{}: `{text}` leaks it: no dealloc will ever run",
                        self.here.0, self.here.1
                    ));
                    self.owners[id] = Owner::Gone;
                }
                Ok(Value::unit())
            }
            "Ok" | "Err" | "Some" => {
                let value = self.args(&c.args, 1, span, &name)?.remove(0);
                Ok(match name.as_str() {
                    "Some" => Value::Opt(Some(Box::new(value))),
                    _ => Value::Result(name == "Ok", Box::new(value)),
                })
            }
            "Layout::new" => {
                let Some(t) = turbofish else {
                    return err(span, "write the type: `Layout::new::<T>()`");
                };
                Ok(Value::Layout(self.plain(t)?.layout(self.target)))
            }
            "Layout::array" => {
                let Some(t) = turbofish else {
                    return err(span, "write the type: `Layout::array::<T>(n)`");
                };
                let elem = self.plain(t)?.layout(self.target);
                let n = match c.args.first() {
                    Some(a) => self.eval_u64(a)?,
                    None => return err(span, "`Layout::array` takes a length"),
                };
                Ok(match std_rules::array_layout(elem, n, self.target) {
                    Ok(l) => Value::Result(true, Box::new(Value::Layout(l))),
                    Err(_) => Value::Result(false, Box::new(Value::LayoutError)),
                })
            }
            "Layout::from_size_align" => {
                let args = self.args(&c.args, 2, span, "Layout::from_size_align")?;
                let (Value::Int(size, _), Value::Int(align, _)) = (&args[0], &args[1]) else {
                    return err(span, "`Layout::from_size_align` takes two numbers");
                };
                let (size, align) = (
                    u64::try_from(*size).unwrap_or(u64::MAX),
                    u64::try_from(*align).unwrap_or(0),
                );
                Ok(match self.target.check_layout(size, align) {
                    Ok(()) => {
                        Value::Result(true, Box::new(Value::Layout(LayoutSpec { size, align })))
                    }
                    Err(_) => Value::Result(false, Box::new(Value::LayoutError)),
                })
            }
            "alloc" | "alloc_zeroed" => {
                let args = self.args(&c.args, 1, span, &name)?;
                let Value::Layout(layout) = args[0] else {
                    return err(span, format!("`{name}` takes a Layout"));
                };
                let zeroed = name == "alloc_zeroed";
                let op = if zeroed {
                    CallOp::AllocZeroed
                } else {
                    CallOp::Alloc
                };
                let result = self.sim.alloc_spec(self.thread, layout, zeroed);
                let addr = self.record(
                    op,
                    layout,
                    None,
                    &result,
                    &format!("`{text}`: a raw call to the global allocator"),
                )?;
                if let Ok(a) = result {
                    self.leaks.push(format!(
                        "{}:{}: raw allocation at {a} (freed only by `dealloc`)",
                        self.here.0, self.here.1
                    ));
                }
                Ok(Value::Ptr(addr.unwrap_or(Addr(0))))
            }
            "dealloc" => {
                let args = self.args(&c.args, 2, span, "dealloc")?;
                let (Value::Ptr(ptr), Value::Layout(layout)) = (&args[0], &args[1]) else {
                    return err(span, "`dealloc` takes a pointer and a Layout");
                };
                let result = self
                    .sim
                    .dealloc_spec(self.thread, *ptr, *layout)
                    .map(|()| *ptr);
                self.record(
                    CallOp::Dealloc,
                    *layout,
                    None,
                    &result,
                    &format!("`{text}`"),
                )?;
                if result.is_ok() {
                    let tag = format!("raw allocation at {ptr} ");
                    self.leaks.retain(|l| !l.contains(&tag));
                }
                Ok(Value::unit())
            }
            "realloc" => {
                let args = self.args(&c.args, 3, span, "realloc")?;
                let (Value::Ptr(ptr), Value::Layout(layout), Value::Int(n, _)) =
                    (&args[0], &args[1], &args[2])
                else {
                    return err(span, "`realloc` takes a pointer, a Layout and a new size");
                };
                let new_size = u64::try_from(*n).unwrap_or(0);
                let result = self.sim.realloc_spec(self.thread, *ptr, *layout, new_size);
                let addr = self.record(
                    CallOp::Realloc,
                    *layout,
                    Some(new_size),
                    &result,
                    &format!("`{text}`"),
                )?;
                if let Some(new) = addr.filter(|&a| a != *ptr) {
                    let tag = format!("raw allocation at {ptr} ");
                    for l in &mut self.leaks {
                        if l.contains(&tag) {
                            *l = l.replace(&tag, &format!("raw allocation at {new} "));
                        }
                    }
                }
                Ok(Value::Ptr(addr.unwrap_or(Addr(0))))
            }
            "handle_alloc_error" => {
                let args = self.args(&c.args, 1, span, "handle_alloc_error")?;
                let Value::Layout(layout) = args[0] else {
                    return err(span, "`handle_alloc_error` takes a Layout");
                };
                Err(Halt::Abort(
                    format!("memory allocation of {} bytes failed", layout.size),
                    self.here,
                ))
            }
            "spawn" => self.spawn(c),
            "Bump::new" => Ok(Value::Owner(self.new_owner(Owner::Arena(BumpArena::new())))),
            "Vec::new_in" => {
                let arena = match c.args.first() {
                    Some(a) => self.owner_of(a)?,
                    None => return err(span, "`Vec::new_in` takes `&bump`"),
                };
                if !matches!(self.owners[arena], Owner::Arena(_)) {
                    return err(span, "`Vec::new_in` takes a `&Bump` here");
                }
                let id = self.new_owner(Owner::Vec {
                    ptr: None,
                    cap: 0,
                    len: 0,
                    elem: elem_hint,
                    string: false,
                });
                self.vec_arena.insert(id, (arena, None));
                Ok(Value::Owner(id))
            }
            _ => unsupported(&c.func, &format!("calling `{name}`")),
        }
    }

    fn method(&mut self, m: &syn::ExprMethodCall) -> R<Value> {
        let name = m.method.to_string();
        let span = m.span();
        let text = source_text(m);
        // Methods on plain values first.
        let receiver_owner = match &*m.receiver {
            Expr::Path(p) => {
                let (s, b) = self.binding(p)?;
                match self.scopes[s][b].value {
                    Value::Owner(id) => Some(id),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(id) = receiver_owner else {
            let value = self.eval(&m.receiver, None)?;
            return self.value_method(value, &name, m, span);
        };
        match self.owners[id].clone() {
            Owner::Vec { .. } => self.vec_method(id, &name, m, &text),
            Owner::Rc { .. } if name == "clone" => self.rc_clone(id, span),
            Owner::Arena(_) if name == "alloc" => {
                let value = self.args(&m.args, 1, span, "alloc")?.remove(0);
                let Some(ty) = value.ty() else {
                    return unsupported(&m.args, "putting a heap owner in the arena");
                };
                let layout = ty.layout(self.target);
                let core = core_layout(layout, span)?;
                let reason = format!("`{text}`: bumps {} bytes down in the arena", layout.size);
                let addr =
                    self.arena_op(id, CallOp::Alloc, layout, None, &reason, |a, sim, log| {
                        a.alloc(sim, core, log).map(|r| r.0)
                    })?;
                let Some(addr) = addr else {
                    return Err(Halt::Abort(
                        format!("memory allocation of {} bytes failed", layout.size),
                        self.here,
                    ));
                };
                self.write_at(Some(addr), &value.typed(&ty), &ty);
                Ok(Value::Owner(
                    self.new_owner(Owner::ArenaValue { ptr: addr, ty }),
                ))
            }
            Owner::Arena(_) if name == "reset" => {
                let reason = format!(
                    "`{text}`: every chunk but the newest goes back; the newest is emptied"
                );
                self.arena_op(
                    id,
                    CallOp::Dealloc,
                    LayoutSpec { size: 0, align: 1 },
                    None,
                    &reason,
                    |a, sim, log| a.reset(sim, log).map(|()| Addr(0)),
                )?;
                let vecs: Vec<usize> = self
                    .vec_arena
                    .iter()
                    .filter(|(_, (arena, _))| *arena == id)
                    .map(|(v, _)| *v)
                    .collect();
                for vec in vecs {
                    self.vec_arena.insert(vec, (id, None));
                    if let Owner::Vec { ptr, cap, len, .. } = &mut self.owners[vec] {
                        *ptr = None;
                        *cap = 0;
                        *len = 0;
                    }
                }
                Ok(Value::unit())
            }
            Owner::Box { ptr, ty } if name == "clone" => {
                let value = self.read_at(ptr, &ty)?;
                let reason = format!("`{text}`: a new Box<{ty}>");
                self.new_box(value, ty, &reason)
            }
            _ => unsupported(&m.method, &format!("the method `{name}` on this value")),
        }
    }

    fn value_method(
        &mut self,
        value: Value,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Value> {
        match (value, name) {
            (Value::Result(true, v), "unwrap" | "expect") => Ok(*v),
            (Value::Result(false, e), "unwrap") => err(
                span,
                format!(
                    "panicked: called `Result::unwrap()` on an `Err` value: {}",
                    e.show(true)
                ),
            ),
            (Value::Result(false, e), "expect") => {
                let msg = match m.args.first() {
                    Some(Expr::Lit(syn::ExprLit {
                        lit: Lit::Str(s), ..
                    })) => s.value(),
                    _ => String::new(),
                };
                err(span, format!("panicked: {msg}: {}", e.show(true)))
            }
            (Value::Result(ok, _), "is_ok") => Ok(Value::Bool(ok)),
            (Value::Result(ok, _), "is_err") => Ok(Value::Bool(!ok)),
            (Value::Opt(Some(v)), "unwrap") => Ok(*v),
            (Value::Opt(None), "unwrap") => err(
                span,
                "panicked: called `Option::unwrap()` on a `None` value",
            ),
            (Value::Opt(o), "is_some") => Ok(Value::Bool(o.is_some())),
            (Value::Opt(o), "is_none") => Ok(Value::Bool(o.is_none())),
            (Value::Layout(l), "size") => {
                Ok(Value::Int(i128::from(l.size), Some(IntTy::Word(false))))
            }
            (Value::Layout(l), "align") => {
                Ok(Value::Int(i128::from(l.align), Some(IntTy::Word(false))))
            }
            (Value::Layout(l), "pad_to_align") => Ok(Value::Layout(std_rules::pad_to_align(l))),
            (Value::Layout(l), "extend") => {
                let args = self.args(&m.args, 1, span, "extend")?;
                let Value::Layout(next) = args[0] else {
                    return err(span, "`extend` takes a Layout");
                };
                let (whole, offset) = std_rules::extend(l, next);
                Ok(match self.target.check_layout(whole.size, whole.align) {
                    Ok(()) => Value::Result(
                        true,
                        Box::new(Value::Tuple(vec![
                            Value::Layout(whole),
                            Value::Int(i128::from(offset), Some(IntTy::Word(false))),
                        ])),
                    ),
                    Err(_) => Value::Result(false, Box::new(Value::LayoutError)),
                })
            }
            (Value::Ptr(p), "is_null") => Ok(Value::Bool(p.0 == 0)),
            (Value::Thread(i), "join") => {
                // Main waits: every live thread keeps taking turns until this one ends.
                while !self.threads[i].done {
                    self.step(span)?;
                    for t in 0..self.threads.len() {
                        self.thread_step(t)?;
                    }
                }
                Ok(Value::Result(true, Box::new(Value::unit())))
            }
            (v, _) => unsupported(
                &m.method,
                &format!("the method `{name}` on {}", v.show(true)),
            ),
        }
    }

    // ----- Vec and String -----

    fn vec_state(&self, id: usize) -> (Option<Addr>, u64, u64, Option<Ty>, bool) {
        match &self.owners[id] {
            Owner::Vec {
                ptr,
                cap,
                len,
                elem,
                string,
            } => (*ptr, *cap, *len, elem.clone(), *string),
            _ => (None, 0, 0, None, false),
        }
    }

    fn set_vec(&mut self, id: usize, new_ptr: Option<Addr>, new_cap: u64, new_len: u64) {
        if let Owner::Vec { ptr, cap, len, .. } = &mut self.owners[id] {
            *ptr = new_ptr;
            *cap = new_cap;
            *len = new_len;
        }
    }

    fn elem_of(&mut self, id: usize, value: Option<&Value>, span: Span) -> R<Ty> {
        let (.., elem, _) = self.vec_state(id);
        if let Some(t) = elem {
            return Ok(t);
        }
        match value.and_then(Value::ty) {
            Some(t) => {
                if let Owner::Vec { elem, .. } = &mut self.owners[id] {
                    *elem = Some(t.clone());
                }
                Ok(t)
            }
            None => err(span, "the element type of this Vec is not known here: write it, as in `let mut v: Vec<u32> = Vec::new();`"),
        }
    }

    fn vec_name(&self, id: usize) -> String {
        match &self.owners[id] {
            Owner::Vec { string: true, .. } => "String".into(),
            Owner::Vec { elem: Some(t), .. } => format!("Vec<{t}>"),
            _ => "Vec<_>".into(),
        }
    }

    fn vec_method(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Value> {
        let span = m.span();
        let (_, cap, len, _, string) = self.vec_state(id);
        let usize_value = |n: u64| Value::Int(i128::from(n), Some(IntTy::Word(false)));
        match name {
            "len" => Ok(usize_value(len)),
            "capacity" => {
                let zst = self
                    .vec_state(id)
                    .3
                    .is_some_and(|t| t.is_zero_sized(self.target));
                Ok(usize_value(if zst {
                    std_rules::usize_max(self.target)
                } else {
                    cap
                }))
            }
            "is_empty" => Ok(Value::Bool(len == 0)),
            "clear" => {
                self.set_vec(id, self.vec_state(id).0, cap, 0);
                Ok(Value::unit())
            }
            "truncate" => {
                let n = self.arg_u64(m, 0)?;
                self.set_vec(id, self.vec_state(id).0, cap, len.min(n));
                Ok(Value::unit())
            }
            "push" if string => {
                let args = self.args(&m.args, 1, span, "push")?;
                let Value::Char(c) = args[0] else {
                    return err(span, "`String::push` takes a char");
                };
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes().to_vec();
                self.reserve(id, bytes.len() as u64, text, Exactness::Amortized, false)?;
                self.push_bytes(id, &bytes);
                Ok(Value::unit())
            }
            "push_str" => {
                let args = self.args(&m.args, 1, span, "push_str")?;
                let Value::Str(s) = &args[0] else {
                    return err(span, "`push_str` takes a string literal here");
                };
                self.reserve(id, s.len() as u64, text, Exactness::Amortized, false)?;
                self.push_bytes(id, s.as_bytes());
                Ok(Value::unit())
            }
            "push" => {
                let value = self.args(&m.args, 1, span, "push")?.remove(0);
                let ty = self.elem_of(id, Some(&value), span)?;
                self.check_type(&value, &ty)?;
                self.reserve(id, 1, text, Exactness::Amortized, false)?;
                let (_, _, len, ..) = self.vec_state(id);
                self.vec_write(id, len, &value.typed(&ty), &ty);
                let (ptr, cap, ..) = self.vec_state(id);
                self.set_vec(id, ptr, cap, len + 1);
                Ok(Value::unit())
            }
            "pop" => {
                if len == 0 {
                    return Ok(Value::Opt(None));
                }
                let value = self.vec_get(id, len - 1, span)?;
                self.set_vec(id, self.vec_state(id).0, cap, len - 1);
                Ok(Value::Opt(Some(Box::new(value))))
            }
            "insert" => {
                let args = self.args(&m.args, 2, span, "insert")?;
                let Value::Int(index, _) = args[0] else {
                    return err(span, "`insert` takes an index");
                };
                let index = u64::try_from(index).unwrap_or(u64::MAX);
                if index > len {
                    return err(
                        span,
                        format!(
                            "panicked: insertion index (is {index}) should be <= len (is {len})"
                        ),
                    );
                }
                let ty = self.elem_of(id, Some(&args[1]), span)?;
                self.check_type(&args[1], &ty)?;
                self.reserve(id, 1, text, Exactness::Amortized, false)?;
                let (ptr, cap, ..) = self.vec_state(id);
                let size = ty.layout(self.target).size;
                if let (Some(p), true) = (ptr, size > 0) {
                    self.sim.heap_mut().copy(
                        p.add(index * size),
                        p.add((index + 1) * size),
                        (len - index) * size,
                    );
                }
                self.vec_write(id, index, &args[1].clone().typed(&ty), &ty);
                self.set_vec(id, ptr, cap, len + 1);
                Ok(Value::unit())
            }
            "extend_from_slice" => {
                let args = self.args(&m.args, 1, span, "extend_from_slice")?;
                let Value::Array(items) = &args[0] else {
                    return err(span, "`extend_from_slice` takes `&[…]` here");
                };
                let ty = self.elem_of(id, items.first(), span)?;
                for item in items {
                    self.check_type(item, &ty)?;
                }
                self.reserve(id, items.len() as u64, text, Exactness::Amortized, false)?;
                for item in items {
                    let (ptr, cap, len, ..) = self.vec_state(id);
                    self.vec_write(id, len, &item.clone().typed(&ty), &ty);
                    self.set_vec(id, ptr, cap, len + 1);
                }
                Ok(Value::unit())
            }
            "reserve" | "reserve_exact" | "try_reserve" | "try_reserve_exact" => {
                let n = self.arg_u64(m, 0)?;
                let exact = if name.ends_with("exact") {
                    Exactness::Exact
                } else {
                    Exactness::Amortized
                };
                let fallible = name.starts_with("try");
                self.elem_of(id, None, span)?;
                match self.reserve(id, n, text, exact, fallible) {
                    Ok(()) if fallible => Ok(Value::Result(true, Box::new(Value::unit()))),
                    Ok(()) => Ok(Value::unit()),
                    Err(Halt::TryReserve(layout)) => Ok(Value::Result(
                        false,
                        Box::new(Value::TryReserveError(layout)),
                    )),
                    Err(h) => Err(h),
                }
            }
            "shrink_to_fit" => {
                self.shrink(id, len, text)?;
                Ok(Value::unit())
            }
            "shrink_to" => {
                let min = self.arg_u64(m, 0)?;
                if cap > min {
                    self.shrink(id, len.max(min), text)?;
                }
                Ok(Value::unit())
            }
            "clone" => {
                let (ptr, _, len, elem, string) = self.vec_state(id);
                let new = self.new_owner(Owner::Vec {
                    ptr: None,
                    cap: 0,
                    len: 0,
                    elem: elem.clone(),
                    string,
                });
                if len > 0 {
                    let what = self.vec_name(id);
                    self.grow(
                        new,
                        len,
                        &format!("`{text}`: a new {what} of exactly its length, {len}"),
                        Exactness::Exact,
                        false,
                    )?;
                    let size = elem.map_or(0, |t| t.layout(self.target).size);
                    if let (Some(from), Some(to)) = (ptr, self.vec_state(new).0) {
                        self.sim.heap_mut().copy(from, to, len * size);
                    }
                    let (p, c, ..) = self.vec_state(new);
                    self.set_vec(new, p, c, len);
                }
                Ok(Value::Owner(new))
            }
            _ => unsupported(
                &m.method,
                &format!("the method `{name}` on {}", self.vec_name(id)),
            ),
        }
    }

    fn arg_u64(&mut self, m: &syn::ExprMethodCall, i: usize) -> R<u64> {
        match m.args.iter().nth(i) {
            Some(a) => self.eval_u64(a),
            None => err(m.span(), format!("`{}` needs an argument", m.method)),
        }
    }

    /// Makes room for `additional` more elements, as `RawVec::reserve` or
    /// `reserve_exact`: nothing if there is room already.
    fn reserve(
        &mut self,
        id: usize,
        additional: u64,
        text: &str,
        exact: Exactness,
        fallible: bool,
    ) -> R<()> {
        let (_, cap, len, elem, _) = self.vec_state(id);
        let elem = elem.unwrap_or_else(u8_ty);
        let size = elem.layout(self.target).size;
        if size == 0 || cap - len >= additional {
            return Ok(());
        }
        let new_cap = match exact {
            Exactness::Amortized => {
                std_rules::amortized_capacity(cap, len, additional, size, self.target)
            }
            Exactness::Exact => std_rules::exact_capacity(len, additional, self.target),
        };
        let what = self.vec_name(id);
        let reason = |new_cap: u64| {
            if cap == 0 {
                format!("`{text}`: {what} has no buffer yet; it allocates room for {new_cap}")
            } else {
                format!("`{text}`: {what} is full at {cap}, grows to {new_cap}")
            }
        };
        match new_cap {
            Ok(n) => self.grow(id, n, &reason(n), exact, fallible),
            Err(GrowError::CapacityOverflow) => self.capacity_overflow(fallible),
        }
    }

    /// The size would pass `isize::MAX`: the allocator is not even asked.
    fn capacity_overflow<T>(&self, fallible: bool) -> R<T> {
        if fallible {
            return Err(Halt::TryReserve(None));
        }
        let (line, column) = self.here;
        Err(Halt::Error(ScenarioError {
            line,
            column,
            message: "panicked: capacity overflow".to_string(),
        }))
    }

    /// Gives the Vec exactly `new_cap` elements of room: `alloc` for the
    /// first buffer, `realloc` after.
    fn grow(
        &mut self,
        id: usize,
        new_cap: u64,
        reason: &str,
        _exact: Exactness,
        fallible: bool,
    ) -> R<()> {
        let (ptr, cap, len, elem, _) = self.vec_state(id);
        let elem = elem.unwrap_or_else(u8_ty).layout(self.target);
        if elem.size == 0 {
            return Ok(());
        }
        let Ok(new_layout) = std_rules::array_layout(elem, new_cap, self.target) else {
            return self.capacity_overflow(fallible);
        };
        if let Some(&(arena, block)) = self.vec_arena.get(&id) {
            return self.grow_in_arena(
                id, arena, block, ptr, cap, elem, new_cap, new_layout, reason,
            );
        }
        let result = match ptr {
            None => self.sim.alloc_spec(self.thread, new_layout, false),
            Some(p) => {
                let old = LayoutSpec {
                    size: elem.size * cap,
                    align: elem.align,
                };
                self.sim.realloc_spec(self.thread, p, old, new_layout.size)
            }
        };
        let (op, layout, new_size) = match ptr {
            None => (CallOp::Alloc, new_layout, None),
            Some(_) => (
                CallOp::Realloc,
                LayoutSpec {
                    size: elem.size * cap,
                    align: elem.align,
                },
                Some(new_layout.size),
            ),
        };
        let failed = result
            .as_ref()
            .err()
            .is_some_and(CallError::is_out_of_memory);
        let addr = self.record(op, layout, new_size, &result, reason)?;
        if failed {
            if fallible {
                return Err(Halt::TryReserve(Some(new_layout)));
            }
            return Err(Halt::Abort(
                format!("memory allocation of {} bytes failed", new_layout.size),
                self.here,
            ));
        }
        self.set_vec(id, addr, new_cap, len);
        Ok(())
    }

    /// A `Vec::new_in(&bump)` grows through bumpalo's `allocate` and `grow`.
    #[allow(clippy::too_many_arguments)]
    fn grow_in_arena(
        &mut self,
        id: usize,
        arena: usize,
        block: Option<AllocId>,
        ptr: Option<Addr>,
        cap: u64,
        elem: LayoutSpec,
        new_cap: u64,
        new_layout: LayoutSpec,
        reason: &str,
    ) -> R<()> {
        let reason = format!("{reason}, in the Bump");
        let (_, _, len, ..) = self.vec_state(id);
        let addr = match (ptr, block) {
            (Some(p), Some(block)) => {
                let old = LayoutSpec {
                    size: elem.size * cap,
                    align: elem.align,
                };
                let old_core = core_layout(old, Span::call_site())?;
                self.arena_op(
                    arena,
                    CallOp::Realloc,
                    old,
                    Some(new_layout.size),
                    &reason,
                    move |a, sim, log| a.realloc(sim, p, old_core, new_layout.size, block, log),
                )?
            }
            _ => {
                let core = core_layout(new_layout, Span::call_site())?;
                let mut new_block = None;
                let addr = self.arena_op(
                    arena,
                    CallOp::Alloc,
                    new_layout,
                    None,
                    &reason,
                    |a, sim, log| {
                        a.alloc(sim, core, log).map(|(addr, block)| {
                            new_block = Some(block);
                            addr
                        })
                    },
                )?;
                self.vec_arena.insert(id, (arena, new_block));
                addr
            }
        };
        let Some(addr) = addr else {
            return Err(Halt::Abort(
                format!("memory allocation of {} bytes failed", new_layout.size),
                self.here,
            ));
        };
        self.set_vec(id, Some(addr), new_cap, len);
        Ok(())
    }

    /// Runs an operation on a bump arena and records it: first the global
    /// allocator calls it made for chunks, then the arena call itself.
    fn arena_op(
        &mut self,
        arena: usize,
        op: CallOp,
        layout: LayoutSpec,
        new_size: Option<u64>,
        reason: &str,
        f: impl FnOnce(&mut BumpArena, &mut Simulation, &mut Log) -> Result<Addr, CallError>,
    ) -> R<Option<Addr>> {
        let Owner::Arena(mut bump) = std::mem::replace(&mut self.owners[arena], Owner::Gone) else {
            return Err(Halt::Error(ScenarioError {
                line: self.here.0,
                column: self.here.1,
                message: "the Bump is gone".into(),
            }));
        };
        let before: Vec<(Addr, LayoutSpec)> =
            bump.chunks().iter().map(|c| (c.addr, c.layout)).collect();
        let mut log = Log::default();
        let result = f(&mut bump, self.sim, &mut log);
        let after: Vec<(Addr, LayoutSpec)> =
            bump.chunks().iter().map(|c| (c.addr, c.layout)).collect();
        self.owners[arena] = Owner::Arena(bump);
        for &(addr, chunk) in after.iter().filter(|c| !before.contains(c)) {
            let why = format!(
                "the Bump takes a new chunk from the global allocator ({} bytes, bumpalo's size)",
                chunk.size
            );
            self.record(CallOp::Alloc, chunk, None, &Ok(addr), &why)?;
        }
        for &(addr, chunk) in before.iter().filter(|c| !after.contains(c)) {
            self.record(
                CallOp::Dealloc,
                chunk,
                None,
                &Ok(addr),
                "the Bump gives a chunk back to the global allocator",
            )?;
        }
        if op != CallOp::Dealloc || layout.size > 0 {
            let (line, column) = self.here;
            self.calls.push(ScenarioCall {
                line,
                column,
                reason: reason.to_string(),
                op,
                layout,
                new_size,
                addr: result.as_ref().ok().copied(),
                error: result.as_ref().err().map(ToString::to_string),
                events: log.events,
                arena: true,
                thread: self.thread.0,
                metrics: self.sim.metrics(),
            });
            if self
                .limits
                .stop_after_calls
                .is_some_and(|n| self.calls.len() >= n)
            {
                return Err(Halt::Stop);
            }
        }
        match result {
            Ok(addr) => Ok(Some(addr)),
            Err(e) if e.is_out_of_memory() => Ok(None),
            Err(e) => Err(Halt::Error(ScenarioError {
                line: self.here.0,
                column: self.here.1,
                message: e.to_string(),
            })),
        }
    }

    /// `RawVec::shrink`: `dealloc` when nothing is left, else `realloc` down.
    fn shrink(&mut self, id: usize, to: u64, text: &str) -> R<()> {
        let (ptr, cap, len, elem, _) = self.vec_state(id);
        let elem = elem.unwrap_or_else(u8_ty).layout(self.target);
        let Some(p) = ptr else { return Ok(()) };
        if elem.size == 0 || cap <= to {
            return Ok(());
        }
        let old = LayoutSpec {
            size: elem.size * cap,
            align: elem.align,
        };
        let what = self.vec_name(id);
        if to == 0 {
            let result = self.sim.dealloc_spec(self.thread, p, old).map(|()| p);
            self.record(
                CallOp::Dealloc,
                old,
                None,
                &result,
                &format!("`{text}`: the {what} is empty, so its buffer is freed"),
            )?;
            self.set_vec(id, None, 0, len);
            return Ok(());
        }
        let result = self.sim.realloc_spec(self.thread, p, old, to * elem.size);
        let reason = format!("`{text}`: {what} shrinks from {cap} to {to}");
        let addr = self.record(CallOp::Realloc, old, Some(to * elem.size), &result, &reason)?;
        if result.is_err() {
            return Err(Halt::Abort(
                format!("memory allocation of {} bytes failed", to * elem.size),
                self.here,
            ));
        }
        self.set_vec(id, addr, to, len);
        Ok(())
    }

    /// A value about to be stored as a `ty`, or the mismatch Rust would report.
    fn check_type(&self, value: &Value, ty: &Ty) -> R<()> {
        if value.fits(ty) {
            return Ok(());
        }
        let found = value
            .ty()
            .map_or_else(|| "a heap owner".to_string(), |t| format!("`{t}`"));
        let (line, column) = self.here;
        Err(Halt::Error(ScenarioError {
            line,
            column,
            message: format!("mismatched types: expected `{ty}`, found {found}"),
        }))
    }

    fn vec_write(&mut self, id: usize, index: u64, value: &Value, ty: &Ty) {
        let (ptr, ..) = self.vec_state(id);
        let size = ty.layout(self.target).size;
        if let (Some(p), true) = (ptr, size > 0) {
            self.write_at(Some(p.add(index * size)), value, ty);
        }
    }

    fn push_bytes(&mut self, id: usize, bytes: &[u8]) {
        let (ptr, cap, len, ..) = self.vec_state(id);
        if let Some(p) = ptr {
            self.sim.heap_mut().write(p.add(len), bytes);
        }
        self.set_vec(id, ptr, cap, len + bytes.len() as u64);
    }

    fn vec_get(&mut self, id: usize, index: u64, span: Span) -> R<Value> {
        let (ptr, _, len, elem, string) = self.vec_state(id);
        if string {
            return unsupported_span(span, "indexing a String (Rust does not allow it either)");
        }
        if index >= len {
            return err(
                span,
                format!("panicked: index out of bounds: the len is {len} but the index is {index}"),
            );
        }
        let ty = elem.unwrap_or_else(u8_ty);
        let size = ty.layout(self.target).size;
        self.read_at(ptr.map(|p| p.add(index * size)), &ty)
    }

    fn vec_set(&mut self, id: usize, index: u64, value: Value, span: Span) -> R<()> {
        let (_, _, len, elem, _) = self.vec_state(id);
        if index >= len {
            return err(
                span,
                format!("panicked: index out of bounds: the len is {len} but the index is {index}"),
            );
        }
        let ty = elem.unwrap_or_else(u8_ty);
        self.check_type(&value, &ty)?;
        self.vec_write(id, index, &value.typed(&ty), &ty);
        Ok(())
    }

    // ----- owners -----

    fn new_owner(&mut self, owner: Owner) -> usize {
        self.owners.push(owner);
        self.owners.len() - 1
    }

    /// `Box::new(value)`: `alloc(Layout::new::<T>())` and the value written
    /// there; a zero-sized `T` allocates nothing.
    fn new_box(&mut self, value: Value, ty: Ty, reason: &str) -> R<Value> {
        let layout = ty.layout(self.target);
        let ptr = if layout.size == 0 {
            None
        } else {
            let addr = self.alloc_infallible(layout, false, reason)?;
            self.write_at(Some(addr), &value, &ty);
            Some(addr)
        };
        Ok(Value::Owner(self.new_owner(Owner::Box { ptr, ty })))
    }

    fn rc_value_offset(&self, ty: &Ty) -> u64 {
        let word = self.target.word_size();
        std_rules::extend(
            LayoutSpec {
                size: 2 * word,
                align: word,
            },
            ty.layout(self.target),
        )
        .1
    }

    fn rc_clone(&mut self, id: usize, span: Span) -> R<Value> {
        let Owner::Rc { cell } = self.owners[id] else {
            return err(span, "not an Rc");
        };
        self.cells[cell].strong += 1;
        let (ptr, strong) = (self.cells[cell].ptr, self.cells[cell].strong);
        self.sim.heap_mut().write_word(ptr, strong);
        Ok(Value::Owner(self.new_owner(Owner::Rc { cell })))
    }

    fn drop_owner(&mut self, id: usize, reason: &str) -> R<()> {
        let owner = std::mem::replace(&mut self.owners[id], Owner::Gone);
        match owner {
            Owner::Vec {
                ptr: Some(p),
                cap,
                elem,
                ..
            } if self.vec_arena.contains_key(&id) => {
                let (arena, _) = self.vec_arena[&id];
                let elem = elem.unwrap_or_else(u8_ty).layout(self.target);
                let layout = LayoutSpec {
                    size: elem.size * cap,
                    align: elem.align,
                };
                let core = core_layout(layout, Span::call_site())?;
                let why = format!("{reason}: the Vec gives its buffer back to the Bump (reused only if it is the newest)");
                self.arena_op(
                    arena,
                    CallOp::Dealloc,
                    layout,
                    None,
                    &why,
                    move |a, sim, log| {
                        a.dealloc(sim, p, core, log);
                        Ok(p)
                    },
                )?;
            }
            Owner::Arena(mut bump) => {
                let before: Vec<(Addr, LayoutSpec)> =
                    bump.chunks().iter().map(|c| (c.addr, c.layout)).collect();
                let mut log = Log::default();
                let result = bump.free_all(self.sim, &mut log);
                for (addr, chunk) in before {
                    let why = format!("{reason}: dropping the Bump frees all its chunks at once");
                    self.record(
                        CallOp::Dealloc,
                        chunk,
                        None,
                        &result.clone().map(|()| addr),
                        &why,
                    )?;
                }
            }
            Owner::Vec {
                ptr: Some(p),
                cap,
                elem,
                string,
                ..
            } => {
                let elem = elem.unwrap_or_else(u8_ty).layout(self.target);
                let layout = LayoutSpec {
                    size: elem.size * cap,
                    align: elem.align,
                };
                let what = if string {
                    "String".to_string()
                } else {
                    "Vec".to_string()
                };
                let result = self.sim.dealloc_spec(self.thread, p, layout).map(|()| p);
                self.record(
                    CallOp::Dealloc,
                    layout,
                    None,
                    &result,
                    &format!("{reason}: the {what} frees its buffer"),
                )?;
            }
            Owner::Box { ptr: Some(p), ty } => {
                let layout = ty.layout(self.target);
                let result = self.sim.dealloc_spec(self.thread, p, layout).map(|()| p);
                self.record(
                    CallOp::Dealloc,
                    layout,
                    None,
                    &result,
                    &format!("{reason}: the Box<{ty}> frees its value"),
                )?;
            }
            Owner::Rc { cell } => {
                let c = &mut self.cells[cell];
                c.strong -= 1;
                let (ptr, strong, ty) = (c.ptr, c.strong, c.ty.clone());
                self.sim.heap_mut().write_word(ptr, strong);
                if strong == 0 {
                    let layout = std_rules::rc_layout(ty.layout(self.target), self.target);
                    let result = self
                        .sim
                        .dealloc_spec(self.thread, ptr, layout)
                        .map(|()| ptr);
                    self.record(
                        CallOp::Dealloc,
                        layout,
                        None,
                        &result,
                        &format!("{reason}: the last Rc<{ty}> frees the shared value"),
                    )?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn alloc_infallible(&mut self, layout: LayoutSpec, zeroed: bool, reason: &str) -> R<Addr> {
        let result = self.sim.alloc_spec(self.thread, layout, zeroed);
        let op = if zeroed {
            CallOp::AllocZeroed
        } else {
            CallOp::Alloc
        };
        let addr = self.record(op, layout, None, &result, reason)?;
        addr.ok_or_else(|| {
            Halt::Abort(
                format!("memory allocation of {} bytes failed", layout.size),
                self.here,
            )
        })
    }

    /// Records one allocator call; stops the run if that was the last call
    /// asked for.
    fn record(
        &mut self,
        op: CallOp,
        layout: LayoutSpec,
        new_size: Option<u64>,
        result: &Result<Addr, CallError>,
        reason: &str,
    ) -> R<Option<Addr>> {
        let (line, column) = self.here;
        let addr = result.as_ref().ok().copied();
        self.calls.push(ScenarioCall {
            line,
            column,
            reason: reason.to_string(),
            op,
            layout,
            new_size,
            addr,
            error: result.as_ref().err().map(ToString::to_string),
            events: self.sim.events().to_vec(),
            arena: false,
            thread: self.thread.0,
            metrics: self.sim.metrics(),
        });
        if self
            .limits
            .stop_after_calls
            .is_some_and(|n| self.calls.len() >= n)
        {
            return Err(Halt::Stop);
        }
        Ok(addr)
    }

    fn write_at(&mut self, ptr: Option<Addr>, value: &Value, ty: &Ty) {
        let Some(p) = ptr else { return };
        let mut bytes = Vec::new();
        value.encode(ty, self.target, &mut bytes);
        self.sim.heap_mut().write(p, &bytes);
    }

    fn read_at(&self, ptr: Option<Addr>, ty: &Ty) -> R<Value> {
        let size = ty.layout(self.target).size;
        let bytes = match ptr {
            Some(p) => self.sim.heap().read(p, size).to_vec(),
            None => vec![0; size as usize],
        };
        Ok(Value::decode(&bytes, ty, self.target))
    }

    // ----- macros -----

    fn mac(&mut self, mac: &syn::Macro, hint: Option<&Hint>) -> R<Value> {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        match name.as_str() {
            "println" | "print" => {
                let args = mac
                    .parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
                    .or_else(|e| err(e.span(), e.to_string()))?;
                let line = self.format(&args, mac.span())?;
                self.output.push(line);
                Ok(Value::unit())
            }
            "vec" => {
                let group = TokenTree::Group(Group::new(Delimiter::Bracket, mac.tokens.clone()));
                let expr: Expr = syn::parse2(TokenStream::from(group))
                    .or_else(|e| err(e.span(), e.to_string()))?;
                self.vec_macro(&expr, hint, &source_text(mac))
            }
            "thread_local" => unsupported(mac, "`thread_local!`"),
            _ => unsupported(mac, &format!("the macro `{name}!`")),
        }
    }

    fn vec_macro(&mut self, expr: &Expr, hint: Option<&Hint>, text: &str) -> R<Value> {
        let elem_hint = match hint {
            Some(Hint::Vec(Some(t))) => Some(t.clone()),
            _ => None,
        };
        let plain_hint = elem_hint.clone().map(Hint::Plain);
        let (items, zero) = match expr {
            Expr::Repeat(r) => {
                let item = self.eval(&r.expr, plain_hint.as_ref())?;
                let n = self.eval_u64(&r.len)?;
                let zero = matches!(item, Value::Int(0, _) | Value::Bool(false))
                    || matches!(item, Value::Float(f, _) if f == 0.0);
                (
                    vec![item; usize::try_from(n.min(1 << 24)).unwrap_or(0)],
                    zero,
                )
            }
            Expr::Array(a) => {
                let mut items = Vec::new();
                for e in &a.elems {
                    items.push(self.eval(e, plain_hint.as_ref())?);
                }
                (items, false)
            }
            other => return unsupported(other, "this form of `vec!`"),
        };
        let id = self.new_owner(Owner::Vec {
            ptr: None,
            cap: 0,
            len: 0,
            elem: elem_hint,
            string: false,
        });
        let n = items.len() as u64;
        if n == 0 {
            return Ok(Value::Owner(id));
        }
        let ty = self.elem_of(id, items.first(), expr.span())?;
        let layout = ty.layout(self.target);
        if layout.size > 0 {
            let Ok(array) = std_rules::array_layout(layout, n, self.target) else {
                return self.capacity_overflow(false);
            };
            // `vec![0; n]` asks for zeroed memory instead of writing zeros.
            let reason = if zero {
                format!("`{text}`: {n} zeros, so std asks for zeroed memory (alloc_zeroed)")
            } else {
                format!("`{text}`: exactly {n} elements")
            };
            let addr = self.alloc_infallible(array, zero, &reason)?;
            self.set_vec(id, Some(addr), n, 0);
            if !zero {
                for (i, item) in items.iter().enumerate() {
                    self.vec_write(id, i as u64, &item.clone().typed(&ty), &ty);
                }
            }
        }
        let (ptr, ..) = self.vec_state(id);
        let cap = if layout.size > 0 { n } else { 0 };
        self.set_vec(id, ptr, cap, n);
        Ok(Value::Owner(id))
    }

    fn format(&mut self, args: &Punctuated<Expr, syn::Token![,]>, span: Span) -> R<String> {
        let mut iter = args.iter();
        let Some(Expr::Lit(syn::ExprLit {
            lit: Lit::Str(fmt), ..
        })) = iter.next()
        else {
            return err(span, "`println!` needs a format string first");
        };
        let fmt = fmt.value();
        let mut out = String::new();
        let mut chars = fmt.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '{' => {
                    let mut spec = String::new();
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                        spec.push(c);
                    }
                    let (name, style) = spec.split_once(':').unwrap_or((&spec, ""));
                    let debug = style.contains('?');
                    let value = if name.is_empty() {
                        match iter.next() {
                            Some(e) => self.show_arg(e)?,
                            None => return err(span, "more `{}` than arguments"),
                        }
                    } else {
                        let path: syn::ExprPath = syn::parse_str(name)
                            .or_else(|_| err(span, format!("bad format argument `{name}`")))?;
                        self.show_arg(&Expr::Path(path))?
                    };
                    out.push_str(&match value {
                        Shown::Value(v) => v.show(debug),
                        Shown::Text(t) => t,
                    });
                }
                other => out.push(other),
            }
        }
        Ok(out)
    }

    /// A `println!` argument: plain values are shown; heap owners are
    /// borrowed and shown by their contents.
    fn show_arg(&mut self, expr: &Expr) -> R<Shown> {
        let inner = match expr {
            Expr::Reference(r) => &*r.expr,
            e => e,
        };
        if let Expr::Path(p) = inner {
            let (s, b) = self.binding(p)?;
            if let Value::Owner(id) = self.scopes[s][b].value {
                return self.show_owner(id);
            }
        }
        Ok(Shown::Value(self.eval(inner, None)?))
    }

    fn show_owner(&mut self, id: usize) -> R<Shown> {
        match self.owners[id].clone() {
            Owner::Vec {
                ptr,
                len,
                string: true,
                ..
            } => {
                let bytes = ptr
                    .map(|p| self.sim.heap().read(p, len).to_vec())
                    .unwrap_or_default();
                Ok(Shown::Text(String::from_utf8_lossy(&bytes).into_owned()))
            }
            Owner::Vec { len, .. } => {
                let mut items = Vec::new();
                for i in 0..len {
                    items.push(self.vec_get(id, i, Span::call_site())?.show(true));
                }
                Ok(Shown::Text(format!("[{}]", items.join(", "))))
            }
            Owner::Box { ptr, ty } => Ok(Shown::Value(self.read_at(ptr, &ty)?)),
            Owner::Rc { cell } => {
                let c = self.cells[cell].clone();
                let offset = self.rc_value_offset(&c.ty);
                Ok(Shown::Value(self.read_at(Some(c.ptr.add(offset)), &c.ty)?))
            }
            Owner::ArenaValue { ptr, ty } => Ok(Shown::Value(self.read_at(Some(ptr), &ty)?)),
            Owner::Arena(_) => Ok(Shown::Text("Bump".into())),
            Owner::Gone => Ok(Shown::Text("<gone>".into())),
        }
    }
}

enum Shown {
    Value(Value),
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exactness {
    Amortized,
    Exact,
}

/// A host `Layout` for an arena call (arena requests always fit the heap).
fn core_layout(layout: LayoutSpec, span: Span) -> R<core::alloc::Layout> {
    core::alloc::Layout::from_size_align(layout.size as usize, layout.align as usize).or_else(
        |_| {
            err(
                span,
                "this layout does not fit the machine running the simulation",
            )
        },
    )
}

fn u8_ty() -> Ty {
    Ty::Int(IntTy::Fixed(false, 1))
}

fn unsupported_span<T>(span: Span, what: &str) -> R<T> {
    err(span, format!("not supported in scenarios: {what}"))
}

/// Wraps an integer to a type's width, as `as` does.
fn wrap(v: i128, t: IntTy, target: Target) -> i128 {
    let bits = t.size(target) * 8;
    if bits >= 128 {
        return v;
    }
    let masked = v & ((1i128 << bits) - 1);
    if t.signed() && masked >> (bits - 1) & 1 == 1 {
        masked - (1i128 << bits)
    } else {
        masked
    }
}

/// The source text of a node, as the learner wrote it (spaces folded).
fn source_text(node: &impl Spanned) -> String {
    let text = node.span().source_text().unwrap_or_default();
    let folded: Vec<&str> = text.split_whitespace().collect();
    let joined = folded.join(" ");
    if joined.len() > 60 {
        format!(
            "{}…",
            &joined[..joined
                .char_indices()
                .nth(57)
                .map_or(joined.len(), |(i, _)| i)]
        )
    } else {
        joined
    }
}
