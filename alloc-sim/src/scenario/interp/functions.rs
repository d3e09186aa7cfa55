//! The program's own functions: `fn` items called by name, with their
//! arguments bound as the callee's first scope, typed as declared, and a
//! frame that hides the caller's bindings.
//!
//! Arguments move into the callee like any binding (a `Vec` passed by
//! value is dropped when the function returns, unless it is returned); a
//! reference `&v` or `&mut v` names the caller's binding and drops
//! nothing. Recursion is bounded: each call nests the interpreter a few
//! levels deeper, and at [`MAX_CALL_DEPTH`] calls the run stops with an
//! error rather than overflow the stack it runs on.

use super::*;

/// A function the program defined: a free `fn`, a function or method of
/// an `impl` block, or a trait's default method.
pub(super) struct FnDef {
    pub(super) sig: syn::Signature,
    pub(super) block: syn::Block,
    /// The type `Self` names in it (for functions of an `impl`).
    pub(super) self_ty: Option<String>,
    /// The type parameters of the `impl` of a generic type it is in.
    pub(super) impl_generics: Option<Rc<generics::ImplGenerics>>,
    /// The trait of `std::fmt` whose `fmt` it is, in scope in its body.
    pub(super) fmt_trait: Option<format::Kind>,
}

/// How a method takes its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Receiver {
    /// `&self` or `&mut self`.
    Borrowed,
    /// `self`: the receiver moves in.
    Owned,
}

impl FnDef {
    /// A function kept for calls: its signature and body, copied out of
    /// the program's syntax tree (through its tokens, which keep their
    /// places in the source).
    fn new(
        sig: &syn::Signature,
        block: &syn::Block,
        self_ty: Option<String>,
        impl_generics: Option<Rc<generics::ImplGenerics>>,
    ) -> R<Rc<FnDef>> {
        Self::read(sig, block, self_ty, impl_generics).map(Rc::new)
    }

    /// [`FnDef::new`], not yet shared.
    fn read(
        sig: &syn::Signature,
        block: &syn::Block,
        self_ty: Option<String>,
        impl_generics: Option<Rc<generics::ImplGenerics>>,
    ) -> R<FnDef> {
        Ok(FnDef {
            sig: reparse(sig)?,
            block: reparse(block)?,
            self_ty,
            impl_generics,
            fmt_trait: None,
        })
    }

    /// How it takes `self`, if it is a method.
    pub(super) fn receiver(&self) -> Option<Receiver> {
        match self.sig.inputs.first() {
            Some(syn::FnArg::Receiver(r)) if r.reference.is_some() => Some(Receiver::Borrowed),
            Some(syn::FnArg::Receiver(_)) => Some(Receiver::Owned),
            _ => None,
        }
    }
}

/// The name of the type an `impl` is for: `Point` in `impl Point` or
/// `impl Shape for Point`.
fn impl_type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Whether an `impl` is of the trait `name` (`impl Drop for …`,
/// `impl std::ops::Drop for …`).
fn implements(i: &syn::ItemImpl, name: &str) -> bool {
    i.trait_
        .as_ref()
        .and_then(|(_, p, _)| p.segments.last())
        .is_some_and(|s| s.ident == name)
}

/// The type arguments an `impl`'s type is written with: `[T]` in
/// `impl<T> Stack<T>`.
fn impl_type_args(ty: &Type) -> R<Vec<Type>> {
    let Type::Path(p) = ty else {
        return Ok(Vec::new());
    };
    match p.path.segments.last().map(|s| &s.arguments) {
        Some(syn::PathArguments::AngleBracketed(a)) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(reparse(t)),
                _ => None,
            })
            .collect(),
        _ => Ok(Vec::new()),
    }
}

/// Whether `sig` returns `Result<T, String>`: then `?` turns a `&str`
/// error into a `String` (`From<&str> for String`), which allocates.
fn returns_string_errors(sig: &syn::Signature) -> bool {
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return false;
    };
    let Type::Path(p) = &**ty else {
        return false;
    };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return false;
    };
    last.ident == "Result"
        && matches!(args.args.iter().nth(1), Some(syn::GenericArgument::Type(Type::Path(e))) if e.path.is_ident("String"))
}

/// The most calls in progress at once (real Rust's 8 MiB stack holds tens
/// of thousands of small frames; the simulation stops far earlier).
pub(super) const MAX_CALL_DEPTH: usize = 64;

impl Interp<'_> {
    /// Reads the program's items: functions, structs, consts and statics.
    pub(super) fn items(&mut self, items: &[syn::Item]) -> R<()> {
        // Structs first, so that any function or const may name them; each
        // may name any other (or itself, behind a pointer).
        for item in items {
            let (ident, generics) = match item {
                syn::Item::Struct(s) => (&s.ident, &s.generics),
                syn::Item::Enum(e) => (&e.ident, &e.generics),
                _ => continue,
            };
            let name = ident.to_string();
            let params = Self::type_params(generics)?;
            if params.is_empty() {
                self.pending
                    .insert(name.clone(), crate::scenario::ty::NamedTy::new(&name));
            } else {
                let template = generics::Template {
                    params,
                    consts: Self::const_params(generics)?,
                    ty: std::cell::OnceCell::new(),
                };
                self.templates.insert(name, Rc::new(template));
            }
        }
        // The types with the program's `impl Drop`: their values are never
        // plain data (see `StructDef::drops`).
        let own_drop = items
            .iter()
            .any(|i| matches!(i, syn::Item::Trait(t) if t.ident == "Drop"));
        for item in items.iter().filter(|_| !own_drop) {
            if let syn::Item::Impl(i) = item {
                if let (true, Some(ty)) = (implements(i, "Drop"), impl_type_name(&i.self_ty)) {
                    self.drop_types.insert(ty, ());
                }
            }
        }
        self.declares_global_alloc = items.iter().any(|i| {
            matches!(i, syn::Item::Static(s) if s.attrs.iter().any(|a| a.path().is_ident("global_allocator")))
        });
        // The const that names the heap array's length, when it is given
        // a length of its own (`Limits::heap_array_len`).
        let resized = match self.heap_array_len {
            Some(len) if self.declares_global_alloc => {
                memory::byte_array_lengths(items).map(|name| (name, len))
            }
            _ => None,
        };
        // Integer consts made of numbers and one another, first: types
        // may use them as array lengths (`[u8; HEAP_SIZE]`).
        for item in items {
            if let syn::Item::Const(c) = item {
                let int = match &*c.ty {
                    Type::Path(p) => p
                        .path
                        .get_ident()
                        .and_then(|i| IntTy::from_name(&i.to_string())),
                    _ => None,
                };
                if let Some(t) = int {
                    let given = resized.as_ref().filter(|(name, _)| c.ident == name);
                    if let Some(&(_, len)) = given {
                        self.globals
                            .insert(c.ident.to_string(), Value::Int(i128::from(len), Some(t)));
                    } else if let Ok(v) = const_len(&c.expr, &|name| self.const_u64(name)) {
                        self.globals
                            .insert(c.ident.to_string(), Value::Int(i128::from(v), Some(t)));
                    }
                }
            }
        }
        // Generic types first: the others may hold instances of them.
        for item in items {
            self.define_template(item)?;
        }
        for item in items {
            match item {
                syn::Item::Struct(s) if lifetimes_only(&s.generics) => self.define_struct(s)?,
                syn::Item::Enum(e) if lifetimes_only(&e.generics) => self.define_enum(e)?,
                _ => {}
            }
        }
        self.define_ordering()?;
        for (name, named) in &self.pending {
            if let Some(def) = self.structs.get(name) {
                let _ = named.def.set(Ty::Struct(def.clone()));
            } else if let Some(def) = self.enums.get(name) {
                let _ = named.def.set(Ty::Enum(def.clone()));
            }
        }
        // A type that holds itself without a pointer between (`enum List {
        // Cons(i32, List) }`) has no size: rustc refuses it.
        for item in items {
            let ident = match item {
                syn::Item::Struct(s) => &s.ident,
                syn::Item::Enum(e) => &e.ident,
                _ => continue,
            };
            let name = ident.to_string();
            if let Some(named) = self.pending.get(&name) {
                if named.def.get().is_some_and(|ty| ty.holds_inline(&name, 0)) {
                    return err(
                        ident.span(),
                        format!("recursive type `{name}` has infinite size: put it behind a pointer, as in `Box<{name}>`"),
                    );
                }
            }
        }
        let mut globs = Vec::new();
        for item in items {
            if let syn::Item::Use(u) = item {
                self.use_variants(&u.tree, None);
                self.use_std_values(&u.tree, &mut Vec::new(), &mut globs);
                self.fmt_traits.add(&u.tree, false);
            }
        }
        // What a glob of std brings gives way to the names written out:
        // the program's consts, statics, functions and structs, and what
        // its other `use`s of std bring.
        for (name, value) in globs {
            let shadowed = self.globals.contains_key(&name)
                || self.std_imports.iter().any(|(n, _)| *n == name)
                || items
                    .iter()
                    .any(|i| names::item_name(i) == Some(name.clone()));
            if !shadowed {
                self.globals.insert(name, value);
            }
        }
        for item in items {
            match item {
                syn::Item::Use(_) | syn::Item::Struct(_) | syn::Item::Enum(_) => {}
                syn::Item::Fn(f) => {
                    let name = f.sig.ident.to_string();
                    if self.fns.contains_key(&name) {
                        return err(
                            f.sig.ident.span(),
                            format!("the name `{name}` is defined multiple times"),
                        );
                    }
                    self.fns
                        .insert(name, FnDef::new(&f.sig, &f.block, None, None)?);
                }
                syn::Item::Impl(_) | syn::Item::Trait(_) => {}
                // The heap array's resized length stays as given.
                syn::Item::Const(c)
                    if resized.as_ref().is_some_and(|(name, _)| c.ident == name) => {}
                syn::Item::Const(c) => {
                    let value = self.constant(&c.ty, &c.expr)?;
                    self.globals.insert(c.ident.to_string(), value);
                }
                syn::Item::Static(s) => {
                    if s.attrs.iter().any(|a| a.path().is_ident("global_allocator")) {
                        if self.global_alloc.is_some() {
                            return err(
                                s.ident.span(),
                                "cannot define multiple global allocators",
                            );
                        }
                        let Some(ty) = impl_type_name(&s.ty) else {
                            return unsupported(&s.ty, "a global allocator of this type");
                        };
                        self.global_alloc = Some(global_alloc::GlobalAllocator {
                            name: s.ident.to_string(),
                            ty,
                            span: s.ident.span(),
                        });
                    }
                }
                other => {
                    return unsupported(
                        other,
                        "this kind of item; scenarios have functions, structs, enums, `impl` blocks, traits, consts and statics",
                    )
                }
            }
        }
        // Then `impl` blocks, and the defaults of the traits they implement.
        let traits: HashMap<String, &syn::ItemTrait> = items
            .iter()
            .filter_map(|i| match i {
                syn::Item::Trait(t) => Some((t.ident.to_string(), t)),
                _ => None,
            })
            .collect();
        for item in items {
            if let syn::Item::Impl(i) = item {
                self.define_impl(i, &traits)?;
            }
        }
        // Statics last: their initializers may call the `const fn`s of
        // the program's `impl`s.
        for item in items {
            if let syn::Item::Static(s) = item {
                self.define_static(s)?;
            }
        }
        if let Some(global) = &self.global_alloc {
            if !self.global_alloc_types.contains_key(&global.ty) {
                return err(
                    global.span,
                    format!(
                        "the trait bound `{}: GlobalAlloc` is not satisfied: a `#[global_allocator]` needs `unsafe impl GlobalAlloc for {}`",
                        global.ty, global.ty
                    ),
                );
            }
        }
        Ok(())
    }

    /// An `impl Type { … }` or `impl Trait for Type { … }`: its functions
    /// and consts, and the trait's default methods it does not override.
    fn define_impl(
        &mut self,
        i: &syn::ItemImpl,
        traits: &HashMap<String, &syn::ItemTrait>,
    ) -> R<()> {
        // `impl Add<&V2> for &V2`: an operator on references, whose
        // methods are kept apart from those of `V2` itself, under `&V2`.
        let by_ref = match &*i.self_ty {
            Type::Reference(r) if r.mutability.is_none() => {
                let trait_name = i.trait_.as_ref().and_then(|(_, p, _)| p.segments.last());
                let operator = trait_name.is_some_and(|t| {
                    super::operators::operator_method(&t.ident.to_string()).is_some()
                });
                operator.then_some(&*r.elem)
            }
            _ => None,
        };
        let Some(ty) = impl_type_name(by_ref.unwrap_or(&i.self_ty)) else {
            return unsupported(&i.self_ty, "an `impl` for this type");
        };
        let key = if by_ref.is_some() {
            format!("&{ty}")
        } else {
            ty.clone()
        };
        let generic = self.templates.contains_key(&ty);
        let impl_generics = if generic {
            Some(Rc::new(generics::ImplGenerics {
                params: Self::type_params(&i.generics)?,
                self_args: impl_type_args(&i.self_ty)?,
            }))
        } else if !lifetimes_only(&i.generics) {
            return unsupported(
                &i.generics,
                "a generic `impl` for a type without parameters",
            );
        } else {
            None
        };
        if !generic && !self.structs.contains_key(&ty) && !self.enums.contains_key(&ty) {
            return unsupported(
                &i.self_ty,
                &format!("an `impl` for `{ty}`; scenarios implement their own structs"),
            );
        }
        let previous = self.self_ty.replace(ty.clone());
        // An associated const of a generic type is read with its
        // parameters unknown.
        let env: Vec<(String, Ty)> = impl_generics
            .iter()
            .flat_map(|g| g.params.iter().map(|p| (p.clone(), Ty::Param(p.clone()))))
            .collect();
        let saved_env = std::mem::replace(&mut self.ty_env, env);
        let result = (|| {
            // `impl fmt::Display` and `impl fmt::Debug`: their `fmt`
            // writes `{}` or `{:?}` of the type (see `display.rs`). `impl Drop`: its `drop` runs when a value of
            // the type goes ([`Interp::run_drop`]). Neither is a method to
            // call by name.
            let std_trait = [("Display", "fmt"), ("Debug", "fmt"), ("Drop", "drop")]
                .into_iter()
                .find(|(t, _)| implements(i, t) && !traits.contains_key(*t));
            if let Some((trait_name, fn_name)) = std_trait {
                let mut found = None;
                for item in &i.items {
                    match item {
                        syn::ImplItem::Fn(f) if f.sig.ident == fn_name && found.is_none() => {
                            let def = FnDef::read(
                                &f.sig,
                                &f.block,
                                Some(ty.clone()),
                                impl_generics.clone(),
                            )?;
                            found = Some(Rc::new(FnDef {
                                fmt_trait: display::fmt_trait(trait_name),
                                ..def
                            }));
                        }
                        other => {
                            return unsupported(
                                other,
                                &format!("this item in an `impl {trait_name}`"),
                            )
                        }
                    }
                }
                let Some(def) = found else {
                    return err(
                        i.self_ty.span(),
                        format!("not all trait items implemented, missing: `{fn_name}`"),
                    );
                };
                let table = match trait_name {
                    "Display" => &mut self.display_fns,
                    "Debug" => &mut self.debug_fns,
                    _ => &mut self.drop_fns,
                };
                table.insert(ty.clone(), def);
                return Ok(());
            }
            for item in &i.items {
                match item {
                    syn::ImplItem::Fn(f) => {
                        let def =
                            FnDef::new(&f.sig, &f.block, Some(ty.clone()), impl_generics.clone())?;
                        let name = f.sig.ident.to_string();
                        let table = self.methods.entry(key.clone()).or_default();
                        if table.insert(name.clone(), def).is_some() {
                            return err(
                                f.sig.ident.span(),
                                format!("duplicate definitions with name `{name}`"),
                            );
                        }
                    }
                    syn::ImplItem::Const(c) => {
                        let value = self.constant(&c.ty, &c.expr)?;
                        self.assoc_consts
                            .entry(ty.clone())
                            .or_default()
                            .insert(c.ident.to_string(), value);
                    }
                    // `type Output = Point;` in an `impl Add`: the type its
                    // method's signature names anyway.
                    syn::ImplItem::Type(_) if i.trait_.is_some() => {}
                    other => return unsupported(other, "this item in an `impl` block"),
                }
            }
            if let Some((_, path, _)) = &i.trait_ {
                let name = path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                // std's order traits: their methods are the program's
                // `cmp` and `partial_cmp`, which sorts, heaps, B-trees and
                // `<` call ([`Interp::compare`]); `Eq` has none.
                // `GlobalAlloc`: its methods are the type's own (they run
                // for every call once the type is the global allocator,
                // see `global_alloc.rs`); `alloc` and `dealloc` are
                // required, `realloc` and `alloc_zeroed` have defaults.
                if name == "GlobalAlloc" && !traits.contains_key(&name) {
                    let own: Vec<String> = i
                        .items
                        .iter()
                        .filter_map(|item| match item {
                            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                            _ => None,
                        })
                        .collect();
                    for required in ["alloc", "dealloc"] {
                        if !own.iter().any(|k| k == required) {
                            return err(
                                i.self_ty.span(),
                                format!("not all trait items implemented, missing: `{required}`"),
                            );
                        }
                    }
                    if let Some(other) = own.iter().find(|k| {
                        !matches!(k.as_str(), "alloc" | "dealloc" | "realloc" | "alloc_zeroed")
                    }) {
                        return err(
                            i.self_ty.span(),
                            format!("method `{other}` is not a member of trait `GlobalAlloc`"),
                        );
                    }
                    self.global_alloc_types.insert(ty.clone(), ());
                    return Ok(());
                }
                // `unsafe impl Sync for Arena {}`: a promise to the compiler
                // (the value may be shared between threads), nothing to run.
                if matches!(name.as_str(), "Sync" | "Send")
                    && i.items.is_empty()
                    && !traits.contains_key(&name)
                {
                    return Ok(());
                }
                // `impl Add for Point`: `a + b` calls its `add`.
                if let Some(method) = super::operators::operator_method(&name) {
                    if !traits.contains_key(&name) {
                        if self.method_of(&key, &method).is_none() {
                            return err(
                                i.impl_token.span,
                                format!("not all trait items implemented, missing: `{method}`"),
                            );
                        }
                        self.operator_impls.insert(format!("{key} {method}"), ());
                        return Ok(());
                    }
                }
                // `impl Iterator for Counter`: its `next` is the program's;
                // every adapter and consumer std provides pulls through it
                // (see `iter.rs`).
                if name == "Iterator" && !traits.contains_key(&name) {
                    let has_item = i
                        .items
                        .iter()
                        .any(|item| matches!(item, syn::ImplItem::Type(t) if t.ident == "Item"));
                    let missing: Vec<&str> = [
                        ("`Item`", has_item),
                        ("`next`", self.method_of(&ty, "next").is_some()),
                    ]
                    .into_iter()
                    .filter_map(|(what, there)| (!there).then_some(what))
                    .collect();
                    if !missing.is_empty() {
                        return err(
                            i.impl_token.span,
                            format!(
                                "not all trait items implemented, missing: {}",
                                missing.join(", ")
                            ),
                        );
                    }
                    if let Some(f) = i.items.iter().find_map(|item| match item {
                        syn::ImplItem::Fn(f) if f.sig.ident != "next" => Some(f),
                        _ => None,
                    }) {
                        return unsupported(
                            &f.sig.ident,
                            "an `Iterator` method other than `next` written by the program (std's own runs on its `next`)",
                        );
                    }
                    self.iterator_types.insert(ty.clone(), ());
                    return Ok(());
                }
                let std_order = matches!(name.as_str(), "Ord" | "PartialOrd" | "Eq" | "PartialEq");
                if std_order && !traits.contains_key(&name) {
                    // `==` calls the program's `eq` ([`Interp::own_eq`]).
                    if name == "PartialEq" {
                        self.own_eq_types.insert(ty.clone(), ());
                    }
                    return Ok(());
                }
                let Some(t) = traits.get(&name) else {
                    return unsupported(
                        path,
                        &format!("the trait `{name}`; scenarios implement their own traits"),
                    );
                };
                for item in &t.items {
                    if let syn::TraitItem::Fn(f) = item {
                        let table = self.methods.entry(key.clone()).or_default();
                        let method = f.sig.ident.to_string();
                        match (&f.default, table.contains_key(&method)) {
                            (_, true) => {}
                            (Some(block), false) => {
                                let def = FnDef::new(
                                    &f.sig,
                                    block,
                                    Some(ty.clone()),
                                    impl_generics.clone(),
                                )?;
                                let table = self.methods.entry(key.clone()).or_default();
                                table.insert(method, def);
                            }
                            (None, false) => {
                                return err(
                                    i.self_ty.span(),
                                    format!("not all trait items implemented, missing: `{method}`"),
                                )
                            }
                        }
                    }
                }
            }
            Ok(())
        })();
        self.self_ty = previous;
        self.ty_env = saved_env;
        result
    }

    /// What a bare name means when it is not a binding: a const, a
    /// static, or a unit struct's value.
    pub(super) fn named_value(&self, name: &str) -> Option<Value> {
        // A const parameter (`N` in `impl<const N: usize> Buf<N>`).
        if let Some((v, t)) = self.const_param(name) {
            return Some(Value::Int(v, Some(t)));
        }
        if let Some(v) = self.globals.get(name) {
            return Some(v.clone());
        }
        if let Some(i) = self.static_index(name) {
            return Some(self.static_items[i].value.clone());
        }
        match self.structs.get(name).or_else(|| self.imported.get(name)) {
            Some(def) if def.unit => Some(Value::Struct(def.clone(), Vec::new())),
            // std's `System`, a unit struct: the pane's strategy.
            None if name == "System" => Some(Value::Struct(StructDef::unit("System"), Vec::new())),
            _ => None,
        }
    }

    /// The function or method `name` of type `ty`, if the program defined it.
    pub(super) fn method_of(&self, ty: &str, name: &str) -> Option<Rc<FnDef>> {
        self.methods.get(ty).and_then(|t| t.get(name)).cloned()
    }

    /// The type whose methods apply to `value`: a struct's (through
    /// references and boxes, as method calls auto-deref).
    pub(super) fn method_type(&self, value: &Value) -> Option<String> {
        match self.deref(value.clone()) {
            Value::Struct(def, _) => Some(def.type_name().to_string()),
            Value::Owner(id) => match &self.owners[id] {
                Owner::Box { ty, .. } => match ty.resolved() {
                    Ty::Struct(def) => Some(def.type_name().to_string()),
                    Ty::Enum(def) => Some(def.name.clone()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    /// A `const` or `static`'s value: plain data of its declared type, or
    /// a string literal (`&str`).
    pub(super) fn constant(&mut self, ty: &Type, expr: &Expr) -> R<Value> {
        if let Type::Reference(r) = ty {
            if matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")) {
                return match self.eval(expr, None)? {
                    Value::Str(s) => Ok(Value::Str(s)),
                    other => self.mismatch(expr.span(), "&str", &other),
                };
            }
        }
        // Plain data, or a value of a type laid out as one that holds no
        // heap owner (`Option<&'static mut Node>`, a list's empty link).
        let t = match self.hint(ty)? {
            Hint::Plain(t) => t,
            _ => match self.plain(ty) {
                Ok(t) if lends_only(&t) => t,
                _ => return unsupported(ty, "consts and statics of types other than plain data"),
            },
        };
        let value = self.eval(expr, Some(&Hint::Plain(t.clone())))?.typed(&t);
        if !value.fits(&t) {
            return self.mismatch(expr.span(), &t.to_string(), &value);
        }
        Ok(value)
    }

    /// Calls the program's function `f` with `args`, evaluated here, and
    /// the receiver a method takes as `self`.
    pub(super) fn call_fn(
        &mut self,
        f: Rc<FnDef>,
        receiver: Option<Value>,
        args: &Punctuated<Expr, syn::Token![,]>,
        span: Span,
    ) -> R<Value> {
        let params: Vec<&syn::PatType> = f
            .sig
            .inputs
            .iter()
            .filter_map(|a| match a {
                syn::FnArg::Typed(t) => Some(t),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        if params.len() != args.len() {
            return err(span, arity_mismatch("function", params.len(), args.len()));
        }
        let generic = generic_in(&f);
        if f.receiver().is_some() && receiver.is_none() {
            return unsupported_span(
                span,
                "calling a method as a function; call it on a value: `x.method()`",
            );
        }
        // A function of a generic type's `impl`: its type parameters, from
        // the receiver, the turbofish or expected type, or the arguments.
        let explicit = self.assoc_args.take();
        let (mut env, mut self_args) = self.env_for(&f, receiver.as_ref(), explicit);
        // The function's own const parameters: a turbofish's values, or
        // what the arguments say (an array of 3 for `[T; N]`).
        let turbofish = self.fn_turbofish.take();
        let own_consts = Self::const_params(&f.sig.generics)?;
        for (i, (name, t)) in own_consts.iter().enumerate() {
            let given = turbofish.as_ref().and_then(|args| args.get(i)).cloned();
            env.push((
                name.clone(),
                match given {
                    Some(Ty::ConstArg(v, _)) => Ty::ConstArg(v, *t),
                    _ => Ty::Param(name.clone()),
                },
            ));
        }
        // Arguments are evaluated in the caller, left to right.
        let mut bound = Vec::new();
        for (param, arg) in params.iter().zip(args) {
            // The parameter's type is read where it was written (`Self`).
            let caller_self = std::mem::replace(&mut self.self_ty, f.self_ty.clone());
            let caller_env = std::mem::replace(&mut self.ty_env, env.clone());
            let caller_args = std::mem::replace(&mut self.self_args, self_args.clone());
            let hint = if generic(&param.ty) {
                Ok(None)
            } else {
                self.param_hint(&param.ty)
            };
            let declared = self.plain(&param.ty).ok();
            self.self_ty = caller_self;
            self.ty_env = caller_env;
            self.self_args = caller_args;
            let hint = hint?;
            let value = self.eval(arg, hint.as_ref())?;
            let value = self.check_as(value, hint.as_ref(), &param.ty, arg.span())?;
            // `Stack::from_vec(v)`: a parameter declared with `T` gives `T`
            // its argument's type.
            if let (Some(declared), None) = (declared.filter(Ty::has_param), &receiver) {
                if let Some(seen) = self.value_ty(&value) {
                    let mut found = Vec::new();
                    generics::unify(&declared, &seen, &mut found);
                    if !found.is_empty() {
                        for (name, ty) in &mut env {
                            if let Some((_, t)) = found.iter().find(|(n, _)| n == name) {
                                if ty.has_param() {
                                    *ty = t.clone();
                                }
                            }
                        }
                        self_args = self.self_args_in(&f, &env);
                    }
                }
            }
            bound.push(value);
        }
        if receiver.is_none() && f.impl_generics.is_some() {
            self.assoc_args = Some(self_args);
        }
        if !own_consts.is_empty() {
            let mut consts = Vec::new();
            for (name, t) in &own_consts {
                match env.iter().rev().find(|(n, _)| n == name) {
                    Some((_, Ty::ConstArg(v, _))) => {
                        consts.push((name.clone(), Ty::ConstArg(*v, *t)));
                    }
                    _ => {
                        return err(
                            span,
                            format!(
                                "type annotations needed: cannot infer the value of the const parameter `{name}` declared on the function `{}`",
                                f.sig.ident
                            ),
                        )
                    }
                }
            }
            self.fn_consts = Some(consts);
        }
        self.run_fn(f, receiver, bound, span)
    }

    /// Runs the program's function `f` on arguments already evaluated and
    /// checked, bound to its parameters' patterns in order.
    pub(super) fn run_fn(
        &mut self,
        f: Rc<FnDef>,
        receiver: Option<Value>,
        args: Vec<Value>,
        span: Span,
    ) -> R<Value> {
        let generic = generic_in(&f);
        let pats = f.sig.inputs.iter().filter_map(|a| match a {
            syn::FnArg::Typed(t) => Some(&*t.pat),
            syn::FnArg::Receiver(_) => None,
        });
        let bound: Vec<(&Pat, Value)> = pats.zip(args).collect();
        if self.call_depth >= MAX_CALL_DEPTH {
            return err(
                span,
                format!(
                    "calls nest more than {MAX_CALL_DEPTH} deep (is the recursion missing its base case?); scenarios stop there"
                ),
            );
        }
        self.call_depth += 1;
        let caller_here = self.here;
        let caller_frame = std::mem::replace(&mut self.frame, self.scopes.len());
        let caller_self = std::mem::replace(&mut self.self_ty, f.self_ty.clone());
        let caller_fmt = std::mem::replace(&mut self.fmt_impl, f.fmt_trait);
        let explicit = self.assoc_args.take();
        let (mut env, self_args) = self.env_for(&f, receiver.as_ref(), explicit);
        env.extend(self.fn_consts.take().unwrap_or_default());
        let caller_env = std::mem::replace(&mut self.ty_env, env);
        let caller_args = std::mem::replace(&mut self.self_args, self_args);
        // The caller's receiver stand-in (see `shared::method_at`) is keyed
        // by the receiver expression: a recursive call runs that same
        // expression again, for its own receiver.
        let caller_receiver = self.deref_receiver.take();
        let caller_err = std::mem::replace(&mut self.string_errors, returns_string_errors(&f.sig));
        self.scopes.push(Vec::new());
        if let Some(value) = receiver {
            self.bind("self".into(), value);
        }
        let mut result = Ok(());
        for (pat, value) in bound {
            if result.is_ok() {
                result = self.bind_pattern(pat, value);
            }
        }
        // The body's value is made as the declared return type says (a
        // generic type's instance, a `Vec`'s element).
        let tail_hint = match &f.sig.output {
            syn::ReturnType::Type(_, ty) if !generic(ty) => self.param_hint(ty).ok().flatten(),
            _ => None,
        };
        let result = result.and_then(|()| {
            self.tail_hint = tail_hint;
            let ran = self.block(&f.block);
            match ran {
                Err(h) => match *h {
                    Halt::Return(value) => Ok(value),
                    other => halt(other),
                },
                ok => ok,
            }
        });
        self.here = at(f.block.brace_token.span.close());
        let left = self.leave_scope(&result);
        self.deref_receiver = caller_receiver;
        self.frame = caller_frame;
        self.string_errors = caller_err;
        // Back in the caller, at the call.
        self.here = caller_here;
        self.call_depth -= 1;
        let value = result.and_then(|v| left.map(|()| v));
        let value = match value {
            Ok(v) => v,
            Err(e) => {
                self.self_ty = caller_self;
                self.fmt_impl = caller_fmt;
                self.ty_env = caller_env;
                self.self_args = caller_args;
                return Err(e);
            }
        };
        // The declared return type is read with the callee's `Self`.
        let checked = match &f.sig.output {
            syn::ReturnType::Default => Ok(value),
            syn::ReturnType::Type(_, ty) if generic(ty) => Ok(value),
            syn::ReturnType::Type(_, ty) => self
                .param_hint(ty)
                .and_then(|hint| self.check_as(value, hint.as_ref(), ty, span)),
        };
        self.self_ty = caller_self;
        self.fmt_impl = caller_fmt;
        self.ty_env = caller_env;
        self.self_args = caller_args;
        checked
    }

    /// What a parameter's declared type says of its value: a reference's
    /// referent, for the hint.
    pub(super) fn param_hint(&self, ty: &Type) -> R<Option<Hint>> {
        match ty {
            Type::Reference(r) => self.param_hint(&r.elem),
            Type::ImplTrait(_) | Type::Infer(_) => Ok(None),
            other => self.hint(other).map(Some),
        }
    }

    /// A value given where `ty` is declared: a literal takes the type; any
    /// other value must have it.
    pub(super) fn check_as(
        &mut self,
        value: Value,
        hint: Option<&Hint>,
        ty: &Type,
        span: Span,
    ) -> R<Value> {
        if let Some(Hint::Vec(Some(t))) = hint {
            self.infer_as(&value, &Ty::Vec(Box::new(t.clone())))?;
        }
        let referent = |v: &Value| self.deref(v.clone());
        match hint {
            Some(Hint::Plain(t)) => {
                let is_ref = matches!(ty, Type::Reference(_));
                let value = if is_ref { value } else { value.typed(t) };
                let shown = if is_ref {
                    referent(&value)
                } else {
                    value.clone()
                };
                // `&Box<Expr>` given for `&Expr`: deref coercion lends
                // what the box holds.
                if let (true, Value::Owner(id)) = (is_ref, &shown) {
                    match (self.owners.get(*id), self.contents.get(id)) {
                        (Some(Owner::Box { .. }), Some(Contents::Value(v))) if v.fits(t) => {
                            return Ok(Value::Ref(crate::scenario::value::Place {
                                root: crate::scenario::value::Root::Content { owner: *id },
                                fields: Vec::new(),
                            }));
                        }
                        (Some(Owner::Box { ptr, ty: inner }), _) if inner == t => {
                            let (ptr, inner) = (*ptr, inner.clone());
                            return self.read_at(ptr, &inner);
                        }
                        _ => {}
                    }
                }
                // (Heap owners inside, as in a returned `(String, Vec<u8>)`,
                // fit by their own types.)
                if !self.value_fits(&shown, t) && !matches!(shown, Value::Owner(_)) {
                    return self.mismatch(span, &type_text(ty), &value);
                }
                if matches!(shown, Value::Owner(_)) {
                    return self.mismatch(span, &type_text(ty), &shown);
                }
                // `&mut n` where `n = 5` was never typed: the parameter's
                // type is the one inference gives `n`.
                if let Value::Ref(place) = &value {
                    self.settle_type(place, t);
                }
                Ok(value)
            }
            Some(h) if h.owner_name().is_some() => {
                let v = self.deref(value.clone());
                // (`Hint::Rc` stands for an `Arc` too.)
                let kind = self.type_name(&v);
                let kind = kind
                    .split('<')
                    .next()
                    .map(|k| if k == "Arc" { "Rc" } else { k });
                if kind != h.owner_name() {
                    return self.mismatch(span, &type_text(ty), &v);
                }
                Ok(value)
            }
            _ => Ok(value),
        }
    }

    /// Binds a parameter's pattern: a name (`x`, `mut x`), `_`, a tuple,
    /// or `&x` (a copy of what a reference points to).
    pub(super) fn bind_pattern(&mut self, pat: &Pat, value: Value) -> R<()> {
        match pat {
            Pat::Ident(p) => {
                self.bind(p.ident.to_string(), value);
                Ok(())
            }
            Pat::Wild(_) => {
                // `_` drops an argument at once.
                match value {
                    Value::Owner(id) => self.drop_owner(id, "a `_` parameter drops its argument"),
                    _ => Ok(()),
                }
            }
            Pat::Tuple(t) => {
                let items = match value {
                    Value::Tuple(items) => items,
                    // `|(i, &p)|` lent `&(usize, &bool)` (a `filter`'s
                    // item): matched through the reference, each name
                    // bound as `match` binds it there.
                    value @ Value::Ref(_) => {
                        let Some(bindings) = self.match_scrutinee(pat, &value)? else {
                            return err(t.span(), "this pattern needs a tuple");
                        };
                        for (name, v) in bindings {
                            self.bind(name, v);
                        }
                        return Ok(());
                    }
                    _ => return err(t.span(), "this pattern needs a tuple"),
                };
                for (p, v) in t.elems.iter().zip(items) {
                    self.bind_pattern(p, v)?;
                }
                Ok(())
            }
            // `|&x|` over references: a copy of what each one points to.
            Pat::Reference(r) => match self.deref(value) {
                Value::Owner(_) => err(
                    pat.span(),
                    "cannot move out of a shared reference: a heap value is not `Copy` (write `|x|` and use `x` as a reference)",
                ),
                value => self.bind_pattern(&r.pat, value),
            },
            other => unsupported(other, "this parameter pattern"),
        }
    }
}

/// A type as the program wrote it.
fn type_text(ty: &Type) -> String {
    source_text(ty)
}

/// A copy of a syntax node, made by parsing its tokens again: syn's
/// `Clone` impls would weigh on the page; the tokens keep their spans.
pub(super) fn reparse<T: syn::parse::Parse>(node: &impl Spanned) -> R<T> {
    let span = node.span();
    let start = span.start();
    let text = span.source_text().unwrap_or_default();
    let padded = format!(
        "{}{}{}",
        "\n".repeat(start.line.saturating_sub(1)),
        " ".repeat(start.column),
        text
    );
    syn::parse_str(&padded).or_else(|e| err(e.span(), e.to_string()))
}

impl Interp<'_> {
    /// The name a statement binds, if it is `let name = vec![…];` or `let
    /// name = Vec::new();` without a type: rustc takes the element type
    /// from later lines, which [`Interp::pinned_elem`] reads.
    pub(super) fn untyped_vec_let(stmt: &Stmt) -> Option<String> {
        let Stmt::Local(local) = stmt else {
            return None;
        };
        let Pat::Ident(p) = &local.pat else {
            return None;
        };
        let init = &local.init.as_ref()?.expr;
        let vec = match &**init {
            Expr::Macro(m) => m.mac.path.is_ident("vec"),
            Expr::Call(c) => matches!(&*c.func, Expr::Path(f)
                if f.path.segments.len() == 2 && f.path.segments[0].ident == "Vec"
                    && f.path.segments[0].arguments.is_none()),
            _ => false,
        };
        vec.then(|| p.ident.to_string())
    }

    /// The element type of the `Vec` bound to `name` as the first of
    /// `stmts` that passes it to one of the program's functions says it
    /// (`f(&name)` with `f(v: &[i64])` makes it a `Vec<i64>`, in a print's
    /// arguments too), that pushes it onto a `Vec<Vec<T>>`, that gives it
    /// to a struct's field (or a tuple struct's) of a declared `Vec<T>`, or
    /// that gives it back as the block's value where `tail` says what that
    /// is (a function's return type); element types of plain data, or
    /// `Vec`s of them. Scans the statements as written, without running
    /// them.
    pub(super) fn pinned_elem(
        &mut self,
        name: &str,
        stmts: &[Stmt],
        tail: Option<&Hint>,
    ) -> Option<Ty> {
        // What the lines bind as they go: a closure bound to the name of
        // one of the program's functions is not that function.
        let mut bound = Vec::new();
        for stmt in stmts {
            let pinned = match stmt {
                Stmt::Local(l) => {
                    let pinned = l
                        .init
                        .as_ref()
                        .and_then(|i| self.pinned_in(name, &i.expr, &bound, 0));
                    closures::pattern_names(&l.pat, &mut bound);
                    // A `let` that binds the same name ends the look: the
                    // lines after it mean the new binding.
                    if pinned.is_none() && bound.iter().any(|b| b == name) {
                        return None;
                    }
                    pinned
                }
                Stmt::Expr(e, _) => self.pinned_in(name, e, &bound, 0),
                Stmt::Macro(m) => self.pinned_in_macro(name, &m.mac, &bound, 0),
                Stmt::Item(_) => None,
            };
            if pinned.is_some() {
                return pinned;
            }
        }
        // Given back as the block's value: what the block gives says it.
        match (stmts.last(), tail) {
            (Some(Stmt::Expr(Expr::Path(p), None)), Some(Hint::Vec(Some(t))))
                if p.path.is_ident(name) && pinnable(t) =>
            {
                Some(t.clone())
            }
            _ => None,
        }
    }

    /// [`Interp::pinned_in`] over the arguments of a print, a `format!`,
    /// a `write!` or an assertion.
    fn pinned_in_macro(
        &mut self,
        name: &str,
        mac: &syn::Macro,
        bound: &[String],
        depth: usize,
    ) -> Option<Ty> {
        let which = mac.path.get_ident()?.to_string();
        if !matches!(
            which.as_str(),
            "println"
                | "print"
                | "eprintln"
                | "format"
                | "write"
                | "writeln"
                | "assert"
                | "assert_eq"
                | "assert_ne"
                | "panic"
        ) {
            return None;
        }
        let args = self.macro_args(mac).ok()?;
        args.iter()
            .find_map(|a| self.pinned_in(name, a, bound, depth + 1))
    }

    fn pinned_in(&mut self, name: &str, expr: &Expr, bound: &[String], depth: usize) -> Option<Ty> {
        if depth > 16 {
            return None;
        }
        let d = depth + 1;
        match expr {
            Expr::Call(c) => {
                let callee = match &*c.func {
                    Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
                    _ => None,
                };
                let at = c.args.iter().position(|a| names(a, name));
                if let (Some(callee), Some(at)) = (callee, at) {
                    let local = bound.contains(&callee) || self.lookup(&callee).is_some();
                    if let Some(f) = self.fns.get(&callee).filter(|_| !local) {
                        return match f.sig.inputs.iter().nth(at) {
                            Some(syn::FnArg::Typed(t)) => self.elem_of_param(&t.ty),
                            _ => None,
                        };
                    }
                    // `Poly(name)` of a tuple struct `Poly(Vec<i64>)`.
                    if let Some(def) = self.structs.get(&callee) {
                        return plain_vec_field(def, at);
                    }
                }
                c.args
                    .iter()
                    .find_map(|e| self.pinned_in(name, e, bound, d))
            }
            // `rows.push(name)` with `rows` a `Vec<Vec<T>>` already.
            Expr::MethodCall(m)
                if m.method == "push" && m.args.first().is_some_and(|a| names(a, name)) =>
            {
                let rows = match &*m.receiver {
                    Expr::Path(p) => p.path.get_ident().and_then(|i| self.lookup(&i.to_string())),
                    _ => None,
                };
                let (s, b) = rows?;
                match self.deref(self.scopes[s][b].value.clone()) {
                    Value::Owner(id) => match &self.owners[id] {
                        Owner::Vec {
                            elem: Some(Ty::Vec(t)),
                            ..
                        } if t.is_plain() => Some((**t).clone()),
                        _ => None,
                    },
                    _ => None,
                }
            }
            // `Grid { w, h, cells }` with `cells: Vec<Cell>` declared.
            Expr::Struct(s) => {
                let def = s
                    .path
                    .get_ident()
                    .and_then(|i| self.structs.get(&i.to_string()));
                let field = s.fields.iter().find_map(|f| match &f.member {
                    syn::Member::Named(field) if names(&f.expr, name) => Some(field),
                    _ => None,
                });
                match def.zip(field) {
                    Some((def, field)) => {
                        let at = def.fields.iter().position(|(n, _)| field == n)?;
                        plain_vec_field(def, at)
                    }
                    None => s
                        .fields
                        .iter()
                        .find_map(|f| self.pinned_in(name, &f.expr, bound, d)),
                }
            }
            Expr::MethodCall(m) => self.pinned_in(name, &m.receiver, bound, d).or_else(|| {
                m.args
                    .iter()
                    .find_map(|e| self.pinned_in(name, e, bound, d))
            }),
            Expr::Binary(b) => self
                .pinned_in(name, &b.left, bound, d)
                .or_else(|| self.pinned_in(name, &b.right, bound, d)),
            Expr::Unary(u) => self.pinned_in(name, &u.expr, bound, d),
            Expr::Paren(p) => self.pinned_in(name, &p.expr, bound, d),
            Expr::Reference(r) => self.pinned_in(name, &r.expr, bound, d),
            Expr::Tuple(t) => t
                .elems
                .iter()
                .find_map(|e| self.pinned_in(name, e, bound, d)),
            Expr::Macro(m) => self.pinned_in_macro(name, &m.mac, bound, depth),
            _ => None,
        }
    }

    /// `T` of a parameter typed `&[T]`, `&mut [T]`, `&Vec<T>`, `Vec<T>`,
    /// when `T` is plain data or `Vec`s of it.
    fn elem_of_param(&self, ty: &Type) -> Option<Ty> {
        let elem = match ty {
            Type::Reference(r) => match &*r.elem {
                Type::Slice(s) => return self.plain(&s.elem).ok().filter(pinnable),
                other => other,
            },
            other => other,
        };
        match self.hint(elem) {
            Ok(Hint::Vec(Some(t))) if pinnable(&t) => Some(t),
            _ => None,
        }
    }
}

/// Whether a `Vec`'s element type, read from the lines after its `let`,
/// can be given to it from the start: plain data, or `Vec`s of it.
fn pinnable(elem: &Ty) -> bool {
    match elem {
        Ty::Vec(t) => pinnable(t),
        t => t.is_plain(),
    }
}

/// Whether an item's generics are lifetimes only (`struct Parser<'a>`,
/// `impl<'a> Parser<'a>`): a lifetime is no parameter to the simulation.
fn lifetimes_only(generics: &syn::Generics) -> bool {
    generics
        .params
        .iter()
        .all(|p| matches!(p, syn::GenericParam::Lifetime(_)))
}

/// `T` of field `at` of `def` when it is a `Vec<T>` of plain data.
fn plain_vec_field(def: &StructDef, at: usize) -> Option<Ty> {
    match def.fields.get(at) {
        Some((_, Ty::Vec(t))) if t.is_plain() => Some((**t).clone()),
        _ => None,
    }
}

/// Whether `arg` is `name`, `&name` or `&mut name`.
fn names(arg: &Expr, name: &str) -> bool {
    match arg {
        Expr::Reference(r) => names(&r.expr, name),
        Expr::Path(p) => p.path.is_ident(name),
        _ => false,
    }
}

/// Whether a type written in `f`'s signature names one of its type
/// parameters (or is `impl Trait`): such parameters take any value.
fn generic_in(f: &FnDef) -> impl Fn(&Type) -> bool {
    let generics: Vec<String> = f
        .sig
        .generics
        .type_params()
        .map(|p| p.ident.to_string())
        .chain(f.sig.generics.const_params().map(|c| c.ident.to_string()))
        .collect();
    move |ty: &Type| {
        if generics.is_empty() {
            return false;
        }
        let text = source_text(ty);
        text.split(|c: char| !super::char_class::continues_ident(c))
            .any(|word| generics.iter().any(|g| g == word))
            || matches!(ty, Type::ImplTrait(_))
    }
}

/// Whether values of `ty` only point (a reference, a raw pointer, or an
/// `Option` of one): a const of it owns nothing to drop.
fn lends_only(ty: &Ty) -> bool {
    match ty {
        Ty::Ref(_) | Ty::RawPtr(..) => true,
        Ty::Option(inner) => lends_only(inner),
        _ => false,
    }
}
