//! The program's own `impl fmt::Display` and `impl fmt::Debug`: `{}` and
//! `{:?}` of its types, `to_string`, and `write!`/`writeln!`/`write_str`
//! and the builders (`debug_struct`, `debug_tuple`, `debug_list`,
//! `debug_set`, `debug_map`) on the
//! `Formatter` its `fmt` is given; and `write!` into a `String`
//! (`fmt::Write`), which pushes each piece as it is written.
//!
//! `core::fmt` hands `fmt` a `Formatter` that writes straight into the
//! destination: each `write!(f, …)` writes its literal pieces and its
//! arguments one write at a time, and nothing is buffered between. So
//! `fmt` runs only when its argument is written, after every argument is
//! evaluated and after the destination is made (a `format!`'s `String`
//! with its estimated capacity, stdout's buffer at the first print), and
//! each write it makes goes where the `Formatter` writes ([`Sink`]): a
//! `String` grows by it there and then, between `fmt`'s own allocator
//! calls (a `join` or a `to_uppercase` in it), as std's does. An argument
//! of the program's type inside `fmt`'s own `write!` runs its `fmt` on the
//! same `Formatter`. A width or fill given at the placeholder (`{:>8}`)
//! reaches `fmt` only through the `Formatter`, and `write!` does not use
//! it: Rust ignores it there, and so does this. `f.pad(…)` honours it,
//! `f.width()` and its kin read it, and a `fmt` handed the same
//! `Formatter` (`fmt::Display::fmt(&self.0, f)`, `self.0.fmt(f)`) writes
//! with it, as std's does.
//!
//! A value with its own `Debug` can sit inside another that std writes
//! (`{:?}` of a `Vec<Point>`, a derived `Debug`'s field): rendering leaves
//! a hole there ([`super::format::OwnDebug`]), and the `fmt` fills it when
//! the writes are written, through a sink that indents each line it
//! writes as the `{:#?}` around it would ([`Sink::Padded`], std's
//! `PadAdapter`).

use super::format::{
    builder_writes, pad_integral_writes, pad_writes, render, Align, Builder, FmtPiece, Formatted,
    Kind, Pad, Spec, Writer,
};
use super::*;
use crate::scenario::std_rules::format::estimated_capacity;

/// std's `Formatter`, as the program's `fmt` sees it: a value naming the
/// sink its writes go to ([`Interp::formatters`]) and carrying the
/// options of the placeholder that called `fmt` (`{:>8.2}`, `{:#?}`),
/// which `f.width()`, `f.pad(…)` and a `fmt` it hands `f` on to read.
/// Its fields: the sink, whether alternate, the width and the precision
/// (`-1` for none), the fill, the alignment (`0` none, then left, center,
/// right), the flags (`+` 1, `-` 2, `0` 4, `x?` 8, `X?` 16).
fn formatter_def() -> Rc<StructDef> {
    let word = Ty::Int(IntTy::Word(false));
    let int = Ty::Int(IntTy::Fixed(true, 8));
    Rc::new(StructDef {
        fields: vec![
            ("0".to_string(), word),
            ("1".to_string(), Ty::Bool),
            ("2".to_string(), int.clone()),
            ("3".to_string(), int.clone()),
            ("4".to_string(), Ty::Char),
            ("5".to_string(), int.clone()),
            ("6".to_string(), int),
        ],
        unit: false,
        ..(*StructDef::unit("Formatter")).clone()
    })
}

/// A `Formatter` writing into sink `sink` with the options of `spec`.
fn formatter_value(sink: usize, spec: &Spec) -> Value {
    let count =
        |c: Option<usize>| Value::Int(c.map_or(-1, |n| n as i128), Some(IntTy::Fixed(true, 8)));
    let align = match spec.align {
        None => 0,
        Some(Align::Left) => 1,
        Some(Align::Center) => 2,
        Some(Align::Right) => 3,
    };
    let flags = i128::from(spec.plus)
        | i128::from(spec.minus) << 1
        | i128::from(spec.zero) << 2
        | i128::from(spec.debug_hex == Some(false)) << 3
        | i128::from(spec.debug_hex == Some(true)) << 4;
    Value::Struct(
        formatter_def(),
        vec![
            Value::Int(sink as i128, Some(IntTy::Word(false))),
            Value::Bool(spec.alternate),
            count(spec.width),
            count(spec.precision),
            Value::Char(spec.fill),
            Value::Int(align, Some(IntTy::Fixed(true, 8))),
            Value::Int(flags, Some(IntTy::Fixed(true, 8))),
        ],
    )
}

/// The sink a `Formatter` value writes into, and its options.
fn formatter_of(value: &Value) -> Option<(usize, Spec)> {
    let Value::Struct(def, items) = value else {
        return None;
    };
    if def.name != "Formatter" || def.variant.is_some() {
        return None;
    }
    let int = |i: usize| match items.get(i) {
        Some(Value::Int(n, _)) => Some(*n),
        _ => None,
    };
    let count = |i: usize| int(i).and_then(|n| usize::try_from(n).ok());
    let flags = int(6)?;
    let spec = Spec {
        fill: match items.get(4) {
            Some(Value::Char(c)) => *c,
            _ => return None,
        },
        align: match int(5)? {
            1 => Some(Align::Left),
            2 => Some(Align::Center),
            3 => Some(Align::Right),
            _ => None,
        },
        plus: flags & 1 != 0,
        minus: flags & 2 != 0,
        alternate: items.get(1) == Some(&Value::Bool(true)),
        zero: flags & 4 != 0,
        debug_hex: match flags >> 3 & 3 {
            1 => Some(false),
            2 => Some(true),
            _ => None,
        },
        width: count(2),
        precision: count(3),
        kind: Kind::Display,
    };
    Some((usize::try_from(int(0)?).ok()?, spec))
}

/// A builder `f.debug_struct(…)`, `f.debug_tuple(…)` or `f.debug_list()`
/// gives, as the program's `fmt` holds it: a value naming the sink entry
/// that keeps its state ([`Sink::Builder`]).
fn builder_value(builder: Builder, index: usize) -> Value {
    let name = match builder {
        Builder::Struct => "DebugStruct",
        Builder::Tuple => "DebugTuple",
        Builder::List => "DebugList",
        Builder::Set => "DebugSet",
        Builder::Map => "DebugMap",
    };
    let def = Rc::new(StructDef {
        fields: vec![("0".to_string(), Ty::Int(IntTy::Word(false)))],
        unit: false,
        ..(*StructDef::unit(name)).clone()
    });
    Value::Struct(
        def,
        vec![Value::Int(index as i128, Some(IntTy::Word(false)))],
    )
}

/// The sink entry a builder value names.
fn builder_index(value: &Value) -> Option<usize> {
    match value {
        Value::Struct(def, items)
            if matches!(
                def.name.as_str(),
                "DebugStruct" | "DebugTuple" | "DebugList" | "DebugSet" | "DebugMap"
            ) && def.variant.is_none() =>
        {
            match items.first() {
                Some(Value::Int(n, _)) => usize::try_from(*n).ok(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Which list of writes a `Formatter` value collects into.
fn formatter_index(value: &Value) -> Option<usize> {
    formatter_of(value).map(|(sink, _)| sink)
}

/// The traits of `std::fmt` whose `fmt` is forwarded here, by name.
const FMT_TRAITS: [(&str, Kind); 7] = [
    ("Display", Kind::Display),
    ("Debug", Kind::Debug),
    ("LowerHex", Kind::LowerHex),
    ("UpperHex", Kind::UpperHex),
    ("Octal", Kind::Octal),
    ("Binary", Kind::Binary),
    ("Pointer", Kind::Pointer),
];

/// The trait of `std::fmt` a name is, among those whose `fmt` is
/// forwarded here.
pub(super) fn fmt_trait(name: &str) -> Option<Kind> {
    FMT_TRAITS.iter().find(|(n, _)| *n == name).map(|&(_, k)| k)
}

/// The traits of `std::fmt` in scope: those whose `fmt` `x.fmt(f)`
/// may call, and whether `fmt::Write` is (`write!` into a `String`,
/// `f.write_char`).
#[derive(Debug, Default)]
pub(super) struct FmtTraits {
    pub(super) kinds: Vec<Kind>,
    pub(super) write: bool,
}

impl FmtTraits {
    /// Adds what a `use` brings in (`use std::fmt::Display;`,
    /// `use std::fmt::{self, Debug};`, `use std::fmt::Write as _;`,
    /// `use std::fmt::*;`): `under_fmt` once the path has gone through
    /// `fmt`.
    pub(super) fn add(&mut self, tree: &syn::UseTree, under_fmt: bool) {
        let mut name = |name: &str| {
            self.write |= name == "Write";
            self.kinds
                .extend(fmt_trait(name).filter(|k| !self.kinds.contains(k)));
        };
        match tree {
            syn::UseTree::Path(p) => self.add(&p.tree, p.ident == "fmt"),
            syn::UseTree::Name(n) if under_fmt => name(&n.ident.to_string()),
            syn::UseTree::Rename(r) if under_fmt => name(&r.ident.to_string()),
            syn::UseTree::Glob(_) if under_fmt => {
                for (t, _) in FMT_TRAITS {
                    name(t);
                }
                name("Write");
            }
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.add(t, under_fmt)),
            _ => {}
        }
    }
}

/// `Ok(())`, what `write!` into a `Formatter` gives.
fn fmt_ok() -> Value {
    Value::Result(true, Box::new(Value::unit()))
}

impl Interp<'_> {
    /// The program's `fmt` of `Display` for what `value` is (seen through
    /// references and boxes), if it has one.
    pub(super) fn display_fn(&self, value: &Value) -> Option<Rc<functions::FnDef>> {
        match self.see_through(value.clone()) {
            Value::Struct(def, _) => self.display_fns.get(def.type_name()).cloned(),
            _ => None,
        }
    }

    /// Runs the program's `fmt` on `value`, writing into sink `sink`
    /// through the `PadAdapter`s `pad` says.
    fn run_display(
        &mut self,
        value: &Value,
        f: Rc<functions::FnDef>,
        sink: usize,
        span: Span,
        pad: Pad,
    ) -> R<()> {
        let value = self.see_through(value.clone());
        let padded = (pad.depth > 0).then(|| self.formatters.push(Sink::Padded(sink, pad)));
        let formatter = formatter_value(padded.unwrap_or(sink), &pad.spec);
        let ran = self.with_temporary(value, |me, place| {
            me.run_fn(f, Some(Value::Ref(place)), vec![formatter], span)
        });
        if let Some(padded) = padded {
            self.formatters.truncate_to(padded);
        }
        let (result, _) = ran?;
        match result? {
            Value::Result(false, _) => err(
                span,
                "panicked: a Display implementation returned an error unexpectedly",
            ),
            _ => Ok(()),
        }
    }

    /// Runs the program's `fmt` on `value`; gives the writes it made.
    fn own_display_writes(
        &mut self,
        value: &Value,
        f: Rc<functions::FnDef>,
        span: Span,
        pad: Pad,
    ) -> R<Vec<String>> {
        let sink = self.formatters.push(Sink::Writes(Vec::new()));
        let ran = self.run_display(value, f, sink, span, pad);
        let writes = self.formatters.truncate_to(sink);
        ran.map(|()| writes)
    }

    /// Runs the `fmt`s of `formatted`'s arguments of the program's types,
    /// in order, each into a list of writes: for a destination that is
    /// not a `String` (stdout, once its buffer is made; a panic message).
    pub(super) fn resolve(&mut self, formatted: &mut Formatted) -> R<()> {
        for piece in &mut formatted.pieces {
            if let FmtPiece::Own(value, f, span, pad) = piece {
                let writes = self.own_display_writes(value, f.clone(), *span, *pad)?;
                *piece = FmtPiece::Argument(writes);
            }
        }
        Ok(())
    }

    /// Writes `pieces` in order into sink `sink`, each `fmt` of the
    /// program's own on it as it comes.
    fn write_pieces(&mut self, sink: usize, pieces: Vec<FmtPiece>) -> R<()> {
        for piece in pieces {
            match piece {
                FmtPiece::Literal(text) => self.sink_write(sink, text)?,
                FmtPiece::Argument(writes) => {
                    for text in writes {
                        self.sink_write(sink, text)?;
                    }
                }
                FmtPiece::Own(value, f, span, pad) => {
                    self.run_display(&value, f, sink, span, pad)?
                }
            }
        }
        Ok(())
    }

    /// One write into sink `sink`: kept, or pushed onto its `String`.
    fn sink_write(&mut self, sink: usize, text: String) -> R<()> {
        match self.formatters.0.get_mut(sink) {
            Some(Sink::Writes(list)) => list.push(text),
            Some(Sink::String(id, what)) => {
                let (id, what) = (*id, what.clone());
                self.append_text(id, &text, &what)?;
            }
            // Through the `PadAdapter`s: each line indented.
            Some(Sink::Padded(parent, pad)) => {
                let (parent, pad) = (*parent, *pad);
                let mut w = Writer::padded(pad);
                w.str(&text);
                if let Some(Sink::Padded(_, pad)) = self.formatters.0.get_mut(sink) {
                    pad.on_newline = w.on_newline();
                }
                for text in w.writes {
                    self.sink_write(parent, text)?;
                }
            }
            Some(Sink::Builder { .. }) | None => {}
        }
        Ok(())
    }

    /// Writes `pieces` into `String` `id`, each write pushed as it comes
    /// (`String`'s `fmt::Write`).
    fn write_into_string(&mut self, id: usize, pieces: Vec<FmtPiece>, what: &str) -> R<()> {
        let sink = self.formatters.push(Sink::String(id, what.into()));
        let written = self.write_pieces(sink, pieces);
        self.formatters.truncate_to(sink);
        written
    }

    /// `format!` of arguments among which the program's own `Display`
    /// runs: `String::with_capacity(estimated_capacity)`, then every
    /// write pushed as it comes, `fmt`'s among them.
    pub(super) fn format_live(&mut self, formatted: Formatted, text: &str) -> R<Value> {
        let pieces = &formatted.pieces;
        let literal_len: u64 = pieces
            .iter()
            .map(|p| match p {
                FmtPiece::Literal(s) => s.len() as u64,
                _ => 0,
            })
            .sum();
        let starts = !matches!(pieces.first(), Some(FmtPiece::Literal(_)));
        let has = pieces.iter().any(|p| !matches!(p, FmtPiece::Literal(_)));
        let capacity = estimated_capacity(literal_len, starts, has, self.target);
        let id = self.new_vec(Some(u8_ty()), true);
        if capacity > 0 {
            self.grow(
                id,
                capacity,
                &format!("`{text}`: a String with room for {capacity} bytes"),
                Exactness::Exact,
                false,
            )?;
        }
        let what = format!("`{text}`: each piece written is pushed onto the String");
        self.write_into_string(id, formatted.pieces, &what)?;
        Ok(Value::Owner(id))
    }

    /// `write!(f, …)` and `writeln!(f, …)` into the `Formatter` a `fmt` is
    /// given: its pieces, write by write.
    pub(super) fn write_macro(&mut self, mac: &syn::Macro, line: bool) -> R<Value> {
        let args = self.macro_args(mac)?;
        let all: Vec<&Expr> = args.iter().collect();
        let Some((dest, rest)) = all.split_first() else {
            return err(
                mac.span(),
                "`write!` takes a destination and a format string",
            );
        };
        // The destination is lent, not moved: `write!(s, …)` names `s`.
        let target = match self.place_of(dest)? {
            Some(place) => {
                let place = self.through_refs(place, self.sp(*dest))?;
                self.value_at(&place).unwrap_or_else(Value::unit)
            }
            None => self.eval(dest, None)?,
        };
        let target = self.deref(target);
        let string = match &target {
            Value::Owner(id) if matches!(self.owners[*id], Owner::Vec { string: true, .. }) => {
                Some(*id)
            }
            _ => None,
        };
        let index = formatter_index(&target);
        if string.is_some() && !self.fmt_traits.write {
            return err(
                self.sp(*dest),
                "cannot write into `String`; help: `write!` into a `String` is `fmt::Write`'s: bring the trait into scope with `use std::fmt::Write;`",
            );
        }
        if string.is_none() && index.is_none() {
            return unsupported(
                *dest,
                "`write!` into anything but a `String` or the `Formatter` of a `Display`'s `fmt`",
            );
        }
        let mut formatted = if rest.is_empty() {
            Formatted::default()
        } else {
            self.format_args_of(rest, mac.span())?
        };
        if line {
            formatted.push_literal("\n");
        }
        let pieces = std::mem::take(&mut formatted.pieces);
        match (string, index) {
            // `String`'s `fmt::Write`: each write a `push_str`.
            (Some(id), _) => {
                let what = format!(
                    "`{}`: each piece written is pushed onto the String",
                    self.src(mac)
                );
                self.write_into_string(id, pieces, &what)?;
            }
            (None, Some(index)) => self.write_pieces(index, pieces)?,
            (None, None) => {}
        }
        // The arguments' temporaries live to the end of the statement.
        for id in formatted.temporaries {
            self.temporary(Value::Owner(id));
        }
        Ok(fmt_ok())
    }

    /// A method of a `Formatter` (`write_str`, `pad`, `width`, the
    /// builders, …); `None` if `value` is not one.
    pub(super) fn formatter_method(
        &mut self,
        value: &Value,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Option<Value>> {
        let formatter = self.deref(value.clone());
        if let Some(index) = builder_index(&formatter) {
            return self.builder_method(formatter, index, name, m).map(Some);
        }
        let Some((index, spec)) = formatter_of(&formatter) else {
            return Ok(None);
        };
        let builder = match name {
            "debug_struct" => Some(Builder::Struct),
            "debug_tuple" => Some(Builder::Tuple),
            "debug_list" => Some(Builder::List),
            "debug_set" => Some(Builder::Set),
            "debug_map" => Some(Builder::Map),
            _ => None,
        };
        if let Some(builder) = builder {
            // The name (or `[`, `{`) is written as the builder is made.
            let opening = match builder {
                Builder::List => Some("["),
                Builder::Set | Builder::Map => Some("{"),
                Builder::Struct | Builder::Tuple => None,
            };
            let name = if let Some(opening) = opening {
                self.prim_args(m, 0)?;
                opening.to_string()
            } else {
                let arg = self.prim_args(m, 1)?.remove(0);
                let Some(text) = self.text_of(&arg) else {
                    return err(
                        self.sp(m),
                        format!("`{name}` takes the type's name, a `&str`"),
                    );
                };
                text
            };
            if !name.is_empty() {
                self.sink_write(index, name.clone())?;
            }
            let state = Sink::Builder {
                sink: index,
                builder,
                n: 0,
                spec,
                no_name: name.is_empty(),
            };
            let b = self.formatters.push(state);
            return Ok(Some(builder_value(builder, b)));
        }
        let count = |n: Option<usize>| {
            Value::Opt(n.map(|n| Box::new(Value::Int(n as i128, Some(IntTy::Word(false))))))
        };
        // What the placeholder asked for.
        let asked = match name {
            "alternate" => Some(Value::Bool(spec.alternate)),
            "sign_plus" => Some(Value::Bool(spec.plus)),
            "sign_minus" => Some(Value::Bool(spec.minus)),
            "sign_aware_zero_pad" => Some(Value::Bool(spec.zero)),
            "width" => Some(count(spec.width)),
            "precision" => Some(count(spec.precision)),
            "fill" => Some(Value::Char(spec.fill)),
            _ => None,
        };
        if let Some(value) = asked {
            self.prim_args(m, 0)?;
            return Ok(Some(value));
        }
        let writes = match name {
            "write_str" => {
                let arg = self.prim_args(m, 1)?.remove(0);
                let Some(text) = self.text_of(&arg) else {
                    return err(self.sp(m), "`write_str` takes a `&str`");
                };
                vec![text]
            }
            "write_char" if !self.fmt_traits.write => {
                return err(
                    m.method.span(),
                    "no method named `write_char` found for mutable reference `&mut Formatter<'_>` in the current scope; help: it is `fmt::Write`'s: bring the trait into scope with `use std::fmt::Write;`",
                )
            }
            "write_char" => match self.prim_args(m, 1)?.remove(0) {
                Value::Char(c) => vec![c.to_string()],
                _ => return err(self.sp(m), "`write_char` takes a `char`"),
            },
            // The text, cut to the precision and padded to the width.
            "pad" => {
                let arg = self.prim_args(m, 1)?.remove(0);
                let Some(text) = self.text_of(&arg) else {
                    return err(self.sp(m), "`pad` takes a `&str`");
                };
                pad_writes(&text, &spec, self.target)
            }
            // A sign, the prefix under `#`, the digits, padded.
            "pad_integral" => {
                let args = self.prim_args(m, 3)?;
                let (Value::Bool(nonnegative), Some(prefix), Some(digits)) =
                    (&args[0], self.text_of(&args[1]), self.text_of(&args[2]))
                else {
                    return err(
                        self.sp(m),
                        "`pad_integral` takes a `bool`, the prefix and the digits",
                    );
                };
                pad_integral_writes(*nonnegative, &prefix, &digits, &spec, self.target)
            }
            _ => {
                return unsupported(
                    &m.method,
                    &format!("`Formatter::{name}` (a `fmt` here writes with `write!`, `write_str`, `write_char`, `pad` or the builders)"),
                )
            }
        };
        for text in writes {
            self.sink_write(index, text)?;
        }
        Ok(Some(fmt_ok()))
    }

    /// `x.fmt(f)` with a `Formatter` `f`: the `fmt` of the one trait of
    /// `std::fmt` in scope (brought in by a `use`, or the trait of the
    /// `impl` whose `fmt` this is) that `x`'s type implements, as rustc
    /// resolves the method; `None` if `f` is not a `Formatter`.
    pub(super) fn fmt_method(&mut self, m: &syn::ExprMethodCall) -> R<Option<Value>> {
        // `f`, `&mut *f` or `*f`: evaluating it has no effect to repeat
        // when it is not a `Formatter` after all.
        let [arg] = &m.args.iter().collect::<Vec<_>>()[..] else {
            return Ok(None);
        };
        let mut inner: &Expr = arg;
        while let Expr::Reference(syn::ExprReference { expr, .. })
        | Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Deref(_),
            expr,
            ..
        }) = inner
        {
            inner = expr;
        }
        if !matches!(inner, Expr::Path(_)) {
            return Ok(None);
        }
        let formatter = self.eval(arg, None)?;
        if formatter_of(&self.deref(formatter.clone())).is_none() {
            return Ok(None);
        }
        // In generic code a type parameter's bounds take part in the
        // choice, which the run does not know.
        if !self.ty_env.is_empty() {
            return unsupported(
                &m.method,
                "`x.fmt(f)` in generic code, where a parameter's bounds decide which `fmt` it is (write `fmt::Display::fmt(&x, f)`)",
            );
        }
        // The receiver is lent, not moved.
        let (value, temporaries) = self.arg_value(&m.receiver)?;
        let has = self.fmt_traits_of(&value);
        let mut in_scope = self.fmt_traits.kinds.clone();
        in_scope.extend(self.fmt_impl.filter(|k| !in_scope.contains(k)));
        let applicable: Vec<Kind> = in_scope.into_iter().filter(|k| has.contains(k)).collect();
        let written = match applicable[..] {
            [kind] => self.forward_fmt(kind, &value, &formatter, self.sp(m)),
            [] => {
                let seen = self.see_through(value.clone());
                let ty = self.type_name(&seen);
                let what = match &seen {
                    Value::Int(..) | Value::Float(..) | Value::Bool(_) | Value::Char(_) => "type",
                    Value::Struct(def, _) if def.variant.is_some() => "enum",
                    Value::Opt(_) | Value::Result(..) => "enum",
                    _ => "struct",
                };
                err(
                    m.method.span(),
                    format!("no method named `fmt` found for {what} `{ty}` in the current scope: method not found in `{ty}`; help: `fmt` is a method of the traits of `std::fmt`, in scope in their own `impl`s or by a `use` (`use std::fmt::Display;`), and only of those `{ty}` implements"),
                )
            }
            _ => err(
                m.method.span(),
                "multiple applicable items in scope: multiple `fmt` found; help: say which trait's, as in `fmt::Display::fmt(&x, f)`",
            ),
        }?;
        self.drop_temporaries(&temporaries)?;
        Ok(Some(written))
    }

    /// The traits of `std::fmt` (among those forwarded here) whose `fmt`
    /// a value has: a `Box` or a reference has its pointee's.
    fn fmt_traits_of(&self, value: &Value) -> Vec<Kind> {
        use Kind::*;
        match self.see_through(value.clone()) {
            Value::Int(..) => vec![Display, Debug, LowerHex, UpperHex, Octal, Binary],
            Value::Float(..) | Value::Bool(_) | Value::Char(_) | Value::Str(_) => {
                vec![Display, Debug]
            }
            Value::Owner(id) if matches!(self.owners[id], Owner::Vec { string: true, .. }) => {
                vec![Display, Debug]
            }
            Value::Ptr(..) => vec![Debug, Pointer],
            // std's errors (`ParseIntError`, `TryFromIntError`).
            Value::Struct(def, items) if format::std_error_message(&def, &items).is_some() => {
                vec![Display, Debug]
            }
            Value::Struct(def, _) => {
                let name = def.type_name();
                let mut kinds = Vec::new();
                if self.display_fns.contains_key(name) {
                    kinds.push(Display);
                }
                if self.debug_fns.contains_key(name) || self.derived_debug.contains_key(name) {
                    kinds.push(Debug);
                }
                kinds
            }
            _ => vec![Debug],
        }
    }

    /// `fmt::Display::fmt(&x, f)` of the expression `x`: lent, not moved;
    /// a temporary it makes lives until the `fmt` is done.
    pub(super) fn forward_fmt_of(
        &mut self,
        kind: Kind,
        x: &Expr,
        formatter: &Value,
        span: Span,
    ) -> R<Value> {
        let (value, temporaries) = self.arg_value(x)?;
        let written = self.forward_fmt(kind, &value, formatter, span)?;
        self.drop_temporaries(&temporaries)?;
        Ok(written)
    }

    /// `fmt::Display::fmt(&x, f)` (or `Debug`, `LowerHex`, …), and
    /// `x.fmt(f)`: `x` written on the `Formatter` `f` with its options,
    /// as the placeholder that called `f`'s `fmt` asked: a value of the
    /// program's own type by its `fmt`, any other as std writes it.
    pub(super) fn forward_fmt(
        &mut self,
        kind: Kind,
        value: &Value,
        formatter: &Value,
        span: Span,
    ) -> R<Value> {
        let Some((sink, spec)) = formatter_of(&self.deref(formatter.clone())) else {
            return err(
                span,
                "`fmt` takes a `&mut Formatter` as its second argument",
            );
        };
        let own = match kind {
            Kind::Display => self.display_fn(value),
            Kind::Debug => match self.see_through(value.clone()) {
                Value::Struct(def, _) => self.debug_fns.get(def.type_name()).cloned(),
                _ => None,
            },
            _ => None,
        };
        if let Some(f) = own {
            let pad = Pad {
                spec: Spec { kind, ..spec },
                ..Pad::default()
            };
            self.run_display(value, f, sink, span, pad)?;
            return Ok(fmt_ok());
        }
        let view = self.view(value.clone(), true)?;
        let mut w = Writer::with_own(self.own_debug_types());
        let spec = Spec { kind, ..spec };
        if let Err(trait_) = render(&view, &spec, self.target, &mut w) {
            return err(
                span,
                format!(
                    "`{}` doesn't implement `std::fmt::{trait_}`",
                    self.type_name(value)
                ),
            );
        }
        let pieces = self.writer_pieces(w, span);
        self.write_pieces(sink, pieces)?;
        Ok(fmt_ok())
    }

    /// A method of a `Formatter`'s builder (`field`, `entry`, `entries`,
    /// `finish`, `finish_non_exhaustive`), writing what std's writes.
    fn builder_method(
        &mut self,
        handle: Value,
        index: usize,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Value> {
        let span = self.sp(m);
        let Some(&Sink::Builder {
            sink,
            builder,
            n,
            spec,
            no_name,
        }) = self.formatters.0.get(index)
        else {
            return err(span, "this builder's `fmt` has returned");
        };
        let finished = |me: &mut Self| {
            me.formatters.0.truncate(index + 1);
            Ok(fmt_ok())
        };
        match (name, builder) {
            ("finish", _) => {
                self.prim_args(m, 0)?;
                let w = builder_writes(
                    builder,
                    n,
                    if no_name { "" } else { "_" },
                    None,
                    spec,
                    self.target,
                    Vec::new(),
                );
                self.write_pieces(sink, vec![FmtPiece::Argument(w.writes)])?;
                finished(self)
            }
            // `..` for the fields not shown.
            ("finish_non_exhaustive", Builder::Struct) => {
                self.prim_args(m, 0)?;
                let text: &[&str] = match (n, spec.alternate) {
                    (0, _) => &[" { .. }"],
                    (_, false) => &[", .. }"],
                    (_, true) => &["    ", "..\n", "}"],
                };
                for t in text {
                    self.sink_write(sink, (*t).to_string())?;
                }
                finished(self)
            }
            // A map's entry: its key and its value, written as a pair.
            ("entry", Builder::Map) => {
                let [key, value] = &m.args.iter().collect::<Vec<_>>()[..] else {
                    return err(m.method.span(), arity_mismatch("method", 2, m.args.len()));
                };
                let (key, mut temporaries) = self.arg_value(key)?;
                let (value, more) = self.arg_value(value)?;
                temporaries.extend(more);
                self.builder_entry(index, "", Value::Tuple(vec![key, value]), span)?;
                self.drop_temporaries(&temporaries)?;
                Ok(handle)
            }
            ("field", Builder::Struct)
            | ("field", Builder::Tuple)
            | ("entry", Builder::List | Builder::Set) => {
                let (field, value) = match (builder, m.args.len()) {
                    (Builder::Struct, 2) => {
                        let field = self.eval(&m.args[0], None)?;
                        let Some(field) = self.text_of(&field) else {
                            return err(self.sp(&m.args[0]), "a field's name is a `&str`");
                        };
                        (field, &m.args[1])
                    }
                    (Builder::Struct, given) => {
                        return err(m.method.span(), arity_mismatch("method", 2, given))
                    }
                    (_, 1) => (String::new(), &m.args[0]),
                    (_, given) => return err(m.method.span(), arity_mismatch("method", 1, given)),
                };
                let (value, temporaries) = self.arg_value(value)?;
                self.builder_entry(index, &field, value, span)?;
                self.drop_temporaries(&temporaries)?;
                Ok(handle)
            }
            ("entries", Builder::List | Builder::Set | Builder::Map) => {
                let [arg] = &m.args.iter().collect::<Vec<_>>()[..] else {
                    return err(m.method.span(), arity_mismatch("method", 1, m.args.len()));
                };
                let (walk, consumed) = self.walk(arg)?;
                let id = match walk {
                    control::Walk::Iter(id) => id,
                    walk => self.iter_from_walk(walk, consumed),
                };
                // std's `for entry in entries { self.entry(&entry); }`:
                // each item is dropped once written.
                while let Some(item) = self.iter_next(id, span)? {
                    self.builder_entry(index, "", item.clone(), span)?;
                    self.drop_value(&item, "each entry is dropped once written")?;
                }
                self.drop_value(&Value::Owner(id), "`entries` drops the iterator")?;
                Ok(handle)
            }
            _ => unsupported(
                &m.method,
                &format!("this method of a `Formatter`'s builder (`{name}`)"),
            ),
        }
    }

    /// One entry written by builder `index`: `value` as `{:?}` shows it.
    fn builder_entry(&mut self, index: usize, field: &str, value: Value, span: Span) -> R<()> {
        let Some(&Sink::Builder {
            sink,
            builder,
            n,
            spec,
            ..
        }) = self.formatters.0.get(index)
        else {
            return Ok(());
        };
        let value = self.view(value, true)?;
        if builder == Builder::Map && !matches!(&value, Value::Tuple(kv) if kv.len() == 2) {
            return err(
                span,
                "`debug_map().entries(…)` takes an iterator of `(key, value)` pairs",
            );
        }
        let own = self.own_debug_types();
        let w = builder_writes(builder, n, field, Some(&value), spec, self.target, own);
        let pieces = self.writer_pieces(w, span);
        self.write_pieces(sink, pieces)?;
        if let Some(Sink::Builder { n, .. }) = self.formatters.0.get_mut(index) {
            *n += 1;
        }
        Ok(())
    }

    /// `x.to_string()` of a type with the program's `Display`: a `String`
    /// from `String::new()`, grown by each write `fmt` makes.
    pub(super) fn display_to_string(
        &mut self,
        value: &Value,
        f: Rc<functions::FnDef>,
        m: &syn::ExprMethodCall,
    ) -> R<Value> {
        self.prim_args(m, 0)?;
        let id = self.new_vec(Some(u8_ty()), true);
        let what = format!(
            "`{}`: each piece written is pushed onto the String",
            self.src(m)
        );
        let piece = FmtPiece::Own(value.clone(), f, self.sp(m), Pad::default());
        self.write_into_string(id, vec![piece], &what)?;
        Ok(Value::Owner(id))
    }
}

/// Where a `Formatter`'s writes go.
#[derive(Debug)]
pub(super) enum Sink {
    /// Kept, in order, for a destination that takes them after `fmt` ends.
    Writes(Vec<String>),
    /// Pushed onto `String` `.0` as they come (narrated as `.1`).
    String(usize, Rc<str>),
    /// Indented as `{:#?}`'s `PadAdapter`s indent, then written to sink
    /// `.0`: a `fmt` of the program's own nested in a pretty `{:#?}`.
    Padded(usize, Pad),
    /// A builder writing to sink `sink`, with `n` entries so far.
    Builder {
        sink: usize,
        builder: Builder,
        n: usize,
        spec: Spec,
        no_name: bool,
    },
}

/// The sinks of the `Formatter`s in use, innermost last (see `display.rs`).
#[derive(Debug, Default)]
pub(super) struct Formatters(Vec<Sink>);

impl Formatters {
    /// A new sink; gives its index.
    fn push(&mut self, sink: Sink) -> usize {
        self.0.push(sink);
        self.0.len() - 1
    }

    /// Ends sink `index` (and any after it left by an error): gives the
    /// writes it kept.
    fn truncate_to(&mut self, index: usize) -> Vec<String> {
        let writes = match self.0.get_mut(index) {
            Some(Sink::Writes(list)) => std::mem::take(list),
            _ => Vec::new(),
        };
        self.0.truncate(index);
        writes
    }
}
