//! Spawned threads: `thread::spawn(move || …)`, their turns, and `join`.

use super::expr::compound;
use super::*;
use crate::scenario::runtime;

impl Interp<'_> {
    /// Runs one statement of thread `i`, if it has any left.
    pub(super) fn thread_step(&mut self, i: usize) -> R<()> {
        if self.threads[i].done {
            return Ok(());
        }
        let saved_scopes = std::mem::replace(
            &mut self.scopes,
            std::mem::take(&mut self.threads[i].scopes),
        );
        let saved_thread = std::mem::replace(&mut self.thread, self.threads[i].id);
        let saved_frame = std::mem::replace(&mut self.frame, 0);
        let saved_here = self.here;
        self.in_thread = true;
        let starting = self.threads[i].next == 0;
        let stmts = self.threads[i].stmts.clone();
        let stmt = stmts.get(self.threads[i].next);
        self.threads[i].next += 1;
        let finished = self.threads[i].next >= self.threads[i].stmts.len();
        let started = if starting {
            self.release(
                i,
                |b| &mut b.start,
                "the new thread starts: it frees the block `spawn` left for it",
            )
        } else {
            Ok(())
        };
        let result = started.and_then(|()| match stmt {
            // The closure's value is its tail expression's: what `join`
            // returns. A heap value would have to move out of the thread's
            // scope before that scope drops it: not modelled yet.
            Some(Stmt::Expr(expr, None)) if finished => self
                .step(expr)
                .and_then(|()| {
                    self.here = at(expr.span());
                    self.eval(expr, None)
                })
                .and_then(|value| match value {
                    Value::Owner(_) => {
                        unsupported(expr, "returning a heap value from a spawned thread")
                    }
                    value => {
                        self.threads[i].result = value;
                        Ok(())
                    }
                }),
            Some(stmt) => self.stmt_here(stmt).map(|_| ()),
            None => Ok(()),
        });
        let ended = if finished || result.is_err() {
            // The closure's body ends: its bindings are dropped, on its
            // thread, then the box it ran in; the packet too if nobody holds
            // the handle any more.
            let r = self.leave_scope(&result);
            self.threads[i].done = true;
            r.and_then(|()| {
                if result.is_ok() {
                    self.release(
                        i,
                        |b| &mut b.main,
                        "the thread's closure returned: the box it ran in is freed",
                    )?;
                    if !self.threads[i].handle {
                        self.release(
                            i,
                            |b| &mut b.packet,
                            "the thread ends with its handle dropped: it frees the result packet",
                        )?;
                    }
                }
                Ok(())
            })
        } else {
            Ok(())
        };
        self.in_thread = false;
        self.threads[i].scopes = std::mem::replace(&mut self.scopes, saved_scopes);
        self.thread = saved_thread;
        self.frame = saved_frame;
        self.here = saved_here;
        result?;
        ended
    }

    /// `thread::spawn(move || { … })`: a new thread whose first scope holds
    /// what the closure captures, moved out of the spawning scope.
    pub(super) fn spawn(&mut self, c: &syn::ExprCall) -> R<Value> {
        if self.in_thread {
            return unsupported(c, "spawning a thread from a spawned thread");
        }
        let Some(Expr::Closure(closure)) = c.args.first() else {
            return err(
                c.span(),
                "`thread::spawn` takes a closure: `thread::spawn(move || { … })`",
            );
        };
        let stmts = match &*closure.body {
            Expr::Block(b) => functions::reparse::<syn::Block>(&b.block)?.stmts,
            other => vec![Stmt::Expr(functions::reparse(other)?, None)],
        };
        let text = closure.body.span().source_text().unwrap_or_default();
        let mut names: Vec<String> = Vec::new();
        let mut word = String::new();
        for ch in text.chars().chain(std::iter::once(' ')) {
            if super::char_class::continues_ident(ch) {
                word.push(ch);
            } else if !word.is_empty() {
                if !names.contains(&word) {
                    names.push(std::mem::take(&mut word));
                } else {
                    word.clear();
                }
            }
        }
        // A closure that names none of the spawning code's variables
        // captures nothing, and needs no `move`.
        if closure.capture.is_none() && names.iter().any(|n| self.lookup(n).is_some()) {
            return err(
                closure.span(),
                "write `move ||`: a spawned thread must own what it uses",
            );
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
                        alias: false,
                    });
                }
            }
        }
        let mut blocks = SpawnBlocks::default();
        if runtime::modelled_on(self.target) {
            let result = self.closure_result(closure)?;
            let mut fields = Vec::new();
            for b in &captured {
                fields.push(self.value_layout(&b.value, closure.span())?);
            }
            let packet = runtime::packet_layout(result);
            let main = runtime::main_closure_layout(runtime::rustc_struct(&fields));
            let start = runtime::THREAD_START;
            self.implicitly(|me| {
                blocks.packet = Some((me.alloc_infallible(packet, false, "`thread::spawn`: the shared packet (an `Arc`) the thread leaves its result in for `join`")?, packet));
                blocks.main = Some((me.alloc_infallible(main, false, "`thread::spawn`: the box holding the closure the new thread runs (five words of its own and what the closure captured)")?, main));
                blocks.start = Some((me.alloc_infallible(start, false, "`thread::spawn`: a block the new thread frees as it starts")?, start));
                Ok(())
            })?;
        }
        let id = ThreadId(self.threads.len() as u32 + 1);
        self.threads.push(Thread {
            id,
            stmts: Rc::new(stmts),
            next: 0,
            scopes: vec![captured],
            done: false,
            result: Value::unit(),
            blocks,
            handle: true,
        });
        Ok(Value::Thread(self.threads.len() - 1))
    }

    /// `join`: main waits while every live thread keeps taking turns until
    /// this one ends, then takes its result and frees the packet.
    pub(super) fn join(&mut self, i: usize, m: &syn::ExprMethodCall) -> R<Value> {
        let span = m.span();
        if !self.threads[i].handle {
            return err(span, "this thread was already joined");
        }
        while !self.threads[i].done {
            self.step(m)?;
            for t in 0..self.threads.len() {
                self.thread_step(t)?;
            }
        }
        self.threads[i].handle = false;
        self.release(
            i,
            |b| &mut b.packet,
            "`join` takes the thread's result: the packet is freed",
        )?;
        let value = std::mem::replace(&mut self.threads[i].result, Value::unit());
        Ok(Value::Result(true, Box::new(value)))
    }

    /// A `JoinHandle` dropped without `join`: the thread is detached. If it
    /// has already ended, the packet goes now; otherwise when it ends.
    pub(super) fn drop_handle(&mut self, i: usize) -> R<()> {
        if !self.threads[i].handle {
            return Ok(());
        }
        self.threads[i].handle = false;
        if self.threads[i].done {
            self.release(
                i,
                |b| &mut b.packet,
                "the `JoinHandle` is dropped after the thread ended: the packet is freed",
            )?;
        }
        Ok(())
    }

    /// Frees one of thread `i`'s spawn blocks, if it is still allocated.
    fn release(
        &mut self,
        i: usize,
        which: fn(&mut SpawnBlocks) -> &mut Option<(Addr, LayoutSpec)>,
        reason: &str,
    ) -> R<()> {
        match which(&mut self.threads[i].blocks).take() {
            Some((addr, layout)) => self.implicitly(|me| me.free(addr, layout, reason)),
            None => Ok(()),
        }
    }

    /// The layout of what a closure returns, as rustc knows it before the
    /// thread runs: its `-> T`, or its tail expression's type where that
    /// can be read off the code.
    fn closure_result(&self, closure: &syn::ExprClosure) -> R<LayoutSpec> {
        if let syn::ReturnType::Type(_, ty) = &closure.output {
            return match self.hint(ty)? {
                Hint::Plain(t) => Ok(t.layout(self.target)),
                _ => unsupported(&**ty, "returning a heap value from a spawned thread"),
            };
        }
        let (stmts, tail) = match &*closure.body {
            Expr::Block(b) => match b.block.stmts.split_last() {
                Some((Stmt::Expr(e, None), before)) => (before, e),
                _ => return Ok(Ty::unit().layout(self.target)),
            },
            other => (&[][..], other),
        };
        // The closure's own `let`s, as far as their types can be read.
        let mut locals: HashMap<String, Known> = HashMap::new();
        for stmt in stmts {
            if let Stmt::Local(l) = stmt {
                let (name, ty) = match &l.pat {
                    Pat::Ident(p) => (p.ident.to_string(), None),
                    Pat::Type(t) => match &*t.pat {
                        Pat::Ident(p) => (p.ident.to_string(), Some(&t.ty)),
                        _ => continue,
                    },
                    _ => continue,
                };
                let known = match (ty, &l.init) {
                    (Some(ty), _) => match self.hint(ty) {
                        Ok(Hint::Plain(t)) => Known::Ty(t),
                        Ok(h) if h.owner_name().is_some() => Known::Heap,
                        _ => Known::Unknown,
                    },
                    (None, Some(init)) => self.static_ty(&init.expr, &locals).settled(),
                    (None, None) => Known::Unknown,
                };
                locals.insert(name, known);
            }
        }
        match self.static_ty(tail, &locals).settled() {
            Known::Ty(t) => Ok(t.layout(self.target)),
            Known::Heap => unsupported(tail, "returning a heap value from a spawned thread"),
            Known::Literal | Known::Unknown => err(
                tail.span(),
                "the simulation cannot tell this thread's result type before it runs (`spawn` sizes its packet by it): write it on the closure, `move || -> u64 { … }`",
            ),
        }
    }

    /// The type of `expr` where the code says it without running: a
    /// literal, a cast, a binding's value, `len()`, or arithmetic and
    /// comparisons of those. An unsuffixed number takes its type from the
    /// other operand, as inference gives it.
    fn static_ty(&self, expr: &Expr, locals: &HashMap<String, Known>) -> Known {
        let int = |t| Known::Ty(Ty::Int(t));
        match expr {
            Expr::Lit(l) => match &l.lit {
                Lit::Int(i) if i.suffix().is_empty() => Known::Literal,
                Lit::Int(i) => IntTy::from_name(i.suffix()).map_or(Known::Unknown, int),
                Lit::Float(f) => Known::Ty(Ty::Float(f.suffix() != "f32")),
                Lit::Bool(_) => Known::Ty(Ty::Bool),
                Lit::Char(_) => Known::Ty(Ty::Char),
                _ => Known::Unknown,
            },
            Expr::Cast(c) => match self.hint(&c.ty) {
                Ok(Hint::Plain(t)) => Known::Ty(t),
                _ => Known::Unknown,
            },
            Expr::Paren(p) => self.static_ty(&p.expr, locals),
            Expr::Block(b) if b.block.stmts.is_empty() => Known::Ty(Ty::unit()),
            Expr::Path(p) => {
                let Some(name) = p.path.get_ident().map(ToString::to_string) else {
                    return Known::Unknown;
                };
                if let Some(known) = locals.get(&name) {
                    return known.clone();
                }
                match self.lookup(&name) {
                    Some((s, b)) => match &self.scopes[s][b].value {
                        Value::Owner(_) => Known::Heap,
                        Value::Int(_, None) => Known::Literal,
                        v => v.ty().map_or(Known::Unknown, Known::Ty),
                    },
                    None => Known::Unknown,
                }
            }
            // Statements in tail position give `()`.
            Expr::ForLoop(_) | Expr::While(_) | Expr::Assign(_) => Known::Ty(Ty::unit()),
            Expr::If(i) if i.else_branch.is_none() => Known::Ty(Ty::unit()),
            Expr::Binary(b) if compound(&b.op).is_some() => Known::Ty(Ty::unit()),
            Expr::Macro(m) => {
                let name = m.mac.path.segments.last().map(|s| s.ident.to_string());
                match name.as_deref() {
                    Some("println" | "print" | "eprintln" | "eprint") => Known::Ty(Ty::unit()),
                    Some("vec" | "format") => Known::Heap,
                    _ => Known::Unknown,
                }
            }
            Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("drop")) => {
                Known::Ty(Ty::unit())
            }
            Expr::MethodCall(m)
                if [
                    "push",
                    "insert",
                    "clear",
                    "truncate",
                    "extend_from_slice",
                    "reserve",
                    "reserve_exact",
                    "shrink_to_fit",
                    "shrink_to",
                    "push_str",
                    "sort",
                ]
                .contains(&m.method.to_string().as_str()) =>
            {
                Known::Ty(Ty::unit())
            }
            Expr::MethodCall(m) if m.method == "len" || m.method == "capacity" => {
                int(IntTy::Word(false))
            }
            Expr::MethodCall(m) if m.method == "is_empty" => Known::Ty(Ty::Bool),
            Expr::MethodCall(m) if m.method == "count" => int(IntTy::Word(false)),
            // `iter().sum::<u64>()`: the turbofish says it.
            Expr::MethodCall(m) if m.method == "sum" || m.method == "product" => {
                let turbofish = m.turbofish.as_ref().and_then(|t| t.args.first());
                match turbofish {
                    Some(syn::GenericArgument::Type(t)) => match self.hint(t) {
                        Ok(Hint::Plain(t)) => Known::Ty(t),
                        _ => Known::Unknown,
                    },
                    _ => Known::Unknown,
                }
            }
            Expr::Binary(b) => match b.op {
                BinOp::Eq(_)
                | BinOp::Ne(_)
                | BinOp::Lt(_)
                | BinOp::Le(_)
                | BinOp::Gt(_)
                | BinOp::Ge(_)
                | BinOp::And(_)
                | BinOp::Or(_) => Known::Ty(Ty::Bool),
                // A shift has its left operand's type.
                BinOp::Shl(_) | BinOp::Shr(_) => self.static_ty(&b.left, locals),
                _ => match (
                    self.static_ty(&b.left, locals),
                    self.static_ty(&b.right, locals),
                ) {
                    (Known::Literal, other) | (other, Known::Literal) => other,
                    (known, _) => known,
                },
            },
            Expr::Tuple(t) => {
                let mut items = Vec::new();
                for e in &t.elems {
                    match self.static_ty(e, locals).settled() {
                        Known::Ty(ty) => items.push(ty),
                        other => return other,
                    }
                }
                Known::Ty(Ty::Tuple(items))
            }
            _ => Known::Unknown,
        }
    }
}

/// What the code says of a value's type before it runs.
#[derive(Clone)]
enum Known {
    Ty(Ty),
    /// An unsuffixed integer: the other operand's type, or `i32`.
    Literal,
    /// A heap owner (`Vec`, `String`, `Box`, …).
    Heap,
    Unknown,
}

impl Known {
    /// An integer literal left to itself is an `i32`.
    fn settled(self) -> Known {
        match self {
            Known::Literal => Known::Ty(Ty::Int(IntTy::Fixed(true, 4))),
            other => other,
        }
    }
}
