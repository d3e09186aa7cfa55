//! The program's own global allocator: `unsafe impl GlobalAlloc for T`
//! and `#[global_allocator] static A: T = …;`.
//!
//! Once one is installed, every allocator call the program makes (its
//! own, the runtime's before `main`, stdout's buffer at the first print)
//! runs the program's `alloc`, `dealloc`, `realloc` or `alloc_zeroed`, as
//! `__rust_alloc` and its kin do in a real build. What that code asks of
//! `System` is what the pane's strategy is asked: `System` here is the
//! pane's built-in allocator, so a wrapper such as the seed article's
//! `Meter` counts exactly the calls the strategy then serves. A method the
//! program leaves out runs `GlobalAlloc`'s default, as std writes it: a
//! `realloc` allocates the new block through the program's `alloc`, copies
//! the smaller of the two sizes and frees the old block through its
//! `dealloc` (so a wrapper without its own `realloc` turns every `Vec`'s
//! growth into an `alloc` and a `dealloc`); an `alloc_zeroed` calls
//! `alloc` and zeroes the block.
//!
//! The allocator's state lives in its static: a method of `&self` sees
//! it, changes it through atomics or cells, and the static keeps it.
//!
//! Code inside an allocator must not allocate: in a real build the call
//! comes back into the same allocator, which recurses until the stack
//! overflows (or deadlocks on its own lock). Here it stops the run at the
//! line that allocated, and says so.

use super::*;

/// The program's `#[global_allocator]`: its static and the type whose
/// `GlobalAlloc` methods run.
#[derive(Debug, Clone)]
pub(super) struct GlobalAllocator {
    /// The static's name.
    pub(super) name: String,
    /// Its type's name.
    pub(super) ty: String,
    /// Where the static is named.
    pub(super) span: Span,
}

impl Interp<'_> {
    /// Makes `call` through the program's global allocator, if it has one
    /// (`None`: it has none, the call goes straight to the strategy).
    pub(super) fn through_global(
        &mut self,
        call: &Call,
        reason: &str,
    ) -> R<Option<Result<Addr, CallError>>> {
        let Some(global) = self.global_alloc.clone() else {
            return Ok(None);
        };
        if let Some(inside) = &self.in_allocator {
            return err(
                Span::call_site(),
                format!(
                    "the allocator called the allocator: {reason}, inside `{inside}`, asks the global allocator for memory, which runs `{inside}` again; in a real build this recursion overflows the stack (or deadlocks on the allocator's lock). Code inside an allocator must not allocate: use atomics and fixed buffers"
                ),
            )
            .map_err(|e| self.at_here(e));
        }
        // The strategy's calls keep the statement that caused them.
        let site = self.here;
        if self.has_heap_array() {
            let result = self.heap_array_call(&global, *call, site, reason);
            self.here = site;
            return result.map(Some);
        }
        let result = match *call {
            Call::Alloc { layout, zeroed } => {
                self.global_alloc_call(&global, layout, zeroed, site, reason)
            }
            Call::Dealloc { addr, layout } => self
                .global_method(
                    &global,
                    "dealloc",
                    vec![Value::byte_ptr(addr), Value::Layout(layout)],
                    site,
                    reason,
                )
                .map(|_| Ok(addr)),
            Call::Realloc {
                addr,
                layout,
                new_size,
            } => self.global_realloc(&global, addr, layout, new_size, site, reason),
        };
        self.here = site;
        result.map(Some)
    }

    /// `alloc` or `alloc_zeroed` of the program's allocator (the default
    /// `alloc_zeroed`: its `alloc`, then zeroes).
    fn global_alloc_call(
        &mut self,
        global: &GlobalAllocator,
        layout: LayoutSpec,
        zeroed: bool,
        site: (usize, usize),
        reason: &str,
    ) -> R<Result<Addr, CallError>> {
        let own_zeroed = zeroed && self.method_of(&global.ty, "alloc_zeroed").is_some();
        let method = if own_zeroed { "alloc_zeroed" } else { "alloc" };
        let result =
            self.global_method(global, method, vec![Value::Layout(layout)], site, reason)?;
        let addr = match result {
            Value::Ptr(a, _) if a.0 != 0 => a,
            Value::Ptr(_, _) => return Ok(Err(self.refused(layout))),
            other => {
                return err(
                    Span::call_site(),
                    format!(
                        "`{}::{method}` returned {} where `GlobalAlloc` returns a `*mut u8`",
                        global.ty,
                        other.show(true)
                    ),
                )
                .map_err(|e| self.at_here(e))
            }
        };
        // An allocator with no heap array of its own gives out what
        // `System` gave it: a block that is not in the heap is memory the
        // simulation does not have (a static array under 256 bytes, a
        // number made up).
        let (base, end) = (self.sim.heap().base(), self.sim.heap().end());
        if addr.0 < base.0 || addr.0.saturating_add(layout.size) > end.0 {
            return err(
                self.fn_span(global, method),
                format!(
                    "`{}::{method}` returned {addr} for {}, outside the heap ({base}..{end}). An allocator here gives out blocks from `System`, or from a static array of its own of at least 256 bytes (`[u8; N]`), which is then the heap",
                    global.ty,
                    crate::scenario::value::layout_debug(layout)
                ),
            );
        }
        if zeroed && !own_zeroed {
            self.sim
                .heap_mut()
                .write(addr, &vec![0; layout.size as usize]);
        }
        Ok(Ok(addr))
    }

    /// A call of the program's allocator over its own heap array: its
    /// method runs, what it returned is checked (inside the array,
    /// aligned, overlapping no live block; a `realloc` kept the bytes),
    /// and the call is recorded with what its code wrote. A bad answer
    /// stops the run with the heap as it was before the call.
    fn heap_array_call(
        &mut self,
        global: &GlobalAllocator,
        call: Call,
        site: (usize, usize),
        reason: &str,
    ) -> R<Result<Addr, CallError>> {
        // A call that breaks the contract is refused with its explanation
        // before the program's code sees it (a trace may free twice).
        if self.sim.breaks_contract(&call) {
            return self.strategy_call(call, reason);
        }
        self.call_memory = memory::CallMemory::default();
        let answer = self.heap_array_answer(global, call, site, reason);
        let answer = match answer {
            Ok(a) => a,
            Err(e) => {
                self.undo_call_writes();
                self.call_memory = memory::CallMemory::default();
                return Err(e);
            }
        };
        let wrote = std::mem::take(&mut self.call_memory.wrote);
        self.call_memory = memory::CallMemory::default();
        if let Some(yours) = self.sim.yours_mut() {
            yours.answer(answer, wrote);
        }
        self.strategy_call(call, reason)
    }

    /// What the program's allocator answers `call` with (`None`: null),
    /// checked.
    fn heap_array_answer(
        &mut self,
        global: &GlobalAllocator,
        call: Call,
        site: (usize, usize),
        reason: &str,
    ) -> R<Option<Addr>> {
        match call {
            Call::Alloc { layout, zeroed } => {
                let own_zeroed = zeroed && self.method_of(&global.ty, "alloc_zeroed").is_some();
                let method = if own_zeroed { "alloc_zeroed" } else { "alloc" };
                let got =
                    self.global_method(global, method, vec![Value::Layout(layout)], site, reason)?;
                let Some(addr) = self.returned(global, method, &got)? else {
                    return Ok(None);
                };
                self.check_block(global, method, addr, layout, None)?;
                if zeroed && !own_zeroed {
                    self.write_undoably(addr, &vec![0; layout.size as usize]);
                }
                Ok(Some(addr))
            }
            Call::Dealloc { addr, layout } => {
                self.call_memory.giving_back = Some((addr, layout.size));
                self.global_method(
                    global,
                    "dealloc",
                    vec![Value::byte_ptr(addr), Value::Layout(layout)],
                    site,
                    reason,
                )?;
                Ok(None)
            }
            Call::Realloc {
                addr,
                layout,
                new_size,
            } => {
                let new_layout = LayoutSpec {
                    size: new_size,
                    align: layout.align,
                };
                let kept = layout.size.min(new_size);
                let before = self.sim.heap().read(addr, kept).to_vec();
                if self.method_of(&global.ty, "realloc").is_some() {
                    self.call_memory.giving_back = Some((addr, layout.size));
                    let args = vec![
                        Value::byte_ptr(addr),
                        Value::Layout(layout),
                        Value::Int(i128::from(new_size), Some(IntTy::Word(false))),
                    ];
                    let got = self.global_method(global, "realloc", args, site, reason)?;
                    let Some(new) = self.returned(global, "realloc", &got)? else {
                        return Ok(None);
                    };
                    self.check_block(global, "realloc", new, new_layout, Some(addr))?;
                    let after = self.sim.heap().read(new, kept);
                    if let Some(i) = (0..before.len()).find(|&i| before[i] != after[i]) {
                        return err(
                            self.fn_span(global, "realloc"),
                            format!(
                                "`{}::realloc` did not keep the block's contents: it returned {new}, where byte {i} is {:#04x}, but the block at {addr} held {:#04x} there. `realloc` must copy the first min(old, new) bytes ({kept} here) to the block it returns",
                                global.ty, after[i], before[i]
                            ),
                        );
                    }
                    return Ok(Some(new));
                }
                // GlobalAlloc's default: a new block from `alloc`, the
                // bytes copied, the old block to `dealloc`.
                let why = format!(
                    "{reason}; `{}` has no `realloc`: GlobalAlloc's default allocates anew",
                    global.ty
                );
                let got = self.global_method(
                    global,
                    "alloc",
                    vec![Value::Layout(new_layout)],
                    site,
                    &why,
                )?;
                let Some(new) = self.returned(global, "alloc", &got)? else {
                    return Ok(None);
                };
                self.check_block(global, "alloc", new, new_layout, None)?;
                self.write_undoably(new, &before);
                self.call_memory.giving_back = Some((addr, layout.size));
                self.default_realloc_frees(global, addr, layout, site, reason)?;
                Ok(Some(new))
            }
        }
    }

    /// The address a method of the program's allocator returned (`None`
    /// for null).
    fn returned(&self, global: &GlobalAllocator, method: &str, got: &Value) -> R<Option<Addr>> {
        match got {
            Value::Ptr(a, _) => Ok((a.0 != 0).then_some(*a)),
            other => err(
                self.fn_span(global, method),
                format!(
                    "`{}::{method}` returned {} where `GlobalAlloc` returns a `*mut u8`",
                    global.ty,
                    other.show(true)
                ),
            ),
        }
    }

    /// Where the program's method `method` is written.
    fn fn_span(&self, global: &GlobalAllocator, method: &str) -> Span {
        self.method_of(&global.ty, method)
            .map_or(global.span, |f| f.sig.ident.span())
    }

    /// Checks the block the program's allocator returned, as malloc lab's
    /// driver checks one: aligned, inside the heap, overlapping no live
    /// block (but `moved_from`, the block a `realloc` gives back).
    fn check_block(
        &self,
        global: &GlobalAllocator,
        method: &str,
        addr: Addr,
        layout: LayoutSpec,
        moved_from: Option<Addr>,
    ) -> R<()> {
        let span = self.fn_span(global, method);
        let who = format!(
            "`{}::{method}` returned {addr} for {}",
            global.ty,
            crate::scenario::value::layout_debug(layout)
        );
        if !addr.0.is_multiple_of(layout.align) {
            return err(
                span,
                format!(
                    "{who}: not a multiple of {}. A block must be aligned as its Layout asks: the program will keep values there that need it, and a misaligned access is undefined behaviour. Round the address up: `(addr + align - 1) & !(align - 1)`",
                    layout.align
                ),
            );
        }
        let (base, end) = (self.sim.heap().base(), self.sim.heap().end());
        if addr.0 < base.0 || addr.0.saturating_add(layout.size) > end.0 {
            return err(
                span,
                format!(
                    "{who}: the block ({} bytes) is not inside the heap array ({base}..{end}). Every block must lie inside the memory the allocator manages",
                    layout.size
                ),
            );
        }
        let overlap = self.sim.live().find(|(a, l)| {
            Some(**a) != moved_from
                && a.0 < addr.0 + layout.size
                && addr.0 < a.0 + l.layout.size() as u64
        });
        if let Some((a, l)) = overlap {
            return err(
                span,
                format!(
                    "{who}: the block ({} bytes, {addr}..{}) overlaps block {} ({} bytes at {a}), which the program still holds: both would use the same bytes, and writing one would corrupt the other",
                    layout.size,
                    Addr(addr.0 + layout.size),
                    l.id,
                    l.layout.size()
                ),
            );
        }
        Ok(())
    }

    /// `realloc` of the program's allocator, or `GlobalAlloc`'s default:
    /// the new block from its `alloc`, the bytes copied, the old block
    /// given to its `dealloc`.
    fn global_realloc(
        &mut self,
        global: &GlobalAllocator,
        addr: Addr,
        layout: LayoutSpec,
        new_size: u64,
        site: (usize, usize),
        reason: &str,
    ) -> R<Result<Addr, CallError>> {
        let new_layout = LayoutSpec {
            size: new_size,
            align: layout.align,
        };
        if self.method_of(&global.ty, "realloc").is_some() {
            let args = vec![
                Value::byte_ptr(addr),
                Value::Layout(layout),
                Value::Int(i128::from(new_size), Some(IntTy::Word(false))),
            ];
            return Ok(
                match self.global_method(global, "realloc", args, site, reason)? {
                    Value::Ptr(a, _) if a.0 != 0 => Ok(a),
                    _ => Err(self.refused(new_layout)),
                },
            );
        }
        let why = format!(
            "{reason}; `{}` has no `realloc`: GlobalAlloc's default allocates anew",
            global.ty
        );
        let new = match self.global_alloc_call(global, new_layout, false, site, &why)? {
            Ok(a) => a,
            Err(e) => return Ok(Err(e)),
        };
        let kept = layout.size.min(new_size);
        let bytes = self.sim.heap().read(addr, kept).to_vec();
        self.sim.heap_mut().write(new, &bytes);
        self.default_realloc_frees(global, addr, layout, site, reason)?;
        Ok(Ok(new))
    }

    /// The last step of `GlobalAlloc`'s default `realloc`: the old block
    /// to the program's `dealloc`.
    fn default_realloc_frees(
        &mut self,
        global: &GlobalAllocator,
        addr: Addr,
        layout: LayoutSpec,
        site: (usize, usize),
        reason: &str,
    ) -> R<()> {
        let why = format!("{reason}; GlobalAlloc's default `realloc` frees the old block");
        self.global_method(
            global,
            "dealloc",
            vec![Value::byte_ptr(addr), Value::Layout(layout)],
            site,
            &why,
        )
        .map(|_| ())
    }

    /// Runs the program's `method` of `GlobalAlloc` on its static, which
    /// keeps what the method changed.
    fn global_method(
        &mut self,
        global: &GlobalAllocator,
        method: &str,
        args: Vec<Value>,
        site: (usize, usize),
        reason: &str,
    ) -> R<Value> {
        let Some(f) = self.method_of(&global.ty, method) else {
            return err(
                Span::call_site(),
                format!(
                    "`{}` has no `{method}`: `GlobalAlloc` needs `alloc` and `dealloc`",
                    global.ty
                ),
            )
            .map_err(|e| self.at_here(e));
        };
        let Some(index) = self.static_index(&global.name) else {
            return err(
                Span::call_site(),
                format!("cannot find static `{}`", global.name),
            );
        };
        let receiver = Value::Ref(crate::scenario::value::Place {
            root: crate::scenario::value::Root::Static { index },
            fields: Vec::new(),
        });
        let label = format!("{}::{method}", global.ty);
        let outer = self.in_allocator.replace(label.clone());
        let outer_site = self.alloc_site.replace((site, reason.to_string()));
        let outer_steps = self.allocator_steps.replace((label.clone(), self.steps));
        let ran = self.run_fn(f.clone(), Some(receiver), args, Span::call_site());
        self.in_allocator = outer;
        self.alloc_site = outer_site;
        self.allocator_steps = outer_steps;
        // A panic inside the allocator: in a real build it cannot unwind
        // out of `GlobalAlloc` (undefined behaviour; std aborts).
        let inside = |message: &str| {
            format!(
                "{message} — this panic happened inside `{label}`: a global allocator must not unwind; in a real build this is undefined behaviour (std aborts the process: \"panic in a function that cannot unwind\")"
            )
        };
        ran.map_err(|h| match *h {
            Halt::Abort(message, at) => Box::new(Halt::Abort(inside(&message), at)),
            Halt::Error(mut e) if e.message.starts_with("panicked") => {
                e.message = inside(&e.message);
                Box::new(Halt::Error(e))
            }
            other => Box::new(other),
        })
    }

    /// What the program's allocator refusing `layout` (a null pointer)
    /// is to the caller: out of memory.
    fn refused(&self, layout: LayoutSpec) -> CallError {
        CallError::OutOfMemory(crate::error::AllocError {
            layout,
            total_free: 0,
            largest_free: 0,
            shortfall: crate::error::Shortfall::ReturnedNull,
        })
    }

    /// `System.alloc(layout)` and the rest of `GlobalAlloc` on `System`:
    /// straight to the pane's strategy; `None` if `value` is not `System`.
    pub(super) fn system_method(
        &mut self,
        value: &Value,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Option<Value>> {
        if !matches!(self.deref(value.clone()), Value::Struct(def, _) if def.name == "System" && def.unit && !self.structs.contains_key("System"))
        {
            return Ok(None);
        }
        let span = self.sp(m);
        if self.has_heap_array() {
            return unsupported(
                m,
                "calling `System` from an allocator over its own heap array (the simulation's heap is that array)",
            );
        }
        let (call, what) = match name {
            "alloc" | "alloc_zeroed" => {
                let args = self.prim_args(m, 1)?;
                let Value::Layout(layout) = args[0] else {
                    return err(span, format!("`System.{name}` takes a Layout"));
                };
                (
                    Call::Alloc {
                        layout,
                        zeroed: name == "alloc_zeroed",
                    },
                    name,
                )
            }
            "dealloc" => {
                let args = self.prim_args(m, 2)?;
                let (Value::Ptr(addr, _), Value::Layout(layout)) = (&args[0], &args[1]) else {
                    return err(span, "`System.dealloc` takes a pointer and a Layout");
                };
                (
                    Call::Dealloc {
                        addr: *addr,
                        layout: *layout,
                    },
                    name,
                )
            }
            "realloc" => {
                let args = self.prim_args(m, 3)?;
                let (Value::Ptr(addr, _), Value::Layout(layout), Value::Int(n, _)) =
                    (&args[0], &args[1], &args[2])
                else {
                    return err(
                        span,
                        "`System.realloc` takes a pointer, a Layout and a new size",
                    );
                };
                (
                    Call::Realloc {
                        addr: *addr,
                        layout: *layout,
                        new_size: u64::try_from(*n).unwrap_or(0),
                    },
                    name,
                )
            }
            _ => return unsupported(&m.method, &format!("`System.{name}`")),
        };
        // Made for the statement that caused it, with its reason.
        let (reason, here) = match &self.alloc_site {
            Some((site, outer)) => (
                format!(
                    "{outer} (`{}` asks `System.{what}`)",
                    self.in_allocator.clone().unwrap_or_default()
                ),
                *site,
            ),
            None => (
                format!("`{}`: a direct call to `System`", self.src(m)),
                self.here,
            ),
        };
        let inner = std::mem::replace(&mut self.here, here);
        let result = self.strategy_call(call, &reason);
        self.here = inner;
        let result = result?;
        Ok(Some(match (call, result) {
            (Call::Dealloc { .. }, _) => Value::unit(),
            (_, Ok(a)) => Value::byte_ptr(a),
            (_, Err(_)) => Value::byte_ptr(Addr(0)),
        }))
    }

    /// An error made without a span, placed at the statement running.
    fn at_here(&self, mut e: Box<Halt>) -> Box<Halt> {
        if let Halt::Error(err) = &mut *e {
            err.line = self.here.0;
            err.column = self.here.1;
        }
        e
    }
}
