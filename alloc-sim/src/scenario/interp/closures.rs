//! Closures: `|x| x + n`, `move || …`, kept as heap-owner-like values so
//! that they move, box and drop as Rust's do.
//!
//! A closure is the code and an environment: each variable of the
//! enclosing scopes its body names. A `move` closure moves (or copies)
//! them in; any other borrows them — its environment holds references, and
//! inside the body the name stands for the borrowed binding itself
//! (`count += 1` writes the caller's `count`). What the environment holds
//! is the closure's size: a pointer per borrowed variable, the value of
//! each moved one, laid out as rustc lays out a struct — so
//! `Box::new(|x| x + 1)` allocates nothing (a closure that captures nothing
//! takes no bytes) and `Box::new(move |x| x + n)` asks for `n`'s size.
//!
//! Calls run the body in a frame of its own (the caller's bindings out of
//! sight) with the environment and the parameters bound; what the body
//! did to the environment stays for the next call (`FnMut`), and a value
//! it moved out stays moved (`FnOnce`). Dropping the closure drops what it
//! owns. Not modelled: Rust 2021's capture of single fields (`p.x` alone)
//! — a closure here captures whole variables — and a non-`move` closure
//! that moves a captured value out is taken to borrow it.

use std::rc::Rc;

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::Pat;

use super::span::Spanned as _;
use super::{arity_mismatch, at, err, functions, halt, Binding, Halt, Interp, Owner, R};
use crate::error::LayoutSpec;
use crate::scenario::value::{Place, Value};

impl Interp<'_> {
    /// `|params| body`: a closure value, its environment captured now.
    /// A function of the program named as a value (`map(double)`).
    pub(super) fn fn_value(&mut self, name: &str, span: Span) -> R<Value> {
        let arity = self.fns.get(name).map_or(0, |f| f.sig.inputs.len());
        self.path_closure(name, arity, false, span)
    }

    /// What a path names as a function value, if it names one: a variant
    /// or tuple struct (`map(Some)`, `map(Shape::Circle)`), an associated
    /// function or method of the program's types (`map(Point::norm)`), or
    /// std's (`map(String::from)`, `map(str::len)`, `fold(0, u32::max)`).
    /// Gives the closure's arity and whether the first argument is the
    /// receiver.
    pub(super) fn path_fn(&self, path: &syn::Path) -> Option<(usize, bool)> {
        if let Some(def) = self.variant_at(path).or_else(|| {
            let name = path.get_ident()?.to_string();
            self.structs.get(&name).cloned()
        }) {
            return (!def.unit).then_some((def.fields.len(), false));
        }
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        match names.as_slice() {
            [one] => matches!(one.as_str(), "Some" | "Ok" | "Err" | "drop" | "Reverse")
                .then_some((1, false)),
            [ty, name] => {
                let ty = match ty.as_str() {
                    "Self" => self.self_ty.clone().unwrap_or_default(),
                    other => other.to_string(),
                };
                if let Some(f) = self.methods.get(&ty).and_then(|m| m.get(name)) {
                    return Some((f.sig.inputs.len(), f.sig.receiver().is_some()));
                }
                if self.structs.contains_key(&ty) || self.enums.contains_key(&ty) {
                    return None;
                }
                // `Rc::downgrade`, `Rc::clone`, `Arc::strong_count`: the
                // smart pointers' functions are called by path, not as
                // methods (which would reach the value they point at).
                if matches!(ty.as_str(), "Rc" | "Arc") {
                    return Some((if name == "ptr_eq" { 2 } else { 1 }, false));
                }
                // The collections' `new` and `default` take nothing
                // (`or_insert_with(Vec::new)`); a wrapper's `new` its value.
                let empty = matches!(
                    ty.as_str(),
                    "Vec"
                        | "String"
                        | "HashMap"
                        | "HashSet"
                        | "BTreeMap"
                        | "BTreeSet"
                        | "VecDeque"
                        | "BinaryHeap"
                );
                Some(match name.as_str() {
                    "new" if empty => (0, false),
                    "default" => (0, false),
                    "new" | "from" | "with_capacity" => (1, false),
                    "max" | "min" | "pow" | "cmp" | "partial_cmp" | "eq" | "ne" | "lt" | "le"
                    | "gt" | "ge" | "add" | "sub" | "mul" | "div" | "rem" | "wrapping_add"
                    | "wrapping_sub" | "wrapping_mul" | "saturating_add" | "saturating_sub"
                    | "saturating_mul" | "checked_add" | "checked_sub" | "checked_mul"
                    | "checked_div" | "push" | "push_str" | "contains" => (2, true),
                    _ => (1, true),
                })
            }
            _ => None,
        }
    }

    /// A function named by `path` as a value: the closure `|a0, a1|
    /// path(a0, a1)`, or for a method `|a0, a1| a0.method(a1)`, read as if
    /// written where the name is, so that its spans are the name's.
    pub(super) fn path_closure(
        &mut self,
        path: &str,
        arity: usize,
        method: bool,
        span: Span,
    ) -> R<Value> {
        let key = format!("{path}/{arity}/{method}");
        let code = match self.fn_closures.iter().find(|(n, _)| *n == key) {
            Some((_, code)) => code.clone(),
            None => {
                let args: Vec<String> = (0..arity).map(|i| format!("a{i}")).collect();
                let call = match (method, args.split_first()) {
                    (true, Some((first, rest))) => {
                        let name = path.rsplit("::").next().unwrap_or(path);
                        format!("{first}.{name}({})", rest.join(", "))
                    }
                    _ => format!("{path}({})", args.join(", ")),
                };
                let (line, column) = at(span);
                let text = format!(
                    "{}{}|{}| {call}",
                    "\n".repeat(line.saturating_sub(1)),
                    " ".repeat(column.saturating_sub(1)),
                    args.join(", ")
                );
                let code: syn::ExprClosure =
                    syn::parse_str(&text).or_else(|e| err(span, e.to_string()))?;
                let code = Rc::new(code);
                self.fn_closures.push((key, code.clone()));
                code
            }
        };
        self.closure(&code)
    }

    pub(super) fn closure(&mut self, c: &syn::ExprClosure) -> R<Value> {
        let key = super::source_key(c.or1_token.span, 0);
        // The code and the names it uses from outside are worked out once
        // per closure in the source, not each time it is made (in a loop).
        let code = match self.closure_code.iter().position(|(k, ..)| *k == key) {
            Some(i) => i,
            None => {
                let code: Rc<syn::ExprClosure> = Rc::new(functions::reparse(c)?);
                let mut own: Vec<String> = Vec::new();
                for p in &c.inputs {
                    pattern_names(p, &mut own);
                }
                let body: TokenStream = c
                    .body
                    .span()
                    .source_text()
                    .unwrap_or_default()
                    .parse()
                    .unwrap_or_default();
                let names = Rc::new(free_names(&body, &own));
                self.closure_code.push((key, code, names));
                self.closure_code.len() - 1
            }
        };
        let moves = c.capture.is_some();
        let mut env = Vec::new();
        let names = self.closure_code[code].2.clone();
        for name in names.iter().cloned() {
            let Some((s, b)) = self.lookup(&name) else {
                continue;
            };
            if let Some((line, column)) = self.scopes[s][b].moved {
                return err(
                    self.sp(c),
                    format!("use of moved value: `{name}` (moved at {line}:{column})"),
                );
            }
            let binding = if moves {
                let value = self.scopes[s][b].value.clone();
                if super::owns_heap(&value) {
                    self.scopes[s][b].moved = Some(super::at(self.sp(c)));
                }
                Binding {
                    name,
                    value,
                    moved: None,
                    alias: false,
                }
            } else {
                Binding {
                    name,
                    value: Value::Ref(Place::binding(s, b)),
                    moved: None,
                    alias: true,
                }
            };
            env.push(binding);
        }
        Ok(Value::Owner(self.new_owner(Owner::Closure { code, env })))
    }

    /// The closure a value is, through references and boxes
    /// (`Box<dyn Fn(i32) -> i32>` calls as the closure it holds).
    pub(super) fn closure_in(&self, value: &Value) -> Option<usize> {
        let mut value = self.deref(value.clone());
        for _ in 0..16 {
            let Value::Owner(id) = value else {
                return None;
            };
            match self.owners.get(id)? {
                Owner::Closure { .. } => return Some(id),
                Owner::Box { .. } => match self.contents.get(&id) {
                    Some(super::Contents::Value(v)) => value = self.deref(v.clone()),
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }

    /// Calls closure `id` with arguments already evaluated.
    pub(super) fn call_closure(
        &mut self,
        id: usize,
        args: Vec<Value>,
        span: proc_macro2::Span,
    ) -> R<Value> {
        let Owner::Closure { code, env } = &mut self.owners[id] else {
            return err(span, "this value is not a closure");
        };
        let code = Rc::clone(&self.closure_code[*code].1);
        let env = std::mem::take(env);
        if code.inputs.len() != args.len() {
            // rustc calls a closure a function here (E0057).
            return err(
                span,
                arity_mismatch("function", code.inputs.len(), args.len()),
            );
        }
        if self.call_depth >= functions::MAX_CALL_DEPTH {
            return err(
                span,
                format!(
                    "calls nest more than {} deep; scenarios stop there",
                    functions::MAX_CALL_DEPTH
                ),
            );
        }
        self.call_depth += 1;
        let caller_here = self.here;
        let caller_frame = std::mem::replace(&mut self.frame, self.scopes.len());
        let kept = env.len();
        self.scopes.push(env);
        let mut result = Ok(());
        for (pat, value) in code.inputs.iter().zip(args) {
            if result.is_ok() {
                result = match pat {
                    // `|x: u32|`: the argument is checked as a function's is.
                    Pat::Type(t) => self
                        .param_hint(&t.ty)
                        .and_then(|hint| self.check_as(value, hint.as_ref(), &t.ty, span))
                        .and_then(|value| self.bind_pattern(&t.pat, value)),
                    other => self.bind_pattern(other, value),
                };
            }
        }
        // In a `collect()` into a `Vec<T>`, the last `map`'s or
        // `filter_map`'s `parse()` makes a `T`, and so does its inner
        // `collect()` (`Vec<Vec<String>>` of `.map(|w| ….collect())`).
        let mut yields = None;
        if let Some((_, t)) = self.closure_yields.as_ref().filter(|(c, _)| *c == id) {
            let hint = super::Hint::Plain(t.clone());
            if matches!(t, super::Ty::Vec(_) | super::Ty::String) {
                yields = Some(super::Hint::of(t));
            }
            let tail = match &*code.body {
                syn::Expr::Block(b) => match b.block.stmts.last() {
                    Some(syn::Stmt::Expr(e, None)) => e,
                    _ => &*code.body,
                },
                body => body,
            };
            self.hint_parse(tail, Some(&hint));
        }
        let result = result.and_then(|()| match self.eval(&code.body, yields.as_ref()) {
            Err(h) => match *h {
                Halt::Return(value) => Ok(value),
                other => halt(other),
            },
            ok => ok,
        });
        // The environment goes back into the closure as the body left it;
        // the parameters are dropped as a function's are.
        let scope = self.scopes.len() - 1;
        let env: Vec<Binding> = self.scopes[scope].drain(..kept).collect();
        if let Owner::Closure { env: slot, .. } = &mut self.owners[id] {
            *slot = env;
        }
        let left = self.leave_scope(&result);
        self.frame = caller_frame;
        self.here = caller_here;
        self.call_depth -= 1;
        result.and_then(|v| left.map(|()| v))
    }

    /// What a closure's environment takes: a pointer per borrowed
    /// variable, each moved value's own layout, as rustc lays out a struct.
    pub(super) fn closure_layout(&self, id: usize, span: proc_macro2::Span) -> R<LayoutSpec> {
        let Owner::Closure { env, .. } = &self.owners[id] else {
            return err(span, "this value is not a closure");
        };
        let word = self.target.word_size();
        let mut fields = Vec::new();
        for b in env {
            fields.push(if b.alias {
                LayoutSpec {
                    size: word,
                    align: word,
                }
            } else {
                self.value_layout(&b.value, span)?
            });
        }
        Ok(crate::scenario::runtime::rustc_struct(&fields))
    }

    /// Drops what a closure owns (its moved-in values), then the closure.
    pub(super) fn drop_closure_env(&mut self, env: Vec<Binding>, reason: &str) -> R<()> {
        for b in env.into_iter().rev() {
            if !b.alias && b.moved.is_none() {
                self.drop_value(&b.value, reason)?;
            }
        }
        Ok(())
    }
}

/// The names a pattern binds (`x`, `(a, b)`, `Point { x, .. }`, `&v`).
pub(super) fn pattern_names(pat: &Pat, out: &mut Vec<String>) {
    match pat {
        Pat::Ident(p) => {
            out.push(p.ident.to_string());
            if let Some((_, sub)) = &p.subpat {
                pattern_names(sub, out);
            }
        }
        Pat::Type(t) => pattern_names(&t.pat, out),
        Pat::Reference(r) => pattern_names(&r.pat, out),
        Pat::Paren(p) => pattern_names(&p.pat, out),
        Pat::Tuple(t) => t.elems.iter().for_each(|p| pattern_names(p, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| pattern_names(p, out)),
        Pat::Slice(s) => s.elems.iter().for_each(|p| pattern_names(p, out)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| pattern_names(&f.pat, out)),
        Pat::Or(o) => o.cases.iter().for_each(|p| pattern_names(p, out)),
        _ => {}
    }
}

/// The variable names a closure body uses that it does not bind itself,
/// in order of first use: identifiers that are not a field or method
/// (after `.`), a path segment (beside `::`), a macro's name (before `!`)
/// or a struct literal's field name; the names `let` binds inside are its
/// own; a format string's `{name}` counts as a use.
fn free_names(body: &TokenStream, own: &[String]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut bound: Vec<String> = own.to_vec();
    scan(body, &mut bound, &mut found);
    found
}

fn scan(tokens: &TokenStream, bound: &mut Vec<String>, found: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let punct =
        |i: usize, c: char| matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
    // Inside a pattern that binds: after `let` (to its `=` or `;`), after
    // `for` (to its `in`), or between a nested closure's `|…|`.
    let mut binding = false;
    let mut closure_params = false;
    for (i, tree) in trees.iter().enumerate() {
        if binding {
            match tree {
                TokenTree::Punct(p) if p.as_char() == '=' || p.as_char() == ';' => {
                    binding = false;
                }
                TokenTree::Punct(p) if p.as_char() == '|' && closure_params => {
                    binding = false;
                    closure_params = false;
                }
                TokenTree::Ident(ident) if ident == "in" => binding = false,
                TokenTree::Group(g) => bind_all(&g.stream(), bound),
                TokenTree::Ident(ident) => bind_name(&ident.to_string(), bound),
                _ => {}
            }
            continue;
        }
        let opens_closure = matches!(tree, TokenTree::Punct(p) if p.as_char() == '|')
            && (i == 0
                || punct(i - 1, '=')
                || punct(i - 1, ',')
                || matches!(&trees[i - 1], TokenTree::Ident(m) if m == "move"));
        if opens_closure {
            binding = true;
            closure_params = true;
            continue;
        }
        match tree {
            TokenTree::Group(g) => scan(&g.stream(), bound, found),
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                if name == "let" || name == "for" {
                    binding = true;
                    continue;
                }
                let first = name.chars().next().unwrap_or('_');
                // (`self` is a name: a closure in a method captures it.)
                let keyword = matches!(
                    name.as_str(),
                    "Self"
                        | "true"
                        | "false"
                        | "if"
                        | "else"
                        | "match"
                        | "for"
                        | "in"
                        | "while"
                        | "loop"
                        | "return"
                        | "break"
                        | "continue"
                        | "as"
                        | "mut"
                        | "ref"
                        | "move"
                        | "fn"
                        | "struct"
                        | "impl"
                        | "where"
                        | "unsafe"
                );
                let member = i > 0 && punct(i - 1, '.');
                let path = (i > 0 && punct(i - 1, ':')) || (punct(i + 1, ':') && punct(i + 2, ':'));
                let field_name = punct(i + 1, ':') && !punct(i + 2, ':');
                let mac = punct(i + 1, '!');
                if keyword
                    || member
                    || path
                    || field_name
                    || mac
                    || super::char_class::has(first, super::char_class::Class::Uppercase)
                {
                    continue;
                }
                if !bound.contains(&name) && !found.contains(&name) {
                    found.push(name);
                }
            }
            TokenTree::Literal(lit) => {
                // `println!("{n}")` uses `n`.
                let text = lit.to_string();
                if text.starts_with('"') {
                    for piece in text.split('{').skip(1) {
                        let name: String = piece
                            .chars()
                            .take_while(|c| super::char_class::continues_ident(*c))
                            .collect();
                        let first = name.chars().next().unwrap_or('0');
                        if !first.is_ascii_digit()
                            && !bound.contains(&name)
                            && !found.contains(&name)
                        {
                            found.push(name);
                        }
                    }
                }
            }
            TokenTree::Punct(_) => {}
        }
    }
}

/// Every name a pattern's tokens bind (`(a, b)`, `Some(x)`, `Point { x, .. }`).
fn bind_all(tokens: &TokenStream, bound: &mut Vec<String>) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Group(g) => bind_all(&g.stream(), bound),
            TokenTree::Ident(ident) => bind_name(&ident.to_string(), bound),
            _ => {}
        }
    }
}

/// A pattern's name, bound: not `mut`/`ref`, nor a type or variant.
fn bind_name(name: &str, bound: &mut Vec<String>) {
    let lower = name.starts_with(|c: char| {
        c == '_' || super::char_class::has(c, super::char_class::Class::Lowercase)
    });
    if lower && name != "mut" && name != "ref" && !bound.iter().any(|b| b == name) {
        bound.push(name.to_string());
    }
}
