//! `Vec` and `String`: their methods, and `RawVec`'s growth and shrinking
//! as allocator calls.

use super::*;

impl Interp<'_> {
    // ----- Vec and String -----

    pub(super) fn vec_state(&self, id: usize) -> (Option<Addr>, u64, u64, Option<Ty>, bool) {
        match &self.owners[id] {
            Owner::Vec {
                ptr,
                cap,
                len,
                elem,
                string,
            } => (*ptr, *cap, *len, elem.clone(), *string),
            _ => (None, 0, 0, None, false),
        }
    }

    /// A new empty `Vec<elem>` (a `String` if `string`): no block yet.
    pub(super) fn new_vec(&mut self, elem: Option<Ty>, string: bool) -> usize {
        self.new_owner(Owner::Vec {
            ptr: None,
            cap: 0,
            len: 0,
            elem,
            string,
        })
    }

    pub(super) fn set_vec(&mut self, id: usize, new_ptr: Option<Addr>, new_cap: u64, new_len: u64) {
        if let Owner::Vec { ptr, cap, len, .. } = &mut self.owners[id] {
            *ptr = new_ptr;
            *cap = new_cap;
            *len = new_len;
        }
        // Its handle changed: where a Vec or Box holds it, say so there.
        self.refresh_home(id);
    }

    pub(super) fn elem_of(&mut self, id: usize, value: Option<&Value>, span: Span) -> R<Ty> {
        let (.., elem, _) = self.vec_state(id);
        if let Some(t) = elem {
            return Ok(t);
        }
        // An unsuffixed number gives `i32` (or `f64`) only for want of
        // anything better: noted, so that a later use can settle it.
        if matches!(value, Some(Value::Int(_, None) | Value::Float(_, None)))
            && !self.defaulted.contains(&id)
        {
            self.defaulted.push(id);
        }
        match value.and_then(|v| self.value_ty(v)) {
            Some(t) => {
                if let Owner::Vec { elem, .. } = &mut self.owners[id] {
                    *elem = Some(t.clone());
                }
                Ok(t)
            }
            None => err(span, "the element type of this Vec is not known here: write it, as in `let mut v: Vec<u32> = Vec::new();`"),
        }
    }

    pub(super) fn vec_name(&self, id: usize) -> String {
        match &self.owners[id] {
            Owner::Vec { string: true, .. } => "String".into(),
            Owner::Vec { elem: Some(t), .. } => format!("Vec<{t}>"),
            _ => "Vec<_>".into(),
        }
    }

    pub(super) fn vec_method(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Value> {
        let span = m.span();
        let (_, cap, len, _, string) = self.vec_state(id);
        let usize_value = |n: u64| Value::Int(i128::from(n), Some(IntTy::Word(false)));
        match name {
            "len" => Ok(usize_value(len)),
            "capacity" => {
                let zst = self
                    .vec_state(id)
                    .3
                    .is_some_and(|t| t.is_zero_sized(self.target));
                Ok(usize_value(if zst {
                    std_rules::usize_max(self.target)
                } else {
                    cap
                }))
            }
            "is_empty" => Ok(Value::Bool(len == 0)),
            "clear" => {
                self.set_vec(id, self.vec_state(id).0, cap, 0);
                self.drop_items_from(id, 0, text)?;
                Ok(Value::unit())
            }
            "truncate" => {
                let n = self.arg_u64(m, 0)?;
                self.set_vec(id, self.vec_state(id).0, cap, len.min(n));
                self.drop_items_from(id, n, text)?;
                Ok(Value::unit())
            }
            "push" if string => {
                let args = self.method_args(m, 1)?;
                let Value::Char(c) = args[0] else {
                    return err(span, "`String::push` takes a char");
                };
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes().to_vec();
                self.reserve(id, bytes.len() as u64, text, Exactness::Amortized, false)?;
                self.push_bytes(id, &bytes);
                Ok(Value::unit())
            }
            "push_str" => {
                let args = self.method_args(m, 1)?;
                let Some(s) = self.text_of(&args[0]) else {
                    return self.mismatch(span, "&str", &args[0]);
                };
                self.append_text(id, &s, text)?;
                Ok(Value::unit())
            }
            "to_string" | "to_owned" if string => {
                let value = Value::Owner(id);
                self.string_of(&value, text)
            }
            "extend" if string => {
                let Some(arg) = m.args.first() else {
                    return err(span, "`extend` takes what to add");
                };
                self.extend_string(id, arg, text)?;
                Ok(Value::unit())
            }
            "push" => {
                // The argument is made as an element: `rows.push(Vec::new())`
                // into a `Vec<Vec<u64>>` is a `Vec<u64>`, `v.push(1)` into a
                // `Vec<u8>` a `u8`.
                let elem = match &self.owners[id] {
                    Owner::Vec { elem: Some(t), .. } => Some(Hint::of(t)),
                    _ => None,
                };
                prims::arity(m, 1)?;
                let value = self.eval(&m.args[0], elem.as_ref())?;
                let ty = self.elem_of(id, Some(&value), span)?;
                self.infer_as(&value, &ty)?;
                self.check_type(&value, &ty)?;
                self.vec_push(id, value, &ty, text)?;
                Ok(Value::unit())
            }
            "pop" => {
                if len == 0 {
                    return Ok(Value::Opt(None));
                }
                // A heap value moves out to the caller; plain data is read.
                let value = if self.holds_items(id) {
                    let v = self.items_mut(id).pop().unwrap_or_else(Value::unit);
                    Self::leave_home(&mut self.homes, &v);
                    v
                } else {
                    self.vec_get(id, len - 1, span)?
                };
                self.set_vec(id, self.vec_state(id).0, cap, len - 1);
                Ok(Value::Opt(Some(Box::new(value))))
            }
            "insert" => {
                let elem = match &self.owners[id] {
                    Owner::Vec { elem, .. } => elem.clone(),
                    _ => None,
                };
                let args = self.typed_args(m, &[None, elem])?;
                let Value::Int(index, _) = args[0] else {
                    return err(span, "`insert` takes an index");
                };
                let index = u64::try_from(index).unwrap_or(u64::MAX);
                if index > len {
                    // `String::insert` asserts the index is on a char
                    // boundary, which one past the end is not.
                    let message = if self.vec_state(id).4 {
                        "assertion failed: self.is_char_boundary(idx)".to_string()
                    } else {
                        format!("insertion index (is {index}) should be <= len (is {len})")
                    };
                    return err(m.method.span(), format!("panicked: {message}"));
                }
                let ty = self.elem_of(id, Some(&args[1]), span)?;
                self.check_type(&args[1], &ty)?;
                self.reserve(id, 1, text, Exactness::Amortized, false)?;
                let (ptr, cap, ..) = self.vec_state(id);
                let size = ty.resolved().layout(self.target).size;
                if self.holds_items(id) {
                    self.items_mut(id).insert(index as usize, args[1].clone());
                    self.set_vec(id, ptr, cap, len + 1);
                    self.rewrite_items(id, index as usize);
                    return Ok(Value::unit());
                }
                if let (Some(p), true) = (ptr, size > 0) {
                    self.sim.heap_mut().copy(
                        p.add(index * size),
                        p.add((index + 1) * size),
                        (len - index) * size,
                    );
                }
                self.vec_write(id, index, &args[1].clone().typed(&ty), &ty);
                self.set_vec(id, ptr, cap, len + 1);
                Ok(Value::unit())
            }
            "extend_from_slice" => {
                let args = self.method_args(m, 1)?;
                let Value::Array(items) = &args[0] else {
                    return err(span, "`extend_from_slice` takes `&[…]` here");
                };
                let ty = self.elem_of(id, items.first(), span)?;
                for item in items {
                    self.check_type(item, &ty)?;
                }
                self.reserve(id, items.len() as u64, text, Exactness::Amortized, false)?;
                for item in items {
                    let (ptr, cap, len, ..) = self.vec_state(id);
                    self.vec_write(id, len, &item.clone().typed(&ty), &ty);
                    self.set_vec(id, ptr, cap, len + 1);
                }
                Ok(Value::unit())
            }
            "reserve" | "reserve_exact" | "try_reserve" | "try_reserve_exact" => {
                let n = self.arg_u64(m, 0)?;
                let exact = if name.ends_with("exact") {
                    Exactness::Exact
                } else {
                    Exactness::Amortized
                };
                let fallible = name.starts_with("try");
                self.elem_of(id, None, span)?;
                match self.reserve(id, n, text, exact, fallible) {
                    Ok(()) if fallible => Ok(Value::Result(true, Box::new(Value::unit()))),
                    Ok(()) => Ok(Value::unit()),
                    Err(h) => match *h {
                        Halt::TryReserve(layout) => Ok(Value::Result(
                            false,
                            Box::new(Value::TryReserveError(layout)),
                        )),
                        other => halt(other),
                    },
                }
            }
            "shrink_to_fit" => {
                self.shrink(id, len, text)?;
                Ok(Value::unit())
            }
            "shrink_to" => {
                let min = self.arg_u64(m, 0)?;
                if cap > min {
                    self.shrink(id, len.max(min), text)?;
                }
                Ok(Value::unit())
            }
            "clone" => self.vec_clone(id, text),
            _ => match self.vec_more(id, name, m, text)? {
                Some(value) => Ok(value),
                // A `String` derefs to `str`: `s.trim()`, `s.to_uppercase()`.
                None if string => {
                    let s = self.text_of(&Value::Owner(id)).unwrap_or_default();
                    self.str_method(&s, name, m, self.sp(m))
                }
                None => unsupported(
                    &m.method,
                    &format!("the method `{name}` on {}", self.vec_name(id)),
                ),
            },
        }
    }

    /// `v.clone()`: a new buffer of exactly the length, then each element
    /// copied, or cloned in order when it owns heap memory itself.
    /// Clones each of `items` into the `Vec` `new` (its block made for
    /// them), front to back, each element's length counted as it lands.
    pub(super) fn clone_items_into(&mut self, new: usize, items: &[Value], text: &str) -> R<()> {
        for (i, item) in items.iter().enumerate() {
            let copy = self.clone_value(item, text)?;
            self.items_mut(new).push(copy);
            let (p, c, ..) = self.vec_state(new);
            self.set_vec(new, p, c, i as u64 + 1);
            self.rewrite_items(new, i);
        }
        Ok(())
    }

    pub(super) fn vec_clone(&mut self, id: usize, text: &str) -> R<Value> {
        let (ptr, _, len, elem, string) = self.vec_state(id);
        let new = self.new_vec(elem.clone(), string);
        if len == 0 {
            return Ok(Value::Owner(new));
        }
        let what = self.vec_name(id);
        self.grow(
            new,
            len,
            &format!("`{text}`: a new {what} of exactly its length, {len}"),
            Exactness::Exact,
            false,
        )?;
        if self.holds_items(id) {
            let items = match self.contents.get(&id) {
                Some(Contents::Items(items)) => items.clone(),
                _ => Vec::new(),
            };
            self.clone_items_into(new, &items, text)?;
            return Ok(Value::Owner(new));
        }
        let size = elem.map_or(0, |t| t.resolved().layout(self.target).size);
        if let (Some(from), Some(to)) = (ptr, self.vec_state(new).0) {
            self.sim.heap_mut().copy(from, to, len * size);
        }
        let (p, c, ..) = self.vec_state(new);
        self.set_vec(new, p, c, len);
        Ok(Value::Owner(new))
    }

    /// Drops a `Vec`'s heap-valued items from `from` on, first to last
    /// (`clear`, `truncate`, and the Vec's own drop).
    pub(super) fn drop_items_from(&mut self, id: usize, from: u64, text: &str) -> R<()> {
        let Some(Contents::Items(items)) = self.contents.get_mut(&id) else {
            return Ok(());
        };
        let from = (from as usize).min(items.len());
        let gone: Vec<Value> = items.drain(from..).collect();
        let why = format!("`{text}`: the elements past the new length are dropped, first to last");
        for item in gone {
            Self::leave_home(&mut self.homes, &item);
            self.drop_value(&item, &why)?;
        }
        Ok(())
    }

    /// The owners inside `value` no longer live where they were.
    pub(super) fn leave_home(homes: &mut [Option<value::Root>], value: &Value) {
        if let Some(home) = match value {
            Value::Owner(id) => homes.get_mut(*id),
            _ => None,
        } {
            *home = None;
        }
    }

    pub(super) fn arg_u64(&mut self, m: &syn::ExprMethodCall, i: usize) -> R<u64> {
        match m.args.iter().nth(i) {
            Some(a) => self.eval_u64(a),
            None => err(m.span(), format!("`{}` needs an argument", m.method)),
        }
    }

    /// `push(value)`, the value already an element of type `ty`: room for
    /// one more (amortized growth), then the element written at the end.
    pub(super) fn vec_push(&mut self, id: usize, value: Value, ty: &Ty, text: &str) -> R<()> {
        self.reserve(id, 1, text, Exactness::Amortized, false)?;
        let (_, _, len, ..) = self.vec_state(id);
        self.vec_write(id, len, &value.typed(ty), ty);
        let (ptr, cap, ..) = self.vec_state(id);
        self.set_vec(id, ptr, cap, len + 1);
        Ok(())
    }

    /// Makes room for `additional` more elements, as `RawVec::reserve` or
    /// `reserve_exact`: nothing if there is room already.
    pub(super) fn reserve(
        &mut self,
        id: usize,
        additional: u64,
        text: &str,
        exact: Exactness,
        fallible: bool,
    ) -> R<()> {
        let (_, cap, len, elem, _) = self.vec_state(id);
        let elem = elem.unwrap_or_else(u8_ty);
        let size = elem.layout(self.target).size;
        if size == 0 || cap - len >= additional {
            return Ok(());
        }
        let new_cap = match exact {
            Exactness::Amortized => {
                std_rules::amortized_capacity(cap, len, additional, size, self.target)
            }
            Exactness::Exact => std_rules::exact_capacity(len, additional, self.target),
        };
        let what = self.vec_name(id);
        // `text` is the code that grows the Vec, or a sentence that quotes
        // it already and says why (`collect`'s size-hint rules).
        let lead = match text.starts_with('`') {
            true => format!("{text};"),
            false => format!("`{text}`:"),
        };
        // Say what is really so: a Vec grows because it has no buffer, or is
        // full, or has fewer free slots than asked for (`reserve` on a Vec
        // that is not full).
        let reason = |new_cap: u64| match (cap, cap - len, additional) {
            (0, ..) => format!("{lead} {what} has no buffer yet; it allocates room for {new_cap}"),
            (_, 0, 1) => format!("{lead} {what} is full at {cap}, grows to {new_cap}"),
            (_, 0, n) => format!(
                "{lead} {what} is full at {cap}, needs room for {n} more: grows to {new_cap}"
            ),
            (_, _, n) => format!(
                "{lead} {what} holds {len} of {cap}, needs room for {n} more: grows to {new_cap}"
            ),
        };
        match new_cap {
            Ok(n) => self.grow(id, n, &reason(n), exact, fallible),
            Err(GrowError::CapacityOverflow) => self.capacity_overflow(fallible),
        }
    }

    /// The size would pass `isize::MAX`: the allocator is not even asked.
    /// `with_capacity(n)` of a collection whose element type is not known
    /// yet: its buffer's layout depends on it, and rustc's inference from
    /// later lines is not the simulation's.
    pub(super) fn elem_needed<T>(&self, span: Span, what: &str, n: u64) -> R<T> {
        err(
            span,
            format!("the simulation needs this {what}'s element type to allocate its buffer now: write it, as in `{what}::<u32>::with_capacity({n})`"),
        )
    }

    pub(super) fn capacity_overflow<T>(&self, fallible: bool) -> R<T> {
        if fallible {
            return halt(Halt::TryReserve(None));
        }
        let (line, column) = self.here;
        halt(Halt::Error(ScenarioError {
            line,
            column,
            message: "panicked: capacity overflow".to_string(),
        }))
    }

    /// Gives the Vec exactly `new_cap` elements of room: `alloc` for the
    /// first buffer, `realloc` after.
    pub(super) fn grow(
        &mut self,
        id: usize,
        new_cap: u64,
        reason: &str,
        _exact: Exactness,
        fallible: bool,
    ) -> R<()> {
        let (ptr, cap, len, elem, _) = self.vec_state(id);
        let elem = elem.unwrap_or_else(u8_ty).layout(self.target);
        if elem.size == 0 {
            return Ok(());
        }
        let Ok(new_layout) = std_rules::array_layout(elem, new_cap, self.target) else {
            return self.capacity_overflow(fallible);
        };
        if let Some(&(arena, block)) = self.vec_arena.get(&id) {
            return self.grow_in_arena(
                id, arena, block, ptr, cap, elem, new_cap, new_layout, reason,
            );
        }
        let call = match ptr {
            None => Call::Alloc {
                layout: new_layout,
                zeroed: false,
            },
            Some(addr) => Call::Realloc {
                addr,
                layout: LayoutSpec {
                    size: elem.size * cap,
                    align: elem.align,
                },
                new_size: new_layout.size,
            },
        };
        let result = self.allocator_call(call, reason)?;
        let failed = result
            .as_ref()
            .err()
            .is_some_and(CallError::is_out_of_memory);
        let addr = result.ok();
        if failed {
            if fallible {
                return halt(Halt::TryReserve(Some(new_layout)));
            }
            return halt(Halt::Abort(
                format!("memory allocation of {} bytes failed", new_layout.size),
                self.here,
            ));
        }
        self.set_vec(id, addr, new_cap, len);
        Ok(())
    }

    /// `RawVec::shrink`: `dealloc` when nothing is left, else `realloc` down.
    pub(super) fn shrink(&mut self, id: usize, to: u64, text: &str) -> R<()> {
        let (ptr, cap, len, elem, _) = self.vec_state(id);
        let elem = elem.unwrap_or_else(u8_ty).layout(self.target);
        let Some(p) = ptr else { return Ok(()) };
        if elem.size == 0 || cap <= to {
            return Ok(());
        }
        let old = LayoutSpec {
            size: elem.size * cap,
            align: elem.align,
        };
        let what = self.vec_name(id);
        if to == 0 {
            let why = format!("`{text}`: the {what} is empty, so its buffer is freed");
            self.free(p, old, &why)?;
            self.set_vec(id, None, 0, len);
            return Ok(());
        }
        let reason = format!("`{text}`: {what}'s capacity shrinks from {cap} to {to}");
        let call = Call::Realloc {
            addr: p,
            layout: old,
            new_size: to * elem.size,
        };
        let result = self.allocator_call(call, &reason)?;
        let addr = result.as_ref().ok().copied();
        if result.is_err() {
            return halt(Halt::Abort(
                format!("memory allocation of {} bytes failed", to * elem.size),
                self.here,
            ));
        }
        self.set_vec(id, addr, to, len);
        Ok(())
    }

    /// Where a `Vec` whose element type was a guess (`i32` for an
    /// unsuffixed number) meets a declared type, inference settles it as
    /// rustc's would, if the guess made the same calls; otherwise the
    /// program needs the type written.
    pub(super) fn infer_as(&mut self, value: &Value, ty: &Ty) -> R<()> {
        let value = self.deref(value.clone());
        // A map made before its type was seen takes it now (`HashMap::new()`
        // in a struct literal whose field says `HashMap<K, V>`).
        if let (Value::Owner(id), Ty::Map(..)) = (&value, ty) {
            if matches!(self.owners[*id], Owner::Map(_)) && self.map_ty(*id).is_none() {
                return self.map_adopt_type(*id, ty);
            }
        }
        let (Value::Owner(id), Ty::Vec(want) | Ty::Deque(want)) = (&value, ty) else {
            return Ok(());
        };
        // A `VecDeque::new()` not given an element yet takes the type.
        if matches!(ty, Ty::Deque(_))
            && self.deque(*id).is_some_and(|q| q.elem.is_none())
            && !want.has_param()
        {
            self.deque_adopt_elem(*id, want);
            return Ok(());
        }
        if !self.defaulted.contains(id) {
            return Ok(());
        }
        // A `VecDeque` made from such a `Vec` keeps its guess.
        let guess = match &self.owners[*id] {
            Owner::Vec {
                elem: Some(guess), ..
            } => guess.clone(),
            Owner::Deque(_) => match self.deque(*id).and_then(|q| q.elem.clone()) {
                Some(guess) => guess,
                None => return Ok(()),
            },
            _ => return Ok(()),
        };
        if guess == **want {
            return Ok(());
        }
        let kind = if matches!(ty, Ty::Deque(_)) {
            "VecDeque"
        } else {
            "Vec"
        };
        if guess.layout(self.target) != want.layout(self.target) {
            return err(
                Span::call_site(),
                format!("the simulation gave this {kind} `{guess}` elements before it could see they are `{want}`; write the type where the {kind} is made (`{kind}::<{want}>::new()`, or a suffix such as `0{want}`)"),
            )
            .map_err(|mut h| {
                if let Halt::Error(e) = &mut *h {
                    (e.line, e.column) = self.here;
                }
                h
            });
        }
        if let Owner::Vec { elem, .. } = &mut self.owners[*id] {
            *elem = Some((**want).clone());
        }
        self.deque_adopt_elem(*id, want);
        self.defaulted.retain(|d| d != id);
        Ok(())
    }

    /// A value about to be stored as a `ty`, or the mismatch Rust would report.
    pub(super) fn check_type(&self, value: &Value, ty: &Ty) -> R<()> {
        if self.value_fits(value, ty) {
            return Ok(());
        }
        let found = format!("`{}`", self.type_name(value));
        let (line, column) = self.here;
        halt(Halt::Error(ScenarioError {
            line,
            column,
            message: format!("mismatched types: expected `{ty}`, found {found}"),
        }))
    }

    pub(super) fn vec_write(&mut self, id: usize, index: u64, value: &Value, ty: &Ty) {
        if !ty.is_plain() {
            // The value is kept beside its bytes, and its owners live here.
            let items = self.items_mut(id);
            let i = index as usize;
            if i < items.len() {
                items[i] = value.clone();
            } else {
                items.push(value.clone());
            }
            self.settle(
                value::Root::Item {
                    owner: id,
                    index: i,
                },
                value,
            );
        }
        let (ptr, ..) = self.vec_state(id);
        let ty = ty.resolved();
        let size = ty.layout(self.target).size;
        if let (Some(p), true) = (ptr, size > 0) {
            self.write_at(Some(p.add(index * size)), value, &ty);
        }
    }

    pub(super) fn push_bytes(&mut self, id: usize, bytes: &[u8]) {
        let (ptr, cap, len, ..) = self.vec_state(id);
        if let Some(p) = ptr {
            self.sim.heap_mut().write(p.add(len), bytes);
        }
        self.set_vec(id, ptr, cap, len + bytes.len() as u64);
    }

    pub(super) fn vec_get(&mut self, id: usize, index: u64, span: Span) -> R<Value> {
        if self.deque(id).is_some() {
            return self.deque_index(id, index, span);
        }
        let (ptr, _, len, elem, string) = self.vec_state(id);
        if string {
            return unsupported_span(span, "indexing a String (Rust does not allow it either)");
        }
        if index >= len {
            return err(
                span,
                format!("panicked: index out of bounds: the len is {len} but the index is {index}"),
            );
        }
        if self.holds_items(id) {
            return Ok(self.item_ref(id, index));
        }
        let ty = elem.unwrap_or_else(u8_ty);
        let size = ty.layout(self.target).size;
        self.read_at(ptr.map(|p| p.add(index * size)), &ty)
    }

    pub(super) fn vec_set(&mut self, id: usize, index: u64, value: Value, span: Span) -> R<()> {
        let (_, _, len, elem, _) = self.vec_state(id);
        if index >= len {
            return err(
                span,
                format!("panicked: index out of bounds: the len is {len} but the index is {index}"),
            );
        }
        let ty = elem.unwrap_or_else(u8_ty);
        self.check_type(&value, &ty)?;
        // The old element is dropped once the new one is in its place.
        let old = match self.contents.get(&id) {
            Some(Contents::Items(items)) => items.get(index as usize).cloned(),
            _ => None,
        };
        self.vec_write(id, index, &value.typed(&ty), &ty);
        if let Some(old) = old {
            self.drop_value(
                &old,
                &format!("`v[{index}] = …` drops the element it replaces"),
            )?;
        }
        Ok(())
    }
}
