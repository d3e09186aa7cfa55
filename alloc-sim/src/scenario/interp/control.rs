//! Loops and the jumps out of them: `loop`, `while`, `while let`, `for`,
//! labelled blocks, `break` (with a value), `continue` and `return`.
//!
//! A jump is a [`Halt`] that unwinds the interpreter's recursion to the
//! loop, block or function it leaves; every scope it passes drops its
//! bindings on the way, as Rust drops them at the jump.

use super::*;

/// What a `for` loop walks: a range (counted as it goes, never built),
/// or the items of an array, a `Vec` or a string, read when the loop
/// starts.
pub(super) enum Walk {
    Range {
        start: i128,
        end: i128,
        step: i128,
        ty: Option<IntTy>,
    },
    RangeRev {
        start: i128,
        end: i128,
        ty: Option<IntTy>,
    },
    /// `start..`: every value up to the type's largest, `max`, which
    /// std's `next` never gives: stepping past it overflows, a panic.
    From {
        start: i128,
        max: i128,
        ty: Option<IntTy>,
        span: Span,
    },
    Items(Vec<Value>),
    /// A map's or a set's items, with what std's iterator over them
    /// promises of their number: exact for both kinds, and `TrustedLen`
    /// for a B-tree's (`Count::Trusted`) but not for a hash table's
    /// (`Count::Sized`).
    Counted(Vec<Value>, super::iter::Count),
    /// Any other iterator (`v.iter().map(f)`, a binding that holds one):
    /// the owner it is, pulled one item at a time.
    Iter(usize),
}

/// What a loop does after its body ran once.
pub(super) enum Flow {
    Next,
    Break(Value),
}

/// Whether a `break`/`continue` with `target` (none: the innermost loop)
/// leaves the loop or block labelled `label`.
/// A reference to each of the `len` elements of the array at `place`:
/// the elements lent where they are, not copied out.
fn lent_elements(place: &Place, len: usize) -> Vec<Value> {
    (0..len)
        .map(|i| {
            let mut p = place.clone();
            p.fields.push(i);
            Value::Ref(p)
        })
        .collect()
}

fn aims_at(target: &Option<String>, label: Option<&syn::Label>) -> bool {
    match target {
        None => true,
        Some(name) => label.is_some_and(|l| l.name.ident == name.as_str()),
    }
}

impl Interp<'_> {
    /// Runs a loop's body once and reads what it asks of the loop.
    pub(super) fn loop_body(&mut self, label: Option<&syn::Label>, body: &syn::Block) -> R<Flow> {
        match self.block(body) {
            Ok(_) => Ok(Flow::Next),
            Err(h) => match *h {
                Halt::Continue(target) if aims_at(&target, label) => Ok(Flow::Next),
                Halt::Break(target, value) if aims_at(&target, label) => Ok(Flow::Break(value)),
                other => halt(other),
            },
        }
    }

    /// `for pat in iterable { … }`: over a range (`a..b`, `a..=b`,
    /// `.rev()`, `.step_by(n)`), an array, a `Vec` (`&v`, `v.iter()`, or
    /// `v` itself, whose buffer is freed when the loop's iterator is dropped
    /// at the end), a string's `chars()` or `bytes()`, and `.enumerate()`
    /// of any of these.
    pub(super) fn for_loop(&mut self, f: &syn::ExprForLoop) -> R<Value> {
        let (mut walk, mut consumed) = self.walk(&f.expr)?;
        // `for x in v` moves each element out in turn (dropped at the end
        // of its turn); those a `break` leaves are dropped with the loop's
        // iterator, then the block.
        if let (Walk::Items(_), Some(v)) = (&walk, consumed) {
            let items = std::mem::replace(&mut walk, Walk::Items(Vec::new()));
            walk = Walk::Iter(self.iter_from_walk(items, Some(v)));
            consumed = None;
        }
        let walk_kind = match &walk {
            Walk::Iter(id) => Walk::Iter(*id),
            _ => Walk::Items(Vec::new()),
        };
        let run = |me: &mut Self, item: Value| -> R<bool> {
            me.step(f)?;
            let Some(bindings) = me.match_scrutinee(&f.pat, &item)? else {
                return err(f.pat.span(), "refutable pattern in `for` loop");
            };
            me.scopes.push(Vec::new());
            for (name, value) in bindings {
                me.bind(name, value);
            }
            let flow = me.loop_body(f.label.as_ref(), &f.body);
            me.leave_scope(&flow)?;
            Ok(matches!(flow?, Flow::Break(_)))
        };
        let result = (|| -> R<()> {
            match walk {
                Walk::Range {
                    start,
                    end,
                    step,
                    ty,
                } => {
                    let mut i = start;
                    while i < end {
                        if run(self, Value::Int(i, ty))? {
                            break;
                        }
                        i += step;
                    }
                }
                Walk::From {
                    start,
                    max,
                    ty,
                    span,
                } => {
                    let mut i = start;
                    loop {
                        // std makes the next start before it gives this one.
                        if i >= max {
                            return err(span, "panicked: attempt to add with overflow");
                        }
                        if run(self, Value::Int(i, ty))? {
                            break;
                        }
                        i += 1;
                    }
                }
                Walk::RangeRev { start, end, ty } => {
                    let mut i = end;
                    while i > start {
                        i -= 1;
                        if run(self, Value::Int(i, ty))? {
                            break;
                        }
                    }
                }
                Walk::Items(items) | Walk::Counted(items, _) => {
                    for item in items {
                        if run(self, item)? {
                            break;
                        }
                    }
                }
                Walk::Iter(id) => {
                    let span = self.sp(&f.expr);
                    while let Some(item) = self.iter_next(id, span)? {
                        if run(self, item)? {
                            break;
                        }
                    }
                }
            }
            Ok(())
        })();
        if let (Walk::Iter(id), _) = (&walk_kind, &result) {
            if matches!(self.owners[*id], Owner::Iter { .. }) {
                self.drop_owner(
                    *id,
                    "the `for` loop's iterator is dropped when the loop ends",
                )?;
            }
        }
        // `for x in v` moved `v` into the loop's iterator: dropping it
        // after the loop frees the buffer.
        let ended = match &result {
            Ok(()) => true,
            Err(h) => matches!(**h, Halt::Error(_)),
        };
        if let (Some(id), true) = (consumed, ended) {
            self.drop_owner(
                id,
                "the `for` loop's iterator is dropped when the loop ends",
            )?;
        }
        result.map(|()| Value::unit())
    }

    /// What `expr` gives a `for` loop, and the owner it consumes, if any.
    pub(super) fn walk(&mut self, expr: &Expr) -> R<(Walk, Option<usize>)> {
        let simple = |m: &syn::ExprMethodCall| {
            matches!(
                m.method.to_string().as_str(),
                "rev" | "step_by" | "enumerate" | "iter" | "into_iter"
            )
        };
        let general = match expr {
            Expr::MethodCall(m) => !simple(m) && self.is_iterator(expr),
            Expr::Path(_) => self.is_iterator(expr),
            _ => false,
        };
        if general {
            return match self.eval(expr, None)? {
                Value::Owner(id) if matches!(self.owners[id], Owner::Iter { .. }) => {
                    Ok((Walk::Iter(id), None))
                }
                _ => unsupported(expr, "`for` over this value"),
            };
        }
        match expr {
            Expr::Paren(p) => self.walk(&p.expr),
            // `for i in 1..`: counts up until the loop breaks (or the run's
            // step limit stops it).
            Expr::Range(syn::ExprRange {
                start: Some(start),
                end: None,
                ..
            }) => {
                let (start, ty) = self.range_bound(start)?;
                let (_, max) = ty.unwrap_or(IntTy::Fixed(true, 4)).range(self.target);
                let span = self.sp(expr);
                Ok((
                    Walk::From {
                        start,
                        max,
                        ty,
                        span,
                    },
                    None,
                ))
            }
            Expr::Range(range) => {
                let (Some(start), Some(end)) = (&range.start, &range.end) else {
                    return unsupported(range, "a `for` loop over a range with no start");
                };
                let (start, ts) = self.range_bound(start)?;
                let (end, te) = self.range_bound(end)?;
                let end = if matches!(range.limits, syn::RangeLimits::Closed(_)) {
                    end + 1
                } else {
                    end
                };
                Ok((
                    Walk::Range {
                        start,
                        end,
                        step: 1,
                        ty: ts.or(te),
                    },
                    None,
                ))
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "rev" => match self.walk(&m.receiver)? {
                        (
                            Walk::Range {
                                start,
                                end,
                                step: 1,
                                ty,
                            },
                            c,
                        ) => Ok((Walk::RangeRev { start, end, ty }, c)),
                        (Walk::Items(mut items), c) => {
                            items.reverse();
                            Ok((Walk::Items(items), c))
                        }
                        // `s.chars().rev()`, `v.iter().map(f).rev()`.
                        (Walk::Iter(id), c) => match self.on_iterator(id, "rev", m)? {
                            Value::Owner(id) => Ok((Walk::Iter(id), c)),
                            _ => unsupported(m, "`.rev()` of this iterator"),
                        },
                        _ => unsupported(m, "`.rev()` of a stepped range"),
                    },
                    "step_by" => {
                        let n = self.arg_u64(m, 0)?;
                        if n == 0 {
                            return err(self.sp(m), "panicked: assertion failed: step != 0");
                        }
                        match self.walk(&m.receiver)? {
                            (
                                Walk::Range {
                                    start,
                                    end,
                                    step: 1,
                                    ty,
                                },
                                c,
                            ) => Ok((
                                Walk::Range {
                                    start,
                                    end,
                                    step: i128::from(n),
                                    ty,
                                },
                                c,
                            )),
                            _ => unsupported(m, "`.step_by(n)` of anything but a range"),
                        }
                    }
                    // Lazy, as the iterator's own `enumerate`: each item
                    // is made as the loop reaches it, between the bodies'
                    // calls.
                    "enumerate" => {
                        let (id, c) = match self.walk(&m.receiver)? {
                            (Walk::Iter(id), c) => (id, c),
                            (walk, c) => (self.iter_from_walk(walk, c), None),
                        };
                        match self.on_iterator(id, "enumerate", m)? {
                            Value::Owner(id) => Ok((Walk::Iter(id), c)),
                            _ => unsupported(m, "`.enumerate()` of this iterator"),
                        }
                    }
                    "iter" | "into_iter" => {
                        let consumes = name == "into_iter";
                        self.walk_value(&m.receiver, &name, consumes)
                    }
                    // `for x in shop.items()`: what the method gives, walked
                    // as a call's value is.
                    _ => self.walk_value(expr, "into_iter", true),
                }
            }
            Expr::Reference(r) if r.mutability.is_some() => {
                self.walk_value(&r.expr, "iter_mut", false)
            }
            Expr::Reference(r) => self.walk_value(&r.expr, "iter", false),
            other => self.walk_value(other, "into_iter", true),
        }
    }

    /// The items of a collection value: an array, a `Vec`'s elements, a
    /// string's chars or bytes. `consumes`: the loop takes the `Vec`.
    pub(super) fn walk_value(
        &mut self,
        expr: &Expr,
        how: &str,
        mut consumes: bool,
    ) -> R<(Walk, Option<usize>)> {
        // A place is read without moving (`&v`, `v.iter()`); `v` moves,
        // unless it is itself a reference (`for x in items` with `items:
        // &Vec<T>`), which walks what it refers to.
        if let Some(walk) = self.own_iterator_walk(expr, how)? {
            return Ok(walk);
        }
        let mut lent = None;
        let value = match self.place_of(expr)? {
            Some(place) if !consumes => {
                let place = self.through_refs(place, self.sp(expr))?;
                let value = self.value_at(&place).unwrap_or_else(Value::unit);
                lent = Some(place);
                value
            }
            _ => {
                let mut v = self.eval(expr, None)?;
                // `make_vec().iter()`: a temporary the loop only borrows
                // is dropped at the end of the statement.
                if !consumes && matches!(v, Value::Owner(_)) {
                    v = self.temporary(v);
                }
                consumes &= !matches!(v, Value::Ref(_));
                self.deref(v)
            }
        };
        // `for x in rc.iter()`, `cell.borrow().iter()`: what the pointer
        // points at, lent.
        let value = match value {
            Value::Owner(id) if self.pointee(id).is_some() => {
                consumes = false;
                // `rc.iter()` of an `Rc<[String]>`: each element lent
                // where it is in the block.
                if let Some(place) = self.pointee(id) {
                    if let Some(Value::Array(items)) = self.at_place(&place) {
                        if items.iter().any(owns_heap) {
                            return Ok((Walk::Items(lent_elements(&place, items.len())), None));
                        }
                    }
                }
                self.see_through(value)
            }
            other => other,
        };
        // An array of heap values in a place (what an `Rc<[String]>`
        // holds): each element lent where it is.
        if let (Value::Array(items), Some(place), false) = (&value, &lent, consumes) {
            if items.iter().any(owns_heap) {
                return Ok((Walk::Items(lent_elements(place, items.len())), None));
            }
        }
        match value {
            Value::Array(items) => Ok((Walk::Items(items), None)),
            // `for n in Counter::new()`, `for x in v.iter().map(f)` made by
            // a call: the iterator itself.
            Value::Owner(id) if matches!(self.owners[id], Owner::Iter { .. }) => {
                Ok((Walk::Iter(id), None))
            }
            v @ Value::Struct(..) if self.is_own_iterator(&v) => Ok((
                Walk::Iter(self.new_iter(super::iter::Iter::Program(Box::new(v)), None)),
                None,
            )),
            // An `Option` is an iterator of its value, if any (`for x in
            // opt`, `chain(Some(x))`, `opt.iter()`).
            Value::Opt(inner) => match (inner, lent) {
                // `opt.iter()`, `&opt`: its value lent where it is.
                (Some(_), Some(mut place)) => {
                    place.fields.push(0);
                    Ok((Walk::Items(vec![Value::Ref(place)]), None))
                }
                (Some(v), None) if !consumes && owns_heap(&v) => unsupported(
                    expr,
                    "lending the heap value of this `Option`; name it with `let` first",
                ),
                (inner, _) => Ok((Walk::Items(inner.map(|v| *v).into_iter().collect()), None)),
            },
            // `for x in q` takes the elements; `&q`, `q.iter()` lend them.
            Value::Owner(id) if matches!(self.owners[id], Owner::Deque(_)) => Ok(if consumes {
                (Walk::Items(self.deque_take_all(id)), Some(id))
            } else {
                (Walk::Items(self.deque_refs(id)), None)
            }),
            Value::Owner(id) if matches!(self.owners[id], Owner::Map(_)) => {
                if consumes && self.map_tree(id).is_some() {
                    let dying = self.tree_into_iter(id);
                    return Ok((Walk::Iter(self.new_iter(dying, Some(id))), None));
                }
                let how = if how == "iter_mut" { "iter" } else { how };
                let items = self.map_walk(id, how, consumes);
                let count = match self.map_tree(id) {
                    Some(_) => super::iter::Count::Trusted,
                    None => super::iter::Count::Sized,
                };
                Ok((Walk::Counted(items, count), consumes.then_some(id)))
            }
            Value::Owner(id) => {
                let (_, _, len, _, string) = self.vec_state(id);
                let map_only = matches!(how, "keys" | "values" | "values_mut");
                if !matches!(self.owners[id], Owner::Vec { .. }) || map_only {
                    return unsupported(expr, "`for` over this value");
                }
                if string {
                    return unsupported(expr, "`for` over a String; use `.chars()` or `.bytes()`");
                }
                // `iter_mut()`, `&mut v`: each element lent where it is.
                let lend = how == "iter_mut";
                let mut items = Vec::new();
                for i in 0..len {
                    items.push(if lend {
                        self.item_ref(id, i)
                    } else {
                        self.vec_get(id, i, self.sp(expr))?
                    });
                }
                let consumed = consumes.then_some(id);
                // A `BinaryHeap`'s `iter()` and `into_iter()` say their
                // length exactly but are not `TrustedLen`, as a `Vec`'s are.
                if self.is_binary_heap(id) {
                    return Ok((Walk::Counted(items, super::iter::Count::Sized), consumed));
                }
                Ok((Walk::Items(items), consumed))
            }
            _ => unsupported(expr, "`for` over this value"),
        }
    }

    /// A `for` loop over a value of the program's own iterator type in a
    /// place: `for n in counter` moves it into the loop, `for n in &mut
    /// counter` (or over a `&mut Counter`) advances it where it is.
    fn own_iterator_walk(&mut self, expr: &Expr, how: &str) -> R<Option<(Walk, Option<usize>)>> {
        if self.iterator_types.is_empty() {
            return Ok(None);
        }
        let Some(place) = self.place_of(expr)? else {
            return Ok(None);
        };
        let by_ref = matches!(self.at_place(&place), Some(Value::Ref(_)));
        let span = self.sp(expr);
        let place = self.through_refs(place, span)?;
        let Some(value) = self.value_at(&place) else {
            return Ok(None);
        };
        if !self.is_own_iterator(&value) {
            return Ok(None);
        }
        let held = match how {
            "into_iter" if !by_ref => {
                if super::owns_heap(&value) {
                    self.moved_out(&place, span);
                }
                value
            }
            "into_iter" | "iter_mut" => Value::Ref(place),
            _ => {
                let ty = self.method_type(&value).unwrap_or_default();
                return err(
                    span,
                    format!("`&{ty}` is not an iterator: a `for` loop takes `{ty}` itself, or `&mut {ty}`"),
                );
            }
        };
        let iter = super::iter::Iter::Program(Box::new(held));
        Ok(Some((Walk::Iter(self.new_iter(iter, None)), None)))
    }

    /// A bound of a range: an integer, and its type if it has one.
    fn range_bound(&mut self, expr: &Expr) -> R<(i128, Option<IntTy>)> {
        match self.eval(expr, None)? {
            Value::Int(v, t) => Ok((v, t)),
            other => {
                let other = self.deref(other);
                match other {
                    Value::Int(v, t) => Ok((v, t)),
                    _ => err(self.sp(expr), "a range needs integers"),
                }
            }
        }
    }

    /// `loop { … }`: runs until a `break`, whose value it has.
    pub(super) fn loop_expr(&mut self, l: &syn::ExprLoop) -> R<Value> {
        loop {
            self.step(l)?;
            if let Flow::Break(value) = self.loop_body(l.label.as_ref(), &l.body)? {
                return Ok(value);
            }
        }
    }

    /// `while cond { … }` and `while let pat = expr { … }`.
    pub(super) fn while_expr(&mut self, w: &syn::ExprWhile) -> R<Value> {
        loop {
            self.step(w)?;
            let turn = self.guards.len();
            let temps = self.temps.len();
            let bindings = if let Expr::Let(l) = &*w.cond {
                let (value, place) = self.scrutinee(&l.expr, None)?;
                let bindings = self.match_place_scrutinee(&l.pat, &value, place.as_ref())?;
                self.settle_scrutinee(&l.expr, &value, place.as_ref(), bindings.as_deref());
                match bindings {
                    Some(bindings) => bindings,
                    None => {
                        self.drop_statement_temporaries(temps, &Ok(()))?;
                        return Ok(Value::unit());
                    }
                }
            } else {
                match self.condition(&w.cond)? {
                    Value::Bool(true) => Vec::new(),
                    Value::Bool(false) => return Ok(Value::unit()),
                    other => return self.mismatch(w.cond.span(), "bool", &other),
                }
            };
            self.scopes.push(Vec::new());
            for (name, value) in bindings {
                self.bind(name, value);
            }
            let flow = self.loop_body(w.label.as_ref(), &w.body);
            self.leave_scope(&flow)?;
            // A `while let` scrutinee's temporaries live through the turn.
            self.release_guards(turn, None)?;
            self.drop_statement_temporaries(temps, &flow)?;
            if let Flow::Break(_) = flow? {
                return Ok(Value::unit());
            }
        }
    }

    /// A block with a label, which `break 'label value` leaves.
    pub(super) fn labelled_block(&mut self, b: &syn::ExprBlock) -> R<Value> {
        match self.block(&b.block) {
            Err(h) => match *h {
                Halt::Break(Some(target), value)
                    if b.label
                        .as_ref()
                        .is_some_and(|l| l.name.ident == target.as_str()) =>
                {
                    Ok(value)
                }
                other => halt(other),
            },
            ok => ok,
        }
    }

    /// `break`, `break 'label`, `break value`.
    pub(super) fn break_expr(&mut self, b: &syn::ExprBreak) -> R<Value> {
        let value = match &b.expr {
            Some(e) => self.eval(e, None)?,
            None => Value::unit(),
        };
        halt(Halt::Break(
            b.label.as_ref().map(|l| l.ident.to_string()),
            value,
        ))
    }

    /// `return` and `return value`.
    pub(super) fn return_expr(&mut self, r: &syn::ExprReturn) -> R<Value> {
        let value = match &r.expr {
            Some(e) => self.eval(e, None)?,
            None => Value::unit(),
        };
        halt(Halt::Return(value))
    }

    /// `assert!`, `assert_eq!`, `assert_ne!` (and their `debug_` forms, on
    /// as in a debug build): nothing, or a panic with std's message.
    pub(super) fn assert_macro(&mut self, mac: &syn::Macro, name: &str) -> R<Value> {
        let parsed = self.macro_args(mac)?;
        let args: Vec<&Expr> = parsed.iter().collect();
        let name = name.trim_start_matches("debug_");
        let compared = if name == "assert" { 1 } else { 2 };
        if args.len() < compared {
            return err(
                self.sp(mac),
                format!("`{name}!` needs {compared} argument(s)"),
            );
        }
        // The message's arguments: the tokens after the compared ones.
        let message = |me: &mut Self| -> R<Option<String>> {
            if args.len() <= compared {
                return Ok(None);
            }
            let mut commas = 0;
            let rest: proc_macro2::TokenStream = mac
                .tokens
                .clone()
                .into_iter()
                .skip_while(|t| {
                    if matches!(t, TokenTree::Punct(p) if p.as_char() == ',') {
                        commas += 1;
                        return commas <= compared;
                    }
                    commas < compared
                })
                .collect();
            let rest = me.macro_part(mac, 1, || {
                syn::parse::Parser::parse2(
                    Punctuated::<Expr, syn::Token![,]>::parse_terminated,
                    rest,
                )
            })?;
            let mut formatted = me.format_args(&rest, me.sp(mac))?;
            me.resolve(&mut formatted)?;
            Ok(Some(formatted.text()))
        };
        if name == "assert" {
            let holds = match self.eval(args[0], None)? {
                Value::Bool(b) => b,
                other => return self.mismatch(args[0].span(), "bool", &other),
            };
            if holds {
                return Ok(Value::unit());
            }
            let text = match message(self)? {
                Some(m) => m,
                None => format!("assertion failed: {}", source_text(&args[0])),
            };
            return err(self.sp(mac), format!("panicked: {text}"));
        }
        // `assert_eq!` compares `&left` and `&right`: nothing is moved.
        let (left, right) = self.compared(args[0], args[1])?;
        let own = self.derived_eq(&left, &right, self.sp(mac))?;
        let (l, r) = (self.deref(left), self.deref(right));
        let equal = match (own, &l, &r) {
            (Some(same), _, _) => same,
            (None, Value::Int(a, _), Value::Int(b, _)) => a == b,
            _ => match (self.text_of(&l), self.text_of(&r)) {
                (Some(a), Some(b)) => a == b,
                // What `==` compares (`Some(1u32)` equals `Some(1)`).
                _ => self.equal(&l, &r),
            },
        };
        let want = name == "assert_eq";
        if equal == want {
            return Ok(Value::unit());
        }
        let op = if want { "==" } else { "!=" };
        let head = match message(self)? {
            Some(m) => format!("assertion `left {op} right` failed: {m}"),
            None => format!("assertion `left {op} right` failed"),
        };
        let (ls, rs) = (self.debug_text(l)?, self.debug_text(r)?);
        err(
            self.sp(mac),
            format!("panicked: {head}\n  left: {ls}\n right: {rs}"),
        )
    }

    /// A type mismatch, in rustc's words.
    pub(super) fn mismatch<T>(&self, span: Span, expected: &str, found: &Value) -> R<T> {
        Err(self.mismatch_at(span, expected, found))
    }

    #[cold]
    #[inline(never)]
    fn mismatch_at(&self, span: Span, expected: &str, found: &Value) -> Box<Halt> {
        error_at(
            span,
            format!(
                "mismatched types: expected `{expected}`, found `{}`",
                self.type_name(found)
            ),
        )
    }
}
