//! Macros: `println!`/`print!` and `vec![]`.

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
            "println" | "print" => {
                let args = mac
                    .parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
                    .or_else(|e| err(e.span(), e.to_string()))?;
                let line = self.format(&args, mac.span())?;
                self.output.push(line);
                Ok(Value::unit())
            }
            "vec" => {
                let group = TokenTree::Group(Group::new(Delimiter::Bracket, mac.tokens.clone()));
                let expr: Expr = syn::parse2(TokenStream::from(group))
                    .or_else(|e| err(e.span(), e.to_string()))?;
                self.vec_macro(&expr, hint, &source_text(mac))
            }
            "thread_local" => unsupported(mac, "`thread_local!`"),
            _ => unsupported(mac, &format!("the macro `{name}!`")),
        }
    }

    pub(super) fn vec_macro(&mut self, expr: &Expr, hint: Option<&Hint>, text: &str) -> R<Value> {
        let elem_hint = match hint {
            Some(Hint::Vec(Some(t))) => Some(t.clone()),
            _ => None,
        };
        let plain_hint = elem_hint.clone().map(Hint::Plain);
        // `vec![x; n]` is kept as one item and a count: its elements are
        // written into the heap one by one once the allocation succeeded,
        // never built on the host (a Vec larger than the heap fails to
        // allocate first).
        let (items, n, zero) = match expr {
            Expr::Repeat(r) => {
                let item = self.eval(&r.expr, plain_hint.as_ref())?;
                let n = self.eval_u64(&r.len)?;
                let zero = matches!(item, Value::Int(0, _) | Value::Bool(false))
                    || matches!(item, Value::Float(f, _) if f == 0.0);
                (vec![item], n, zero)
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
        let id = self.new_owner(Owner::Vec {
            ptr: None,
            cap: 0,
            len: 0,
            elem: elem_hint,
            string: false,
        });
        if n == 0 {
            return Ok(Value::Owner(id));
        }
        let ty = self.elem_of(id, items.first(), expr.span())?;
        let layout = ty.layout(self.target);
        if layout.size > 0 {
            let Ok(array) = std_rules::array_layout(layout, n, self.target) else {
                return self.capacity_overflow(false);
            };
            // `vec![0; n]` asks for zeroed memory instead of writing zeros.
            let reason = if zero {
                format!("`{text}`: {n} zeros, so std asks for zeroed memory (alloc_zeroed)")
            } else {
                format!("`{text}`: exactly {n} elements")
            };
            let addr = self.alloc_infallible(array, zero, &reason)?;
            self.set_vec(id, Some(addr), n, 0);
            if !zero {
                if let [item] = items.as_slice() {
                    let item = item.clone().typed(&ty);
                    for i in 0..n {
                        self.vec_write(id, i, &item, &ty);
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

    pub(super) fn format(
        &mut self,
        args: &Punctuated<Expr, syn::Token![,]>,
        span: Span,
    ) -> R<String> {
        let mut iter = args.iter();
        let Some(Expr::Lit(syn::ExprLit {
            lit: Lit::Str(fmt), ..
        })) = iter.next()
        else {
            return err(span, "`println!` needs a format string first");
        };
        let fmt = fmt.value();
        let mut out = String::new();
        let mut chars = fmt.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '{' => {
                    let mut spec = String::new();
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                        spec.push(c);
                    }
                    let (name, style) = spec.split_once(':').unwrap_or((&spec, ""));
                    let debug = style.contains('?');
                    let value = if name.is_empty() {
                        match iter.next() {
                            Some(e) => self.show_arg(e)?,
                            None => return err(span, "more `{}` than arguments"),
                        }
                    } else {
                        let path: syn::ExprPath = syn::parse_str(name)
                            .or_else(|_| err(span, format!("bad format argument `{name}`")))?;
                        self.show_arg(&Expr::Path(path))?
                    };
                    out.push_str(&match value {
                        Shown::Value(v) => v.show(debug),
                        Shown::Text(t) => t,
                    });
                }
                other => out.push(other),
            }
        }
        Ok(out)
    }

    /// A `println!` argument: plain values are shown; heap owners are
    /// borrowed and shown by their contents.
    fn show_arg(&mut self, expr: &Expr) -> R<Shown> {
        let inner = match expr {
            Expr::Reference(r) => &*r.expr,
            e => e,
        };
        if let Expr::Path(p) = inner {
            let (s, b) = self.binding(p)?;
            if let Value::Owner(id) = self.scopes[s][b].value {
                return self.show_owner(id);
            }
        }
        Ok(Shown::Value(self.eval(inner, None)?))
    }

    fn show_owner(&mut self, id: usize) -> R<Shown> {
        match self.owners[id].clone() {
            Owner::Vec {
                ptr,
                len,
                string: true,
                ..
            } => {
                let bytes = ptr
                    .map(|p| self.sim.heap().read(p, len).to_vec())
                    .unwrap_or_default();
                Ok(Shown::Text(String::from_utf8_lossy(&bytes).into_owned()))
            }
            Owner::Vec { len, .. } => {
                let mut items = Vec::new();
                for i in 0..len {
                    items.push(self.vec_get(id, i, Span::call_site())?.show(true));
                }
                Ok(Shown::Text(format!("[{}]", items.join(", "))))
            }
            Owner::Box { ptr, ty } => Ok(Shown::Value(self.read_at(ptr, &ty)?)),
            Owner::Rc { cell } => {
                let c = self.cells[cell].clone();
                let offset = self.rc_value_offset(&c.ty);
                Ok(Shown::Value(self.read_at(Some(c.ptr.add(offset)), &c.ty)?))
            }
            Owner::ArenaValue { ptr, ty } => Ok(Shown::Value(self.read_at(Some(ptr), &ty)?)),
            Owner::Arena(_) => Ok(Shown::Text("Bump".into())),
            Owner::Gone => Ok(Shown::Text("<gone>".into())),
        }
    }
}

enum Shown {
    Value(Value),
    Text(String),
}
