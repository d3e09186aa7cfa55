//! The program's generic structs and enums, made concrete for the types
//! they are used with, as rustc monomorphizes them.
//!
//! `struct Pair<T> { a: T, b: T }` is read once into a template: its
//! fields' types with `T` left as a [`Ty::Param`]. Each use with types
//! (`Pair<u8>`, or a literal `Pair { a: 1u8, b: 2 }` whose values say
//! them) makes an instance: a definition of its own, laid out for those
//! types, made once and kept by its name and arguments. A `Pair<u8>` is
//! 2 bytes and a `Pair<u64>` 16, as in Rust.
//!
//! Where the arguments come from, first found first: a turbofish or an
//! annotation (`Stack::<u8>::new()`, `let s: Stack<u8>`); the type the
//! context expects (a field's, a parameter's, a return type's); `Self`
//! inside the `impl`; then the values given (a field or an argument
//! declared `T` gives `T` its value's type). Rust also infers from how a
//! value is used later (`let mut s = Stack::new(); s.push(1u8)`). Here a
//! type not known yet stays unknown where the layout does not depend on
//! it (a `Vec<T>` field is three words whatever `T` is, and the `Vec`
//! learns its element at its first push); where the layout does depend on
//! it, storing the value asks for an annotation, as rustc does when it
//! cannot infer ("type annotations needed").
//!
//! Inside `impl<T> Stack<T>`, `T` is the receiver's argument (or the
//! expected type's, for a function without `self`): the type parameters
//! in scope ([`Interp::ty_env`]) are set for each call.
//!
//! A const parameter (`struct Ring<const N: usize>`) is a parameter like
//! the others whose argument is a value, [`Ty::ConstArg`]: `Ring<4>` and
//! `Ring<16>` are two instances, and an array written `[u32; N]` is a
//! [`Ty::ArrayOf`] until `N` is known, then an array of that length.
//! Inside the `impl`, and in a function that declares one, `N` is a value
//! of its declared type; a function's is given by a turbofish or by the
//! length of the array passed for a `[T; N]` parameter.

use std::cell::OnceCell;

use super::*;
use crate::scenario::ty::{EnumDef, NamedTy, VariantOf};

/// A generic struct or enum as written: its type parameters, and its
/// definition with each parameter left as a [`Ty::Param`] (set once the
/// definition is read: the templates are named before any is read, so
/// that each can name the others).
pub(super) struct Template {
    pub(super) params: Vec<String>,
    /// Its const parameters (`const N: usize`) and their types.
    pub(super) consts: Vec<(String, IntTy)>,
    pub(super) ty: OnceCell<Ty>,
}

/// The type parameters of an `impl<T> Stack<T>`, kept with each function
/// of it.
pub(super) struct ImplGenerics {
    /// `T`, `U`, … as the `impl` names them.
    pub(super) params: Vec<String>,
    /// The `impl`'s type's arguments as written (`[T]` in `Stack<T>`).
    pub(super) self_args: Vec<Type>,
}

/// The most instances made inside one another (`Node<T>` holding a
/// `Node<Vec<T>>` would make new ones forever; rustc stops too).
const MAX_INSTANCE_DEPTH: usize = 24;

impl Interp<'_> {
    /// The type and const parameters an item declares, in order
    /// (lifetimes need nothing here).
    pub(super) fn type_params(generics: &syn::Generics) -> R<Vec<String>> {
        Self::const_params(generics)?;
        Ok(generics
            .params
            .iter()
            .filter_map(|p| match p {
                syn::GenericParam::Type(t) => Some(t.ident.to_string()),
                syn::GenericParam::Const(c) => Some(c.ident.to_string()),
                syn::GenericParam::Lifetime(_) => None,
            })
            .collect())
    }

    /// The const parameters an item declares (`const N: usize`) with
    /// their integer types; a const parameter of another type, or with a
    /// default, is refused.
    pub(super) fn const_params(generics: &syn::Generics) -> R<Vec<(String, IntTy)>> {
        let mut out = Vec::new();
        for c in generics.const_params() {
            let int = match &c.ty {
                Type::Path(p) => p
                    .path
                    .get_ident()
                    .and_then(|i| IntTy::from_name(&i.to_string())),
                _ => None,
            };
            let Some(int) = int else {
                return unsupported(&c.ty, "const parameters of types other than integers");
            };
            if let Some(default) = &c.default {
                return unsupported(default, "a const parameter's default");
            }
            out.push((c.ident.to_string(), int));
        }
        Ok(out)
    }

    /// The value of the const parameter `name` where the code runs, if it
    /// is one and known.
    pub(super) fn const_param(&self, name: &str) -> Option<(i128, IntTy)> {
        match self.type_param(name) {
            Some(Ty::ConstArg(v, t)) => {
                self.contextual.set(true);
                Some((*v, *t))
            }
            _ => None,
        }
    }

    /// Reads a generic struct or enum into its template, with its
    /// parameters unknown.
    pub(super) fn define_template(&mut self, item: &syn::Item) -> R<()> {
        let ident = match item {
            syn::Item::Struct(s) => &s.ident,
            syn::Item::Enum(e) => &e.ident,
            _ => return Ok(()),
        };
        let name = ident.to_string();
        let Some(template) = self.templates.get(&name) else {
            return Ok(());
        };
        let unknown: Vec<Ty> = template
            .params
            .iter()
            .map(|p| Ty::Param(p.clone()))
            .collect();
        let env = template
            .params
            .iter()
            .cloned()
            .zip(unknown.clone())
            .collect();
        let ty = self.with_env(env, |me| match item {
            syn::Item::Struct(s) => me
                .struct_def(s)
                .map(|d| Some(Ty::Struct(Rc::new(StructDef { args: unknown, ..d })))),
            syn::Item::Enum(e) => me.enum_def(e, unknown).map(|d| Some(Ty::Enum(d))),
            _ => Ok(None),
        })?;
        let Some(ty) = ty else {
            return Ok(());
        };
        if ty.holds_inline(&name, 0) {
            return err(
                ident.span(),
                format!("recursive type `{name}` has infinite size: put it behind a pointer, as in `Box<{name}<T>>`"),
            );
        }
        if let Some(template) = self.templates.get(&name) {
            let _ = template.ty.set(ty);
        }
        Ok(())
    }

    /// Runs `f` with `env` as the type parameters in scope.
    pub(super) fn with_env<T>(
        &mut self,
        env: Vec<(String, Ty)>,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let saved = std::mem::replace(&mut self.ty_env, env);
        let out = f(self);
        self.ty_env = saved;
        out
    }

    /// What the type parameter `name` stands for where the code runs
    /// ([`Ty::Param`] when that is not known).
    pub(super) fn type_param(&self, name: &str) -> Option<&Ty> {
        self.ty_env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t)
    }

    /// The types written between `<` and `>` after a path's segment.
    pub(super) fn written_args(&self, args: &syn::PathArguments) -> R<Option<Vec<Ty>>> {
        let syn::PathArguments::AngleBracketed(a) = args else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for g in &a.args {
            match g {
                syn::GenericArgument::Type(t) => out.push(match t {
                    Type::Infer(_) => Ty::Param("_".into()),
                    t => self.plain(t)?,
                }),
                // `Buf<16>`, `Buf<{ 4 * 4 }>`: typed by the parameter.
                syn::GenericArgument::Const(e) => {
                    let e = match e {
                        Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
                            syn::Stmt::Expr(e, None) => e,
                            _ => e,
                        },
                        e => e,
                    };
                    match self.const_value(e)? {
                        Some(Value::Int(v, t)) => {
                            out.push(Ty::ConstArg(v, t.unwrap_or(IntTy::Word(false))))
                        }
                        _ => {
                            let n = super::const_len(e, &|name| self.const_u64(name))?;
                            out.push(Ty::ConstArg(i128::from(n), IntTy::Word(false)));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(Some(out))
    }

    /// Refuses, where rustc does and at the argument, a type given for a
    /// const parameter or a constant for a type parameter (E0747), and a
    /// constant that its parameter's integer type cannot hold.
    pub(super) fn check_generic_args(&self, name: &str, args: &syn::PathArguments) -> R<()> {
        let (Some(template), syn::PathArguments::AngleBracketed(a)) =
            (self.templates.get(name), args)
        else {
            return Ok(());
        };
        let given = a.args.iter().filter(|g| {
            matches!(
                g,
                syn::GenericArgument::Type(_) | syn::GenericArgument::Const(_)
            )
        });
        for (param, arg) in template.params.iter().zip(given) {
            let declared = template.consts.iter().find(|(n, _)| n == param);
            match (declared, arg) {
                (Some(_), syn::GenericArgument::Type(Type::Infer(_))) => {}
                // A const parameter's name in scope reads as a type path.
                (Some(_), syn::GenericArgument::Type(Type::Path(p)))
                    if p.path
                        .get_ident()
                        .is_some_and(|i| self.type_param(&i.to_string()).is_some()) => {}
                (Some(_), syn::GenericArgument::Type(t)) => {
                    return err(t.span(), "type provided when a constant was expected")
                }
                (None, syn::GenericArgument::Const(e)) => {
                    return err(e.span(), "constant provided when a type was expected")
                }
                (Some((_, t)), syn::GenericArgument::Const(e)) => {
                    if let Some(Value::Int(v, _)) = self.const_value(e)? {
                        let (min, max) = t.range(self.target);
                        if !(min..=max).contains(&v) {
                            return Err(out_of_range(e.span(), *t));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The program's generic type `name` with `args` (`None`: written
    /// without them, all unknown); `None` if `name` is not one.
    pub(super) fn generic_named(
        &self,
        name: &str,
        args: Option<Vec<Ty>>,
        span: Span,
    ) -> R<Option<Ty>> {
        let Some(template) = self.templates.get(name) else {
            return Ok(None);
        };
        let args = match args {
            Some(args) if args.len() != template.params.len() => {
                let kind = match template.ty.get() {
                    Some(Ty::Enum(_)) => "enum",
                    _ => "struct",
                };
                let n = template.params.len();
                return err(
                    span,
                    format!(
                        "{kind} takes {n} generic argument{} but {} generic argument{} {} supplied",
                        plural(n),
                        args.len(),
                        plural(args.len()),
                        if args.len() == 1 { "was" } else { "were" }
                    ),
                );
            }
            Some(args) => args,
            None => template
                .params
                .iter()
                .map(|p| Ty::Param(p.clone()))
                .collect(),
        };
        if template.ty.get().is_none() {
            // Named in a template read before this one: made when used.
            return Ok(Some(Ty::Generic(name.to_string(), args)));
        }
        self.instance(name, args, span).map(Some)
    }

    /// The instance of the generic type `name` for `args`, made the first
    /// time it is asked for.
    pub(super) fn instance(&self, name: &str, args: Vec<Ty>, span: Span) -> R<Ty> {
        let args = match self.templates.get(name) {
            Some(template) if !template.consts.is_empty() => {
                typed_consts(template, args, self.target, span)?
            }
            _ => args,
        };
        let key = Ty::Generic(name.to_string(), args.clone()).to_string();
        if let Some(t) = self.instances.borrow().get(&key) {
            return Ok(t.clone());
        }
        let Some(template) = self.templates.get(name) else {
            return err(span, format!("cannot find type `{name}` in this scope"));
        };
        let Some(ty) = template.ty.get() else {
            return Ok(Ty::Generic(name.to_string(), args));
        };
        if self.instance_depth.get() >= MAX_INSTANCE_DEPTH {
            return err(
                span,
                format!("reached the recursion limit while instantiating `{key}`"),
            );
        }
        // While it is made, its own fields name it through a placeholder
        // (`Option<Box<Node<i32>>>` inside `Node<i32>`).
        let named = NamedTy::new(name);
        self.instances
            .borrow_mut()
            .insert(key.clone(), Ty::Named(named.clone()));
        let bind: Vec<(String, Ty)> = template.params.iter().cloned().zip(args.clone()).collect();
        self.instance_depth.set(self.instance_depth.get() + 1);
        let made = self.substituted_def(ty, &bind, args, span);
        self.instance_depth.set(self.instance_depth.get() - 1);
        let made = match made {
            Ok(made) => made,
            Err(e) => {
                self.instances.borrow_mut().remove(&key);
                return Err(e);
            }
        };
        let _ = named.def.set(made.clone());
        if !made.laid_out_by_param() && made.checked_layout(self.target).is_none() {
            self.instances.borrow_mut().remove(&key);
            return err(
                span,
                format!("values of the type `{key}` are too big for the target architecture"),
            );
        }
        self.instances.borrow_mut().insert(key, made.clone());
        Ok(made)
    }

    /// A template's definition with its parameters bound to `bind`.
    fn substituted_def(
        &self,
        template: &Ty,
        bind: &[(String, Ty)],
        args: Vec<Ty>,
        span: Span,
    ) -> R<Ty> {
        let fields = |fields: &[(String, Ty)]| -> R<Vec<(String, Ty)>> {
            fields
                .iter()
                .map(|(n, t)| Ok((n.clone(), self.substitute(t, bind, span)?)))
                .collect()
        };
        Ok(match template {
            Ty::Struct(def) => Ty::Struct(Rc::new(StructDef {
                fields: fields(&def.fields)?,
                args,
                ..(**def).clone()
            })),
            Ty::Enum(def) => {
                let mut variants = Vec::new();
                for v in &def.variants {
                    variants.push(fields(&v.fields)?);
                }
                Ty::Enum(Rc::new_cyclic(|weak| EnumDef {
                    name: def.name.clone(),
                    variants: def
                        .variants
                        .iter()
                        .zip(variants)
                        .map(|(v, fields)| {
                            Rc::new(StructDef {
                                fields,
                                variant: v.variant.as_ref().map(|of| VariantOf {
                                    def: weak.clone(),
                                    ..of.clone()
                                }),
                                ..(**v).clone()
                            })
                        })
                        .collect(),
                    discriminants: def.discriminants.clone(),
                    repr: def.repr,
                    args,
                }))
            }
            other => other.clone(),
        })
    }

    /// `ty` with the parameters `bind` names replaced by their types, and
    /// the generic types in it made instances of those.
    pub(super) fn substitute(&self, ty: &Ty, bind: &[(String, Ty)], span: Span) -> R<Ty> {
        let sub = |t: &Ty| self.substitute(t, bind, span);
        let boxed = |t: &Ty| -> R<Box<Ty>> { Ok(Box::new(sub(t)?)) };
        let all = |tys: &[Ty]| -> R<Vec<Ty>> { tys.iter().map(sub).collect() };
        if !ty.has_param() {
            return Ok(ty.clone());
        }
        Ok(match ty {
            Ty::Param(n) => bind
                .iter()
                .find(|(p, _)| p == n)
                .map_or_else(|| ty.clone(), |(_, t)| t.clone()),
            Ty::Generic(name, args) => self.instance(name, all(args)?, span)?,
            Ty::Struct(def) if def.variant.is_none() && self.templates.contains_key(&def.name) => {
                self.instance(&def.name, all(&def.args)?, span)?
            }
            Ty::Enum(def) if self.templates.contains_key(&def.name) => {
                self.instance(&def.name, all(&def.args)?, span)?
            }
            Ty::Struct(def) if memory::is_unsafe_cell(def) => {
                memory::unsafe_cell_ty(sub(&def.fields[0].1)?)
            }
            // std's own generic structs (`RefCell<T>`, `Reverse<T>`).
            Ty::Struct(def) => Ty::Struct(Rc::new(StructDef {
                fields: def
                    .fields
                    .iter()
                    .map(|(n, t)| Ok((n.clone(), sub(t)?)))
                    .collect::<R<_>>()?,
                args: all(&def.args)?,
                ..(**def).clone()
            })),
            Ty::Array(t, n) => Ty::Array(boxed(t)?, *n),
            Ty::ArrayOf(t, n) => match bind.iter().find(|(p, _)| p == n) {
                Some((_, Ty::ConstArg(len, _))) => {
                    let len = u64::try_from(*len).or_else(|_| {
                        err(
                            span,
                            format!("an array of {len} elements: lengths are `usize`"),
                        )
                    })?;
                    Ty::Array(boxed(t)?, len)
                }
                _ => Ty::ArrayOf(boxed(t)?, n.clone()),
            },
            Ty::Tuple(items) => Ty::Tuple(all(items)?),
            Ty::Vec(t) => Ty::Vec(boxed(t)?),
            Ty::Deque(t) => Ty::Deque(boxed(t)?),
            Ty::Boxed(t) => Ty::Boxed(boxed(t)?),
            Ty::Box(t) => Ty::Box(boxed(t)?),
            Ty::Rc(t) => Ty::Rc(boxed(t)?),
            Ty::Weak(t) => Ty::Weak(boxed(t)?),
            Ty::Ref(t) => Ty::Ref(boxed(t)?),
            Ty::Option(t) => Ty::Option(boxed(t)?),
            Ty::Map(kind, k, v) => Ty::Map(
                *kind,
                boxed(k)?,
                match v {
                    Some(v) => Some(boxed(v)?),
                    None => None,
                },
            ),
            other => other.clone(),
        })
    }

    /// The template of the generic type a struct or a variant belongs to,
    /// and the fields of that struct or variant in it.
    fn template_fields(&self, def: &StructDef) -> Option<(&Template, Vec<Ty>)> {
        let template = self.templates.get(def.type_name())?;
        let fields = match (template.ty.get()?, &def.variant) {
            (Ty::Struct(t), None) => &t.fields,
            (Ty::Enum(t), Some(of)) => &t.variants.get(of.index)?.fields,
            _ => return None,
        };
        Some((template, fields.iter().map(|(_, t)| t.clone()).collect()))
    }

    /// The arguments a struct's or a variant's definition was made with.
    fn args_of(def: &StructDef) -> Vec<Ty> {
        match &def.variant {
            Some(of) => of.def.upgrade().map(|e| e.args.clone()).unwrap_or_default(),
            None => def.args.clone(),
        }
    }

    /// The same struct or variant in the instance for `args`.
    fn in_instance(&self, def: &Rc<StructDef>, args: Vec<Ty>, span: Span) -> R<Rc<StructDef>> {
        Ok(match self.instance(def.type_name(), args, span)? {
            Ty::Struct(d) => d,
            Ty::Enum(e) => match def.variant.as_ref().and_then(|of| e.variants.get(of.index)) {
                Some(v) => v.clone(),
                None => def.clone(),
            },
            _ => def.clone(),
        })
    }

    /// A generic struct or variant about to be built from `exprs` (its
    /// fields' expressions, in declaration order where written): its
    /// instance for what the expected type says, or for the types the
    /// expressions show before they run (a literal's, a binding's), so
    /// that each field is built knowing its type.
    pub(super) fn instance_for(
        &self,
        def: Rc<StructDef>,
        hint: Option<&Hint>,
        exprs: &[(usize, &Expr)],
        span: Span,
    ) -> R<Rc<StructDef>> {
        let args = Self::args_of(&def);
        if !args.iter().any(Ty::has_param) {
            return Ok(def);
        }
        // The expected type, if it is an instance of the same type.
        let expected = match hint {
            Some(Hint::Plain(Ty::Struct(d))) if d.name == def.name && def.variant.is_none() => {
                Some(d.args.clone())
            }
            Some(Hint::Plain(Ty::Enum(e)))
                if Some(&e.name) == def.variant.as_ref().map(|v| &v.name) =>
            {
                Some(e.args.clone())
            }
            _ => None,
        };
        if let Some(expected) = expected.filter(|a| a.len() == args.len()) {
            let merged: Vec<Ty> = args
                .iter()
                .zip(expected)
                .map(|(a, e)| {
                    if a.has_param() && !e.has_param() {
                        e
                    } else {
                        a.clone()
                    }
                })
                .collect();
            if !merged.iter().any(Ty::has_param) {
                return self.in_instance(&def, merged, span);
            }
        }
        let Some((template, fields)) = self.template_fields(&def) else {
            return Ok(def);
        };
        let mut bound = known_params(template, &args);
        for (slot, expr) in exprs {
            if let (Some(t), Some(seen)) = (fields.get(*slot), self.peek_ty(expr)) {
                unify(t, &seen, &mut bound);
            }
        }
        let args = with_bound(template, &args, &bound);
        self.in_instance(&def, args, span)
    }

    /// A generic struct or variant built from `values` (its fields in
    /// declaration order): its instance for the types the values have,
    /// where nothing said them before.
    pub(super) fn instance_for_values(
        &self,
        def: Rc<StructDef>,
        values: &[Value],
        span: Span,
    ) -> R<Rc<StructDef>> {
        let args = Self::args_of(&def);
        if !args.iter().any(Ty::has_param) {
            return Ok(def);
        }
        let Some((template, fields)) = self.template_fields(&def) else {
            return Ok(def);
        };
        let mut bound = known_params(template, &args);
        // Values of known types first; then a bare literal's own default
        // (`i32`, `f64`) for a parameter nothing else gave a type.
        for (t, v) in fields.iter().zip(values) {
            if matches!(v, Value::Int(_, None) | Value::Float(_, None)) {
                continue;
            }
            if let Some(seen) = self.value_ty(v) {
                unify(t, &seen, &mut bound);
            }
        }
        for (t, v) in fields.iter().zip(values) {
            if let (Some(seen), Value::Int(_, None) | Value::Float(_, None)) = (v.ty(), v) {
                unify(t, &seen, &mut bound);
            }
        }
        let args = with_bound(template, &args, &bound);
        self.in_instance(&def, args, span)
    }

    /// The type `expr` will have, where that shows without running it: a
    /// literal's (a suffixed number's; a bare one is left for the context
    /// to type), a binding's, a cast's, a string literal's.
    fn peek_ty(&self, expr: &Expr) -> Option<Ty> {
        match expr {
            Expr::Lit(l) => match &l.lit {
                Lit::Int(i) if !i.suffix().is_empty() => IntTy::from_name(i.suffix()).map(Ty::Int),
                Lit::Float(f) if !f.suffix().is_empty() => Some(Ty::Float(f.suffix() == "f64")),
                Lit::Bool(_) => Some(Ty::Bool),
                Lit::Char(_) => Some(Ty::Char),
                Lit::Str(_) => Some(Ty::Str),
                _ => None,
            },
            Expr::Cast(c) => self.plain(&c.ty).ok(),
            Expr::Paren(p) => self.peek_ty(&p.expr),
            Expr::Path(p) => {
                let (s, b) = self.lookup(&p.path.get_ident()?.to_string())?;
                self.value_ty(&self.scopes[s][b].value)
            }
            _ => None,
        }
    }

    /// The type parameters a call of `f` runs with: the `impl`'s, bound
    /// to the receiver's arguments, to `explicit` (a turbofish's, the
    /// expected type's) or left unknown; and what `Self` is then.
    pub(super) fn env_for(
        &self,
        f: &functions::FnDef,
        receiver: Option<&Value>,
        explicit: Option<Vec<Ty>>,
    ) -> (Vec<(String, Ty)>, Vec<Ty>) {
        let Some(g) = &f.impl_generics else {
            return (Vec::new(), Vec::new());
        };
        let self_args = match receiver.and_then(|r| self.receiver_args(r)) {
            Some(args) => args,
            None => explicit.unwrap_or_default(),
        };
        let mut env: Vec<(String, Ty)> = Vec::new();
        for (written, given) in g.self_args.iter().zip(&self_args) {
            if let Type::Path(p) = written {
                if let Some(ident) = p.path.get_ident() {
                    let name = ident.to_string();
                    if g.params.contains(&name) && !env.iter().any(|(n, _)| *n == name) {
                        env.push((name, given.clone()));
                    }
                }
            }
        }
        for p in &g.params {
            if !env.iter().any(|(n, _)| n == p) {
                env.push((p.clone(), Ty::Param(p.clone())));
            }
        }
        let self_args = self.self_args_in(f, &env);
        (env, self_args)
    }

    /// The arguments of `Self` in a call of `f` with `env` as the
    /// `impl`'s type parameters.
    pub(super) fn self_args_in(&self, f: &functions::FnDef, env: &[(String, Ty)]) -> Vec<Ty> {
        let Some(g) = &f.impl_generics else {
            return Vec::new();
        };
        g.self_args
            .iter()
            .map(|t| self.written_in(t, env))
            .collect()
    }

    /// The arguments a call `Type::function(…)` of a generic type gives
    /// `Self`: its turbofish's (`Stack::<u8>::new()`), `Self`'s own inside
    /// the `impl`, or those of the type the caller expects.
    pub(super) fn args_for_path(
        &self,
        segment: Option<&syn::PathSegment>,
        ty: &str,
        hint: Option<&Hint>,
    ) -> Option<Vec<Ty>> {
        let segment = segment?;
        if let Ok(Some(args)) = self.written_args(&segment.arguments) {
            return Some(args);
        }
        if segment.ident == "Self" && !self.self_args.is_empty() {
            return Some(self.self_args.clone());
        }
        match hint {
            Some(Hint::Plain(Ty::Struct(d))) if d.name == ty => Some(d.args.clone()),
            Some(Hint::Plain(Ty::Enum(e))) if e.name == ty => Some(e.args.clone()),
            _ => None,
        }
    }

    /// A type written in an `impl`'s header, read with `bound` as its
    /// parameters.
    fn written_in(&self, ty: &Type, bound: &[(String, Ty)]) -> Ty {
        if let Type::Path(p) = ty {
            if let Some(ident) = p.path.get_ident() {
                if let Some((_, t)) = bound.iter().find(|(n, _)| ident == n) {
                    return t.clone();
                }
            }
        }
        self.plain(ty).unwrap_or_else(|_| Ty::Param("_".into()))
    }

    /// The type arguments of the struct or enum a receiver is (through
    /// references and boxes).
    fn receiver_args(&self, value: &Value) -> Option<Vec<Ty>> {
        match self.deref(value.clone()) {
            Value::Struct(def, _) => Some(Self::args_of(&def)),
            Value::Owner(id) => match &self.owners[id] {
                Owner::Box { ty, .. } => match ty.resolved() {
                    Ty::Struct(def) => Some(def.args.clone()),
                    Ty::Enum(def) => Some(def.args.clone()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    /// What `Self` is in the function running, if it is in an `impl` of a
    /// generic type.
    pub(super) fn generic_self(&self) -> Option<Ty> {
        let name = self.self_ty.as_ref()?;
        if !self.templates.contains_key(name) {
            return None;
        }
        let args = if self.self_args.is_empty() {
            None
        } else {
            Some(self.self_args.clone())
        };
        self.generic_named(name, args, Span::call_site())
            .ok()
            .flatten()
    }

    /// Refuses a value of `ty` where it is about to be laid out (stored in
    /// the heap) while its layout still needs a parameter nobody gave.
    pub(super) fn laid_out(&self, ty: &Ty) -> R<()> {
        if !ty.laid_out_by_param() {
            return Ok(());
        }
        let name = ty.to_string();
        let bare = name.split('<').next().unwrap_or(&name).to_string();
        halt(Halt::Error(ScenarioError {
            line: self.here.0,
            column: self.here.1,
            message: format!(
                "type annotations needed for `{name}`: say its type where it is made, as in `let x: {bare}<i32> = …` or `{bare}::<i32>::…` (rustc infers it from later uses; scenarios need it here)"
            ),
        }))
    }
}

/// The parameters of `template` whose types `args` already say.
fn known_params(template: &Template, args: &[Ty]) -> Vec<(String, Ty)> {
    template
        .params
        .iter()
        .zip(args)
        .filter(|(_, a)| !a.has_param())
        .map(|(p, a)| (p.clone(), a.clone()))
        .collect()
}

/// `args` with each parameter `bound` gives a type taking it.
fn with_bound(template: &Template, args: &[Ty], bound: &[(String, Ty)]) -> Vec<Ty> {
    template
        .params
        .iter()
        .zip(args)
        .map(|(p, a)| {
            bound
                .iter()
                .find(|(n, _)| n == p)
                .map_or_else(|| a.clone(), |(_, t)| t.clone())
        })
        .collect()
}

/// Binds the parameters `template` names to what `actual` has in their
/// places (a parameter already bound keeps its type).
pub(super) fn unify(template: &Ty, actual: &Ty, out: &mut Vec<(String, Ty)>) {
    match (template, actual) {
        (Ty::Param(n), t) if !t.has_param() && !out.iter().any(|(p, _)| p == n) => {
            out.push((n.clone(), t.clone()));
        }
        (Ty::Vec(a), Ty::Vec(b))
        | (Ty::Deque(a), Ty::Deque(b))
        | (Ty::Box(a), Ty::Box(b))
        | (Ty::Rc(a), Ty::Rc(b))
        | (Ty::Weak(a), Ty::Weak(b))
        | (Ty::Ref(a), Ty::Ref(b))
        | (Ty::Option(a), Ty::Option(b))
        | (Ty::Boxed(a), Ty::Boxed(b))
        | (Ty::Array(a, _), Ty::Array(b, _)) => unify(a, b, out),
        // `[T; N]` given an array of 3 says `N` is 3.
        (Ty::ArrayOf(a, n), Ty::Array(b, len)) => {
            if !out.iter().any(|(p, _)| p == n) {
                out.push((
                    n.clone(),
                    Ty::ConstArg(i128::from(*len), IntTy::Word(false)),
                ));
            }
            unify(a, b, out);
        }
        // A reference given where a value is declared, and the reverse,
        // say the same of the type.
        (Ty::Ref(a), b) => unify(a, b, out),
        (a, Ty::Ref(b)) => unify(a, b, out),
        (Ty::Tuple(a), Ty::Tuple(b)) => {
            for (a, b) in a.iter().zip(b) {
                unify(a, b, out);
            }
        }
        (Ty::Struct(a), Ty::Struct(b)) if a.name == b.name => {
            for (a, b) in a.args.iter().zip(&b.args) {
                unify(a, b, out);
            }
        }
        (Ty::Enum(a), Ty::Enum(b)) if a.name == b.name => {
            for (a, b) in a.args.iter().zip(&b.args) {
                unify(a, b, out);
            }
        }
        (Ty::Generic(n, a), Ty::Struct(b)) if *n == b.name => {
            for (a, b) in a.iter().zip(&b.args) {
                unify(a, b, out);
            }
        }
        (Ty::Generic(n, a), Ty::Enum(b)) if *n == b.name => {
            for (a, b) in a.iter().zip(&b.args) {
                unify(a, b, out);
            }
        }
        (Ty::Map(_, k, v), Ty::Map(_, l, w)) => {
            unify(k, l, out);
            if let (Some(v), Some(w)) = (v, w) {
                unify(v, w, out);
            }
        }
        _ => {}
    }
}

/// `args` with each const argument typed as its parameter is declared,
/// refused where the value does not fit (`Buf<300>` of a `const N: u8`).
fn typed_consts(template: &Template, args: Vec<Ty>, target: Target, span: Span) -> R<Vec<Ty>> {
    let mut out = Vec::with_capacity(args.len());
    for (param, arg) in template.params.iter().zip(args) {
        let declared = template.consts.iter().find(|(n, _)| n == param);
        out.push(match (declared, arg) {
            (Some((_, t)), Ty::ConstArg(v, _)) => {
                let (min, max) = t.range(target);
                if !(min..=max).contains(&v) {
                    return Err(out_of_range(span, *t));
                }
                Ty::ConstArg(v, *t)
            }
            (Some(_), other) if !other.has_param() => {
                return err(span, "type provided when a constant was expected")
            }
            (None, Ty::ConstArg(..)) => {
                return err(span, "constant provided when a type was expected")
            }
            (_, other) => other,
        });
    }
    Ok(out)
}
