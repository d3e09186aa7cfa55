//! Spawned threads: `thread::spawn(move || …)`, their turns, and `join`.

use super::*;

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
        let saved_here = self.here;
        self.in_thread = true;
        let stmt = self.threads[i].stmts.get(self.threads[i].next).cloned();
        self.threads[i].next += 1;
        let finished = self.threads[i].next >= self.threads[i].stmts.len();
        let result = match stmt {
            // The closure's value is its tail expression's: what `join`
            // returns. A heap value would have to move out of the thread's
            // scope before that scope drops it: not modelled yet.
            Some(Stmt::Expr(expr, None)) if finished => self
                .step(expr.span())
                .and_then(|()| {
                    self.here = at(expr.span());
                    self.eval(&expr, None)
                })
                .and_then(|value| match value {
                    Value::Owner(_) => {
                        unsupported(&expr, "returning a heap value from a spawned thread")
                    }
                    value => {
                        self.threads[i].result = value;
                        Ok(())
                    }
                }),
            Some(stmt) => self.stmt_here(&stmt).map(|_| ()),
            None => Ok(()),
        };
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
            result: Value::unit(),
        });
        Ok(Value::Thread(self.threads.len() - 1))
    }
}
