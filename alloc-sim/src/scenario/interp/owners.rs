//! Heap owners: boxes, `Rc`s, bump arenas and drops, and the door through
//! which every allocator call is made and recorded.

use super::*;

impl Interp<'_> {
    // ----- owners -----

    pub(super) fn new_owner(&mut self, owner: Owner) -> usize {
        self.owners.push(owner);
        self.owners.len() - 1
    }

    /// `Box::new(value)`: `alloc(Layout::new::<T>())` and the value written
    /// there; a zero-sized `T` allocates nothing.
    pub(super) fn new_box(&mut self, value: Value, ty: Ty, reason: &str) -> R<Value> {
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

    pub(super) fn rc_clone(&mut self, id: usize, span: Span) -> R<Value> {
        let Owner::Rc { cell } = self.owners[id] else {
            return err(span, "not an Rc");
        };
        self.cells[cell].strong += 1;
        let (ptr, strong) = (self.cells[cell].ptr, self.cells[cell].strong);
        self.sim.heap_mut().write_word(ptr, strong);
        Ok(Value::Owner(self.new_owner(Owner::Rc { cell })))
    }

    pub(super) fn drop_owner(&mut self, id: usize, reason: &str) -> R<()> {
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

    pub(super) fn alloc_infallible(
        &mut self,
        layout: LayoutSpec,
        zeroed: bool,
        reason: &str,
    ) -> R<Addr> {
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
    pub(super) fn record(
        &mut self,
        op: CallOp,
        layout: LayoutSpec,
        new_size: Option<u64>,
        result: &Result<Addr, CallError>,
        reason: &str,
    ) -> R<Option<Addr>> {
        let (line, column) = self.here;
        let addr = result.as_ref().ok().copied();
        // A block that moved was copied from where it was; one that did
        // not move was resized in place.
        let old_addr = match (op, addr) {
            (CallOp::Realloc, Some(new)) => Some(
                self.sim
                    .events()
                    .iter()
                    .find_map(|e| match e {
                        crate::event::Event::Copied { from, to, .. } if *to == new => Some(*from),
                        _ => None,
                    })
                    .unwrap_or(new),
            ),
            _ => None,
        };
        self.push_call(ScenarioCall {
            old_addr,
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
        })?;
        Ok(addr)
    }

    pub(super) fn write_at(&mut self, ptr: Option<Addr>, value: &Value, ty: &Ty) {
        let Some(p) = ptr else { return };
        let mut bytes = Vec::new();
        value.encode(ty, self.target, &mut bytes);
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
    pub(super) fn arena_op(
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
            self.push_call(ScenarioCall {
                line,
                column,
                reason: reason.to_string(),
                op,
                layout,
                new_size,
                old_addr: None,
                addr: result.as_ref().ok().copied(),
                error: result.as_ref().err().map(ToString::to_string),
                events: log.events,
                arena: true,
                thread: self.thread.0,
                metrics: self.sim.metrics(),
            })?;
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

    /// Keeps a call in the run; stops the run if that was the last call
    /// asked for.
    pub(super) fn push_call(&mut self, call: ScenarioCall) -> R<()> {
        self.calls.push(call);
        if let Some(timeline) = self.timeline.as_deref_mut() {
            timeline.mark(self.sim.heap_mut());
        }
        if self
            .limits
            .stop_after_calls
            .is_some_and(|n| self.calls.len() >= n)
        {
            return Err(Halt::Stop);
        }
        Ok(())
    }
}
