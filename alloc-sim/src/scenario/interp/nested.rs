//! Heap values inside heap values: a `Vec<String>`, a `Vec<Vec<T>>`, a
//! struct with a `String` field in a `Vec`, a `Box<Node>` whose node holds
//! the next `Option<Box<Node>>`.
//!
//! The heap's bytes show what Rust's would: each element's or field's
//! handle (a `Vec`'s capacity, pointer and length; a `Box`'s pointer). A
//! handle cannot be read back into the owner it stands for, so the values
//! themselves are kept beside the bytes ([`Contents`]), and every owner
//! held somewhere in the heap remembers that home: when it grows, moves or
//! shrinks, the handle in its home is written again.
//!
//! Invariant: for a `Vec` whose element type is not plain data, its
//! contents hold exactly `len` items, item `i` encoded at `ptr + i·size`;
//! for such a `Box`, its contents hold its value, encoded at its pointer.

use super::*;
use crate::scenario::value::{Handle, Place, Root};

impl Interp<'_> {
    /// The words of owner `id`'s handle, as a field or element holds them:
    /// capacity, pointer, length for a `Vec` or `String` (an empty one's
    /// pointer dangles at its element's alignment); the pointer for a `Box`
    /// or `Rc`.
    pub(super) fn owner_words(&self, id: usize) -> Vec<u64> {
        match self.owners.get(id) {
            Some(Owner::Vec {
                ptr,
                cap,
                len,
                elem,
                ..
            }) => {
                let align = elem
                    .as_ref()
                    .map_or(1, |t| t.resolved().layout(self.target).align);
                vec![*cap, ptr.map_or(align, |p| p.0), *len]
            }
            Some(Owner::Box { ptr, ty }) => {
                vec![ptr.map_or(ty.resolved().layout(self.target).align, |p| p.0)]
            }
            // `Rc<[T]>`, `Rc<str>`: a fat pointer, the length after.
            Some(Owner::Rc { cell } | Owner::Weak { cell: Some(cell) }) => {
                match self.shared.get(*cell) {
                    Some(c) => match &c.slice {
                        Some((_, len)) => vec![c.ptr.0, *len],
                        None => vec![c.ptr.0],
                    },
                    None => vec![0],
                }
            }
            // `Weak::new()` dangles at `usize::MAX`.
            Some(Owner::Weak { cell: None }) => vec![self.target.isize_max() * 2 + 1],
            Some(Owner::ArenaValue { ptr, .. }) => vec![ptr.0],
            // `k0, k1, bucket_mask, ctrl, growth_left, items`; an empty
            // table points at a static group of EMPTYs (not in the heap).
            Some(Owner::Map(_)) => self.map_words(id),
            Some(Owner::Deque(_)) => self.deque_words(id),
            _ => vec![0],
        }
    }

    /// The bytes of `value` as a `ty` in the heap, owners as their handles.
    pub(super) fn encode_value(&self, value: &Value, ty: &Ty) -> Vec<u8> {
        let mut bytes = Vec::new();
        value.encode_with(ty, self.target, &mut bytes, &|handle| match handle {
            Handle::Owner(id) => self.owner_words(id),
            Handle::Str(text) => vec![self.statics.text(text, self.target)],
            Handle::Vtable(id) => vec![self.vtable(id)],
            Handle::Lent(place) => vec![self.place_addr(place).unwrap_or(0)],
        });
        bytes
    }

    /// Where the value at `place` is in the heap, if it is there: an
    /// element of a `Vec` or a map, what a `Box` or `Rc` holds, or a field
    /// of one of those (a binding lives on the stack, which the simulation
    /// does not lay out).
    pub(super) fn place_addr(&self, place: &Place) -> Option<u64> {
        let (addr, ty) = match place.root {
            Root::Binding { .. } => return None,
            Root::Static { index } => {
                let item = self.static_items.get(index)?;
                (item.addr, item.ty.clone()?)
            }
            Root::Memory { addr, ty } => {
                return self.field_path_addr(Addr(addr), &self.mem_ty_of(ty), &place.fields)
            }
            Root::Item { owner, index } => match self.owners.get(owner)? {
                Owner::Vec {
                    ptr: Some(p),
                    elem: Some(t),
                    ..
                } => {
                    let t = t.resolved();
                    (p.add(index as u64 * t.layout(self.target).size), t)
                }
                Owner::Map(_) if self.map_tree(owner).is_some() => {
                    return self.tree_place_addr(owner, index, &place.fields);
                }
                Owner::Map(_) => self.map_item_at(owner, index)?,
                Owner::Deque(_) => self.deque_slot_at(owner, index)?,
                _ => return None,
            },
            Root::Content { owner } => match self.owners.get(owner)? {
                Owner::Box { ptr: Some(p), ty } => (*p, ty.resolved()),
                Owner::Shared { cell } => (
                    self.shared_value_at(*cell),
                    self.shared.get(*cell)?.ty.resolved(),
                ),
                _ => return None,
            },
        };
        self.field_path_addr(addr, &ty, &place.fields)
    }

    /// Where the field reached by `fields` (struct or tuple field indices)
    /// is, in a value of type `ty` at `addr`.
    pub(super) fn field_path_addr(&self, addr: Addr, ty: &Ty, fields: &[usize]) -> Option<u64> {
        self.field_path_ref(addr, ty, fields).map(|(at, _)| at.0)
    }

    /// Where the field reached by `fields` is in a value of type `ty` at
    /// `addr`, and the field's type.
    pub(super) fn field_path(&self, addr: Addr, ty: &Ty, fields: &[usize]) -> Option<(Addr, Ty)> {
        self.field_path_ref(addr, ty, fields)
            .map(|(at, field)| (at, field.clone()))
    }

    /// [`Self::field_path`], walking the types by reference: only the
    /// field's own type is copied.
    fn field_path_ref<'t>(
        &self,
        mut addr: Addr,
        ty: &'t Ty,
        fields: &[usize],
    ) -> Option<(Addr, &'t Ty)> {
        let mut ty = ty.resolved_ref();
        for &i in fields {
            let (offset, next): (u64, &Ty) = match ty {
                Ty::Tuple(items) => (*ty.field_offsets(self.target).get(i)?, items.get(i)?),
                Ty::Struct(def) => (
                    *def.shape(self.target).offsets.get(i)?,
                    &def.fields.get(i)?.1,
                ),
                // What a `Some` holds: where its variant keeps it.
                Ty::Option(inner) if i == 0 => {
                    let shape = ty.enum_shape(self.target)?;
                    (*shape.variants.get(1)?.first()?, inner)
                }
                Ty::Array(elem, n) if (i as u64) < *n => {
                    (i as u64 * elem.layout(self.target).size, elem)
                }
                _ => return None,
            };
            addr = addr.add(offset);
            ty = next.resolved_ref();
        }
        Some((addr, ty))
    }

    /// The type of a value, heap owners included: what a `Vec` of it holds.
    pub(super) fn value_ty(&self, value: &Value) -> Option<Ty> {
        match value {
            Value::Owner(id) => match self.owners.get(*id)? {
                Owner::Vec { string: true, .. } => Some(Ty::String),
                Owner::Vec { elem, .. } => Some(Ty::Vec(Box::new(elem.clone()?))),
                Owner::Box { ty, .. } => Some(Ty::Box(Box::new(ty.clone()))),
                Owner::Rc { cell } => {
                    let b = self.shared.get(*cell)?;
                    let held = b.slice.as_ref().map_or(&b.ty, |(t, _)| t);
                    Some(Ty::Rc(Box::new(held.clone())))
                }
                Owner::Weak { cell: Some(cell) } => {
                    Some(Ty::Weak(Box::new(self.shared.get(*cell)?.ty.clone())))
                }
                Owner::Map(_) => self.map_ty(*id),
                Owner::Deque(_) => Some(Ty::Deque(Box::new(self.deque(*id)?.elem.clone()?))),
                _ => None,
            },
            Value::Opt(Some(v)) => Some(Ty::Option(Box::new(self.value_ty(v)?))),
            Value::Tuple(items) => Some(Ty::Tuple(
                items
                    .iter()
                    .map(|v| self.value_ty(v))
                    .collect::<Option<_>>()?,
            )),
            Value::Array(items) if !items.is_empty() => Some(Ty::Array(
                Box::new(self.value_ty(&items[0])?),
                items.len() as u64,
            )),
            Value::Ref(place) => Some(Ty::Ref(Box::new(self.value_ty(self.at_place(place)?)?))),
            Value::Str(_) => Some(Ty::Str),
            other => other.ty(),
        }
    }

    /// Whether `value` can be stored as a `ty`, heap owners included.
    pub(super) fn value_fits(&self, value: &Value, ty: &Ty) -> bool {
        match (value, ty) {
            (Value::Owner(id), Ty::DynBox(_)) => {
                matches!(self.owners.get(*id), Some(Owner::Box { .. }))
            }
            // `Weak::new()` points at no value: a `Weak` of any type.
            (Value::Owner(id), Ty::Weak(_))
                if matches!(self.owners.get(*id), Some(Owner::Weak { cell: None })) =>
            {
                true
            }
            // A `Vec::new()` not given its element yet, where the type
            // parameter that would say it is not known either.
            (Value::Owner(_), t) if t.has_param() => {
                self.value_ty(value).is_none_or(|seen| same_ty(&seen, t))
            }
            (Value::Owner(_), _) => self.value_ty(value).is_some_and(|t| same_ty(&t, ty)),
            (Value::Opt(None), Ty::Option(_)) => true,
            (Value::Opt(Some(v)), Ty::Option(t)) => self.value_fits(v, t),
            (Value::Tuple(items), Ty::Tuple(tys)) => {
                items.len() == tys.len()
                    && items.iter().zip(tys).all(|(v, t)| self.value_fits(v, t))
            }
            (Value::Array(items), Ty::Array(elem, n)) => {
                items.len() as u64 == *n && items.iter().all(|v| self.value_fits(v, elem))
            }
            (Value::Str(_), Ty::Str) => true,
            // `&T`: what it lends (or a copy of it) is a `T`.
            (v, Ty::Ref(t)) => self.value_fits(&self.deref(v.clone()), t),
            (v, Ty::Named(_)) => v.fits(&ty.resolved()),
            (v, t) => v.fits(t),
        }
    }

    /// The owners anywhere inside `value`.
    pub(super) fn owners_in(value: &Value, out: &mut Vec<usize>) {
        match value {
            Value::Owner(id) => out.push(*id),
            Value::Tuple(items) | Value::Array(items) | Value::Struct(_, items) => {
                for item in items {
                    Self::owners_in(item, out);
                }
            }
            Value::Opt(Some(v)) | Value::Result(_, v) => Self::owners_in(v, out),
            _ => {}
        }
    }

    /// Notes that the owners inside `value` now live at `root`, so that a
    /// change to any of their handles is written there.
    pub(super) fn settle(&mut self, root: Root, value: &Value) {
        let mut owners = Vec::new();
        Self::owners_in(value, &mut owners);
        for id in owners {
            if self.homes.len() <= id {
                self.homes.resize(id + 1, None);
            }
            self.homes[id] = Some(root);
        }
    }

    /// Owner `id`'s handle changed: its home, if it has one in the heap,
    /// is written again.
    pub(super) fn refresh_home(&mut self, id: usize) {
        if let Some(root) = self.homes.get(id).copied().flatten() {
            self.write_back(&Place {
                root,
                fields: Vec::new(),
            });
        }
    }

    /// Writes the bytes of the value at `place` into the heap, if it lives
    /// there (an element of a `Vec`, what a `Box` holds); a binding lives
    /// on the stack and has no bytes to write.
    pub(super) fn write_back(&mut self, place: &Place) {
        match place.root {
            // A static is kept as a value; memory was written as it was
            // changed.
            Root::Binding { .. } | Root::Static { .. } | Root::Memory { .. } => {}
            Root::Item { owner, index } if matches!(self.owners[owner], Owner::Map(_)) => {
                self.map_write_item(owner, index);
            }
            Root::Item { owner, index } if matches!(self.owners[owner], Owner::Deque(_)) => {
                self.deque_write_slot(owner, index);
            }
            Root::Item { owner, index } => {
                let (ptr, _, len, elem, _) = self.vec_state(owner);
                let (Some(p), Some(ty)) = (ptr, elem) else {
                    return;
                };
                if index as u64 >= len {
                    return;
                }
                let Some(Contents::Items(items)) = self.contents.get(&owner) else {
                    return;
                };
                let Some(value) = items.get(index) else {
                    return;
                };
                let ty = ty.resolved();
                let size = ty.layout(self.target).size;
                let bytes = self.encode_value(value, &ty);
                self.sim
                    .heap_mut()
                    .write(p.add(index as u64 * size), &bytes);
            }
            Root::Content { owner } => {
                let (p, ty) = match self.owners.get(owner) {
                    Some(Owner::Box { ptr: Some(p), ty }) => (*p, ty.clone()),
                    Some(Owner::Shared { cell }) => {
                        (self.shared_value_at(*cell), self.shared[*cell].ty.clone())
                    }
                    _ => return,
                };
                let Some(Contents::Value(value)) = self.contents.get(&owner) else {
                    return;
                };
                let bytes = self.encode_value(value, &ty.resolved());
                self.sim.heap_mut().write(p, &bytes);
            }
        }
    }

    /// Element `index` of a `Vec` of heap values, lent (not moved).
    pub(super) fn item_ref(&self, id: usize, index: u64) -> Value {
        Value::Ref(Place {
            root: Root::Item {
                owner: id,
                index: index as usize,
            },
            fields: Vec::new(),
        })
    }

    /// Whether owner `id` is a `Vec` whose elements are heap values (kept
    /// in its contents).
    pub(super) fn holds_items(&self, id: usize) -> bool {
        matches!(self.contents.get(&id), Some(Contents::Items(_)))
            || matches!(&self.owners[id], Owner::Vec { elem: Some(t), .. } if !t.is_plain())
    }

    /// The items of a `Vec` of heap values, to change them.
    pub(super) fn items_mut(&mut self, id: usize) -> &mut Vec<Value> {
        if !matches!(self.contents.get(&id), Some(Contents::Items(_))) {
            self.contents.insert(id, Contents::Items(Vec::new()));
        }
        match self.contents.get_mut(&id).expect("just made") {
            Contents::Items(items) => items,
            Contents::Value(_) => unreachable!("just made a list of items"),
        }
    }

    /// Writes items `from..` of a `Vec` of heap values again, and their
    /// owners' homes (after an insert or a remove shifted them).
    pub(super) fn rewrite_items(&mut self, id: usize, from: usize) {
        let items = match self.contents.get(&id) {
            Some(Contents::Items(items)) => items.clone(),
            _ => return,
        };
        for (i, item) in items.iter().enumerate().skip(from) {
            let root = Root::Item {
                owner: id,
                index: i,
            };
            self.settle(root, item);
            self.write_back(&Place {
                root,
                fields: Vec::new(),
            });
        }
    }

    /// A deep copy, as `Clone` makes it: a `String` or `Vec` gets a buffer
    /// of exactly its length (its elements cloned in order), a `Box` a new
    /// block; plain data is copied.
    pub(super) fn clone_value(&mut self, value: &Value, text: &str) -> R<Value> {
        Ok(match value {
            Value::Owner(id) => self.clone_owner(*id, text)?,
            Value::Ref(_) => {
                let inner = self.deref(value.clone());
                self.clone_value(&inner, text)?
            }
            Value::Tuple(items) => {
                let mut out = Vec::new();
                for item in items {
                    out.push(self.clone_value(item, text)?);
                }
                Value::Tuple(out)
            }
            Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    out.push(self.clone_value(item, text)?);
                }
                Value::Array(out)
            }
            Value::Struct(def, items) => {
                let mut out = Vec::new();
                for item in items {
                    out.push(self.clone_value(item, text)?);
                }
                Value::Struct(def.clone(), out)
            }
            Value::Opt(Some(v)) => Value::Opt(Some(Box::new(self.clone_value(v, text)?))),
            Value::Result(ok, v) => Value::Result(*ok, Box::new(self.clone_value(v, text)?)),
            other => other.clone(),
        })
    }

    /// Whether two values hold the same: strings by their text, `Vec`s
    /// element by element, boxes by what they hold, structs field by field;
    /// `None` when neither holds a heap owner (the plain comparison
    /// applies).
    pub(super) fn same_contents(&self, a: &Value, b: &Value) -> Option<bool> {
        let a = self.deref(a.clone());
        let b = self.deref(b.clone());
        let owns = |v: &Value| {
            let mut owners = Vec::new();
            Self::owners_in(v, &mut owners);
            !owners.is_empty()
        };
        if !owns(&a) && !owns(&b) {
            return None;
        }
        Some(self.equal(&a, &b))
    }

    pub(super) fn equal(&self, a: &Value, b: &Value) -> bool {
        let a = self.deref(a.clone());
        let b = self.deref(b.clone());
        match (&a, &b) {
            // `String == &str` and the other way round: the text.
            (Value::Owner(_), Value::Str(_)) | (Value::Str(_), Value::Owner(_)) => {
                matches!((self.text_of(&a), self.text_of(&b)), (Some(s), Some(t)) if s == t)
            }
            (Value::Owner(x), Value::Owner(y)) => {
                if let (Some(s), Some(t)) = (self.text_of(&a), self.text_of(&b)) {
                    return s == t;
                }
                match (&self.owners[*x], &self.owners[*y]) {
                    (Owner::Vec { len: lx, .. }, Owner::Vec { len: ly, .. }) => {
                        lx == ly
                            && (0..*lx).all(|i| {
                                let (Ok(p), Ok(q)) = (self.peek(*x, i), self.peek(*y, i)) else {
                                    return false;
                                };
                                self.equal(&p, &q)
                            })
                    }
                    (Owner::Deque(_), Owner::Deque(_)) => {
                        let (p, q) = (self.deque_items(*x), self.deque_items(*y));
                        p.len() == q.len() && p.iter().zip(&q).all(|(v, w)| self.equal(v, w))
                    }
                    (Owner::Box { ptr: p, ty: t }, Owner::Box { ptr: q, ty: u }) => {
                        let inner =
                            |id: usize, ptr: &Option<Addr>, ty: &Ty| match self.contents.get(&id) {
                                Some(Contents::Value(v)) => Some(v.clone()),
                                _ => self.read_at(*ptr, ty).ok(),
                            };
                        match (inner(*x, p, t), inner(*y, q, u)) {
                            (Some(v), Some(w)) => self.equal(&v, &w),
                            _ => false,
                        }
                    }
                    _ => x == y,
                }
            }
            (Value::Struct(d, _), Value::Struct(e, _))
                if d.name != e.name || d.variant != e.variant =>
            {
                false
            }
            (Value::Struct(_, xs), Value::Struct(_, ys))
            | (Value::Tuple(xs), Value::Tuple(ys))
            | (Value::Array(xs), Value::Array(ys)) => {
                xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| self.equal(x, y))
            }
            (Value::Opt(Some(x)), Value::Opt(Some(y))) => self.equal(x, y),
            (Value::Result(a, x), Value::Result(b, y)) => a == b && self.equal(x, y),
            (Value::Int(x, _), Value::Int(y, _)) => x == y,
            (Value::Float(x, _), Value::Float(y, _)) => x == y,
            (x, y) => x == y,
        }
    }

    /// Element `i` of a `Vec`, read without moving it.
    fn peek(&self, id: usize, i: u64) -> R<Value> {
        if let Some(Contents::Items(items)) = self.contents.get(&id) {
            return Ok(items.get(i as usize).cloned().unwrap_or_else(Value::unit));
        }
        let (ptr, _, _, elem, _) = self.vec_state(id);
        let ty = elem.unwrap_or_else(u8_ty);
        let size = ty.layout(self.target).size;
        self.read_at(ptr.map(|p| p.add(i * size)), &ty)
    }

    /// `clone()` of a heap owner.
    fn clone_owner(&mut self, id: usize, text: &str) -> R<Value> {
        match self.owners[id].clone() {
            Owner::Vec { .. } => self.vec_clone(id, text),
            Owner::Box { ptr, ty } => {
                let content = match self.contents.get(&id) {
                    Some(Contents::Value(v)) => v.clone(),
                    _ => self.read_at(ptr, &ty)?,
                };
                let reason = format!("`{text}`: a new Box<{ty}>, then its value cloned into it");
                let layout = ty.resolved().layout(self.target);
                let new_ptr = if layout.size == 0 {
                    None
                } else {
                    Some(self.alloc_infallible(layout, false, &reason)?)
                };
                let copy = self.clone_value(&content, text)?;
                let new = self.new_owner(Owner::Box {
                    ptr: new_ptr,
                    ty: ty.clone(),
                });
                self.hold_in_box(new, copy);
                Ok(Value::Owner(new))
            }
            Owner::Rc { .. } => self.rc_clone(id, Span::call_site()),
            Owner::Deque(_) => self.deque_clone(id, text, Span::call_site()),
            _ => unsupported_span(Span::call_site(), "cloning this value"),
        }
    }

    /// Puts `value` in the `Box` owner `id` is: its bytes at the box's
    /// pointer, and, when it holds heap owners, the value itself beside.
    pub(super) fn hold_in_box(&mut self, id: usize, value: Value) {
        let Owner::Box { ptr, ty } = self.owners[id].clone() else {
            return;
        };
        let ty = ty.resolved();
        if let Some(p) = ptr {
            let bytes = self.encode_value(&value, &ty);
            self.sim.heap_mut().write(p, &bytes);
        }
        if !ty.is_plain() {
            self.pointers = true;
            self.settle(Root::Content { owner: id }, &value);
            self.contents.insert(id, Contents::Value(value));
        }
    }
}

/// Whether two types are the same, a named struct and its definition alike.
fn same_ty(a: &Ty, b: &Ty) -> bool {
    match (a, b) {
        (Ty::Vec(x), Ty::Vec(y))
        | (Ty::Deque(x), Ty::Deque(y))
        | (Ty::Box(x), Ty::Box(y))
        | (Ty::Rc(x), Ty::Rc(y))
        | (Ty::Weak(x), Ty::Weak(y)) => same_ty(x, y),
        (Ty::Option(x), Ty::Option(y)) => same_ty(x, y),
        // A `Vec` or `String` shrunk to fit stands for a `Box<[T]>` or
        // `Box<str>`.
        (Ty::Boxed(x), y) | (y, Ty::Boxed(x)) => same_ty(x, y),
        (Ty::Map(a, k, v), Ty::Map(b, l, w)) => {
            a == b
                && same_ty(k, l)
                && match (v, w) {
                    (Some(v), Some(w)) => same_ty(v, w),
                    (v, w) => v.is_none() && w.is_none(),
                }
        }
        (Ty::Named(_), _) | (_, Ty::Named(_)) => {
            a.resolved().to_string() == b.resolved().to_string()
        }
        (Ty::Ref(x), Ty::Ref(y)) => same_ty(x, y),
        // A type parameter not known here is any type; instances of one
        // generic type are the same where their arguments are.
        (Ty::Param(_), _) | (_, Ty::Param(_)) => true,
        (Ty::Struct(x), Ty::Struct(y)) if x.name == y.name && !x.args.is_empty() => {
            x.args.len() == y.args.len() && x.args.iter().zip(&y.args).all(|(a, b)| same_ty(a, b))
        }
        (Ty::Enum(x), Ty::Enum(y)) if x.name == y.name && !x.args.is_empty() => {
            x.args.len() == y.args.len() && x.args.iter().zip(&y.args).all(|(a, b)| same_ty(a, b))
        }
        // `RefCell<Node>` made while `Node` was still being defined (a
        // field's type) and after: the same cell of the same type.
        (Ty::Struct(x), Ty::Struct(y)) if shared::std_cell(x).is_some() => {
            x.name == y.name
                && x.fields.len() == y.fields.len()
                && x.fields
                    .iter()
                    .zip(&y.fields)
                    .all(|((_, s), (_, t))| same_ty(s, t))
        }
        (x, y) => x == y,
    }
}
