//! The program's memory: its statics laid out in the simulated address
//! space, the static heap array its own allocator serves from, and raw
//! pointers into them.
//!
//! Every `static` gets an address, as a linker gives it one: one after
//! another at their alignments, after the heap (or, when the program has a
//! heap array, around it). A static is a place (`COUNT`, `ALLOC.next`),
//! kept as a value.
//!
//! A program with a `#[global_allocator]` may declare its own heap: a
//! static byte array (`[u8; N]`, `[MaybeUninit<u8>; N]`, possibly inside an
//! `UnsafeCell` or a struct) of at least 256 bytes, as `no_std` allocators
//! get theirs. That array's bytes *are* the simulated heap: the run's heap
//! is the array, at the array's address, and what the program's allocator
//! hands out is drawn there ([`crate::strategy::Yours`]). Such an array is
//! never held as values, one per byte: its value is
//! [`Value::InMemory`], and its bytes live in the heap.
//!
//! A raw pointer is an address and the type it points at
//! ([`Value::Ptr`]). `*p` names a place: a value of the pointee's type kept
//! as bytes at that address when it is inside the heap array
//! ([`Root::Memory`]: read by decoding the bytes, written by encoding
//! them, little-endian as the target's), or the static (or field of one)
//! that starts there. Each access is checked the way Miri checks it: a
//! null pointer, an address outside every piece of memory the program
//! owns, or a typed access at a misaligned address stops the run with an
//! explanation at the line that made it.
//!
//! While the program's allocator runs, what its code writes into the
//! heap array is noted, so that the heap can paint it as the allocator's
//! own data, and so that the heap can be put back as it was if the call
//! ends in an error (a bad block returned, a write into a live block).

use super::*;
use crate::heap::HeapConfig;
use crate::scenario::value::{Place, Root};
use crate::strategy::{AnyStrategy, Yours};

/// The smallest static byte array taken for the program's heap: the
/// smallest heap the simulation draws.
pub(super) const HEAP_ARRAY_MIN: u64 = crate::heap::MIN_HEAP_SIZE;

/// The steps one call of the program's allocator may take: past them, a
/// loop in it is taken for one that never ends.
pub(super) const STEPS_PER_ALLOCATOR_CALL: u64 = 100_000;

/// One `static` of the program.
#[derive(Debug, Clone)]
pub(super) struct StaticItem {
    /// Its name.
    pub(super) name: String,
    /// Its type, if it is one the simulation lays out.
    pub(super) ty: Option<Ty>,
    /// Where it is.
    pub(super) addr: Addr,
    /// Its value (the heap array inside it is [`Value::InMemory`]).
    pub(super) value: Value,
    /// Where it is declared.
    pub(super) span: Span,
}

impl StaticItem {
    /// Its size in bytes (0 for a type the simulation does not lay out).
    fn size(&self, target: crate::target::Target) -> u64 {
        self.ty.as_ref().map_or(0, |t| t.layout(target).size)
    }
}

/// The program's own heap: a byte array inside one of its statics.
#[derive(Debug, Clone)]
pub(super) struct HeapArray {
    /// The static holding it.
    pub(super) static_index: usize,
    /// Its length in bytes.
    pub(super) len: u64,
    /// Where it starts.
    pub(super) addr: Addr,
}

/// What the program's allocator did to the heap array during the call
/// running.
#[derive(Debug, Default)]
pub(super) struct CallMemory {
    /// The spans its code wrote, each with the line that wrote it.
    pub(super) wrote: Vec<(Addr, u64, usize)>,
    /// The block the call gives back (`dealloc`, `realloc`): its code may
    /// write into it.
    pub(super) giving_back: Option<(Addr, u64)>,
    /// What each write replaced, in order: put back, last first, if the
    /// call ends in an error.
    pub(super) undo: Vec<(Addr, Vec<u8>)>,
}

/// How a pointer is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    /// `*p`, `p.read()`: the address must be aligned.
    Read,
    /// `*p = v`, `p.write(v)`.
    Write,
    /// `read_unaligned`, `write_unaligned`, `ptr::copy`: any address.
    Unaligned,
}

/// `UnsafeCell<T>`: a struct of one field, laid out as `T` (it is
/// `#[repr(transparent)]`).
pub(super) fn unsafe_cell_ty(value: Ty) -> Ty {
    Ty::Struct(Rc::new(StructDef {
        name: format!("UnsafeCell<{value}>"),
        fields: vec![("value".to_string(), value)],
        repr_c: true,
        align: None,
        unit: false,
        variant: None,
        args: Vec::new(),
        drops: false,
        layouts: Default::default(),
    }))
}

/// Whether `def` is std's `UnsafeCell` (as [`unsafe_cell_ty`] makes it).
pub(super) fn is_unsafe_cell(def: &StructDef) -> bool {
    def.name.starts_with("UnsafeCell<") && def.fields.len() == 1 && def.repr_c
}

fn usize_value(n: u64) -> Value {
    Value::Int(i128::from(n), Some(IntTy::Word(false)))
}

impl Interp<'_> {
    // ----- statics -----

    /// The static named `name`, if the program declares one.
    pub(super) fn static_index(&self, name: &str) -> Option<usize> {
        self.static_items.iter().position(|s| s.name == name)
    }

    /// Reads `static NAME: T = value;` (or `static mut`). Its address is
    /// given when every static has been read ([`Interp::lay_out_statics`]).
    pub(super) fn define_static(&mut self, s: &syn::ItemStatic) -> R<()> {
        let name = s.ident.to_string();
        if self.static_index(&name).is_some() || self.globals.contains_key(&name) {
            return err(
                s.ident.span(),
                format!("the name `{name}` is defined multiple times"),
            );
        }
        let ty = self.plain(&s.ty).ok();
        // A byte array big enough to be a heap is not made one value per
        // byte while a program with its own allocator sets it up.
        self.static_init = self.declares_global_alloc;
        let value = self.constant(&s.ty, &s.expr);
        self.static_init = false;
        self.static_items.push(StaticItem {
            name,
            ty,
            addr: Addr(0),
            value: value?,
            span: s.ident.span(),
        });
        Ok(())
    }

    /// `[x; n]` in a static's initializer, when it is a heap array: kept
    /// as bytes, not values (`None`: it is not one).
    pub(super) fn heap_array_init(&self, item: &Value, n: u64) -> Option<Value> {
        let byte = matches!(item, Value::Int(_, None | Some(IntTy::Fixed(_, 1))));
        (self.static_init && byte && n >= HEAP_ARRAY_MIN).then_some(Value::InMemory(Addr(0)))
    }

    /// Gives every static its address and finds the program's heap array.
    pub(super) fn lay_out_statics(&mut self) -> R<()> {
        let mut found: Option<(usize, Vec<usize>, u64)> = None;
        for (index, item) in self.static_items.iter().enumerate() {
            let Some(ty) = &item.ty else { continue };
            let mut arrays = Vec::new();
            in_memory_paths(&item.value, ty, &mut Vec::new(), &mut arrays);
            for (fields, len) in arrays {
                if let Some((other, ..)) = &found {
                    return err(
                        item.span,
                        format!(
                            "a second static heap array ({len} bytes): the program's heap is `{}` already; allocscope draws one heap array per program",
                            self.static_items[*other].name
                        ),
                    );
                }
                found = Some((index, fields, len));
            }
        }
        // Without its own heap, the program runs as if it had no allocator
        // of its own: its calls go to the strategy, and the array is an
        // ordinary static (kept as bytes nobody reads).
        if found.is_some() && !self.own_heap {
            self.global_alloc = None;
            found = None;
        }
        let target = self.target;
        let layout_of = |item: &StaticItem| {
            item.ty
                .as_ref()
                .map_or(LayoutSpec { size: 0, align: 1 }, |t| t.layout(target))
        };
        let mut cursor = match &found {
            // The array where heaps start (0x1000), if its static allows.
            Some((index, fields, _)) => {
                let item = &self.static_items[*index];
                let ty = item.ty.clone().unwrap_or_else(Ty::unit);
                let offset = self
                    .field_path_addr(Addr(0), &ty, fields)
                    .unwrap_or_default();
                let layout = layout_of(item);
                let base = crate::heap::DEFAULT_BASE.0;
                let start = if offset <= base - 0x100 {
                    (base - offset) / layout.align * layout.align
                } else {
                    base.next_multiple_of(layout.align)
                };
                self.static_items[*index].addr = Addr(start);
                start + layout.size
            }
            None => self.sim.heap().end().0.next_multiple_of(0x1000),
        };
        for index in 0..self.static_items.len() {
            if found.as_ref().is_some_and(|(i, ..)| *i == index) {
                continue;
            }
            let layout = layout_of(&self.static_items[index]);
            let at = cursor.next_multiple_of(layout.align.max(8));
            self.static_items[index].addr = Addr(at);
            cursor = at + layout.size;
        }
        if let Some((index, fields, len)) = found {
            let item = &self.static_items[index];
            let ty = item.ty.clone().unwrap_or_else(Ty::unit);
            let addr = Addr(
                self.field_path_addr(item.addr, &ty, &fields)
                    .unwrap_or(item.addr.0),
            );
            if let Some(slot) = value_at_path(&mut self.static_items[index].value, &fields) {
                *slot = Value::InMemory(addr);
            }
            self.heap_array = Some(HeapArray {
                static_index: index,
                len,
                addr,
            });
        }
        Ok(())
    }

    /// When the program has a heap array, the run's heap becomes it: the
    /// program's allocator serves from it, and the map draws it.
    pub(super) fn enter_heap_array(&mut self) -> R<()> {
        let Some(array) = &self.heap_array else {
            return Ok(());
        };
        let item = &self.static_items[array.static_index];
        let config = HeapConfig::new(array.len).at(array.addr).on(self.target);
        let sim =
            crate::sim::Simulation::over_static_array(config, AnyStrategy::Yours(Yours::default()))
                .or_else(|e| err(item.span, format!("the heap array of `{}`: {e}", item.name)))?;
        *self.sim = sim;
        self.recording.rebase(self.sim);
        Ok(())
    }

    /// Whether the program's allocator serves from its own heap array.
    pub(super) fn has_heap_array(&self) -> bool {
        self.heap_array.is_some()
    }

    /// The statics, for the run's record.
    pub(super) fn static_infos(&self) -> Vec<crate::record::StaticInfo> {
        self.static_items
            .iter()
            .map(|s| crate::record::StaticInfo {
                name: s.name.clone(),
                addr: s.addr,
                size: s.size(self.target),
            })
            .collect()
    }

    // ----- types kept as numbers in places -----

    /// The number `Root::Memory` keeps for `ty`.
    pub(super) fn mem_ty(&self, ty: &Ty) -> u32 {
        let ty = &ty.resolved();
        let mut tys = self.mem_tys.borrow_mut();
        match tys.iter().position(|t| **t == *ty) {
            Some(i) => i as u32,
            None => {
                tys.push(Rc::new(ty.clone()));
                (tys.len() - 1) as u32
            }
        }
    }

    /// The type numbered `id`.
    pub(super) fn mem_ty_of(&self, id: u32) -> Rc<Ty> {
        self.mem_tys
            .borrow()
            .get(id as usize)
            .cloned()
            .unwrap_or_else(|| Rc::new(Ty::unit()))
    }

    /// The type of the value at `place`, where it is known from a
    /// declaration: a static's and its fields', a value in memory's.
    pub(super) fn place_ty(&self, place: &Place) -> Option<Ty> {
        let mut ty = match place.root {
            Root::Static { index } => self.static_items.get(index)?.ty.clone()?,
            Root::Memory { ty, .. } => (*self.mem_ty_of(ty)).clone(),
            _ => return self.at_place(place).and_then(|v| self.value_ty(v)),
        };
        for &i in &place.fields {
            ty = match ty.resolved() {
                Ty::Struct(def) => def.fields.get(i)?.1.clone(),
                Ty::Tuple(items) => items.get(i)?.clone(),
                Ty::Array(elem, _) => *elem,
                Ty::Option(inner) if i == 0 => *inner,
                _ => return None,
            };
        }
        Some(ty)
    }

    // ----- pointers to places -----

    /// A raw pointer to `place`: its address and type. A local variable
    /// has no address here (the stack is not laid out).
    pub(super) fn pointer_to(&self, place: &Place, span: Span) -> R<Value> {
        let ty = self.place_ty(place).unwrap_or_else(Ty::unit);
        match self.place_addr(place) {
            Some(a) => Ok(Value::Ptr(Addr(a), Box::new(ty))),
            None => unsupported_at(
                span,
                "a raw pointer to a local variable: the simulation gives addresses to statics and heap memory, not to the stack",
            ),
        }
    }

    /// The place a raw pointer names, checked as Miri checks an access.
    pub(super) fn ptr_place(&self, addr: Addr, ty: &Ty, span: Span, access: Access) -> R<Place> {
        let layout = ty.layout(self.target);
        let what = if access == Access::Read {
            "reads"
        } else {
            "writes"
        };
        if addr.0 == 0 {
            return err(
                span,
                format!(
                    "null pointer dereference: this {what} a `{ty}` at address 0x0; no value ever lives there (a null pointer means \"no memory\": check it with `is_null()` first)"
                ),
            );
        }
        if access != Access::Unaligned && !addr.0.is_multiple_of(layout.align) {
            return err(
                span,
                format!(
                    "misaligned pointer dereference: address must be a multiple of {:#x} but is {addr}: a `{ty}` must sit at a multiple of {}. (Real Rust checks this in debug builds; in release builds it is undefined behaviour. Use `read_unaligned`/`write_unaligned`, or align the address: `(addr + align - 1) & !(align - 1)`.)",
                    layout.align, layout.align
                ),
            );
        }
        if let Some(array) = &self.heap_array {
            let end = array.addr.0 + array.len;
            if addr.0 >= array.addr.0 && addr.0 < end {
                if addr.0 + layout.size > end {
                    return err(
                        span,
                        format!(
                            "out of bounds: this {what} {} bytes at {addr}, past the end of the heap array `{}` ({}..{})",
                            layout.size,
                            self.static_items[array.static_index].name,
                            array.addr,
                            Addr(end)
                        ),
                    );
                }
                return Ok(Place {
                    root: Root::Memory {
                        addr: addr.0,
                        ty: self.mem_ty(ty),
                    },
                    fields: Vec::new(),
                });
            }
        }
        if let Some(place) = self.static_place_at(addr, ty) {
            return Ok(place);
        }
        if let Some((index, _)) = self
            .static_items
            .iter()
            .enumerate()
            .find(|(_, s)| addr.0 >= s.addr.0 && addr.0 < s.addr.0 + s.size(self.target))
        {
            return unsupported_at(
                span,
                &format!(
                    "a `{ty}` read or written at {addr}, inside static `{}` but not one of its fields of that type",
                    self.static_items[index].name
                ),
            );
        }
        let heap = match &self.heap_array {
            Some(a) => format!("the heap array is {}..{}", a.addr, Addr(a.addr.0 + a.len)),
            None => format!(
                "the heap is {}..{}",
                self.sim.heap().base(),
                self.sim.heap().end()
            ),
        };
        err(
            span,
            format!(
                "out of bounds: this {what} a `{ty}` at {addr}, which is in no memory the program owns ({heap}); a pointer must stay inside the memory it was made from"
            ),
        )
    }

    /// The static (or field of one, or element of an array in one) of type
    /// `ty` that starts at `addr`.
    fn static_place_at(&self, addr: Addr, want: &Ty) -> Option<Place> {
        let (index, item) =
            self.static_items.iter().enumerate().find(|(_, s)| {
                addr.0 >= s.addr.0 && addr.0 < s.addr.0 + s.size(self.target).max(1)
            })?;
        let mut ty = item.ty.clone()?;
        let mut offset = addr.0 - item.addr.0;
        let mut fields = Vec::new();
        let want_layout = want.layout(self.target);
        for _ in 0..64 {
            let layout = ty.layout(self.target);
            let leaf = !matches!(ty.resolved(), Ty::Struct(_) | Ty::Array(..));
            if offset == 0 && (ty == *want || leaf && layout == want_layout) {
                let place = Place {
                    root: Root::Static { index },
                    fields,
                };
                return Some(place);
            }
            let next = match ty.resolved() {
                Ty::Struct(def) => {
                    let offsets = Ty::Struct(def.clone()).field_offsets(self.target);
                    let (i, (field_off, fty)) = offsets
                        .iter()
                        .zip(def.fields.iter().map(|(_, t)| t))
                        .enumerate()
                        .find(|(_, (o, t))| {
                            offset >= **o && offset < **o + t.layout(self.target).size.max(1)
                        })?;
                    offset -= field_off;
                    fields.push(i);
                    fty.clone()
                }
                Ty::Array(elem, n) => {
                    let size = elem.layout(self.target).size.max(1);
                    let i = offset / size;
                    if i >= n {
                        return None;
                    }
                    offset -= i * size;
                    fields.push(i as usize);
                    *elem
                }
                _ => return None,
            };
            ty = next;
        }
        None
    }

    // ----- reading and writing memory -----

    /// The value of type `ty` at `addr` in the heap array.
    pub(super) fn mem_read(&self, addr: Addr, ty: &Ty) -> Value {
        let size = ty.layout(self.target).size;
        let bytes = self.sim.heap().read(addr, size).to_vec();
        self.mem_decode(&bytes, ty)
    }

    /// Decodes a value read from memory: a reference in it (a list node's
    /// `Option<&'static mut Node>`) names the memory it points at.
    pub(super) fn mem_decode(&self, bytes: &[u8], ty: &Ty) -> Value {
        Value::decode_with(bytes, ty, self.target, &|addr, to| {
            Value::Ref(Place {
                root: Root::Memory {
                    addr,
                    ty: self.mem_ty(to),
                },
                fields: Vec::new(),
            })
        })
    }

    /// Writes `value` of type `ty` at `addr` in the heap array, checked
    /// against who owns the bytes there.
    pub(super) fn mem_write(&mut self, addr: Addr, ty: &Ty, value: &Value, span: Span) -> R<()> {
        let bytes = self.encode_value(value, &ty.resolved());
        self.mem_write_bytes(addr, &bytes, span)
    }

    /// Writes `bytes` at `addr` in the heap array. While the program's
    /// allocator runs, its code may write anywhere but into a block the
    /// program holds (other than the one being given back); outside it,
    /// the program may write only into its blocks.
    pub(super) fn mem_write_bytes(&mut self, addr: Addr, bytes: &[u8], span: Span) -> R<()> {
        let len = bytes.len() as u64;
        if len == 0 {
            return Ok(());
        }
        let allocator = self.in_allocator.clone();
        let giving_back = self.call_memory.giving_back;
        let hit = self
            .sim
            .live()
            .find(|(a, l)| {
                a.0 < addr.0 + len
                    && addr.0 < a.0 + l.layout.size() as u64
                    && giving_back.is_none_or(|(g, _)| g != **a)
            })
            .map(|(a, l)| (*a, *l));
        match (&allocator, hit) {
            (Some(inside), Some((a, live))) => {
                return err(
                    span,
                    format!(
                        "`{inside}` writes {len} bytes at {addr}, inside block {} ({} bytes at {a}), which the program holds: an allocator must never touch the memory of a live block (the program's data there would be overwritten)",
                        live.id,
                        live.layout.size()
                    ),
                )
            }
            (None, None) => {
                return err(
                    span,
                    format!(
                        "this writes {len} bytes at {addr} in the heap array, in no block the program holds: only the allocator's code may write there"
                    ),
                )
            }
            (None, Some((a, live))) if addr.0 + len > a.0 + live.layout.size() as u64 => {
                return err(
                    span,
                    format!(
                        "this writes {len} bytes at {addr}, past the end of block {} ({} bytes at {a})",
                        live.id,
                        live.layout.size()
                    ),
                )
            }
            _ => {}
        }
        if allocator.is_some() {
            self.call_memory.wrote.push((addr, len, self.here.0));
            self.write_undoably(addr, bytes);
        } else {
            self.sim.heap_mut().write(addr, bytes);
        }
        Ok(())
    }

    /// Writes `bytes` at `addr` during a call of the program's allocator,
    /// keeping what they replace to put back if the call fails.
    pub(super) fn write_undoably(&mut self, addr: Addr, bytes: &[u8]) {
        let old = self.sim.heap().read(addr, bytes.len() as u64).to_vec();
        self.call_memory.undo.push((addr, old));
        self.sim.heap_mut().write(addr, bytes);
    }

    /// Puts the heap back as it was before the program's allocator wrote
    /// into it during the call that failed.
    pub(super) fn undo_call_writes(&mut self) {
        for (addr, old) in std::mem::take(&mut self.call_memory.undo).into_iter().rev() {
            self.sim.heap_mut().write(addr, &old);
        }
        self.call_memory.wrote.clear();
    }

    /// The value at `place` when it lives as bytes in memory (or is a
    /// field of such a value).
    pub(super) fn memory_item(&self, place: &Place) -> Option<Value> {
        let (at, ty) = self.memory_slot(place)?;
        Some(self.mem_read(at, &ty))
    }

    /// Where the value at `place` in memory is, and its type: one walk of
    /// its fields.
    fn memory_slot(&self, place: &Place) -> Option<(Addr, Ty)> {
        let Root::Memory { addr, ty } = place.root else {
            return None;
        };
        self.field_path(Addr(addr), &self.mem_ty_of(ty), &place.fields)
    }

    /// Writes `value` at `place` in memory; `false` if `place` is not in
    /// memory.
    pub(super) fn write_memory_item(&mut self, place: &Place, value: Value, span: Span) -> R<bool> {
        let Some((at, fty)) = self.memory_slot(place) else {
            return Ok(false);
        };
        let value = value.typed(&fty);
        if let (Value::Int(_, Some(got)), Ty::Int(want)) = (&value, &fty) {
            if got != want {
                return self.mismatch(span, &fty.to_string(), &value);
            }
        }
        self.mem_write(at, &fty, &value, span)?;
        Ok(true)
    }

    /// Reads through a raw pointer.
    pub(super) fn load(&self, addr: Addr, ty: &Ty, span: Span, access: Access) -> R<Value> {
        let place = self.ptr_place(addr, ty, span, access)?;
        Ok(match &place.root {
            Root::Memory { .. } => self.mem_read(addr, ty),
            _ => self.value_at(&place).unwrap_or_else(Value::unit),
        })
    }

    /// Writes through a raw pointer.
    pub(super) fn store_through(
        &mut self,
        addr: Addr,
        ty: &Ty,
        value: Value,
        span: Span,
        access: Access,
    ) -> R<()> {
        let place = self.ptr_place(addr, ty, span, access)?;
        match &place.root {
            Root::Memory { .. } => {
                let value = value.typed(ty);
                self.mem_write(addr, ty, &value, span)
            }
            _ => self.store_place(&place, value, span).map(|_| ()),
        }
    }

    /// `*p` of an expression that gives a raw pointer: the value read.
    /// `None` if `expr` gives no raw pointer.
    pub(super) fn deref_raw(&mut self, expr: &Expr, span: Span) -> R<Option<Value>> {
        let Some((addr, ty)) = self.raw_pointer_of(expr)? else {
            return Ok(None);
        };
        self.load(addr, &ty, span, Access::Read).map(Some)
    }

    /// The raw pointer `expr` gives, if it gives one: read from its place
    /// without moving, or evaluated when it can only be a pointer (a cast
    /// to one, a pointer method).
    pub(super) fn raw_pointer_of(&mut self, expr: &Expr) -> R<Option<(Addr, Ty)>> {
        if let Expr::Path(_) | Expr::Field(_) = expr {
            return Ok(match self.place_of(expr)? {
                Some(place) => match self.at_place(&place) {
                    Some(Value::Ptr(a, t)) => Some((*a, (**t).clone())),
                    _ => None,
                },
                None => None,
            });
        }
        if !gives_pointer(expr) {
            return Ok(None);
        }
        Ok(match self.eval(expr, None)? {
            Value::Ptr(a, t) => Some((a, *t)),
            _ => None,
        })
    }

    // ----- std's pointer functions and methods -----

    /// `ptr::null_mut()`, `ptr::read(p)`, `ptr::copy(…)`, `NonNull::new`,
    /// `UnsafeCell::new`, `MaybeUninit::uninit()` and their kin; `None` if
    /// `name` is none of them.
    pub(super) fn memory_fn(
        &mut self,
        name: &str,
        c: &syn::ExprCall,
        turbofish: Option<&Type>,
        hint: Option<&Hint>,
    ) -> R<Option<Value>> {
        let span = self.sp(c);
        let pointee = |me: &Self| -> R<Ty> {
            match (turbofish, hint) {
                (Some(t), _) => me.plain(t),
                (None, Some(Hint::Plain(Ty::RawPtr(t, _)))) => Ok((**t).clone()),
                _ => Ok(Ty::Int(IntTy::Fixed(false, 1))),
            }
        };
        let value = match name {
            "null_mut" | "null" | "ptr::null_mut" | "ptr::null" => {
                self.args(&c.args, 0, span)?;
                Value::Ptr(Addr(0), Box::new(pointee(self)?))
            }
            "without_provenance_mut" | "without_provenance" | "ptr::without_provenance_mut" => {
                let n = self.args(&c.args, 1, span)?.remove(0);
                Value::Ptr(Addr(int_arg(&n, span)?), Box::new(pointee(self)?))
            }
            "NonNull::dangling" => {
                let t = pointee(self)?;
                let align = t.layout(self.target).align;
                Value::Ptr(Addr(align), Box::new(t))
            }
            "NonNull::new" | "NonNull::new_unchecked" => {
                let p = self.args(&c.args, 1, span)?.remove(0);
                let Value::Ptr(a, t) = p else {
                    return self.mismatch(span, "*mut T", &p).map(Some);
                };
                if name == "NonNull::new" {
                    Value::Opt((a.0 != 0).then(|| Box::new(Value::Ptr(a, t))))
                } else {
                    Value::Ptr(a, t)
                }
            }
            "read" | "read_unaligned" | "ptr::read" | "ptr::read_unaligned" => {
                let p = self.args(&c.args, 1, span)?.remove(0);
                let (a, t) = ptr_arg(&p, span)?;
                let access = access_of(name, Access::Read);
                self.load(a, &t, span, access)?
            }
            "write" | "write_unaligned" | "ptr::write" | "ptr::write_unaligned"
                if c.args.len() == 2 =>
            {
                let p = self.eval(&c.args[0], None)?;
                let (a, t) = ptr_arg(&p, span)?;
                let v = self.eval(&c.args[1], Some(&Hint::Plain(t.clone())))?;
                let access = access_of(name, Access::Write);
                self.store_through(a, &t, v, span, access)?;
                Value::unit()
            }
            "copy" | "copy_nonoverlapping" | "ptr::copy" | "ptr::copy_nonoverlapping"
                if c.args.len() == 3 =>
            {
                let args = self.args(&c.args, 3, span)?;
                let (src, t) = ptr_arg(&args[0], span)?;
                let (dst, _) = ptr_arg(&args[1], span)?;
                let n = int_arg(&args[2], span)?;
                let len = n.saturating_mul(t.layout(self.target).size);
                if name.ends_with("nonoverlapping") && src.0 < dst.0 + len && dst.0 < src.0 + len {
                    return err(
                        span,
                        format!(
                            "`copy_nonoverlapping` of {len} bytes from {src} to {dst}: the two ranges overlap, which is undefined behaviour (use `ptr::copy`, which allows it)"
                        ),
                    );
                }
                self.copy_bytes(src, dst, len, span)?;
                Value::unit()
            }
            "write_bytes" | "ptr::write_bytes" if c.args.len() == 3 => {
                let args = self.args(&c.args, 3, span)?;
                let (dst, t) = ptr_arg(&args[0], span)?;
                let byte = int_arg(&args[1], span)? as u8;
                let n = int_arg(&args[2], span)?;
                let len = n.saturating_mul(t.layout(self.target).size);
                self.fill_bytes(dst, byte, len, span)?;
                Value::unit()
            }
            "UnsafeCell::new" => {
                let want = match hint {
                    Some(Hint::Plain(Ty::Struct(def))) if is_unsafe_cell(def) => {
                        Some(def.fields[0].1.clone())
                    }
                    _ => None,
                };
                let arg = match c.args.first() {
                    Some(a) if c.args.len() == 1 => a,
                    _ => return err(span, "`UnsafeCell::new` takes 1 argument"),
                };
                let v = self.eval(arg, want.clone().map(Hint::Plain).as_ref())?;
                let t = match want {
                    Some(t) => t,
                    None => match self.value_ty(&v) {
                        Some(t) => t,
                        None => return unsupported(arg, "an `UnsafeCell` of this value"),
                    },
                };
                let Ty::Struct(def) = unsafe_cell_ty(t.clone()) else {
                    unreachable!("an UnsafeCell is a struct")
                };
                Value::Struct(def, vec![v.typed(&t)])
            }
            "MaybeUninit::uninit" | "MaybeUninit::zeroed" | "MaybeUninit::uninit_array" => {
                self.args(&c.args, 0, span)?;
                let Some(Hint::Plain(t)) = hint else {
                    return err(
                        span,
                        format!("type annotations needed: write the type `{name}()` makes"),
                    );
                };
                let size = t.layout(self.target).size;
                if size > super::expr::STACK_SIZE {
                    return err(span, format!("`{t}` is too big for the stack"));
                }
                self.mem_decode(&vec![0; size as usize], t)
            }
            "MaybeUninit::new" => self.args(&c.args, 1, span)?.remove(0),
            _ => return Ok(None),
        };
        Ok(Some(value))
    }

    /// Copies `len` bytes from `src` to `dst` (as `memmove` does), each
    /// end checked.
    fn copy_bytes(&mut self, src: Addr, dst: Addr, len: u64, span: Span) -> R<()> {
        if len == 0 {
            return Ok(());
        }
        let bytes = self.bytes_at(src, len, span)?;
        self.bytes_into(dst, &bytes, span)
    }

    fn fill_bytes(&mut self, dst: Addr, byte: u8, len: u64, span: Span) -> R<()> {
        if len == 0 {
            return Ok(());
        }
        self.bytes_into(dst, &vec![byte; len as usize], span)
    }

    /// `len` bytes at `addr` in the heap (the heap array, or the heap's
    /// blocks).
    fn bytes_at(&self, addr: Addr, len: u64, span: Span) -> R<Vec<u8>> {
        self.ptr_place(
            addr,
            &Ty::Array(Box::new(u8_ty()), len),
            span,
            Access::Unaligned,
        )
        .and_then(|place| match place.root {
            Root::Memory { .. } => Ok(self.sim.heap().read(addr, len).to_vec()),
            _ => unsupported_at(span, "copying bytes of a static"),
        })
    }

    fn bytes_into(&mut self, addr: Addr, bytes: &[u8], span: Span) -> R<()> {
        let ty = Ty::Array(Box::new(u8_ty()), bytes.len() as u64);
        let place = self.ptr_place(addr, &ty, span, Access::Unaligned)?;
        match place.root {
            Root::Memory { .. } => self.mem_write_bytes(addr, bytes, span),
            _ => unsupported_at(span, "writing bytes into a static"),
        }
    }

    /// A method of a raw pointer (`p.add(n)`, `p.write(v)`, `p.cast()`),
    /// of an `UnsafeCell` (`get`), or `as_mut_ptr` of an array in a static;
    /// `None` if `m` is none of them.
    pub(super) fn memory_method(
        &mut self,
        m: &syn::ExprMethodCall,
        name: &str,
    ) -> R<Option<Value>> {
        const CELL: &[&str] = &["get", "get_mut", "raw_get", "into_inner"];
        const ARRAY: &[&str] = &["as_mut_ptr", "as_ptr", "as_mut_ptr_range"];
        const PTR: &[&str] = &[
            "add",
            "sub",
            "offset",
            "byte_add",
            "byte_sub",
            "byte_offset",
            "wrapping_add",
            "wrapping_sub",
            "wrapping_offset",
            "wrapping_byte_add",
            "wrapping_byte_sub",
            "cast",
            "cast_mut",
            "cast_const",
            "is_null",
            "addr",
            "expose_provenance",
            "align_offset",
            "is_aligned",
            "read",
            "read_unaligned",
            "write",
            "write_unaligned",
            "write_bytes",
            "copy_from",
            "copy_from_nonoverlapping",
            "copy_to",
            "copy_to_nonoverlapping",
            "as_mut",
            "as_ref",
            "as_ptr",
            "offset_from",
            "byte_offset_from",
            "with_addr",
            "map_addr",
        ];
        let (cell, array, ptr) = (
            CELL.contains(&name),
            ARRAY.contains(&name),
            PTR.contains(&name),
        );
        if !cell && !array && !ptr {
            return Ok(None);
        }
        let span = self.sp(m);
        // A place: an `UnsafeCell`, an array, or a pointer held there.
        if let Some(place) = self.place_of(&m.receiver)? {
            let place = self.through_refs(place, span)?;
            match self.value_at(&place) {
                Some(Value::Struct(def, items)) if cell && is_unsafe_cell(&def) => {
                    self.prim_args(m, 0)?;
                    let inner = Place {
                        root: place.root,
                        fields: place.fields.iter().copied().chain([0]).collect(),
                    };
                    return Ok(Some(match name {
                        "get" | "raw_get" => self.pointer_to(&inner, span)?,
                        "get_mut" => Value::Ref(inner),
                        _ => items.into_iter().next().unwrap_or_else(Value::unit),
                    }));
                }
                Some(Value::InMemory(a)) if array => {
                    self.prim_args(m, 0)?;
                    return Ok(Some(Value::Ptr(a, Box::new(u8_ty()))));
                }
                Some(Value::Array(_))
                    if array && matches!(place.root, Root::Static { .. } | Root::Memory { .. }) =>
                {
                    self.prim_args(m, 0)?;
                    let Value::Ptr(a, t) = self.pointer_to(&place, span)? else {
                        return Ok(None);
                    };
                    let elem = match *t {
                        Ty::Array(e, _) => *e,
                        other => other,
                    };
                    return Ok(Some(Value::Ptr(a, Box::new(elem))));
                }
                Some(Value::Ptr(a, t)) if ptr => return self.ptr_method(a, *t, name, m).map(Some),
                _ => return Ok(None),
            }
        }
        if !ptr || !gives_pointer(&m.receiver) {
            return Ok(None);
        }
        match self.eval(&m.receiver, None)? {
            Value::Ptr(a, t) => self.ptr_method(a, *t, name, m).map(Some),
            other => unsupported(
                &m.receiver,
                &format!("`{name}` on {}", self.type_name(&other)),
            ),
        }
    }

    /// `p.name(args)` of the raw pointer `p` (`addr`, pointing at `ty`).
    fn ptr_method(&mut self, addr: Addr, ty: Ty, name: &str, m: &syn::ExprMethodCall) -> R<Value> {
        let span = self.sp(m);
        let size = ty.layout(self.target).size;
        let word = self.target.word_size();
        let mask = if word == 8 {
            u64::MAX
        } else {
            u64::from(u32::MAX)
        };
        let ptr = |a: u64, t: Ty| Value::Ptr(Addr(a & mask), Box::new(t));
        let count = |me: &mut Self| -> R<i128> {
            let v = me.prim_args(m, 1)?.remove(0);
            match v {
                Value::Int(n, _) => Ok(n),
                other => me.mismatch(span, "usize", &other),
            }
        };
        // Moving a pointer out of its memory is undefined behaviour for
        // `add`/`offset` (not for the `wrapping_` ones); here it is caught
        // when the pointer is used, where Miri reports it too.
        Ok(match name {
            "add" | "wrapping_add" => {
                let n = count(self)?;
                ptr(offset_addr(addr, n * i128::from(size)), ty)
            }
            "sub" | "wrapping_sub" => {
                let n = count(self)?;
                ptr(offset_addr(addr, -n * i128::from(size)), ty)
            }
            "offset" | "wrapping_offset" => {
                let n = count(self)?;
                ptr(offset_addr(addr, n * i128::from(size)), ty)
            }
            "byte_add" | "wrapping_byte_add" | "byte_offset" => {
                let n = count(self)?;
                ptr(offset_addr(addr, n), ty)
            }
            "byte_sub" | "wrapping_byte_sub" => {
                let n = count(self)?;
                ptr(offset_addr(addr, -n), ty)
            }
            "cast" => {
                self.prim_args(m, 0)?;
                let to = match method_turbofish(m) {
                    Some(t) => self.plain(t)?,
                    None => return err(span, "write the type: `p.cast::<T>()`"),
                };
                ptr(addr.0, to)
            }
            "cast_mut" | "cast_const" | "as_ptr" => {
                self.prim_args(m, 0)?;
                ptr(addr.0, ty)
            }
            "with_addr" => {
                let n = count(self)?;
                ptr(n as u64, ty)
            }
            "is_null" => {
                self.prim_args(m, 0)?;
                Value::Bool(addr.0 == 0)
            }
            "addr" | "expose_provenance" => {
                self.prim_args(m, 0)?;
                usize_value(addr.0)
            }
            "is_aligned" => {
                self.prim_args(m, 0)?;
                Value::Bool(addr.0.is_multiple_of(ty.layout(self.target).align))
            }
            "align_offset" => {
                let align = count(self)?;
                let align = u64::try_from(align).unwrap_or(0);
                if !align.is_power_of_two() {
                    return err(span, "panicked: align_offset: align is not a power-of-two");
                }
                let up = addr.0.next_multiple_of(align) - addr.0;
                // In units of the pointee, or usize::MAX if no such count.
                let value = match size {
                    0 | 1 => up,
                    s if up.is_multiple_of(s) => up / s,
                    _ => mask,
                };
                usize_value(value)
            }
            "offset_from" | "byte_offset_from" => {
                let other = self.prim_args(m, 1)?.remove(0);
                let Value::Ptr(b, _) = other else {
                    return self.mismatch(span, "*const T", &other);
                };
                let diff = i128::from(addr.0) - i128::from(b.0);
                let unit = if name == "offset_from" {
                    size.max(1)
                } else {
                    1
                };
                Value::Int(diff / i128::from(unit), Some(IntTy::Word(true)))
            }
            "read" | "read_unaligned" => {
                self.prim_args(m, 0)?;
                let access = access_of(name, Access::Read);
                self.load(addr, &ty, span, access)?
            }
            "write" | "write_unaligned" => {
                let [arg] = m.args.iter().collect::<Vec<_>>()[..] else {
                    return err(span, format!("`{name}` takes 1 argument"));
                };
                let v = self.eval(arg, Some(&Hint::Plain(ty.clone())))?;
                let access = access_of(name, Access::Write);
                self.store_through(addr, &ty, v, span, access)?;
                Value::unit()
            }
            "write_bytes" => {
                let args = self.prim_args(m, 2)?;
                let byte = int_arg(&args[0], span)? as u8;
                let n = int_arg(&args[1], span)?;
                self.fill_bytes(addr, byte, n.saturating_mul(size), span)?;
                Value::unit()
            }
            "copy_from" | "copy_from_nonoverlapping" | "copy_to" | "copy_to_nonoverlapping" => {
                let args = self.prim_args(m, 2)?;
                let (other, _) = ptr_arg(&args[0], span)?;
                let n = int_arg(&args[1], span)?;
                let (src, dst) = if name.starts_with("copy_from") {
                    (other, addr)
                } else {
                    (addr, other)
                };
                self.copy_bytes(src, dst, n.saturating_mul(size), span)?;
                Value::unit()
            }
            // `p.as_mut()`: `None` for null, else a reference to `*p`.
            "as_mut" | "as_ref" => {
                self.prim_args(m, 0)?;
                if addr.0 == 0 {
                    Value::Opt(None)
                } else {
                    let place = self.ptr_place(addr, &ty, span, Access::Read)?;
                    Value::Opt(Some(Box::new(Value::Ref(place))))
                }
            }
            _ => return unsupported(&m.method, &format!("`{name}` on a raw pointer")),
        })
    }

    /// `expr as *mut T` and the other casts a pointer takes part in;
    /// `None` when neither side is a pointer.
    pub(super) fn pointer_cast(&self, value: &Value, to: &Ty, span: Span) -> R<Option<Value>> {
        Ok(Some(match (value, to) {
            (Value::Ptr(a, _), Ty::RawPtr(t, _)) => Value::Ptr(*a, t.clone()),
            (Value::Ptr(a, _), Ty::Int(t)) => {
                if *t != IntTy::Word(false) && *t != IntTy::Word(true) {
                    return err(
                        span,
                        format!(
                            "casting a pointer to `{}` loses its top bits; cast it to `usize`",
                            Ty::Int(*t)
                        ),
                    );
                }
                Value::Int(i128::from(a.0), Some(*t))
            }
            (Value::Int(n, _), Ty::RawPtr(t, _)) => Value::Ptr(Addr(*n as u64), t.clone()),
            // `self as *const Self`: a reference held in a place (a
            // `&&Node` passed where `&Node` is wanted) is seen through, as
            // deref coercion does.
            (Value::Ref(place), Ty::RawPtr(t, _)) => {
                match self.pointer_to(&self.through_refs(place.clone(), span)?, span)? {
                    Value::Ptr(a, _) => Value::Ptr(a, t.clone()),
                    other => other,
                }
            }
            _ => return Ok(None),
        }))
    }

    /// `&raw mut x`, `&raw const x`, `ptr::addr_of_mut!(x)`: a pointer to
    /// the place `expr` names.
    pub(super) fn raw_address_of(&mut self, expr: &Expr, span: Span) -> R<Value> {
        match self.place_of(expr)? {
            Some(place) => self.pointer_to(&place, span),
            None => unsupported(expr, "taking the address of a temporary"),
        }
    }

    /// The error of a call of the program's allocator that ran past
    /// [`STEPS_PER_ALLOCATOR_CALL`], at `span`.
    pub(super) fn too_many_steps<T>(&self, span: Span) -> R<T> {
        let inside = self
            .allocator_steps
            .as_ref()
            .map_or("", |(name, _)| name.as_str());
        err(
            span,
            format!(
                "`{inside}` has run {STEPS_PER_ALLOCATOR_CALL} steps in one call: does a loop in it never end (a free list that links back to itself)? Real allocators answer in a handful of steps"
            ),
        )
    }
}

/// Whether `expr` can only give a raw pointer (so evaluating it to look is
/// the only evaluation).
pub(super) fn gives_pointer(expr: &Expr) -> bool {
    match expr {
        Expr::Paren(p) => gives_pointer(&p.expr),
        Expr::Cast(c) => matches!(&*c.ty, Type::Ptr(_)),
        Expr::RawAddr(_) => true,
        Expr::Macro(m) => m
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "addr_of" || s.ident == "addr_of_mut"),
        Expr::MethodCall(m) => matches!(
            m.method.to_string().as_str(),
            "add"
                | "sub"
                | "offset"
                | "byte_add"
                | "byte_sub"
                | "wrapping_add"
                | "wrapping_sub"
                | "cast"
                | "cast_mut"
                | "cast_const"
                | "as_mut_ptr"
                | "as_ptr"
                | "get"
                | "raw_get"
                | "with_addr"
        ),
        Expr::Call(c) => {
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| {
                matches!(
                    s.ident.to_string().as_str(),
                    "null_mut" | "null" | "new_unchecked" | "dangling" | "without_provenance_mut"
                )
            }))
        }
        _ => false,
    }
}

fn method_turbofish(m: &syn::ExprMethodCall) -> Option<&Type> {
    m.turbofish.as_ref()?.args.iter().find_map(|g| match g {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

fn access_of(name: &str, aligned: Access) -> Access {
    if name.ends_with("unaligned") {
        Access::Unaligned
    } else {
        aligned
    }
}

fn offset_addr(addr: Addr, by: i128) -> u64 {
    (i128::from(addr.0) + by) as u64
}

fn ptr_arg(v: &Value, span: Span) -> R<(Addr, Ty)> {
    match v {
        Value::Ptr(a, t) => Ok((*a, (**t).clone())),
        other => err(
            span,
            format!("expected a raw pointer, found {}", other.show(true)),
        ),
    }
}

fn int_arg(v: &Value, span: Span) -> R<u64> {
    match v {
        Value::Int(n, _) => Ok(u64::try_from(*n).unwrap_or(u64::MAX)),
        other => err(
            span,
            format!("expected a number, found {}", other.show(true)),
        ),
    }
}

fn unsupported_at<T>(span: Span, what: &str) -> R<T> {
    err(span, format!("not supported in scenarios yet: {what}"))
}

/// The paths (field indices) to every [`Value::InMemory`] in `value` of
/// type `ty`, with the byte length there.
fn in_memory_paths(
    value: &Value,
    ty: &Ty,
    path: &mut Vec<usize>,
    out: &mut Vec<(Vec<usize>, u64)>,
) {
    match (value, ty) {
        // A heap array is of bytes: its length is its size.
        (Value::InMemory(_), Ty::Array(_, n)) => out.push((path.clone(), *n)),
        (Value::Struct(_, items), Ty::Struct(def)) => {
            for (i, (item, (_, t))) in items.iter().zip(&def.fields).enumerate() {
                path.push(i);
                in_memory_paths(item, t, path, out);
                path.pop();
            }
        }
        (Value::Tuple(items), Ty::Tuple(tys)) => {
            for (i, (item, t)) in items.iter().zip(tys).enumerate() {
                path.push(i);
                in_memory_paths(item, t, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The value reached by `fields` inside `value`.
fn value_at_path<'v>(value: &'v mut Value, fields: &[usize]) -> Option<&'v mut Value> {
    let mut v = value;
    for &i in fields {
        v = match v {
            Value::Struct(_, items) | Value::Tuple(items) | Value::Array(items) => {
                items.get_mut(i)?
            }
            _ => return None,
        };
    }
    Some(v)
}

/// The const that names the length of a byte array in the program's types
/// (`const HEAP_SIZE` of `struct Heap([u8; HEAP_SIZE])`, of `static mut MEM:
/// [MaybeUninit<u8>; HEAP_SIZE]`): the heap array's length, when the
/// program names it. The first such name, in the order the items are
/// written.
pub(super) fn byte_array_lengths(items: &[syn::Item]) -> Option<String> {
    fn in_type(ty: &syn::Type) -> Option<String> {
        match ty {
            syn::Type::Array(a) => {
                let byte = match &*a.elem {
                    syn::Type::Path(p) => {
                        p.path.is_ident("u8")
                            || {
                                // `MaybeUninit<u8>`
                                let last = p.path.segments.last()?;
                                last.ident == "MaybeUninit"
                                    && matches!(&last.arguments, syn::PathArguments::AngleBracketed(g)
                                if matches!(g.args.first(), Some(syn::GenericArgument::Type(syn::Type::Path(e))) if e.path.is_ident("u8")))
                            }
                    }
                    _ => false,
                };
                match &a.len {
                    syn::Expr::Path(p) if byte => p.path.get_ident().map(ToString::to_string),
                    _ => in_type(&a.elem),
                }
            }
            syn::Type::Path(p) => p.path.segments.iter().find_map(|s| match &s.arguments {
                syn::PathArguments::AngleBracketed(g) => g.args.iter().find_map(|a| match a {
                    syn::GenericArgument::Type(t) => in_type(t),
                    _ => None,
                }),
                _ => None,
            }),
            syn::Type::Tuple(t) => t.elems.iter().find_map(in_type),
            syn::Type::Paren(p) => in_type(&p.elem),
            _ => None,
        }
    }
    items.iter().find_map(|item| match item {
        syn::Item::Struct(s) => s.fields.iter().find_map(|f| in_type(&f.ty)),
        syn::Item::Static(s) => in_type(&s.ty),
        _ => None,
    })
}
