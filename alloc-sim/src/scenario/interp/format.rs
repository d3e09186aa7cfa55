//! Macros: `println!`/`print!`, `eprintln!`/`eprint!` and `vec![]`, and
//! how formatting shows values.
//!
//! A format string is parsed as rustc parses it (`{}`, `{:?}`, `{0}`,
//! `{name}`, captured `{x}`, fill and alignment, sign, `#`, `0`, width and
//! precision, literal or from an argument (`{:w$}`, `{:.*}`), and the
//! traits `?`, `x?`, `X?`, `x`, `X`, `o`, `b`, `e`, `E`, `p`); each
//! argument is evaluated once, in order, before anything is written. Values
//! are then written as `core::fmt` writes them, write by write: `pad` for
//! strings, `pad_integral` for integers, `pad_formatted_parts` for floats
//! (their digits are the host's own, so every float prints as Rust prints
//! it), and the `debug_tuple`/`debug_list`/`debug_struct` builders with
//! their `{:#?}` indentation. The writes are kept apart ([`FmtPiece`]), as
//! a `format!` into a `String` grows by them.

use super::*;

impl Interp<'_> {
    // ----- macros -----

    pub(super) fn mac(&mut self, mac: &syn::Macro, hint: Option<&Hint>) -> R<Value> {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        match name.as_str() {
            "println" | "print" | "eprintln" | "eprint" => {
                let args = self.macro_args(mac)?;
                if args.is_empty() && !name.ends_with("ln") {
                    return err(
                        mac.span(),
                        format!("`{name}!` requires at least a format string argument"),
                    );
                }
                let mut formatted = self.format_args(&args, mac.span())?;
                // stdout makes its buffer before anything is written: the
                // program's own `fmt`s run after it.
                if !name.starts_with('e') {
                    self.stdout_buffer()?;
                }
                self.resolve(&mut formatted)?;
                let mut text = formatted.text();
                if name.ends_with("ln") {
                    text.push('\n');
                }
                // stderr is unbuffered and not part of the run's output.
                if !name.starts_with('e') {
                    // Until the interpreter keeps whether stdout's last
                    // line is still open, each print starts a line.
                    self.stdout_open = write_stdout(&mut self.output, self.stdout_open, &text);
                }
                // The arguments' temporaries live to the end of the statement.
                for id in formatted.temporaries {
                    self.temporary(Value::Owner(id));
                }
                Ok(Value::unit())
            }
            "vec" => {
                let expr = match self.vec_body(mac) {
                    (expr, true) => expr?,
                    (expr, false) => {
                        let expr = expr?;
                        let key = source_key(mac.bang_token.span, 0);
                        self.macro_trees.push((key, expr.clone()));
                        expr
                    }
                };
                self.vec_macro(&expr, hint, &self.src(mac))
            }
            "format" => self.format_macro(mac),
            // `ptr::addr_of_mut!(HEAP)`: a raw pointer to the place.
            "addr_of" | "addr_of_mut" => {
                let key = source_key(mac.bang_token.span, 1);
                let kept = self.macro_trees.iter().find(|(k, _)| *k == key);
                let expr = match kept {
                    Some((_, expr)) => expr.clone(),
                    None => {
                        let expr: Expr = syn::parse2(mac.tokens.clone())
                            .or_else(|e| err(e.span(), e.to_string()))?;
                        let expr = Rc::new(expr);
                        self.macro_trees.push((key, expr.clone()));
                        expr
                    }
                };
                self.raw_address_of(&expr, mac.span())
            }
            "write" | "writeln" => self.write_macro(mac, name == "writeln"),
            "matches" => {
                let tree = self.matches_tree(mac)?;
                self.eval(&tree, None)
            }
            "assert" | "assert_eq" | "assert_ne" | "debug_assert" | "debug_assert_eq"
            | "debug_assert_ne" => self.assert_macro(mac, &name),
            // A panic stops the run here, with its message.
            "panic" | "unreachable" | "todo" | "unimplemented" => {
                let args = self.macro_args(mac)?;
                let what = match name.as_str() {
                    "panic" => "",
                    "unreachable" => "internal error: entered unreachable code",
                    "todo" => "not yet implemented",
                    _ => "not implemented",
                };
                let message = if args.is_empty() {
                    match what {
                        "" => "explicit panic".to_string(),
                        w => w.to_string(),
                    }
                } else {
                    let mut formatted = self.format_args(&args, mac.span())?;
                    self.resolve(&mut formatted)?;
                    let text = formatted.text();
                    match what {
                        "" => text,
                        w => format!("{w}: {text}"),
                    }
                };
                err(mac.span(), format!("panicked: {message}"))
            }
            "thread_local" => unsupported(mac, "`thread_local!`"),
            _ => unsupported(mac, &format!("the macro `{name}!`")),
        }
    }

    /// `matches!(value, pattern if guard)`: std's expansion, `match value {
    /// pattern if guard => true, _ => false }`, built from the program's
    /// own tokens (so errors point into the macro) once, and kept.
    fn matches_tree(&mut self, mac: &syn::Macro) -> R<Rc<Expr>> {
        let key = source_key(mac.bang_token.span, 2);
        if let Some((_, tree)) = self.macro_trees.iter().find(|(k, _)| *k == key) {
            return Ok(tree.clone());
        }
        let parts = mac.parse_body_with(|input: syn::parse::ParseStream| {
            let fork = input.fork();
            fork.parse::<Expr>()?;
            let end = fork.cursor();
            let mut value = TokenStream::new();
            while input.cursor() != end {
                value.extend([input.parse::<TokenTree>()?]);
            }
            input.parse::<syn::Token![,]>()?;
            let mut pattern: Vec<TokenTree> = input.parse::<TokenStream>()?.into_iter().collect();
            // `matches!(x, P,)`: the macro allows a trailing comma.
            if matches!(pattern.last(), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
                pattern.pop();
            }
            Ok((value, pattern))
        });
        let (value, pattern) = parts.or_else(|e| err(e.span(), e.to_string()))?;
        let at = mac.bang_token.span;
        let fixed = |text: &str| -> R<TokenStream> {
            let tokens: TokenStream = text
                .parse()
                .or_else(|_| err(at, "`matches!` could not be expanded"))?;
            Ok(tokens
                .into_iter()
                .map(|mut t| {
                    t.set_span(at);
                    t
                })
                .collect())
        };
        let mut arms: TokenStream = pattern.into_iter().collect();
        arms.extend(fixed("=> true, _ => false")?);
        let mut body = Group::new(Delimiter::Brace, arms);
        body.set_span(at);
        let mut tokens = fixed("match")?;
        tokens.extend(value);
        tokens.extend([TokenTree::Group(body)]);
        let tree: Expr = syn::parse2(tokens).or_else(|e| err(e.span(), e.to_string()))?;
        let tree = Rc::new(tree);
        self.macro_trees.push((key, tree.clone()));
        Ok(tree)
    }

    /// A macro's comma-separated arguments, parsed once and kept for the
    /// run (see `macro_args` in `Interp`).
    pub(super) fn macro_args(
        &mut self,
        mac: &syn::Macro,
    ) -> R<Rc<Punctuated<Expr, syn::Token![,]>>> {
        self.macro_part(mac, 0, || {
            mac.parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
        })
    }

    /// Part `part` of macro `mac`'s arguments, parsed by `parse` the first
    /// time and kept.
    pub(super) fn macro_part(
        &mut self,
        mac: &syn::Macro,
        part: u8,
        parse: impl FnOnce() -> syn::Result<Punctuated<Expr, syn::Token![,]>>,
    ) -> R<Rc<Punctuated<Expr, syn::Token![,]>>> {
        let key = source_key(mac.bang_token.span, part);
        if let Some((_, args)) = self.macro_args.iter().find(|(k, _)| *k == key) {
            return Ok(Rc::clone(args));
        }
        let args = Rc::new(parse().or_else(|e| err(e.span(), e.to_string()))?);
        self.macro_args.push((key, Rc::clone(&args)));
        Ok(args)
    }

    /// stdout makes its line buffer when it is first used, after the first
    /// print's arguments are evaluated and before anything is written.
    fn stdout_buffer(&mut self) -> R<()> {
        if self.stdout_ready || !super::super::runtime::modelled_on(self.target) {
            return Ok(());
        }
        self.stdout_ready = true;
        self.implicitly(|me| {
            me.alloc_infallible(
                super::super::runtime::STDOUT_BUFFER,
                false,
                "stdout's line buffer, made by the first print (never freed)",
            )
        })?;
        Ok(())
    }

    pub(super) fn vec_macro(&mut self, expr: &Expr, hint: Option<&Hint>, text: &str) -> R<Value> {
        let elem_hint = match hint {
            Some(Hint::Vec(Some(t))) => Some(t.clone()),
            _ => None,
        };
        // `vec![a, b, c]` is `box [a, b, c]` made into a Vec: the buffer is
        // allocated first, then the elements are built into it — so a
        // `String::from` inside comes after the Vec's own call. That needs
        // the element type before any element runs: written in the code
        // (`let v: Vec<T>`, a struct or variant, `String::from`, …).
        if let Expr::Array(a) = expr {
            let known = elem_hint
                .clone()
                .or_else(|| a.elems.first().and_then(|e| self.written_ty(e)));
            if let (Some(ty), false) = (known, a.elems.is_empty()) {
                return self.vec_built_in_place(a, ty, text);
            }
        }
        let plain_hint = elem_hint.as_ref().map(Hint::of);
        // `vec![x; n]` is kept as one item and a count: its elements are
        // written into the heap one by one once the allocation succeeded,
        // never built on the host (a Vec larger than the heap fails to
        // allocate first).
        let (items, n, zero) = match expr {
            Expr::Repeat(r) => {
                let item = self.eval(&r.expr, plain_hint.as_ref())?;
                let n = self.eval_u64(&r.len)?;
                (vec![item], n, true)
            }
            Expr::Array(a) => {
                let mut items = Vec::new();
                for e in &a.elems {
                    items.push(self.eval(e, plain_hint.as_ref())?);
                }
                let n = items.len() as u64;
                (items, n, false)
            }
            other => return unsupported(other, "this form of `vec!`"),
        };
        self.vec_of_items(items, n, zero, elem_hint, text, expr.span())
    }

    /// A `Vec` of exactly `n` elements, allocated after they were made:
    /// `items` (or `n` copies of its one item), as `vec![x; n]` and
    /// `Vec::from([a, b])` make it. `from_elem` (`vec![x; n]`) asks for
    /// zeroed memory instead of writing `x` where std's `IsZero` says `x`
    /// is all zeros.
    pub(super) fn vec_of_items(
        &mut self,
        items: Vec<Value>,
        n: u64,
        from_elem: bool,
        elem_hint: Option<Ty>,
        text: &str,
        span: Span,
    ) -> R<Value> {
        let id = self.new_vec(elem_hint, false);
        if n == 0 {
            // `vec![x; 0]` drops `x`, as std's `extend_with` does.
            if let [item] = items.as_slice() {
                if owns_heap(item) {
                    self.drop_value(
                        item,
                        &format!("`{text}`: no elements, so its one is dropped"),
                    )?;
                }
            }
            return Ok(Value::Owner(id));
        }
        let ty = self.elem_of(id, items.first(), span)?;
        let zero =
            from_elem && matches!(items.as_slice(), [x] if std_rules::is_zero::is_zero(x, &ty));
        let layout = ty.layout(self.target);
        if layout.size > 0 {
            let Ok(array) = std_rules::array_layout(layout, n, self.target) else {
                return self.capacity_overflow(false);
            };
            // `vec![0; n]` asks for zeroed memory instead of writing zeros.
            let reason = if zero {
                format!(
                    "`{text}`: {n} copies of a value that is all zero bytes, so std asks for zeroed memory (alloc_zeroed)"
                )
            } else {
                format!("`{text}`: exactly {n} element{}", plural(n as usize))
            };
            let addr = self.alloc_infallible(array, zero, &reason)?;
            self.set_vec(id, Some(addr), n, 0);
            if !zero {
                if let [item] = items.as_slice() {
                    let item = item.clone().typed(&ty);
                    // std's `extend_with`: `n - 1` clones, each a deep copy
                    // with its own allocations, then the value itself last.
                    let heap = owns_heap(&item);
                    for i in 0..n {
                        let element = if heap && i + 1 < n {
                            self.clone_value(&item, text)?.typed(&ty)
                        } else {
                            item.clone()
                        };
                        self.vec_write(id, i, &element, &ty);
                    }
                } else {
                    for (i, item) in items.iter().enumerate() {
                        self.vec_write(id, i as u64, &item.clone().typed(&ty), &ty);
                    }
                }
            }
        }
        let (ptr, ..) = self.vec_state(id);
        let cap = if layout.size > 0 { n } else { 0 };
        self.set_vec(id, ptr, cap, n);
        Ok(Value::Owner(id))
    }

    /// `vec![a, b, c]` whose element type is known: the buffer first,
    /// then each element, built and moved into it in order.
    fn vec_built_in_place(&mut self, a: &syn::ExprArray, ty: Ty, text: &str) -> R<Value> {
        let n = a.elems.len() as u64;
        let id = self.new_vec(Some(ty.clone()), false);
        let layout = ty.layout(self.target);
        let sized = layout.size > 0;
        if sized {
            let Ok(array) = std_rules::array_layout(layout, n, self.target) else {
                return self.capacity_overflow(false);
            };
            let reason = format!(
                "`{text}`: exactly {n} element{}, allocated before they are built",
                plural(n as usize)
            );
            let addr = self.alloc_infallible(array, false, &reason)?;
            self.set_vec(id, Some(addr), n, 0);
        }
        // Until every element is in, the buffer is only memory: a panic
        // while building one frees it without dropping the others.
        let hint = Hint::of(&ty);
        for (i, e) in a.elems.iter().enumerate() {
            let item = self.eval(e, Some(&hint))?.typed(&ty);
            if !self.value_fits(&item, &ty) {
                return self.mismatch(self.sp(e), &ty.to_string(), &item);
            }
            if sized {
                self.vec_write(id, i as u64, &item, &ty);
            }
        }
        let (ptr, ..) = self.vec_state(id);
        self.set_vec(id, ptr, if sized { n } else { 0 }, n);
        Ok(Value::Owner(id))
    }

    /// What a `vec!` holds, as an array or a repeat expression: the tree
    /// kept from its first run (`true`), or parsed now.
    fn vec_body(&self, mac: &syn::Macro) -> (R<Rc<Expr>>, bool) {
        let key = source_key(mac.bang_token.span, 0);
        if let Some((_, expr)) = self.macro_trees.iter().find(|(k, _)| *k == key) {
            return (Ok(expr.clone()), true);
        }
        (
            vec_array(mac)
                .map(Rc::new)
                .or_else(|e| err(e.span(), e.to_string())),
            false,
        )
    }

    /// The type of what a place expression names (`s`, `v[i]`, `p.name`),
    /// read from the values there, without running anything.
    fn place_ty_of(&self, e: &Expr) -> Option<Ty> {
        let ty = match e {
            Expr::Path(p) => {
                let (s, b) = self.lookup(&p.path.get_ident()?.to_string())?;
                self.value_ty(&self.scopes[s][b].value)?
            }
            Expr::Paren(p) => self.place_ty_of(&p.expr)?,
            Expr::Index(i) if !matches!(&*i.index, Expr::Range(_)) => {
                match unref(self.place_ty_of(&i.expr)?).resolved_ref() {
                    Ty::Vec(t) | Ty::Array(t, _) | Ty::Deque(t) => (**t).clone(),
                    _ => return None,
                }
            }
            Expr::Field(f) => {
                let syn::Member::Named(name) = &f.member else {
                    return None;
                };
                match unref(self.place_ty_of(&f.base)?).resolved_ref() {
                    Ty::Struct(def) => def.fields.iter().find(|(n, _)| name == n)?.1.clone(),
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some(ty)
    }

    /// The type a function of the program says it returns, where that
    /// needs nothing of the call (no type parameter, no `impl` generics).
    fn declared_return(&self, f: &functions::FnDef) -> Option<Ty> {
        if !f.sig.generics.params.is_empty() || f.impl_generics.is_some() {
            return None;
        }
        match &f.sig.output {
            syn::ReturnType::Type(_, ty) => self.plain(ty).ok(),
            syn::ReturnType::Default => None,
        }
    }

    /// The type an element shows in its own text: a suffixed literal's,
    /// or what `written_ty` sees.
    fn shown_ty(&self, e: &Expr) -> Option<Ty> {
        match e {
            Expr::Lit(l) => match &l.lit {
                Lit::Int(i) => IntTy::from_name(i.suffix()).map(Ty::Int),
                Lit::Str(_) => Some(Ty::Str),
                Lit::Char(_) => Some(Ty::Char),
                Lit::Bool(_) => Some(Ty::Bool),
                _ => None,
            },
            e => self.written_ty(e),
        }
    }

    /// The type of a value as the code writes it, without running it: a
    /// struct or variant built by name, or a `String` made by `String::from`,
    /// `String::new`, `format!` or `to_string`. `None` for anything else.
    pub(super) fn written_ty(&self, e: &Expr) -> Option<Ty> {
        let of = |def: Rc<StructDef>| match &def.variant {
            Some(v) => v.def.upgrade().map(Ty::Enum),
            None => Some(Ty::Struct(def)),
        };
        match e {
            Expr::Struct(s) => of(self.constructor(&s.path)?),
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return None };
                if let Some(def) = self.constructor(&p.path) {
                    return of(def);
                }
                match Self::path_name(&p.path).0.as_str() {
                    "String::from" | "String::new" | "String::with_capacity" => Some(Ty::String),
                    // `Some(String::from("a"))`: an `Option` of what it holds.
                    "Some" => Some(Ty::Option(Box::new(self.written_ty(c.args.first()?)?))),
                    "Box::new" => Some(Ty::Box(Box::new(self.shown_ty(c.args.first()?)?))),
                    // `word("one")`: what the program's function declares it
                    // returns.
                    name if p.path.segments.len() == 1 => {
                        let f = self.fns.get(name)?;
                        if f.self_ty.is_some() {
                            return None;
                        }
                        self.declared_return(f)
                    }
                    // `Node::new(1)`: what the associated function returns,
                    // `Self` being the type it is called on.
                    _ if p.path.segments.len() == 2 => {
                        let on = p.path.segments[0].ident.to_string();
                        let f = self
                            .methods
                            .get(&on)?
                            .get(&p.path.segments[1].ident.to_string())?;
                        let syn::ReturnType::Type(_, out) = &f.sig.output else {
                            return None;
                        };
                        if let Type::Path(t) = &**out {
                            if t.path.is_ident("Self") {
                                return match (self.structs.get(&on), self.enums.get(&on)) {
                                    (Some(def), _) if def.args.is_empty() => {
                                        Some(Ty::Struct(def.clone()))
                                    }
                                    (_, Some(def)) if def.args.is_empty() => {
                                        Some(Ty::Enum(def.clone()))
                                    }
                                    _ => None,
                                };
                            }
                        }
                        if source_text(&**out).contains("Self") {
                            return None;
                        }
                        self.declared_return(f)
                    }
                    _ => None,
                }
            }
            Expr::Path(p) => self.variant_at(&p.path).filter(|d| d.unit).and_then(of),
            Expr::Macro(m) if m.mac.path.is_ident("format") => Some(Ty::String),
            Expr::MethodCall(m)
                if m.method == "to_string"
                    || m.method == "to_owned" && matches!(&*m.receiver, Expr::Lit(_)) =>
            {
                Some(Ty::String)
            }
            // `s.clone()`, `nodes[0].clone()`, `p.name.clone()`: the type
            // of the value the place holds (or lends).
            Expr::MethodCall(m) if m.method == "clone" && m.args.is_empty() => {
                Some(unref(self.place_ty_of(&m.receiver)?))
            }
            Expr::Paren(p) => self.written_ty(&p.expr),
            // A tuple whose every part shows its type: `(3u64, "c".to_string())`.
            Expr::Tuple(t) if !t.elems.is_empty() => {
                let parts: Option<Vec<Ty>> = t.elems.iter().map(|e| self.shown_ty(e)).collect();
                Some(Ty::Tuple(parts?))
            }
            // `vec![vec![1u16], vec![5]]`: a `Vec` of the type any of its
            // elements shows (rustc infers it from all of them).
            Expr::Macro(m) if m.mac.path.is_ident("vec") => {
                let elem = match &*self.vec_body(&m.mac).0.ok()? {
                    Expr::Array(a) => a.elems.iter().find_map(|e| self.shown_ty(e)),
                    Expr::Repeat(r) => self.shown_ty(&r.expr),
                    _ => None,
                }?;
                Some(Ty::Vec(Box::new(elem)))
            }
            _ => None,
        }
    }

    // ----- format strings -----

    /// Formats a macro's arguments (`"format string", args…`) as
    /// `format_args!` does: every explicit argument evaluated once, in
    /// order, then the pieces written. Heap owners among the arguments are
    /// shown by their contents; the temporaries made for them are returned
    /// to be dropped at the end of the statement.
    pub(super) fn format_args(
        &mut self,
        args: &Punctuated<Expr, syn::Token![,]>,
        span: Span,
    ) -> R<Formatted> {
        let args: Vec<&Expr> = args.iter().collect();
        self.format_args_of(&args, span)
    }

    /// [`Interp::format_args`] of arguments given one by one (`write!`'s
    /// after its destination).
    pub(super) fn format_args_of(&mut self, args: &[&Expr], span: Span) -> R<Formatted> {
        let mut iter = args.iter().copied();
        let Some(first) = iter.next() else {
            return Ok(Formatted::default());
        };
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(fmt), ..
        }) = first
        else {
            return err(first.span(), "format argument must be a string literal");
        };
        let template = parse_template(&fmt.value())
            .or_else(|e| err(fmt.span(), format!("invalid format string: {e}")))?;
        // The explicit arguments: positional ones, then `name = value`.
        let mut explicit: Vec<(Option<String>, &Expr)> = Vec::new();
        for arg in iter {
            match arg {
                Expr::Assign(a) => {
                    let Expr::Path(p) = &*a.left else {
                        return unsupported(arg, "this format argument");
                    };
                    let Some(name) = p.path.get_ident() else {
                        return unsupported(arg, "this format argument");
                    };
                    explicit.push((Some(name.to_string()), &*a.right));
                }
                other => {
                    if explicit.iter().any(|(n, _)| n.is_some()) {
                        return err(
                            other.span(),
                            "positional arguments cannot follow named arguments",
                        );
                    }
                    explicit.push((None, other));
                }
            }
        }
        let positional = explicit.iter().filter(|(n, _)| n.is_none()).count();
        // Every argument a placeholder names: an explicit one by index, or
        // an identifier captured from the scope.
        let mut captured: Vec<String> = Vec::new();
        let mut next = 0;
        let mut slot_of = |arg: &ArgRef, next: &mut usize| -> Result<Slot, String> {
            match arg {
                ArgRef::Next | ArgRef::Index(_) => {
                    let i = match arg {
                        ArgRef::Index(i) => *i,
                        _ => {
                            *next += 1;
                            *next - 1
                        }
                    };
                    if i < explicit.len() {
                        Ok(Slot::Explicit(i))
                    } else {
                        Err(format!(
                            "invalid reference to positional argument {i} ({})",
                            match positional {
                                0 => "no arguments were given".to_string(),
                                1 => "there is 1 argument".to_string(),
                                n => format!("there are {n} arguments"),
                            }
                        ))
                    }
                }
                ArgRef::Name(name) => {
                    match explicit
                        .iter()
                        .position(|(n, _)| n.as_deref() == Some(name))
                    {
                        Some(i) => Ok(Slot::Explicit(i)),
                        None => {
                            let i = match captured.iter().position(|c| c == name) {
                                Some(i) => i,
                                None => {
                                    captured.push(name.clone());
                                    captured.len() - 1
                                }
                            };
                            Ok(Slot::Captured(i))
                        }
                    }
                }
            }
        };
        let mut holes = Vec::new();
        for part in &template {
            let TplPart::Hole(h) = part else {
                continue;
            };
            // `.*` takes the next argument for the precision, before the value's.
            let precision = match &h.precision {
                Some(Count::Arg(a)) => Some(HoleCount::Arg(
                    slot_of(a, &mut next).or_else(|e| err(fmt.span(), e))?,
                )),
                Some(Count::Lit(n)) => Some(HoleCount::Lit(*n)),
                None => None,
            };
            let value = slot_of(&h.arg, &mut next).or_else(|e| err(fmt.span(), e))?;
            let width = match &h.width {
                Some(Count::Arg(a)) => Some(HoleCount::Arg(
                    slot_of(a, &mut next).or_else(|e| err(fmt.span(), e))?,
                )),
                Some(Count::Lit(n)) => Some(HoleCount::Lit(*n)),
                None => None,
            };
            holes.push((value, width, precision));
        }
        let used: Vec<bool> = (0..explicit.len())
            .map(|i| {
                holes.iter().any(|(v, w, p)| {
                    let named = |c: &Option<HoleCount>| matches!(c, Some(HoleCount::Arg(Slot::Explicit(j))) if *j == i);
                    *v == Slot::Explicit(i) || named(w) || named(p)
                })
            })
            .collect();
        if let Some(i) = used.iter().position(|u| !u) {
            let what = if explicit[i].0.is_some() {
                "named argument never used"
            } else {
                "argument never used"
            };
            return err(explicit[i].1.span(), what);
        }
        // Evaluate: the explicit arguments in order, then the captures.
        let mut formatted = Formatted::default();
        let mut values = Vec::new();
        let mut originals = Vec::new();
        // Every argument is evaluated before any is shown (a place is lent:
        // `println!("{:?} {}", cell, cell.take())` shows the cell taken).
        for (_, expr) in &explicit {
            let (value, temporary) = self.arg_value(expr)?;
            formatted.temporaries.extend(temporary);
            originals.push(value);
        }
        for value in &mut originals {
            values.push(self.view(value.clone(), true)?);
            *value = self.deref(value.clone());
        }
        let mut captures = Vec::new();
        for name in &captured {
            let path = match self.captured_paths.iter().find(|(n, _)| n == name) {
                Some((_, path)) => Rc::clone(path),
                None => {
                    let path: syn::ExprPath = syn::parse_str(name)
                        .or_else(|_| err(fmt.span(), format!("bad format argument `{name}`")))?;
                    let path = Rc::new(Expr::Path(path));
                    self.captured_paths.push((name.clone(), Rc::clone(&path)));
                    path
                }
            };
            let Expr::Path(p) = &*path else {
                return err(fmt.span(), format!("bad format argument `{name}`"));
            };
            let Some(ident) = p.path.get_ident() else {
                return err(fmt.span(), format!("bad format argument `{name}`"));
            };
            if self.lookup(&ident.to_string()).is_none()
                && !self.globals.contains_key(name)
                && self.static_index(name).is_none()
            {
                return err(
                    fmt.span(),
                    format!("cannot find value `{name}` in this scope"),
                );
            }
            let (value, _) = self.arg_value(&path)?;
            captures.push(self.view(value.clone(), true)?);
            originals.push(value);
        }
        let value_of = |slot: &Slot| match slot {
            Slot::Explicit(i) => &values[*i],
            Slot::Captured(i) => &captures[*i],
        };
        let count = |c: &Option<HoleCount>| -> R<Option<usize>> {
            match c {
                None => Ok(None),
                Some(HoleCount::Lit(n)) => Ok(Some(*n)),
                Some(HoleCount::Arg(slot)) => match value_of(slot) {
                    Value::Int(n, None | Some(IntTy::Word(false))) if *n >= 0 => {
                        match u16::try_from(*n) {
                            Ok(n) => Ok(Some(usize::from(n))),
                            Err(_) => err(span, "panicked: Formatting argument out of range"),
                        }
                    }
                    _ => err(
                        fmt.span(),
                        "a width or precision argument must be a `usize`",
                    ),
                },
            }
        };
        let mut holes = holes.into_iter();
        for part in &template {
            match part {
                TplPart::Lit(text) => formatted.push_literal(text),
                TplPart::Hole(h) => {
                    let Some((slot, width, precision)) = holes.next() else {
                        continue;
                    };
                    // rustc folds a string or integer literal shown with a
                    // plain `{}` into the format string.
                    if let Slot::Explicit(i) = slot {
                        if let Some(text) = inline_literal(h, explicit[i].1) {
                            formatted.push_literal(&text);
                            continue;
                        }
                    }
                    let spec = Spec {
                        width: count(&width)?,
                        precision: count(&precision)?,
                        ..h.spec
                    };
                    let original = match slot {
                        Slot::Explicit(i) => &originals[i],
                        Slot::Captured(i) => &originals[explicit.len() + i],
                    };
                    // The program's own `Display`: its `fmt` runs when the
                    // argument is written (see `display.rs`).
                    if spec.kind == Kind::Display {
                        if let Some(f) = self.display_fn(original) {
                            let pad = Pad {
                                spec,
                                ..Pad::default()
                            };
                            formatted
                                .pieces
                                .push(FmtPiece::Own(original.clone(), f, span, pad));
                            continue;
                        }
                    }
                    let value = value_of(&slot);
                    let mut w = Writer::with_own(self.own_debug_types());
                    if let Err(trait_) = render(value, &spec, self.target, &mut w) {
                        return err(
                            fmt.span(),
                            format!(
                                "`{}` doesn't implement `std::fmt::{trait_}`",
                                self.type_name(original)
                            ),
                        );
                    }
                    // The writes around each value whose `fmt` is the
                    // program's own, and that `fmt`, to run when written.
                    let pieces = self.writer_pieces(w, span);
                    formatted.pieces.extend(pieces);
                }
            }
        }
        Ok(formatted)
    }

    /// The types whose `{:?}` the program writes itself.
    pub(super) fn own_debug_types(&self) -> Vec<String> {
        self.debug_fns.keys().cloned().collect()
    }

    /// A writer's writes as pieces: the writes around each hole it left,
    /// and the program's own `fmt` of `Debug` for the hole's value, to
    /// run when the pieces are written.
    pub(super) fn writer_pieces(&self, w: Writer, span: Span) -> Vec<FmtPiece> {
        let mut pieces = Vec::new();
        let mut writes = w.writes.into_iter();
        let mut at = 0;
        for hole in w.holes {
            let before = writes.by_ref().take(hole.at - at).collect();
            at = hole.at;
            pieces.push(FmtPiece::Argument(before));
            if let Value::Struct(def, _) = &hole.value {
                if let Some(f) = self.debug_fns.get(def.type_name()).cloned() {
                    pieces.push(FmtPiece::Own(hole.value, f, span, hole.pad));
                }
            }
        }
        pieces.push(FmtPiece::Argument(writes.collect()));
        pieces
    }

    /// Drops the temporaries a statement made for its format arguments.
    pub(super) fn drop_temporaries(&mut self, temporaries: &[usize]) -> R<()> {
        for &id in temporaries.iter().rev() {
            if !matches!(self.owners.get(id), None | Some(Owner::Gone)) {
                self.drop_owner(id, "a temporary is dropped at the end of its statement")?;
            }
        }
        Ok(())
    }

    /// An argument as formatting sees it: see [`Self::arg_value`], then
    /// [`Self::plain_view`].
    pub(super) fn arg_view(&mut self, expr: &Expr) -> R<(Value, Vec<usize>)> {
        let (value, temporary) = self.arg_value(expr)?;
        Ok((self.plain_view(value)?, temporary))
    }

    /// An argument's value: a place (`x`, `&x`) is lent (a reference to
    /// it), not moved;
    /// anything else is evaluated, and the heap owners it makes (`s.clone()`,
    /// `Some(s.clone())`, `weak.upgrade()`) are temporaries (returned, to be
    /// dropped at the end of the statement).
    pub(super) fn arg_value(&mut self, expr: &Expr) -> R<(Value, Vec<usize>)> {
        let mut inner = expr;
        while let Expr::Reference(syn::ExprReference { expr, .. })
        | Expr::Paren(syn::ExprParen { expr, .. }) = inner
        {
            inner = expr;
        }
        // A place (`x`, `self.name`, `v[0]`, `*r`) is borrowed where it is.
        if let Some(place) = self.place_of(inner)? {
            let place = self.through_refs(place, inner.span())?;
            if self.at_place(&place).is_some() {
                return Ok((Value::Ref(place), Vec::new()));
            }
        }
        let value = self.eval(expr, None)?;
        let mut temporaries = Vec::new();
        Self::owners_in(&value, &mut temporaries);
        Ok((value, temporaries))
    }

    /// `value` with references followed and heap owners replaced by their
    /// contents (a `String` by its text, a `Vec` by its elements, a box or
    /// `Rc` by its value), all the way down.
    pub(super) fn plain_view(&mut self, value: Value) -> R<Value> {
        self.view(value, false)
    }

    /// [`Self::plain_view`]; for formatting (`own`), a value of a type
    /// with the program's own `Debug` is kept as it is: its `fmt` reads
    /// its fields.
    pub(super) fn view(&mut self, value: Value, own: bool) -> R<Value> {
        Ok(match self.deref(value) {
            Value::Owner(id) => self.owner_view(id, own)?,
            Value::Tuple(items) => Value::Tuple(self.plain_views(items, own)?),
            Value::Array(items) => Value::Array(self.plain_views(items, own)?),
            Value::Struct(def, items) if own && self.debug_fns.contains_key(def.type_name()) => {
                Value::Struct(def, items)
            }
            Value::Struct(def, items) => {
                let items = self.plain_views(items, own)?;
                match Self::cell_view(&def, items.clone()) {
                    Some(view) => view,
                    None => Value::Struct(def, items),
                }
            }
            Value::Opt(Some(v)) => Value::Opt(Some(Box::new(self.view(*v, own)?))),
            Value::Result(ok, v) => Value::Result(ok, Box::new(self.view(*v, own)?)),
            other => other,
        })
    }

    fn plain_views(&mut self, items: Vec<Value>, own: bool) -> R<Vec<Value>> {
        items.into_iter().map(|v| self.view(v, own)).collect()
    }

    /// What a heap owner holds, as a plain value.
    fn owner_view(&mut self, id: usize, own: bool) -> R<Value> {
        let Some(owner) = self.owners.get(id).cloned() else {
            return Ok(Value::Owner(id));
        };
        match owner {
            Owner::Vec {
                ptr,
                len,
                string: true,
                ..
            } => {
                let bytes = ptr
                    .map(|p| self.sim.heap().read(p, len).to_vec())
                    .unwrap_or_default();
                Ok(Value::Str(String::from_utf8_lossy(&bytes).into_owned()))
            }
            Owner::Vec { len, .. } => {
                let mut items = Vec::new();
                for i in 0..len {
                    let item = self.vec_get(id, i, Span::call_site())?;
                    items.push(self.view(item, own)?);
                }
                Ok(Value::Array(items))
            }
            Owner::Box { ptr, ty } => match self.contents.get(&id) {
                Some(Contents::Value(v)) => {
                    let v = v.clone();
                    self.view(v, own)
                }
                _ => self.read_at(ptr, &ty),
            },
            Owner::Rc { .. } | Owner::Weak { .. } | Owner::Guard { .. } => {
                let view = self.shared_view(id).unwrap_or_else(Value::unit);
                self.view(view, own)
            }
            Owner::ArenaValue { ptr, ty } => self.read_at(Some(ptr), &ty),
            Owner::Map(_) => {
                let mut items = Vec::new();
                for item in self.map_items_in_order(id) {
                    items.push(self.view(item, own)?);
                }
                Ok(Value::Entries(!self.map_is_set(id), items))
            }
            Owner::Deque(_) => {
                let mut items = Vec::new();
                for item in self.deque_items(id) {
                    items.push(self.view(item, own)?);
                }
                Ok(Value::Array(items))
            }
            // `c.to_uppercase()` shows the chars it has left.
            Owner::Iter {
                iter:
                    super::iter::Iter::Items {
                        items,
                        front,
                        back,
                        count: super::iter::Count::CaseMapping,
                        ..
                    },
                ..
            } => Ok(Value::Str(
                items
                    .get(front..back)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|v| match v {
                        Value::Char(c) => Some(*c),
                        _ => None,
                    })
                    .collect(),
            )),
            Owner::Arena(_)
            | Owner::Closure { .. }
            | Owner::Iter { .. }
            | Owner::Shared { .. }
            | Owner::Gone => Ok(Value::Owner(id)),
        }
    }
}

/// Writes `text` to stdout as the run keeps it: one entry per line,
/// without its newline. `open` says whether the last entry is a line not
/// yet ended (by an earlier `print!`), which `text` then continues; the
/// result says whether the line `text` leaves is open.
fn write_stdout(output: &mut Vec<String>, open: bool, text: &str) -> bool {
    let mut open = open;
    for line in text.split_inclusive('\n') {
        let (body, ended) = match line.strip_suffix('\n') {
            Some(body) => (body, true),
            None => (line, false),
        };
        match output.last_mut() {
            Some(last) if open => last.push_str(body),
            _ => output.push(body.to_string()),
        }
        open = !ended;
    }
    open
}

/// What `format_args!` made: the pieces in order and the temporaries to
/// drop at the end of the statement.
#[derive(Default, Clone)]
pub(super) struct Formatted {
    /// Literal text (literal arguments folded in, as rustc folds them) and
    /// the writes each formatted argument made.
    pub(super) pieces: Vec<FmtPiece>,
    /// Heap owners made by the arguments.
    pub(super) temporaries: Vec<usize>,
}

/// One piece of formatted text.
#[derive(Clone)]
pub(super) enum FmtPiece {
    /// Literal text between placeholders: one write.
    Literal(String),
    /// An argument: the writes its formatting made, in order.
    Argument(Vec<String>),
    /// An argument of a type with the program's own `Display` or `Debug`, whose
    /// `fmt` runs only when it is written, into the destination itself
    /// (see `display.rs`); `Interp::resolve` makes it the writes.
    Own(Value, Rc<super::functions::FnDef>, Span, Pad),
}

impl Formatted {
    /// The whole text.
    pub(super) fn text(&self) -> String {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                FmtPiece::Literal(s) => text.push_str(s),
                FmtPiece::Argument(writes) => writes.iter().for_each(|w| text.push_str(w)),
                FmtPiece::Own(..) => {}
            }
        }
        text
    }

    /// Appends literal text, joined to the literal before it.
    pub(super) fn push_literal(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(FmtPiece::Literal(s)) => s.push_str(text),
            _ => self.pieces.push(FmtPiece::Literal(text.to_string())),
        }
    }
}

/// rustc's `inline_literals`: a string literal, or an integer literal
/// that fits its type (`i32` unsuffixed), shown by a `{}` without options,
/// becomes part of the format string.
fn inline_literal(hole: &Hole, expr: &Expr) -> Option<String> {
    if hole.spec != Spec::default() || hole.width.is_some() || hole.precision.is_some() {
        return None;
    }
    let mut expr = expr;
    while let Expr::Reference(syn::ExprReference { expr: e, .. })
    | Expr::Paren(syn::ExprParen { expr: e, .. }) = expr
    {
        expr = e;
    }
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.value()),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(n), ..
        }) => {
            let v = n.base10_parse::<u128>().ok()?;
            let max: u128 = match n.suffix() {
                "" | "i32" => i32::MAX as u128,
                "i8" => i8::MAX as u128,
                "i16" => i16::MAX as u128,
                "i64" | "isize" => i64::MAX as u128,
                "i128" => i128::MAX as u128,
                "u8" => u8::MAX.into(),
                "u16" => u16::MAX.into(),
                "u32" => u32::MAX.into(),
                "u64" | "usize" => u64::MAX.into(),
                "u128" => u128::MAX,
                _ => return None,
            };
            (v <= max).then(|| v.to_string())
        }
        _ => None,
    }
}

// ----- parsing format strings -----

/// A parsed format string.
#[derive(Debug, Clone, PartialEq)]
enum TplPart {
    Lit(String),
    Hole(Hole),
}

/// A placeholder: its argument, its options, and its counts.
#[derive(Debug, Clone, PartialEq)]
struct Hole {
    arg: ArgRef,
    /// Fill, alignment, flags and trait (width and precision unset).
    spec: Spec,
    width: Option<Count>,
    precision: Option<Count>,
}

/// Which argument a placeholder (or a `$` count) names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ArgRef {
    /// `{}`: the next one.
    Next,
    /// `{0}`.
    Index(usize),
    /// `{name}`: a named argument, or a captured binding.
    Name(String),
}

/// A width or precision as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Count {
    Lit(usize),
    /// `1$`, `name$`, or `.*` (the next argument).
    Arg(ArgRef),
}

/// An argument once resolved: explicit (by index) or captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Explicit(usize),
    Captured(usize),
}

/// A resolved width or precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HoleCount {
    Lit(usize),
    Arg(Slot),
}

/// Parses a format string as `rustc_parse_format` does.
fn parse_template(fmt: &str) -> Result<Vec<TplPart>, String> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '}' => return Err("unmatched `}` found".into()),
            '{' => {
                let mut inside = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    inside.push(c);
                }
                if !closed {
                    return Err("expected `}` but string was terminated".into());
                }
                if !lit.is_empty() {
                    parts.push(TplPart::Lit(std::mem::take(&mut lit)));
                }
                parts.push(TplPart::Hole(parse_hole(&inside)?));
            }
            other => lit.push(other),
        }
    }
    if !lit.is_empty() {
        parts.push(TplPart::Lit(lit));
    }
    Ok(parts)
}

/// What is between `{` and `}`: `argument[:spec]`.
fn parse_hole(inside: &str) -> Result<Hole, String> {
    let (arg, spec) = match inside.split_once(':') {
        Some((arg, spec)) => (arg, Some(spec)),
        None => (inside, None),
    };
    let arg = match arg.trim_end() {
        "" => ArgRef::Next,
        a if a.chars().all(|c| c.is_ascii_digit()) => {
            ArgRef::Index(a.parse().map_err(|_| format!("invalid argument `{a}`"))?)
        }
        a if is_identifier(a) => ArgRef::Name(a.to_string()),
        a => return Err(format!("invalid argument name `{a}`")),
    };
    let mut hole = Hole {
        arg,
        spec: Spec::default(),
        width: None,
        precision: None,
    };
    if let Some(spec) = spec {
        parse_spec(spec, &mut hole)?;
    }
    Ok(hole)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(super::char_class::starts_ident)
        && chars.all(super::char_class::continues_ident)
        && s != "_"
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '^' => Some(Align::Center),
        '>' => Some(Align::Right),
        _ => None,
    }
}

/// `[[fill]align][sign]['#']['0'][width]['.' precision][type]`.
fn parse_spec(spec: &str, hole: &mut Hole) -> Result<(), String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    if let Some(align) = at(1).and_then(align_of) {
        hole.spec.fill = chars[0];
        hole.spec.align = Some(align);
        i = 2;
    } else if let Some(align) = at(0).and_then(align_of) {
        hole.spec.align = Some(align);
        i = 1;
    }
    match at(i) {
        Some('+') => {
            hole.spec.plus = true;
            i += 1;
        }
        Some('-') => {
            hole.spec.minus = true;
            i += 1;
        }
        _ => {}
    }
    if at(i) == Some('#') {
        hole.spec.alternate = true;
        i += 1;
    }
    if at(i) == Some('0') && at(i + 1) != Some('$') {
        hole.spec.zero = true;
        i += 1;
    }
    hole.width = parse_count(&chars, &mut i)?;
    if at(i) == Some('.') {
        i += 1;
        if at(i) == Some('*') {
            i += 1;
            hole.precision = Some(Count::Arg(ArgRef::Next));
        } else {
            match parse_count(&chars, &mut i)? {
                Some(c) => hole.precision = Some(c),
                None => return Err("expected a precision after `.`".into()),
            }
        }
    }
    let rest: String = chars[i.min(chars.len())..].iter().collect();
    let (kind, debug_hex) = match rest.as_str() {
        "" => (Kind::Display, None),
        "?" => (Kind::Debug, None),
        "x?" => (Kind::Debug, Some(false)),
        "X?" => (Kind::Debug, Some(true)),
        "x" => (Kind::LowerHex, None),
        "X" => (Kind::UpperHex, None),
        "o" => (Kind::Octal, None),
        "b" => (Kind::Binary, None),
        // Scientific notation would bring std's exponent formatting into
        // the page for a format allocator programs hardly use.
        "e" | "E" => {
            return Err(format!(
                "not supported in scenarios: `{{:{rest}}}` (scientific notation)"
            ))
        }
        "p" => (Kind::Pointer, None),
        t if is_identifier(t) => return Err(format!("unknown format trait `{t}`")),
        t => return Err(format!("invalid format spec `{t}`")),
    };
    hole.spec.kind = kind;
    hole.spec.debug_hex = debug_hex;
    Ok(())
}

/// A count at `chars[*i..]`: `N`, `N$` or `name$` (a name without `$` is
/// the trait, and is left alone). Counts are at most `u16::MAX`.
fn parse_count(chars: &[char], i: &mut usize) -> Result<Option<Count>, String> {
    let start = *i;
    let mut end = start;
    while chars.get(end).is_some_and(char::is_ascii_digit) {
        end += 1;
    }
    if end > start {
        let digits: String = chars[start..end].iter().collect();
        let n: usize = digits
            .parse()
            .ok()
            .filter(|&n| n <= usize::from(u16::MAX))
            .ok_or_else(|| format!("integer `{digits}` does not fit into the type `u16`"))?;
        if chars.get(end) == Some(&'$') {
            *i = end + 1;
            return Ok(Some(Count::Arg(ArgRef::Index(n))));
        }
        *i = end;
        return Ok(Some(Count::Lit(n)));
    }
    while chars
        .get(end)
        .is_some_and(|c| super::char_class::continues_ident(*c))
    {
        end += 1;
    }
    if end > start && chars.get(end) == Some(&'$') {
        let name: String = chars[start..end].iter().collect();
        if !is_identifier(&name) {
            return Err(format!("invalid argument name `{name}`"));
        }
        *i = end + 1;
        return Ok(Some(Count::Arg(ArgRef::Name(name))));
    }
    Ok(None)
}

// ----- writing values -----

/// How a placeholder formats its value: what std's `Formatter` carries
/// to the `fmt` it calls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Spec {
    pub(super) fill: char,
    pub(super) align: Option<Align>,
    /// `+`.
    pub(super) plus: bool,
    /// `-` (accepted, and unused, as in std).
    pub(super) minus: bool,
    /// `#`.
    pub(super) alternate: bool,
    /// `0`.
    pub(super) zero: bool,
    /// `x?` (`Some(false)`) or `X?` (`Some(true)`).
    pub(super) debug_hex: Option<bool>,
    pub(super) width: Option<usize>,
    pub(super) precision: Option<usize>,
    pub(super) kind: Kind,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            fill: ' ',
            align: None,
            plus: false,
            minus: false,
            alternate: false,
            zero: false,
            debug_hex: None,
            width: None,
            precision: None,
            kind: Kind::Display,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

/// The formatting trait a placeholder asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Display,
    Debug,
    LowerHex,
    UpperHex,
    Octal,
    Binary,
    Pointer,
}

impl Kind {
    fn trait_name(self) -> &'static str {
        match self {
            Kind::Display => "Display",
            Kind::Debug => "Debug",
            Kind::LowerHex => "LowerHex",
            Kind::UpperHex => "UpperHex",
            Kind::Octal => "Octal",
            Kind::Binary => "Binary",
            Kind::Pointer => "Pointer",
        }
    }
}

/// A `fmt::Write` that keeps each write, and indents as `{:#?}`'s
/// `PadAdapter`s do (one `"    "` write per level at each line's start).
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Writer {
    pub(super) writes: Vec<String>,
    depth: usize,
    on_newline: bool,
    /// The types whose `{:?}` is the program's own `fmt`: each met is
    /// left as a hole in the writes, for its `fmt` to fill when the
    /// writes are written.
    pub(super) own: Vec<String>,
    pub(super) holes: Vec<OwnDebug>,
}

/// Where a value of a type with the program's own `Debug` goes among a
/// `Writer`'s writes: before write `at`, `depth` `PadAdapter`s deep.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct OwnDebug {
    pub(super) at: usize,
    pub(super) value: Value,
    pub(super) pad: Pad,
}

/// How the program's own `fmt` is called: with the placeholder's options
/// (`{:#?}`'s or `{:#}`'s flag, `f.alternate()`; `f.width()`, what `f.pad`
/// honours), and through the `PadAdapter`s of the `{:#?}` it is nested
/// in, which indent each line it writes.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Pad {
    pub(super) spec: Spec,
    pub(super) depth: usize,
    pub(super) on_newline: bool,
}

impl Writer {
    /// A writer `pad.depth` `PadAdapter`s deep, at a line's start or not.
    pub(super) fn padded(pad: Pad) -> Writer {
        Writer {
            depth: pad.depth,
            on_newline: pad.on_newline,
            ..Writer::default()
        }
    }

    /// A writer that leaves a hole for each value of a type in `own`.
    pub(super) fn with_own(own: Vec<String>) -> Writer {
        Writer {
            own,
            ..Writer::default()
        }
    }

    /// Whether the next write starts a line.
    pub(super) fn on_newline(&self) -> bool {
        self.on_newline
    }

    /// A value whose `{:?}` the program writes itself: a hole. What it
    /// writes is taken not to end a line.
    fn hole(&mut self, value: &Value, cx: &Cx) {
        self.holes.push(OwnDebug {
            at: self.writes.len(),
            value: value.clone(),
            pad: Pad {
                spec: *cx.spec,
                depth: self.depth,
                on_newline: self.on_newline,
            },
        });
        self.on_newline = false;
    }

    pub(super) fn str(&mut self, s: &str) {
        if self.depth == 0 {
            if !s.is_empty() {
                self.writes.push(s.to_string());
            }
            return;
        }
        for line in s.split_inclusive('\n') {
            self.indent_line();
            self.on_newline = line.ends_with('\n');
            self.writes.push(line.to_string());
        }
    }

    fn char(&mut self, c: char) {
        if self.depth > 0 {
            self.indent_line();
            self.on_newline = c == '\n';
        }
        self.writes.push(c.to_string());
    }

    fn indent_line(&mut self) {
        if self.on_newline {
            for _ in 0..self.depth {
                self.writes.push("    ".into());
            }
        }
    }

    /// Runs `f` one `PadAdapter` deeper.
    fn nested(&mut self, f: impl FnOnce(&mut Writer)) {
        self.depth += 1;
        self.on_newline = true;
        f(self);
        self.depth -= 1;
    }

    /// `fill` `n` times, one write each.
    fn fill(&mut self, fill: char, n: usize) {
        for _ in 0..n {
            self.char(fill);
        }
    }
}

/// Writes `value` as `spec` asks; `Err` names the trait its type lacks.
pub(super) fn render(
    value: &Value,
    spec: &Spec,
    target: Target,
    w: &mut Writer,
) -> Result<(), &'static str> {
    let cx = Cx { spec, target };
    match (spec.kind, value) {
        (Kind::Display, _) => display(value, &cx, w),
        (Kind::Debug, _) => {
            debug(value, &cx, w);
            Ok(())
        }
        (Kind::LowerHex | Kind::UpperHex | Kind::Octal | Kind::Binary, Value::Int(v, t)) => {
            radix(*v, *t, spec.kind, &cx, w);
            Ok(())
        }
        (Kind::Pointer, Value::Ptr(a, _)) => {
            pointer(a.0, &cx, w);
            Ok(())
        }
        (kind, _) => Err(kind.trait_name()),
    }
}

/// A spec and the target (for `usize`'s width).
struct Cx<'a> {
    spec: &'a Spec,
    target: Target,
}

impl Cx<'_> {
    fn pretty(&self) -> bool {
        self.spec.alternate
    }
}

fn display(value: &Value, cx: &Cx, w: &mut Writer) -> Result<(), &'static str> {
    match value {
        Value::Int(v, _) => pad_integral(*v >= 0, "", &v.unsigned_abs().to_string(), cx, w),
        Value::Float(v, d) => float(*v, *d == Some(false), Style::Display, cx, w),
        Value::Bool(b) => pad(if *b { "true" } else { "false" }, cx, w),
        Value::Char(c) if cx.spec.width.is_none() && cx.spec.precision.is_none() => w.char(*c),
        Value::Char(c) => pad(&c.to_string(), cx, w),
        Value::Str(s) => pad(s, cx, w),
        Value::Struct(def, items) => match std_error_message(def, items) {
            Some(message) => pad(message, cx, w),
            None => return Err("Display"),
        },
        Value::TryReserveError(kind) => {
            w.str("memory allocation failed");
            w.str(match kind {
                None => " because the computed capacity exceeded the collection's maximum",
                Some(_) => " because the memory allocator returned an error",
            });
        }
        Value::LayoutError => w.str("invalid parameters to Layout::from_size_align"),
        _ => return Err("Display"),
    }
    Ok(())
}

/// The `Display` text of the std errors scenarios make (`ParseIntError`
/// and its kin, see `prims.rs`), by their name and kind.
pub(super) fn std_error_message(def: &StructDef, items: &[Value]) -> Option<&'static str> {
    if def.name == "TryFromIntError" && def.variant.is_none() {
        return Some("out of range integral type conversion attempted");
    }
    let kind = match items {
        [Value::Struct(kind, k)] if k.is_empty() && def.fields.len() == 1 => kind.name.as_str(),
        [] => "",
        _ => return None,
    };
    Some(match (def.name.as_str(), kind) {
        ("ParseIntError", "Empty") => "cannot parse integer from empty string",
        ("ParseIntError", "InvalidDigit") => "invalid digit found in string",
        ("ParseIntError", "PosOverflow") => "number too large to fit in target type",
        ("ParseIntError", "NegOverflow") => "number too small to fit in target type",
        ("ParseIntError", "Zero") => "number would be zero for non-zero type",
        ("ParseFloatError", "Empty") => "cannot parse float from empty string",
        ("ParseFloatError", "Invalid") => "invalid float literal",
        ("ParseBoolError", "") => "provided string was not `true` or `false`",
        ("ParseCharError", "EmptyString") => "cannot parse char from empty string",
        ("ParseCharError", "TooManyChars") => "too many characters in string",
        _ => return None,
    })
}

/// Something `Debug` can write: a value, or a piece of a std type's
/// `Debug` that no value stands for.
trait DebugItem {
    fn debug(&self, cx: &Cx, w: &mut Writer);

    /// A map's entry: `key: value`, each as `{:?}` writes it (an entry
    /// is a `(key, value)` tuple).
    fn debug_entry(&self, cx: &Cx, w: &mut Writer) {
        self.debug(cx, w);
    }
}

impl DebugItem for Value {
    fn debug(&self, cx: &Cx, w: &mut Writer) {
        debug(self, cx, w);
    }

    fn debug_entry(&self, cx: &Cx, w: &mut Writer) {
        match self {
            Value::Tuple(kv) if kv.len() == 2 => {
                kv[0].debug(cx, w);
                w.str(": ");
                kv[1].debug(cx, w);
            }
            other => other.debug(cx, w),
        }
    }
}

/// Pieces of std types' derived `Debug`.
enum Synth {
    Usize(u64),
    /// `Alignment`'s `Debug`: `8 (1 << 3)`, written with `write!`.
    Alignment(u64),
    /// `()`.
    Unit,
    /// A unit variant or struct: its name.
    Name(&'static str),
    Struct(&'static str, Vec<(&'static str, Synth)>),
}

impl DebugItem for Synth {
    fn debug(&self, cx: &Cx, w: &mut Writer) {
        match self {
            Synth::Usize(n) => pad_integral(true, "", &n.to_string(), cx, w),
            Synth::Alignment(a) => {
                // `write!(f, "{:?} (1 << {:?})", …)`: fresh options.
                w.str(&a.to_string());
                w.str(" (1 << ");
                w.str(&a.trailing_zeros().to_string());
                w.str(")");
            }
            Synth::Unit => pad("()", cx, w),
            Synth::Name(name) => w.str(name),
            Synth::Struct(name, fields) => {
                let fields: Vec<(&str, &dyn DebugItem)> = fields
                    .iter()
                    .map(|(n, f)| (*n, f as &dyn DebugItem))
                    .collect();
                debug_struct(name, &fields, cx, w);
            }
        }
    }
}

fn layout_synth(l: LayoutSpec) -> Synth {
    Synth::Struct(
        "Layout",
        vec![
            ("size", Synth::Usize(l.size)),
            ("align", Synth::Alignment(l.align)),
        ],
    )
}

fn debug(value: &Value, cx: &Cx, w: &mut Writer) {
    match value {
        Value::Struct(def, _) if w.own.iter().any(|n| n == def.type_name()) => w.hole(value, cx),
        Value::Int(v, t) => match cx.spec.debug_hex {
            Some(upper) => {
                let kind = if upper {
                    Kind::UpperHex
                } else {
                    Kind::LowerHex
                };
                radix(*v, *t, kind, cx, w);
            }
            None => pad_integral(*v >= 0, "", &v.unsigned_abs().to_string(), cx, w),
        },
        Value::Float(v, d) => float(*v, *d == Some(false), Style::Debug, cx, w),
        Value::Bool(b) => pad(if *b { "true" } else { "false" }, cx, w),
        Value::Char(c) => {
            let quoted = format!("{c:?}");
            w.char('\'');
            w.str(quoted.get(1..quoted.len() - 1).unwrap_or_default());
            w.char('\'');
        }
        Value::Str(s) => str_debug(s, w),
        Value::Tuple(items) if items.is_empty() => pad("()", cx, w),
        Value::Tuple(items) => debug_tuple("", &as_items(items), cx, w),
        Value::Array(items) => debug_list(&as_items(items), cx, w),
        Value::Entries(map, items) => debug_entries(*map, items, cx, w),
        Value::Opt(None) => w.str("None"),
        Value::Opt(Some(v)) => debug_tuple("Some", &[&**v as &dyn DebugItem], cx, w),
        Value::Result(ok, v) => debug_tuple(
            if *ok { "Ok" } else { "Err" },
            &[&**v as &dyn DebugItem],
            cx,
            w,
        ),
        Value::Struct(def, _) if def.fields.is_empty() => w.str(&def.name),
        Value::Struct(def, items)
            if def
                .fields
                .iter()
                .all(|(n, _)| n.chars().all(|c| c.is_ascii_digit())) =>
        {
            debug_tuple(&def.name, &as_items(items), cx, w)
        }
        Value::Struct(def, items) => {
            let fields: Vec<(&str, &dyn DebugItem)> = def
                .fields
                .iter()
                .zip(items)
                .map(|((n, _), v)| (n.as_str(), v as &dyn DebugItem))
                .collect();
            debug_struct(&def.name, &fields, cx, w);
        }
        Value::Layout(l) => layout_synth(*l).debug(cx, w),
        Value::LayoutError => w.str("LayoutError"),
        Value::TryReserveError(kind) => {
            let kind = match kind {
                None => Synth::Name("CapacityOverflow"),
                Some(l) => Synth::Struct(
                    "AllocError",
                    vec![
                        ("layout", layout_synth(*l)),
                        ("non_exhaustive", Synth::Unit),
                    ],
                ),
            };
            Synth::Struct("TryReserveError", vec![("kind", kind)]).debug(cx, w);
        }
        Value::Ptr(a, _) => pointer(a.0, cx, w),
        Value::Thread(_) => {
            // `debug_struct("JoinHandle").finish_non_exhaustive()`.
            w.str("JoinHandle");
            w.str(" { .. }");
        }
        other => w.str(&other.show(true)),
    }
}

fn as_items(items: &[Value]) -> Vec<&dyn DebugItem> {
    items.iter().map(|v| v as &dyn DebugItem).collect()
}

/// A `Formatter` builder (std's `fmt::builders`): `debug_struct`,
/// `debug_tuple`, `debug_list`, `debug_set` or `debug_map` (whose
/// entries are `(key, value)` tuples). Derived `Debug` and std's
/// collections are written with them, and so may the program's own `fmt`
/// be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Builder {
    Struct,
    Tuple,
    List,
    Set,
    Map,
}

/// One entry of a builder with `n` before it, as std writes it: a
/// struct's `field: value`, a tuple's field, a list's or a set's entry, a
/// map's `key: value`; in `{:#?}` one a line, through a `PadAdapter`.
fn entry(builder: Builder, n: usize, field: &str, item: &dyn DebugItem, cx: &Cx, w: &mut Writer) {
    if cx.pretty() {
        if n == 0 {
            w.str(match builder {
                Builder::Struct => " {\n",
                Builder::Tuple => "(\n",
                Builder::List | Builder::Set | Builder::Map => "\n",
            });
        }
        w.nested(|w| {
            if builder == Builder::Struct {
                w.str(field);
                w.str(": ");
            }
            if builder == Builder::Map {
                item.debug_entry(cx, w);
            } else {
                item.debug(cx, w);
            }
            w.str(",\n");
        });
    } else {
        match builder {
            Builder::Struct => {
                w.str(if n == 0 { " { " } else { ", " });
                w.str(field);
                w.str(": ");
            }
            Builder::Tuple => w.str(if n == 0 { "(" } else { ", " }),
            Builder::List | Builder::Set | Builder::Map if n > 0 => w.str(", "),
            Builder::List | Builder::Set | Builder::Map => {}
        }
        if builder == Builder::Map {
            item.debug_entry(cx, w);
        } else {
            item.debug(cx, w);
        }
    }
}

/// A builder's `finish` after `n` entries (a tuple with no name and one
/// field gets its comma: `(5,)`).
fn finish(builder: Builder, n: usize, no_name: bool, cx: &Cx, w: &mut Writer) {
    match builder {
        Builder::Struct if n > 0 => w.str(if cx.pretty() { "}" } else { " }" }),
        Builder::Tuple if n > 0 => {
            if n == 1 && no_name && !cx.pretty() {
                w.str(",");
            }
            w.str(")");
        }
        Builder::List => w.str("]"),
        Builder::Set | Builder::Map => w.str("}"),
        _ => {}
    }
}

/// What one call on a builder writes: `entry` (with its field's name)
/// or, without a value, `finish` (`field` empty for a tuple without a
/// name), with the options of the `Formatter` it was made on (`{:#?}`'s
/// when alternate; a width reaches every value). The values of types in
/// `own` are left as holes.
pub(super) fn builder_writes(
    builder: Builder,
    n: usize,
    field: &str,
    value: Option<&Value>,
    spec: Spec,
    target: Target,
    own: Vec<String>,
) -> Writer {
    let spec = Spec {
        kind: Kind::Debug,
        ..spec
    };
    let cx = Cx {
        spec: &spec,
        target,
    };
    let mut w = Writer::with_own(own);
    match value {
        Some(value) => entry(builder, n, field, value, &cx, &mut w),
        None => finish(builder, n, field.is_empty(), &cx, &mut w),
    }
    w
}

/// `Formatter::debug_tuple` (`name` empty for a tuple).
fn debug_tuple(name: &str, items: &[&dyn DebugItem], cx: &Cx, w: &mut Writer) {
    w.str(name);
    for (i, item) in items.iter().enumerate() {
        entry(Builder::Tuple, i, "", *item, cx, w);
    }
    finish(Builder::Tuple, items.len(), name.is_empty(), cx, w);
}

/// `Formatter::debug_list`.
fn debug_list(items: &[&dyn DebugItem], cx: &Cx, w: &mut Writer) {
    w.str("[");
    for (i, item) in items.iter().enumerate() {
        entry(Builder::List, i, "", *item, cx, w);
    }
    finish(Builder::List, items.len(), false, cx, w);
}

/// `Formatter::debug_map` (entries `key: value`) or `debug_set`: braces,
/// otherwise as a list.
fn debug_entries(map: bool, items: &[Value], cx: &Cx, w: &mut Writer) {
    let builder = if map { Builder::Map } else { Builder::Set };
    w.str("{");
    for (i, item) in items.iter().enumerate() {
        entry(builder, i, "", item, cx, w);
    }
    finish(builder, items.len(), false, cx, w);
}

/// `Formatter::debug_struct`.
fn debug_struct(name: &str, fields: &[(&str, &dyn DebugItem)], cx: &Cx, w: &mut Writer) {
    w.str(name);
    for (i, (field, item)) in fields.iter().enumerate() {
        entry(Builder::Struct, i, field, *item, cx, w);
    }
    finish(Builder::Struct, fields.len(), false, cx, w);
}

/// `<str as Debug>`: a quote, the runs of characters that need no escape
/// and each escape, a quote.
fn str_debug(s: &str, w: &mut Writer) {
    let quoted = format!("{s:?}");
    let inner = quoted.get(1..quoted.len() - 1).unwrap_or_default();
    let mut pieces = Vec::new();
    let mut run = String::new();
    for c in s.chars() {
        let one = format!("{:?}", c.to_string());
        let escaped = one.get(1..one.len() - 1).unwrap_or_default();
        if escaped.chars().eq(std::iter::once(c)) {
            run.push(c);
        } else {
            if !run.is_empty() {
                pieces.push(std::mem::take(&mut run));
            }
            pieces.push(escaped.to_string());
        }
    }
    if !run.is_empty() {
        pieces.push(run);
    }
    // Escaping is per character except at the edges of grapheme
    // clusters; where that differs, the text is std's, in one write.
    if pieces.concat() != inner {
        pieces = vec![inner.to_string()];
    }
    w.char('"');
    for piece in &pieces {
        w.str(piece);
    }
    w.char('"');
}

/// `Formatter::padding`: writes the fill before the text and returns how
/// many go after it.
fn padding(n: usize, default: Align, fill: char, align: Option<Align>, w: &mut Writer) -> usize {
    let (pre, post) = match align.unwrap_or(default) {
        Align::Left => (0, n),
        Align::Right => (n, 0),
        Align::Center => (n / 2, n.div_ceil(2)),
    };
    w.fill(fill, pre);
    post
}

/// The writes `f.pad(s)` makes on a `Formatter` with `spec`.
pub(super) fn pad_writes(s: &str, spec: &Spec, target: Target) -> Vec<String> {
    let mut w = Writer::default();
    pad(s, &Cx { spec, target }, &mut w);
    w.writes
}

/// The writes `f.pad_integral(nonnegative, prefix, digits)` makes on a
/// `Formatter` with `spec`.
pub(super) fn pad_integral_writes(
    nonnegative: bool,
    prefix: &str,
    digits: &str,
    spec: &Spec,
    target: Target,
) -> Vec<String> {
    let mut w = Writer::default();
    pad_integral(nonnegative, prefix, digits, &Cx { spec, target }, &mut w);
    w.writes
}

/// `Formatter::pad`: strings, `bool`, `char` with options.
fn pad(s: &str, cx: &Cx, w: &mut Writer) {
    let spec = cx.spec;
    if spec.width.is_none() && spec.precision.is_none() {
        w.str(s);
        return;
    }
    let s = match spec.precision {
        Some(max) => s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i]),
        None => s,
    };
    match spec.width {
        Some(width) if s.chars().count() < width => {
            let post = padding(
                width - s.chars().count(),
                Align::Left,
                spec.fill,
                spec.align,
                w,
            );
            w.str(s);
            w.fill(spec.fill, post);
        }
        _ => w.str(s),
    }
}

/// `Formatter::pad_integral`: a sign, a prefix with `#`, the digits,
/// padded (with zeros after the sign and prefix for `0`).
fn pad_integral(nonnegative: bool, prefix: &str, digits: &str, cx: &Cx, w: &mut Writer) {
    let spec = cx.spec;
    let mut width = digits.len();
    let sign = if !nonnegative {
        Some('-')
    } else if spec.plus {
        Some('+')
    } else {
        None
    };
    width += usize::from(sign.is_some());
    let prefix = spec.alternate.then(|| {
        width += prefix.chars().count();
        prefix
    });
    let write_prefix = |w: &mut Writer| {
        if let Some(c) = sign {
            w.char(c);
        }
        if let Some(p) = prefix {
            w.str(p);
        }
    };
    match spec.width {
        Some(min) if width < min && spec.zero => {
            write_prefix(w);
            let post = padding(min - width, Align::Right, '0', Some(Align::Right), w);
            w.str(digits);
            w.fill('0', post);
        }
        Some(min) if width < min => {
            let post = padding(min - width, Align::Right, spec.fill, spec.align, w);
            write_prefix(w);
            w.str(digits);
            w.fill(spec.fill, post);
        }
        _ => {
            write_prefix(w);
            w.str(digits);
        }
    }
}

/// A part of a formatted number (`core::num::fmt::Part`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Copy(String),
    /// This many zeros, written 64 at a time.
    Zero(usize),
}

fn part_len(part: &Part) -> usize {
    match part {
        Part::Copy(s) => s.len(),
        Part::Zero(n) => *n,
    }
}

/// `Formatter::pad_formatted_parts`: floats and integers' `{:e}`.
fn pad_parts(sign: &str, parts: &[Part], cx: &Cx, w: &mut Writer) {
    let spec = cx.spec;
    let Some(mut width) = spec.width else {
        write_parts(sign, parts, w);
        return;
    };
    let (mut sign, mut fill, mut align) = (sign, spec.fill, spec.align);
    if spec.zero {
        // The sign always goes first.
        w.str(sign);
        width = width.saturating_sub(sign.len());
        sign = "";
        fill = '0';
        align = Some(Align::Right);
    }
    let len = sign.len() + parts.iter().map(part_len).sum::<usize>();
    if width <= len {
        write_parts(sign, parts, w);
    } else {
        let post = padding(width - len, Align::Right, fill, align, w);
        write_parts(sign, parts, w);
        w.fill(fill, post);
    }
}

fn write_parts(sign: &str, parts: &[Part], w: &mut Writer) {
    w.str(sign);
    for part in parts {
        match part {
            Part::Copy(s) => w.str(s),
            Part::Zero(n) => {
                let mut n = *n;
                while n > 64 {
                    w.str(&"0".repeat(64));
                    n -= 64;
                }
                w.str(&"0".repeat(n));
            }
        }
    }
}

/// `{:x}`, `{:X}`, `{:o}`, `{:b}`: the bits at the type's width (a
/// negative number in two's complement), with `0x`/`0o`/`0b` for `#`.
fn radix(v: i128, t: Option<IntTy>, kind: Kind, cx: &Cx, w: &mut Writer) {
    let bits = t.unwrap_or(IntTy::Fixed(true, 4)).size(cx.target) * 8;
    let bits = u32::try_from(bits).unwrap_or(128).min(128);
    let mask = if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    };
    let u = (v as u128) & mask;
    let (prefix, digits) = match kind {
        Kind::UpperHex => ("0x", format!("{u:X}")),
        Kind::Octal => ("0o", format!("{u:o}")),
        Kind::Binary => ("0b", format!("{u:b}")),
        _ => ("0x", format!("{u:x}")),
    };
    pad_integral(true, prefix, &digits, cx, w);
}

/// `{:p}` (and a raw pointer's `Debug`): `{:#x}` of the address; with `#`,
/// zero-padded to the target's pointer width.
fn pointer(addr: u64, cx: &Cx, w: &mut Writer) {
    let mut spec = *cx.spec;
    if spec.alternate {
        spec.zero = true;
        if spec.width.is_none() {
            spec.width = Some(cx.target.word_size() as usize * 2 + 2);
        }
    }
    spec.alternate = true;
    let cx = Cx {
        spec: &spec,
        target: cx.target,
    };
    pad_integral(true, "0x", &format!("{addr:x}"), &cx, w);
}

/// Which float formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Display,
    Debug,
}

/// A float, as `core::fmt::float` writes it. The digits are the host's
/// (Rust's own float formatting, for `f32` on an `f32`); the parts they
/// are written in are `flt2dec`'s.
fn float(v: f64, is_f32: bool, style: Style, cx: &Cx, w: &mut Writer) {
    let precision = cx.spec.precision;
    let v = if is_f32 { f64::from(v as f32) } else { v };
    let body = if is_f32 {
        host_float((v as f32).abs(), style, precision)
    } else {
        host_float(v.abs(), style, precision)
    };
    let sign = if v.is_nan() {
        ""
    } else if v.is_sign_negative() {
        "-"
    } else if cx.spec.plus {
        "+"
    } else {
        ""
    };
    let maxlen = max_buf_len(v, is_f32);
    let parts = if v.is_nan() || v.is_infinite() {
        vec![Part::Copy(body)]
    } else if let Some((mantissa, exp)) = body.split_once(['e', 'E']) {
        // Debug's exponent form (`1e21`): as many digits as it needs.
        exp_parts(mantissa, exp, false, None, maxlen)
    } else {
        let frac_digits = match (style, precision) {
            (_, Some(p)) => p,
            (Style::Debug, None) => 1,
            _ => 0,
        };
        decimal_parts(&body, frac_digits, precision.is_some(), maxlen)
    };
    pad_parts(sign, &parts, cx, w);
}

fn host_float<T>(x: T, style: Style, precision: Option<usize>) -> String
where
    T: std::fmt::Display + std::fmt::Debug,
{
    match (style, precision) {
        (Style::Display, None) => format!("{x}"),
        (Style::Display, Some(p)) => format!("{x:.p$}"),
        (Style::Debug, None) => format!("{x:?}"),
        (Style::Debug, Some(p)) => format!("{x:.p$?}"),
    }
}

/// `flt2dec::estimate_max_buf_len` of the float's decoded exponent: the
/// most digits an exact formatting computes (the rest are written as
/// zeros).
fn max_buf_len(v: f64, is_f32: bool) -> usize {
    // `integer_decode`, then `decode`: a subnormal keeps its exponent; a
    // normal one loses a bit of it to the mantissa (two when the mantissa
    // is a power of two).
    let (biased, frac_zero, bias) = if is_f32 {
        let bits = (v as f32).to_bits();
        (((bits >> 23) & 0xff) as i32, bits & 0x7f_ffff == 0, 150)
    } else {
        let bits = v.to_bits();
        (
            ((bits >> 52) & 0x7ff) as i32,
            bits & 0xf_ffff_ffff_ffff == 0,
            1075,
        )
    };
    let exp = match (biased, frac_zero) {
        (0, _) => -bias,
        (_, true) => biased - bias - 2,
        (_, false) => biased - bias - 1,
    };
    let scaled = if exp < 0 { -12 * exp } else { 5 * exp };
    21 + (scaled as usize >> 4)
}

/// `flt2dec::digits_to_dec_str`, from the host's text of `|v|`.
fn decimal_parts(body: &str, frac_digits: usize, exact: bool, maxlen: usize) -> Vec<Part> {
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    if digits.chars().all(|c| c == '0') {
        return if frac_digits > 0 {
            vec![Part::Copy("0.".into()), Part::Zero(frac_digits)]
        } else {
            vec![Part::Copy("0".into())]
        };
    }
    let exp: isize = if int != "0" {
        int.len() as isize
    } else {
        -((frac.len() - frac.trim_start_matches('0').len()) as isize)
    };
    let significant = digits.trim_start_matches('0');
    let buf = if exact {
        let len = (exp + frac_digits as isize).max(0) as usize;
        &significant[..len.min(maxlen).min(significant.len())]
    } else {
        significant.trim_end_matches('0')
    };
    let mut parts = Vec::new();
    if exp <= 0 {
        let minus_exp = exp.unsigned_abs();
        parts.push(Part::Copy("0.".into()));
        parts.push(Part::Zero(minus_exp));
        parts.push(Part::Copy(buf.into()));
        if frac_digits > buf.len() && frac_digits - buf.len() > minus_exp {
            parts.push(Part::Zero(frac_digits - buf.len() - minus_exp));
        }
    } else {
        let exp = exp as usize;
        if exp < buf.len() {
            parts.push(Part::Copy(buf[..exp].into()));
            parts.push(Part::Copy(".".into()));
            parts.push(Part::Copy(buf[exp..].into()));
            if frac_digits > buf.len() - exp {
                parts.push(Part::Zero(frac_digits - (buf.len() - exp)));
            }
        } else {
            parts.push(Part::Copy(buf.into()));
            parts.push(Part::Zero(exp - buf.len()));
            if frac_digits > 0 {
                parts.push(Part::Copy(".".into()));
                parts.push(Part::Zero(frac_digits));
            }
        }
    }
    parts
}

/// `flt2dec::digits_to_exp_str`, from the host's mantissa and exponent.
fn exp_parts(
    mantissa: &str,
    exp: &str,
    upper: bool,
    ndigits: Option<usize>,
    maxlen: usize,
) -> Vec<Part> {
    let e = if upper { "E" } else { "e" };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if digits.chars().all(|c| c == '0') {
        return match ndigits {
            Some(n) if n > 1 => vec![
                Part::Copy("0.".into()),
                Part::Zero(n - 1),
                Part::Copy(format!("{e}0")),
            ],
            _ => vec![Part::Copy(format!("0{e}0"))],
        };
    }
    let buf = match ndigits {
        Some(n) => &digits[..n.min(maxlen).min(digits.len())],
        None => digits.as_str(),
    };
    let min_ndigits = ndigits.unwrap_or(0);
    let mut parts = vec![Part::Copy(buf[..1].into())];
    if buf.len() > 1 || min_ndigits > 1 {
        parts.push(Part::Copy(".".into()));
        parts.push(Part::Copy(buf[1..].into()));
        if min_ndigits > buf.len() {
            parts.push(Part::Zero(min_ndigits - buf.len()));
        }
    }
    match exp.strip_prefix('-') {
        Some(n) => {
            parts.push(Part::Copy(format!("{e}-")));
            parts.push(Part::Copy(n.into()));
        }
        None => {
            parts.push(Part::Copy(e.into()));
            parts.push(Part::Copy(exp.into()));
        }
    }
    parts
}

/// What a reference (to a reference …) refers to; any other type itself.
fn unref(mut ty: Ty) -> Ty {
    while let Ty::Ref(inner) = ty {
        ty = *inner;
    }
    ty
}

/// What `vec![…]` holds, read as the array (`[a, b]`) or the repeat
/// expression (`[x; n]`) it is written as.
pub(super) fn vec_array(mac: &syn::Macro) -> syn::Result<Expr> {
    let group = TokenTree::Group(Group::new(Delimiter::Bracket, mac.tokens.clone()));
    syn::parse2(TokenStream::from(group))
}

#[cfg(test)]
mod tests {
    //! Every write is checked against the host's `core::fmt`: a
    //! `fmt::Write` that records the writes it is given.
    use super::*;
    use std::fmt::Write as _;

    struct Recorder(Vec<String>);

    impl std::fmt::Write for Recorder {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            if !s.is_empty() {
                self.0.push(s.to_string());
            }
            Ok(())
        }
    }

    fn host(args: std::fmt::Arguments<'_>) -> Vec<String> {
        let mut r = Recorder(Vec::new());
        r.write_fmt(args).unwrap();
        r.0
    }

    /// The writes of a one-placeholder format string with literal counts.
    fn mine(fmt: &str, value: &Value) -> Vec<String> {
        let parts = parse_template(fmt).unwrap();
        let [TplPart::Hole(hole)] = parts.as_slice() else {
            panic!("{fmt}: one placeholder expected");
        };
        let lit = |c: &Option<Count>| match c {
            Some(Count::Lit(n)) => Some(*n),
            None => None,
            Some(other) => panic!("{other:?}"),
        };
        let spec = Spec {
            width: lit(&hole.width),
            precision: lit(&hole.precision),
            ..hole.spec
        };
        let mut w = Writer::default();
        render(value, &spec, Target::Bits64, &mut w).unwrap();
        w.writes
    }

    macro_rules! same {
        ($value:expr, $host:expr; $($fmt:literal),+ $(,)?) => {
            $(
                assert_eq!(
                    mine($fmt, &$value),
                    host(format_args!($fmt, $host)),
                    "{} of {:?}",
                    $fmt,
                    $value
                );
            )+
        };
    }

    fn int(v: i128, t: &str) -> Value {
        Value::Int(v, IntTy::from_name(t))
    }

    #[test]
    fn integers_write_as_pad_integral_does() {
        macro_rules! ints {
            ($($v:expr => $t:ty),* $(,)?) => {$(
                let v = int($v as i128, stringify!($t));
                let h: $t = $v;
                same!(v, h; "{}", "{:5}", "{:<5}", "{:^7}", "{:*^9}", "{:05}", "{:+}", "{:+05}",
                    "{:x}", "{:X}", "{:#x}", "{:#010x}", "{:o}", "{:#o}", "{:b}", "{:#b}",
                    "{:08b}", "{:#010b}",
                    "{:?}", "{:x?}", "{:#X?}", "{:5?}", "{:#?}", "{:.3}",
                    "{:-}", "{:>+#12x}", "{:é^6}");
            )*};
        }
        ints!(0 => i32, 5 => u8, 255 => u8, -1 => i8, -128 => i8, 127 => i8, 1200 => i32,
            -1234 => i32, 1999 => i32, 1250 => u16, 12501 => u64, 195 => i64,
            u64::MAX => u64, i64::MIN => i64, -7 => isize, 42 => usize,
            i128::MAX => i128, i128::MIN => i128, 1_000_000 => u32, 10 => u8, 99 => u8);
    }

    #[test]
    fn floats_write_as_flt2dec_does() {
        let values = [
            0.0,
            -0.0,
            1.0,
            1.5,
            0.1,
            0.3,
            100.0,
            1e21,
            1e-7,
            123456.789,
            -2.5,
            9.99,
            0.05,
            0.004,
            1e16,
            1e15,
            1e-4,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            2.0f64.powi(60),
            1.0 / 3.0,
        ];
        for x in values {
            let v = Value::Float(x, Some(true));
            same!(v, x; "{}", "{:?}", "{:.2}", "{:8.3}", "{:+}", "{:08.2}", 
                "{:<10?}", "{:.0}", "{:.20}", "{:#?}",
                "{:.3?}", "{:+010}", "{:*>9}", "{:.40}", "{:1.1}", "{:.70}");
            let y = x as f32;
            let v = Value::Float(x, Some(false));
            same!(v, y; "{}", "{:?}", "{:.2}", "{:.12}", "{:010.3}");
        }
        // An unsuffixed float literal is an `f64`.
        same!(Value::Float(0.1, None), 0.1f64; "{}", "{:?}");
    }

    #[test]
    fn strings_chars_and_bools_write_as_pad_does() {
        for s in [
            "",
            "ab",
            "héllo",
            "tab\t\"q\" 'x' \\ é",
            "a\u{301}",
            "\u{301}a",
            "\u{7f}\0",
        ] {
            let v = Value::Str(s.to_string());
            same!(v, s; "{}", "{:5}", "{:>5}", "{:^6.2}", "{:.0}", "{:?}", "{:10?}", "{:-<8}",
                "{:#?}");
        }
        for c in ['a', '\'', '"', '\n', 'é', '\u{301}', '\u{0}', '好'] {
            let v = Value::Char(c);
            same!(v, c; "{}", "{:3}", "{:?}", "{:>4?}", "{:^5.0}", "{:#?}");
        }
        for b in [true, false] {
            same!(Value::Bool(b), b; "{}", "{:6}", "{:>6?}", "{:.2}", "{:#?}");
        }
    }

    #[test]
    fn compound_values_write_as_the_debug_builders_do() {
        let s = |t: &str| Value::Str(t.to_string());
        let f = |x: f64| Value::Float(x, Some(true));
        let tuple = Value::Tuple(vec![
            int(1, "i32"),
            s("a"),
            Value::Array(vec![f(1.5), f(2.0)]),
            Value::Opt(Some(Box::new(int(3, "u8")))),
            Value::unit(),
        ]);
        let host_tuple = (1, "a", [1.5, 2.0], Some(3u8), ());
        same!(tuple, host_tuple; "{:?}", "{:#?}", "{:5?}", "{:#x?}", "{:.1?}", "{:>4?}");
        let nested = Value::Array(vec![
            Value::Array(vec![int(1, "i32")]),
            Value::Array(vec![]),
            Value::Tuple(vec![int(7, "i64")]),
        ]);
        let host_nested = ([[1]].to_vec(), [0u8; 0], (7i64,));
        // An array of arrays of different lengths is not Rust; compare the
        // parts one by one.
        let Value::Array(items) = &nested else {
            unreachable!()
        };
        same!(items[0], host_nested.0[0]; "{:?}", "{:#?}");
        same!(items[1], host_nested.1; "{:?}", "{:#?}");
        same!(items[2], host_nested.2; "{:?}", "{:#?}", "{:3?}");
        for (value, host_value) in [
            (Value::Opt(None), None::<i32>),
            (Value::Opt(Some(Box::new(int(-4, "i32")))), Some(-4)),
        ] {
            same!(value, host_value; "{:?}", "{:#?}", "{:5?}", "{:05?}");
        }
        let ok = Value::Result(true, Box::new(int(2, "i32")));
        same!(ok, Ok::<i32, ()>(2); "{:?}", "{:#?}");
        let e = Value::Result(false, Box::new(s("x")));
        same!(e, Err::<(), &str>("x"); "{:?}", "{:#?}");
    }

    #[test]
    fn structs_and_std_values_write_as_derived_debug_does() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct P {
            x: i32,
            y: (u8, char),
        }
        #[derive(Debug)]
        struct Marker;
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Pair(i8, bool);
        let def = |name: &str, fields: Vec<(&str, Ty)>| {
            Rc::new(StructDef {
                name: name.to_string(),
                fields: fields
                    .into_iter()
                    .map(|(n, t)| (n.to_string(), t))
                    .collect(),
                repr_c: false,
                align: None,
                unit: false,
                variant: None,
                args: Vec::new(),
                drops: false,
                layouts: Default::default(),
            })
        };
        let p = Value::Struct(
            def(
                "P",
                vec![
                    ("x", Ty::Int(IntTy::Fixed(true, 4))),
                    (
                        "y",
                        Ty::Tuple(vec![Ty::Int(IntTy::Fixed(false, 1)), Ty::Char]),
                    ),
                ],
            ),
            vec![
                int(-3, "i32"),
                Value::Tuple(vec![int(9, "u8"), Value::Char('z')]),
            ],
        );
        let host_p = P { x: -3, y: (9, 'z') };
        same!(p, host_p; "{:?}", "{:#?}", "{:4?}");
        same!(Value::Struct(def("Marker", vec![]), vec![]), Marker; "{:?}", "{:#?}", "{:9?}");
        let pair = Value::Struct(
            def(
                "Pair",
                vec![("0", Ty::Int(IntTy::Fixed(true, 1))), ("1", Ty::Bool)],
            ),
            vec![int(1, "i8"), Value::Bool(true)],
        );
        same!(pair, Pair(1, true); "{:?}", "{:#?}");
        let layout = LayoutSpec { size: 16, align: 8 };
        let host_layout = std::alloc::Layout::from_size_align(16, 8).unwrap();
        same!(Value::Layout(layout), host_layout; "{:?}", "{:#?}", "{:4?}");
        let overflow = Vec::<u8>::new().try_reserve(usize::MAX).unwrap_err();
        same!(Value::TryReserveError(None), overflow; "{}", "{:?}", "{:#?}");
        let huge = isize::MAX as usize - 4096;
        let refused = Vec::<u8>::new().try_reserve_exact(huge).unwrap_err();
        let refused_value = Value::TryReserveError(Some(LayoutSpec {
            size: huge as u64,
            align: 1,
        }));
        same!(refused_value, refused; "{}", "{:?}", "{:#?}");
        let layout_error = std::alloc::Layout::from_size_align(1, 3).unwrap_err();
        same!(Value::LayoutError, layout_error; "{}", "{:?}", "{:#?}");
        let ptr = std::ptr::without_provenance::<u8>(0x1230);
        same!(Value::byte_ptr(Addr(0x1230)), ptr; "{:p}", "{:?}", "{:#p}", "{:20p}", "{:#?}", "{:<#8p}");
    }

    #[test]
    fn format_strings_parse_as_rustc_parses_them() {
        let hole = |s: &str| match parse_template(s).unwrap().as_slice() {
            [TplPart::Hole(h)] => h.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(hole("{:0$}").width, Some(Count::Arg(ArgRef::Index(0))));
        assert!(hole("{:05}").spec.zero);
        assert_eq!(
            hole("{:>w$.p$}").width,
            Some(Count::Arg(ArgRef::Name("w".into())))
        );
        assert_eq!(hole("{:.*}").precision, Some(Count::Arg(ArgRef::Next)));
        assert_eq!(hole("{x:?}").arg, ArgRef::Name("x".into()));
        assert_eq!(hole("{:x<4}").spec.fill, 'x');
        assert_eq!(hole("{:x}").spec.kind, Kind::LowerHex);
        assert!(parse_template("{").is_err());
        assert!(parse_template("}").is_err());
        assert!(parse_template("{:q}").is_err());
        assert!(parse_template("{:99999}").is_err());
        assert_eq!(
            parse_template("a{{b}}c").unwrap(),
            vec![TplPart::Lit("a{b}c".into())]
        );
    }

    #[test]
    fn stdout_keeps_one_entry_per_line() {
        let mut out = Vec::new();
        let open = write_stdout(&mut out, false, "a");
        let open = write_stdout(&mut out, open, "b\nc\n");
        let open = write_stdout(&mut out, open, "\n");
        assert!(!open);
        assert_eq!(out, ["ab", "c", ""]);
    }
}
