//! `Option`'s and `Result`'s methods that take a closure: `map`,
//! `and_then`, `unwrap_or_else`, `ok_or_else`, `map_err`, `filter`,
//! `is_some_and`, `map_or` (those without one are in `prims.rs`).
//! Arguments are evaluated first, as in any call (so `map_or`'s default
//! is built even for `Some`, and dropped at once); a closure runs only
//! when its variant needs it, and is dropped after.

use super::{unsupported, Interp, R};
use crate::scenario::value::Value;

impl Interp<'_> {
    /// A method of `Option` or `Result` that takes an argument: `Some`
    /// with its value, or `None` when `value` is neither or the method is
    /// not one of these.
    pub(super) fn combinator(
        &mut self,
        value: &Value,
        name: &str,
        m: &syn::ExprMethodCall,
        span: proc_macro2::Span,
    ) -> R<Option<Value>> {
        let (present, inner) = match value {
            Value::Opt(Some(v)) => (true, (**v).clone()),
            Value::Opt(None) => (false, Value::unit()),
            Value::Result(ok, v) => (*ok, (**v).clone()),
            _ => return Ok(None),
        };
        let is_result = matches!(value, Value::Result(..));
        let known = [
            "map",
            "and_then",
            "unwrap_or_else",
            "ok_or_else",
            "map_err",
            "filter",
            "is_some_and",
            "map_or",
        ];
        if !known.contains(&name) {
            return Ok(None);
        }
        let mut args = Vec::new();
        for a in &m.args {
            args.push(self.eval(a, None)?);
        }
        let closure = |me: &Self, i: usize| -> R<usize> {
            match args.get(i).and_then(|a| me.closure_in(a)) {
                Some(f) => Ok(f),
                None => unsupported(
                    m,
                    &format!("`{name}` with an argument that is not a closure"),
                ),
            }
        };
        let wrap = |v: Value, some: bool| -> Value {
            match (is_result, some) {
                (false, true) => Value::Opt(Some(Box::new(v))),
                (false, false) => Value::Opt(None),
                (true, ok) => Value::Result(ok, Box::new(v)),
            }
        };
        let result = match (name, present) {
            ("map", true) => {
                let f = closure(self, 0)?;
                wrap(self.call_closure(f, vec![inner], span)?, true)
            }
            ("map" | "and_then" | "filter", false) => value.clone(),
            ("map_err", false) if is_result => {
                let f = closure(self, 0)?;
                Value::Result(false, Box::new(self.call_closure(f, vec![inner], span)?))
            }
            ("map_err", _) => value.clone(),
            ("and_then", true) => {
                let f = closure(self, 0)?;
                self.call_closure(f, vec![inner], span)?
            }
            ("unwrap_or_else", true) => inner,
            ("unwrap_or_else", false) => {
                let f = closure(self, 0)?;
                let given = if is_result { vec![inner] } else { Vec::new() };
                self.call_closure(f, given, span)?
            }
            ("ok_or_else", true) => Value::Result(true, Box::new(inner)),
            ("ok_or_else", false) => {
                let f = closure(self, 0)?;
                Value::Result(false, Box::new(self.call_closure(f, Vec::new(), span)?))
            }
            ("filter" | "is_some_and", true) => {
                let f = closure(self, 0)?;
                let (keep, v) = self.with_temporary(inner, |me, place| {
                    me.call_closure(f, vec![Value::Ref(place)], span)
                })?;
                let keep = matches!(keep?, Value::Bool(true));
                if name == "is_some_and" {
                    Value::Bool(keep)
                } else if keep {
                    wrap(v, true)
                } else {
                    self.drop_value(&v, "`filter` drops the value it rejects")?;
                    Value::Opt(None)
                }
            }
            ("is_some_and", false) => Value::Bool(false),
            // `map_or` calls the closure, then drops the default it did
            // not need as it returns.
            ("map_or", true) => {
                let f = closure(self, 1)?;
                let mapped = self.call_closure(f, vec![inner], span)?;
                if let Some(a) = args.first() {
                    self.drop_value(a, "`map_or`'s default is dropped: it was not needed")?;
                }
                mapped
            }
            ("map_or", false) => args.first().cloned().unwrap_or_else(Value::unit),
            _ => return Ok(None),
        };
        // The closures given are dropped once the call returns.
        for a in &args {
            if let Some(f) = self.closure_in(a) {
                if matches!(a, Value::Owner(_)) {
                    self.drop_owner(f, "the closure is dropped after the call")?;
                }
            }
        }
        Ok(Some(result))
    }
}
