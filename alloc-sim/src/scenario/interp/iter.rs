//! Iterators: `v.iter().map(f).filter(g).collect()`, `(1..=10).sum()`,
//! pulled one element at a time, as Rust's are.
//!
//! An iterator is a source — the items of a `Vec`, an array or a string
//! (`iter`, `into_iter`, `chars`, `bytes`), or a range — under a stack of
//! adapters (`map`, `filter`, `enumerate`, `zip`, `take`, `skip`, `chain`,
//! `cloned`, `flat_map`, …). Nothing runs until a consumer (`collect`,
//! `sum`, `count`, `fold`, a `for` loop, …) pulls: each pull runs the
//! closures it needs, in order, so allocations inside them interleave
//! with the collecting vector's own exactly as in Rust.
//!
//! `collect::<Vec<_>>()` follows std's two paths (see
//! [`std_rules::vec_methods`]): an iterator whose length is known
//! (`TrustedLen`: ranges, slices, and `map`/`enumerate`/`zip`/`rev`/
//! `take`/`chain`/`cloned` of those) allocates exactly that many before
//! the first element is made; any other takes its first element, then
//! `with_capacity(max(MIN_NON_ZERO_CAP, lower + 1))`, and `reserve(lower +
//! 1)` whenever full, `lower` being what `size_hint` promises after the
//! element just taken. Collecting a `Vec`'s own `into_iter()` back into a
//! `Vec` (std reuses the block in place) is not modelled yet: it says so.
//!
//! An iterator is a heap-owner-like value: it moves and drops as one, and
//! dropping it drops the closures it holds and, for `into_iter`, the
//! elements not yet taken and the `Vec`'s buffer.

use syn::Expr;

use super::control::Walk;
use super::owns_heap;
use super::{err, unsupported, Exactness, Hint, Interp, Owner, R};
use crate::scenario::std_rules;
use crate::scenario::ty::{IntTy, MapKind, Ty};
use crate::scenario::value::{Place, Root, Value};

/// Where an iterator's items come from, and what it does to them.
#[derive(Debug, Clone)]
pub(super) enum Iter {
    /// Items already at hand (references into a `Vec`, an array's
    /// elements, a string's chars), `front..back` still to give.
    Items {
        items: Vec<Value>,
        front: usize,
        back: usize,
        /// Whether the items are the iterator's own (`into_iter`, `drain`):
        /// those not taken are dropped with it.
        owned: bool,
        /// What std's `size_hint` says of those left.
        count: Count,
    },
    /// `a..b` (by `step`), `front..back` still to give.
    Range {
        front: i128,
        back: i128,
        step: i128,
        ty: Option<IntTy>,
    },
    /// `map(f)`, `filter(f)`, `filter_map(f)`, `take_while(f)`,
    /// `skip_while(f)`, `inspect(f)` (the closure is owner `f`).
    With(Box<Iter>, Adapter, usize),
    Enumerate(Box<Iter>, u64),
    Zip(Box<Iter>, Box<Iter>),
    Take(Box<Iter>, u64),
    Skip(Box<Iter>, u64),
    StepBy(Box<Iter>, u64, bool),
    Chain(Box<Iter>, Box<Iter>),
    /// `cloned()` / `copied()`: each reference read as the value.
    Cloned(Box<Iter>),
    /// `flat_map(f)` (`flatten()`: no `f`, each item is iterated itself):
    /// the iterator `f` gave for the current item, and its owner (which
    /// keeps what it consumed, a `Vec`'s buffer, until spent).
    FlatMap(Box<Iter>, Option<usize>, Option<(Box<Iter>, usize)>),
    /// `rev()`: taken from the back.
    Rev(Box<Iter>),
    /// A map's `into_keys()` (`.0`) or `into_values()` (`.1`): part `.1`
    /// of each `(K, V)` pair its `into_iter()` gives; the other part is
    /// dropped as the pair is taken.
    Part(Box<Iter>, usize),
    /// A B-tree's `into_iter()` (see `btree_map.rs`).
    Dying(Box<super::btree_map::Dying>),
    /// A value of the program's own `impl Iterator` (or a reference to
    /// one, for a consumer that takes `&mut self`): each item is what its
    /// `next` returns.
    Program(Box<Value>),
    /// `zip`'s or `chain`'s second iterator when it took a collection
    /// (`a.chain(b.into_iter())`): the owner that keeps what it took, so
    /// that it is freed when the pair is dropped.
    Holding(Box<Iter>, usize),
    /// `by_ref()`: the iterator of owner `.1`, lent (`&mut I` is an
    /// iterator too): its items are taken from it, and it gets what is
    /// left back when this one goes.
    Lent(Box<Iter>, usize),
    /// std's `GenericShunt`, under `collect::<Result<Vec<T>, E>>()` (and
    /// `Option<…>`): gives what each `Ok` (`Some`) holds, and stops at
    /// the first `Err` (`None`), which it keeps.
    Shunt(Box<Iter>, Option<Box<Value>>),
    /// What a `take_while` stopped at: nothing more.
    Done,
}

/// What a source's `size_hint` promises of the items it has left: it
/// decides what `collect` and `extend` reserve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Count {
    /// Exactly how many (slices, arrays, a `Vec`'s items, `bytes()`):
    /// std's `TrustedLen`.
    Exact,
    /// `chars()` and `char_indices()`: at least one char per four bytes
    /// left, at most one per byte.
    Chars,
    /// `split`, `lines`, `split_whitespace`, `matches`…: std promises
    /// nothing (`(0, None)`).
    Unknown,
    /// A hash table's iterators: an exact `size_hint`, but not
    /// `TrustedLen`, so `collect` takes the first item before it allocates.
    Sized,
    /// A B-tree's `iter()`, `keys()` and `values()` (Rust 1.95): exact and
    /// `TrustedLen`, so `collect` allocates once, before the first item,
    /// but not random-access (`TrustedRandomAccess`) as a slice's are.
    Trusted,
    /// `char::to_uppercase` and `to_lowercase` (`ToUppercase`,
    /// `ToLowercase`): exact and `TrustedLen`, and `Display` too (its
    /// chars, as `format!("{}", c.to_uppercase())` writes them).
    CaseMapping,
}

/// The adapters that run a closure on each item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Adapter {
    Map,
    Filter,
    FilterMap,
    TakeWhile,
    SkipWhile,
    Inspect,
    /// A `skip_while` past its last skipped item: everything passes.
    Passing,
}

impl Iter {
    /// `size_hint()`: at least, and at most if known.
    fn size_hint(&self) -> (u64, Option<u64>) {
        match self {
            Iter::Items {
                items,
                front,
                back,
                count,
                ..
            } => {
                let n = back.saturating_sub(*front) as u64;
                match count {
                    Count::Exact | Count::Sized | Count::Trusted | Count::CaseMapping => {
                        (n, Some(n))
                    }
                    Count::Unknown => (0, None),
                    Count::Chars => {
                        let bytes: u64 = items[*front..*back]
                            .iter()
                            .map(|v| match v {
                                Value::Char(c) => c.len_utf8() as u64,
                                Value::Tuple(t) => match t.get(1) {
                                    Some(Value::Char(c)) => c.len_utf8() as u64,
                                    _ => 1,
                                },
                                _ => 1,
                            })
                            .sum();
                        (bytes.div_ceil(4), Some(bytes))
                    }
                }
            }
            Iter::Range {
                front, back, step, ..
            } => {
                let n = if back > front {
                    ((back - front + step - 1) / step) as u64
                } else {
                    0
                };
                (n, Some(n))
            }
            Iter::With(inner, Adapter::Map | Adapter::Inspect, _)
            | Iter::Cloned(inner)
            | Iter::Rev(inner)
            | Iter::Part(inner, _)
            | Iter::Holding(inner, _)
            | Iter::Lent(inner, _)
            | Iter::Enumerate(inner, _) => inner.size_hint(),
            Iter::With(inner, _, _) => (0, inner.size_hint().1),
            Iter::Zip(a, b) => {
                let (al, au) = a.size_hint();
                let (bl, bu) = b.size_hint();
                let upper = match (au, bu) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                };
                (al.min(bl), upper)
            }
            Iter::Take(inner, n) => {
                let (l, u) = inner.size_hint();
                (l.min(*n), Some(u.map_or(*n, |u| u.min(*n))))
            }
            Iter::Skip(inner, n) => {
                let (l, u) = inner.size_hint();
                (l.saturating_sub(*n), u.map(|u| u.saturating_sub(*n)))
            }
            Iter::StepBy(inner, step, first) => {
                let (l, u) = inner.size_hint();
                let f = |n: u64| {
                    if *first {
                        n.div_ceil(*step)
                    } else {
                        n / step
                    }
                };
                (f(l), u.map(f))
            }
            Iter::Chain(a, b) => {
                let (al, au) = a.size_hint();
                let (bl, bu) = b.size_hint();
                let upper = match (au, bu) {
                    (Some(x), Some(y)) => x.checked_add(y),
                    _ => None,
                };
                (al.saturating_add(bl), upper)
            }
            Iter::Shunt(inner, None) => (0, inner.size_hint().1),
            Iter::Shunt(_, Some(_)) => (0, Some(0)),
            Iter::FlatMap(_, _, front) => {
                (front.as_ref().map_or(0, |(f, _)| f.size_hint().0), None)
            }
            Iter::Dying(d) => (d.left, Some(d.left)),
            // The trait's default: the program writes only `next`.
            Iter::Program(_) => (0, None),
            Iter::Done => (0, Some(0)),
        }
    }

    /// Whether std knows its length exactly (`TrustedLen`), which lets
    /// `collect` allocate once, before the first item.
    pub(super) fn trusted_len(&self) -> bool {
        match self {
            Iter::Items { count, .. } => {
                matches!(count, Count::Exact | Count::Trusted | Count::CaseMapping)
            }
            // A B-tree's `into_iter()` (and `into_keys`, `into_values` of it).
            Iter::Dying(_) => true,
            Iter::Range { step: 1, .. } | Iter::Done => true,
            Iter::Range { .. } => false,
            Iter::With(inner, Adapter::Map, _)
            | Iter::Cloned(inner)
            | Iter::Rev(inner)
            | Iter::Holding(inner, _)
            | Iter::Lent(inner, _)
            | Iter::Enumerate(inner, _)
            | Iter::Part(inner, _)
            | Iter::Take(inner, _) => inner.trusted_len(),
            Iter::Zip(a, b) | Iter::Chain(a, b) => a.trusted_len() && b.trusted_len(),
            // `Skip<I>` is `TrustedLen` when `I` is `TrustedRandomAccess`.
            Iter::Skip(inner, _) => inner.random_access(),
            _ => false,
        }
    }

    /// std's `TrustedRandomAccess`: a slice's (or `VecDeque`'s) `iter()`,
    /// and `map`, `cloned`, `copied`, `enumerate`, `zip` and `skip` of such.
    fn random_access(&self) -> bool {
        match self {
            Iter::Items {
                count: Count::Exact,
                owned: false,
                ..
            } => true,
            Iter::With(inner, Adapter::Map, _)
            | Iter::Cloned(inner)
            | Iter::Enumerate(inner, _)
            | Iter::Skip(inner, _) => inner.random_access(),
            Iter::Zip(a, b) => a.random_access() && b.random_access(),
            _ => false,
        }
    }
}

/// Method names that make an iterator from a collection.
const SOURCES: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "keys",
    "values",
    "values_mut",
];
/// A slice's iterators of sub-slices: `windows(n)`, `chunks(n)`,
/// `chunks_exact(n)`, `rchunks(n)`.
const GROUPS: &[&str] = &["windows", "chunks", "chunks_exact", "rchunks"];
/// How many of [`ON_ITERATORS`], from the first, are adapters (each
/// makes an iterator of an iterator).
const ADAPTERS: usize = 17;
/// Method names of adapters and consumers.
const ON_ITERATORS: &[&str] = &[
    "map",
    "filter",
    "filter_map",
    "take_while",
    "skip_while",
    "inspect",
    "enumerate",
    "zip",
    "take",
    "skip",
    "step_by",
    "chain",
    "cloned",
    "copied",
    "flat_map",
    "flatten",
    "rev",
    "collect",
    "sum",
    "product",
    "count",
    "min",
    "max",
    "min_by_key",
    "max_by_key",
    "min_by",
    "max_by",
    "fold",
    "any",
    "all",
    "position",
    "find",
    "partition",
    "last",
    "nth",
    "for_each",
    "next",
    "next_back",
    "as_str",
    "by_ref",
    "remainder",
    "into_remainder",
];

/// The consumers that take `&mut self`: on a value of the program's own
/// iterator type they advance it where it is, and it stays usable.
const LENT: &[&str] = &["nth", "find", "position", "any", "all", "by_ref"];

impl Interp<'_> {
    /// Whether `value` is (or refers to) a value of a type with the
    /// program's own `impl Iterator`.
    pub(super) fn is_own_iterator(&self, value: &Value) -> bool {
        !self.iterator_types.is_empty()
            && self
                .method_type(value)
                .is_some_and(|ty| self.iterator_types.contains_key(&ty))
    }

    /// std's adapter or consumer `m` on `value`, of the program's own
    /// iterator type; `place` is where the value lives (and whether the
    /// receiver was a reference to it), `None` for a temporary. A method
    /// taking `self` moves the value into the iterator it makes, unless
    /// the receiver is a reference (`&mut I` is an iterator too); one
    /// taking `&mut self` is lent the value where it is.
    pub(super) fn own_iterator_method(
        &mut self,
        value: Value,
        place: Option<(Place, bool)>,
        m: &syn::ExprMethodCall,
    ) -> R<Option<Value>> {
        let name = m.method.to_string();
        if !ON_ITERATORS.contains(&name.as_str()) || name == "next_back" || name == "as_str" {
            return Ok(None);
        }
        let held = match place {
            Some((place, by_ref)) if by_ref || LENT.contains(&name.as_str()) => Value::Ref(place),
            Some((place, _)) => {
                if owns_heap(&value) {
                    self.moved_out(&place, self.sp(m));
                }
                value
            }
            None => value,
        };
        let id = self.new_iter(Iter::Program(Box::new(held)), None);
        let result = self.on_iterator(id, &name, m)?;
        self.keep_to_statement_end(vec![id], &result);
        Ok(Some(result))
    }

    /// Whether `expr` gives an iterator: a source method, a range, an
    /// adapter on one, or a binding that holds one.
    pub(super) fn is_iterator(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Paren(p) => self.is_iterator(&p.expr),
            Expr::Range(_) => true,
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                SOURCES.contains(&name.as_str())
                    || GROUPS.contains(&name.as_str())
                    || super::str_iter::is_text_source(&name)
                    || name == "drain"
                    || name == "range"
                    || name == "into_keys"
                    || name == "into_values"
                    // An adapter of an iterator (a consumer's answer,
                    // `collect`'s `Vec`, is not one).
                    || ((ON_ITERATORS[..ADAPTERS].contains(&name.as_str()) || name == "by_ref")
                        && self.is_iterator(&m.receiver))
            }
            Expr::Path(p) => p
                .path
                .get_ident()
                .and_then(|i| self.lookup(&i.to_string()))
                .is_some_and(|(s, b)| {
                    matches!(self.scopes[s][b].value, Value::Owner(id)
                        if matches!(self.owners.get(id), Some(Owner::Iter { .. })))
                }),
            _ => false,
        }
    }

    /// A method on an iterator (`Some`), or `None` when the receiver is not one.
    pub(super) fn iterator_method(
        &mut self,
        m: &syn::ExprMethodCall,
        name: &str,
    ) -> R<Option<Value>> {
        if super::str_iter::is_text_source(name) && !self.is_iterator(&m.receiver) {
            return self.text_iter(m, name).map(Some);
        }
        if GROUPS.contains(&name) && !self.is_iterator(&m.receiver) {
            return self.groups(m, name).map(Some);
        }
        if matches!(name, "into_keys" | "into_values") && !self.is_iterator(&m.receiver) {
            return self.map_parts(m, name).map(Some);
        }
        if !SOURCES.contains(&name) && !ON_ITERATORS.contains(&name) {
            return Ok(None);
        }
        let source = SOURCES.contains(&name) && !self.is_iterator(&m.receiver);
        let adapted = ON_ITERATORS.contains(&name) && self.is_iterator(&m.receiver);
        if !(source || adapted) {
            return Ok(None);
        }
        if source {
            let it = self.source(&m.receiver, name)?;
            return Ok(Some(it));
        }
        let id = match self.iterator_of(&m.receiver)? {
            Some(id) => id,
            None => return Ok(None),
        };
        let result = self.on_iterator(id, name, m)?;
        // `v.into_iter().next()`, `v.iter().any(f)`: a temporary iterator
        // the method only borrowed lives to the end of the statement.
        if !matches!(&*m.receiver, Expr::Path(_)) {
            self.keep_to_statement_end(vec![id], &result);
        }
        Ok(Some(result))
    }

    /// The iterator owner `expr` gives (evaluating it), if it is one.
    fn iterator_of(&mut self, expr: &Expr) -> R<Option<usize>> {
        let value = match expr {
            Expr::Paren(p) => return self.iterator_of(&p.expr),
            Expr::Range(_) => {
                let (walk, _) = self.walk(expr)?;
                return Ok(Some(self.new_iter(from_walk(walk), None)));
            }
            // `it.next()` on a binding lends it.
            Expr::Path(p) => {
                let (s, b) = self.binding(p)?;
                self.scopes[s][b].value.clone()
            }
            other => self.eval(other, None)?,
        };
        Ok(match value {
            Value::Owner(id) if matches!(self.owners[id], Owner::Iter { .. }) => Some(id),
            _ => None,
        })
    }

    /// `v.windows(n)` and the chunks of a `Vec`, an array or a slice:
    /// each item a slice of the elements where they are (references to
    /// heap values, copies of plain data, as `&v[a..b]` gives them). No
    /// allocator call; std knows their number exactly (`TrustedLen`).
    fn groups(&mut self, m: &syn::ExprMethodCall, name: &str) -> R<Value> {
        let (walk, _) = self.walk_value(&m.receiver, "iter", false)?;
        let Walk::Items(items) = walk else {
            return unsupported(&m.method, &format!("`{name}` on this value"));
        };
        let n = self.arg_u64(m, 0)?;
        let Some(n) = usize::try_from(n).ok().filter(|&n| n > 0) else {
            return err(
                m.method.span(),
                match name {
                    "windows" => "panicked: window size must be non-zero",
                    _ => "panicked: chunk size must be non-zero",
                },
            );
        };
        // Where each sub-slice starts and ends: `windows` steps by one,
        // the chunks by `n` (the last of `chunks` may be short, that of
        // `chunks_exact` is left out); `rchunks` from the back.
        let len = items.len();
        let mut bounds = Vec::new();
        if name == "rchunks" {
            let mut end = len;
            while end > 0 {
                let start = end.saturating_sub(n);
                bounds.push(start..end);
                end = start;
            }
        } else {
            let step = if name == "windows" { 1 } else { n };
            let mut start = 0;
            while start < len {
                let end = start.saturating_add(n);
                if end > len && name != "chunks" {
                    break;
                }
                bounds.push(start..end.min(len));
                start += step;
            }
        }
        let remainder = Value::Array(items[len - len % n..].to_vec());
        let items: Vec<Value> = bounds
            .into_iter()
            .map(|r| Value::Array(items[r].to_vec()))
            .collect();
        let iter = Iter::Items {
            back: items.len(),
            items,
            front: 0,
            owned: false,
            count: Count::Exact,
        };
        let id = self.new_iter(iter, None);
        if name == "chunks_exact" {
            self.remainders.insert(id, remainder);
        }
        Ok(Value::Owner(id))
    }

    pub(super) fn new_iter(&mut self, iter: Iter, consumed: Option<usize>) -> usize {
        self.new_owner(Owner::Iter { iter, consumed })
    }

    /// `v.iter()`, `v.into_iter()`, `s.chars()`, `s.bytes()`.
    fn source(&mut self, receiver: &Expr, how: &str) -> R<Value> {
        let consumes = how == "into_iter" && !matches!(receiver, Expr::Reference(_));
        let (walk, consumed) = self.walk_value(receiver, how, consumes)?;
        // Already an iterator (a B-tree's `into_iter()`): that one.
        if let super::control::Walk::Iter(id) = walk {
            return Ok(Value::Owner(id));
        }
        Ok(Value::Owner(self.iter_from_walk(walk, consumed)))
    }

    /// A map's `into_keys()` or `into_values()`: its `into_iter()`, each
    /// pair's other part dropped as the pair is taken (std's `IntoKeys`
    /// and `IntoValues` wrap `IntoIter` so).
    fn map_parts(&mut self, m: &syn::ExprMethodCall, name: &str) -> R<Value> {
        self.prim_args(m, 0)?;
        let it = match self.source(&m.receiver, "into_iter")? {
            Value::Owner(it) => it,
            _ => return unsupported(&m.method, &format!("`{name}` on this value")),
        };
        let map = match &self.owners[it] {
            Owner::Iter {
                iter: Iter::Dying(d),
                ..
            } => Some(d.map),
            Owner::Iter { consumed, .. } => *consumed,
            _ => None,
        };
        if !map.is_some_and(|id| self.is_pair_map(id)) {
            return err(
                m.method.span(),
                format!("no method named `{name}` found for this value: only a `HashMap` or a `BTreeMap` has it"),
            );
        }
        let keep = usize::from(name == "into_values");
        let inner = self.take_iter(it);
        if let Owner::Iter { iter, .. } = &mut self.owners[it] {
            *iter = Iter::Part(Box::new(inner), keep);
        }
        Ok(Value::Owner(it))
    }

    /// Applies adapter or consumer `name` to iterator `id`.
    pub(super) fn on_iterator(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
    ) -> R<Value> {
        let span = self.sp(m);
        let wrap = |me: &mut Self, make: &dyn Fn(Box<Iter>) -> Iter| -> R<Value> {
            let inner = me.take_iter(id);
            let Some(Owner::Iter { consumed, .. }) = me.owners.get(id) else {
                return err(span, "this iterator was already used");
            };
            let consumed = *consumed;
            me.owners[id] = Owner::Iter {
                iter: make(Box::new(inner)),
                consumed,
            };
            Ok(Value::Owner(id))
        };
        match name {
            // `ChunksExact::remainder`: the elements left after the last
            // whole chunk, known from the start.
            "remainder" | "into_remainder" if self.remainders.get(&id).is_some() => {
                self.prim_args(m, 0)?;
                Ok(self
                    .remainders
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(Value::unit))
            }
            "map" | "filter" | "filter_map" | "take_while" | "skip_while" | "inspect" => {
                let f = self.closure_arg(m, 0, name, span)?;
                let adapter = match name {
                    "map" => Adapter::Map,
                    "filter" => Adapter::Filter,
                    "filter_map" => Adapter::FilterMap,
                    "take_while" => Adapter::TakeWhile,
                    "skip_while" => Adapter::SkipWhile,
                    _ => Adapter::Inspect,
                };
                wrap(self, &|i| Iter::With(i, adapter, f))
            }
            "flat_map" => {
                let f = self.closure_arg(m, 0, name, span)?;
                wrap(self, &|i| Iter::FlatMap(i, Some(f), None))
            }
            "flatten" => {
                self.prim_args(m, 0)?;
                wrap(self, &|i| Iter::FlatMap(i, None, None))
            }
            "enumerate" => wrap(self, &|i| Iter::Enumerate(i, 0)),
            "cloned" | "copied" => wrap(self, &Iter::Cloned),
            "rev" => wrap(self, &Iter::Rev),
            "take" | "skip" | "step_by" => {
                let n = self.arg_u64(m, 0)?;
                if name == "step_by" && n == 0 {
                    return err(span, "panicked: assertion failed: step != 0");
                }
                match name {
                    "take" => wrap(self, &|i| Iter::Take(i, n)),
                    "skip" => wrap(self, &|i| Iter::Skip(i, n)),
                    _ => wrap(self, &|i| Iter::StepBy(i, n, true)),
                }
            }
            "zip" | "chain" => {
                let Some(arg) = m.args.first() else {
                    return err(span, format!("`{name}` takes an iterator"));
                };
                // An iterator, or anything a `for` can walk (`a.zip(&b)`,
                // `a.chain(v)`), evaluated once.
                let Some(other) = self.iterator_of_any(arg)? else {
                    return unsupported(arg, &format!("`{name}` with this value"));
                };
                let holds = matches!(
                    self.owners[other],
                    Owner::Iter {
                        consumed: Some(_),
                        ..
                    }
                );
                let other_iter = self.take_iter(other);
                let other_iter = match holds {
                    true => Iter::Holding(Box::new(other_iter), other),
                    false => other_iter,
                };
                let other_iter = std::cell::RefCell::new(Some(other_iter));
                let zip = name == "zip";
                wrap(self, &|i| {
                    let o = Box::new(other_iter.borrow_mut().take().unwrap_or(Iter::Done));
                    if zip {
                        Iter::Zip(i, o)
                    } else {
                        Iter::Chain(i, o)
                    }
                })
            }
            "next" => Ok(Value::Opt(self.iter_next(id, span)?.map(Box::new))),
            "by_ref" => {
                self.prim_args(m, 0)?;
                let lent = Iter::Lent(Box::new(self.take_iter(id)), id);
                Ok(Value::Owner(self.new_iter(lent, None)))
            }
            "next_back" => {
                let mut iter = self.take_iter(id);
                let next = self.next_of(&mut iter, true, span);
                if let Owner::Iter { iter: slot, .. } = &mut self.owners[id] {
                    *slot = iter;
                }
                Ok(Value::Opt(next?.map(Box::new)))
            }
            // `Chars::as_str`: the text not given yet.
            "as_str" => match &self.owners[id] {
                Owner::Iter {
                    iter:
                        Iter::Items {
                            items,
                            front,
                            back,
                            count: Count::Chars,
                            ..
                        },
                    ..
                } => Ok(Value::Str(
                    items[*front..*back]
                        .iter()
                        .filter_map(|v| match v {
                            Value::Char(c) => Some(*c),
                            _ => None,
                        })
                        .collect(),
                )),
                _ => unsupported(&m.method, "`as_str` on this iterator"),
            },
            _ => self.consume(id, name, m, span),
        }
    }

    /// The consumers: each pulls until it has its answer, then the
    /// iterator is dropped (a binding lent with `by_ref` is not: not
    /// supported).
    fn consume(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        span: proc_macro2::Span,
    ) -> R<Value> {
        let result = match name {
            "collect" => self.collect(id, m, span),
            "count" => {
                let mut n = 0i128;
                while let Some(v) = self.iter_next(id, span)? {
                    self.drop_value(&v, "`count` drops each item")?;
                    n += 1;
                }
                Ok(Value::Int(n, Some(IntTy::Word(false))))
            }
            "sum" | "product" => {
                let mut acc: Option<Value> = None;
                let op = if name == "sum" {
                    syn::BinOp::Add(Default::default())
                } else {
                    syn::BinOp::Mul(Default::default())
                };
                let declared = match self.take_collect_hint() {
                    Some(Hint::Plain(t)) => Some(t),
                    _ => None,
                };
                while let Some(v) = self.iter_next(id, span)? {
                    let v = self.deref(v);
                    acc = Some(match acc {
                        None => v,
                        Some(a) => self.arith(&op, a, v, span)?,
                    });
                }
                let ty = m
                    .turbofish
                    .as_ref()
                    .and_then(|t| t.args.first())
                    .and_then(|g| match g {
                        syn::GenericArgument::Type(t) => self.plain(t).ok(),
                        _ => None,
                    })
                    .or(declared);
                Ok(match (acc, ty) {
                    (Some(v), Some(t)) => v.typed(&t),
                    (Some(v), None) => v,
                    // std folds floats from -0.0 (a sum) and 1.0 (a product).
                    (None, Some(Ty::Float(d))) => {
                        Value::Float(if name == "sum" { -0.0 } else { 1.0 }, Some(d))
                    }
                    (None, t) => Value::Int(
                        i128::from(name == "product"),
                        match t {
                            Some(Ty::Int(t)) => Some(t),
                            _ => None,
                        },
                    ),
                })
            }
            "min" | "max" | "last" => {
                let mut best: Option<Value> = None;
                while let Some(v) = self.iter_next(id, span)? {
                    let replace = match &best {
                        None => true,
                        Some(b) if name == "last" => {
                            self.drop_value(b, "`last` drops the items before the last")?;
                            true
                        }
                        // std's `min_by`/`max_by` on (best so far, next):
                        // `min` keeps the first of equal items, `max` the
                        // last.
                        Some(b) => {
                            let o = self.compare(b, &v, span)?;
                            match name {
                                "min" => o == std::cmp::Ordering::Greater,
                                _ => o != std::cmp::Ordering::Greater,
                            }
                        }
                    };
                    if replace {
                        best = Some(v);
                    }
                }
                Ok(Value::Opt(best.map(Box::new)))
            }
            // std's `max_by_key`: each item's key made once, by the closure
            // lent the item; of equal keys `min_by_key` keeps the first,
            // `max_by_key` the last; a key and item that lose are dropped.
            "min_by_key" | "max_by_key" => {
                let f = self.closure_arg(m, 0, name, span)?;
                let mut best: Option<(Value, Value)> = None;
                while let Some(v) = self.iter_next(id, span)? {
                    let (key, v) = self.lend_to(f, v, span)?;
                    let replace = match &best {
                        None => true,
                        Some((k, _)) => {
                            let o = self.compare(k, &key, span)?;
                            match name {
                                "min_by_key" => o == std::cmp::Ordering::Greater,
                                _ => o != std::cmp::Ordering::Greater,
                            }
                        }
                    };
                    let lost = match replace {
                        true => best.replace((key, v)),
                        false => Some((key, v)),
                    };
                    if let Some((k, item)) = lost {
                        self.drop_value(&k, "the key of an item that is not kept is dropped")?;
                        self.drop_value(&item, "an item that is not kept is dropped")?;
                    }
                }
                self.drop_value(&Value::Owner(f), "the closure is dropped")?;
                // The iterator goes as the search ends, before the kept key.
                if matches!(self.owners.get(id), Some(Owner::Iter { .. })) {
                    self.drop_owner(id, "the iterator is dropped once consumed")?;
                }
                match best {
                    Some((k, item)) => {
                        self.drop_value(&k, "the kept item's key is dropped")?;
                        Ok(Value::Opt(Some(Box::new(item))))
                    }
                    None => Ok(Value::Opt(None)),
                }
            }
            // std's `max_by` (`reduce` with `cmp::max_by`): the closure is
            // lent the best so far and the next item; `max_by` keeps the
            // next unless the best is greater, `min_by` keeps the best
            // unless it is greater; the item that loses is dropped there.
            "min_by" | "max_by" => {
                let f = self.closure_arg(m, 0, name, span)?;
                let mut best: Option<Value> = None;
                while let Some(v) = self.iter_next(id, span)? {
                    let Some(b) = best.take() else {
                        best = Some(v);
                        continue;
                    };
                    let (got, b, v) = self.lend_two(f, b, v, span)?;
                    let Some(o) = self.ordering_of(&got) else {
                        return self.mismatch(span, "Ordering", &got);
                    };
                    let greater = o == std::cmp::Ordering::Greater;
                    let (kept, lost) = match (name, greater) {
                        ("max_by", false) | ("min_by", true) => (v, b),
                        _ => (b, v),
                    };
                    self.drop_value(&lost, "the item that is not kept is dropped")?;
                    best = Some(kept);
                }
                self.drop_value(&Value::Owner(f), "the closure is dropped")?;
                if matches!(self.owners.get(id), Some(Owner::Iter { .. })) {
                    self.drop_owner(id, "the iterator is dropped once consumed")?;
                }
                Ok(Value::Opt(best.map(Box::new)))
            }
            "nth" => {
                let n = self.arg_u64(m, 0)?;
                let mut found = None;
                for i in 0..=n {
                    match self.iter_next(id, span)? {
                        Some(v) if i == n => found = Some(v),
                        Some(v) => self.drop_value(&v, "`nth` drops the items it skips")?,
                        None => break,
                    }
                }
                Ok(Value::Opt(found.map(Box::new)))
            }
            "fold" => {
                let Some(init) = m.args.first() else {
                    return err(span, "`fold` takes a start value and a closure");
                };
                let mut acc = self.eval(init, None)?;
                let f = self.closure_arg(m, 1, name, span)?;
                while let Some(v) = self.iter_next(id, span)? {
                    acc = self.call_closure(f, vec![acc, v], span)?;
                }
                self.drop_value(&Value::Owner(f), "the closure is dropped")?;
                Ok(acc)
            }
            "for_each" => {
                let f = self.closure_arg(m, 0, name, span)?;
                while let Some(v) = self.iter_next(id, span)? {
                    self.call_closure(f, vec![v], span)?;
                }
                self.drop_value(&Value::Owner(f), "the closure is dropped")?;
                Ok(Value::unit())
            }
            "any" | "all" | "position" | "find" => {
                let f = self.closure_arg(m, 0, name, span)?;
                let mut i = 0i128;
                let mut answer = match name {
                    "all" => Value::Bool(true),
                    "any" => Value::Bool(false),
                    _ => Value::Opt(None),
                };
                while let Some(v) = self.iter_next(id, span)? {
                    let (hit, v) = if name == "find" {
                        let (hit, v) = self.lend_to(f, v, span)?;
                        (hit, Some(v))
                    } else {
                        (self.call_closure(f, vec![v], span)?, None)
                    };
                    let hit = matches!(hit, Value::Bool(true));
                    let stop = match name {
                        "all" => !hit,
                        _ => hit,
                    };
                    if stop {
                        answer = match name {
                            "all" => Value::Bool(false),
                            "any" => Value::Bool(true),
                            "position" => {
                                Value::Opt(Some(Box::new(Value::Int(i, Some(IntTy::Word(false))))))
                            }
                            _ => Value::Opt(v.map(Box::new)),
                        };
                        break;
                    }
                    if let Some(v) = v {
                        self.drop_value(&v, "`find` drops the items that do not match")?;
                    }
                    i += 1;
                }
                self.drop_value(&Value::Owner(f), "the closure is dropped")?;
                Ok(answer)
            }
            "partition" => self.partition(id, m, span),
            // `c.to_uppercase().to_string()`: `ToString` through its
            // `Display`, which writes (pushes) one char at a time.
            "to_string" if m.args.is_empty() => {
                let Value::Str(text) = self.view(Value::Owner(id), false)? else {
                    return unsupported(m, "the iterator method `to_string`");
                };
                let s = self.new_vec(Some(super::u8_ty()), true);
                let what = format!("`{}`: its Display pushes each char", self.src(m));
                for c in text.chars() {
                    self.append_text(s, c.encode_utf8(&mut [0; 4]), &what)?;
                }
                Ok(Value::Owner(s))
            }
            other => unsupported(m, &format!("the iterator method `{other}`")),
        };
        // A consumer takes the iterator by value: it is dropped now. One
        // that takes `&mut self` leaves it to its owner (a binding, or the
        // end of the statement for a temporary: see `iterator_method`).
        if !LENT.contains(&name) && matches!(self.owners.get(id), Some(Owner::Iter { .. })) {
            self.drop_owner(id, "the iterator is dropped once consumed")?;
        }
        result
    }

    /// std's `partition(f)`: two empty `Vec`s (`Default`), then each item
    /// lent to `f` and pushed onto the first when it says `true`, else
    /// onto the second (`extend_one`, which is `push`): each grows as
    /// pushes grow it, from nothing.
    fn partition(
        &mut self,
        id: usize,
        m: &syn::ExprMethodCall,
        span: proc_macro2::Span,
    ) -> R<Value> {
        let hint = match m.turbofish.as_ref().and_then(|t| t.args.first()) {
            Some(syn::GenericArgument::Type(t)) => Some(self.hint(t)?),
            _ => self.take_collect_hint().and_then(|h| match h {
                Hint::Plain(Ty::Tuple(items)) => items.first().map(Hint::of),
                _ => None,
            }),
        };
        let Some(Hint::Vec(elem)) = hint else {
            return err(
                span,
                "write what to partition into: `let (a, b): (Vec<T>, Vec<T>) = …;`",
            );
        };
        let f = self.closure_arg(m, 0, "partition", span)?;
        let text = self.src(m);
        let halves = [
            self.new_vec(elem.clone(), false),
            self.new_vec(elem.clone(), false),
        ];
        let lends = matches!(elem, Some(Ty::Ref(_)));
        while let Some(v) = self.iter_next(id, span)? {
            let (hit, v) = self.lend_to(f, v, span)?;
            let out = halves[usize::from(!matches!(hit, Value::Bool(true)))];
            let v = if lends { v } else { self.owned_item(v, span)? };
            let ty = self.elem_of(out, Some(&v), span)?;
            self.vec_push(out, v, &ty, &text)?;
        }
        self.drop_value(&Value::Owner(f), "the closure is dropped")?;
        Ok(Value::Tuple(halves.map(Value::Owner).to_vec()))
    }

    /// What iterator `id`'s items are, when it is a `map` whose closure
    /// shows it (`map(|x| x.to_string())`, `map(|n| vec![n; 3])`): what a
    /// `collect::<Vec<_>>()` needs of the element type before the first
    /// item is made.
    fn mapped_item(&self, id: usize) -> Option<Mapped> {
        let Some(Owner::Iter { iter, .. }) = self.owners.get(id) else {
            return None;
        };
        // The `map` under adapters that pass its items on as they are.
        let mut iter = iter;
        let f = loop {
            match iter {
                Iter::With(_, Adapter::Map, f) => break f,
                // Those a `TrustedLen` iterator (the only kind asked
                // about) can hold; a chain's two halves give one type.
                Iter::Rev(inner)
                | Iter::Take(inner, _)
                | Iter::Skip(inner, _)
                | Iter::Holding(inner, _)
                | Iter::Lent(inner, _)
                | Iter::Chain(inner, _) => iter = inner,
                _ => return None,
            }
        };
        let Some(Owner::Closure { code, .. }) = self.owners.get(*f) else {
            return None;
        };
        let (_, closure, _) = self.closure_code.get(*code)?;
        let mut body: &Expr = &closure.body;
        while let Expr::Block(b) = body {
            match b.block.stmts.as_slice() {
                [syn::Stmt::Expr(e, None)] => body = e,
                _ => return None,
            }
        }
        // A body that shows its whole type (`format!(…)`, `x.to_string()`,
        // `vec![0u8; n]`) says it; one that shows only that it makes a
        // `String` or a `Vec`, which are three words whatever they hold,
        // says that much.
        if let Some(ty) = self.written_ty(body).filter(|t| !t.has_param()) {
            return Some(Mapped::Exactly(ty));
        }
        match body {
            // `str`'s (`char`'s make iterators, a slice's `repeat` a `Vec`).
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "to_uppercase" | "to_lowercase" | "repeat" | "to_vec"
                ) =>
            {
                Some(Mapped::Vec)
            }
            Expr::Macro(m) if m.mac.path.is_ident("vec") => Some(Mapped::Vec),
            // `collect::<Vec<char>>()`, `collect::<String>()`.
            Expr::MethodCall(m) if m.method == "collect" => {
                let syn::GenericArgument::Type(syn::Type::Path(t)) =
                    m.turbofish.as_ref()?.args.first()?
                else {
                    return None;
                };
                match t.path.segments.last()?.ident.to_string().as_str() {
                    "Vec" | "String" => Some(Mapped::Vec),
                    _ => None,
                }
            }
            Expr::Call(c) => match &*c.func {
                Expr::Path(p)
                    if matches!(
                        Self::path_name(&p.path).0.as_str(),
                        "Vec::new" | "Vec::with_capacity"
                    ) =>
                {
                    Some(Mapped::Vec)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// Argument `i` of `m`, evaluated: it must be a closure.
    fn closure_arg(
        &mut self,
        m: &syn::ExprMethodCall,
        i: usize,
        name: &str,
        span: proc_macro2::Span,
    ) -> R<usize> {
        let Some(arg) = m.args.iter().nth(i) else {
            return err(span, format!("`{name}` takes a closure"));
        };
        let value = self.eval(arg, None)?;
        self.closure_in(&value).map_or_else(
            || err(self.sp(arg), format!("`{name}` takes a closure here")),
            Ok,
        )
    }

    /// What the innermost `collect()`, `sum()`, `product()` or
    /// `partition()` being evaluated is wanted to build, taken.
    fn take_collect_hint(&mut self) -> Option<Hint> {
        self.collect_hints.last_mut().and_then(Option::take)
    }

    /// `collect()` into a `Vec` or a `String` (the type from the
    /// turbofish or the `let`, as `collected_hint` in expr.rs found it).
    fn collect(&mut self, id: usize, m: &syn::ExprMethodCall, span: proc_macro2::Span) -> R<Value> {
        let hint = self.take_collect_hint();
        if let Some(Hint::Try(result, inner, _)) = hint {
            return self.collect_try(id, m, result, *inner, span);
        }
        self.collect_as(id, m, hint, span)
    }

    /// `collect::<Result<Vec<T>, E>>()` (or `Option<Vec<T>>`, or another
    /// collection), as std's `try_process` makes it: the items pass
    /// through a shunt that stops at the first `Err` (or `None`) and keeps
    /// it, and are collected as from any iterator whose length std does
    /// not know (`size_hint` `(0, upper)`); then the iterator is dropped
    /// with the items it did not give, and on an `Err` what was collected
    /// so far after it.
    fn collect_try(
        &mut self,
        id: usize,
        m: &syn::ExprMethodCall,
        result: bool,
        inner: Hint,
        span: proc_macro2::Span,
    ) -> R<Value> {
        let items = self.take_iter(id);
        if let Owner::Iter { iter, .. } = &mut self.owners[id] {
            *iter = Iter::Shunt(Box::new(items), None);
        }
        let outer = self.shunt_stop.take();
        let built = self.collect_as(id, m, Some(inner), span)?;
        if matches!(self.owners[id], Owner::Iter { .. }) {
            self.drop_owner(id, "the iterator is dropped once consumed")?;
        }
        let stop = std::mem::replace(&mut self.shunt_stop, outer);
        Ok(match stop {
            Some(stop) => {
                let why = "`collect` stopped at the first error: what it had collected is dropped";
                self.drop_value(&built, why)?;
                stop
            }
            None if result => Value::Result(true, Box::new(built)),
            None => Value::Opt(Some(Box::new(built))),
        })
    }

    /// `collect()` into what `hint` names.
    fn collect_as(
        &mut self,
        id: usize,
        m: &syn::ExprMethodCall,
        hint: Option<Hint>,
        span: proc_macro2::Span,
    ) -> R<Value> {
        let text = self.src(m);
        if let Some(Hint::Map(kind, set, ty)) = &hint {
            let (kind, set, ty) = (*kind, *set, ty.clone());
            let map = self.new_map(kind, set, ty.as_ref(), 0, &text)?;
            let Value::Owner(map) = map else {
                return Ok(map);
            };
            if kind == MapKind::BTree {
                // std collects into a `Vec` first.
                let elem = match &ty {
                    Some(Ty::Map(_, k, None)) => Some((**k).clone()),
                    Some(Ty::Map(_, k, Some(v))) => {
                        Some(Ty::Tuple(vec![(**k).clone(), (**v).clone()]))
                    }
                    _ => None,
                };
                let Value::Owner(vec) = self.collect_into_vec(id, m, elem, &text, span)? else {
                    return Ok(Value::Owner(map));
                };
                // That inner `collect` took the iterator: it is dropped
                // before the tree is built.
                if matches!(self.owners.get(id), Some(Owner::Iter { .. })) {
                    self.drop_owner(id, "the iterator is dropped once collected into the `Vec`")?;
                }
                self.collect_tree(vec, map, span, &text)?;
            } else {
                self.extend_map(map, id, &text, span)?;
            }
            return Ok(Value::Owner(map));
        }
        if let Some(Hint::Rc(Ty::Slice(elem, false), arc)) = &hint {
            return self.collect_rc_slice(id, m, (**elem).clone(), *arc, span);
        }
        let string = matches!(hint, Some(Hint::String));
        let elem = match &hint {
            Some(Hint::Vec(t) | Hint::Deque(t) | Hint::Heap(t)) => t.clone(),
            Some(Hint::String) => Some(Ty::Int(IntTy::Fixed(false, 1))),
            _ => {
                return err(
                    span,
                    "write what to collect into: `collect::<Vec<_>>()` or `let v: Vec<T> = …collect();`",
                )
            }
        };
        let last_closure = match &self.owners[id] {
            Owner::Iter {
                iter: Iter::With(_, Adapter::Map | Adapter::FilterMap, f),
                ..
            } => Some(*f),
            _ => None,
        };
        let yields = last_closure.zip(elem.clone());
        let yields = yields.or_else(|| self.closure_yields.clone());
        let outer = std::mem::replace(&mut self.closure_yields, yields);
        let built = if string {
            self.collect_vec(id, m, elem, string, &text, span)
        } else {
            self.collect_into_vec(id, m, elem, &text, span)
        };
        self.closure_yields = outer;
        // std collects a `VecDeque` as a `Vec`, then takes its block, and
        // a `BinaryHeap` as a `Vec` it heapifies.
        match (built?, &hint) {
            (Value::Owner(v), Some(Hint::Deque(_))) => self.vec_into_deque(v, 0, span),
            (Value::Owner(v), Some(Hint::Heap(_))) => self.heap_from_vec(v, span),
            (built, _) => Ok(built),
        }
    }

    /// `collect()` into a `Vec<elem>` or a `String`.
    pub(super) fn collect_vec(
        &mut self,
        id: usize,
        m: &syn::ExprMethodCall,
        elem: Option<Ty>,
        string: bool,
        text: &str,
        span: proc_macro2::Span,
    ) -> R<Value> {
        if string {
            return self.collect_string(id, text, span);
        }
        let out = self.new_vec(elem.clone(), string);
        let trusted = matches!(&self.owners[id], Owner::Iter { iter, .. } if iter.trusted_len());
        // Into a `Vec<&T>`, references stay references; so they do into a
        // `Vec<_>` whose items are references.
        let mut lends = matches!(elem, Some(Ty::Ref(_)));
        let infer = elem.is_none();
        // An item made before the buffer, to learn its type.
        let mut pending = None;
        // The buffer made for a stand-in element type of the same layout,
        // the first item's type to take its place.
        let mut provisional = false;
        if trusted {
            let (n, _) = self.iter_hint(id);
            if n > 0 {
                // The type of the first item is needed before it is made:
                // a walk over items already made shows it.
                let (peeked, lent) = match &self.owners[id] {
                    Owner::Iter {
                        iter:
                            Iter::Items {
                                items,
                                front,
                                owned,
                                ..
                            },
                        ..
                    } => (items.get(*front), !owned),
                    _ => (None, false),
                };
                // A `Vec` of plain data lends copies here, where Rust's
                // `iter()` gives `&T`.
                if infer && lent && peeked.is_some_and(|v| !holds_ref(v)) {
                    return unsupported(
                        m,
                        "collecting references to plain values into a `Vec<_>` (it would be a `Vec<&T>`); add `.copied()` or write the type",
                    );
                }
                let peeked = peeked.and_then(|v| self.value_ty(v));
                match (&elem, peeked) {
                    (Some(_), _) => {}
                    (None, Some(t)) => {
                        lends = holds_ref_ty(&t);
                        if let Owner::Vec { elem, .. } = &mut self.owners[out] {
                            *elem = Some(t);
                        }
                    }
                    (None, None) => match self.mapped_item(id) {
                        Some(mapped) => {
                            // Every `String` and `Vec` is three words: one
                            // stands in (`Vec<_>`) until the first item
                            // tells which it is.
                            let ty = match mapped {
                                Mapped::Exactly(ty) => ty,
                                Mapped::Vec => {
                                    provisional = true;
                                    Ty::Vec(Box::new(Ty::Param("_".to_string())))
                                }
                            };
                            if let Owner::Vec { elem, .. } = &mut self.owners[out] {
                                *elem = Some(ty);
                            }
                        }
                        None => {
                            // Made first, then, to learn its type: the same
                            // run as Rust's, whose buffer comes first, as
                            // long as making it asks the allocator nothing.
                            let calls = self.recording.made();
                            let item = self.iter_next(id, span)?;
                            let ty = item.as_ref().and_then(|v| self.value_ty(v));
                            let ty = match (ty, self.recording.made() == calls) {
                                (Some(ty), true) => ty,
                                // Made, it asked the allocator: Rust's
                                // buffer would have come first.
                                (Some(ty), false) => {
                                    return err(
                                        span,
                                        format!("write the element type: `collect::<Vec<{ty}>>()` (making an item allocates, and the buffer, made first, needs its type)"),
                                    )
                                }
                                (None, _) => {
                                    return err(
                                        span,
                                        "write the element type, as in `collect::<Vec<u32>>()`",
                                    )
                                }
                            };
                            lends = holds_ref_ty(&ty);
                            if let Owner::Vec { elem, .. } = &mut self.owners[out] {
                                *elem = Some(ty);
                            }
                            pending = item;
                        }
                    },
                }
                self.reserve(
                    out,
                    n,
                    &format!("`{text}`: the length is known, so exactly {n}"),
                    Exactness::Exact,
                    false,
                )?;
            }
        }
        let mut first = true;
        loop {
            let v = match pending.take() {
                Some(v) => v,
                None => match self.iter_next(id, span)? {
                    Some(v) => v,
                    None => break,
                },
            };
            if infer && first && holds_ref(&v) {
                lends = true;
            }
            let v = if lends { v } else { self.owned_item(v, span)? };
            if provisional {
                provisional = false;
                // The stand-in's layout must be the item's, or the buffer
                // made for it was not Rust's.
                let stand_in = Ty::Vec(Box::new(Ty::Param("_".to_string())));
                match self.value_ty(&v) {
                    Some(ty) if ty.layout(self.target) == stand_in.layout(self.target) => {
                        if let Owner::Vec { elem, .. } = &mut self.owners[out] {
                            *elem = Some(ty);
                        }
                    }
                    Some(ty) => {
                        return err(
                            span,
                            format!("write the element type: `collect::<Vec<{ty}>>()`"),
                        )
                    }
                    None => {
                        return err(
                            span,
                            "write the element type, as in `collect::<Vec<u32>>()`",
                        )
                    }
                }
            }
            let ty = self.elem_of(out, Some(&v), span)?;
            // `let v: Vec<u8> = vec![1, 2].into_iter().map(|x| x + 1)
            // .collect();`: rustc infers `u8` for the literals from here;
            // the simulation, running forwards, gave them `i32` when their
            // buffer was made. It says so rather than run on with the
            // wrong sizes.
            // (Of the same layout, the calls are Rust's all the same.)
            if let (false, Some((found, want))) = (lends, int_clash(&self.deref(v.clone()), &ty)) {
                let made = self.value_ty(&v).map(|t| t.layout(self.target));
                if made.is_some_and(|l| l != ty.layout(self.target)) {
                    return self.collected_mismatch(
                        span,
                        &Ty::Int(want),
                        &Value::Int(0, Some(found)),
                    );
                }
            }
            let (_, cap, len, ..) = self.vec_state(out);
            if len == cap {
                let (lower, _) = self.iter_hint(id);
                let size = ty.layout(self.target).size;
                if first && !trusted {
                    let n = std_rules::min_non_zero_cap(size).max(lower.saturating_add(1));
                    self.reserve(
                        out,
                        n,
                        &format!(
                            "`{text}`: the first item is in, so room for max({}, {} more + 1)",
                            std_rules::min_non_zero_cap(size),
                            lower
                        ),
                        Exactness::Exact,
                        false,
                    )?;
                } else {
                    self.reserve(
                        out,
                        lower.saturating_add(1),
                        &format!(
                            "`{text}`: full, so room for {} more (the size hint + 1)",
                            lower.saturating_add(1)
                        ),
                        Exactness::Amortized,
                        false,
                    )?;
                }
            }
            first = false;
            let (_, _, len, ..) = self.vec_state(out);
            self.vec_write(out, len, &v.typed(&ty), &ty);
            let (ptr, cap, ..) = self.vec_state(out);
            self.set_vec(out, ptr, cap, len + 1);
        }
        Ok(Value::Owner(out))
    }

    /// `map.extend(iter)` (and `collect()` into a map): room for the
    /// iterator's lower size hint first (half of it, rounded up, when the
    /// map already holds something, since keys may repeat), then each item
    /// inserted.
    pub(super) fn extend_map(
        &mut self,
        map: usize,
        id: usize,
        text: &str,
        span: proc_macro2::Span,
    ) -> R<()> {
        let (lower, _) = self.iter_hint(id);
        // The element type is needed for the table before the first item
        // is made: the iterator says it when it can.
        let mut first = None;
        if !self.map_typed(map) {
            let ty = match self.peek_item_ty(id) {
                Some(ty) => Some(ty),
                // Made first, then: its type is the map's.
                None => {
                    first = self.iter_next(id, span)?;
                    match &first {
                        Some(v) => {
                            let v = self.owned_item(v.clone(), span)?;
                            self.value_ty(&v)
                        }
                        None => None,
                    }
                }
            };
            if let Some(ty) = ty {
                self.type_map_from(map, &ty, text)?;
            }
        }
        if self.map_typed(map) {
            self.map_extend_reserve(map, lower, text)?;
        }
        if let Some(v) = first {
            let v = self.owned_item(v, span)?;
            self.map_insert_item(map, v, span, text)?;
        }
        while let Some(v) = self.iter_next(id, span)? {
            let v = self.owned_item(v, span)?;
            self.map_insert_item(map, v, span, text)?;
        }
        Ok(())
    }

    /// `collect::<String>()`, by std's three `FromIterator`s for `String`:
    /// of chars, `reserve(lower)` and then a push each; of `&str`s, a
    /// `push_str` each (no reserve); of `String`s, the first one itself,
    /// each of the others pushed onto it and then freed.
    fn collect_string(&mut self, id: usize, text: &str, span: proc_macro2::Span) -> R<Value> {
        let (lower, _) = self.iter_hint(id);
        let mut next = self.iter_next(id, span)?;
        let out = match next {
            Some(Value::Owner(s)) if matches!(self.owners[s], Owner::Vec { string: true, .. }) => {
                next = None;
                s
            }
            _ => self.new_vec(Some(Ty::Int(IntTy::Fixed(false, 1))), true),
        };
        // A reused first `String` is not a char: nothing is reserved.
        let reserve = if next.is_some() { lower } else { 0 };
        self.push_items_onto_string(out, id, next, reserve, text, span)?;
        Ok(Value::Owner(out))
    }

    /// An item `collect` cannot put in a collection of `ty`s. An integer
    /// of another integer type is most likely an unsuffixed literal:
    /// rustc infers its type from the collection (`let v: Vec<u8> =
    /// vec![1, 2].into_iter().map(|x| x + 1).collect();`), where the
    /// simulation, running forwards, gave it `i32` when it was made. It
    /// says so rather than run on with the wrong sizes.
    pub(super) fn collected_mismatch<T>(
        &self,
        span: proc_macro2::Span,
        ty: &Ty,
        v: &Value,
    ) -> R<T> {
        match (v, ty) {
            (Value::Int(_, Some(found)), Ty::Int(want)) => {
                let (found, want) = (Ty::Int(*found), Ty::Int(*want));
                err(
                    span,
                    format!("mismatched types: expected `{want}`, found `{found}`; if these items come from unsuffixed literals, rustc infers `{want}` for them from this collection, which the simulation cannot see where they are made: write it there (a suffix such as `1{want}`)"),
                )
            }
            _ => self.mismatch(span, &ty.to_string(), v),
        }
    }

    /// The type the iterator's next item will have, when it can be told
    /// without making it.
    fn peek_item_ty(&self, id: usize) -> Option<Ty> {
        fn peek(me: &Interp<'_>, it: &Iter) -> Option<Ty> {
            match it {
                Iter::Items { items, front, .. } => {
                    let v = me.deref(items.get(*front)?.clone());
                    me.value_ty(&v)
                }
                Iter::Range { ty, .. } => Some(Ty::Int(ty.unwrap_or(IntTy::Fixed(true, 4)))),
                Iter::Cloned(inner)
                | Iter::Take(inner, _)
                | Iter::Skip(inner, _)
                | Iter::Rev(inner) => peek(me, inner),
                Iter::Enumerate(inner, _) => Some(Ty::Tuple(vec![
                    Ty::Int(IntTy::Word(false)),
                    peek(me, inner)?,
                ])),
                Iter::Zip(a, b) => Some(Ty::Tuple(vec![peek(me, a)?, peek(me, b)?])),
                _ => None,
            }
        }
        match &self.owners[id] {
            Owner::Iter { iter, .. } => peek(self, iter),
            _ => None,
        }
    }

    /// An item to keep: a reference to a heap value stays a reference
    /// (Rust would collect `Vec<&T>`); plain data is read.
    pub(super) fn owned_item(&mut self, v: Value, span: proc_macro2::Span) -> R<Value> {
        Ok(match v {
            Value::Ref(_) => {
                let inner = self.deref(v.clone());
                if super::owns_heap(&inner) {
                    return err(
                        span,
                        "not supported in scenarios: collecting references to heap values (`Vec<&String>`); add `.cloned()`",
                    );
                }
                inner
            }
            other => other,
        })
    }

    pub(super) fn iter_hint(&self, id: usize) -> (u64, Option<u64>) {
        match &self.owners[id] {
            Owner::Iter { iter, .. } => iter.size_hint(),
            _ => (0, Some(0)),
        }
    }

    fn take_iter(&mut self, id: usize) -> Iter {
        match &mut self.owners[id] {
            Owner::Iter { iter, .. } => std::mem::replace(iter, Iter::Done),
            _ => Iter::Done,
        }
    }

    /// An iterator that owns `items` (`drain`'s): those not taken are
    /// dropped with it.
    pub(super) fn owned_items_iter(&mut self, items: Vec<Value>) -> Value {
        Value::Owner(self.owned_iter(items, Count::Exact))
    }

    /// An iterator that owns `items` (those it has not given are dropped
    /// with it), counted as `count` says.
    pub(super) fn owned_iter(&mut self, items: Vec<Value>, count: Count) -> usize {
        self.items_iter(items, true, count)
    }

    /// An iterator over `items`, its own (`owned`) or lent.
    pub(super) fn items_iter(&mut self, items: Vec<Value>, owned: bool, count: Count) -> usize {
        let n = items.len();
        let iter = Iter::Items {
            items,
            front: 0,
            back: n,
            owned,
            count,
        };
        self.new_iter(iter, None)
    }

    /// `v.extend(…)` with anything a `for` loop walks: an iterator (pulled
    /// one item at a time), `&w`, an array, or a `Vec` (moved in, its
    /// buffer freed after). A known length reserves it all first, as
    /// std's `TrustedLen` path does; otherwise each item that finds the
    /// vector full reserves `lower + 1` (the size hint after it).
    pub(super) fn extend_vec(&mut self, id: usize, arg: &Expr, text: &str) -> R<()> {
        let span = self.sp(arg);
        let source = match self.iterator_of_any(arg)? {
            Some(source) => source,
            None => return unsupported(arg, "extending from this value"),
        };
        let trusted =
            matches!(&self.owners[source], Owner::Iter { iter, .. } if iter.trusted_len());
        if trusted {
            let (n, _) = self.iter_hint(source);
            self.reserve(
                id,
                n,
                &format!("`{text}`: the length is known, so room for {n} more"),
                Exactness::Amortized,
                false,
            )?;
        }
        while let Some(v) = self.iter_next(source, span)? {
            let v = self.owned_item(v, span)?;
            let ty = self.elem_of(id, Some(&v), span)?;
            self.check_type(&v, &ty)?;
            let (_, cap, len, ..) = self.vec_state(id);
            if len == cap {
                let (lower, _) = self.iter_hint(source);
                let why = format!(
                    "`{text}`: full, so room for {} more (the size hint + 1)",
                    lower.saturating_add(1)
                );
                self.reserve(
                    id,
                    lower.saturating_add(1),
                    &why,
                    Exactness::Amortized,
                    false,
                )?;
            }
            let (_, _, len, ..) = self.vec_state(id);
            self.vec_write(id, len, &v.typed(&ty), &ty);
            let (ptr, cap, ..) = self.vec_state(id);
            self.set_vec(id, ptr, cap, len + 1);
        }
        self.drop_owner(source, "the iterator `extend` took is dropped once spent")
    }

    /// `s.extend(…)` of a `String`, by std's `Extend`s: of chars (or
    /// `&char`s), `reserve(lower)` and then a push each; of `&str`s or
    /// `String`s, a `push_str` each (a `String` freed once copied).
    pub(super) fn extend_string(&mut self, id: usize, arg: &Expr, text: &str) -> R<()> {
        let span = self.sp(arg);
        let Some(source) = self.iterator_of_any(arg)? else {
            return unsupported(arg, "extending a String from this value");
        };
        let (lower, _) = self.iter_hint(source);
        self.push_items_onto_string(id, source, None, lower, text, span)?;
        self.drop_owner(source, "the iterator `extend` took is dropped once spent")
    }

    /// Appends to String `out` each item iterator `id` still gives
    /// (`pending` first, when one was already taken), as std's
    /// `Extend<char>`, `Extend<&str>` and `Extend<String>` do: a first
    /// item that is a char reserves `reserve` (the iterator's lower bound)
    /// before it is pushed; strings push as they come. Each item is dropped
    /// once copied.
    fn push_items_onto_string(
        &mut self,
        out: usize,
        id: usize,
        mut pending: Option<Value>,
        reserve: u64,
        text: &str,
        span: proc_macro2::Span,
    ) -> R<()> {
        let mut first = true;
        loop {
            let v = match pending.take() {
                Some(v) => v,
                None => match self.iter_next(id, span)? {
                    Some(v) => v,
                    None => return Ok(()),
                },
            };
            let s = match self.deref(v.clone()) {
                Value::Char(c) => {
                    if first && reserve > 0 {
                        self.reserve(out, reserve, text, Exactness::Amortized, false)?;
                    }
                    c.to_string()
                }
                other => match self.text_of(&other) {
                    Some(s) => s,
                    None => return self.mismatch(span, "char", &other),
                },
            };
            first = false;
            self.append_text(out, &s, text)?;
            self.drop_value(&v, "the item is dropped once copied")?;
        }
    }

    /// An iterator over whatever `expr` gives: an iterator already, or
    /// anything a `for` loop walks.
    pub(super) fn iterator_of_any(&mut self, expr: &Expr) -> R<Option<usize>> {
        if self.is_iterator(expr) {
            return self.iterator_of(expr);
        }
        Ok(Some(match self.walk(expr)? {
            (Walk::Iter(id), _) => id,
            (walk, consumed) => self.iter_from_walk(walk, consumed),
        }))
    }

    /// An iterator over what a `for` loop would walk. When it took a
    /// `Vec` (`into_iter`, `v` by value) the items are its own: a `Vec` of
    /// heap values gives them up (it keeps only its buffer, freed when the
    /// iterator is dropped), and those not taken are dropped with it.
    pub(super) fn iter_from_walk(&mut self, walk: Walk, consumed: Option<usize>) -> usize {
        let mut iter = from_walk(walk);
        if let (Some(v), Iter::Items { items, owned, .. }) = (consumed, &mut iter) {
            *owned = true;
            if self.holds_items(v) {
                let taken = std::mem::take(self.items_mut(v));
                for item in &taken {
                    Self::leave_home(&mut self.homes, item);
                }
                for item in items.iter_mut() {
                    moved_out(item, v, &taken);
                }
            }
        }
        self.new_iter(iter, consumed)
    }

    /// The next item of iterator `id`.
    pub(super) fn iter_next(&mut self, id: usize, span: proc_macro2::Span) -> R<Option<Value>> {
        let mut iter = self.take_iter(id);
        let next = self.next_of(&mut iter, false, span);
        if let Owner::Iter { iter: slot, .. } = &mut self.owners[id] {
            *slot = iter;
        }
        next
    }

    /// Runs closure `f` on a reference to `v` (`filter`'s `&item`), and
    /// gives back its answer and `v`.
    /// Calls the closure `f` with `a` and `b` lent (`|a, b| a.cmp(b)`);
    /// gives its result and the two values back.
    fn lend_two(
        &mut self,
        f: usize,
        a: Value,
        b: Value,
        span: proc_macro2::Span,
    ) -> R<(Value, Value, Value)> {
        let mut b_after = Value::unit();
        let (result, a) = self.with_temporary(a, |me, pa| {
            let (result, b) = me.with_temporary(b, |me, pb| {
                me.call_closure(f, vec![Value::Ref(pa), Value::Ref(pb)], span)
            })?;
            b_after = b;
            result
        })?;
        Ok((result?, a, b_after))
    }

    /// Whether the iterator `id` is std's `TrustedLen` (see
    /// [`Iter::trusted_len`]).
    pub(super) fn iter_trusted_len(&self, id: usize) -> bool {
        matches!(&self.owners[id], Owner::Iter { iter, .. } if iter.trusted_len())
    }

    fn lend_to(&mut self, f: usize, v: Value, span: proc_macro2::Span) -> R<(Value, Value)> {
        let (result, v) = self.with_temporary(v, |me, place| {
            me.call_closure(f, vec![Value::Ref(place)], span)
        })?;
        Ok((result?, v))
    }

    fn next_of(&mut self, it: &mut Iter, back: bool, span: proc_macro2::Span) -> R<Option<Value>> {
        self.step_at(span)?;
        Ok(match it {
            Iter::Dying(walk) => {
                let why = "the consuming iterator walks on";
                self.tree_next(walk, back, why)?
            }
            Iter::Items {
                items,
                front,
                back: end,
                ..
            } => {
                if *front >= *end {
                    None
                } else if back {
                    *end -= 1;
                    Some(std::mem::replace(&mut items[*end], Value::unit()))
                } else {
                    *front += 1;
                    Some(std::mem::replace(&mut items[*front - 1], Value::unit()))
                }
            }
            Iter::Range {
                front,
                back: end,
                step,
                ty,
            } => {
                if *front >= *end {
                    None
                } else if back {
                    // The last item the step reaches.
                    let last = *front + (*end - 1 - *front) / *step * *step;
                    *end = last;
                    Some(Value::Int(last, *ty))
                } else {
                    let v = *front;
                    *front += *step;
                    Some(Value::Int(v, *ty))
                }
            }
            Iter::Rev(inner) => self.next_of(inner, !back, span)?,
            Iter::Holding(inner, _) | Iter::Lent(inner, _) => self.next_of(inner, back, span)?,
            Iter::Shunt(_, Some(_)) => None,
            Iter::Shunt(inner, residual) => match self.next_of(inner, back, span)? {
                Some(Value::Result(true, v)) | Some(Value::Opt(Some(v))) => Some(*v),
                Some(stop @ (Value::Result(false, _) | Value::Opt(None))) => {
                    *residual = Some(Box::new(stop));
                    None
                }
                Some(other) => return self.mismatch(span, "Result<_, _>", &other),
                None => None,
            },
            Iter::Part(inner, keep) => match self.next_of(inner, back, span)? {
                Some(Value::Tuple(mut pair)) if pair.len() == 2 => {
                    let kept = pair.swap_remove(*keep);
                    let why = if *keep == 1 {
                        "`into_values()` drops each key as it takes its pair"
                    } else {
                        "`into_keys()` drops each value as it takes its pair"
                    };
                    self.drop_value(&pair[0], why)?;
                    Some(kept)
                }
                other => other,
            },
            Iter::Cloned(inner) => match self.next_of(inner, back, span)? {
                Some(v @ Value::Ref(_)) => {
                    Some(self.clone_value(&v, "`cloned()` clones each item")?)
                }
                other => other,
            },
            Iter::With(inner, adapter, f) => {
                let (adapter, f) = (*adapter, *f);
                loop {
                    let Some(v) = self.next_of(inner, back, span)? else {
                        break None;
                    };
                    match adapter {
                        Adapter::Passing => break Some(v),
                        Adapter::Map => break Some(self.call_closure(f, vec![v], span)?),
                        Adapter::FilterMap => match self.call_closure(f, vec![v], span)? {
                            Value::Opt(Some(v)) => break Some(*v),
                            _ => continue,
                        },
                        Adapter::Inspect => {
                            let (_, v) = self.lend_to(f, v, span)?;
                            break Some(v);
                        }
                        Adapter::Filter | Adapter::TakeWhile | Adapter::SkipWhile => {
                            let (keep, v) = self.lend_to(f, v, span)?;
                            let keep = matches!(keep, Value::Bool(true));
                            match adapter {
                                Adapter::Filter if keep => break Some(v),
                                Adapter::TakeWhile if keep => break Some(v),
                                Adapter::TakeWhile => {
                                    self.drop_value(&v, "`take_while` drops the item it stops at")?;
                                    // Done: nothing more is pulled, but
                                    // the rest stays to be dropped (or
                                    // given back, under `by_ref`).
                                    let rest = std::mem::replace(&mut **inner, Iter::Done);
                                    **inner = Iter::Take(Box::new(rest), 0);
                                    break None;
                                }
                                Adapter::SkipWhile if !keep => {
                                    // From here on everything passes; the
                                    // closure is kept to be dropped.
                                    if let Iter::With(_, adapter, _) = it {
                                        *adapter = Adapter::Passing;
                                    }
                                    return Ok(Some(v));
                                }
                                _ => {
                                    self.drop_value(&v, "the item is not kept, so it is dropped")?
                                }
                            }
                        }
                    }
                }
            }
            Iter::Enumerate(inner, n) => match self.next_of(inner, back, span)? {
                Some(v) => {
                    *n += 1;
                    Some(Value::Tuple(vec![
                        Value::Int(i128::from(*n - 1), Some(IntTy::Word(false))),
                        v,
                    ]))
                }
                None => None,
            },
            Iter::Zip(a, b) => match self.next_of(a, back, span)? {
                Some(x) => match self.next_of(b, back, span)? {
                    Some(y) => Some(Value::Tuple(vec![x, y])),
                    None => {
                        self.drop_value(&x, "`zip` drops the item with no partner")?;
                        None
                    }
                },
                None => None,
            },
            Iter::Take(inner, n) => {
                if *n == 0 {
                    None
                } else {
                    *n -= 1;
                    self.next_of(inner, back, span)?
                }
            }
            Iter::Skip(inner, n) => {
                while *n > 0 {
                    *n -= 1;
                    match self.next_of(inner, back, span)? {
                        Some(v) => self.drop_value(&v, "`skip` drops the items it skips")?,
                        None => return Ok(None),
                    }
                }
                self.next_of(inner, back, span)?
            }
            Iter::StepBy(inner, step, first) => {
                if !*first {
                    for _ in 1..*step {
                        match self.next_of(inner, back, span)? {
                            Some(v) => self.drop_value(&v, "`step_by` drops the items between")?,
                            None => return Ok(None),
                        }
                    }
                }
                *first = false;
                self.next_of(inner, back, span)?
            }
            Iter::Chain(a, b) => match self.next_of(if back { b } else { a }, back, span)? {
                Some(v) => Some(v),
                None => self.next_of(if back { a } else { b }, back, span)?,
            },
            Iter::FlatMap(inner, f, front) => {
                let f = *f;
                loop {
                    if let Some((cur, owner)) = front {
                        if let Some(v) = self.next_of(cur, back, span)? {
                            break Some(v);
                        }
                        // std's `and_then_or_clear`: the inner iterator is
                        // dropped when it gives `None`, not before.
                        let owner = *owner;
                        *front = None;
                        self.drop_owner(owner, "the inner iterator is spent")?;
                    }
                    let Some(v) = self.next_of(inner, back, span)? else {
                        break None;
                    };
                    let made = match f {
                        Some(f) => self.call_closure(f, vec![v], span)?,
                        None => v,
                    };
                    let id = match self.closure_result_iter(made, span)? {
                        Some(id) => id,
                        None if f.is_none() => {
                            return err(span, "`flatten` needs items that can be iterated")
                        }
                        None => {
                            return err(span, "`flat_map`'s closure must give something to iterate")
                        }
                    };
                    // Its owner keeps what it consumed (a `Vec`'s buffer)
                    // until it is spent.
                    let cur = self.take_iter(id);
                    *front = Some((Box::new(cur), id));
                }
            }
            Iter::Program(held) => {
                if back {
                    return err(
                        span,
                        "the trait bound `DoubleEndedIterator` is not satisfied: the program's iterator gives items from the front only",
                    );
                }
                let held_value = std::mem::replace(&mut **held, Value::unit());
                let Some(next) = self
                    .method_type(&held_value)
                    .and_then(|ty| self.method_of(&ty, "next"))
                else {
                    return err(span, "this value is not an iterator");
                };
                let none = syn::punctuated::Punctuated::new();
                // `next(&mut self)`: the value is lent to it where it is.
                let (given, held_value) = match held_value {
                    Value::Ref(place) => {
                        let lent = Value::Ref(place.clone());
                        (
                            self.call_fn(next, Some(lent), &none, span),
                            Value::Ref(place),
                        )
                    }
                    owned => self.with_temporary(owned, |me, place| {
                        me.call_fn(next, Some(Value::Ref(place)), &none, span)
                    })?,
                };
                **held = held_value;
                match given? {
                    Value::Opt(item) => item.map(|v| *v),
                    other => return self.mismatch(span, "Option<Self::Item>", &other),
                }
            }
            Iter::Done => None,
        })
    }

    /// A `Vec`'s elements as a walk gives them: references to heap values
    /// where they are, copies of plain ones.
    fn vec_walk(&mut self, id: usize, span: proc_macro2::Span) -> R<Vec<Value>> {
        let (_, _, len, ..) = self.vec_state(id);
        let held = self.holds_items(id);
        let mut items = Vec::new();
        for i in 0..len {
            items.push(if held {
                self.item_ref(id, i)
            } else {
                self.vec_get(id, i, span)?
            });
        }
        Ok(items)
    }

    /// What a `flat_map` closure gave, as an iterator: one already, or a
    /// `Vec` (moved into its `into_iter`).
    fn closure_result_iter(&mut self, made: Value, span: proc_macro2::Span) -> R<Option<usize>> {
        match made {
            Value::Owner(id) if matches!(self.owners[id], Owner::Iter { .. }) => Ok(Some(id)),
            Value::Owner(id) if matches!(self.owners[id], Owner::Vec { string: false, .. }) => {
                // Heap values: named where they are, then moved out of the
                // Vec into the iterator by `iter_from_walk`.
                let items = self.vec_walk(id, span)?;
                Ok(Some(self.iter_from_walk(Walk::Items(items), Some(id))))
            }
            Value::Array(items) => Ok(Some(self.owned_iter(items, Count::Exact))),
            // `grid.iter().flatten()`: each inner `Vec` (or array) lent,
            // walked by reference.
            Value::Ref(place) => {
                let lent = match self.value_at(&place) {
                    Some(Value::Owner(id))
                        if matches!(self.owners[id], Owner::Vec { string: false, .. }) =>
                    {
                        self.vec_walk(id, span)?
                    }
                    Some(Value::Array(items)) => items,
                    _ => return Ok(None),
                };
                Ok(Some(self.items_iter(lent, false, Count::Exact)))
            }
            // An `Option`: its value, if any.
            Value::Opt(o) => Ok(Some(
                self.owned_iter(o.map(|v| *v).into_iter().collect(), Count::Exact),
            )),
            _ => Ok(None),
        }
    }

    /// Drops an iterator: what it has not given yet of a `Vec` it took,
    /// that `Vec`'s buffer, its closures, and a value of the program's
    /// own iterator type, in the order std's types declare them (an
    /// adapter's inner iterator before its closure, `zip`'s and `chain`'s
    /// first before their second).
    pub(super) fn drop_iter(&mut self, iter: Iter, consumed: Option<usize>, reason: &str) -> R<()> {
        let mut consumed = consumed;
        self.drop_iter_parts(iter, &mut consumed, reason)?;
        self.drop_consumed(&mut consumed, reason)
    }

    /// The `Vec` (or map, or deque) an iterator took, dropped with its
    /// source: its buffer is freed after the items left in it.
    fn drop_consumed(&mut self, consumed: &mut Option<usize>, reason: &str) -> R<()> {
        match consumed.take() {
            Some(id) if !matches!(self.owners[id], Owner::Gone) => self.drop_owner(id, reason),
            _ => Ok(()),
        }
    }

    fn drop_iter_parts(&mut self, iter: Iter, consumed: &mut Option<usize>, reason: &str) -> R<()> {
        match iter {
            // A B-tree's: the elements left dropped as the walk reaches
            // them, from the front even under `rev()` (std's `Drop`).
            Iter::Dying(mut walk) => {
                while let Some(item) = self.tree_next(&mut walk, false, reason)? {
                    self.drop_value(&item, reason)?;
                }
                self.drop_consumed(consumed, reason)?;
            }
            Iter::Items {
                items,
                front,
                back,
                owned,
                ..
            } => {
                if owned {
                    for v in &items[front..back] {
                        self.drop_value(v, reason)?;
                    }
                    self.drop_consumed(consumed, reason)?;
                }
            }
            Iter::With(inner, _, f) => {
                self.drop_iter_parts(*inner, consumed, reason)?;
                self.drop_closure(f, reason)?;
            }
            Iter::Holding(inner, owner) => self.give_back_and_drop(*inner, owner, reason)?,
            // What was lent goes back to its owner, which drops it later.
            Iter::Lent(inner, owner) => match &mut self.owners[owner] {
                Owner::Iter { iter, .. } => *iter = *inner,
                _ => self.drop_iter_parts(*inner, consumed, reason)?,
            },
            // std's `FlatMap`: the inner iterator and its closure, then
            // the iterator it is in the middle of (given back to the
            // owner that keeps what that one consumed).
            Iter::FlatMap(inner, f, front) => {
                self.drop_iter_parts(*inner, consumed, reason)?;
                if let Some(f) = f {
                    self.drop_closure(f, reason)?;
                }
                if let Some((cur, owner)) = front {
                    self.give_back_and_drop(*cur, owner, reason)?;
                }
            }
            Iter::Enumerate(inner, _)
            | Iter::Take(inner, _)
            | Iter::Skip(inner, _)
            | Iter::StepBy(inner, _, _)
            | Iter::Cloned(inner)
            | Iter::Part(inner, _)
            | Iter::Rev(inner) => self.drop_iter_parts(*inner, consumed, reason)?,
            Iter::Zip(a, b) | Iter::Chain(a, b) => {
                self.drop_iter_parts(*a, consumed, reason)?;
                self.drop_iter_parts(*b, consumed, reason)?;
            }
            // The `Err` it stopped at is the collect's answer: kept.
            Iter::Shunt(inner, residual) => {
                self.drop_iter_parts(*inner, consumed, reason)?;
                if let Some(stop) = residual {
                    self.shunt_stop = Some(*stop);
                }
            }
            // A reference (lent to a consumer) drops nothing.
            Iter::Program(held) => self.drop_value(&held, reason)?,
            Iter::Range { .. } | Iter::Done => {}
        }
        Ok(())
    }

    /// Gives `iter` back to the iterator owner it was taken from, which
    /// keeps what it consumed, and drops that owner: the items left, then
    /// the buffer.
    fn give_back_and_drop(&mut self, iter: Iter, owner: usize, reason: &str) -> R<()> {
        if let Owner::Iter { iter: slot, .. } = &mut self.owners[owner] {
            *slot = iter;
        }
        self.drop_closure(owner, reason)
    }

    /// Drops owner `f` (a closure, or an iterator a `flat_map` holds)
    /// unless it is gone already.
    fn drop_closure(&mut self, f: usize, reason: &str) -> R<()> {
        if matches!(self.owners[f], Owner::Gone) {
            return Ok(());
        }
        self.drop_owner(f, reason)
    }
}

/// An iterator over what a `for` loop would walk.
pub(super) fn from_walk(walk: Walk) -> Iter {
    match walk {
        Walk::Range {
            start,
            end,
            step,
            ty,
        } => Iter::Range {
            front: start,
            back: end.max(start),
            step,
            ty,
        },
        Walk::From { start, max, ty, .. } => Iter::Range {
            front: start,
            back: max.max(start),
            step: 1,
            ty,
        },
        Walk::RangeRev { start, end, ty } => Iter::Rev(Box::new(Iter::Range {
            front: start,
            back: end.max(start),
            step: 1,
            ty,
        })),
        Walk::Items(items) => Iter::Items {
            back: items.len(),
            items,
            front: 0,
            owned: false,
            count: Count::Exact,
        },
        Walk::Counted(items, count) => {
            let n = items.len();
            Iter::Items {
                items,
                front: 0,
                back: n,
                owned: false,
                count,
            }
        }
        // Already an iterator: its owner is used as it is (see `walk`'s callers).
        Walk::Iter(_) => Iter::Done,
    }
}

/// `item` with each reference to an element of `Vec` `v` (alone, or in
/// `enumerate`'s tuple) replaced by the element itself, moved out.
fn moved_out(item: &mut Value, v: usize, taken: &[Value]) {
    match item {
        Value::Ref(p) => {
            if let (Root::Item { owner, index }, true) = (p.root, p.fields.is_empty()) {
                if let (true, Some(t)) = (owner == v, taken.get(index)) {
                    *item = t.clone();
                }
            }
        }
        Value::Tuple(parts) => {
            for part in parts {
                moved_out(part, v, taken);
            }
        }
        _ => {}
    }
}

/// Whether an item is a reference, or a tuple holding one (a map's
/// `(&K, &V)`): collected into a `Vec<_>`, it stays one.
fn holds_ref(v: &Value) -> bool {
    match v {
        Value::Ref(_) => true,
        Value::Tuple(items) => items.iter().any(holds_ref),
        _ => false,
    }
}

fn holds_ref_ty(t: &Ty) -> bool {
    match t {
        Ty::Ref(_) => true,
        Ty::Tuple(items) => items.iter().any(holds_ref_ty),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{ADAPTERS, ON_ITERATORS};

    #[test]
    fn the_adapters_come_first_among_the_iterator_methods() {
        // `is_iterator` takes the first `ADAPTERS` names as the methods
        // that make an iterator of an iterator; the consumers follow.
        assert_eq!(ON_ITERATORS[ADAPTERS - 1], "rev");
        assert_eq!(ON_ITERATORS[ADAPTERS], "collect");
    }
}

/// What a `map` closure's body shows of the items it makes, before any is
/// made: their type (`format!(…)`, `x.to_string()`), or only that each
/// is a `String` or a `Vec` (`vec![n; n]`, `s.to_uppercase()`,
/// `collect::<Vec<_>>()`), whose layout is the same whatever it holds.
#[derive(Debug, Clone, PartialEq)]
enum Mapped {
    Exactly(Ty),
    Vec,
}

/// An integer of one type where `ty` has another (in a tuple too): the
/// two types, found and wanted.
fn int_clash(v: &Value, ty: &Ty) -> Option<(IntTy, IntTy)> {
    match (v, ty) {
        (Value::Int(_, Some(found)), Ty::Int(want)) if found != want => Some((*found, *want)),
        (Value::Tuple(items), Ty::Tuple(tys)) => {
            items.iter().zip(tys).find_map(|(v, t)| int_clash(v, t))
        }
        _ => None,
    }
}
