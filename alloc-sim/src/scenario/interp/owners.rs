//! Heap owners: boxes, bump arenas and drops, and the door through
//! which every allocator call is made and recorded.

use super::*;
use crate::scenario::std_rules::raw_table;

impl Interp<'_> {
    // ----- owners -----

    pub(super) fn new_owner(&mut self, owner: Owner) -> usize {
        self.owners.push(owner);
        self.owners.len() - 1
    }

    /// `Box::new(value)`: `alloc(Layout::new::<T>())` and the value written
    /// there; a zero-sized `T` allocates nothing.
    pub(super) fn new_box(&mut self, value: Value, ty: Ty, reason: &str) -> R<Value> {
        self.laid_out(&ty)?;
        let layout = ty.resolved().layout(self.target);
        let ptr = if layout.size == 0 {
            None
        } else {
            Some(self.alloc_infallible(layout, false, reason)?)
        };
        let id = self.new_owner(Owner::Box { ptr, ty });
        self.hold_in_box(id, value);
        Ok(Value::Owner(id))
    }

    pub(super) fn rc_value_offset(&self, ty: &Ty) -> u64 {
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

    /// The vtable address of the type the `Box` owner `id` holds.
    pub(super) fn vtable(&self, id: usize) -> u64 {
        let name = match self.owners.get(id) {
            Some(Owner::Box { ty, .. }) => ty.to_string(),
            _ => String::new(),
        };
        self.statics.vtable(&name, self.target)
    }

    /// A `String` or `Vec` made only to be indexed, sliced or read
    /// (`make()[1]`, `String::from("hi").chars()`): a temporary, dropped at
    /// the end of the statement.
    pub(super) fn keep_made_collection(&mut self, value: &Value) {
        if let Value::Owner(id) = *value {
            if matches!(self.owners[id], Owner::Vec { .. }) {
                self.keep_to_statement_end(vec![id], &Value::unit());
            }
        }
    }

    /// The heap owners a temporary receiver held (`made`) that its method
    /// neither returned nor put anywhere (`Some(s).is_some()`,
    /// `Rc::try_unwrap(rc).is_err()`): temporaries, dropped at the end of
    /// the statement.
    pub(super) fn keep_to_statement_end(&mut self, made: Vec<usize>, result: &Value) {
        if made.is_empty() {
            return;
        }
        let mut kept = Vec::new();
        Self::owners_in(result, &mut kept);
        for id in made {
            let placed = self.homes.get(id).is_some_and(Option::is_some);
            if !matches!(self.owners[id], Owner::Gone)
                && !kept.contains(&id)
                && !placed
                && !self.bound(id)
            {
                self.temporary(Value::Owner(id));
            }
        }
    }

    /// A scrutinee `value` that `expr` made (not a place): the owners in
    /// it that the pattern's `bindings` do not take (`_`, `..`, or all of
    /// them when it did not match) are temporaries of the statement,
    /// dropped at its end. Of a place, they stay there (a partial move).
    pub(super) fn leave_unbound(
        &mut self,
        expr: &Expr,
        value: &Value,
        bindings: Option<&[(String, Value)]>,
    ) {
        if places::names_a_place(expr) {
            return;
        }
        let mut bound = Vec::new();
        for (_, v) in bindings.unwrap_or_default() {
            Self::owners_in(v, &mut bound);
        }
        let mut owners = Vec::new();
        Self::owners_in(value, &mut owners);
        // One temporary, its parts dropped in field order.
        let mut left = Vec::new();
        for id in owners {
            if !bound.contains(&id) {
                left.push(Value::Owner(id));
            }
        }
        if !left.is_empty() {
            self.temporary(Value::Tuple(left));
        }
    }

    /// Drops a value as Rust's drop glue does: an owner frees what it owns;
    /// a tuple, array or struct drops its fields in declaration order; an
    /// `Option` or `Result` what it holds. References and plain data drop
    /// nothing.
    pub(super) fn drop_value(&mut self, value: &Value, reason: &str) -> R<()> {
        match value {
            Value::Owner(id) => self.drop_owner(*id, reason),
            Value::Struct(def, _) if def.drops => self.run_drop(value.clone(), reason),
            Value::Tuple(items) | Value::Array(items) | Value::Struct(_, items) => {
                for item in items {
                    self.drop_value(item, reason)?;
                }
                Ok(())
            }
            Value::Opt(Some(inner)) | Value::Result(_, inner) => self.drop_value(inner, reason),
            _ => Ok(()),
        }
    }

    /// A value of a type with the program's `impl Drop` goes: its
    /// `drop(&mut self)` runs first, then its fields are dropped in the
    /// order they are declared, as Rust drops it.
    fn run_drop(&mut self, value: Value, reason: &str) -> R<()> {
        let Value::Struct(def, _) = &value else {
            return Ok(());
        };
        let after = match self.drop_fns.get(def.type_name()).cloned() {
            Some(f) => {
                let (result, after) = self.with_temporary(value, |me, place| {
                    me.run_fn(f, Some(Value::Ref(place)), Vec::new(), Span::call_site())
                })?;
                result?;
                after
            }
            None => value,
        };
        if let Value::Struct(_, items) = &after {
            for item in items {
                self.drop_value(item, reason)?;
            }
        }
        Ok(())
    }

    pub(super) fn drop_owner(&mut self, id: usize, reason: &str) -> R<()> {
        // What it holds is dropped first (a Vec's elements first to last, a
        // Box's value), then its own memory is freed.
        if let Some(home) = self.homes.get_mut(id) {
            *home = None;
        }
        if let Owner::Map(_) = self.owners[id] {
            self.drop_map(id, reason)?;
            self.owners[id] = Owner::Gone;
            return Ok(());
        }
        if let Owner::Deque(_) = self.owners[id] {
            self.drop_deque(id, reason)?;
            self.owners[id] = Owner::Gone;
            return Ok(());
        }
        match self.contents.remove(&id) {
            Some(Contents::Items(items)) => {
                for home in &mut self.homes {
                    if matches!(home, Some(value::Root::Item { owner, .. }) if *owner == id) {
                        *home = None;
                    }
                }
                for item in &items {
                    self.drop_value(item, reason)?;
                }
            }
            Some(Contents::Value(v)) => self.drop_value(&v, reason)?,
            None => {}
        }
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
                    (CallOp::Dealloc, layout, None, None),
                    &why,
                    move |a, door, log| {
                        a.dealloc(door.sim, p, core, log);
                        Ok(Ok(p))
                    },
                )?;
            }
            Owner::Arena(mut bump) => {
                let why = format!("{reason}: dropping the Bump frees all its chunks at once");
                let origin = self.origin(why.clone());
                let mut door = Door {
                    sim: self.sim,
                    recording: &mut self.recording,
                    origin,
                };
                let result = bump.free_all(&mut door, &why);
                self.halt_on_misuse(result.map_err(|Stopped| Box::new(Halt::Stop))?)?;
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
                self.free(p, layout, &format!("{reason}: the {what} frees its buffer"))?;
            }
            Owner::Box { ptr: Some(p), ty } => {
                let layout = ty.layout(self.target);
                self.free(
                    p,
                    layout,
                    &format!("{reason}: the Box<{ty}> frees its value"),
                )?;
            }
            owner @ (Owner::Rc { .. } | Owner::Weak { .. } | Owner::Guard { .. }) => {
                self.drop_shared(owner, reason)?;
            }
            Owner::Closure { env, .. } => self.drop_closure_env(env, reason)?,
            Owner::Iter { iter, consumed } => self.drop_iter(iter, consumed, reason)?,
            _ => {}
        }
        Ok(())
    }

    pub(super) fn alloc_infallible(
        &mut self,
        layout: LayoutSpec,
        zeroed: bool,
        reason: &str,
    ) -> R<Addr> {
        let result = self.allocator_call(Call::Alloc { layout, zeroed }, reason)?;
        result.map_err(|_| {
            Box::new(Halt::Abort(
                format!("memory allocation of {} bytes failed", layout.size),
                self.here,
            ))
        })
    }

    /// `Layout::new` of a value's type: plain data from its type, a heap
    /// owner by the handle a binding holds (`Vec` and `String` three words,
    /// `Box` and `Rc` one, bumpalo's `Bump` three).
    pub(super) fn value_layout(&self, value: &Value, span: Span) -> R<LayoutSpec> {
        let word = self.target.word_size();
        let words = |n: u64| LayoutSpec {
            size: n * word,
            align: word,
        };
        match value {
            Value::Owner(id) => match &self.owners[*id] {
                Owner::Vec { .. } | Owner::Arena(_) => Ok(words(3)),
                // `VecDeque`: its buffer's capacity and pointer, head, length.
                Owner::Deque(_) => Ok(words(4)),
                Owner::Map(_) => Ok(match self.map_kind(*id) {
                    crate::scenario::ty::MapKind::Hash => {
                        raw_table::hash_map_shape(self.target).layout()
                    }
                    crate::scenario::ty::MapKind::BTree => words(3),
                }),
                Owner::Box { .. }
                | Owner::Rc { .. }
                | Owner::Weak { .. }
                | Owner::Shared { .. }
                | Owner::ArenaValue { .. } => Ok(words(1)),
                // `Ref`/`RefMut`: the value's pointer and the flag's.
                Owner::Guard { .. } => Ok(words(2)),
                Owner::Closure { .. } => self.closure_layout(*id, span),
                Owner::Iter { .. } => {
                    unsupported_span(span, "holding an iterator inside another value")
                }
                Owner::Gone => err(span, "this value was already dropped"),
            },
            Value::Ptr(_, _) => Ok(words(1)),
            Value::Layout(_) => Ok(words(2)),
            other => match other.ty() {
                Some(t) => Ok(t.layout(self.target)),
                None => unsupported_span(span, "capturing this kind of value in a spawned thread"),
            },
        }
    }

    /// Where a call made now comes from: this thread, this statement.
    pub(super) fn origin(&self, reason: String) -> Origin {
        Origin {
            thread: self.thread,
            span: Some(self.span()),
            block: self.op_block,
            reason,
            implicit: self.implicit,
        }
    }

    /// Runs `f` making calls the program didn't write (see
    /// [`runtime`](super::super::runtime)).
    pub(super) fn implicitly<T>(&mut self, f: impl FnOnce(&mut Self) -> R<T>) -> R<T> {
        let was = std::mem::replace(&mut self.implicit, true);
        let result = f(self);
        self.implicit = was;
        result
    }

    /// Where the statement being run is.
    pub(super) fn span(&self) -> crate::record::Span {
        crate::record::Span {
            line: self.here.0,
            column: self.here.1,
        }
    }

    /// Makes one allocator call through the run's door, from the statement
    /// being run; stops the run if it has made all the calls asked for.
    pub(super) fn allocator_call(
        &mut self,
        call: Call,
        reason: &str,
    ) -> R<Result<Addr, CallError>> {
        // The program's own `#[global_allocator]` runs first, if it has
        // one (see `global_alloc.rs`).
        if let Some(result) = self.through_global(&call, reason)? {
            return Ok(result);
        }
        self.strategy_call(call, reason)
    }

    /// Makes one call of the pane's strategy, through the run's door.
    pub(super) fn strategy_call(&mut self, call: Call, reason: &str) -> R<Result<Addr, CallError>> {
        let origin = self.origin(reason.to_string());
        self.recording
            .call(self.sim, call, origin)
            .map_err(|Stopped| Box::new(Halt::Stop))
    }

    /// `dealloc` of a block the program owns. Should it fail, its record
    /// says why, and the program goes on as a real drop would.
    pub(super) fn free(&mut self, addr: Addr, layout: LayoutSpec, reason: &str) -> R<()> {
        let _refused = self.allocator_call(Call::Dealloc { addr, layout }, reason)?;
        Ok(())
    }

    /// A bump arena's chunk call that broke the contract is our bug, not
    /// the program's: it ends the run with the reason.
    fn halt_on_misuse<T>(&self, result: Result<T, CallError>) -> R<Option<T>> {
        match result {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_out_of_memory() => Ok(None),
            Err(e) => halt(Halt::Error(ScenarioError {
                line: self.here.0,
                column: self.here.1,
                message: e.to_string(),
            })),
        }
    }

    pub(super) fn write_at(&mut self, ptr: Option<Addr>, value: &Value, ty: &Ty) {
        let Some(p) = ptr else { return };
        let bytes = self.encode_value(value, &ty.resolved());
        self.sim.heap_mut().write(p, &bytes);
    }

    pub(super) fn read_at(&self, ptr: Option<Addr>, ty: &Ty) -> R<Value> {
        let size = ty.layout(self.target).size;
        let bytes = match ptr {
            Some(p) => self.sim.heap().read(p, size).to_vec(),
            None => vec![0; size as usize],
        };
        Ok(Value::decode(&bytes, ty, self.target))
    }

    /// A `Vec::new_in(&bump)` grows through bumpalo's `allocate` and `grow`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn grow_in_arena(
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
                    (CallOp::Realloc, old, Some(new_layout.size), Some(p)),
                    &reason,
                    move |a, door, log| a.realloc(door, p, old_core, new_layout.size, block, log),
                )?
            }
            _ => {
                let core = core_layout(new_layout, Span::call_site())?;
                let mut new_block = None;
                let addr = self.arena_op(
                    arena,
                    (CallOp::Alloc, new_layout, None, None),
                    &reason,
                    |a, door, log| {
                        Ok(a.alloc(door, core, log)?.map(|(addr, block)| {
                            new_block = Some(block);
                            addr
                        }))
                    },
                )?;
                self.vec_arena.insert(id, (arena, new_block));
                addr
            }
        };
        let Some(addr) = addr else {
            return halt(Halt::Abort(
                format!("memory allocation of {} bytes failed", new_layout.size),
                self.here,
            ));
        };
        self.set_vec(id, Some(addr), new_cap, len);
        Ok(())
    }

    /// Runs an operation on a bump arena and records it. The chunks it
    /// takes from or gives back to the global allocator are recorded
    /// through the door as they are made; then the arena's own call, with
    /// the arena's narration only.
    #[allow(clippy::type_complexity)]
    pub(super) fn arena_op(
        &mut self,
        arena: usize,
        (op, layout, new_size, old_addr): (CallOp, LayoutSpec, Option<u64>, Option<Addr>),
        reason: &str,
        f: impl FnOnce(&mut BumpArena, &mut Door, &mut Log) -> Result<Result<Addr, CallError>, Stopped>,
    ) -> R<Option<Addr>> {
        let Owner::Arena(mut bump) = std::mem::replace(&mut self.owners[arena], Owner::Gone) else {
            return halt(Halt::Error(ScenarioError {
                line: self.here.0,
                column: self.here.1,
                message: "the Bump is gone".into(),
            }));
        };
        let origin = self.origin(reason.to_string());
        let mut log = Log::default();
        let mut door = Door {
            sim: self.sim,
            recording: &mut self.recording,
            origin: origin.clone(),
        };
        let result = f(&mut bump, &mut door, &mut log);
        self.owners[arena] = Owner::Arena(bump);
        let result = result.map_err(|Stopped| Box::new(Halt::Stop))?;
        if op != CallOp::Dealloc || layout.size > 0 {
            self.recording
                .note_arena_call(
                    self.sim, op, layout, new_size, old_addr, &result, log.events, origin,
                )
                .map_err(|Stopped| Box::new(Halt::Stop))?;
        }
        self.halt_on_misuse(result)
    }
}
