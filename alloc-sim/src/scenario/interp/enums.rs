//! The program's own enums: reading `enum` items, naming their variants
//! (`Shape::Circle`, `Self::Empty`, or a bare `Circle` after
//! `use Shape::*`), building values and matching them.
//!
//! A variant is a struct that knows its enum ([`StructDef::variant`]):
//! `Circle(f64)` is a tuple struct, `Rect { w: f64, h: f64 }` a struct with
//! named fields, `Empty` a unit struct. So a variant's value is built,
//! matched, printed, cloned and dropped exactly as a struct's is (fields in
//! declaration order), and the enum's own type ([`Ty::Enum`]) is what a
//! `Vec<Shape>` holds, laid out as rustc lays the enum out.

use std::rc::Rc;

use super::span::Spanned;
use syn::Expr;

use proc_macro2::Span;

use super::{arity_mismatch, err, unsupported, unsupported_span, Hint, Interp, R};
use crate::scenario::std_rules::{EnumRepr, IntType};
use crate::scenario::ty::{EnumDef, IntTy, StructDef, Ty, VariantOf};
use crate::scenario::value::Value;

impl Interp<'_> {
    /// Reads `enum Name { … }` into its definition, each variant as a
    /// struct of its fields.
    pub(super) fn define_enum(&mut self, e: &syn::ItemEnum) -> R<()> {
        let name = e.ident.to_string();
        self.note_derives(&e.ident, &e.attrs);
        let def = self.enum_def(e, Vec::new())?;
        if Ty::Enum(def.clone()).checked_layout(self.target).is_none() {
            return err(
                e.ident.span(),
                format!("values of the type `{name}` are too big for the target architecture"),
            );
        }
        self.enums.insert(name, def);
        Ok(())
    }

    /// An enum's definition as written, its fields' types read with the
    /// type parameters in scope; `args` are those parameters' types.
    pub(super) fn enum_def(&self, e: &syn::ItemEnum, args: Vec<Ty>) -> R<Rc<EnumDef>> {
        let name = e.ident.to_string();
        let (repr, int) = self.enum_repr(e)?;
        let mut variants = Vec::new();
        let mut discriminants = Vec::new();
        // The next implicit discriminant; `None` past `i128::MAX`.
        let mut next: Option<i128> = Some(0);
        let mut out_of_range: Option<(Span, String)> = None;
        for v in &e.variants {
            let mut fields = Vec::new();
            for (i, field) in v.fields.iter().enumerate() {
                let fname = field
                    .ident
                    .as_ref()
                    .map_or(i.to_string(), ToString::to_string);
                fields.push((fname, self.plain(&field.ty)?));
            }
            let value = match &v.discriminant {
                Some((_, expr)) => match self.const_value(expr)? {
                    Some(Value::Int(n, _)) => n,
                    _ => return unsupported(expr, "this discriminant (write an integer)"),
                },
                None => match next {
                    Some(n) => n,
                    None => {
                        return err(
                            v.ident.span(),
                            format!(
                                "enum discriminant overflowed: overflowed on value after {}",
                                i128::MAX
                            ),
                        )
                    }
                },
            };
            let mut value = value;
            if let Some((name, t)) = &int {
                let (min, max) = t.range(self.target);
                let negated = |expr: &Expr| matches!(expr, Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)));
                match &v.discriminant {
                    Some((_, expr)) if !t.signed() && negated(expr) => {
                        return err(
                            expr.span(),
                            format!("cannot apply unary operator `-` to type `{name}`"),
                        )
                    }
                    // rustc takes the literal's bits in the tag's type, and
                    // reports it (a lint, denied) once the enum is checked.
                    Some((_, expr)) if !(min..=max).contains(&value) => {
                        out_of_range.get_or_insert((
                            expr.span(),
                            format!("literal out of range for `{name}`"),
                        ));
                        value = wrap_to(value, t.size(self.target), t.signed());
                    }
                    None if value > max => {
                        return err(
                            v.ident.span(),
                            format!(
                                "enum discriminant overflowed: overflowed on value after {max}"
                            ),
                        )
                    }
                    _ => {}
                }
            }
            if discriminants.contains(&value) {
                // rustc's E0081 names the enum, where its item starts.
                let at = match &e.vis {
                    syn::Visibility::Inherited => e.enum_token.span,
                    vis => vis.span(),
                };
                return err(
                    at,
                    format!("discriminant value `{value}` assigned more than once"),
                );
            }
            discriminants.push(value);
            next = value.checked_add(1);
            variants.push((
                v.ident.to_string(),
                fields,
                matches!(v.fields, syn::Fields::Unit),
            ));
        }
        if let Some((span, message)) = out_of_range {
            return err(span, message);
        }
        let drops = self.drop_types.contains_key(&name);
        let def = Rc::new_cyclic(|weak| EnumDef {
            name: name.clone(),
            variants: variants
                .into_iter()
                .enumerate()
                .map(|(index, (vname, fields, unit))| {
                    Rc::new(StructDef {
                        name: vname,
                        fields,
                        repr_c: false,
                        align: None,
                        unit,
                        variant: Some(VariantOf {
                            name: name.clone(),
                            index,
                            def: weak.clone(),
                        }),
                        args: Vec::new(),
                        drops,
                        layouts: Default::default(),
                    })
                })
                .collect(),
            discriminants,
            repr,
            args,
        });
        Ok(def)
    }

    /// The enum's `#[repr]`: an integer (`u8` … `isize`), `C`, or both,
    /// and the integer's name as written. rustc's errors are rustc's
    /// (`packed` belongs on a struct; two integers, or `C` with an integer
    /// on a fieldless enum, conflict); `align` and `transparent` are not
    /// modelled.
    fn enum_repr(&self, e: &syn::ItemEnum) -> R<(EnumRepr, Option<(String, IntTy)>)> {
        let mut int: Option<(String, IntTy)> = None;
        let mut c = false;
        let mut first_hint: Option<Span> = None;
        let mut conflict = false;
        for attr in e.attrs.iter().filter(|a| a.path().is_ident("repr")) {
            let mut refused: Option<(Span, &str)> = None;
            attr.parse_nested_meta(|meta| {
                let word = meta
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                first_hint.get_or_insert(meta.path.span());
                match (word.as_str(), IntTy::from_name(&word)) {
                    ("C", _) => c = true,
                    (_, Some(t)) => conflict |= int.replace((word, t)).is_some(),
                    ("packed", _) => {
                        refused.get_or_insert((
                            meta.path.span(),
                            "attribute should be applied to a struct or union",
                        ));
                    }
                    _ => {
                        refused.get_or_insert((meta.path.span(), ""));
                    }
                }
                if meta.input.peek(syn::token::Paren) {
                    let _ = meta.input.parse::<proc_macro2::TokenTree>();
                }
                Ok(())
            })
            .or_else(|e| err(e.span(), e.to_string()))?;
            match refused {
                Some((span, "")) => {
                    return unsupported_span(
                        span,
                        "this `#[repr]` on an enum (integers and `C` are modelled)",
                    )
                }
                Some((span, message)) => return err(span, message),
                None => {}
            }
        }
        let hint_at = first_hint.unwrap_or_else(|| e.ident.span());
        // rustc's `conflicting_repr_hints`, an error by default.
        if conflict || (c && int.is_some() && e.variants.iter().all(|v| v.fields.is_empty())) {
            return err(hint_at, "conflicting representation hints");
        }
        if (c || int.is_some()) && e.variants.is_empty() {
            return err(hint_at, "unsupported representation for zero-variant enum");
        }
        let target = self.target;
        let int_type = |t: IntTy| IntType {
            size: t.size(target),
            signed: t.signed(),
        };
        Ok(match (c, &int) {
            (false, None) => (EnumRepr::Rust, None),
            (false, Some((_, t))) => (EnumRepr::Int(int_type(*t)), int),
            (true, Some((_, t))) => (EnumRepr::C(Some(int_type(*t))), int),
            (true, None) => (EnumRepr::C(None), None),
        })
    }

    /// `use Shape::*;` and `use Shape::{Circle, Rect};` bring variants in
    /// by their bare names; other `use`s (of std) change nothing here.
    pub(super) fn use_variants(&mut self, tree: &syn::UseTree, from: Option<&Rc<EnumDef>>) {
        match (tree, from) {
            (syn::UseTree::Path(p), None) => {
                let name = p.ident.to_string();
                match self.enums.get(&name).cloned() {
                    Some(def) => self.use_variants(&p.tree, Some(&def)),
                    // `self::Shape::*`, `crate::Shape::*`
                    None if name == "self" || name == "crate" => self.use_variants(&p.tree, None),
                    None => {}
                }
            }
            (syn::UseTree::Group(g), from) => {
                for t in &g.items {
                    self.use_variants(t, from);
                }
            }
            (syn::UseTree::Glob(_), Some(def)) => {
                for v in &def.variants {
                    self.imported.insert(v.name.clone(), v.clone());
                }
            }
            (syn::UseTree::Name(n), Some(def)) => {
                if let Some(v) = def.variant(&n.ident.to_string()) {
                    self.imported.insert(v.name.clone(), v.clone());
                }
            }
            (syn::UseTree::Rename(r), Some(def)) => {
                if let Some(v) = def.variant(&r.ident.to_string()) {
                    self.imported.insert(r.rename.to_string(), v.clone());
                }
            }
            _ => {}
        }
    }

    /// The enum a type name means (`Self` inside its `impl`); a generic
    /// enum's instance for `args`, or with its arguments not known yet.
    pub(super) fn enum_named(&self, name: &str) -> Option<Rc<EnumDef>> {
        self.enum_with(name, None)
    }

    fn enum_with(&self, name: &str, args: Option<Vec<Ty>>) -> Option<Rc<EnumDef>> {
        let found = match name {
            "Self" => self.self_ty.as_ref().and_then(|t| self.enums.get(t)),
            other => self.enums.get(other),
        };
        if let Some(def) = found {
            return Some(def.clone());
        }
        let generic = match name {
            "Self" if args.is_none() => self.generic_self(),
            "Self" => {
                let name = self.self_ty.as_ref()?;
                self.generic_named(name, args, Span::call_site()).ok()?
            }
            other => self.generic_named(other, args, Span::call_site()).ok()?,
        };
        match generic {
            Some(Ty::Enum(def)) => Some(def),
            _ => None,
        }
    }

    /// The variant a path names: `Shape::Circle`, `Self::Circle`, or a bare
    /// `Circle` brought in by `use`.
    pub(super) fn variant_at(&self, path: &syn::Path) -> Option<Rc<StructDef>> {
        let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
        match segments.as_slice() {
            [one] => self.imported.get(&one.ident.to_string()).cloned(),
            [.., ty, variant] => {
                // `Tree::<i32>::Leaf`: the instance the turbofish names.
                let args = if self.templates.contains_key(&ty.ident.to_string()) {
                    self.written_args(&ty.arguments).ok().flatten()
                } else {
                    None
                };
                self.enum_with(&ty.ident.to_string(), args)?
                    .variant(&variant.ident.to_string())
                    .cloned()
            }
            [] => None,
        }
    }

    /// The struct or variant a constructor's path names (`Point(…)`,
    /// `Shape::Rect { … }`), with `Self` read inside an `impl`.
    pub(super) fn constructor(&self, path: &syn::Path) -> Option<Rc<StructDef>> {
        if self.structs.is_empty() && self.enums.is_empty() && self.templates.is_empty() {
            return None;
        }
        if let Some(v) = self.variant_at(path) {
            return Some(v);
        }
        // std's `Reverse`, as `Reverse`, `cmp::Reverse` or `std::cmp::Reverse`.
        let words: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if let ["Reverse"] | ["cmp", "Reverse"] | ["std" | "core", "cmp", "Reverse"] = words
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            if !self.structs.contains_key("Reverse") {
                return Some(super::ordering::std_reverse(Ty::unit()));
            }
        }
        let last = path.segments.last()?;
        if path.segments.len() > 1 {
            return None;
        }
        let name = last.ident.to_string();
        if name == "Self" {
            if let Some(Ty::Struct(def)) = self.generic_self() {
                return Some(def);
            }
        }
        let name = match name.as_str() {
            "Self" => self.self_ty.clone()?,
            _ => name,
        };
        if let Some(def) = self.structs.get(&name) {
            return Some(def.clone());
        }
        if !self.templates.contains_key(&name) {
            return None;
        }
        let args = self.written_args(&last.arguments).ok().flatten();
        match self.generic_named(&name, args, Span::call_site()).ok()? {
            Some(Ty::Struct(def)) => Some(def),
            _ => None,
        }
    }

    /// `Circle(2.0)` or `Point(1, 2)`: a tuple struct or variant built from
    /// its arguments, each checked against its field's type.
    pub(super) fn construct(
        &mut self,
        def: Rc<StructDef>,
        args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>,
        hint: Option<&Hint>,
        span: proc_macro2::Span,
    ) -> R<Value> {
        if !def.is_tuple() && !def.fields.is_empty() || def.unit {
            return err(
                span,
                format!(
                    "`{}` is not a function: it has named fields or none",
                    def.path()
                ),
            );
        }
        if args.len() != def.fields.len() {
            let what = match def.variant {
                Some(_) => "enum variant",
                None => "struct",
            };
            return err(span, arity_mismatch(what, def.fields.len(), args.len()));
        }
        if self.is_std_reverse(&def) {
            // `Reverse<T>` for the `T` it is given.
            let value = self.eval(&args[0], None)?;
            let Some(ty) = self.value_ty(&value) else {
                return unsupported(&args[0], "`Reverse` of this value");
            };
            let value = value.typed(&ty);
            return Ok(Value::Struct(super::ordering::std_reverse(ty), vec![value]));
        }
        let exprs: Vec<(usize, &Expr)> = args.iter().enumerate().collect();
        let def = self.instance_for(def, hint, &exprs, span)?;
        let mut items = Vec::new();
        for (arg, (_, ty)) in args.iter().zip(&def.fields) {
            items.push(self.field_value(arg, ty)?);
        }
        self.settled(def, items, span)
    }

    /// A field's value, evaluated with its type as the hint and checked
    /// against it.
    pub(super) fn field_value(&mut self, expr: &Expr, ty: &Ty) -> R<Value> {
        let hint = Hint::of(ty);
        let value = self.eval(expr, Some(&hint))?.typed(ty);
        // `data: Vec::new().into_boxed_slice()`: a `Vec` not yet given an
        // element takes the field's.
        if let (Value::Owner(id), Hint::Vec(Some(t))) = (&value, &hint) {
            if let super::Owner::Vec { elem: e @ None, .. } = &mut self.owners[*id] {
                *e = Some(t.clone());
            }
        }
        if !self.value_fits(&value, ty) {
            return self.mismatch(self.sp(expr), &ty.to_string(), &value);
        }
        Ok(value)
    }

    /// Whether a value is the struct or variant `def` (`Value::Struct` of
    /// the same definition), for patterns.
    pub(super) fn is_variant(value: &Value, def: &StructDef) -> bool {
        matches!(value, Value::Struct(d, _) if d.name == def.name && d.variant == def.variant)
    }

    /// `Dir::North as i32`: a C-like enum's discriminant.
    pub(super) fn discriminant(value: &Value) -> Option<i128> {
        let Value::Struct(def, _) = value else {
            return None;
        };
        let of = def.variant.as_ref()?;
        let e = of.def.upgrade()?;
        e.is_c_like().then(|| e.discriminants[of.index])
    }
}

/// `value`'s low `size` bytes read as that integer, as an `as` cast does.
fn wrap_to(value: i128, size: u64, signed: bool) -> i128 {
    let bits = 8 * size as u32;
    if bits >= 128 {
        return value;
    }
    let low = value & ((1i128 << bits) - 1);
    if signed && low >> (bits - 1) == 1 {
        low - (1i128 << bits)
    } else {
        low
    }
}
