//! Expressions: literals, operators, patterns, loops, assignment.

use super::*;

/// The main thread's stack in real Rust on Linux: 8 MiB.
const STACK_SIZE: u64 = 8 << 20;

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
        // Each level of nesting is a level of recursion here: refuse a
        // depth that could overflow the stack, before it does.
        if self.depth >= nesting::MAX_EVAL_DEPTH {
            return err(
                expr.span(),
                format!(
                    "this expression nests {} deep; scenarios allow at most {}",
                    self.depth + 1,
                    nesting::MAX_EVAL_DEPTH
                ),
            );
        }
        self.depth += 1;
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
                if let [ty, name] = names.as_slice() {
                    if let (Some(t), "MAX" | "MIN") = (IntTy::from_name(ty), name.as_str()) {
                        let (lo, hi) = t.range(self.target);
                        return Ok(Value::Int(if name == "MAX" { hi } else { lo }, Some(t)));
                    }
                }
                unsupported(p, "this path as a value")
            }
            Expr::Paren(p) => self.eval(&p.expr, hint),
            Expr::Group(g) => self.eval(&g.expr, hint),
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::Reference(r) => match &*r.expr {
                Expr::Path(p) => {
                    let (s, b) = self.binding(p)?;
                    Ok(self.scopes[s][b].value.clone())
                }
                other => self.eval(other, hint),
            },
            Expr::Tuple(t) => {
                let mut items = Vec::new();
                for e in &t.elems {
                    items.push(self.eval(e, None)?);
                }
                Ok(Value::Tuple(items))
            }
            Expr::Array(a) => {
                let elem = match hint {
                    Some(Hint::Plain(Ty::Array(t, _))) => Some(Hint::Plain((**t).clone())),
                    _ => None,
                };
                let mut items = Vec::new();
                for e in &a.elems {
                    items.push(self.eval(e, elem.as_ref())?);
                }
                Ok(Value::Array(items))
            }
            Expr::Repeat(r) => {
                let item = self.eval(&r.expr, None)?;
                let n = self.eval_u64(&r.len)?;
                // Refuse a value too big before building it: an array lives
                // on the stack, and real Rust's main thread has 8 MiB.
                if let Some(ty) = item.ty() {
                    let array = Ty::Array(Box::new(ty), n);
                    let Some(layout) = array.checked_layout(self.target) else {
                        return err(
                            r.span(),
                            format!(
                                "values of the type `{array}` are too big for the target architecture"
                            ),
                        );
                    };
                    if layout.size > STACK_SIZE {
                        return Err(Halt::Abort(
                            format!(
                                "thread 'main' has overflowed its stack: `{array}` takes {} bytes, \
                                 more than the main thread's 8 MiB stack",
                                layout.size
                            ),
                            at(r.span()),
                        ));
                    }
                }
                // Values are kept one host value per element: bound them all.
                if n.saturating_mul(value_count(&item)) > 1 << 20 {
                    return err(
                        r.span(),
                        "arrays in scenarios hold at most 1,048,576 elements",
                    );
                }
                Ok(Value::Array(vec![item; n as usize]))
            }
            Expr::Struct(s) => self.struct_lit(s),
            Expr::Field(f) => {
                let base = match &*f.base {
                    // `boxed.field` reads through the Box without moving it.
                    Expr::Path(p) => {
                        let (s, b) = self.binding(p)?;
                        match self.scopes[s][b].value.clone() {
                            Value::Owner(id) => match self.owners[id].clone() {
                                Owner::Box { ptr, ty } => self.read_at(ptr, &ty)?,
                                Owner::ArenaValue { ptr, ty } => self.read_at(Some(ptr), &ty)?,
                                Owner::Rc { cell } => {
                                    let c = self.cells[cell].clone();
                                    let offset = self.rc_value_offset(&c.ty);
                                    self.read_at(Some(c.ptr.add(offset)), &c.ty)?
                                }
                                _ => return err(f.span(), "a Vec has no fields; call its methods"),
                            },
                            plain => plain,
                        }
                    }
                    other => self.eval(other, None)?,
                };
                let name = match &f.member {
                    syn::Member::Named(name) => name,
                    syn::Member::Unnamed(i) => {
                        return match base {
                            Value::Tuple(items) | Value::Struct(_, items) => items
                                .get(i.index as usize)
                                .cloned()
                                .map_or_else(|| err(f.span(), "no such field"), Ok),
                            _ => err(f.span(), "this value has no numbered fields"),
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
                    _ => err(f.span(), "only structs have named fields here"),
                }
            }
            Expr::Unary(u) => self.unary(u),
            Expr::Binary(b) => self.binary(b),
            Expr::Assign(a) => self.assign(&a.left, &a.right),
            Expr::Cast(c) => {
                let value = self.eval(&c.expr, None)?;
                match (value, self.hint(&c.ty)?) {
                    (Value::Int(v, _), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(wrap(v, t, self.target), Some(t)))
                    }
                    (Value::Int(v, _), Hint::Plain(Ty::Float(d))) => {
                        Ok(Value::Float(v as f64, Some(d)))
                    }
                    (Value::Float(v, _), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(v as i128, Some(t)))
                    }
                    (Value::Char(c), Hint::Plain(Ty::Int(t))) => {
                        Ok(Value::Int(i128::from(u32::from(c)), Some(t)))
                    }
                    (v, _) => Ok(v),
                }
            }
            Expr::If(i) => {
                let taken = if let Expr::Let(l) = &*i.cond {
                    let value = self.eval(&l.expr, None)?;
                    if let Some(bindings) = self.matches(&l.pat, &value)? {
                        return self.arm_block(bindings, &i.then_branch);
                    }
                    false
                } else {
                    match self.eval(&i.cond, None)? {
                        Value::Bool(b) => b,
                        _ => return err(i.cond.span(), "an `if` condition must be a bool"),
                    }
                };
                if taken {
                    self.block(&i.then_branch)
                } else if let Some((_, other)) = &i.else_branch {
                    self.eval(other, hint)
                } else {
                    Ok(Value::unit())
                }
            }
            Expr::Let(_) => unsupported(expr, "`let` outside `if let`"),
            Expr::While(w) => loop {
                self.step(w.span())?;
                match self.eval(&w.cond, None)? {
                    Value::Bool(true) => {
                        self.block(&w.body)?;
                    }
                    Value::Bool(false) => return Ok(Value::unit()),
                    _ => return err(w.cond.span(), "a `while` condition must be a bool"),
                }
            },
            Expr::ForLoop(f) => self.for_loop(f),
            Expr::Match(m) => {
                let value = self.eval(&m.expr, None)?;
                for arm in &m.arms {
                    if arm.guard.is_some() {
                        return unsupported(arm, "match guards");
                    }
                    if let Some(bindings) = self.matches(&arm.pat, &value)? {
                        return self.arm(bindings, &arm.body);
                    }
                }
                err(m.span(), format!("no arm matches {}", value.show(true)))
            }
            Expr::Index(i) => {
                let index = self.eval_u64(&i.index)?;
                if let Expr::Path(p) = &*i.expr {
                    let (s, b) = self.binding(p)?;
                    match self.scopes[s][b].value.clone() {
                        Value::Owner(id) => {
                            let boxed = match self.owners[id].clone() {
                                Owner::Box { ptr, ty } => Some((ptr, ty)),
                                Owner::ArenaValue { ptr, ty } => Some((Some(ptr), ty)),
                                _ => None,
                            };
                            if let Some((ptr, ty)) = boxed {
                                let value = self.read_at(ptr, &ty)?;
                                return self.index_array(value, index, i.span());
                            }
                            return self.vec_get(id, index, i.span());
                        }
                        plain => return self.index_array(plain, index, i.span()),
                    }
                }
                let value = self.eval(&i.expr, None)?;
                self.index_array(value, index, i.span())
            }
            Expr::Call(c) => self.call(c, hint),
            Expr::MethodCall(m) => self.method(m),
            Expr::Macro(m) => self.mac(&m.mac, hint),
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) | Expr::Loop(_) => unsupported(
                expr,
                "`return`, `break`, `continue` and `loop`; use `for` or `while`",
            ),
            Expr::Closure(_) => unsupported(expr, "closures (threads are not supported yet)"),
            other => unsupported(other, "this expression"),
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

    /// Whether `value` matches `pat`, and the names it binds.
    pub(super) fn matches(&self, pat: &Pat, value: &Value) -> R<Option<Vec<(String, Value)>>> {
        Ok(match pat {
            Pat::Wild(_) => Some(Vec::new()),
            Pat::Ident(p) if p.ident == "None" => matches!(value, Value::Opt(None)).then(Vec::new),
            Pat::Ident(p) => Some(vec![(p.ident.to_string(), value.clone())]),
            Pat::Lit(l) => {
                let want = match &l.lit {
                    Lit::Int(n) => Value::Int(n.base10_parse().unwrap_or(0), None),
                    Lit::Bool(b) => Value::Bool(b.value),
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
                let inner =
                    match (name.as_str(), value) {
                        ("Ok", Value::Result(true, v))
                        | ("Err", Value::Result(false, v))
                        | ("Some", Value::Opt(Some(v))) => v,
                        ("Ok" | "Err" | "Some", _) => return Ok(None),
                        _ => return unsupported(
                            t,
                            "patterns other than Ok(..), Err(..), Some(..), None, literals and _",
                        ),
                    };
                match t.elems.first() {
                    Some(p) => self.matches(p, inner)?,
                    None => Some(Vec::new()),
                }
            }
            other => return unsupported(other, "this pattern"),
        })
    }

    pub(super) fn for_loop(&mut self, f: &syn::ExprForLoop) -> R<Value> {
        let name = match &*f.pat {
            Pat::Ident(p) => p.ident.to_string(),
            Pat::Wild(_) => "_".to_string(),
            other => return unsupported(other, "this loop pattern; use a name"),
        };
        let Expr::Range(range) = &*f.expr else {
            return unsupported(&f.expr, "loops over anything but a range `a..b`");
        };
        let (Some(start), Some(end)) = (&range.start, &range.end) else {
            return unsupported(range, "open ranges");
        };
        let (start, ty) = match self.eval(start, None)? {
            Value::Int(v, t) => (v, t),
            _ => return err(start.span(), "a range needs integers"),
        };
        let end = match self.eval(end, None)? {
            Value::Int(v, _) => v,
            _ => return err(end.span(), "a range needs integers"),
        };
        let end = if matches!(range.limits, syn::RangeLimits::Closed(_)) {
            end + 1
        } else {
            end
        };
        let mut i = start;
        while i < end {
            self.step(f.span())?;
            self.scopes.push(Vec::new());
            self.bind(name.clone(), Value::Int(i, ty));
            let result = self.block(&f.body);
            self.leave_scope(&result)?;
            result?;
            i += 1;
        }
        Ok(Value::unit())
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
                        return err(
                            n.span(),
                            format!("literal out of range for `{}`", Ty::Int(t)),
                        );
                    }
                }
                Value::Int(v, ty)
            }
            Lit::Float(f) => {
                let d = match f.suffix() {
                    "f32" => Some(false),
                    "f64" => Some(true),
                    _ => None,
                };
                Value::Float(
                    f.base10_parse().or_else(|e| err(f.span(), e.to_string()))?,
                    d,
                )
            }
            Lit::Bool(b) => Value::Bool(b.value),
            Lit::Char(c) => Value::Char(c.value()),
            Lit::Str(s) => Value::Str(s.value()),
            other => return unsupported(other, "this literal"),
        })
    }

    pub(super) fn eval_u64(&mut self, expr: &Expr) -> R<u64> {
        match self.eval(expr, None)? {
            Value::Int(v, _) if v >= 0 => {
                u64::try_from(v).or_else(|_| err(expr.span(), "number too large"))
            }
            Value::Int(..) => err(expr.span(), "expected a non-negative number"),
            _ => err(expr.span(), "expected a number"),
        }
    }

    pub(super) fn struct_lit(&mut self, s: &syn::ExprStruct) -> R<Value> {
        let name = s
            .path
            .segments
            .last()
            .map(|p| p.ident.to_string())
            .unwrap_or_default();
        let Some(def) = self.structs.get(&name).cloned() else {
            return err(s.path.span(), format!("unknown struct `{name}`"));
        };
        let mut items = Vec::new();
        for (field, ty) in &def.fields {
            let Some(fv) = s
                .fields
                .iter()
                .find(|f| matches!(&f.member, syn::Member::Named(n) if n == field))
            else {
                return err(s.span(), format!("missing field `{field}` in `{name}`"));
            };
            let value = self.eval(&fv.expr, Some(&Hint::Plain(ty.clone())))?;
            items.push(value.typed(ty));
        }
        Ok(Value::Struct(def, items))
    }

    pub(super) fn unary(&mut self, u: &syn::ExprUnary) -> R<Value> {
        match &u.op {
            UnOp::Deref(_) => {
                let id = self.owner_of(&u.expr)?;
                match self.owners[id].clone() {
                    Owner::Box { ptr, ty } => self.read_at(ptr, &ty),
                    Owner::ArenaValue { ptr, ty } => self.read_at(Some(ptr), &ty),
                    Owner::Rc { cell } => {
                        let c = self.cells[cell].clone();
                        let offset = self.rc_value_offset(&c.ty);
                        self.read_at(Some(c.ptr.add(offset)), &c.ty)
                    }
                    _ => unsupported(u, "`*` on this value"),
                }
            }
            UnOp::Neg(_) => match self.eval(&u.expr, None)? {
                Value::Int(v, t) => Ok(Value::Int(-v, t)),
                Value::Float(v, d) => Ok(Value::Float(-v, d)),
                _ => err(u.span(), "cannot negate this"),
            },
            UnOp::Not(_) => match self.eval(&u.expr, None)? {
                Value::Bool(b) => Ok(Value::Bool(!b)),
                _ => err(u.span(), "`!` needs a bool"),
            },
            other => unsupported(other, "this operator"),
        }
    }

    pub(super) fn binary(&mut self, b: &syn::ExprBinary) -> R<Value> {
        if let BinOp::AddAssign(_) | BinOp::SubAssign(_) | BinOp::MulAssign(_) = b.op {
            let op = match b.op {
                BinOp::AddAssign(_) => BinOp::Add(Default::default()),
                BinOp::SubAssign(_) => BinOp::Sub(Default::default()),
                _ => BinOp::Mul(Default::default()),
            };
            let current = self.eval(&b.left, None)?;
            let right = self.eval(&b.right, None)?;
            let value = self.arith(&op, current, right, b.span())?;
            return self.store(&b.left, value);
        }
        let left = self.eval(&b.left, None)?;
        if let (BinOp::And(_), Value::Bool(false)) | (BinOp::Or(_), Value::Bool(true)) =
            (&b.op, &left)
        {
            return Ok(left);
        }
        let right = self.eval(&b.right, None)?;
        self.arith(&b.op, left, right, b.span())
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
        let ord = match (&left, &right) {
            (Value::Int(a, _), Value::Int(b, _)) => Some(a.cmp(b)),
            (Value::Float(a, _), Value::Float(b, _)) => a.partial_cmp(b),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
            (Value::Char(a), Value::Char(b)) => Some(a.cmp(b)),
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
                    BinOp::Div(_) | BinOp::Rem(_) if b == 0 => {
                        return err(span, "panicked: attempt to divide by zero");
                    }
                    BinOp::Div(_) => ("divide", a.checked_div(b)),
                    BinOp::Rem(_) => ("calculate the remainder", a.checked_rem(b)),
                    other => return unsupported(other, "this operator"),
                };
                let (lo, hi) = ty.unwrap_or(IntTy::Fixed(true, 4)).range(self.target);
                match value {
                    Some(v) if v >= lo && v <= hi => Ok(Value::Int(v, ty)),
                    _ => err(span, format!("panicked: attempt to {name} with overflow")),
                }
            }
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
        let value = self.eval(right, None)?;
        self.store(left, value)
    }

    pub(super) fn store(&mut self, left: &Expr, value: Value) -> R<Value> {
        match left {
            Expr::Path(p) => {
                let name = p
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let Some((s, b)) = self.lookup(&name) else {
                    return err(
                        p.span(),
                        format!("cannot find value `{name}` in this scope"),
                    );
                };
                let old = std::mem::replace(&mut self.scopes[s][b].value, value);
                let was_moved = self.scopes[s][b].moved.take();
                // Assigning drops the old value first, as Rust does.
                if let (Value::Owner(id), None) = (old, was_moved) {
                    self.drop_owner(
                        id,
                        &format!("`{name}` is overwritten, so its old value is dropped"),
                    )?;
                }
                Ok(Value::unit())
            }
            Expr::Index(i) => {
                let id = self.owner_of(&i.expr)?;
                let index = self.eval_u64(&i.index)?;
                self.vec_set(id, index, value, i.span())?;
                Ok(Value::unit())
            }
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => {
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
