//! Shared ownership and interior mutability: `Rc`, `Arc`, `Weak`,
//! `RefCell` and `Cell`.
//!
//! `Rc::new(v)` (and `Arc::new`) makes one allocation, the `RcInner`: a
//! strong count, a weak count, then the value (see [`std_rules::rc`], whose
//! [`RcBlock`] keeps the counts here as std does). `Rc::clone` and
//! `Rc::downgrade` only count; the last `Rc` dropped drops the value, and
//! the block is freed by whichever reference goes last, strong or weak.
//! The counts are written in the block's first two words, so the heap
//! shows them change.
//!
//! The value lives inside the block: an [`Owner::Shared`] holds it, so a
//! place reaches into it (`Root::Content` of the holder) as into a box,
//! and a `Vec` in an `Rc` that grows writes its new handle there.
//!
//! `RefCell<T>` is a struct of its borrow flag (an `isize`: 0 free, `n > 0`
//! shared borrows, −1 lent mutably) and the value, laid out in that order
//! (the value may be unsized, so rustc keeps it last); `Cell<T>` is its
//! value alone. Both are plain [`Value::Struct`]s of a definition made
//! here, named with angle brackets no program's struct can have.
//! `borrow()`/`borrow_mut()` check and change the flag as std does, and
//! give a guard ([`Owner::Guard`]) that gives the borrow back when it is
//! dropped: a temporary one at the end of its statement (or of an `if` or
//! `while` condition, or of a `while let` turn), one bound with `let` at
//! the end of its scope. A second `borrow_mut()` while one lives panics
//! with std's message, at the method's name as `#[track_caller]` reports.
//!
//! Methods see through these pointers as Rust's auto-deref does: a method
//! that is not the pointer's own (`clone` of an `Rc`) is called on what it
//! points at, through [`Interp::method_at`].

use super::*;
use crate::scenario::std_rules::rc::RcBlock;
use crate::scenario::value::Root;

/// `isize`, the type of a `RefCell`'s borrow flag.
const FLAG: IntTy = IntTy::Word(true);

/// `RefCell<T>` (`refcell`) or `Cell<T>` of a value of type `value`.
pub(super) fn cell_ty(refcell: bool, value: Ty) -> Ty {
    let shown = value.to_string();
    Ty::Struct(cell_def(refcell, value, &shown))
}

/// The struct a `RefCell<T>` or `Cell<T>` is; `shown` names `T`.
fn cell_def(refcell: bool, value: Ty, shown: &str) -> Rc<StructDef> {
    let (name, mut fields) = if refcell {
        ("RefCell", vec![("borrow".to_string(), Ty::Int(FLAG))])
    } else {
        ("Cell", Vec::new())
    };
    fields.push(("value".to_string(), value));
    Rc::new(StructDef {
        name: format!("{name}<{shown}>"),
        fields,
        // The value stays last (it may be unsized); `Cell` is transparent.
        repr_c: true,
        align: None,
        unit: false,
        variant: None,
        args: Vec::new(),
        drops: false,
        layouts: Default::default(),
    })
}

/// Which of std's cells a struct is: `Some(true)` for a `RefCell`,
/// `Some(false)` for a `Cell`.
pub(super) fn std_cell(def: &StructDef) -> Option<bool> {
    if def.name.starts_with("RefCell<") {
        Some(true)
    } else if def.name.starts_with("Cell<") {
        Some(false)
    } else {
        None
    }
}

impl Interp<'_> {
    // ----- making them -----

    /// `Rc::…`, `Arc::…`, `Weak::new`, `RefCell::new`, `Cell::new`: the
    /// value, or `None` if `name` is none of these.
    pub(super) fn shared_call(
        &mut self,
        name: &str,
        c: &syn::ExprCall,
        hint: Option<&Hint>,
    ) -> R<Option<Value>> {
        let span = self.sp(c);
        let (kind, func) = name.split_once("::").unwrap_or(("", name));
        let arc = kind == "Arc";
        let takes = if arc { "takes `&arc`" } else { "takes `&rc`" };
        let value = match (kind, func) {
            ("Rc" | "Arc", "new") => {
                let inner = match hint {
                    Some(Hint::Rc(t, _)) => Some(t.clone()),
                    _ => None,
                };
                let arg = match c.args.first() {
                    Some(a) if c.args.len() == 1 => a,
                    _ => return err(span, format!("`{name}` takes 1 argument")),
                };
                let value = self.eval(arg, inner.clone().map(Hint::Plain).as_ref())?;
                let value = self.deref_copy(value);
                let text = self.src(c);
                self.rc_new(value, inner, arc, &text, span)?
            }
            // `Rc<[T]>` and `Rc<str>` (rc_slices.rs).
            ("Rc" | "Arc", "from") => {
                let slice = match hint {
                    Some(Hint::Rc(t @ Ty::Slice(..), _)) => Some(t.clone()),
                    _ => None,
                };
                let arg = match c.args.first() {
                    Some(a) if c.args.len() == 1 => a,
                    _ => return err(span, format!("`{name}` takes 1 argument")),
                };
                // `Rc::<[u32]>::from(vec![1, 2, 3])`: the elements are of the
                // slice's type.
                let elems = match (&slice, arg) {
                    (Some(Ty::Slice(elem, false)), Expr::Macro(m))
                        if m.mac.path.is_ident("vec") =>
                    {
                        Some(Hint::Vec(Some((**elem).clone())))
                    }
                    _ => None,
                };
                let value = self.eval(arg, elems.as_ref())?;
                let text = self.src(c);
                self.rc_from(value, slice.as_ref(), arc, &text, span)?
            }
            ("Rc" | "Arc", "clone") => {
                let id = self.rc_arg(c, name, span)?;
                self.rc_clone(id, span)?
            }
            ("Rc" | "Arc", "strong_count" | "weak_count") => {
                let id = self.rc_arg(c, name, span)?;
                let Owner::Rc { cell } = self.owners[id] else {
                    return err(span, format!("`{name}` {takes}"));
                };
                let counts = self.shared[cell].counts;
                let n = if func == "strong_count" {
                    counts.strong_count()
                } else {
                    counts.weak_count()
                };
                Value::Int(i128::from(n), Some(IntTy::Word(false)))
            }
            ("Rc" | "Arc", "downgrade") => {
                let id = self.rc_arg(c, name, span)?;
                let Owner::Rc { cell } = self.owners[id] else {
                    return err(span, format!("`{name}` {takes}"));
                };
                self.shared[cell].counts.downgrade();
                self.write_counts(cell);
                Value::Owner(self.new_owner(Owner::Weak { cell: Some(cell) }))
            }
            ("Rc" | "Arc", "ptr_eq") => {
                let args = self.args(&c.args, 2, span)?;
                let cell_of = |me: &Self, v: &Value| match me.deref(v.clone()) {
                    Value::Owner(id) => match me.owners[id] {
                        Owner::Rc { cell } => Some(cell),
                        _ => None,
                    },
                    _ => None,
                };
                Value::Bool(cell_of(self, &args[0]) == cell_of(self, &args[1]))
            }
            ("Rc" | "Arc", "try_unwrap" | "into_inner") => {
                let value = self.args(&c.args, 1, span)?.remove(0);
                let Value::Owner(id) = value else {
                    return err(span, format!("`{name}` takes an `{kind}`"));
                };
                let text = self.src(c);
                self.rc_unwrap(id, func == "try_unwrap", &text)?
            }
            ("Weak", "new") => {
                self.args(&c.args, 0, span)?;
                self.pointers = true;
                Value::Owner(self.new_owner(Owner::Weak { cell: None }))
            }
            ("RefCell" | "Cell", "new") => {
                let refcell = kind == "RefCell";
                let want = match hint {
                    Some(Hint::Plain(Ty::Struct(def))) if std_cell(def) == Some(refcell) => {
                        Some(def.clone())
                    }
                    _ => None,
                };
                let arg = match c.args.first() {
                    Some(a) if c.args.len() == 1 => a,
                    _ => return err(span, format!("`{name}` takes 1 argument")),
                };
                let inner = want.as_ref().and_then(|d| d.fields.last()).map(|(_, t)| t);
                let value = self.eval(arg, inner.cloned().map(Hint::Plain).as_ref())?;
                let value = self.deref_copy(value);
                self.pointers = true;
                let def = match want {
                    Some(def) => def,
                    None => {
                        let ty = self.held_ty(&value, None, span)?;
                        cell_def(refcell, ty, &self.type_name(&value))
                    }
                };
                let ty = def
                    .fields
                    .last()
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(Ty::unit);
                let value = value.typed(&ty);
                let items = if refcell {
                    vec![Value::Int(0, Some(FLAG)), value]
                } else {
                    vec![value]
                };
                Value::Struct(def, items)
            }
            _ => return Ok(None),
        };
        Ok(Some(value))
    }

    /// A value given by reference where std takes it by value is copied
    /// (plain data) or stays the reference.
    fn deref_copy(&self, value: Value) -> Value {
        match &value {
            Value::Ref(_) => {
                let v = self.deref(value.clone());
                if v.ty().is_some_and(|t| t.is_plain()) {
                    v
                } else {
                    value
                }
            }
            _ => value,
        }
    }

    /// The type `value` has inside a block or a cell: `hint`, or its own;
    /// a `Vec` whose element type is not known yet is laid out as any
    /// `Vec` is (its handle's words do not depend on it).
    fn held_ty(&self, value: &Value, hint: Option<Ty>, span: Span) -> R<Ty> {
        if let Some(t) = hint.or_else(|| self.value_ty(value)) {
            return Ok(t);
        }
        match value {
            Value::Owner(id) if matches!(self.owners[*id], Owner::Vec { .. }) => {
                Ok(Ty::Vec(Box::new(u8_ty())))
            }
            _ => unsupported_span(span, "sharing this kind of value"),
        }
    }

    /// The `Rc` argument of `Rc::clone(&rc)` and the like.
    fn rc_arg(&mut self, c: &syn::ExprCall, name: &str, span: Span) -> R<usize> {
        match c.args.first() {
            Some(a) if c.args.len() == 1 => self.owner_of(a),
            _ => err(span, format!("`{name}` takes 1 argument")),
        }
    }

    /// `Rc::new(value)` or `Arc::new(value)`.
    fn rc_new(
        &mut self,
        value: Value,
        hint: Option<Ty>,
        arc: bool,
        text: &str,
        span: Span,
    ) -> R<Value> {
        let ty = self.held_ty(&value, hint, span)?;
        let value = value.typed(&ty);
        let (counts, _) = RcBlock::new(ty.resolved().layout(self.target), self.target);
        let kind = if arc { "Arc" } else { "Rc" };
        let reason = format!(
            "`{text}`: {kind}Inner<{}> is two counters (strong, weak) then the value",
            self.type_name(&value)
        );
        let ptr = self.alloc_infallible(counts.layout(), false, &reason)?;
        self.pointers = true;
        let cell = self.shared.len();
        let holder = self.new_owner(Owner::Shared { cell });
        self.shared.push(SharedBlock {
            ptr,
            ty,
            slice: None,
            counts,
            arc,
            holder,
        });
        self.write_counts(cell);
        self.settle(Root::Content { owner: holder }, &value);
        self.contents.insert(holder, Contents::Value(value));
        self.write_back(&Place {
            root: Root::Content { owner: holder },
            fields: Vec::new(),
        });
        Ok(Value::Owner(self.new_owner(Owner::Rc { cell })))
    }

    /// Writes block `cell`'s counts into its first two words.
    pub(super) fn write_counts(&mut self, cell: usize) {
        let b = &self.shared[cell];
        let (ptr, strong, weak) = (b.ptr, b.counts.strong_count(), b.counts.weak_count());
        // The weak word counts the reference all strong ones share.
        let weak = weak + u64::from(strong > 0);
        let word = self.target.word_size();
        self.sim.heap_mut().write_word(ptr, strong);
        self.sim.heap_mut().write_word(ptr.add(word), weak);
    }

    /// Where block `cell`'s value starts.
    pub(super) fn shared_value_at(&self, cell: usize) -> Addr {
        let b = &self.shared[cell];
        b.ptr.add(self.rc_value_offset(&b.ty.resolved()))
    }

    /// `rc.clone()`, `Rc::clone(&rc)`: one more strong reference.
    pub(super) fn rc_clone(&mut self, id: usize, span: Span) -> R<Value> {
        let Owner::Rc { cell } = self.owners[id] else {
            return err(span, "not an Rc");
        };
        self.shared[cell].counts.clone_strong();
        self.write_counts(cell);
        Ok(Value::Owner(self.new_owner(Owner::Rc { cell })))
    }

    /// `Rc::try_unwrap(rc)` (`Result`) or `Rc::into_inner(rc)` (`Option`):
    /// the value moves out when this is the only strong reference, and the
    /// block is freed unless a `Weak` still points at it.
    fn rc_unwrap(&mut self, id: usize, try_unwrap: bool, text: &str) -> R<Value> {
        let Owner::Rc { cell } = self.owners[id] else {
            return err(Span::call_site(), "not an Rc");
        };
        if self.shared[cell].counts.strong_count() > 1 {
            return Ok(if try_unwrap {
                Value::Result(false, Box::new(Value::Owner(id)))
            } else {
                self.drop_owner(id, &format!("`{text}`"))?;
                Value::Opt(None)
            });
        }
        self.owners[id] = Owner::Gone;
        let holder = self.shared[cell].holder;
        let value = self.take_shared_value(holder);
        let freed = self.shared[cell].counts.drop_strong();
        self.write_counts(cell);
        if freed.is_some() {
            let (ptr, layout) = (self.shared[cell].ptr, self.shared[cell].counts.layout());
            let why = format!("`{text}`: the value moves out, and its block is freed");
            self.free(ptr, layout, &why)?;
        }
        Ok(if try_unwrap {
            Value::Result(true, Box::new(value))
        } else {
            Value::Opt(Some(Box::new(value)))
        })
    }

    /// The value holder `holder` kept, taken out: the owners inside it no
    /// longer live in the block.
    fn take_shared_value(&mut self, holder: usize) -> Value {
        self.owners[holder] = Owner::Gone;
        let value = match self.contents.remove(&holder) {
            Some(Contents::Value(v)) => v,
            _ => Value::unit(),
        };
        for home in &mut self.homes {
            if matches!(home, Some(Root::Content { owner }) if *owner == holder) {
                *home = None;
            }
        }
        value
    }

    // ----- dropping them -----

    /// Drops an `Rc`, a `Weak` or a guard (owner `id`, already taken out
    /// of `owners` as `owner`).
    pub(super) fn drop_shared(&mut self, owner: Owner, reason: &str) -> R<()> {
        let (cell, freed) = match owner {
            Owner::Rc { cell } => {
                let freed = self.shared[cell].counts.drop_strong();
                if self.shared[cell].counts.strong_count() == 0 {
                    // The last strong reference drops the value first.
                    let value = self.take_shared_value(self.shared[cell].holder);
                    self.drop_value(&value, reason)?;
                }
                (cell, freed)
            }
            Owner::Weak { cell: Some(cell) } => (cell, self.shared[cell].counts.drop_weak()),
            Owner::Guard { refcell, mutable } => {
                self.give_back(&refcell, mutable);
                return Ok(());
            }
            _ => return Ok(()),
        };
        self.write_counts(cell);
        if freed.is_some() {
            let b = &self.shared[cell];
            let (ptr, layout) = (b.ptr, b.counts.layout());
            let kind = if b.arc { "Arc" } else { "Rc" };
            let held = b.slice.as_ref().map_or(&b.ty, |(t, _)| t);
            let last = if b.counts.weak_count() == 0 && matches!(owner, Owner::Weak { .. }) {
                format!("the last Weak<{held}> frees the block")
            } else {
                format!("the last {kind}<{held}> frees the shared value")
            };
            self.free(ptr, layout, &format!("{reason}: {last}"))?;
        }
        Ok(())
    }

    // ----- seeing through them -----

    /// Where what owner `id` points at lives, if it is a pointer that
    /// methods and `*` see through: the value an `Rc` shares, what a guard
    /// lends, what a `Box` of a heap value holds.
    pub(super) fn pointee(&self, id: usize) -> Option<Place> {
        let root = match self.owners.get(id)? {
            Owner::Rc { cell } => Root::Content {
                owner: self.shared.get(*cell)?.holder,
            },
            Owner::Guard { refcell, .. } => {
                let mut place = refcell.clone();
                place.fields.push(1);
                return Some(place);
            }
            Owner::Box { .. } if matches!(self.contents.get(&id), Some(Contents::Value(_))) => {
                Root::Content { owner: id }
            }
            _ => return None,
        };
        Some(Place {
            root,
            fields: Vec::new(),
        })
    }

    /// The place of field `member` of the struct or tuple at `place` (seen
    /// through pointers), if it has one.
    pub(super) fn field_place(&self, place: Place, member: &syn::Member) -> Option<Place> {
        let mut place = place;
        for _ in 0..64 {
            match self.at_place(&place)? {
                Value::Owner(id) => place = self.pointee(*id)?,
                Value::Ref(p) => place = p.clone(),
                _ => break,
            }
        }
        let index = match (member, self.at_place(&place)?) {
            (syn::Member::Unnamed(i), Value::Tuple(_) | Value::Struct(..)) => i.index as usize,
            (syn::Member::Named(name), Value::Struct(def, _)) => {
                def.fields.iter().position(|(n, _)| name == n)?
            }
            _ => return None,
        };
        place.fields.push(index);
        self.at_place(&place).is_some().then_some(place)
    }

    /// `call().field` as a place: the call's value (a guard, a reference)
    /// is made once, and the field is in what it points at
    /// (`cell.borrow_mut().count += 1`). `None` when the base is not a
    /// call, or gives neither.
    pub(super) fn field_of_call(&mut self, f: &syn::ExprField) -> R<Option<Place>> {
        if !matches!(&*f.base, Expr::MethodCall(_)) {
            return Ok(None);
        }
        let place = match self.eval(&f.base, None)? {
            Value::Owner(id) => self.pointee(id),
            Value::Ref(place) => Some(self.through_refs(place, self.sp(f))?),
            _ => None,
        };
        Ok(place.and_then(|p| self.field_place(p, &f.member)))
    }

    /// `value` with references and the pointers [`Interp::pointee`] sees
    /// through followed, down to what they point at.
    pub(super) fn see_through(&self, value: Value) -> Value {
        let mut value = self.deref(value);
        for _ in 0..64 {
            let Value::Owner(id) = value else { break };
            match self.pointee(id).and_then(|p| self.at_place(&p)) {
                Some(v) => value = self.deref(v.clone()),
                None => break,
            }
        }
        value
    }

    /// A method whose receiver is a smart pointer in a place (`rc.len()`,
    /// `cell.borrow_mut()`, `guard.push(x)`), or a method of a `RefCell`
    /// or `Cell`; `None` when neither.
    pub(super) fn shared_method(
        &mut self,
        m: &syn::ExprMethodCall,
        name: &str,
    ) -> R<Option<Value>> {
        // Only a receiver that is a place without side effects is looked
        // at here (a `v[f()]` would run `f` twice).
        fn plain_place(e: &Expr) -> bool {
            match e {
                Expr::Path(_) => true,
                Expr::Field(f) => plain_place(&f.base),
                Expr::Paren(p) => plain_place(&p.expr),
                Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => plain_place(&u.expr),
                _ => false,
            }
        }
        if !self.pointers || !plain_place(&m.receiver) {
            return Ok(None);
        }
        let Some(place) = self.place_of(&m.receiver)? else {
            return Ok(None);
        };
        let span = self.sp(m);
        let place = self.through_refs(place, span)?;
        self.method_from(place, false, m, name)
    }

    /// A method on a temporary receiver that is a smart pointer
    /// (`rc.borrow_mut().push(x)`: the guard).
    pub(super) fn shared_temporary_method(
        &mut self,
        value: &Value,
        m: &syn::ExprMethodCall,
        name: &str,
    ) -> R<Option<Value>> {
        let Value::Owner(id) = self.deref(value.clone()) else {
            return Ok(None);
        };
        if !self.sees_through(id, name) {
            return Ok(None);
        }
        let Some(place) = self.pointee(id) else {
            return Ok(None);
        };
        self.method_from(place, true, m, name)
    }

    /// Whether method `name` of owner `id` is called on what it points at
    /// (it is not the pointer's own).
    fn sees_through(&self, id: usize, name: &str) -> bool {
        match self.owners.get(id) {
            Some(Owner::Rc { .. } | Owner::Box { .. }) => name != "clone",
            Some(Owner::Guard { .. }) => true,
            _ => false,
        }
    }

    /// Follows pointers from `place` (`moved`: already through one) to the
    /// value the method `name` is for, and calls it there.
    fn method_from(
        &mut self,
        mut place: Place,
        mut moved: bool,
        m: &syn::ExprMethodCall,
        name: &str,
    ) -> R<Option<Value>> {
        let span = self.sp(m);
        for _ in 0..64 {
            match self.at_place(&place).cloned() {
                Some(Value::Owner(id)) if matches!(self.owners[id], Owner::Weak { .. }) => {
                    return self.weak_method(id, m, name).map(Some);
                }
                Some(Value::Owner(id)) if self.sees_through(id, name) => {
                    let Some(next) = self.pointee(id) else { break };
                    place = self.through_refs(next, span)?;
                    moved = true;
                }
                Some(Value::Struct(def, _)) => {
                    if let Some(v) = self.cell_method(&place, &def, m, name)? {
                        return Ok(Some(v));
                    }
                    break;
                }
                _ => break,
            }
        }
        if moved {
            return self.method_at(place, m).map(Some);
        }
        Ok(None)
    }

    /// Calls method `m` with the value at `target` as its receiver, lent:
    /// while the call runs, its receiver expression names `target` (see
    /// [`Interp::receiver_override`]), so it is not evaluated again.
    pub(super) fn method_at(&mut self, target: Place, m: &syn::ExprMethodCall) -> R<Value> {
        let key = std::ptr::from_ref(&*m.receiver) as usize;
        let outer = self.deref_receiver.replace((key, target));
        let result = self.method(m);
        self.deref_receiver = outer;
        result
    }

    /// The place a receiver expression stands for while [`Interp::method_at`]
    /// calls its method on what a pointer points at.
    pub(super) fn receiver_override(&self, expr: &Expr) -> Option<Place> {
        match &self.deref_receiver {
            Some((key, place)) if *key == std::ptr::from_ref(expr) as usize => Some(place.clone()),
            _ => None,
        }
    }

    // ----- methods of their own -----

    /// `weak.upgrade()`, `weak.clone()`.
    fn weak_method(&mut self, id: usize, m: &syn::ExprMethodCall, name: &str) -> R<Value> {
        self.prim_args(m, 0)?;
        let Owner::Weak { cell } = self.owners[id] else {
            return err(self.sp(m), "not a Weak");
        };
        match name {
            "upgrade" => Ok(match cell {
                Some(cell) if self.shared[cell].counts.upgrade() => {
                    self.write_counts(cell);
                    Value::Opt(Some(Box::new(Value::Owner(
                        self.new_owner(Owner::Rc { cell }),
                    ))))
                }
                _ => Value::Opt(None),
            }),
            "clone" => {
                if let Some(cell) = cell {
                    self.shared[cell].counts.downgrade();
                    self.write_counts(cell);
                }
                Ok(Value::Owner(self.new_owner(Owner::Weak { cell })))
            }
            _ => unsupported(&m.method, &format!("the method `{name}` of a `Weak`")),
        }
    }

    /// A method of the `RefCell` or `Cell` at `place`; `None` if `def` is
    /// neither, or `name` is not one of theirs (the program's own struct).
    fn cell_method(
        &mut self,
        place: &Place,
        def: &Rc<StructDef>,
        m: &syn::ExprMethodCall,
        name: &str,
    ) -> R<Option<Value>> {
        let Some(refcell) = std_cell(def) else {
            return Ok(None);
        };
        // `#[track_caller]`: a panic is reported at the method's name.
        let at = self.sp(&m.method);
        let field = |i: usize| {
            let mut p = place.clone();
            p.fields.push(i);
            p
        };
        let ty = def
            .fields
            .last()
            .map(|(_, t)| t.clone())
            .unwrap_or_else(Ty::unit);
        Ok(Some(match (refcell, name) {
            // `try_borrow` and `try_borrow_mut` give std's error where
            // `borrow` and `borrow_mut` panic.
            (true, "borrow" | "borrow_mut" | "try_borrow" | "try_borrow_mut") => {
                self.prim_args(m, 0)?;
                let mutable = name.ends_with("_mut");
                let tries = name.starts_with("try_");
                let flag = match self.at_place(&field(0)) {
                    Some(Value::Int(f, _)) => *f,
                    _ => 0,
                };
                let new = match (mutable, flag) {
                    (false, f) if f >= 0 => f + 1,
                    (true, 0) => -1,
                    _ if tries => {
                        let error = StructDef {
                            name: if mutable {
                                "BorrowMutError"
                            } else {
                                "BorrowError"
                            }
                            .into(),
                            fields: Vec::new(),
                            repr_c: false,
                            align: None,
                            unit: true,
                            variant: None,
                            args: Vec::new(),
                            drops: false,
                            layouts: Default::default(),
                        };
                        let error = Value::Struct(Rc::new(error), Vec::new());
                        return Ok(Some(Value::Result(false, Box::new(error))));
                    }
                    (false, _) => return err(at, "panicked: RefCell already mutably borrowed"),
                    (true, _) => return err(at, "panicked: RefCell already borrowed"),
                };
                self.set_flag(place, new);
                let guard = self.new_owner(Owner::Guard {
                    refcell: place.clone(),
                    mutable,
                });
                self.guards.push(guard);
                match tries {
                    true => Value::Result(true, Box::new(Value::Owner(guard))),
                    false => Value::Owner(guard),
                }
            }
            (false, "get") => {
                self.prim_args(m, 0)?;
                if !ty.is_plain() {
                    return unsupported(&m.method, "`Cell::get` of a value that is not `Copy`");
                }
                self.at_place(&field(0))
                    .cloned()
                    .unwrap_or_else(Value::unit)
            }
            (false, "set" | "replace") | (true, "replace") => {
                let new = self.moved_args(m, 1)?.remove(0).typed(&ty);
                let value = field(usize::from(refcell));
                if refcell {
                    self.check_free(place, at)?;
                }
                let old = self.replace_at(&value, new, at)?;
                if name == "set" {
                    self.drop_value(&old, &format!("`{}`: the old value", self.src(m)))?;
                    Value::unit()
                } else {
                    old
                }
            }
            (_, "take") => {
                self.prim_args(m, 0)?;
                let value = field(usize::from(refcell));
                if refcell {
                    self.check_free(place, at)?;
                }
                let Some(old) = self.at_place(&value).cloned() else {
                    return err(at, "this value is gone");
                };
                let text = self.src(m);
                let new = self.default_like(&old, &text, at)?;
                self.replace_at(&value, new, at)?
            }
            _ => return Ok(None),
        }))
    }

    /// `RefCell::replace` and `take` borrow mutably for the swap: a
    /// borrow alive now is std's panic.
    fn check_free(&self, refcell: &Place, at: Span) -> R<()> {
        let mut p = refcell.clone();
        p.fields.push(0);
        match self.at_place(&p) {
            Some(Value::Int(0, _)) | None => Ok(()),
            Some(_) => err(at, "panicked: RefCell already borrowed"),
        }
    }

    /// Sets the borrow flag of the `RefCell` at `refcell`, in the heap too
    /// when the cell lives there.
    fn set_flag(&mut self, refcell: &Place, flag: i128) {
        let mut p = refcell.clone();
        p.fields.push(0);
        if let Some(v) = self.at_place_mut(&p) {
            *v = Value::Int(flag, Some(FLAG));
        }
        self.write_back(refcell);
    }

    /// A guard is dropped: its borrow is given back.
    fn give_back(&mut self, refcell: &Place, mutable: bool) {
        let mut p = refcell.clone();
        p.fields.push(0);
        let Some(Value::Int(flag, _)) = self.at_place(&p).cloned() else {
            return;
        };
        self.set_flag(refcell, if mutable { 0 } else { flag - 1 });
    }

    /// Drops the guards made since `mark` that nothing holds: a
    /// temporary's borrow ends with its statement (or condition).
    /// A guard in `result` (the value a block or function gives back)
    /// lives on: it is handed to the enclosing statement.
    pub(super) fn release_guards(&mut self, mark: usize, result: Option<&Value>) -> R<()> {
        if self.guards.len() <= mark {
            return Ok(());
        }
        let made: Vec<usize> = self.guards.drain(mark..).rev().collect();
        let mut handed = Vec::new();
        if let Some(v) = result {
            Self::owners_in(v, &mut handed);
        }
        for id in made {
            if !matches!(self.owners[id], Owner::Guard { .. }) || self.bound(id) {
                continue;
            }
            if handed.contains(&id) {
                self.guards.push(id);
            } else {
                self.drop_owner(id, "a temporary guard")?;
            }
        }
        Ok(())
    }

    /// Whether a live binding holds owner `id`.
    pub(super) fn bound(&self, id: usize) -> bool {
        fn holds(v: &Value, id: usize) -> bool {
            match v {
                Value::Owner(o) => *o == id,
                Value::Tuple(items) | Value::Array(items) | Value::Struct(_, items) => {
                    items.iter().any(|v| holds(v, id))
                }
                Value::Opt(Some(v)) | Value::Result(_, v) => holds(v, id),
                _ => false,
            }
        }
        self.scopes
            .iter()
            .flatten()
            .any(|b| b.moved.is_none() && holds(&b.value, id))
    }

    // ----- showing them -----

    /// What `{:?}` shows for an `Rc`, `Weak` or guard (owner `id`), before
    /// its inside is made plain; `None` for other owners.
    pub(super) fn shared_view(&self, id: usize) -> Option<Value> {
        match self.owners.get(id)? {
            Owner::Rc { .. } | Owner::Guard { .. } => {
                let place = self.pointee(id)?;
                Some(self.value_at(&place).unwrap_or_else(Value::unit))
            }
            // `Weak`'s Debug prints `(Weak)`, whatever it points at.
            Owner::Weak { .. } => Some(unit_named("(Weak)")),
            _ => None,
        }
    }

    /// What `{:?}` shows for a `RefCell` or `Cell`: `RefCell { value: … }`
    /// (`<borrowed>` while it is lent mutably), `Cell { value: … }`.
    pub(super) fn cell_view(def: &StructDef, items: Vec<Value>) -> Option<Value> {
        let refcell = std_cell(def)?;
        let mut items = items.into_iter();
        let flag = if refcell { items.next() } else { None };
        let value = match flag {
            Some(Value::Int(f, _)) if f < 0 => unit_named("<borrowed>"),
            _ => items.next()?,
        };
        let name = if refcell { "RefCell" } else { "Cell" };
        let def = StructDef {
            name: name.to_string(),
            fields: vec![("value".to_string(), Ty::unit())],
            repr_c: false,
            align: None,
            unit: false,
            variant: None,
            args: Vec::new(),
            drops: false,
            layouts: Default::default(),
        };
        Some(Value::Struct(Rc::new(def), vec![value]))
    }
}

/// A value whose `{:?}` is `name` as written (a unit struct's is its name).
fn unit_named(name: &str) -> Value {
    Value::Struct(StructDef::unit(name), Vec::new())
}
