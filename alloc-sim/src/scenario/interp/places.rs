//! Places and the references that name them.
//!
//! A place is where a value lives: a binding, or a field of one (`p.x`,
//! `self.pos.y`, `t.0`). `&x`, `&mut x` and `&p.x` evaluate to a
//! [`Value::Ref`] of the place, not a copy; a method taking `&self` or
//! `&mut self` gets one of its receiver. Reading through a reference (`*r`,
//! or an operator, method or `println!` that sees through references as
//! Rust's do) reads the place; writing through one (`*r = v`, `r.x += 1`)
//! writes it. A reference owns nothing, so dropping one drops nothing.

use super::*;
use crate::scenario::value::{Place, Root};

impl Interp<'_> {
    /// `value`, or what it refers to (through any number of references).
    pub(super) fn deref(&self, value: Value) -> Value {
        let mut value = value;
        while let Value::Ref(place) = &value {
            match self.at_place(place) {
                Some(v) => value = v.clone(),
                None => return self.plain_item(place).unwrap_or_else(Value::unit),
            }
        }
        value
    }

    /// The value at `place` when it is an element of a `Vec` of plain data
    /// (or a field of one), which lives only as bytes in the buffer: `x` in
    /// `for x in &mut v` refers to it there.
    pub(super) fn plain_item(&self, place: &Place) -> Option<Value> {
        if let Root::Memory { .. } = place.root {
            return self.memory_item(place);
        }
        let Root::Item { owner, index } = place.root else {
            return None;
        };
        if self.contents.get(&owner).is_some() {
            return None;
        }
        let Owner::Vec {
            ptr: Some(ptr),
            len,
            elem: Some(ty),
            string: false,
            ..
        } = self.owners.get(owner)?
        else {
            return None;
        };
        if index as u64 >= *len {
            return None;
        }
        let size = ty.resolved().layout(self.target).size;
        let mut value = self.read_at(Some(ptr.add(index as u64 * size)), ty).ok()?;
        for &i in &place.fields {
            value = match value {
                Value::Struct(_, items) | Value::Tuple(items) | Value::Array(items) => {
                    items.into_iter().nth(i)?
                }
                // What an `Option` or `Result` holds is its field 0.
                Value::Opt(Some(inner)) | Value::Result(_, inner) if i == 0 => *inner,
                _ => return None,
            };
        }
        Some(value)
    }

    /// Writes `value` at `place`, an element of a `Vec` of plain data (or a
    /// field of one); `false` if `place` is not one.
    fn write_plain_item(&mut self, place: &Place, value: Value, span: Span) -> R<bool> {
        if let Root::Memory { .. } = place.root {
            return self.write_memory_item(place, value, span);
        }
        let Root::Item { owner, index } = place.root else {
            return Ok(false);
        };
        let whole = Place {
            root: place.root,
            fields: Vec::new(),
        };
        let (Some(mut item), Some(ty)) = (self.plain_item(&whole), self.vec_state(owner).3) else {
            return Ok(false);
        };
        let mut slot = &mut item;
        for &i in &place.fields {
            slot = match slot {
                Value::Struct(_, items) | Value::Tuple(items) | Value::Array(items) => {
                    match items.get_mut(i) {
                        Some(s) => s,
                        None => return Ok(false),
                    }
                }
                Value::Opt(Some(inner)) | Value::Result(_, inner) if i == 0 => inner,
                _ => return Ok(false),
            };
        }
        if let (Value::Int(_, Some(want)), Value::Int(_, Some(got))) = (&*slot, &value) {
            if want != got {
                return self.mismatch(span, &Ty::Int(*want).to_string(), &value);
            }
        }
        *slot = match &*slot {
            Value::Int(_, Some(t)) => value.typed(&Ty::Int(*t)),
            Value::Float(_, Some(d)) => value.typed(&Ty::Float(*d)),
            _ => value,
        };
        self.vec_write(owner, index as u64, &item, &ty);
        Ok(true)
    }

    /// The value at `place`, wherever it lives: held as a value, or kept
    /// only as bytes (a `Vec`'s plain element, a value in memory).
    pub(super) fn value_at(&self, place: &Place) -> Option<Value> {
        self.at_place(place)
            .cloned()
            .or_else(|| self.plain_item(place))
    }

    /// The value at `place`, if it still exists.
    pub(super) fn at_place(&self, place: &Place) -> Option<&Value> {
        let mut value = match place.root {
            Root::Binding { scope, slot } => &self.scopes.get(scope)?.get(slot)?.value,
            Root::Item { owner, index } => match self.deque(owner) {
                Some(q) => q.at_slot(index)?,
                None => match self.contents.get(&owner)? {
                    Contents::Items(items) => items.get(index)?,
                    Contents::Value(_) => return None,
                },
            },
            Root::Content { owner } => match self.contents.get(&owner)? {
                Contents::Value(v) => v,
                Contents::Items(_) => return None,
            },
            Root::Static { index } => &self.static_items.get(index)?.value,
            Root::Memory { .. } => return None,
        };
        for &i in &place.fields {
            value = match value {
                Value::Struct(_, items) | Value::Tuple(items) | Value::Array(items) => {
                    items.get(i)?
                }
                // What an `Option` or `Result` holds is its field 0.
                Value::Opt(Some(inner)) | Value::Result(_, inner) if i == 0 => inner,
                _ => return None,
            };
        }
        Some(value)
    }

    /// The value at `place`, to change it.
    pub(super) fn at_place_mut(&mut self, place: &Place) -> Option<&mut Value> {
        let mut value = match place.root {
            Root::Binding { scope, slot } => &mut self.scopes.get_mut(scope)?.get_mut(slot)?.value,
            Root::Item { owner, index } => match self.owners.get(owner)? {
                Owner::Deque(d) => self.deques.get_mut(*d)?.at_slot_mut(index)?,
                _ => match self.contents.get_mut(&owner)? {
                    Contents::Items(items) => items.get_mut(index)?,
                    Contents::Value(_) => return None,
                },
            },
            Root::Content { owner } => match self.contents.get_mut(&owner)? {
                Contents::Value(v) => v,
                Contents::Items(_) => return None,
            },
            Root::Static { index } => &mut self.static_items.get_mut(index)?.value,
            Root::Memory { .. } => return None,
        };
        for &i in &place.fields {
            value = match value {
                Value::Struct(_, items) | Value::Tuple(items) | Value::Array(items) => {
                    items.get_mut(i)?
                }
                Value::Opt(Some(inner)) | Value::Result(_, inner) if i == 0 => inner,
                _ => return None,
            };
        }
        Some(value)
    }

    /// The place an expression names, seeing through references: `x`,
    /// `*r`, `p.x`, `self.pos.y`, `t.0`. `None` for anything else (a
    /// temporary has no place).
    pub(super) fn place_of(&mut self, expr: &Expr) -> R<Option<Place>> {
        if self.deref_receiver.is_some() {
            if let Some(place) = self.receiver_override(expr) {
                return Ok(Some(place));
            }
        }
        let place = match expr {
            Expr::Paren(p) => return self.place_of(&p.expr),
            Expr::Path(p) => {
                let Some(ident) = p.path.get_ident() else {
                    return Ok(None);
                };
                if self.lookup_by(|name| ident == name).is_none() {
                    // A static is a place of its own.
                    return Ok(self.static_index(&ident.to_string()).map(|index| Place {
                        root: Root::Static { index },
                        fields: Vec::new(),
                    }));
                }
                let (scope, slot) = self.binding(p)?;
                Place::binding(scope, slot)
            }
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => {
                let Some(inner) = self.place_of(&u.expr)? else {
                    // `*self.head.get()`, `*(addr as *mut Node)`: what a
                    // raw pointer made on the spot points at.
                    if memory::gives_pointer(&u.expr) {
                        if let Value::Ptr(a, t) = self.eval(&u.expr, None)? {
                            return Ok(Some(self.ptr_place(
                                a,
                                &t,
                                self.sp(u),
                                memory::Access::Read,
                            )?));
                        }
                    }
                    return Ok(None);
                };
                // `*r` is the place `r` refers to; `*b` of a Box is not a
                // place of a binding.
                return Ok(match self.at_place(&inner) {
                    Some(Value::Ref(target)) => Some(target.clone()),
                    // `*p` of a raw pointer: what it points at, checked.
                    Some(Value::Ptr(a, t)) => {
                        let (a, t) = (*a, (**t).clone());
                        Some(self.ptr_place(a, &t, self.sp(u), memory::Access::Read)?)
                    }
                    Some(Value::Owner(_)) => {
                        let boxed = self.box_content_place(inner.clone());
                        (boxed != inner).then_some(boxed)
                    }
                    _ => None,
                });
            }
            // A slice `v[a..b]` is a value here, not a place.
            Expr::Index(i) if matches!(&*i.index, Expr::Range(_)) => return Ok(None),
            Expr::Index(i) => {
                // `m[(r, c)] = x` by the program's `impl IndexMut`.
                if let Some(place) = self.own_index(&i.expr, &i.index, true, self.sp(i))? {
                    return Ok(Some(place));
                }
                if let Some(id) = self.map_at(&i.expr)? {
                    return match self.map_index(id, &i.index, self.sp(i))? {
                        Value::Ref(place) => Ok(Some(place)),
                        _ => Ok(None),
                    };
                }
                let Some(base) = self.place_of(&i.expr)? else {
                    return Ok(None);
                };
                let base = self.through_refs(base, self.sp(i))?;
                // `rc[i]` of an `Rc<[T]>`: the element, where it is in the
                // block.
                if let Some(Value::Owner(id)) = self.at_place(&base).cloned() {
                    if let (Owner::Rc { .. }, Some(mut inside)) =
                        (&self.owners[id], self.pointee(id))
                    {
                        if let Some(Value::Array(items)) = self.at_place(&inside) {
                            let len = items.len() as u64;
                            let index = self.eval_u64(&i.index)?;
                            if index >= len {
                                return err(
                                    self.sp(i),
                                    format!("panicked: index out of bounds: the len is {len} but the index is {index}"),
                                );
                            }
                            inside.fields.push(index as usize);
                            return Ok(Some(inside));
                        }
                    }
                }
                // An element of an array held in a place (`heads[i]` of a
                // static's array, of an array in memory) is a place too.
                if let Some(place) = self.element_of_array(&base, i)? {
                    return Ok(Some(place));
                }
                let Some(Value::Owner(id)) = self.at_place(&base).cloned() else {
                    return Ok(None);
                };
                if self.deque(id).is_some() {
                    let at = self.eval_u64(&i.index)?;
                    return match self.deque_index(id, at, i.bracket_token.span.open())? {
                        Value::Ref(place) => Ok(Some(place)),
                        _ => Ok(None),
                    };
                }
                // A `Vec` of heap values keeps them as items; one of plain
                // data keeps them in its buffer's bytes, which
                // `plain_item` reads and `write_plain_item` writes.
                if !matches!(self.owners[id], Owner::Vec { string: false, .. }) {
                    return Ok(None);
                }
                let index = self.eval_u64(&i.index)?;
                let (_, _, len, ..) = self.vec_state(id);
                if index >= len {
                    return err(
                        i.bracket_token.span.open(),
                        format!("panicked: index out of bounds: the len is {len} but the index is {index}"),
                    );
                }
                Place {
                    root: Root::Item {
                        owner: id,
                        index: index as usize,
                    },
                    fields: Vec::new(),
                }
            }
            Expr::Field(f) => {
                let Some(base) = self.place_of(&f.base)? else {
                    return Ok(None);
                };
                let base = self.through_refs(base, self.sp(f))?;
                // A field through a Box is a field of what it holds.
                let base = self.box_content_place(base);
                let base_value = match self.at_place(&base) {
                    Some(v) => Some(v.clone()),
                    None => self.plain_item(&base),
                };
                let index = match (&f.member, base_value.as_ref()) {
                    (syn::Member::Unnamed(i), _) => i.index as usize,
                    (syn::Member::Named(name), Some(Value::Struct(def, _))) => {
                        match def.fields.iter().position(|(n, _)| name == n) {
                            Some(i) => i,
                            None => {
                                return err(
                                    name.span(),
                                    format!("no field `{name}` on type `{}`", def.name),
                                )
                            }
                        }
                    }
                    _ => return Ok(None),
                };
                // Still an owner after looking into a Box: what it holds
                // is in the heap's bytes, not a value here (`boxed.0` of a
                // `Box<(u64, u32)>`): read, not a place.
                if matches!(base_value, Some(Value::Owner(_))) {
                    return Ok(None);
                }
                let mut place = base;
                place.fields.push(index);
                if self.at_place(&place).is_none() && self.plain_item(&place).is_none() {
                    return err(self.sp(f), "no such field");
                }
                place
            }
            _ => return Ok(None),
        };
        Ok(Some(place))
    }

    /// Element `i.index` of the array at `base`, checked against its
    /// length as std's indexing is; `None` if no array is there.
    pub(super) fn element_of_array(
        &mut self,
        base: &Place,
        i: &syn::ExprIndex,
    ) -> R<Option<Place>> {
        let Some(len) = self.array_len_at(base) else {
            return Ok(None);
        };
        let index = self.eval_u64(&i.index)?;
        if index >= len {
            return err(
                self.sp(i),
                format!("panicked: index out of bounds: the len is {len} but the index is {index}"),
            );
        }
        let mut place = base.clone();
        place.fields.push(index as usize);
        // `s[i]` of a slice held as references to the elements
        // (`slice_views.rs`): the element itself.
        if let Some(Value::Ref(to)) = self.at_place(&place) {
            let element = match to.root {
                Root::Item { .. } => true,
                Root::Binding { .. } => !to.fields.is_empty(),
                _ => false,
            };
            if element {
                return Ok(Some(to.clone()));
            }
        }
        Ok(Some(place))
    }

    /// The length of the array at `place`, if an array is there: held as
    /// a value, or kept as bytes in memory.
    pub(super) fn array_len_at(&self, place: &Place) -> Option<u64> {
        match self.at_place(place) {
            Some(Value::Array(items)) => Some(items.len() as u64),
            Some(_) => None,
            None => match (place.root, self.place_ty(place)?) {
                (Root::Memory { .. }, Ty::Array(_, n)) => Some(n),
                _ => None,
            },
        }
    }

    /// `place`, or, when it holds a pointer that `*` sees through (a `Box`
    /// of a heap value, an `Rc`, a `RefCell`'s guard), the place of what it
    /// points at.
    pub(super) fn box_content_place(&self, place: Place) -> Place {
        match self.at_place(&place) {
            Some(Value::Owner(id)) => self.pointee(*id).unwrap_or(place),
            _ => place,
        }
    }

    /// `place`, or the place its reference names (through any number).
    pub(super) fn through_refs(&self, mut place: Place, span: Span) -> R<Place> {
        for _ in 0..64 {
            match self.at_place(&place) {
                Some(Value::Ref(target)) => place = target.clone(),
                Some(_) => return Ok(place),
                None if self.plain_item(&place).is_some() => return Ok(place),
                None => break,
            }
        }
        err(span, "this reference outlived the value it refers to")
    }

    /// The place a reference-valued expression refers to: `r` in `*r = 5`.
    pub(super) fn ref_target(&mut self, expr: &Expr) -> R<Option<Place>> {
        let Some(place) = self.place_of(expr)? else {
            return Ok(None);
        };
        match self.at_place(&place) {
            Some(Value::Ref(_)) => Ok(Some(self.through_refs(place, self.sp(expr))?)),
            _ => Ok(None),
        }
    }

    /// `*e` where `e` is not a place but gives a reference (`*v.last_mut()
    /// .unwrap()`, `*map.entry(k).or_insert(0)`): evaluates `e` once and
    /// gives the place it refers to.
    pub(super) fn made_ref(&mut self, expr: &Expr) -> R<Option<Place>> {
        let Expr::Unary(u) = expr else {
            return Ok(None);
        };
        if !matches!(u.op, UnOp::Deref(_)) {
            return Ok(None);
        }
        if !matches!(&*u.expr, Expr::MethodCall(_)) {
            // `*(p as *mut usize) = v`, `*ptr::null_mut() = v`.
            if memory::gives_pointer(&u.expr) {
                if let Value::Ptr(a, t) = self.eval(&u.expr, None)? {
                    return Ok(Some(self.ptr_place(
                        a,
                        &t,
                        self.sp(u),
                        memory::Access::Write,
                    )?));
                }
            }
            return Ok(None);
        }
        match self.eval(&u.expr, None)? {
            Value::Ptr(a, t) => Ok(Some(self.ptr_place(
                a,
                &t,
                self.sp(u),
                memory::Access::Write,
            )?)),
            Value::Ref(place) => Ok(Some(self.through_refs(place, self.sp(u))?)),
            // `*cell.borrow_mut() = v`: the place the guard lends.
            Value::Owner(id) if self.pointee(id).is_some() => Ok(self.pointee(id)),
            _ => unsupported(u, "assigning through this value"),
        }
    }

    /// `*r` read: the referent of a reference, if `expr` is one.
    pub(super) fn referent(&mut self, expr: &Expr) -> R<Option<Value>> {
        Ok(match self.ref_target(expr)? {
            Some(place) => self
                .at_place(&place)
                .cloned()
                .or_else(|| self.plain_item(&place)),
            None => None,
        })
    }

    /// Assigns to `place`: the new value is in place before the old one is
    /// dropped, as Rust drops it. A binding whose type inference settled
    /// keeps its type; a different one is rustc's mismatch.
    pub(super) fn store_place(&mut self, place: &Place, value: Value, span: Span) -> R<Value> {
        let Some(old) = self.at_place(place).cloned() else {
            if self.write_plain_item(place, value, span)? {
                return Ok(Value::unit());
            }
            return err(span, "this reference outlived the value it refers to");
        };
        if let (Value::Int(_, Some(want)), Value::Int(_, Some(got))) = (&old, &value) {
            if want != got {
                return self.mismatch(span, &Ty::Int(*want).to_string(), &value);
            }
        }
        let value = match &old {
            Value::Int(_, Some(t)) => value.typed(&Ty::Int(*t)),
            Value::Float(_, Some(d)) => value.typed(&Ty::Float(*d)),
            _ => value,
        };
        // A place keeps its type: `v = Vec::new()` makes a `Vec` of the
        // element type `v` was declared with.
        if let (Value::Owner(o), Value::Owner(n)) = (&old, &value) {
            let elem = match &self.owners[*o] {
                Owner::Vec { elem: Some(t), .. } => Some(t.clone()),
                _ => None,
            };
            if let (
                Some(t),
                Owner::Vec {
                    elem: new @ None, ..
                },
            ) = (elem, &mut self.owners[*n])
            {
                *new = Some(t);
            }
        }
        if let Some(slot) = self.at_place_mut(place) {
            *slot = value;
        }
        // The old value is dropped, unless it had been moved out (a
        // binding assigned after a move holds nothing to drop).
        let was_moved = match place.root {
            Root::Binding { scope, slot } => {
                let binding = &mut self.scopes[scope][slot];
                if place.fields.is_empty() {
                    binding.moved.take()
                } else {
                    binding.moved
                }
            }
            _ => None,
        };
        if was_moved.is_none() {
            let name = match place.root {
                Root::Binding { scope, slot } => format!("`{}`", self.scopes[scope][slot].name),
                _ => "the place".to_string(),
            };
            self.drop_value(
                &old,
                &format!("{name} is overwritten, so its old value is dropped"),
            )?;
        }
        self.write_back(place);
        Ok(Value::unit())
    }

    /// Puts `new` at `place` and gives back what was there, dropping
    /// nothing (`mem::replace`).
    pub(super) fn replace_at(&mut self, place: &Place, new: Value, span: Span) -> R<Value> {
        if let Root::Memory { .. } = place.root {
            let old = self.value_at(place).unwrap_or_else(Value::unit);
            self.write_memory_item(place, new, span)?;
            return Ok(old);
        }
        let Some(slot) = self.at_place_mut(place) else {
            return err(span, "this reference outlived the value it refers to");
        };
        let old = std::mem::replace(slot, new.clone());
        if let Root::Binding { scope, slot } = place.root {
            if place.fields.is_empty() {
                self.scopes[scope][slot].moved = None;
            }
        } else {
            Self::leave_home(&mut self.homes, &old);
            self.settle(place.root, &new);
        }
        self.write_back(place);
        Ok(old)
    }

    /// `Default::default()` of the type `like` has (for `mem::take`): an
    /// empty `Vec`, `String` or map (none allocates), zero, `false`,
    /// `None`, `""`, and tuples of them.
    pub(super) fn default_like(&mut self, like: &Value, text: &str, span: Span) -> R<Value> {
        Ok(match self.deref(like.clone()) {
            Value::Owner(id) => match self.owners[id].clone() {
                Owner::Vec { elem, string, .. } => Value::Owner(self.new_vec(elem, string)),
                Owner::Map(_) => {
                    let ty = self.map_ty(id);
                    let set = self.map_is_set(id);
                    let kind = self.map_kind(id);
                    self.new_map(kind, set, ty.as_ref(), 0, text)?
                }
                _ => {
                    return unsupported_span(span, "`mem::take` of this value (use `mem::replace`)")
                }
            },
            Value::Int(_, t) => Value::Int(0, t),
            Value::Float(_, d) => Value::Float(0.0, d),
            Value::Bool(_) => Value::Bool(false),
            Value::Char(_) => Value::Char('\0'),
            Value::Str(_) => Value::Str(String::new()),
            Value::Opt(_) => Value::Opt(None),
            Value::Tuple(items) => {
                let mut out = Vec::new();
                for item in &items {
                    out.push(self.default_like(item, text, span)?);
                }
                Value::Tuple(out)
            }
            _ => return unsupported_span(span, "`mem::take` of this value (use `mem::replace`)"),
        })
    }

    /// Assigns to binding `b` of scope `s`.
    pub(super) fn store_binding(
        &mut self,
        s: usize,
        b: usize,
        value: Value,
        span: Span,
    ) -> R<Value> {
        self.store_place(&Place::binding(s, b), value, span)
    }

    /// Gives an untyped number at `place` the type `t` (inference: `&mut n`
    /// passed where `&mut u32` is declared makes `n` a `u32`).
    pub(super) fn settle_type(&mut self, place: &Place, t: &Ty) {
        if let Some(v) = self.at_place_mut(place) {
            *v = v.clone().typed(t);
        }
    }

    /// The type of a value, as rustc names it in a message.
    pub(super) fn type_name(&self, value: &Value) -> String {
        match value {
            Value::Int(_, None) => "{integer}".into(),
            Value::Float(_, None) => "{float}".into(),
            Value::Str(_) => "&str".into(),
            Value::Owner(id) => match self.owners.get(*id) {
                Some(Owner::Vec { string: true, .. }) => "String".into(),
                Some(Owner::Vec { elem, .. }) => {
                    let kind = match self.is_binary_heap(*id) {
                        true => "BinaryHeap",
                        false => "Vec",
                    };
                    match elem {
                        Some(t) => format!("{kind}<{t}>"),
                        None => format!("{kind}<_>"),
                    }
                }
                Some(Owner::Box { ty, .. }) => format!("Box<{ty}>"),
                Some(Owner::Deque(_)) => match self.deque(*id).and_then(|q| q.elem.as_ref()) {
                    Some(t) => format!("VecDeque<{t}>"),
                    None => "VecDeque<_>".into(),
                },
                Some(Owner::Rc { cell }) => match self.shared.get(*cell) {
                    Some(c) => {
                        let kind = if c.arc { "Arc" } else { "Rc" };
                        let held = c.slice.as_ref().map_or(&c.ty, |(t, _)| t);
                        format!("{kind}<{held}>")
                    }
                    None => "Rc<_>".into(),
                },
                Some(Owner::Weak { .. }) => "Weak<_>".into(),
                Some(Owner::Guard { mutable: true, .. }) => "RefMut<'_, _>".into(),
                Some(Owner::Guard { .. }) => "Ref<'_, _>".into(),
                Some(Owner::Arena(_)) => "Bump".into(),
                Some(Owner::Map(m)) => self.maps.get(*m).map_or("_".into(), |m| m.type_text()),
                Some(Owner::ArenaValue { ty, .. }) => format!("&mut {ty}"),
                _ => "_".into(),
            },
            Value::Ref(_) => format!("&{}", self.type_name(&self.deref(value.clone()))),
            Value::Layout(_) => "Layout".into(),
            Value::Ptr(_, to) => format!("*mut {to}"),
            Value::Thread(_) => "JoinHandle<_>".into(),
            Value::Opt(Some(v)) => format!("Option<{}>", self.type_name(v)),
            Value::Opt(None) => "Option<_>".into(),
            Value::Result(true, v) => format!("Result<{}, _>", self.type_name(v)),
            Value::Result(false, v) => format!("Result<_, {}>", self.type_name(v)),
            Value::TryReserveError(_) => "TryReserveError".into(),
            Value::LayoutError => "LayoutError".into(),
            other => other.ty().map_or_else(|| "_".into(), |t| t.to_string()),
        }
    }
}

/// Whether `expr` names a place without running anything: a binding, a
/// field or an element of one, what a reference in one points at
/// (`v`, `self.items`, `grid[i]`, `*r`). A call's result is not one.
pub(super) fn names_a_place(expr: &Expr) -> bool {
    match expr {
        Expr::Path(_) => true,
        Expr::Paren(p) => names_a_place(&p.expr),
        Expr::Field(f) => names_a_place(&f.base),
        Expr::Index(i) => names_a_place(&i.expr),
        Expr::Unary(u) => matches!(u.op, UnOp::Deref(_)) && names_a_place(&u.expr),
        _ => false,
    }
}
