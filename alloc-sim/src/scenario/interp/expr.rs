//! Expressions: literals, operators, patterns, loops, assignment.

use super::*;
use crate::scenario::value::Place;

/// The main thread's stack in real Rust on Linux: 8 MiB.
pub(super) const STACK_SIZE: u64 = 8 << 20;

/// How many host values `value` holds (an array counts its elements).
fn value_count(value: &Value) -> u64 {
    match value {
        Value::Array(items) | Value::Tuple(items) | Value::Struct(_, items) => {
            1 + items.iter().map(value_count).sum::<u64>()
        }
        _ => 1,
    }
}

impl Interp<'_> {
    // ----- expressions -----

    pub(super) fn eval(&mut self, expr: &Expr, hint: Option<&Hint>) -> R<Value> {
        if self.deref_receiver.is_some() {
            if let Some(place) = self.receiver_override(expr) {
                return Ok(Value::Ref(place));
            }
        }
        // Each level of nesting is a level of recursion here: refuse a
        // depth that could overflow the stack, before it does.
        if self.depth >= nesting::MAX_EVAL_DEPTH {
            return err(
                self.sp(expr),
                format!(
                    "this expression nests {} deep; scenarios allow at most {}",
                    self.depth + 1,
                    nesting::MAX_EVAL_DEPTH
                ),
            );
        }
        self.depth += 1;
        let given;
        let hint = match &self.source_hint {
            Some((at, _)) if hint.is_none() && *at == std::ptr::from_ref(expr) as usize => {
                given = self.source_hint.take().map(|(_, h)| h);
                given.as_ref()
            }
            _ => hint,
        };
        let value = self.eval_nested(expr, hint);
        self.depth -= 1;
        value
    }

    fn eval_nested(&mut self, expr: &Expr, hint: Option<&Hint>) -> R<Value> {
        match expr {
            Expr::Lit(l) => self.lit(&l.lit, hint),
            Expr::Path(p) => {
                if let Some(ident) = p.path.get_ident() {
                    if ident == "None" {
                        return Ok(Value::Opt(None));
                    }
                    return self.take(p);
                }
                // `usize::MAX`, `u8::MIN`, …
                let names: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                // A unit variant: `Shape::Empty`.
                if let Some(def) = self.variant_at(&p.path) {
                    if def.unit {
                        let def = self.instance_for(def, hint, &[], self.sp(p))?;
                        return Ok(Value::Struct(def, Vec::new()));
                    }
                }
                if let [ty, name] = names.as_slice() {
                    // An associated const: `Type::NAME`, `Self::NAME`.
                    let owner = match ty.as_str() {
                        "Self" => self.self_ty.clone().unwrap_or_default(),
                        other => other.to_string(),
                    };
                    if let Some(value) = self.assoc_consts.get(&owner).and_then(|c| c.get(name)) {
                        return Ok(value.clone());
                    }
                    if let (Some(t), "MAX" | "MIN") = (IntTy::from_name(ty), name.as_str()) {
                        let (lo, hi) = t.range(self.target);
                        return Ok(Value::Int(if name == "MAX" { hi } else { lo }, Some(t)));
                    }
                }
                // `std::f64::consts::PI`, `consts::PI`.
                if let Some(value) =
                    Self::float_const_at(&names).or_else(|| self.float_const_in_module(&names))
                {
                    return Ok(value);
                }
                if let Some((arity, method)) = self.path_fn(&p.path) {
                    return self.path_closure(&names.join("::"), arity, method, self.sp(p));
                }
                unsupported(p, "this path as a value")
            }
            Expr::Paren(p) => self.eval(&p.expr, hint),
            Expr::Group(g) => self.eval(&g.expr, hint),
            Expr::Block(b) if b.label.is_some() => self.labelled_block(b),
            // A block's value is made as its context wants it, as its last
            // expression.
            Expr::Block(b) => {
                self.tail_hint = hint.cloned();
                self.block(&b.block)
            }
            Expr::Unsafe(u) => {
                self.tail_hint = hint.cloned();
                self.block(&u.block)
            }
            // `&mut v[1..]`: the elements themselves (slice_views.rs).
            Expr::Reference(r)
                if r.mutability.is_some()
                    && matches!(&*r.expr, Expr::Index(i) if matches!(&*i.index, Expr::Range(_))) =>
            {
                let Expr::Index(i) = &*r.expr else {
                    return err(self.sp(r), "a slice of this value");
                };
                let Expr::Range(range) = &*i.index else {
                    return err(self.sp(r), "a slice of this value");
                };
                match self.slice_view(&i.expr, range, i.bracket_token.span.open())? {
                    Some(view) => Ok(view),
                    None => self.slice_of(&i.expr, range, i.bracket_token.span.open()),
                }
            }
            // `&x`, `&mut x`, `&p.x` name the place; they move nothing.
            Expr::Reference(r) => match self.place_of(&r.expr)? {
                Some(place) => Ok(Value::Ref(place)),
                // `&String::from("x")`: the temporary lives to the end of
                // the statement, lent.
                // So does `&Student { name: String::from("x"), .. }`.
                None => match self.eval(&r.expr, hint)? {
                    Value::Owner(id) => Ok(self.temporary(Value::Owner(id))),
                    other => {
                        let mut held = Vec::new();
                        Self::owners_in(&other, &mut held);
                        match held.is_empty() {
                            true => Ok(other),
                            false => Ok(self.temporary(other)),
                        }
                    }
                },
            },
            Expr::Tuple(t) => {
                // Each element typed by its place in a declared tuple type
                // (`-> (String, Vec<u8>)`, `let p: (u8, Vec<u16>) = …`).
                let types = match hint {
                    Some(Hint::Plain(Ty::Tuple(types))) if types.len() == t.elems.len() => {
                        types.as_slice()
                    }
                    _ => &[],
                };
                let mut items = Vec::new();
                for (i, e) in t.elems.iter().enumerate() {
                    let hint = types.get(i).map(Hint::of);
                    items.push(self.eval(e, hint.as_ref())?);
                }
                Ok(Value::Tuple(items))
            }
            Expr::Array(a) => {
                let mut elem = match hint {
                    Some(Hint::Plain(Ty::Array(t, _) | Ty::ArrayOf(t, _))) => Some(Hint::of(t)),
                    _ => None,
                };
                let mut items = Vec::new();
                for e in &a.elems {
                    let item = self.eval(e, elem.as_ref())?;
                    // Every element has the first one's type: the `5` in
                    // `[vec![1u16], vec![5]]` is a `u16`.
                    if elem.is_none() && matches!(item, Value::Owner(_)) {
                        elem = self.value_ty(&item).map(|t| Hint::of(&t));
                    }
                    items.push(item);
                }
                Ok(Value::Array(items))
            }
            Expr::Repeat(r) => {
                let elem = match hint {
                    Some(Hint::Plain(Ty::Array(t, _) | Ty::ArrayOf(t, _))) => {
                        Some(Hint::Plain((**t).clone()))
                    }
                    _ => None,
                };
                let item = self.eval(&r.expr, elem.as_ref())?;
                let n = self.eval_u64(&r.len)?;
                // The program's heap array is kept as bytes in the heap.
                if let Some(bytes) = self.heap_array_init(&item, n) {
                    return Ok(bytes);
                }
                // Refuse a value too big before building it: an array lives
                // on the stack, and real Rust's main thread has 8 MiB.
                if let Some(ty) = item.ty() {
                    let array = Ty::Array(Box::new(ty), n);
                    let Some(layout) = array.checked_layout(self.target) else {
                        return err(
                            self.sp(r),
                            format!(
                                "values of the type `{array}` are too big for the target architecture"
                            ),
                        );
                    };
                    if layout.size > STACK_SIZE {
                        return halt(Halt::Abort(
                            format!(
                                "thread 'main' has overflowed its stack: `{array}` takes {} bytes, \
                                 more than the main thread's 8 MiB stack",
                                layout.size
                            ),
                            at(self.sp(r)),
                        ));
                    }
                }
                // Values are kept one host value per element: bound them all.
                if n.saturating_mul(value_count(&item)) > 1 << 20 {
                    return err(
                        self.sp(r),
                        "arrays in scenarios hold at most 1,048,576 elements",
                    );
                }
                Ok(Value::Array(vec![item; n as usize]))
            }
            Expr::Struct(s) => self.struct_lit(s, hint),
            Expr::Field(f) => {
                // A field of a place (`p.x`, `self.pos.y` through `&self`)
                // is read where it is.
                if let Some(place) = self.place_of(expr)? {
                    let seen = self.through_refs(place.clone(), self.sp(f))?;
                    if let Some(value) = self.value_at(&seen) {
                        // A heap owner moved out of a field of a value held
                        // here (`let s = p.name;`, `Some(node.value)` of a
                        // `Box<Node>`) leaves the field moved: the rest is
                        // dropped without it, as after a partial move.
                        if seen == place && owns_heap(&value) {
                            if let Some(slot) = self.at_place_mut(&seen) {
                                *slot = Value::unit();
                            }
                        }
                        return Ok(value);
                    }
                }
                let base = match &*f.base {
                    // `boxed.field` reads through the Box without moving it.
                    Expr::Path(p) => {
                        let (s, b) = self.binding(p)?;
                        match self.deref(self.scopes[s][b].value.clone()) {
                            Value::Owner(id) => match self.owners[id].clone() {
                                Owner::Box { ptr, ty } => self.read_at(ptr, &ty)?,
                                Owner::ArenaValue { ptr, ty } => self.read_at(Some(ptr), &ty)?,
                                Owner::Rc { .. } | Owner::Guard { .. } => {
                                    self.see_through(Value::Owner(id))
                                }
                                _ => {
                                    return err(self.sp(f), "a Vec has no fields; call its methods")
                                }
                            },
                            plain => plain,
                        }
                    }
                    // `node.borrow().next`: through the guard; a heap
                    // value there is lent where it lives
                    // (`cell.borrow_mut().items.push(x)`).
                    other => {
                        let v = self.eval(other, None)?;
                        if let Value::Owner(id) = v {
                            if let Some(place) = self.pointee(id) {
                                if let Some(field) = self.field_place(place, &f.member) {
                                    return Ok(match self.at_place(&field) {
                                        Some(v) if owns_heap(v) => Value::Ref(field),
                                        Some(v) => v.clone(),
                                        None => Value::unit(),
                                    });
                                }
                            }
                        }
                        self.see_through(v)
                    }
                };
                let name = match &f.member {
                    syn::Member::Named(name) => name,
                    syn::Member::Unnamed(i) => {
                        return match base {
                            Value::Tuple(items) | Value::Struct(_, items) => items
                                .get(i.index as usize)
                                .cloned()
                                .map_or_else(|| err(self.sp(f), "no such field"), Ok),
                            _ => err(self.sp(f), "this value has no numbered fields"),
                        };
                    }
                };
                match base {
                    Value::Struct(def, items) => {
                        match def.fields.iter().position(|(n, _)| name == n) {
                            Some(i) => Ok(items[i].clone()),
                            None => {
                                err(name.span(), format!("`{}` has no field `{name}`", def.name))
                            }
                        }
                    }
                    _ => err(self.sp(f), "only structs have named fields here"),
                }
            }
            Expr::Unary(u) => self.unary(u, hint),
            Expr::Binary(b) => self.binary(b),
            Expr::Assign(a) => self.assign(&a.left, &a.right),
            Expr::Cast(c) => {
                let value = self.eval(&c.expr, None)?;
                let to = self.hint(&c.ty)?;
                if let Hint::Plain(t) = &to {
                    if let Some(v) = self.pointer_cast(&value, t, self.sp(c))? {
                        return Ok(v);
                    }
                }
                match (value, to) {
                    (Value::Int(v, _), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(wrap(v, t, self.target), Some(t)))
                    }
                    (Value::Int(v, _), Hint::Plain(Ty::Float(d))) => {
                        Ok(Value::Float(v as f64, Some(d)))
                    }
                    // Float to integer saturates at the type's bounds (NaN is 0).
                    (Value::Float(v, _), Hint::Plain(Ty::Int(t))) => {
                        let (lo, hi) = t.range(self.target);
                        Ok(Value::Int((v as i128).clamp(lo, hi), Some(t)))
                    }
                    (Value::Float(v, _), Hint::Plain(Ty::Float(d))) => Ok(Value::Float(
                        if d { v } else { f64::from(v as f32) },
                        Some(d),
                    )),
                    (Value::Int(v, None | Some(IntTy::Fixed(false, 1))), Hint::Plain(Ty::Char)) => {
                        Ok(Value::Char(char::from(v as u8)))
                    }
                    (Value::Int(_, Some(t)), Hint::Plain(Ty::Char)) => err(
                        self.sp(c),
                        format!("only `u8` can be cast as `char`, not `{}`", Ty::Int(t)),
                    ),
                    (Value::Char(c), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(i128::from(u32::from(c)), Some(t)))
                    }
                    (Value::Bool(b), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(i128::from(b), Some(t)))
                    }
                    // `Dir::North as i32`: a C-like enum's discriminant.
                    (v @ Value::Struct(..), Hint::Plain(Ty::Int(t))) => {
                        match Self::discriminant(&v) {
                            Some(d) => Ok(Value::Int(wrap(d, t, self.target), Some(t))),
                            None => err(
                                self.sp(c),
                                format!(
                                    "non-primitive cast: `{}` as `{}`",
                                    self.type_name(&v),
                                    Ty::Int(t)
                                ),
                            ),
                        }
                    }
                    (v, _) => Ok(v),
                }
            }
            Expr::If(i) => {
                let taken = if let Expr::Let(l) = &*i.cond {
                    let (value, place) = self.scrutinee(&l.expr, None)?;
                    let bindings = self.match_place_scrutinee(&l.pat, &value, place.as_ref())?;
                    self.settle_scrutinee(&l.expr, &value, place.as_ref(), bindings.as_deref());
                    if let Some(bindings) = bindings {
                        return self.arm_block(bindings, &i.then_branch);
                    }
                    false
                } else {
                    match self.condition(&i.cond)? {
                        Value::Bool(b) => b,
                        _ => return err(i.cond.span(), "an `if` condition must be a bool"),
                    }
                };
                if taken {
                    self.tail_hint = hint.cloned();
                    self.block(&i.then_branch)
                } else if let Some((_, other)) = &i.else_branch {
                    self.eval(other, hint)
                } else {
                    Ok(Value::unit())
                }
            }
            Expr::Let(_) => unsupported(expr, "`let` outside `if let`"),
            Expr::While(w) => self.while_expr(w),
            Expr::Loop(l) => self.loop_expr(l),
            Expr::Break(b) => self.break_expr(b),
            Expr::Continue(c) => halt(Halt::Continue(
                c.label.as_ref().map(|l| l.ident.to_string()),
            )),
            Expr::Return(r) => self.return_expr(r),
            Expr::ForLoop(f) => self.for_loop(f),
            Expr::Match(m) => {
                let (scrutinee, place) = self.scrutinee(&m.expr, None)?;
                // `match r { … }` on a reference matches what it refers to.
                let value = self.deref(scrutinee.clone());
                for arm in &m.arms {
                    let Some(bindings) =
                        self.match_place_scrutinee(&arm.pat, &scrutinee, place.as_ref())?
                    else {
                        continue;
                    };
                    if let Some((_, guard)) = &arm.guard {
                        if !self.guard_holds(&bindings, guard)? {
                            continue;
                        }
                    }
                    self.settle_scrutinee(&m.expr, &scrutinee, place.as_ref(), Some(&bindings));
                    return self.arm(bindings, &arm.body);
                }
                err(self.sp(m), format!("no arm matches {}", value.show(true)))
            }
            Expr::Index(i) => {
                if let Expr::Range(range) = &*i.index {
                    return self.slice_of(&i.expr, range, i.bracket_token.span.open());
                }
                // `m[(r, c)]` by the program's `impl Index`: a copy of what
                // its reference points at.
                if let Some(place) = self.own_index(&i.expr, &i.index, false, self.sp(i))? {
                    return Ok(self.value_at(&place).unwrap_or_else(Value::unit));
                }
                if let Some(id) = self.map_at(&i.expr)? {
                    return self.map_index(id, &i.index, self.sp(i));
                }
                let index = self.eval_u64(&i.index)?;
                let local = |me: &Self, p: &syn::ExprPath| {
                    p.path
                        .get_ident()
                        .is_none_or(|id| me.lookup(&id.to_string()).is_some())
                };
                if let Expr::Path(p) = &*i.expr {
                    if !local(self, p) {
                        let value = self.eval(&i.expr, None)?;
                        return self.index_array(value, index, self.sp(i));
                    }
                    let (s, b) = self.binding(p)?;
                    // `rc[i]`, `guard[i]`: what the pointer points at.
                    match self.see_through(self.scopes[s][b].value.clone()) {
                        Value::Owner(id) => {
                            let boxed = match self.owners[id].clone() {
                                Owner::Box { ptr, ty } => Some((ptr, ty)),
                                Owner::ArenaValue { ptr, ty } => Some((Some(ptr), ty)),
                                _ => None,
                            };
                            if let Some((ptr, ty)) = boxed {
                                let value = self.read_at(ptr, &ty)?;
                                return self.index_array(value, index, self.sp(i));
                            }
                            return self.vec_get(id, index, i.bracket_token.span.open());
                        }
                        plain => return self.index_array(plain, index, self.sp(i)),
                    }
                }
                // `self.items[i]`, `q.points[1]`: a Vec in a place.
                if let Some(place) = self.place_of(&i.expr)? {
                    let place = self.through_refs(place, self.sp(i))?;
                    let value = self.at_place(&place).cloned().map(|v| self.see_through(v));
                    if let Some(Value::Owner(id)) = value {
                        if matches!(self.owners[id], Owner::Vec { .. }) {
                            return self.vec_get(id, index, i.bracket_token.span.open());
                        }
                    }
                }
                // `cell.borrow()[i]`: through the guard. A collection made
                // here (`make_vec()[1]`) is a temporary, which lends its
                // element and is dropped at the end of the statement.
                let value = self.eval(&i.expr, None)?;
                self.keep_made_collection(&value);
                match self.see_through(value) {
                    Value::Owner(id) if matches!(self.owners[id], Owner::Vec { .. }) => {
                        self.vec_get(id, index, i.bracket_token.span.open())
                    }
                    value => self.index_array(value, index, self.sp(i)),
                }
            }
            Expr::Call(c) => self.call(c, hint),
            Expr::MethodCall(m) => {
                // (`let t: f64 = v.iter().sum();`: the type an empty sum is.)
                if matches!(
                    m.method.to_string().as_str(),
                    "collect" | "partition" | "sum" | "product"
                ) {
                    let hint = if m.method == "collect" {
                        let hint = self.collected_hint(m, hint)?;
                        self.hint_collected_source(m, hint.as_ref());
                        hint
                    } else {
                        hint.cloned()
                    };
                    let depth = self.collect_hints.len();
                    self.collect_hints.push(hint);
                    let value = self.method(m);
                    self.collect_hints.truncate(depth);
                    return value;
                }
                // `let n: u32 = s.parse().unwrap();`: the type parse makes
                // is the one the `let` wants.
                let unwraps = matches!(
                    m.method.to_string().as_str(),
                    "unwrap" | "expect" | "unwrap_or" | "unwrap_or_default" | "unwrap_or_else"
                );
                if unwraps {
                    self.hint_parse(&m.receiver, hint);
                }
                // `let s: String = "text".into();`, `-> String { "x".into() }`:
                // `From<&str> for String`, which copies the text.
                if let (Some(Hint::String), true) = (hint, m.method == "into" && m.args.is_empty())
                {
                    let value = self.eval(&m.receiver, None)?;
                    return match self.deref(value.clone()) {
                        Value::Str(_) => self.string_of(&value, &self.src(m)),
                        _ => Ok(value),
                    };
                }
                // `let n: u64 = small.into();`: `From` between primitives.
                if let (Some(Hint::Plain(t)), true) =
                    (hint, m.method == "into" && m.args.is_empty())
                {
                    if let Some(value) = self.conversion_method(m, t)? {
                        return Ok(value);
                    }
                }
                // `let n: u8 = big.try_into().unwrap();`: the type the
                // `unwrap` wants is the one `try_into` makes.
                if m.method == "try_into" && m.args.is_empty() {
                    let declared = match hint {
                        Some(Hint::Try(true, inner, _)) => match &**inner {
                            Hint::Plain(t) => Some(t.clone()),
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(t) = declared.or_else(|| self.parse_hint.take()) {
                        if let Some(value) = self.conversion_method(m, &t)? {
                            return Ok(value);
                        }
                    }
                }
                // `let s: Rc<str> = "text".into();`
                if let Some(Hint::Rc(t @ Ty::Slice(..), arc)) = hint {
                    if m.method == "into" && m.args.is_empty() {
                        let value = self.eval(&m.receiver, None)?;
                        let text = self.src(m);
                        return self.rc_from(value, Some(t), *arc, &text, self.sp(m));
                    }
                }
                self.method(m)
            }
            Expr::Macro(m) => self.mac(&m.mac, hint),
            // `&raw mut HEAP`, `&raw const x`: a raw pointer to the place.
            Expr::RawAddr(r) => self.raw_address_of(&r.expr, self.sp(r)),
            Expr::Closure(c) => self.closure(c),
            Expr::Try(t) => self.question_mark(t, hint),
            other => unsupported(other, "this expression"),
        }
    }

    /// `x?`: the value inside, or return the `None` or `Err` at once. The
    /// error is returned as it is, but for `From<&str> for String` in a
    /// function that returns `Result<_, String>` (which allocates).
    fn question_mark(&mut self, t: &syn::ExprTry, hint: Option<&Hint>) -> R<Value> {
        self.hint_parse(&t.expr, hint);
        match self.eval(&t.expr, None)? {
            Value::Opt(Some(v)) | Value::Result(true, v) => Ok(*v),
            // `From<&str> for String`: the error becomes a String.
            Value::Result(false, e) if self.string_errors && matches!(*e, Value::Str(_)) => {
                let what = format!("{}` converts the error with `From", self.src(t));
                let e = self.string_of(&e, &what)?;
                halt(Halt::Return(Value::Result(false, Box::new(e))))
            }
            none @ (Value::Opt(None) | Value::Result(false, _)) => halt(Halt::Return(none)),
            other => err(
                self.sp(t),
                format!(
                    "the `?` operator can only be applied to values that implement `Try`, not `{}`",
                    self.type_name(&other)
                ),
            ),
        }
    }

    /// Runs an `if let` branch with the pattern's bindings.
    pub(super) fn arm_block(
        &mut self,
        bindings: Vec<(String, Value)>,
        body: &syn::Block,
    ) -> R<Value> {
        self.scopes.push(Vec::new());
        for (name, value) in bindings {
            self.bind(name, value);
        }
        let result = self.block(body);
        self.leave_scope(&result)?;
        let value = result?;
        Ok(value)
    }

    /// The value of a constant expression in a pattern: a literal, a
    /// negated one, a const, or `i32::MIN`-style bounds.
    pub(super) fn const_value(&self, expr: &Expr) -> R<Option<Value>> {
        Ok(match expr {
            Expr::Lit(l) => Some(self.lit(&l.lit, None)?),
            Expr::Paren(p) => self.const_value(&p.expr)?,
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => match self.const_value(&u.expr)? {
                Some(Value::Int(v, t)) => Some(Value::Int(-v, t)),
                Some(Value::Float(v, d)) => Some(Value::Float(-v, d)),
                _ => None,
            },
            Expr::Path(p) => {
                let names: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                match names.as_slice() {
                    [name] => self.named_value(name),
                    [ty, bound] => match (IntTy::from_name(ty), bound.as_str()) {
                        (Some(t), "MIN") => Some(Value::Int(t.range(self.target).0, Some(t))),
                        (Some(t), "MAX") => Some(Value::Int(t.range(self.target).1, Some(t))),
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        })
    }

    /// A match guard, seeing the arm's bindings (which it only borrows).
    fn guard_holds(&mut self, bindings: &[(String, Value)], guard: &Expr) -> R<bool> {
        self.scopes.push(Vec::new());
        for (name, value) in bindings {
            self.bind(name.clone(), value.clone());
        }
        let result = self.eval(guard, None);
        // The guard borrowed the values: leaving it drops nothing.
        if let Some(scope) = self.scopes.last_mut() {
            scope.clear();
        }
        self.scopes.pop();
        match result? {
            Value::Bool(b) => Ok(b),
            other => self.mismatch(self.sp(guard), "bool", &other),
        }
    }

    /// Runs a match arm with the pattern's bindings.
    pub(super) fn arm(&mut self, bindings: Vec<(String, Value)>, body: &Expr) -> R<Value> {
        self.scopes.push(Vec::new());
        for (name, value) in bindings {
            self.bind(name, value);
        }
        let result = self.eval(body, None);
        self.leave_scope(&result)?;
        let value = result?;
        Ok(value)
    }

    /// Matches a scrutinee: a value binds its parts by value (moving them);
    /// a reference binds references to its parts (Rust's default binding
    /// mode), so nothing is moved out of the place it names.
    pub(super) fn match_scrutinee(
        &self,
        pat: &Pat,
        scrutinee: &Value,
    ) -> R<Option<Vec<(String, Value)>>> {
        match scrutinee {
            Value::Ref(place) => self.matches_at(pat, place),
            value => self.matches(pat, value),
        }
    }

    /// Whether the value at `place` matches `pat`; names bind references
    /// into the place.
    pub(super) fn matches_at(&self, pat: &Pat, place: &Place) -> R<Option<Vec<(String, Value)>>> {
        let mut place = place.clone();
        // Through references and boxes, as patterns on `&Box<Node>` see.
        for _ in 0..64 {
            match self.at_place(&place) {
                Some(Value::Ref(target)) => place = target.clone(),
                _ => break,
            }
        }
        let Some(value) = self
            .at_place(&place)
            .cloned()
            .or_else(|| self.plain_item(&place))
        else {
            return Ok(None);
        };
        let sub = |i: usize| {
            let mut p = place.clone();
            p.fields.push(i);
            p
        };
        Ok(match pat {
            Pat::Ident(p)
                if p.subpat.is_none()
                    && self.named_value(&p.ident.to_string()).is_none()
                    && p.ident != "None" =>
            {
                Some(vec![(p.ident.to_string(), Value::Ref(place.clone()))])
            }
            Pat::Paren(p) => return self.matches_at(&p.pat, &place),
            Pat::TupleStruct(t) => {
                let name = t
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                if let Some(def) = self.constructor(&t.path) {
                    if !Self::is_variant(&value, &def) {
                        return Ok(None);
                    }
                    let mut bound = Vec::new();
                    for (p, i) in positions(&t.elems, def.fields.len()) {
                        match self.matches_at(p, &sub(i))? {
                            Some(b) => bound.extend(b),
                            None => return Ok(None),
                        }
                    }
                    return Ok(Some(bound));
                }
                let fits = matches!(
                    (name.as_str(), &value),
                    ("Some", Value::Opt(Some(_)))
                        | ("Ok", Value::Result(true, _))
                        | ("Err", Value::Result(false, _))
                );
                if !fits {
                    return if matches!(name.as_str(), "Some" | "Ok" | "Err") {
                        Ok(None)
                    } else {
                        self.matches(pat, &value)
                    };
                }
                match t.elems.first() {
                    Some(p) => self.matches_at(p, &sub(0))?,
                    None => Some(Vec::new()),
                }
            }
            Pat::Tuple(t) => {
                let Value::Tuple(items) = &value else {
                    return Ok(None);
                };
                if items.len() != t.elems.len() {
                    return Ok(None);
                }
                let mut bound = Vec::new();
                for (i, p) in t.elems.iter().enumerate() {
                    match self.matches_at(p, &sub(i))? {
                        Some(b) => bound.extend(b),
                        None => return Ok(None),
                    }
                }
                Some(bound)
            }
            Pat::Struct(ps) => {
                let Value::Struct(def, _) = &value else {
                    return Ok(None);
                };
                if !self.pattern_names(&ps.path, &value)? {
                    return Ok(None);
                }
                let mut bound = Vec::new();
                for field in &ps.fields {
                    let i = match &field.member {
                        syn::Member::Named(n) => def.fields.iter().position(|(f, _)| n == f),
                        syn::Member::Unnamed(i) => Some(i.index as usize),
                    };
                    let Some(i) = i else {
                        return err(self.sp(field), format!("`{}` has no such field", def.name));
                    };
                    match self.matches_at(&field.pat, &sub(i))? {
                        Some(b) => bound.extend(b),
                        None => return Ok(None),
                    }
                }
                Some(bound)
            }
            // Literals, ranges, `_`, `None`, `|`: nothing to lend.
            other => self.matches(other, &value)?,
        })
    }

    /// Whether `value` matches `pat`, and the names it binds.
    pub(super) fn matches(&self, pat: &Pat, value: &Value) -> R<Option<Vec<(String, Value)>>> {
        Ok(match pat {
            Pat::Wild(_) | Pat::Rest(_) => Some(Vec::new()),
            Pat::Ident(p) if p.ident == "None" => matches!(value, Value::Opt(None)).then(Vec::new),
            // A unit struct or a const names a value, not a binding.
            Pat::Ident(p)
                if p.subpat.is_none() && self.named_value(&p.ident.to_string()).is_some() =>
            {
                let want = self.named_value(&p.ident.to_string());
                (want.as_ref() == Some(value) || want.is_some_and(|w| same_number(&w, value)))
                    .then(Vec::new)
            }
            Pat::Ident(p) => {
                let mut bound = vec![(p.ident.to_string(), value.clone())];
                // `name @ pattern`
                if let Some((_, sub)) = &p.subpat {
                    match self.matches(sub, value)? {
                        Some(more) => bound.extend(more),
                        None => return Ok(None),
                    }
                }
                Some(bound)
            }
            Pat::Or(o) => {
                for case in &o.cases {
                    if let Some(b) = self.matches(case, value)? {
                        return Ok(Some(b));
                    }
                }
                None
            }
            Pat::Paren(p) => return self.matches(&p.pat, value),
            Pat::Reference(r) => return self.matches(&r.pat, &self.deref(value.clone())),
            Pat::Range(r) => {
                let bound = |e: &Option<Box<Expr>>| -> R<Option<Value>> {
                    match e.as_deref() {
                        None => Ok(None),
                        Some(e) => match self.const_value(e)? {
                            Some(v) => Ok(Some(v)),
                            None => unsupported(e, "this bound in a range pattern"),
                        },
                    }
                };
                let key = |v: &Value| match v {
                    Value::Int(n, _) => Some(*n),
                    Value::Char(c) => Some(i128::from(u32::from(*c))),
                    _ => None,
                };
                let Some(k) = key(value) else { return Ok(None) };
                let lo = bound(&r.start)?.as_ref().and_then(key);
                let hi = bound(&r.end)?.as_ref().and_then(key);
                let closed = matches!(r.limits, syn::RangeLimits::Closed(_));
                let above = lo.is_none_or(|lo| k >= lo);
                let below = hi.is_none_or(|hi| if closed { k <= hi } else { k < hi });
                (above && below).then(Vec::new)
            }
            Pat::Struct(ps) => {
                let Value::Struct(def, items) = value else {
                    return Ok(None);
                };
                if !self.pattern_names(&ps.path, value)? {
                    return Ok(None);
                }
                let mut bound = Vec::new();
                for field in &ps.fields {
                    let i = match &field.member {
                        syn::Member::Named(n) => def.fields.iter().position(|(f, _)| n == f),
                        syn::Member::Unnamed(i) => Some(i.index as usize),
                    };
                    let Some(item) = i.and_then(|i| items.get(i)) else {
                        return err(self.sp(field), format!("`{}` has no such field", def.name));
                    };
                    match self.matches(&field.pat, item)? {
                        Some(b) => bound.extend(b),
                        None => return Ok(None),
                    }
                }
                Some(bound)
            }
            Pat::Lit(l) => {
                let want = match &l.lit {
                    Lit::Int(n) => Value::Int(n.base10_parse().unwrap_or(0), None),
                    Lit::Bool(b) => Value::Bool(b.value),
                    Lit::Char(c) => Value::Char(c.value()),
                    Lit::Str(s) => Value::Str(s.value()),
                    _ => return unsupported(l, "this literal pattern"),
                };
                let same = match (&want, value) {
                    (Value::Int(a, _), Value::Int(b, _)) => a == b,
                    (a, b) => a == b,
                };
                same.then(Vec::new)
            }
            Pat::Tuple(t) => {
                let Value::Tuple(items) = value else {
                    return Ok(None);
                };
                if items.len() != t.elems.len() {
                    return Ok(None);
                }
                let mut bound = Vec::new();
                for (pat, item) in t.elems.iter().zip(items) {
                    match self.matches(pat, item)? {
                        Some(b) => bound.extend(b),
                        None => return Ok(None),
                    }
                }
                Some(bound)
            }
            Pat::TupleStruct(t) => {
                let name = t
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                if let Some(def) = self.constructor(&t.path) {
                    let Value::Struct(_, items) = value else {
                        return Ok(None);
                    };
                    if !Self::is_variant(value, &def) {
                        return Ok(None);
                    }
                    let mut bound = Vec::new();
                    for (p, i) in positions(&t.elems, def.fields.len()) {
                        match items.get(i).map(|item| self.matches(p, item)).transpose()? {
                            Some(Some(b)) => bound.extend(b),
                            _ => return Ok(None),
                        }
                    }
                    return Ok(Some(bound));
                }
                let inner = match (name.as_str(), value) {
                    ("Ok", Value::Result(true, v))
                    | ("Err", Value::Result(false, v))
                    | ("Some", Value::Opt(Some(v))) => v,
                    ("Ok" | "Err" | "Some", _) => return Ok(None),
                    _ => {
                        return err(
                            self.sp(&t.path),
                            format!(
                                "cannot find tuple struct or tuple variant `{}` in this scope",
                                self.src(&t.path)
                            ),
                        )
                    }
                };
                match t.elems.first() {
                    Some(p) => self.matches(p, inner)?,
                    None => Some(Vec::new()),
                }
            }
            // `Shape::Empty`, `Self::Empty`
            Pat::Path(p) => self.pattern_names(&p.path, value)?.then(Vec::new),
            other => return unsupported(other, "this pattern"),
        })
    }

    /// Whether `value` is the struct or variant a pattern's path names
    /// (`Shape::Rect { .. }`, `Self { .. }`, `Empty`).
    fn pattern_names(&self, path: &syn::Path, value: &Value) -> R<bool> {
        match self.constructor(path) {
            Some(def) => Ok(Self::is_variant(value, &def)),
            None => err(
                self.sp(path),
                format!(
                    "cannot find struct, variant or union type `{}` in this scope",
                    self.src(path)
                ),
            ),
        }
    }

    pub(super) fn lit(&self, lit: &Lit, hint: Option<&Hint>) -> R<Value> {
        Ok(match lit {
            Lit::Int(n) => {
                let suffix = n.suffix();
                let ty = if suffix.is_empty() {
                    match hint {
                        Some(Hint::Plain(Ty::Int(t))) => Some(*t),
                        _ => None,
                    }
                } else {
                    Some(IntTy::from_name(suffix).map_or_else(
                        || err(n.span(), format!("unknown integer suffix `{suffix}`")),
                        Ok,
                    )?)
                };
                let v: i128 = n.base10_parse().or_else(|e| err(n.span(), e.to_string()))?;
                if let Some(t) = ty {
                    let (lo, hi) = t.range(self.target);
                    if v < lo || v > hi {
                        return Err(out_of_range(n.span(), t));
                    }
                }
                Value::Int(v, ty)
            }
            Lit::Float(f) => {
                let d = match (f.suffix(), hint) {
                    ("f32", _) => Some(false),
                    ("f64", _) => Some(true),
                    ("", Some(Hint::Plain(Ty::Float(d)))) => Some(*d),
                    _ => None,
                };
                // Rounded once, to the literal's own type (an `f32`
                // through an `f64` can round twice, to the wrong one).
                match parse_float(f.base10_digits(), d != Some(false)) {
                    Ok(v) => Value::Float(v, d),
                    Err(_) => return err(self.sp(f), "invalid float literal"),
                }
            }
            Lit::Bool(b) => Value::Bool(b.value),
            Lit::Char(c) => Value::Char(c.value()),
            Lit::Byte(b) => Value::Int(i128::from(b.value()), Some(IntTy::Fixed(false, 1))),
            Lit::Str(s) => Value::Str(s.value()),
            other => return unsupported(other, "this literal"),
        })
    }

    /// Notes the type a `parse()` without a turbofish is to make, when
    /// `expr` is one and the context names a plain type.
    /// `map_err`, `ok` and the unwrapping methods on the way keep the type
    /// (`s.parse().map_err(f)?`, `s.parse().ok()` in a `filter_map`).
    pub(super) fn hint_parse(&mut self, mut expr: &Expr, hint: Option<&Hint>) {
        let Some(Hint::Plain(t)) = hint else {
            return;
        };
        while let Expr::MethodCall(p) = expr {
            match p.method.to_string().as_str() {
                "parse" | "try_into" if p.turbofish.is_none() => {
                    self.parse_hint = Some(t.clone());
                    return;
                }
                "map_err" | "ok" | "unwrap" | "expect" | "unwrap_or" | "unwrap_or_default"
                | "unwrap_or_else" => expr = &p.receiver,
                _ => return,
            }
        }
    }

    /// What `collect()` is to build: its turbofish's type, else the one
    /// its context wants.
    fn collected_hint(&mut self, m: &syn::ExprMethodCall, hint: Option<&Hint>) -> R<Option<Hint>> {
        match m.turbofish.as_ref().and_then(|t| t.args.first()) {
            Some(syn::GenericArgument::Type(t)) => Ok(Some(self.hint(t)?)),
            _ => Ok(hint.cloned()),
        }
    }

    /// `let v: Vec<u64> = vec![1, 2].into_iter().rev().collect();`: the
    /// items `collect` is given pass unchanged from a `vec![…]` or an
    /// array literal, whose elements are then the collection's (rustc
    /// infers the literals' type backwards from it). The literal is given
    /// that type before it runs, so its buffer is the right size.
    fn hint_collected_source(&mut self, m: &syn::ExprMethodCall, hint: Option<&Hint>) {
        let elem = match hint.cloned() {
            Some(Hint::Vec(Some(t)) | Hint::Deque(Some(t)) | Hint::Heap(Some(t))) => t,
            Some(Hint::Map(_, _, Some(Ty::Map(_, k, None)))) => *k,
            Some(Hint::Map(_, _, Some(Ty::Map(_, k, Some(v))))) => Ty::Tuple(vec![*k, *v]),
            _ => return,
        };
        let mut expr = &*m.receiver;
        // Through adapters that pass each item on as it is.
        loop {
            expr = match expr {
                Expr::Paren(p) => &p.expr,
                Expr::Reference(r) => &r.expr,
                // `map(|x| x * 2 + 1)`: an item of the same type.
                Expr::MethodCall(p)
                    if p.method == "map"
                        && matches!(p.args.first(), Some(Expr::Closure(c)) if keeps_type(c)) =>
                {
                    &p.receiver
                }
                Expr::MethodCall(p)
                    if matches!(
                        p.method.to_string().as_str(),
                        "into_iter"
                            | "iter"
                            | "copied"
                            | "cloned"
                            | "filter"
                            | "rev"
                            | "take"
                            | "skip"
                            | "step_by"
                            | "skip_while"
                            | "take_while"
                            | "inspect"
                            | "chain"
                            | "peekable"
                            | "fuse"
                    ) =>
                {
                    &p.receiver
                }
                _ => break,
            };
        }
        let hint = match expr {
            Expr::Macro(mac) if mac.mac.path.is_ident("vec") => Hint::Vec(Some(elem)),
            Expr::Array(a) => Hint::Plain(Ty::Array(Box::new(elem), a.elems.len() as u64)),
            _ => return,
        };
        self.source_hint = Some((std::ptr::from_ref(expr) as usize, hint));
    }

    pub(super) fn eval_u64(&mut self, expr: &Expr) -> R<u64> {
        match self.eval(expr, None)? {
            Value::Int(v, _) if v >= 0 => {
                u64::try_from(v).or_else(|_| err(self.sp(expr), "number too large"))
            }
            Value::Int(..) => err(self.sp(expr), "expected a non-negative number"),
            _ => err(self.sp(expr), "expected a number"),
        }
    }

    pub(super) fn struct_lit(&mut self, s: &syn::ExprStruct, hint: Option<&Hint>) -> R<Value> {
        let Some(def) = self.constructor(&s.path) else {
            return err(
                s.path.span(),
                format!(
                    "cannot find struct, variant or union type `{}`",
                    self.src(&s.path)
                ),
            );
        };
        // Which declared field each written one is.
        let mut written: Vec<(usize, &Expr)> = Vec::new();
        for fv in &s.fields {
            let name = match &fv.member {
                syn::Member::Named(n) => n.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            let Some(slot) = def.fields.iter().position(|(f, _)| *f == name) else {
                let kind = if def.variant.is_some() {
                    "variant"
                } else {
                    "struct"
                };
                return err(
                    fv.member.span(),
                    format!("{kind} `{}` has no field named `{name}`", def.path()),
                );
            };
            if written.iter().any(|(k, _)| *k == slot) {
                return err(
                    fv.member.span(),
                    format!("field `{name}` specified more than once"),
                );
            }
            written.push((slot, &fv.expr));
        }
        if s.rest.is_none() {
            if let Some((field, _)) = (def.fields.iter().enumerate())
                .find(|(k, _)| !written.iter().any(|(w, _)| w == k))
                .map(|(_, f)| f)
            {
                return err(
                    self.sp(s),
                    format!("missing field `{field}` in `{}`", def.path()),
                );
            }
        }
        // A generic struct's instance, for what is known before the fields
        // are built.
        let def = self.instance_for(def, hint, &written, self.sp(s))?;
        // The fields are evaluated in the order they are written (then the
        // base of `..base`), and stored in the order they are declared.
        let mut items: Vec<Option<Value>> = vec![None; def.fields.len()];
        for (slot, expr) in &written {
            match self.field_value(expr, &def.fields[*slot].1) {
                Ok(v) => items[*slot] = Some(v),
                Err(stop) => {
                    self.drop_built(&written, &mut items, &stop)?;
                    return Err(stop);
                }
            }
        }
        if let Some(rest) = &s.rest {
            if let Err(stop) = self.struct_base(&def, rest, &mut items) {
                self.drop_built(&written, &mut items, &stop)?;
                return Err(stop);
            }
        }
        let items: Vec<Value> = items
            .into_iter()
            .map(|v| v.unwrap_or_else(Value::unit))
            .collect();
        self.settled(def, items, self.sp(s))
    }

    /// A struct or variant built of `items`: a generic one becomes the
    /// instance its values say, and its literals take their fields' types.
    pub(super) fn settled(&self, def: Rc<StructDef>, items: Vec<Value>, span: Span) -> R<Value> {
        let settled = self.instance_for_values(def.clone(), &items, span)?;
        if Rc::ptr_eq(&settled, &def) {
            return Ok(Value::Struct(def, items));
        }
        let items = items
            .into_iter()
            .zip(&settled.fields)
            .map(|(v, (_, t))| v.typed(t))
            .collect();
        Ok(Value::Struct(settled, items))
    }

    /// A struct literal left early (`?` in a field, a `return`): the fields
    /// built so far are dropped, the last built first; nothing is, when
    /// the run stops (an abort).
    fn drop_built(
        &mut self,
        written: &[(usize, &Expr)],
        items: &mut [Option<Value>],
        stop: &Halt,
    ) -> R<()> {
        if matches!(stop, Halt::Abort(..) | Halt::Stop) {
            return Ok(());
        }
        for (k, _) in written.iter().rev() {
            if let Some(v) = items[*k].take() {
                self.drop_value(&v, "a field built before the struct was left is dropped")?;
            }
        }
        Ok(())
    }

    /// The fields `..base` gives a struct literal (those not written):
    /// moved or copied out of a place, which keeps the rest; or taken from
    /// a temporary (`..Default::default()`), whose other fields are
    /// dropped at the end of the statement.
    fn struct_base(
        &mut self,
        def: &Rc<StructDef>,
        rest: &Expr,
        items: &mut [Option<Value>],
    ) -> R<()> {
        let open: Vec<usize> = (0..items.len()).filter(|k| items[*k].is_none()).collect();
        if let Some(place) = self.place_of(rest)? {
            let seen = self.through_refs(place.clone(), self.sp(rest))?;
            for k in open {
                let mut field = seen.clone();
                field.fields.push(k);
                let Some(value) = self.at_place(&field).cloned() else {
                    return unsupported(rest, "`..base` of this value");
                };
                // Moved out of a value held here, it leaves the field moved.
                if seen == place && owns_heap(&value) {
                    if let Some(slot) = self.at_place_mut(&field) {
                        *slot = Value::unit();
                    }
                }
                items[k] = Some(value);
            }
            return Ok(());
        }
        match self.eval(rest, Some(&Hint::Plain(Ty::Struct(def.clone()))))? {
            Value::Struct(d, mut fields) if d.name == def.name && d.variant == def.variant => {
                for k in open {
                    items[k] = Some(std::mem::replace(&mut fields[k], Value::unit()));
                }
                self.temporary(Value::Struct(d, fields));
                Ok(())
            }
            other => self.mismatch(self.sp(rest), &def.path(), &other),
        }
    }

    /// Whether a path names a binding that holds a heap owner.
    fn owner_named(&self, p: &syn::ExprPath) -> bool {
        p.path
            .get_ident()
            .and_then(|i| self.lookup(&i.to_string()))
            .is_some_and(|(s, b)| matches!(self.scopes[s][b].value, Value::Owner(_)))
    }

    pub(super) fn unary(&mut self, u: &syn::ExprUnary, hint: Option<&Hint>) -> R<Value> {
        match &u.op {
            UnOp::Deref(_) => {
                if let Some(value) = self.deref_raw(&u.expr, self.sp(u))? {
                    return Ok(value);
                }
                if let Some(value) = self.referent(&u.expr)? {
                    return Ok(value);
                }
                // `**x` in `filter(|x| **x > 0)`: iterators hand out the
                // items of a `Vec` of plain data by value, so reading
                // through their references is reading them.
                if let Expr::Path(_) | Expr::Unary(_) | Expr::Paren(_) = &*u.expr {
                    if !matches!(&*u.expr, Expr::Path(p) if self.owner_named(p)) {
                        let v = self.eval(&u.expr, None)?;
                        if v.ty().is_some_and(|t| t.is_plain()) || plain_data(&v) {
                            return Ok(v);
                        }
                    }
                }
                // `*cell.borrow()`: what the guard (or any pointer a call
                // gives) points at.
                if let Expr::MethodCall(_) = &*u.expr {
                    return match self.eval(&u.expr, None)? {
                        v @ Value::Owner(_) => Ok(self.see_through(v)),
                        Value::Ref(place) => {
                            let place = self.through_refs(place, self.sp(u))?;
                            Ok(self.value_at(&place).unwrap_or_else(Value::unit))
                        }
                        other => Ok(other),
                    };
                }
                let id = self.owner_of(&u.expr)?;
                match self.owners[id].clone() {
                    Owner::Box { ptr, ty } => self.read_at(ptr, &ty),
                    Owner::ArenaValue { ptr, ty } => self.read_at(Some(ptr), &ty),
                    Owner::Rc { .. } | Owner::Guard { .. } => {
                        Ok(self.see_through(Value::Owner(id)))
                    }
                    _ => unsupported(u, "`*` on this value"),
                }
            }
            // `-p`, `!p` by the program's `impl Neg`, `impl Not`.
            UnOp::Neg(_) | UnOp::Not(_) => {
                let value = self.eval(&u.expr, None)?;
                let name = if matches!(u.op, UnOp::Neg(_)) {
                    "neg"
                } else {
                    "not"
                };
                match self.own_operator(&value, name) {
                    Some(f) => self.run_fn(f, Some(value), Vec::new(), self.sp(u)),
                    None => match hint {
                        // `-129` where an `i8` is wanted: the negated
                        // literal is what must fit (so `-128` does).
                        Some(Hint::Plain(Ty::Int(t)))
                            if matches!(u.op, UnOp::Neg(_)) && literal(&u.expr) =>
                        {
                            if !t.signed() {
                                // `-1` where a `u8` is wanted: `-` on a
                                // `u8` (E0600).
                                return self.unary_on(&u.op, Value::Int(0, Some(*t)), self.sp(u));
                            }
                            let value = self.unary_on(&u.op, value, self.sp(u))?;
                            self.fits(&value, *t, self.sp(u)).map(|()| value)
                        }
                        _ => self.unary_on(&u.op, self.deref(value), self.sp(u)),
                    },
                }
            }
            other => unsupported(other, "this operator"),
        }
    }

    /// An unsuffixed number given the type `t` must fit it: rustc's
    /// `overflowing_literals`, an error before the program runs, at the
    /// literal.
    fn fits(&self, value: &Value, t: IntTy, span: Span) -> R<()> {
        if let Value::Int(v, None) = value {
            let (lo, hi) = t.range(self.target);
            if *v < lo || *v > hi {
                return Err(out_of_range(span, t));
            }
        }
        Ok(())
    }

    /// `-value`, `!value` on a number or a `bool`.
    fn unary_on(&self, op: &UnOp, value: Value, span: Span) -> R<Value> {
        match (op, value) {
            // An unsuffixed number's type is not known yet: it may yet be
            // one that holds its negation.
            (UnOp::Neg(_), Value::Int(v, Some(ty))) => {
                if !ty.signed() {
                    return err(
                        span,
                        format!("cannot apply unary operator `-` to type `{}`", Ty::Int(ty)),
                    );
                }
                // The one value whose negation does not fit: `MIN`.
                if v == ty.range(self.target).0 {
                    return err(span, "panicked: attempt to negate with overflow");
                }
                Ok(Value::Int(-v, Some(ty)))
            }
            (UnOp::Neg(_), Value::Int(v, None)) => match v.checked_neg() {
                Some(n) => Ok(Value::Int(n, None)),
                None => err(span, "panicked: attempt to negate with overflow"),
            },
            (UnOp::Neg(_), Value::Float(v, d)) => Ok(Value::Float(-v, d)),
            (UnOp::Neg(_), _) => err(span, "cannot negate this"),
            (_, Value::Bool(b)) => Ok(Value::Bool(!b)),
            (_, Value::Int(v, t)) => {
                let t = t.unwrap_or(IntTy::Fixed(true, 4));
                Ok(Value::Int(wrap(!v, t, self.target), Some(t)))
            }
            (_, other) => err(
                span,
                format!(
                    "cannot apply unary operator `!` to type `{}`",
                    self.type_name(&other)
                ),
            ),
        }
    }

    /// An operand that is only looked at: a place is read where it is (not
    /// moved); anything else is evaluated.
    pub(super) fn borrowed(&mut self, expr: &Expr, hint: Option<&Hint>) -> R<Value> {
        if let Some(place) = self.place_of(expr)? {
            let place = self.through_refs(place, self.sp(expr))?;
            if let Some(value) = self.at_place(&place) {
                return Ok(value.clone());
            }
        }
        // `v == vec![1, 2]`: the temporary lives to the end of the
        // statement, lent.
        let value = self.eval(expr, hint)?;
        let mut held = Vec::new();
        Self::owners_in(&value, &mut held);
        Ok(if held.is_empty() {
            value
        } else {
            self.temporary(value)
        })
    }

    /// Two operands compared (`==`, `assert_eq!`): both lent, the right
    /// one made as the left one's type (`v == vec![1, 2]` with `v` a
    /// `Vec<u8>` compares with a `Vec<u8>`).
    pub(super) fn compared(&mut self, left: &Expr, right: &Expr) -> R<(Value, Value)> {
        let left = self.borrowed(left, None)?;
        let hint = self
            .value_ty(&self.deref(left.clone()))
            .map(|t| Hint::of(&t));
        let right = self.borrowed(right, hint.as_ref())?;
        Ok((left, right))
    }

    pub(super) fn binary(&mut self, b: &syn::ExprBinary) -> R<Value> {
        // `v[i] += x`: the element's place, looked up once (its index run
        // once), here or below.
        let mut element = None;
        // `s += "x"` and `s + "x"` on a String: `push_str` on its buffer.
        if let BinOp::AddAssign(_) = b.op {
            let found = self.place_of(&b.left)?;
            if matches!(&*b.left, Expr::Index(_)) {
                element = Some(found.clone());
            }
            if let Some(place) = found {
                let place = self.through_refs(place, self.sp(b))?;
                if let Some(Value::Owner(id)) = self.at_place(&place).cloned() {
                    if self.vec_state(id).4 {
                        let right = self.eval(&b.right, None)?;
                        let Some(text) = self.text_of(&right) else {
                            return self.mismatch(b.right.span(), "&str", &right);
                        };
                        self.append_text(id, &text, &self.src(b))?;
                        return Ok(Value::unit());
                    }
                }
            }
        }
        if let BinOp::Add(_) = b.op {
            let left = self.eval(&b.left, None)?;
            if let Value::Owner(id) = left {
                if self.vec_state(id).4 {
                    let right = self.eval(&b.right, None)?;
                    let Some(text) = self.text_of(&right) else {
                        return self.mismatch(b.right.span(), "&str", &right);
                    };
                    self.append_text(id, &text, &self.src(b))?;
                    return Ok(Value::Owner(id));
                }
            }
            let right = self.eval(&b.right, None)?;
            return match self.own_binary(&b.op, left, right, self.sp(b))? {
                Ok(value) => Ok(value),
                Err((left, right)) => self.operate(&b.op, left, right, b),
            };
        }
        if let Some(op) = compound(&b.op) {
            // `p += q`, `self.pos += d` by the program's `impl AddAssign`.
            // Only a binding or its fields are looked up here: finding the
            // place of `v[i]` would run `i` (or an `impl Index`) once more.
            if !self.operator_impls.is_empty() && names_a_binding(&b.left) {
                if let Some(place) = self.place_of(&b.left)? {
                    if self.own_assign(&b.op, &place, &b.right, self.sp(b))? {
                        return Ok(Value::unit());
                    }
                }
            }
            // `*map.entry(k).or_insert(0) += 1`, `cell.borrow_mut().n += 1`:
            // the reference (or guard) is made once.
            let made = match &*b.left {
                Expr::Field(f) => self.field_of_call(f)?,
                Expr::Index(_) => match element {
                    Some(found) => found,
                    None => self.place_of(&b.left)?,
                },
                _ => self.made_ref(&b.left)?,
            };
            if let Some(place) = made {
                if self.own_assign(&b.op, &place, &b.right, self.sp(b))? {
                    return Ok(Value::unit());
                }
                let current = match self.at_place(&place) {
                    Some(v) => v.clone(),
                    None => self.plain_item(&place).unwrap_or_else(Value::unit),
                };
                let right = self.eval(&b.right, None)?;
                let value = self.operate(&op, current, right, b)?;
                return self.store_place(&place, value, self.sp(b));
            }
            let current = self.eval(&b.left, None)?;
            let right = self.eval(&b.right, None)?;
            let value = self.operate(&op, current, right, b)?;
            return self.store(&b.left, value);
        }
        // Comparisons borrow their operands (`PartialEq::eq(&a, &b)`).
        if let BinOp::Eq(_)
        | BinOp::Ne(_)
        | BinOp::Lt(_)
        | BinOp::Le(_)
        | BinOp::Gt(_)
        | BinOp::Ge(_) = b.op
        {
            let (left, right) = self.compared(&b.left, &b.right)?;
            // `<` and the others on strings, tuples, `Option`s and the
            // program's types: `PartialOrd`, as `cmp` orders them.
            let ordered = |v: &Value| {
                matches!(
                    v,
                    Value::Int(..) | Value::Float(..) | Value::Bool(_) | Value::Char(_)
                )
            };
            let (x, y) = (self.deref(left.clone()), self.deref(right.clone()));
            let eq = matches!(b.op, BinOp::Eq(_) | BinOp::Ne(_));
            if eq {
                if let Some(same) = self.derived_eq(&left, &right, self.sp(b))? {
                    return Ok(Value::Bool(same == matches!(b.op, BinOp::Eq(_))));
                }
            }
            if !(eq || ordered(&x) && ordered(&y)) {
                use std::cmp::Ordering::{Greater, Less};
                let o = self.compare(&left, &right, self.sp(b))?;
                return Ok(Value::Bool(match b.op {
                    BinOp::Lt(_) => o == Less,
                    BinOp::Le(_) => o != Greater,
                    BinOp::Gt(_) => o == Greater,
                    _ => o != Less,
                }));
            }
            return self.operate(&b.op, left, right, b);
        }
        let left = self.eval(&b.left, None)?;
        if let (BinOp::And(_), Value::Bool(false)) | (BinOp::Or(_), Value::Bool(true)) =
            (&b.op, &left)
        {
            return Ok(left);
        }
        let right = self.eval(&b.right, None)?;
        match self.own_binary(&b.op, left, right, self.sp(b))? {
            Ok(value) => Ok(value),
            Err((left, right)) => self.operate(&b.op, left, right, b),
        }
    }

    /// `left op right` of `b`: the operands' types must agree, as
    /// [`Self::arith`] checks, but the mismatch is at the right operand,
    /// where rustc points.
    fn operate(&self, op: &BinOp, left: Value, right: Value, b: &syn::ExprBinary) -> R<Value> {
        // A type of the program's without an `impl` of the operator's
        // trait for these operands: rustc's E0369, at the operator.
        let program_type = |v: &Value| matches!(self.deref(v.clone()), Value::Struct(..));
        if program_type(&left) || program_type(&right) {
            let (l, r) = (self.type_name(&left), self.type_name(&right));
            if let Some(message) = no_operator(op, &l, &r) {
                return err(self.sp(&b.op), message);
            }
        }
        let (l, r) = (self.deref(left.clone()), self.deref(right.clone()));
        if !matches!(
            op,
            BinOp::Shl(_) | BinOp::Shr(_) | BinOp::ShlAssign(_) | BinOp::ShrAssign(_)
        ) {
            // `x + 300` of a `u8`: the literal is a `u8`, and out of range.
            for (operand, value, other) in [(&*b.left, &l, &r), (&*b.right, &r, &l)] {
                if let (Value::Int(_, Some(t)), true) = (other, literal(operand)) {
                    // `x + -1` of a `u8`: the `-` wants a `u8: Neg`.
                    match negation(operand) {
                        Some(neg) if !t.signed() => return err(neg.span(), no_neg(*t)),
                        _ => self.fits(value, *t, operand.span())?,
                    }
                }
            }
        }
        match (l, r) {
            (Value::Int(_, Some(x)), r @ Value::Int(_, Some(y)))
                if x != y && !matches!(op, BinOp::Shl(_) | BinOp::Shr(_)) =>
            {
                self.mismatch(b.right.span(), &self.type_name(&Value::Int(0, Some(x))), &r)
            }
            _ => self.arith(op, left, right, self.sp(b)),
        }
    }

    pub(super) fn index_array(&self, value: Value, index: u64, span: Span) -> R<Value> {
        match value {
            Value::Array(items) => match items.get(index as usize) {
                Some(v) => Ok(v.clone()),
                None => err(
                    span,
                    format!(
                        "panicked: index out of bounds: the len is {} but the index is {index}",
                        items.len()
                    ),
                ),
            },
            _ => err(
                span,
                "only arrays, Vecs and boxed arrays can be indexed here",
            ),
        }
    }

    pub(super) fn arith(&self, op: &BinOp, left: Value, right: Value, span: Span) -> R<Value> {
        use std::cmp::Ordering;
        // `&x + 1`, `*r == 3`: operators see through references.
        let (left, right) = (self.deref(left), self.deref(right));
        // Both operands of an operator are of one integer type, but for a
        // shift's amount (`1u64 << 3u8`); `usize` is not `u64`.
        if let (Value::Int(_, Some(a)), Value::Int(_, Some(b))) = (&left, &right) {
            if a != b && !matches!(op, BinOp::Shl(_) | BinOp::Shr(_)) {
                return self.mismatch(span, &self.type_name(&left), &right);
            }
        }
        // `==` and `!=` of values holding heap owners compare what they
        // hold, as `#[derive(PartialEq)]` and std's impls do.
        if let BinOp::Eq(_) | BinOp::Ne(_) = op {
            let composite = |v: &Value| {
                matches!(
                    v,
                    Value::Struct(..)
                        | Value::Tuple(_)
                        | Value::Array(_)
                        | Value::Opt(_)
                        | Value::Result(..)
                )
            };
            let same = match self.same_contents(&left, &right) {
                None if composite(&left) && composite(&right) => Some(self.equal(&left, &right)),
                same => same,
            };
            if let Some(same) = same {
                return Ok(Value::Bool(same == matches!(op, BinOp::Eq(_))));
            }
        }
        let ord = match (&left, &right) {
            (Value::Int(a, _), Value::Int(b, _)) => Some(a.cmp(b)),
            (Value::Float(a, _), Value::Float(b, _)) => a.partial_cmp(b),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
            (Value::Char(a), Value::Char(b)) => Some(a.cmp(b)),
            // `tok == "+"`: two `&str`s, by their text.
            (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
            _ => None,
        };
        let compare = |want: &[Ordering]| -> R<Value> {
            match ord {
                Some(o) => Ok(Value::Bool(want.contains(&o))),
                None => err(span, "these values cannot be compared"),
            }
        };
        match op {
            BinOp::Eq(_) => return compare(&[Ordering::Equal]),
            BinOp::Ne(_) => return compare(&[Ordering::Less, Ordering::Greater]),
            BinOp::Lt(_) => return compare(&[Ordering::Less]),
            BinOp::Le(_) => return compare(&[Ordering::Less, Ordering::Equal]),
            BinOp::Gt(_) => return compare(&[Ordering::Greater]),
            BinOp::Ge(_) => return compare(&[Ordering::Greater, Ordering::Equal]),
            BinOp::And(_) | BinOp::Or(_) => {
                return match right {
                    Value::Bool(b) => Ok(Value::Bool(b)),
                    _ => err(span, "`&&` and `||` need bools"),
                }
            }
            _ => {}
        }
        match (left, right) {
            (Value::Int(a, ta), Value::Int(b, tb)) => {
                let ty = ta.or(tb);
                let (name, value) = match op {
                    BinOp::Add(_) => ("add", a.checked_add(b)),
                    BinOp::Sub(_) => ("subtract", a.checked_sub(b)),
                    BinOp::Mul(_) => ("multiply", a.checked_mul(b)),
                    BinOp::Div(_) if b == 0 => {
                        return err(span, "panicked: attempt to divide by zero");
                    }
                    BinOp::Rem(_) if b == 0 => {
                        return err(
                            span,
                            "panicked: attempt to calculate the remainder with a divisor of zero",
                        );
                    }
                    // `MIN / -1` and `MIN % -1` overflow a signed type.
                    BinOp::Div(_) | BinOp::Rem(_)
                        if b == -1
                            && ty.unwrap_or(IntTy::Fixed(true, 4)).signed()
                            && a == ty.unwrap_or(IntTy::Fixed(true, 4)).range(self.target).0 =>
                    {
                        let name = if matches!(op, BinOp::Div(_)) {
                            "divide"
                        } else {
                            "calculate the remainder"
                        };
                        return err(span, format!("panicked: attempt to {name} with overflow"));
                    }
                    BinOp::Div(_) => ("divide", a.checked_div(b)),
                    BinOp::Rem(_) => ("calculate the remainder", a.checked_rem(b)),
                    BinOp::BitAnd(_) => ("and", Some(a & b)),
                    BinOp::BitOr(_) => ("or", Some(a | b)),
                    BinOp::BitXor(_) => ("xor", Some(a ^ b)),
                    BinOp::Shl(_) | BinOp::Shr(_) => {
                        // The shift's type is the left operand's; the amount
                        // must be below its width, and the bits shifted out
                        // are gone.
                        // A literal's type is still the one its context
                        // gives it (`const N: usize = 1 << 20`).
                        let bits = ta.map_or(64, |t| t.size(self.target) * 8);
                        let left_ = matches!(op, BinOp::Shl(_));
                        if b < 0 || b >= i128::from(bits) {
                            let dir = if left_ { "left" } else { "right" };
                            return err(
                                span,
                                format!("panicked: attempt to shift {dir} with overflow"),
                            );
                        }
                        let v = match (left_, ta) {
                            (true, Some(t)) => wrap(a << b, t, self.target),
                            (true, None) => a << b,
                            (false, _) => a >> b,
                        };
                        return Ok(Value::Int(v, ta));
                    }
                    other => return unsupported(other, "this operator"),
                };
                let (lo, hi) = ty.unwrap_or(IntTy::Fixed(true, 4)).range(self.target);
                match value {
                    Some(v) if v >= lo && v <= hi => Ok(Value::Int(v, ty)),
                    _ => err(span, format!("panicked: attempt to {name} with overflow")),
                }
            }
            (Value::Bool(a), Value::Bool(b)) => match op {
                BinOp::BitAnd(_) => Ok(Value::Bool(a & b)),
                BinOp::BitOr(_) => Ok(Value::Bool(a | b)),
                BinOp::BitXor(_) => Ok(Value::Bool(a ^ b)),
                other => unsupported(other, "this operator on bools"),
            },
            (Value::Float(a, da), Value::Float(b, db)) => {
                let v = match op {
                    BinOp::Add(_) => a + b,
                    BinOp::Sub(_) => a - b,
                    BinOp::Mul(_) => a * b,
                    BinOp::Div(_) => a / b,
                    BinOp::Rem(_) => a % b,
                    other => return unsupported(other, "this operator on floats"),
                };
                Ok(Value::Float(v, da.or(db)))
            }
            _ => err(span, "these values cannot be combined with this operator"),
        }
    }

    pub(super) fn assign(&mut self, left: &Expr, right: &Expr) -> R<Value> {
        let hint = self.int_type_at(left).map(|t| Hint::Plain(Ty::Int(t)));
        let value = self.eval(right, hint.as_ref())?;
        self.store(left, value)
    }

    /// The integer type of what `left` names, where finding it runs
    /// nothing (a binding, its fields, what a reference binding refers
    /// to, an element of an array or a `Vec` binding): an unsuffixed
    /// number assigned there takes that type, and a literal out of its
    /// range is refused where it is written, as rustc does (`x = 256` of a
    /// `u8`, `*r = 300`, `a[i] = 256`), rather than stored. Where it
    /// cannot tell, it says nothing: the store reports what is wrong with
    /// the place.
    fn int_type_at(&mut self, left: &Expr) -> Option<IntTy> {
        if let Some(place) = self.place_unrun(left) {
            return match self.at_place(&place) {
                Some(Value::Int(_, t)) => *t,
                _ => None,
            };
        }
        if let Expr::Index(i) = left {
            if matches!(&*i.expr, Expr::Path(_)) && !matches!(&*i.index, Expr::Range(_)) {
                if let Ok(id) = self.owner_of(&i.expr) {
                    if let Some(Owner::Vec {
                        elem: Some(Ty::Int(t)),
                        string: false,
                        ..
                    }) = self.owners.get(id)
                    {
                        return Some(*t);
                    }
                }
            }
        }
        None
    }

    /// The place `left` names, through references, found without running
    /// anything: a binding and its fields, `*r` of a reference, and for
    /// `a[i]` of an array, its first element (every element has its type;
    /// the index is not evaluated: it runs when the store does).
    fn place_unrun(&mut self, left: &Expr) -> Option<Place> {
        let span = self.sp(left);
        let place = match left {
            e if names_a_binding(e) => self.place_of(e).ok().flatten()?,
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => return self.place_unrun(&u.expr),
            Expr::Index(i) if !matches!(&*i.index, Expr::Range(_)) => {
                let mut base = self.place_unrun(&i.expr)?;
                match self.at_place(&base) {
                    Some(Value::Array(items)) if !items.is_empty() => base.fields.push(0),
                    _ => return None,
                }
                base
            }
            _ => return None,
        };
        self.through_refs(place, span).ok()
    }

    /// The place of `a[i]` when `a` is an array held in a place (not a
    /// `Vec`: its elements are written by `vec_set`).
    fn array_element(&mut self, i: &syn::ExprIndex) -> R<Option<Place>> {
        if matches!(&*i.index, Expr::Range(_)) {
            return Ok(None);
        }
        let Some(base) = self.place_of(&i.expr)? else {
            return Ok(None);
        };
        let base = self.through_refs(base, self.sp(i))?;
        self.element_of_array(&base, i)
    }

    pub(super) fn store(&mut self, left: &Expr, value: Value) -> R<Value> {
        match left {
            Expr::Path(p) => {
                let ident = p.path.get_ident();
                let Some((s, b)) = ident.and_then(|i| self.lookup_by(|name| i == name)) else {
                    let name = ident.map(ToString::to_string).unwrap_or_default();
                    return err(
                        self.sp(p),
                        format!("cannot find value `{name}` in this scope"),
                    );
                };
                self.store_binding(s, b, value, self.sp(left))
            }
            Expr::Field(f) => match self.place_of(left)? {
                Some(place) => {
                    let place = self.through_refs(place, self.sp(f))?;
                    self.store_place(&place, value, self.sp(f))
                }
                None => match self.field_of_call(f)? {
                    Some(place) => self.store_place(&place, value, self.sp(f)),
                    None => unsupported(f, "assigning to a field of this"),
                },
            },
            Expr::Index(i) => {
                // `m[(r, c)] = v` by the program's `impl IndexMut`.
                if let Some(place) = self.own_index(&i.expr, &i.index, true, self.sp(i))? {
                    return self.store_place(&place, value, self.sp(i));
                }
                // `heads[i] = v` of an array in a place.
                if let Some(place) = self.array_element(i)? {
                    return self.store_place(&place, value, self.sp(i));
                }
                let id = self.owner_of(&i.expr)?;
                if let Owner::Map(_) = self.owners[id] {
                    let ty = self.map_ty(id).map_or("HashMap".into(), |t| t.to_string());
                    return err(
                        self.sp(i),
                        format!("cannot assign to data in an index of `{ty}` (use `get_mut` or `entry`)"),
                    );
                }
                let index = self.eval_u64(&i.index)?;
                self.vec_set(id, index, value, i.bracket_token.span.open())?;
                Ok(Value::unit())
            }
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => {
                // `*p = v` through a raw pointer.
                if let Some((a, t)) = self.raw_pointer_of(&u.expr)? {
                    self.store_through(a, &t, value, self.sp(u), memory::Access::Write)?;
                    return Ok(Value::unit());
                }
                if let Some(place) = self.ref_target(&u.expr)? {
                    return self.store_place(&place, value, self.sp(u));
                }
                if let Some(place) = self.made_ref(left)? {
                    return self.store_place(&place, value, self.sp(u));
                }
                let id = self.owner_of(&u.expr)?;
                match self.owners[id].clone() {
                    Owner::Box { ptr, ty } => {
                        self.write_at(ptr, &value.typed(&ty), &ty);
                        Ok(Value::unit())
                    }
                    _ => unsupported(u, "assigning through this pointer"),
                }
            }
            other => unsupported(other, "assigning to this"),
        }
    }
}

/// The operator a compound assignment applies (`+=` is `+`).
pub(super) fn compound(op: &BinOp) -> Option<BinOp> {
    Some(match op {
        BinOp::AddAssign(_) => BinOp::Add(Default::default()),
        BinOp::SubAssign(_) => BinOp::Sub(Default::default()),
        BinOp::MulAssign(_) => BinOp::Mul(Default::default()),
        BinOp::DivAssign(_) => BinOp::Div(Default::default()),
        BinOp::RemAssign(_) => BinOp::Rem(Default::default()),
        BinOp::BitAndAssign(_) => BinOp::BitAnd(Default::default()),
        BinOp::BitOrAssign(_) => BinOp::BitOr(Default::default()),
        BinOp::BitXorAssign(_) => BinOp::BitXor(Default::default()),
        BinOp::ShlAssign(_) => BinOp::Shl(Default::default()),
        BinOp::ShrAssign(_) => BinOp::Shr(Default::default()),
        _ => return None,
    })
}

/// Whether two values are the same number, whatever their integer types.
fn same_number(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::Int(x, _), Value::Int(y, _)) if x == y)
}

/// Which field each pattern of a tuple struct or variant pattern matches:
/// `Rect(w, ..)` and `Rect(.., h)` skip the fields `..` stands for.
fn positions(
    elems: &syn::punctuated::Punctuated<Pat, syn::Token![,]>,
    fields: usize,
) -> Vec<(&Pat, usize)> {
    let rest = elems.iter().position(|p| matches!(p, Pat::Rest(_)));
    elems
        .iter()
        .enumerate()
        .filter(|(_, p)| !matches!(p, Pat::Rest(_)))
        .map(|(i, p)| match rest {
            Some(r) if i > r => (p, fields - (elems.len() - i)),
            _ => (p, i),
        })
        .collect()
}

/// Whether `expr` is an integer literal without a suffix, negated or in
/// parentheses or not: a number whose type its context gives.
fn literal(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(n), ..
        }) => n.suffix().is_empty(),
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => literal(&u.expr),
        Expr::Paren(p) => literal(&p.expr),
        _ => false,
    }
}

/// The negation in a literal operand, in parentheses or not: `-1` of
/// `(-1)`.
fn negation(expr: &Expr) -> Option<&Expr> {
    match expr {
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => Some(expr),
        Expr::Paren(p) => negation(&p.expr),
        _ => None,
    }
}

/// Whether `expr` is a binding or a field of one (`p`, `self.pos.x`):
/// a place found without running anything.
fn names_a_binding(expr: &Expr) -> bool {
    match expr {
        Expr::Path(_) => true,
        Expr::Field(f) => names_a_binding(&f.base),
        Expr::Paren(p) => names_a_binding(&p.expr),
        _ => false,
    }
}

/// Whether a value is data alone, with no pointer or owner anywhere in it:
/// an `Option<Level>` of a `Copy` enum, a tuple of integers. Reading it
/// through a reference is copying it.
pub(super) fn plain_data(v: &Value) -> bool {
    match v {
        Value::Int(..) | Value::Float(..) | Value::Bool(_) | Value::Char(_) => true,
        Value::Tuple(items) | Value::Array(items) | Value::Struct(_, items) => {
            items.iter().all(plain_data)
        }
        Value::Opt(None) => true,
        Value::Opt(Some(inner)) | Value::Result(_, inner) => plain_data(inner),
        _ => false,
    }
}

/// rustc's E0369 for `l op r` where no `impl` gives the operator.
fn no_operator(op: &BinOp, l: &str, r: &str) -> Option<String> {
    let bits = |sym: &str| format!("no implementation for `{l} {sym} {r}`");
    Some(match op {
        BinOp::Add(_) => format!("cannot add `{r}` to `{l}`"),
        BinOp::Sub(_) => format!("cannot subtract `{r}` from `{l}`"),
        BinOp::Mul(_) => format!("cannot multiply `{l}` by `{r}`"),
        BinOp::Div(_) => format!("cannot divide `{l}` by `{r}`"),
        BinOp::Rem(_) => format!("cannot calculate the remainder of `{l}` divided by `{r}`"),
        BinOp::BitAnd(_) => bits("&"),
        BinOp::BitOr(_) => bits("|"),
        BinOp::BitXor(_) => bits("^"),
        BinOp::Shl(_) => bits("<<"),
        BinOp::Shr(_) => bits(">>"),
        _ => return None,
    })
}

/// Whether closure `c` gives a value of its one parameter's type, by its
/// code alone: the parameter (by value or `&x`, or dereferenced), with
/// unsuffixed literals, under arithmetic, bit operators, shifts (by
/// anything), `if`/`else` and blocks; rustc then types the items the
/// closure takes by what it gives. (Not a method call: rustc refuses one
/// on a number whose type it has not inferred yet, E0689.)
fn keeps_type(c: &syn::ExprClosure) -> bool {
    let (Some(pat), 1) = (c.inputs.first(), c.inputs.len()) else {
        return false;
    };
    let name = match pat {
        syn::Pat::Ident(i) => &i.ident,
        syn::Pat::Reference(r) => match &*r.pat {
            syn::Pat::Ident(i) => &i.ident,
            _ => return false,
        },
        _ => return false,
    };
    same_type_as(&c.body, name) == Some(true)
}

/// `Some(uses)` when `e` is of the type of binding `name` (`uses`: it
/// mentions it; an unsuffixed literal alone is any type), `None` when it
/// is not known to be.
fn same_type_as(e: &Expr, name: &proc_macro2::Ident) -> Option<bool> {
    use syn::BinOp as B;
    let both = |a: &Expr, b: &Expr| Some(same_type_as(a, name)? | same_type_as(b, name)?);
    match e {
        Expr::Path(p) if p.path.is_ident(name) => Some(true),
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) if i.suffix().is_empty() => Some(false),
            _ => None,
        },
        Expr::Paren(p) => same_type_as(&p.expr, name),
        Expr::Unary(u) => same_type_as(&u.expr, name),
        Expr::Binary(b) => match b.op {
            B::Add(_) | B::Sub(_) | B::Mul(_) | B::Div(_) | B::Rem(_) => both(&b.left, &b.right),
            B::BitAnd(_) | B::BitOr(_) | B::BitXor(_) => both(&b.left, &b.right),
            B::Shl(_) | B::Shr(_) => same_type_as(&b.left, name),
            _ => None,
        },
        Expr::Block(b) => match &b.block.stmts[..] {
            [syn::Stmt::Expr(e, None)] => same_type_as(e, name),
            _ => None,
        },
        Expr::If(i) => {
            let then = match &i.then_branch.stmts[..] {
                [syn::Stmt::Expr(e, None)] => same_type_as(e, name)?,
                _ => return None,
            };
            let (_, other) = i.else_branch.as_ref()?;
            Some(then | same_type_as(other, name)?)
        }
        _ => None,
    }
}
