//! Strings the program builds: `format!`, `to_string`, `String + &str`,
//! `+=` and `push_str` of another string, with std's exact calls
//! ([`std_rules::format`](crate::scenario::std_rules::format)).

use super::*;
use crate::scenario::std_rules::format::{self as fmt_rules, Built};
use crate::scenario::std_rules::StdCall;

impl Interp<'_> {
    /// Makes the calls `built` lists, in order, and gives the `String` they
    /// leave, holding `text`.
    fn build_string(&mut self, built: &Built, text: &str, what: &str) -> R<Value> {
        let mut ptr: Option<Addr> = None;
        let mut cap = 0u64;
        for call in &built.calls {
            match *call {
                StdCall::Alloc(layout) => {
                    let why = format!("`{what}`: a String with room for {} bytes", layout.size);
                    ptr = Some(self.alloc_infallible(layout, false, &why)?);
                    cap = layout.size;
                }
                StdCall::Realloc { layout, new_size } => {
                    let Some(addr) = ptr else { continue };
                    let why = format!(
                        "`{what}`: the text passes the String's {} bytes; it grows to {new_size}",
                        layout.size
                    );
                    let call = Call::Realloc {
                        addr,
                        layout,
                        new_size,
                    };
                    match self.allocator_call(call, &why)? {
                        Ok(a) => ptr = Some(a),
                        Err(_) => {
                            return halt(Halt::Abort(
                                format!("memory allocation of {new_size} bytes failed"),
                                self.here,
                            ))
                        }
                    }
                    cap = new_size;
                }
                StdCall::Dealloc(layout) => {
                    if let Some(addr) = ptr.take() {
                        self.free(addr, layout, &format!("`{what}`"))?;
                    }
                    cap = 0;
                }
            }
        }
        if let Some(p) = ptr {
            self.sim.heap_mut().write(p, text.as_bytes());
        }
        let id = self.new_owner(Owner::Vec {
            ptr,
            cap,
            len: text.len() as u64,
            elem: Some(u8_ty()),
            string: true,
        });
        Ok(Value::Owner(id))
    }

    /// `format!(…)`: the String std's `format` builds, write by write.
    pub(super) fn format_macro(&mut self, mac: &syn::Macro) -> R<Value> {
        let args = self.macro_args(mac)?;
        if args.is_empty() {
            return err(
                mac.span(),
                "`format!` requires at least a format string argument",
            );
        }
        let formatted = self.format_args(&args, mac.span())?;
        let temporaries = formatted.temporaries.clone();
        let value = self.format_live(formatted, &source_text(mac))?;
        // std's `format!` is a block, `{ let res = fmt::format(format_args!(…)); res }`:
        // the arguments' temporaries are dropped at the end of its `let`,
        // before the statement that uses the `String` goes on.
        self.drop_temporaries(&temporaries)?;
        Ok(value)
    }

    /// `x.to_string()` on plain data, a string literal or a `String`: std's
    /// shortcuts (exact for text, a type's widest for signed integers),
    /// else `Display` written into `String::new()`.
    /// A `String` made by one of `str`'s allocating methods: room for
    /// `capacity` bytes first, then `writes` in order (see
    /// [`fmt_rules::written_string`]); it holds `text`.
    pub(super) fn written_string(
        &mut self,
        capacity: u64,
        writes: &[u64],
        text: &str,
        what: &str,
    ) -> R<Value> {
        match fmt_rules::written_string(capacity, writes, self.target) {
            Ok(built) => self.build_string(&built, text, what),
            Err(_) => self.capacity_overflow(false),
        }
    }

    /// `parts.join(sep)` and `parts.concat()` of strings: one `String` of
    /// exactly the joined length (std adds the lengths up first), nothing
    /// for no parts.
    pub(super) fn join_texts(
        &mut self,
        parts: &[Value],
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Value> {
        let sep = if name == "join" {
            let arg = self.prim_args(m, 1)?.remove(0);
            match self.text_of(&arg) {
                Some(sep) => sep,
                None => {
                    return unsupported(&m.args, "`join` with a separator that is not a string")
                }
            }
        } else {
            self.prim_args(m, 0)?;
            String::new()
        };
        let mut out = String::new();
        for (i, part) in parts.iter().enumerate() {
            let Some(t) = self.text_of(part) else {
                return unsupported(&m.method, &format!("`{name}` of anything but strings"));
            };
            if i > 0 {
                out.push_str(&sep);
            }
            out.push_str(&t);
        }
        let n = out.len() as u64;
        self.written_string(n, &[n], &out, &self.src(m))
    }

    pub(super) fn string_of(&mut self, value: &Value, what: &str) -> R<Value> {
        let value = self.deref(value.clone());
        let text = match &value {
            Value::Owner(id) => {
                let (ptr, _, len, _, string) = self.vec_state(*id);
                if !string {
                    return unsupported_span(Span::call_site(), "`to_string` of this value");
                }
                let bytes = ptr
                    .map(|p| self.sim.heap().read(p, len).to_vec())
                    .unwrap_or_default();
                String::from_utf8_lossy(&bytes).into_owned()
            }
            other => self.display_writes(other.clone())?.concat(),
        };
        let built = match &value {
            Value::Int(v, t) => {
                // An integer whose type nothing fixed is an `i32`; one too
                // big for its type (an unsuffixed literal rustc would
                // refuse, typed by a declaration: `Some(-9223372036854775808)`
                // for an `Option<i32>`) is sized as the `i64` or `i128` that
                // holds it, so the `String` always has room for the text
                // written.
                let (lo, hi) = t.unwrap_or(IntTy::Fixed(true, 4)).range(self.target);
                let t = match t {
                    Some(t) if (lo..=hi).contains(v) => *t,
                    None if i32::try_from(*v).is_ok() => IntTy::Fixed(true, 4),
                    _ if i64::try_from(*v).is_ok() => IntTy::Fixed(true, 8),
                    _ => IntTy::Fixed(true, 16),
                };
                fmt_rules::integer_to_string(t, v.unsigned_abs(), *v < 0, self.target)
            }
            Value::Owner(_) | Value::Str(_) | Value::Char(_) | Value::Bool(_) => {
                fmt_rules::exact_string(text.len() as u64, self.target)
            }
            // Anything else is `Display` written piece by piece into
            // `String::new()`: a float's sign, digits and so on.
            other => {
                let writes: Vec<u64> = self
                    .display_writes(other.clone())?
                    .iter()
                    .map(|w| w.len() as u64)
                    .collect();
                match fmt_rules::display_to_string(&writes, self.target) {
                    Ok(b) => b,
                    Err(_) => return self.capacity_overflow(false),
                }
            }
        };
        self.build_string(&built, &text, what)
    }

    /// The writes `{}` of `value` makes, in order.
    fn display_writes(&mut self, value: Value) -> R<Vec<String>> {
        let value = self.plain_view(value)?;
        let spec = super::format::Spec {
            kind: super::format::Kind::Display,
            ..super::format::Spec::default()
        };
        let mut w = super::format::Writer::default();
        if super::format::render(&value, &spec, self.target, &mut w).is_err() {
            return unsupported_span(Span::call_site(), "`to_string` of this value");
        }
        Ok(w.writes)
    }

    /// Whether `to_string` of `value` is one of std's: plain data or text.
    pub(super) fn text_or_plain(&self, value: &Value) -> bool {
        match self.deref(value.clone()) {
            Value::Owner(id) => self.vec_state(id).4,
            Value::Int(..) | Value::Float(..) | Value::Bool(_) | Value::Char(_) | Value::Str(_) => {
                true
            }
            // std's errors (`ParseIntError`, …): their `Display` message.
            Value::Struct(def, items) => super::format::std_error_message(&def, &items).is_some(),
            _ => false,
        }
    }

    /// The text of a string value: a literal, or a `String` (through
    /// references).
    pub(super) fn text_of(&self, value: &Value) -> Option<String> {
        match self.deref(value.clone()) {
            Value::Str(s) => Some(s),
            Value::Char(c) => Some(c.to_string()),
            Value::Owner(id) => {
                let (ptr, _, len, _, string) = self.vec_state(id);
                string.then(|| {
                    let bytes = ptr
                        .map(|p| self.sim.heap().read(p, len).to_vec())
                        .unwrap_or_default();
                    String::from_utf8_lossy(&bytes).into_owned()
                })
            }
            _ => None,
        }
    }

    /// Appends `text` to the `String` owner `id` is: `reserve`, then the
    /// bytes (`push_str`, `+`, `+=`).
    pub(super) fn append_text(&mut self, id: usize, text: &str, what: &str) -> R<()> {
        self.reserve(id, text.len() as u64, what, Exactness::Amortized, false)?;
        self.push_bytes(id, text.as_bytes());
        Ok(())
    }
}
