//! Function and method calls: constructors, `drop`, `Layout`, the raw
//! `GlobalAlloc` calls, and methods on plain values.

use super::functions::Receiver;
use super::places::names_a_place;
use super::*;

impl Interp<'_> {
    // ----- calls -----

    pub(super) fn path_name(path: &syn::Path) -> (String, Option<&Type>) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let turbofish = path.segments.iter().rev().find_map(|s| match &s.arguments {
            syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            }),
            _ => None,
        });
        let n = segments.len();
        let name = if n >= 2
            && segments[n - 2]
                .chars()
                .next()
                .is_some_and(|c| super::char_class::has(c, super::char_class::Class::Uppercase))
        {
            format!("{}::{}", segments[n - 2], segments[n - 1])
        } else {
            segments.last().cloned().unwrap_or_default()
        };
        (name, turbofish)
    }

    /// A function call's `n` arguments, evaluated, or rustc's E0061 at
    /// the call.
    pub(super) fn args(
        &mut self,
        args: &Punctuated<Expr, syn::Token![,]>,
        n: usize,
        span: Span,
    ) -> R<Vec<Value>> {
        if args.len() != n {
            return err(span, arity_mismatch("function", n, args.len()));
        }
        args.iter().map(|a| self.eval(a, None)).collect()
    }

    /// A method call's `n` arguments, evaluated, or rustc's E0061 at the
    /// method's name.
    pub(super) fn method_args(&mut self, m: &syn::ExprMethodCall, n: usize) -> R<Vec<Value>> {
        prims::arity(m, n)?;
        self.args(&m.args, n, m.method.span())
    }

    pub(super) fn call(&mut self, c: &syn::ExprCall, hint: Option<&Hint>) -> R<Value> {
        let span = self.sp(c);
        let ident = match &*c.func {
            Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
            _ => None,
        };
        // A closure: a binding that holds one (`f(2)`), or any expression
        // that gives one (`(self.f)(2)`, `fs[0](2)`, `make_adder(1)(2)`).
        let callee = match &*c.func {
            Expr::Path(_) => match ident.as_deref().and_then(|n| self.lookup(n)) {
                Some((s, b)) => self.closure_in(&self.scopes[s][b].value.clone()),
                None => None,
            },
            other => {
                let value = self.eval(other, None)?;
                match self.closure_in(&value) {
                    Some(id) => Some(id),
                    None => return unsupported(other, "calling this"),
                }
            }
        };
        if let Some(id) = callee {
            let mut args = Vec::new();
            for a in &c.args {
                args.push(self.eval(a, None)?);
            }
            return self.call_closure(id, args, span);
        }
        let Expr::Path(p) = &*c.func else {
            return unsupported(&c.func, "calling this");
        };
        // The program's own functions shadow std's names.
        // (`total::<2>(…)` too: a turbofish for its const parameters.)
        let fn_name = match p.path.segments.len() {
            1 => Some(p.path.segments[0].ident.to_string()),
            _ => None,
        };
        if let Some(f) = fn_name.as_ref().and_then(|n| self.fns.get(n)).cloned() {
            if let Some(last) = p.path.segments.last() {
                self.fn_turbofish = self.written_args(&last.arguments)?;
            }
            return self.call_fn(f, None, &c.args, span);
        }
        // `Point(1, 2)`, `Shape::Circle(2.0)`: a tuple struct or variant.
        if let Some(def) = self.constructor(&p.path) {
            return self.construct(def, &c.args, hint, span);
        }
        let (name, turbofish) = Self::path_name(&p.path);
        // `fmt::Display::fmt(&self.0, f)`: handing the `Formatter` on.
        if let Some(kind) = name
            .strip_suffix("::fmt")
            .filter(|t| self.method_of(t, "fmt").is_none())
            .and_then(display::fmt_trait)
        {
            let [value, formatter] = &c.args.iter().collect::<Vec<_>>()[..] else {
                return err(span, arity_mismatch("function", 2, c.args.len()));
            };
            let formatter = self.eval(formatter, None)?;
            return self.forward_fmt_of(kind, value, &formatter, span);
        }
        if let Some(value) = self.conversion_call(c)? {
            return Ok(value);
        }
        if let Some(value) = self.atomic_new(&name, c)? {
            return Ok(value);
        }
        let ptr_name = match p.path.segments.len() {
            n if n >= 2 && p.path.segments[n - 2].ident == "ptr" => {
                format!("ptr::{}", p.path.segments[n - 1].ident)
            }
            _ => name.clone(),
        };
        if let Some(value) = self.memory_fn(&ptr_name, c, turbofish, hint)? {
            return Ok(value);
        }
        // `Type::function(…)` and `Self::function(…)` of the program's impls.
        if let [ty, func] = p.path.segments.iter().collect::<Vec<_>>().as_slice() {
            let ty = match ty.ident.to_string().as_str() {
                "Self" => self.self_ty.clone().unwrap_or_default(),
                other => other.to_string(),
            };
            if let Some(f) = self.method_of(&ty, &func.ident.to_string()) {
                if f.impl_generics.is_some() {
                    self.assoc_args = self.args_for_path(p.path.segments.first(), &ty, hint);
                }
                return self.call_fn(f, None, &c.args, span);
            }
            // `Config::default()` as `#[derive(Default)]` makes it, and
            // `Default::default()` of the type expected.
            if func.ident == "default" && c.args.is_empty() {
                let target = match (self.structs.get(&ty), hint) {
                    (Some(def), _) => Some(Ty::Struct(def.clone())),
                    (None, Some(Hint::Plain(t))) if ty == "Default" => Some(t.clone()),
                    (None, Some(Hint::String)) if ty == "Default" => Some(Ty::String),
                    (None, Some(Hint::Vec(Some(t)))) if ty == "Default" => {
                        Some(Ty::Vec(Box::new(t.clone())))
                    }
                    (None, Some(Hint::Map(_, _, Some(t)))) if ty == "Default" => Some(t.clone()),
                    _ => None,
                };
                if let Some(t) = target {
                    return match self.default_of(&t, span)? {
                        Some(v) => Ok(v),
                        None => unsupported(c, &format!("`Default::default()` of a `{t}`")),
                    };
                }
                if ty == "Default" {
                    return err(
                        span,
                        "type annotations needed: write the type `Default::default()` makes, as in `let x: u32 = Default::default();`",
                    );
                }
            }
        }
        let text = self.src(c);
        let elem_hint = match turbofish {
            Some(t) => Some(self.plain(t)?),
            None => match hint {
                Some(Hint::Vec(t) | Hint::Heap(t)) => t.clone(),
                _ => None,
            },
        };
        let map_ty = match hint {
            Some(Hint::Map(_, _, t)) => t.as_ref(),
            _ => None,
        };
        if let Some(value) = self.shared_call(&name, c, hint)? {
            return Ok(value);
        }
        if name.starts_with("BinaryHeap::") {
            if let Some(value) = self.binary_heap_call(&name, c, elem_hint.clone(), &text)? {
                return Ok(value);
            }
        }
        match name.as_str() {
            "HashMap::new" | "HashSet::new" | "HashMap::default" | "HashSet::default" => {
                self.args(&c.args, 0, span)?;
                self.new_map(MapKind::Hash, name.starts_with("HashSet"), map_ty, 0, &text)
            }
            "BTreeMap::new" | "BTreeSet::new" | "BTreeMap::default" | "BTreeSet::default" => {
                self.args(&c.args, 0, span)?;
                self.new_map(
                    MapKind::BTree,
                    name.starts_with("BTreeSet"),
                    map_ty,
                    0,
                    &text,
                )
            }
            "HashMap::with_capacity" | "HashSet::with_capacity" => {
                let n = match c.args.first() {
                    Some(a) if c.args.len() == 1 => self.eval_u64(a)?,
                    _ => return err(span, format!("`{name}` takes 1 argument")),
                };
                self.new_map(MapKind::Hash, name.starts_with("HashSet"), map_ty, n, &text)
            }
            "VecDeque::new" | "VecDeque::default" | "VecDeque::with_capacity" => {
                let n = if name.ends_with("with_capacity") {
                    match c.args.first() {
                        Some(a) if c.args.len() == 1 => self.eval_u64(a)?,
                        _ => return err(span, format!("`{name}` takes 1 argument")),
                    }
                } else {
                    self.args(&c.args, 0, span)?;
                    0
                };
                let elem = match (turbofish, hint) {
                    (Some(t), _) => Some(self.plain(t)?),
                    (None, Some(Hint::Deque(t))) => t.clone(),
                    _ => None,
                };
                self.new_deque(elem, n, &text, span)
            }
            "Vec::new" => Ok(Value::Owner(self.new_vec(elem_hint, false))),
            "String::new" => Ok(Value::Owner(self.new_vec(Some(u8_ty()), true))),
            "Vec::with_capacity" | "String::with_capacity" => {
                let n = match c.args.first() {
                    Some(a) if c.args.len() == 1 => self.eval_u64(a)?,
                    _ => return err(span, format!("`{name}` takes 1 argument")),
                };
                let string = name.starts_with("String");
                let elem = if string { Some(u8_ty()) } else { elem_hint };
                if elem.is_none() && n > 0 {
                    return self.elem_needed(span, "Vec", n);
                }
                let id = self.new_vec(elem, string);
                if n > 0 {
                    self.grow(
                        id,
                        n,
                        &format!("`{text}` allocates room for exactly {n}"),
                        Exactness::Exact,
                        false,
                    )?;
                }
                Ok(Value::Owner(id))
            }
            // `VecDeque::from(v)` takes the `Vec`'s block; from an array,
            // `with_capacity(N)` and the elements copied in. `Vec::from`
            // of a deque takes its block; of an array, see below.
            "VecDeque::from" | "Vec::from" => {
                // A `VecDeque<T>` expected here says what the `Vec` or
                // array it is made from holds; a `Vec<T>`, what the array
                // it is made from holds.
                let arg = match (name.as_str(), hint, c.args.first()) {
                    ("VecDeque::from", Some(Hint::Deque(Some(t))), Some(e))
                    | ("Vec::from", Some(Hint::Vec(Some(t))), Some(e @ Expr::Array(_)))
                        if c.args.len() == 1 =>
                    {
                        let inner = match e {
                            Expr::Array(a) => {
                                Hint::Plain(Ty::Array(Box::new(t.clone()), a.elems.len() as u64))
                            }
                            _ => Hint::Vec(Some(t.clone())),
                        };
                        let v = self.eval(e, Some(&inner))?;
                        self.deref(v)
                    }
                    _ => self.args(&c.args, 1, span)?.remove(0),
                };
                match (name.as_str(), arg) {
                    ("Vec::from", Value::Owner(id)) if self.deque(id).is_some() => {
                        self.deque_into_vec(id)
                    }
                    ("VecDeque::from", Value::Owner(id))
                        if matches!(self.owners[id], Owner::Vec { string: false, .. }) =>
                    {
                        self.vec_into_deque(id, 0, span)
                    }
                    ("VecDeque::from", Value::Array(items)) => {
                        let elem = items.first().and_then(|v| self.value_ty(v));
                        let q = self.new_deque(elem, items.len() as u64, &text, span)?;
                        if let Value::Owner(q) = q {
                            self.deque_fill(q, items);
                        }
                        Ok(q)
                    }
                    // std boxes the array (one exact allocation) and
                    // makes the box a `Vec`.
                    ("Vec::from", Value::Array(items)) => {
                        let n = items.len() as u64;
                        let elem = match hint {
                            Some(Hint::Vec(Some(t))) => Some(t.clone()),
                            _ => None,
                        };
                        self.vec_of_items(items, n, false, elem, &text, span)
                    }
                    _ => unsupported(&c.args, &format!("`{name}` of this value")),
                }
            }
            "String::from" => {
                let mut args = self.args(&c.args, 1, span)?;
                // A `String` given by value is the `String` made (`From<String>`
                // moves it); a `&String`, a `&str` or a `char` is copied.
                if matches!(args[0], Value::Owner(id) if self.vec_state(id).4) {
                    return Ok(args.remove(0));
                }
                let Some(s) = &self.text_of(&args[0]) else {
                    return err(
                        span,
                        "`String::from` takes a `&str`, a `&String` or a `char`",
                    );
                };
                let id = self.new_vec(Some(u8_ty()), true);
                if !s.is_empty() {
                    self.grow(
                        id,
                        s.len() as u64,
                        &format!(
                            "`{text}` copies {} byte{} to the heap",
                            s.len(),
                            plural(s.len())
                        ),
                        Exactness::Exact,
                        false,
                    )?;
                    self.push_bytes(id, s.as_bytes());
                }
                Ok(Value::Owner(id))
            }
            // `Box::<str>::from("text")`: the text copied into a block of
            // exactly its length, as `String::from` does.
            "Box::from" if c.args.len() == 1 => {
                let value = self.eval(&c.args[0], None)?;
                match self.deref(value) {
                    v @ Value::Str(_) => self.string_of(&v, &text),
                    _ => unsupported(&c.args, "`Box::from` of anything but a `&str`"),
                }
            }
            "Box::new" => {
                // `Box<VecDeque<u16>>` expected: the queue made inside is
                // one of `u16`; in a `Box<(u8, Vec<u8>)>`, a `Vec<u8>`.
                let value = match (hint, c.args.first()) {
                    (
                        Some(Hint::Box(
                            t @ (Ty::Deque(_) | Ty::Vec(_) | Ty::Tuple(_) | Ty::Option(_)),
                        )),
                        Some(e),
                    ) if c.args.len() == 1 => {
                        let inner = Hint::of(t);
                        self.eval(e, Some(&inner))?
                    }
                    _ => self.args(&c.args, 1, span)?.remove(0),
                };
                let closure = match &value {
                    Value::Owner(id) if matches!(self.owners[*id], Owner::Closure { .. }) => {
                        Some(Ty::Closure(self.closure_layout(*id, span)?))
                    }
                    _ => None,
                };
                let ty = match (hint, closure, self.value_ty(&value)) {
                    (_, Some(t), _) => t,
                    (Some(Hint::Box(t)), _, _) => t.clone(),
                    (_, _, Some(t)) => t,
                    _ => return unsupported(&c.args, "boxing this value"),
                };
                let reason = format!("`{text}`: Box<{ty}> needs Layout::new::<{ty}>()");
                self.new_box(value.typed(&ty), ty, &reason)
            }
            "Box::leak" => {
                let value = self.args(&c.args, 1, span)?.remove(0);
                let Value::Owner(id) = value else {
                    return err(span, "`Box::leak` takes a Box");
                };
                self.leaks.push(format!(
                    "{}:{}: `{text}` leaks the box on purpose",
                    self.here.0, self.here.1
                ));
                self.owners[id] = Owner::Gone;
                Ok(Value::unit())
            }
            "drop" => {
                // Whatever the value holds is dropped (a struct's or
                // enum's heap fields too); a reference drops nothing.
                let value = self.args(&c.args, 1, span)?.remove(0);
                if !matches!(value, Value::Ref(_)) {
                    self.drop_value(&value, &format!("`{text}`"))?;
                }
                Ok(Value::unit())
            }
            // `mem::take`, `mem::replace`, `mem::swap`: values move between
            // places; nothing is cloned or dropped.
            "take" | "replace" | "swap" if matches!(&*c.func, Expr::Path(p) if p.path.segments.len() >= 2) =>
            {
                let n = if name == "take" { 1 } else { 2 };
                let args = self.args(&c.args, n, span)?;
                let Value::Ref(place) = &args[0] else {
                    return self.mismatch(span, "&mut T", &args[0]);
                };
                let place = self.through_refs(place.clone(), span)?;
                match name.as_str() {
                    "take" => {
                        let old = self.value_at(&place).unwrap_or_else(Value::unit);
                        let fresh = self.default_like(&old, &text, span)?;
                        self.replace_at(&place, fresh, span)
                    }
                    "replace" => self.replace_at(&place, args[1].clone(), span),
                    _ => {
                        let Value::Ref(other) = &args[1] else {
                            return self.mismatch(span, "&mut T", &args[1]);
                        };
                        let other = self.through_refs(other.clone(), span)?;
                        let b = self.value_at(&other).unwrap_or_else(Value::unit);
                        let a = self.replace_at(&place, b, span)?;
                        self.replace_at(&other, a, span)?;
                        Ok(Value::unit())
                    }
                }
            }
            "forget" => {
                let value = self.args(&c.args, 1, span)?.remove(0);
                if let Value::Owner(id) = value {
                    self.leaks.push(format!(
                        "{}:{}: `{text}` leaks it: no dealloc will ever run",
                        self.here.0, self.here.1
                    ));
                    self.owners[id] = Owner::Gone;
                }
                Ok(Value::unit())
            }
            "Ok" | "Err" | "Some" => {
                // `Some((s, vec![1]))` where an `Option<(String, Vec<u8>)>`
                // is declared: the value typed by it.
                let inner = match (name.as_str(), hint) {
                    ("Some", Some(Hint::Plain(Ty::Option(t)))) => Some(Hint::of(t)),
                    ("Some", Some(Hint::Try(false, inner, _)))
                    | ("Ok", Some(Hint::Try(true, inner, _)))
                    | ("Err", Some(Hint::Try(true, _, Some(inner)))) => Some((**inner).clone()),
                    _ => None,
                };
                if c.args.len() != 1 {
                    return err(span, arity_mismatch("enum variant", 1, c.args.len()));
                }
                let value = self.eval(&c.args[0], inner.as_ref())?;
                Ok(match name.as_str() {
                    "Some" => Value::Opt(Some(Box::new(value))),
                    _ => Value::Result(name == "Ok", Box::new(value)),
                })
            }
            // `std::mem::size_of::<T>()`, `align_of::<T>()`
            "size_of" | "align_of" if c.args.is_empty() => {
                let Some(t) = turbofish else {
                    return err(span, format!("write the type: `{name}::<T>()`"));
                };
                let layout = self.plain(t)?.layout(self.target);
                let n = if name == "size_of" {
                    layout.size
                } else {
                    layout.align
                };
                Ok(Value::Int(i128::from(n), Some(IntTy::Word(false))))
            }
            "Layout::new" => {
                let Some(t) = turbofish else {
                    return err(span, "write the type: `Layout::new::<T>()`");
                };
                Ok(Value::Layout(self.plain(t)?.layout(self.target)))
            }
            "Layout::array" => {
                let Some(t) = turbofish else {
                    return err(span, "write the type: `Layout::array::<T>(n)`");
                };
                let elem = self.plain(t)?.layout(self.target);
                let n = match c.args.first() {
                    Some(a) => self.eval_u64(a)?,
                    None => return err(span, "`Layout::array` takes a length"),
                };
                Ok(match std_rules::array_layout(elem, n, self.target) {
                    Ok(l) => Value::Result(true, Box::new(Value::Layout(l))),
                    Err(_) => Value::Result(false, Box::new(Value::LayoutError)),
                })
            }
            "Layout::from_size_align_unchecked" => {
                let args = self.args(&c.args, 2, span)?;
                let (Value::Int(size, _), Value::Int(align, _)) = (&args[0], &args[1]) else {
                    return err(
                        span,
                        "`Layout::from_size_align_unchecked` takes two numbers",
                    );
                };
                let (size, align) = (
                    u64::try_from(*size).unwrap_or(u64::MAX),
                    u64::try_from(*align).unwrap_or(0),
                );
                if let Err(e) = self.target.check_layout(size, align) {
                    return err(
                        span,
                        format!("`Layout::from_size_align_unchecked` with an invalid size and alignment is undefined behaviour: {e}"),
                    );
                }
                Ok(Value::Layout(LayoutSpec { size, align }))
            }
            "Layout::from_size_align" => {
                let args = self.args(&c.args, 2, span)?;
                let (Value::Int(size, _), Value::Int(align, _)) = (&args[0], &args[1]) else {
                    return err(span, "`Layout::from_size_align` takes two numbers");
                };
                let (size, align) = (
                    u64::try_from(*size).unwrap_or(u64::MAX),
                    u64::try_from(*align).unwrap_or(0),
                );
                Ok(match self.target.check_layout(size, align) {
                    Ok(()) => {
                        Value::Result(true, Box::new(Value::Layout(LayoutSpec { size, align })))
                    }
                    Err(_) => Value::Result(false, Box::new(Value::LayoutError)),
                })
            }
            "alloc" | "alloc_zeroed" => {
                let args = self.args(&c.args, 1, span)?;
                let Value::Layout(layout) = args[0] else {
                    return err(span, format!("`{name}` takes a Layout"));
                };
                let zeroed = name == "alloc_zeroed";
                let result = self.allocator_call(
                    Call::Alloc { layout, zeroed },
                    &format!("`{text}`: a raw call to the global allocator"),
                )?;
                let addr = result.as_ref().ok().copied();
                if let Ok(a) = result {
                    self.leaks.push(format!(
                        "{}:{}: raw allocation at {a} (freed only by `dealloc`)",
                        self.here.0, self.here.1
                    ));
                }
                Ok(Value::byte_ptr(addr.unwrap_or(Addr(0))))
            }
            "dealloc" => {
                let args = self.args(&c.args, 2, span)?;
                let (Value::Ptr(ptr, _), Value::Layout(layout)) = (&args[0], &args[1]) else {
                    return err(span, "`dealloc` takes a pointer and a Layout");
                };
                let call = Call::Dealloc {
                    addr: *ptr,
                    layout: *layout,
                };
                let result = self.allocator_call(call, &format!("`{text}`"))?;
                if result.is_ok() {
                    let tag = format!("raw allocation at {ptr} ");
                    self.leaks.retain(|l| !l.contains(&tag));
                }
                Ok(Value::unit())
            }
            "realloc" => {
                let args = self.args(&c.args, 3, span)?;
                let (Value::Ptr(ptr, _), Value::Layout(layout), Value::Int(n, _)) =
                    (&args[0], &args[1], &args[2])
                else {
                    return err(span, "`realloc` takes a pointer, a Layout and a new size");
                };
                let new_size = u64::try_from(*n).unwrap_or(0);
                let call = Call::Realloc {
                    addr: *ptr,
                    layout: *layout,
                    new_size,
                };
                let result = self.allocator_call(call, &format!("`{text}`"))?;
                let addr = result.as_ref().ok().copied();
                if let Some(new) = addr.filter(|&a| a != *ptr) {
                    let tag = format!("raw allocation at {ptr} ");
                    for l in &mut self.leaks {
                        if l.contains(&tag) {
                            *l = l.replace(&tag, &format!("raw allocation at {new} "));
                        }
                    }
                }
                Ok(Value::byte_ptr(addr.unwrap_or(Addr(0))))
            }
            // `std::process::abort()`: the run ends here as an
            // out-of-memory abort ends it, no destructor run.
            "abort" | "process::abort" => {
                self.args(&c.args, 0, span)?;
                halt(Halt::Abort(
                    super::super::PROCESS_ABORT.to_string(),
                    self.here,
                ))
            }
            "handle_alloc_error" => {
                let args = self.args(&c.args, 1, span)?;
                let Value::Layout(layout) = args[0] else {
                    return err(span, "`handle_alloc_error` takes a Layout");
                };
                halt(Halt::Abort(
                    format!("memory allocation of {} bytes failed", layout.size),
                    self.here,
                ))
            }
            "spawn" => self.spawn(c),
            "Bump::new" => Ok(Value::Owner(self.new_owner(Owner::Arena(BumpArena::new())))),
            "Vec::new_in" => {
                let arena = match c.args.first() {
                    Some(a) => self.owner_of(a)?,
                    None => return err(span, "`Vec::new_in` takes `&bump`"),
                };
                if !matches!(self.owners[arena], Owner::Arena(_)) {
                    return err(span, "`Vec::new_in` takes a `&Bump` here");
                }
                let id = self.new_vec(elem_hint, false);
                self.vec_arena.insert(id, (arena, None));
                Ok(Value::Owner(id))
            }
            _ => unsupported(&c.func, &format!("calling `{name}`")),
        }
    }

    /// A method of the program's own `impl`s, if the receiver's type has
    /// one called `name`: the receiver is lent (`&self`, `&mut self`) or
    /// moved in (`self`), seen through references and boxes.
    fn program_method(
        &mut self,
        m: &syn::ExprMethodCall,
        name: &str,
        span: Span,
    ) -> R<Option<Value>> {
        let place = self.place_of(&m.receiver)?;
        // Whether the receiver is a reference (`c: &mut Counter`), which
        // a method taking `self` takes, not what it refers to.
        let by_ref = place
            .as_ref()
            .is_some_and(|p| matches!(self.at_place(p), Some(Value::Ref(_))));
        let place = match place {
            Some(p) => Some(self.through_refs(p, span)?),
            None => None,
        };
        let value = match &place {
            Some(p) => self.value_at(p).unwrap_or_else(Value::unit),
            // `shapes[i].area()` on a `Vec` of plain data: the element is
            // read out of its bytes, lent to the method, and written back
            // if the method takes `&mut self`.
            None if matches!(&*m.receiver, Expr::Index(i)
                if !matches!(&*i.index, Expr::Range(_)) && names_a_place(&i.expr)) =>
            {
                return self.element_method(m, name, span);
            }
            // Only evaluate a temporary when it can be the program's type:
            // a call's result, a struct literal, an element or a slice of a
            // collection made here (`make_vec()[1].clone()`); a unit
            // struct's name is a value too (`Marker.method()`), and so is
            // a unit variant's (`Tree::Leaf.insert(3)`).
            None if match &*m.receiver {
                Expr::Call(_) | Expr::Struct(_) | Expr::MethodCall(_) | Expr::Index(_) => true,
                Expr::Path(p) => {
                    p.path
                        .get_ident()
                        .is_some_and(|i| self.named_value(&i.to_string()).is_some())
                        || self.variant_at(&p.path).is_some_and(|d| d.unit)
                }
                _ => false,
            } =>
            {
                return self.temporary_receiver(m, name, span);
            }
            None => return Ok(None),
        };
        let Some(ty) = self.method_type(&value) else {
            return Ok(None);
        };
        if name == "drop" && self.drop_fns.contains_key(&ty) && self.method_of(&ty, name).is_none()
        {
            return err(
                span,
                "explicit use of destructor method: `drop` runs by itself when the value goes; to drop it early, call `drop(x)`",
            );
        }
        let Some(f) = self.method_of(&ty, name) else {
            if let (Some(place), true) = (place, self.is_own_iterator(&value)) {
                return self.own_iterator_method(value, Some((place, by_ref)), m);
            }
            return Ok(None);
        };
        let Some(place) = place else {
            return Ok(None);
        };
        // A method of the struct inside a Box: the struct is lent through
        // a binding of its own, and written back after the call.
        if let Value::Owner(id) = value {
            // A heap value in a Box (a `Box<Tree>` whose `Tree` holds
            // boxes): lent where it is; or, to a method taking `self`,
            // moved out of the box, whose memory is freed when the box
            // goes (`(*b).into_thing()`, which only a `Box` allows).
            if matches!(self.owners[id], Owner::Box { .. })
                && matches!(self.contents.get(&id), Some(Contents::Value(_)))
            {
                let receiver = match f.receiver() {
                    Some(Receiver::Owned) => match self.contents.get_mut(&id) {
                        Some(Contents::Value(v)) => std::mem::replace(v, Value::unit()),
                        _ => Value::unit(),
                    },
                    _ => Value::Ref(Place {
                        root: value::Root::Content { owner: id },
                        fields: Vec::new(),
                    }),
                };
                return self.call_fn(f, Some(receiver), &m.args, span).map(Some);
            }
            if let Owner::Box { ptr, ty } = self.owners[id].clone() {
                let content = self.read_at(ptr, &ty)?;
                let (result, content) = self.with_temporary(content, |me, place| {
                    let receiver = match f.receiver() {
                        Some(Receiver::Owned) => me.value_at(&place),
                        _ => Some(Value::Ref(place)),
                    };
                    me.call_fn(f, receiver, &m.args, span)
                })?;
                self.write_at(ptr, &content, &ty);
                return result.map(Some);
            }
        }
        let receiver = match f.receiver() {
            // `t = t.insert(v)`: the receiver moves into the method, and
            // the place it left holds nothing to drop.
            Some(Receiver::Owned) => {
                if owns_heap(&value) {
                    self.moved_out(&place, span);
                }
                value
            }
            _ => Value::Ref(place),
        };
        self.call_fn(f, Some(receiver), &m.args, span).map(Some)
    }

    /// Marks the value at `place` as moved out: a binding is moved (using
    /// it again is an error, and it is not dropped); a field or a box's
    /// value is left empty, so that what holds it drops the rest.
    pub(super) fn moved_out(&mut self, place: &Place, span: Span) {
        match place.binding_root() {
            Some((scope, slot)) if place.fields.is_empty() => {
                if let Some(b) = self.scopes.get_mut(scope).and_then(|s| s.get_mut(slot)) {
                    b.moved = Some(at(span));
                }
            }
            _ => {
                if let Some(slot) = self.at_place_mut(place) {
                    *slot = Value::unit();
                }
            }
        }
    }

    /// `into_boxed_slice`, `into_boxed_str`, `into_vec`, `into_string` of
    /// `value`: the `Vec` or `String` itself, shrunk to fit on the way in.
    fn boxed_conversion(&mut self, value: Value, name: &str, m: &syn::ExprMethodCall) -> R<Value> {
        let Value::Owner(id) = value else {
            return unsupported(&m.method, &format!("`{name}` on this value"));
        };
        if !matches!(self.owners[id], Owner::Vec { .. }) {
            return unsupported(&m.method, &format!("`{name}` on this value"));
        }
        self.prim_args(m, 0)?;
        // `heap.into_vec()`: the vector, in the heap's order.
        self.heap_ordered.remove(&id);
        let (_, cap, len, ..) = self.vec_state(id);
        if name.starts_with("into_boxed") && cap > len {
            self.shrink(id, len, &self.src(m))?;
        }
        Ok(Value::Owner(id))
    }

    /// A method called on a temporary (`Point::new(1, 2).norm()`): the
    /// value lives in a binding of its own for the call, then is dropped.
    fn temporary_receiver(
        &mut self,
        m: &syn::ExprMethodCall,
        name: &str,
        span: Span,
    ) -> R<Option<Value>> {
        let value = self.eval(&m.receiver, None)?;
        if let Some(v) = self.shared_temporary_method(&value, m, name)? {
            return Ok(Some(v));
        }
        let converts = matches!(
            name,
            "into_boxed_slice" | "into_boxed_str" | "into_vec" | "into_string"
        );
        if converts
            && matches!(&value, Value::Owner(id) if matches!(self.owners[*id], Owner::Vec { .. }))
        {
            return self.boxed_conversion(value, name, m).map(Some);
        }
        // `map.entry(k).or_default().push(x)`: a reference to an owner
        // lends it to the method.
        if let Value::Ref(place) = &value {
            let place = self.through_refs(place.clone(), span)?;
            if let Some(Value::Owner(id)) = self.at_place(&place).cloned() {
                if matches!(
                    self.owners[id],
                    Owner::Vec { .. } | Owner::Map(_) | Owner::Deque(_)
                ) {
                    return self.owner_method(id, name, m).map(Some);
                }
            }
        }
        let Some(f) = self
            .method_type(&value)
            .and_then(|ty| self.method_of(&ty, name))
        else {
            if self.is_own_iterator(&value) {
                return self.own_iterator_method(value, None, m);
            }
            // `counter.map(f).collect()`: an iterator made by a call that
            // only running it shows to be one.
            if let Value::Owner(id) = value {
                if matches!(self.owners[id], Owner::Iter { .. }) {
                    let result = self.on_iterator(id, name, m)?;
                    self.keep_to_statement_end(vec![id], &result);
                    return Ok(Some(result));
                }
            }
            // Not the program's: the builtin methods take the value.
            let mut made = Vec::new();
            Self::owners_in(&value, &mut made);
            if let Some(result) = self.temporary_collection(&value, &made, name, m)? {
                self.keep_to_statement_end(made, &result);
                return Ok(Some(result));
            }
            let result = self.value_method(value, name, m, span)?;
            self.keep_to_statement_end(made, &result);
            return Ok(Some(result));
        };
        if f.receiver() == Some(Receiver::Owned) {
            return self.call_fn(f, Some(value), &m.args, span).map(Some);
        }
        let (result, _) = self.with_temporary(value, |me, place| {
            me.call_fn(f, Some(Value::Ref(place)), &m.args, span)
        })?;
        result.map(Some)
    }

    /// A method of the program's called on an element of a `Vec` of
    /// plain data (`v[i].method()`), if the element's type has it.
    fn element_method(
        &mut self,
        m: &syn::ExprMethodCall,
        name: &str,
        span: Span,
    ) -> R<Option<Value>> {
        let value = self.eval(&m.receiver, None)?;
        let Some(f) = self
            .method_type(&value)
            .and_then(|ty| self.method_of(&ty, name))
        else {
            return Ok(None);
        };
        if f.receiver() == Some(Receiver::Owned) {
            return self.call_fn(f, Some(value), &m.args, span).map(Some);
        }
        let mutates =
            matches!(f.sig.inputs.first(), Some(syn::FnArg::Receiver(r)) if r.mutability.is_some());
        let (result, after) = self.with_temporary(value, |me, place| {
            me.call_fn(f, Some(Value::Ref(place)), &m.args, span)
        })?;
        let result = result?;
        if mutates {
            self.store(&m.receiver, after)?;
        }
        Ok(Some(result))
    }

    /// Runs `f` with `value` in a binding of its own (a scope pushed for
    /// it), then drops that scope; gives `f`'s result and the value as it
    /// was at the end.
    pub(super) fn with_temporary(
        &mut self,
        value: Value,
        f: impl FnOnce(&mut Self, crate::scenario::value::Place) -> R<Value>,
    ) -> R<(R<Value>, Value)> {
        self.scopes.push(vec![Binding {
            name: String::new(),
            value,
            moved: None,
            alias: false,
        }]);
        let place = crate::scenario::value::Place::binding(self.scopes.len() - 1, 0);
        let result = f(self, place.clone());
        let after = self.value_at(&place).unwrap_or_else(Value::unit);
        // The value was lent or copied back: the scope drops nothing of it.
        if let Some(scope) = self.scopes.last_mut() {
            scope.clear();
        }
        self.scopes.pop();
        Ok((result, after))
    }

    pub(super) fn method(&mut self, m: &syn::ExprMethodCall) -> R<Value> {
        let name = m.method.to_string();
        let span = self.sp(m);
        // `9223372036854775808.to_string()`: a literal with no suffix and
        // nothing else to fix its type is an `i32`, and rustc refuses one
        // past its range (the deny-by-default `overflowing_literals`).
        if let Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) = &*m.receiver
        {
            let too_big = int
                .base10_parse::<u128>()
                .map_or(true, |n| n > i32::MAX as u128);
            if int.suffix().is_empty() && too_big {
                return err(self.sp(&*m.receiver), "literal out of range for `i32`");
            }
        }
        if let Some(value) = self.atomic_method(m, &name)? {
            return Ok(value);
        }
        // `v[1..].sort()`, `s.swap(0, 1)` of a `&mut [T]` (slice_views.rs).
        if let Some(value) = self.view_method(m, &name)? {
            return Ok(value);
        }
        if let Some(value) = self.shared_method(m, &name)? {
            return Ok(value);
        }
        if let Some(value) = self.memory_method(m, &name)? {
            return Ok(value);
        }
        if matches!(name.as_str(), "as_ref" | "as_mut") && m.args.is_empty() {
            return self.as_ref(m);
        }
        if let Some(value) = self.iterator_method(m, &name)? {
            return Ok(value);
        }
        if let Some(value) = self.entry_chain(m)? {
            return Ok(value);
        }
        // `self.0.fmt(f)` in a `fmt`: handing the `Formatter` on (a
        // temporary receiver too: `s.parse::<u8>().unwrap_err().fmt(f)`).
        if name == "fmt" {
            if let Some(value) = self.fmt_method(m)? {
                return Ok(value);
            }
        }
        if let Some(value) = self.program_method(m, &name, span)? {
            return Ok(value);
        }
        // `v.into_boxed_slice()`, `s.into_boxed_str()` and back: the owner
        // moves into the result, its buffer shrunk to its length on the
        // way in (`shrink_to_fit`), unchanged on the way out.
        if matches!(
            name.as_str(),
            "into_boxed_slice" | "into_boxed_str" | "into_vec" | "into_string"
        ) {
            let value = self.eval(&m.receiver, None)?;
            let value = self.deref(value);
            return self.boxed_conversion(value, &name, m);
        }
        // `slot.take()`, `slot.replace(v)` of an `Option` in a place: the
        // value moves out and `None` (or `v`) moves in.
        if matches!(name.as_str(), "take" | "replace") {
            if let Some(place) = self.place_of(&m.receiver)? {
                let place = self.through_refs(place, span)?;
                if let Some(Value::Opt(_)) = self.value_at(&place) {
                    let new = match name.as_str() {
                        "take" => {
                            self.prim_args(m, 0)?;
                            Value::Opt(None)
                        }
                        _ => {
                            let v = self.moved_args(m, 1)?.remove(0);
                            Value::Opt(Some(Box::new(v)))
                        }
                    };
                    return self.replace_at(&place, new, span);
                }
            }
        }
        // `slot.get_or_insert(v)` (or `_with(f)`), `slot.insert(v)` of an
        // `Option` in a place: `v` moves in when it is `None` (`insert`:
        // always, the old value dropped; `get_or_insert`: an unneeded `v`
        // dropped), and a `&mut` to what it holds comes back.
        if matches!(
            name.as_str(),
            "get_or_insert" | "get_or_insert_with" | "insert"
        ) {
            if let Some(place) = self.place_of(&m.receiver)? {
                let place = self.through_refs(place, span)?;
                if let Some(Value::Opt(held)) = self.value_at(&place) {
                    let given = self.moved_args(m, 1)?.remove(0);
                    let what = format!("`{name}` drops the value it replaces or does not need");
                    if name == "get_or_insert_with" {
                        if held.is_none() {
                            let Some(f) = self.closure_in(&given) else {
                                return unsupported(m, "`get_or_insert_with` without a closure");
                            };
                            let v = self.call_closure(f, Vec::new(), span)?;
                            self.replace_at(&place, Value::Opt(Some(Box::new(v))), span)?;
                        }
                        self.drop_value(&given, "the closure is dropped")?;
                    } else if held.is_none() || name == "insert" {
                        let old =
                            self.replace_at(&place, Value::Opt(Some(Box::new(given))), span)?;
                        self.drop_value(&old, &what)?;
                    } else {
                        self.drop_value(&given, &what)?;
                    }
                    let mut inner = place;
                    inner.fields.push(0);
                    return Ok(Value::Ref(inner));
                }
            }
        }
        // A heap owner in a place (`v`, `self.items`, `*r`) is lent to its
        // method, not moved.
        let receiver_owner = match self.place_of(&m.receiver)? {
            Some(place) => {
                let place = self.through_refs(place, span)?;
                match self.at_place(&place) {
                    Some(Value::Owner(id)) => Some(*id),
                    _ => None,
                }
            }
            None => None,
        };
        let Some(id) = receiver_owner else {
            // A method that only looks (`clone`, `len`, `is_some`, …) reads
            // a place without moving out of it.
            let looks = matches!(
                name.as_str(),
                "clone"
                    | "to_string"
                    | "to_owned"
                    | "len"
                    | "is_empty"
                    | "is_some"
                    | "is_none"
                    | "is_ok"
                    | "is_err"
                    | "contains"
                    | "starts_with"
                    | "ends_with"
                    | "eq"
                    | "ne"
            );
            let mut made = Vec::new();
            let value = match self.place_of(&m.receiver)? {
                Some(place) if looks => {
                    let place = self.through_refs(place, span)?;
                    self.value_at(&place).unwrap_or_else(Value::unit)
                }
                _ => {
                    let value = self.eval(&m.receiver, None)?;
                    Self::owners_in(&value, &mut made);
                    value
                }
            };
            // `cell.borrow_mut().items.push(x)`: a heap value lent where
            // it lives.
            if let Value::Ref(place) = &value {
                let place = self.through_refs(place.clone(), span)?;
                if let Some(Value::Owner(id)) = self.at_place(&place).cloned() {
                    if matches!(
                        self.owners[id],
                        Owner::Vec { .. } | Owner::Map(_) | Owner::Deque(_)
                    ) {
                        return self.owner_method(id, &name, m);
                    }
                }
            }
            let value = self.deref(value);
            if let Some(result) = self.temporary_collection(&value, &made, &name, m)? {
                self.keep_to_statement_end(made, &result);
                return Ok(result);
            }
            let result = self.value_method(value, &name, m, span)?;
            self.keep_to_statement_end(made, &result);
            return Ok(result);
        };
        self.owner_method(id, &name, m)
    }

    /// `opt.as_ref()`, `res.as_mut()`: what the `Option` or `Result` holds,
    /// lent where it is (`Some(&x)`); anything else lent as it is (`AsRef`).
    fn as_ref(&mut self, m: &syn::ExprMethodCall) -> R<Value> {
        let span = self.sp(m);
        let place = match self.place_of(&m.receiver)? {
            Some(p) => self.through_refs(p, span)?,
            None => match self.eval(&m.receiver, None)? {
                Value::Ref(p) => self.through_refs(p, span)?,
                // A temporary: what it holds, as it is.
                other => return Ok(other),
            },
        };
        let inside = |p: &Place| {
            let mut p = p.clone();
            p.fields.push(0);
            Box::new(Value::Ref(p))
        };
        Ok(match self.value_at(&place).as_ref() {
            Some(Value::Opt(None)) => Value::Opt(None),
            Some(Value::Opt(Some(_))) => Value::Opt(Some(inside(&place))),
            Some(Value::Result(ok, _)) => Value::Result(*ok, inside(&place)),
            _ => Value::Ref(place),
        })
    }

    /// A method of heap owner `id`, lent to it (`v.push(x)`, `m.insert(k,
    /// v)`, `b.clone()`).
    /// A collection made for the call (`vec![1, 2].len()`,
    /// `….collect::<Vec<_>>().join(",")`) lends itself to its method as a
    /// binding would; the caller keeps it to the end of the statement,
    /// where a temporary is dropped. `None` for any other value.
    fn temporary_collection(
        &mut self,
        value: &Value,
        made: &[usize],
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Option<Value>> {
        match value {
            Value::Owner(id)
                if made.contains(id)
                    && matches!(
                        self.owners[*id],
                        Owner::Vec { .. } | Owner::Map(_) | Owner::Deque(_)
                    ) =>
            {
                self.owner_method(*id, name, m).map(Some)
            }
            _ => Ok(None),
        }
    }

    fn owner_method(&mut self, id: usize, name: &str, m: &syn::ExprMethodCall) -> R<Value> {
        let span = self.sp(m);
        let name = name.to_string();
        if matches!(name.as_str(), "cmp" | "partial_cmp") {
            if let Some(v) = self.ordering_method(&Value::Owner(id), &name, m, span)? {
                return Ok(v);
            }
        }
        // What the owner's reasons quote.
        let text = self.src(m);
        match self.owners[id].clone() {
            Owner::Vec { .. } => {
                // A `BinaryHeap` is its vector, with heap order around its
                // methods.
                let heap = self.is_binary_heap(id);
                if heap {
                    if let Some(v) = self.heap_before(id, &name, m)? {
                        return Ok(v);
                    }
                }
                let v = self.vec_method(id, &name, m, &text)?;
                if heap {
                    return self.heap_after(id, &name, v, span);
                }
                Ok(v)
            }
            Owner::Map(_) => self.map_method(id, &name, m, &text),
            Owner::Deque(_) => self.deque_method(id, &name, m, &text),
            Owner::Rc { .. } if name == "clone" => self.rc_clone(id, span),
            Owner::Arena(_) if name == "alloc" => {
                let value = self.method_args(m, 1)?.remove(0);
                let Some(ty) = value.ty() else {
                    return unsupported(&m.args, "putting a heap owner in the arena");
                };
                let layout = ty.layout(self.target);
                let core = core_layout(layout, span)?;
                let reason = format!("`{text}`: bumps {} bytes down in the arena", layout.size);
                let addr = self.arena_op(
                    id,
                    (CallOp::Alloc, layout, None, None),
                    &reason,
                    |a, door, log| Ok(a.alloc(door, core, log)?.map(|r| r.0)),
                )?;
                let Some(addr) = addr else {
                    return halt(Halt::Abort(
                        format!("memory allocation of {} bytes failed", layout.size),
                        self.here,
                    ));
                };
                self.write_at(Some(addr), &value.typed(&ty), &ty);
                Ok(Value::Owner(
                    self.new_owner(Owner::ArenaValue { ptr: addr, ty }),
                ))
            }
            Owner::Arena(_) if name == "reset" => {
                let reason = format!(
                    "`{text}`: every chunk but the newest goes back; the newest is emptied"
                );
                self.arena_op(
                    id,
                    (
                        CallOp::Dealloc,
                        LayoutSpec { size: 0, align: 1 },
                        None,
                        None,
                    ),
                    &reason,
                    |a, door, log| Ok(a.reset(door, log)?.map(|()| Addr(0))),
                )?;
                let vecs: Vec<usize> = self
                    .vec_arena
                    .iter()
                    .filter(|(_, (arena, _))| *arena == id)
                    .map(|(v, _)| *v)
                    .collect();
                for vec in vecs {
                    self.vec_arena.insert(vec, (id, None));
                    if let Owner::Vec { ptr, cap, len, .. } = &mut self.owners[vec] {
                        *ptr = None;
                        *cap = 0;
                        *len = 0;
                    }
                }
                Ok(Value::unit())
            }
            Owner::Box { ptr, ty } if name == "clone" => {
                let value = self.read_at(ptr, &ty)?;
                let reason = format!("`{text}`: a new Box<{ty}>");
                self.new_box(value, ty, &reason)
            }
            _ => unsupported(&m.method, &format!("the method `{name}` on this value")),
        }
    }

    pub(super) fn value_method(
        &mut self,
        value: Value,
        name: &str,
        m: &syn::ExprMethodCall,
        span: Span,
    ) -> R<Value> {
        if matches!(name, "to_string" | "to_owned") && self.text_or_plain(&value) {
            return self.string_of(&value, &self.src(m));
        }
        if name == "to_string" {
            if let Some(f) = self.display_fn(&value) {
                return self.display_to_string(&value, f, m);
            }
        }
        if let Some(v) = self.formatter_method(&value, name, m)? {
            return Ok(v);
        }
        if let Some(v) = self.system_method(&value, name, m)? {
            return Ok(v);
        }
        if matches!(name, "max" | "min" | "clamp") && self.is_ord(&value) {
            return self.provided_ord(value, name, m, span);
        }
        // `#[derive(Clone)]` on a struct or a tuple that holds heap values:
        // each field cloned in order.
        if name == "clone" && m.args.is_empty() {
            let inner = self.deref(value.clone());
            if matches!(inner, Value::Struct(..) | Value::Tuple(_) | Value::Opt(_)) {
                return self.clone_value(&inner, &self.src(m));
            }
        }
        if let Some(v) = self.combinator(&value, name, m, span)? {
            return Ok(v);
        }
        if let Some(v) = self.ordering_method(&value, name, m, span)? {
            return Ok(v);
        }
        match (value, name) {
            (Value::Result(true, v), "unwrap" | "expect") => Ok(*v),
            (Value::Result(false, e), "unwrap") => {
                let shown = self.debug_text(*e)?;
                // `#[track_caller]`: the panic is where the method is named.
                err(
                    m.method.span(),
                    format!("panicked: called `Result::unwrap()` on an `Err` value: {shown}"),
                )
            }
            (Value::Result(false, e), "expect") => {
                let msg = match m.args.first() {
                    Some(Expr::Lit(syn::ExprLit {
                        lit: Lit::Str(s), ..
                    })) => s.value(),
                    _ => String::new(),
                };
                let shown = self.debug_text(*e)?;
                err(m.method.span(), format!("panicked: {msg}: {shown}"))
            }
            (Value::Result(ok, _), "is_ok") => Ok(Value::Bool(ok)),
            (Value::Result(ok, _), "is_err") => Ok(Value::Bool(!ok)),
            (Value::Opt(Some(v)), "unwrap") => Ok(*v),
            (Value::Opt(None), "unwrap") => err(
                m.method.span(),
                "panicked: called `Option::unwrap()` on a `None` value",
            ),
            (Value::Opt(o), "is_some") => Ok(Value::Bool(o.is_some())),
            (Value::Opt(o), "is_none") => Ok(Value::Bool(o.is_none())),
            (Value::Layout(l), "size") => {
                Ok(Value::Int(i128::from(l.size), Some(IntTy::Word(false))))
            }
            (Value::Layout(l), "align") => {
                Ok(Value::Int(i128::from(l.align), Some(IntTy::Word(false))))
            }
            (Value::Layout(l), "pad_to_align") => Ok(Value::Layout(std_rules::pad_to_align(l))),
            (Value::Layout(l), "align_to" | "padding_needed_for" | "repeat" | "extend_packed") => {
                let arg = self.method_args(m, 1)?.remove(0);
                let word = |n: u64| Value::Int(i128::from(n), Some(IntTy::Word(false)));
                let layout_result = |me: &Self, size: Option<u64>, align: u64| match size {
                    Some(size) if me.target.check_layout(size, align).is_ok() => {
                        Value::Result(true, Box::new(Value::Layout(LayoutSpec { size, align })))
                    }
                    _ => Value::Result(false, Box::new(Value::LayoutError)),
                };
                match (name, arg) {
                    ("align_to", Value::Int(a, _)) => {
                        let a = u64::try_from(a).unwrap_or(0);
                        Ok(layout_result(self, Some(l.size), l.align.max(a)))
                    }
                    ("padding_needed_for", Value::Int(a, _)) => {
                        let a = u64::try_from(a).unwrap_or(0);
                        Ok(word(if a.is_power_of_two() {
                            l.size.next_multiple_of(a) - l.size
                        } else {
                            u64::MAX >> (64 - 8 * self.target.word_size())
                        }))
                    }
                    ("repeat", Value::Int(n, _)) => {
                        let padded = std_rules::pad_to_align(l);
                        let size = u64::try_from(n)
                            .ok()
                            .and_then(|n| padded.size.checked_mul(n));
                        Ok(match layout_result(self, size, l.align) {
                            Value::Result(true, whole) => Value::Result(
                                true,
                                Box::new(Value::Tuple(vec![*whole, word(padded.size)])),
                            ),
                            other => other,
                        })
                    }
                    ("extend_packed", Value::Layout(next)) => {
                        Ok(layout_result(self, l.size.checked_add(next.size), l.align))
                    }
                    (_, other) => self.mismatch(span, "usize", &other),
                }
            }
            (Value::Layout(l), "dangling") => Ok(Value::Ptr(Addr(l.align), Box::new(u8_ty()))),
            (Value::Layout(l), "extend") => {
                let args = self.method_args(m, 1)?;
                let Value::Layout(next) = args[0] else {
                    return err(span, "`extend` takes a Layout");
                };
                let (whole, offset) = std_rules::extend(l, next);
                Ok(match self.target.check_layout(whole.size, whole.align) {
                    Ok(()) => Value::Result(
                        true,
                        Box::new(Value::Tuple(vec![
                            Value::Layout(whole),
                            Value::Int(i128::from(offset), Some(IntTy::Word(false))),
                        ])),
                    ),
                    Err(_) => Value::Result(false, Box::new(Value::LayoutError)),
                })
            }
            (Value::Ptr(p, _), "is_null") => Ok(Value::Bool(p.0 == 0)),
            (Value::Thread(i), "join") => self.join(i, m),
            (v, _) => self.prim_method(v, name, m, span),
        }
    }
}
