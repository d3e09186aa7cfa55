//! The program's own `impl fmt::Display`: `{}` of its types, `to_string`,
//! and `write!`/`writeln!`/`write_str` into the `Formatter` its `fmt` is
//! given; and `write!` into a `String` (`fmt::Write`), which pushes each
//! piece as it is written.
//!
//! `core::fmt` hands `fmt` a `Formatter` that writes straight into the
//! destination: each `write!(f, …)` writes its literal pieces and its
//! arguments one write at a time, and nothing is buffered between. So
//! the writes `fmt` makes are kept in order, as the writes of that one
//! argument ([`FmtPiece::Argument`]): a `format!` or a `to_string` grows
//! its `String` by them exactly as std's does, and a `println!` prints
//! them. A width or fill given at the placeholder (`{:>8}`) reaches `fmt`
//! only through the `Formatter`, and `write!` does not use it: Rust
//! ignores it there, and so does this.
//!
//! `fmt` runs where the argument is written, after every argument is
//! evaluated, as in Rust. Its own allocator calls (a `to_uppercase` in
//! it) then fall between the writes into a `format!`'s `String`, an
//! order not modelled yet: such a `fmt` is refused there, with a message.

use super::format::{FmtPiece, Formatted};
use super::*;

/// std's `Formatter`, as the program's `fmt` sees it: a value naming the
/// list of writes it collects ([`Interp::formatters`]).
fn formatter_def() -> Rc<StructDef> {
    Rc::new(StructDef {
        fields: vec![("0".to_string(), Ty::Int(IntTy::Word(false)))],
        unit: false,
        ..(*StructDef::unit("Formatter")).clone()
    })
}

/// Which list of writes a `Formatter` value collects into.
fn formatter_index(value: &Value) -> Option<usize> {
    match value {
        Value::Struct(def, items) if def.name == "Formatter" && def.variant.is_none() => {
            match items.first() {
                Some(Value::Int(n, _)) => usize::try_from(*n).ok(),
                _ => None,
            }
        }
        _ => None,
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

    /// Runs the program's `fmt` on `value`; gives the writes it made.
    /// `into_string`: the writes go into a `String` (`format!`,
    /// `to_string`), where `fmt`'s own allocator calls would fall between
    /// the `String`'s.
    pub(super) fn own_display_writes(
        &mut self,
        value: &Value,
        f: Rc<functions::FnDef>,
        into_string: bool,
        span: Span,
    ) -> R<Vec<String>> {
        let value = self.see_through(value.clone());
        let index = self.formatters.len();
        self.formatters.push(Vec::new());
        let formatter = Value::Struct(
            formatter_def(),
            vec![Value::Int(index as i128, Some(IntTy::Word(false)))],
        );
        let calls = self.recording.made();
        let ran = self.with_temporary(value, |me, place| {
            me.run_fn(f, Some(Value::Ref(place)), vec![formatter], span)
        });
        let writes = self.formatters.truncate_to(index);
        let (result, _) = ran?;
        let allocated = self.recording.made() != calls;
        if allocated && (into_string || !self.stdout_ready) {
            return unsupported_span(
                span,
                "a `Display` whose `fmt` allocates, written into a `String` or into stdout's first print (the order of its calls and the buffer's is not modelled yet)",
            );
        }
        match result? {
            Value::Result(false, _) => err(
                span,
                "panicked: a Display implementation returned an error unexpectedly",
            ),
            _ => Ok(writes),
        }
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
        let writes: Vec<String> = formatted
            .pieces
            .iter()
            .flat_map(|p| match p {
                FmtPiece::Literal(s) => vec![s.clone()],
                FmtPiece::Argument(w) => w.clone(),
            })
            .collect();
        match (string, index) {
            // `String`'s `fmt::Write`: each write a `push_str`.
            (Some(id), _) => {
                let what = format!(
                    "`{}`: each piece written is pushed onto the String",
                    self.src(mac)
                );
                for w in &writes {
                    self.append_text(id, w, &what)?;
                }
            }
            (None, Some(index)) => {
                if let Some(list) = self.formatters.get_mut(index) {
                    list.extend(writes);
                }
            }
            (None, None) => {}
        }
        self.drop_temporaries(&formatted.temporaries)?;
        Ok(fmt_ok())
    }

    /// `f.write_str(s)` on a `Formatter`; `None` if `value` is not one.
    pub(super) fn formatter_method(
        &mut self,
        value: &Value,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Option<Value>> {
        let Some(index) = formatter_index(&self.deref(value.clone())) else {
            return Ok(None);
        };
        if name != "write_str" {
            return unsupported(
                &m.method,
                &format!("`Formatter::{name}` (a `fmt` here writes with `write!` or `write_str`)"),
            );
        }
        let arg = self.prim_args(m, 1)?.remove(0);
        let Some(text) = self.text_of(&arg) else {
            return err(self.sp(m), "`write_str` takes a `&str`");
        };
        if let Some(list) = self.formatters.get_mut(index) {
            list.push(text);
        }
        Ok(Some(fmt_ok()))
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
        let writes = self.own_display_writes(value, f, true, self.sp(m))?;
        let lengths: Vec<u64> = writes.iter().map(|w| w.len() as u64).collect();
        let text = writes.concat();
        self.written_string(0, &lengths, &text, &self.src(m))
    }
}

/// The writes of the `fmt`s running, innermost last (see `display.rs`).
#[derive(Debug, Default)]
pub(super) struct Formatters(Vec<Vec<String>>);

impl Formatters {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn push(&mut self, writes: Vec<String>) {
        self.0.push(writes);
    }

    fn get_mut(&mut self, index: usize) -> Option<&mut Vec<String>> {
        self.0.get_mut(index)
    }

    /// Ends the `fmt` whose writes are at `index` (and any inside it left
    /// by an error): gives its writes.
    fn truncate_to(&mut self, index: usize) -> Vec<String> {
        let writes = self
            .0
            .get_mut(index)
            .map(std::mem::take)
            .unwrap_or_default();
        self.0.truncate(index);
        writes
    }
}
