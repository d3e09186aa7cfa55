//! What a pattern match moves out of the place it looks at.
//!
//! `match o { … }`, `if let Some(a) = o`, `while let`, `let (a, _) = pair;`
//! with `o` a place (a binding, or a field of one) do not move `o` by
//! themselves: only the arm that runs moves what its by-value bindings
//! name, and nothing else.
//!
//! - `match o { _ => … }`, `Some(_)`, an arm whose guard fails: nothing
//!   moves, and `o` is dropped where it goes out of scope.
//! - `Some(a) => …`: `a` takes the `String`; what is left in `o` has no
//!   heap memory, so `o` counts as moved.
//! - `let (a, _) = pair;`: `a` takes `pair.0`; `pair.1` stays, and is
//!   dropped with `pair` (a partial move).
//!
//! A scrutinee that is not a place (a call, a temporary) is dropped as
//! [`Interp::leave_unbound`] says; one that is a reference lends its parts.

use super::*;
use crate::scenario::value::Root;

impl Interp<'_> {
    /// The value `expr` gives as a scrutinee, and the place it stays in
    /// when `expr` names a place holding heap memory (nothing is moved out
    /// of it yet: [`Self::settle_scrutinee`] moves what the arm binds).
    pub(super) fn scrutinee(
        &mut self,
        expr: &Expr,
        hint: Option<&Hint>,
    ) -> R<(Value, Option<Place>)> {
        if matches!(expr, Expr::Path(_) | Expr::Field(_)) {
            if let Some(place) = self.place_of(expr)? {
                let movable = matches!(
                    place.root,
                    Root::Binding { .. } | Root::Content { .. } | Root::Item { .. }
                );
                if movable {
                    if let Some(value) = self.at_place(&place) {
                        if owns_heap(value) && !matches!(value, Value::Ref(_)) {
                            return Ok((value.clone(), Some(place)));
                        }
                    }
                }
            }
        }
        Ok((self.eval(expr, hint)?, None))
    }

    /// Matches `pat` against a scrutinee from [`Self::scrutinee`]: by
    /// value, or, where the pattern has a `ref` binding, as references
    /// into the place (nothing moves).
    pub(super) fn match_place_scrutinee(
        &self,
        pat: &Pat,
        value: &Value,
        place: Option<&Place>,
    ) -> R<Option<Vec<(String, Value)>>> {
        match place {
            Some(place) if binds_by_ref(pat) => self.matches_at(pat, place),
            _ => self.match_scrutinee(pat, value),
        }
    }

    /// The pattern's names bind what they name; a scrutinee kept at a
    /// place gives up what they bind by value: the whole place, or the
    /// parts (a partial move: the rest stays, and is dropped with the
    /// place). Of a temporary, what the names do not take is dropped at
    /// the end of the statement.
    pub(super) fn settle_scrutinee(
        &mut self,
        expr: &Expr,
        value: &Value,
        place: Option<&Place>,
        bindings: Option<&[(String, Value)]>,
    ) {
        let Some(place) = place else {
            self.leave_unbound(expr, value, bindings);
            return;
        };
        let bindings = bindings.unwrap_or_default();
        let mut bound = Vec::new();
        for (_, v) in bindings {
            Self::owners_in(v, &mut bound);
        }
        let mut all = Vec::new();
        Self::owners_in(value, &mut all);
        // `x => …`, `n @ Some(_)`: the whole value, whatever it holds (a
        // type with its own `drop`, a thread's handle).
        let whole = bindings.iter().any(|(_, v)| v == value);
        if whole || (!bound.is_empty() && all.iter().all(|id| bound.contains(id))) {
            self.moved_out(place, self.sp(expr));
            return;
        }
        if bound.is_empty() {
            return;
        }
        if let Some(slot) = self.at_place_mut(place) {
            strip_owners(slot, &bound);
        }
    }
}

/// Leaves `()` where `value` held one of the owners `moved`.
fn strip_owners(value: &mut Value, moved: &[usize]) {
    match value {
        Value::Owner(id) if moved.contains(id) => *value = Value::unit(),
        Value::Tuple(items) | Value::Array(items) | Value::Struct(_, items) => {
            for item in items {
                strip_owners(item, moved);
            }
        }
        Value::Opt(Some(inner)) | Value::Result(_, inner) => strip_owners(inner, moved),
        _ => {}
    }
}

/// Whether `pat` has a `ref` or `ref mut` binding anywhere.
fn binds_by_ref(pat: &Pat) -> bool {
    match pat {
        Pat::Ident(p) => {
            p.by_ref.is_some() || p.subpat.as_ref().is_some_and(|(_, sub)| binds_by_ref(sub))
        }
        Pat::Tuple(t) => t.elems.iter().any(binds_by_ref),
        Pat::TupleStruct(t) => t.elems.iter().any(binds_by_ref),
        Pat::Struct(s) => s.fields.iter().any(|f| binds_by_ref(&f.pat)),
        Pat::Or(o) => o.cases.iter().any(binds_by_ref),
        Pat::Slice(s) => s.elems.iter().any(binds_by_ref),
        Pat::Paren(p) => binds_by_ref(&p.pat),
        Pat::Reference(r) => binds_by_ref(&r.pat),
        Pat::Type(t) => binds_by_ref(&t.pat),
        _ => false,
    }
}
