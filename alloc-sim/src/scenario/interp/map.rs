//! `HashMap` and `HashSet`: hashbrown's table, bucket by bucket.
//!
//! A map owns one block ([`RawTable`]): its buckets hold the `(K, V)`
//! pairs (a set's, the keys), and its control bytes say which are full.
//! The interpreter hashes each key as std does (SipHash-1-3 with the map's
//! `RandomState` keys, fed the bytes the key's `Hash` impl writes), so each
//! element sits in the bucket real Rust would put it in, and the heap map
//! shows the block as it is: buckets growing down from the control bytes,
//! each element's bytes in its bucket.
//!
//! The elements themselves are kept beside the bytes, as a `Vec`'s heap
//! values are ([`Contents::Items`]): item `i` is the element the table
//! knows as handle `i`. A removal moves the last item into the hole, and
//! the table is told.
//!
//! Everything that walks a map (a `for` loop, `keys()`, a drop, a clone)
//! goes in bucket order, as hashbrown's iterator does.
//!
//! `BTreeMap` and `BTreeSet` are maps of this file too (`MapKind::BTree`):
//! what the two kinds share (typing from the first element, `insert`,
//! `get`, `remove`, `entry`, `extend`, `{:?}`, references to elements)
//! is written once here, and where they differ (finding a key, adding and
//! taking an element, the bytes, dropping, cloning) a B-tree goes to
//! `btree_map.rs`, its items kept in key order.

use std::hash::Hasher;

use super::btree_map::Tree;
use super::*;
use crate::scenario::std_rules::raw_table::{self, RawTable};
use crate::scenario::std_rules::StdCall;
use crate::scenario::ty::MapKind;
use crate::scenario::value::Root;

/// A `HashMap` or `HashSet` the program made.
#[derive(Debug)]
pub(super) struct MapOwner {
    /// A hash map or a B-tree.
    kind: MapKind,
    /// A hash map's table; made once the element type is known.
    table: Option<RawTable>,
    /// A B-tree's nodes; made once the element type is known.
    tree: Option<Tree>,
    ptr: Option<Addr>,
    key: Option<Ty>,
    val: Option<Ty>,
    /// A `HashSet`: elements are keys alone.
    set: bool,
    /// Its `RandomState`'s keys (a hash map's).
    keys: (u64, u64),
    /// `with_capacity(n)` before the element type was known.
    capacity: u64,
}

impl MapOwner {
    fn elem_ty(&self) -> Option<Ty> {
        let key = self.key.clone()?;
        if self.set {
            Some(key)
        } else {
            Some(Ty::Tuple(vec![key, self.val.clone()?]))
        }
    }

    fn kind(&self) -> &'static str {
        self.kind.name(self.set)
    }

    /// Its type as rustc writes it, `_` for what is not known yet.
    pub(super) fn type_text(&self) -> String {
        let known = |t: &Option<Ty>| t.as_ref().map_or("_".to_string(), Ty::to_string);
        match self.set {
            true => format!("{}<{}>", self.kind(), known(&self.key)),
            false => format!(
                "{}<{}, {}>",
                self.kind(),
                known(&self.key),
                known(&self.val)
            ),
        }
    }

    fn typed(&self) -> bool {
        self.table.is_some() || self.tree.is_some()
    }
}

impl Interp<'_> {
    /// `HashMap::new()`, `HashSet::with_capacity(n)` and the like: a new
    /// `RandomState` (the thread's next keys) and, for a capacity, the
    /// table's block once the element type is known. `BTreeMap::new()`:
    /// nothing until the first insert.
    pub(super) fn new_map(
        &mut self,
        kind: MapKind,
        set: bool,
        ty: Option<&Ty>,
        capacity: u64,
        text: &str,
    ) -> R<Value> {
        let keys = match kind {
            MapKind::Hash => raw_table::random_state(self.next_random_state()),
            MapKind::BTree => (0, 0),
        };
        let (key, val) = match ty {
            Some(Ty::Map(_, k, v)) => (Some((**k).clone()), v.as_deref().cloned()),
            _ => (None, None),
        };
        self.maps.push(MapOwner {
            kind,
            table: None,
            tree: None,
            ptr: None,
            key,
            val,
            set,
            keys,
            capacity,
        });
        let id = self.new_owner(Owner::Map(self.maps.len() - 1));
        self.ready_table(id, text)?;
        Ok(Value::Owner(id))
    }

    /// The thread's next `RandomState`: each one's keys differ.
    fn next_random_state(&mut self) -> u64 {
        let n = self
            .random_states
            .iter_mut()
            .find(|(t, _)| *t == self.thread);
        match n {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                self.random_states.push((self.thread, 1));
                0
            }
        }
    }

    /// Whether owner `id` is a map of `(K, V)` pairs (not a set).
    pub(super) fn is_pair_map(&self, id: usize) -> bool {
        matches!(&self.owners[id], Owner::Map(m) if !self.maps[*m].set)
    }

    fn map_of(&self, id: usize) -> &MapOwner {
        match &self.owners[id] {
            Owner::Map(m) => &self.maps[*m],
            _ => unreachable!("owner {id} is a map"),
        }
    }

    fn map_mut(&mut self, id: usize) -> &mut MapOwner {
        match &self.owners[id] {
            Owner::Map(m) => &mut self.maps[*m],
            _ => unreachable!("owner {id} is a map"),
        }
    }

    /// The map's type, once its element type is known.
    pub(super) fn map_ty(&self, id: usize) -> Option<Ty> {
        let m = self.map_of(id);
        let key = Box::new(m.key.clone()?);
        Some(if m.set {
            Ty::Map(m.kind, key, None)
        } else {
            Ty::Map(m.kind, key, Some(Box::new(m.val.clone()?)))
        })
    }

    /// A B-tree map's tree, once typed.
    pub(super) fn map_tree(&self, id: usize) -> Option<&Tree> {
        self.map_of(id).tree.as_ref()
    }

    /// Gives map `id` its B-tree.
    pub(super) fn map_mut_tree(&mut self, id: usize, tree: Tree) {
        self.map_mut(id).tree = Some(tree);
    }

    /// A B-tree map's tree, once typed.
    pub(super) fn map_tree_mut(&mut self, id: usize) -> Option<&mut Tree> {
        self.map_mut(id).tree.as_mut()
    }

    /// A hash map or a B-tree.
    pub(super) fn map_kind(&self, id: usize) -> MapKind {
        self.map_of(id).kind
    }

    /// `HashMap`, `BTreeSet`, …
    pub(super) fn map_kind_name(&self, id: usize) -> &'static str {
        self.map_of(id).kind()
    }

    /// Makes the table once the element type is known, allocating what
    /// `with_capacity` asked for.
    pub(super) fn ready_table(&mut self, id: usize, text: &str) -> R<()> {
        let target = self.target;
        let m = self.map_of(id);
        if m.typed() {
            return Ok(());
        }
        let Some(elem) = m.elem_ty() else {
            return Ok(());
        };
        if m.kind == MapKind::BTree {
            let (key, val) = (m.key.clone().unwrap_or_else(Ty::unit), m.val.clone());
            self.map_mut(id).tree = Some(Tree::new(key, val, target));
            return Ok(());
        }
        let layout = elem.resolved().layout(target);
        let (n, kind) = (m.capacity, m.kind());
        if let Ok(Some(block)) = RawTable::new(layout, target).grown_layout(n) {
            let reason = format!("`{text}`: a {kind}'s table with room for {n}");
            self.refuse_larger_than_heap(block, &reason)?;
        }
        let made = RawTable::with_capacity(layout, n, target);
        let Ok((table, call)) = made else {
            return halt(Halt::Abort("capacity overflow".into(), self.here));
        };
        self.map_mut(id).table = Some(table);
        if let Some(StdCall::Alloc(layout)) = call {
            let buckets = self.table(id).buckets();
            let reason = format!(
                "`{text}`: a {kind}'s table of {buckets} buckets, room for {n}: the elements, then a control byte per bucket"
            );
            let p = self.alloc_infallible(layout, false, &reason)?;
            self.map_mut(id).ptr = Some(p);
            self.write_table(id);
        }
        Ok(())
    }

    fn table(&self, id: usize) -> &RawTable {
        self.map_of(id).table.as_ref().expect("a table once typed")
    }

    fn table_mut(&mut self, id: usize) -> &mut RawTable {
        self.map_mut(id).table.as_mut().expect("a table once typed")
    }

    /// Sets the key (and value) type from the first element, as rustc's
    /// inference would.
    pub(super) fn settle_map_types(
        &mut self,
        id: usize,
        key: &Value,
        val: Option<&Value>,
        span: Span,
        text: &str,
    ) -> R<()> {
        let m = self.map_of(id);
        let (want_key, want_val) = (m.key.clone(), m.val.clone());
        let key_ty = match want_key {
            Some(t) => t,
            None => match self.value_ty(key) {
                Some(t) => t,
                None => return unsupported_span(span, "this kind of key in a HashMap or HashSet; use integers, `char`, `bool`, `String`, tuples or structs of them"),
            },
        };
        if !self.value_fits(key, &key_ty) {
            return self.mismatch(span, &key_ty.to_string(), key);
        }
        let val_ty = match (val, want_val) {
            (None, _) => None,
            (Some(v), Some(t)) => {
                // `vec![1, 2]` there is a `Vec<T>` of the map's `T`.
                self.infer_as(v, &t)?;
                if !self.value_fits(v, &t) {
                    return self.mismatch(span, &t.to_string(), v);
                }
                Some(t)
            }
            (Some(v), None) => match self.value_ty(v) {
                Some(t) => Some(t),
                None => return unsupported_span(span, "this kind of value in a HashMap"),
            },
        };
        let m = self.map_mut(id);
        m.key = Some(key_ty);
        m.val = val_ty;
        if m.kind == MapKind::BTree {
            // `K: Ord`: floats are not.
            self.sort_key(key, span)?;
        }
        self.ready_table(id, text)
    }

    /// The hash std computes for `key`: SipHash-1-3 under the map's keys,
    /// over the bytes `Hash` writes.
    fn key_hash(&self, id: usize, key: &Value, span: Span) -> R<u64> {
        if self.map_of(id).kind == MapKind::BTree {
            return Ok(0);
        }
        let mut h = raw_table::key_hasher(self.map_of(id).keys);
        let ty = self.map_of(id).key.clone().unwrap_or_else(Ty::unit);
        self.hash_into(&mut h, key, &ty.resolved(), span)?;
        Ok(h.finish())
    }

    fn hash_into(&self, h: &mut impl Hasher, value: &Value, ty: &Ty, span: Span) -> R<()> {
        match (self.deref(value.clone()), ty) {
            (Value::Int(v, _), Ty::Int(t)) => {
                h.write(&v.to_le_bytes()[..t.size(self.target) as usize]);
            }
            (Value::Bool(b), _) => h.write(&[u8::from(b)]),
            (Value::Char(c), _) => h.write(&u32::from(c).to_le_bytes()),
            // A `String` key, or a `&str` looking one up (`Borrow<str>`):
            // `str`'s `Hash`, its bytes then 0xFF.
            (Value::Owner(o), Ty::String) => {
                let text = self.string_text(o);
                h.write(text.as_bytes());
                h.write(&[0xFF]);
            }
            (Value::Str(text), Ty::String | Ty::Str) => {
                h.write(text.as_bytes());
                h.write(&[0xFF]);
            }
            (Value::Tuple(items), Ty::Tuple(tys)) => {
                for (v, t) in items.iter().zip(tys) {
                    self.hash_into(h, v, &t.resolved(), span)?;
                }
            }
            (Value::Struct(_, items), Ty::Struct(def)) => {
                for (v, (_, t)) in items.iter().zip(&def.fields) {
                    self.hash_into(h, v, &t.resolved(), span)?;
                }
            }
            (Value::Float(..), _) => {
                return err(
                    span,
                    "the trait bound `f64: Hash` is not satisfied (floats are not `Eq` or `Hash`)",
                );
            }
            (_, ty) => {
                return unsupported_span(span, &format!("`{ty}` as a HashMap or HashSet key"));
            }
        }
        Ok(())
    }

    /// The text of a `String` owner.
    pub(super) fn string_text(&self, id: usize) -> String {
        let (ptr, _, len, ..) = self.vec_state(id);
        let bytes = ptr
            .map(|p| self.sim.heap().read(p, len).to_vec())
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The map's items (handle order), lent.
    pub(super) fn map_items_ref(&self, id: usize) -> &[Value] {
        match self.contents.get(&id) {
            Some(Contents::Items(items)) => items,
            _ => &[],
        }
    }

    /// The map's items (handle order).
    pub(super) fn map_items(&self, id: usize) -> Vec<Value> {
        match self.contents.get(&id) {
            Some(Contents::Items(items)) => items.clone(),
            _ => Vec::new(),
        }
    }

    /// The key of item `item`.
    pub(super) fn item_key(&self, id: usize, item: &Value) -> Value {
        match (self.map_of(id).set, item) {
            (false, Value::Tuple(kv)) => kv[0].clone(),
            _ => item.clone(),
        }
    }

    /// The bucket and handle of the element whose key equals `key`.
    fn map_find(&mut self, id: usize, key: &Value, hash: u64) -> Option<(usize, usize)> {
        if self.map_of(id).tree.is_some() {
            // Its key checked `Ord` when the map was typed.
            let rank = self.tree_find(id, key, Span::call_site()).ok()?.ok()?;
            return Some((rank, rank));
        }
        let table = self.map_of(id).table.as_ref()?;
        let items = match self.contents.get(&id) {
            Some(Contents::Items(items)) => items,
            _ => return None,
        };
        let key = self.deref(key.clone());
        // A `&str` looks up a `String` key by its text (`Borrow<str>`).
        let same = |k: &Value| match (k, &key) {
            (Value::Owner(o), Value::Str(s)) => self.string_text(*o) == *s,
            (k, key) => self.equal(k, key),
        };
        let b = table.find(hash, |h| {
            items
                .get(h)
                .is_some_and(|item| same(&self.item_key(id, item)))
        })?;
        Some((b, table.handle(b)?))
    }

    /// A table's block larger than the whole heap is asked for, and
    /// refused, as the allocator would refuse it, before the table is
    /// built: its buckets are never made in the host's memory (two billion
    /// of them would take gigabytes). The allocation fails, so the program
    /// ends as std ends it (`handle_alloc_error`).
    fn refuse_larger_than_heap(&mut self, block: LayoutSpec, reason: &str) -> R<()> {
        if block.size <= self.sim.heap().len() {
            return Ok(());
        }
        self.alloc_infallible(block, false, reason)?;
        // No allocator can give one: its block would not be inside the
        // heap (the simulation refuses the call first).
        err(
            Span::call_site(),
            format!(
                "a table of {} bytes was given on a heap of {} bytes",
                block.size,
                self.sim.heap().len()
            ),
        )
    }

    /// Makes room for `additional` more, with std's calls, and writes the
    /// table again if it moved or was rehashed.
    fn map_reserve(&mut self, id: usize, additional: u64, text: &str) -> R<()> {
        if self.map_of(id).kind == MapKind::BTree {
            return Ok(());
        }
        let before = self.table(id).buckets();
        let (items, cap) = (self.table(id).len(), self.table(id).capacity());
        // The table moves or is rehashed only when the room runs out.
        let moves = additional > cap - items;
        if let Ok(Some(block)) = self.table(id).grown_layout(additional) {
            let kind = self.map_of(id).kind();
            let reason = format!("`{text}`: room for {additional} more in the {kind}'s table");
            self.refuse_larger_than_heap(block, &reason)?;
        }
        let calls = match self.table_mut(id).reserve(additional) {
            Ok(calls) => calls,
            Err(_) => return halt(Halt::Abort("capacity overflow".into(), self.here)),
        };
        let kind = self.map_of(id).kind();
        let buckets = self.table(id).buckets();
        let old = self.map_of(id).ptr;
        for call in calls {
            match call {
                StdCall::Alloc(layout) => {
                    let reason = if before == 0 {
                        format!("`{text}`: the first element makes the {kind}'s table: {buckets} buckets, then a control byte per bucket")
                    } else {
                        format!("`{text}`: the table is full ({items} of {cap}), so a new one of {buckets} buckets; every element is hashed again into it")
                    };
                    let p = self.alloc_infallible(layout, false, &reason)?;
                    self.map_mut(id).ptr = Some(p);
                    self.write_table(id);
                }
                StdCall::Dealloc(layout) => {
                    if let Some(p) = old {
                        let why = format!("`{text}`: the old table of {before} buckets is freed");
                        self.free(p, layout, &why)?;
                    }
                }
                StdCall::Realloc { .. } => {}
            }
        }
        if moves {
            self.write_table(id);
        }
        Ok(())
    }

    /// Writes the whole block: control bytes, and each full bucket's
    /// element.
    fn write_table(&mut self, id: usize) {
        if self.map_of(id).tree.is_some() {
            return self.write_tree(id);
        }
        let Some(p) = self.map_of(id).ptr else { return };
        let table = self.table(id).clone();
        let ctrl_at = p.add(table.ctrl_offset());
        self.sim.heap_mut().write(ctrl_at, table.ctrl());
        for (b, h) in table.iter() {
            self.write_item_at(id, b, h);
        }
        let homes: Vec<(usize, Value)> = self.map_items(id).into_iter().enumerate().collect();
        for (h, item) in homes {
            self.settle(
                Root::Item {
                    owner: id,
                    index: h,
                },
                &item,
            );
        }
    }

    /// Writes the element with handle `handle` into its bucket (a value
    /// changed through a reference).
    pub(super) fn map_write_item(&mut self, id: usize, handle: usize) {
        if self.map_of(id).tree.is_some() {
            return self.tree_write_item(id, handle);
        }
        let bucket = self
            .map_of(id)
            .table
            .as_ref()
            .and_then(|t| t.iter().find(|&(_, h)| h == handle));
        if let Some((b, h)) = bucket {
            self.write_item_at(id, b, h);
        }
    }

    /// Where element `handle` of map `id` sits in the heap, and its type.
    pub(super) fn map_item_at(&self, id: usize, handle: usize) -> Option<(Addr, Ty)> {
        let m = self.map_of(id);
        let (p, table, ty) = (m.ptr?, m.table.as_ref()?, m.elem_ty()?);
        let (bucket, _) = table.iter().find(|&(_, h)| h == handle)?;
        let ty = ty.resolved();
        let size = ty.layout(self.target).size;
        Some((p.add(table.ctrl_offset() - (bucket as u64 + 1) * size), ty))
    }

    /// Writes element `handle`, which sits in `bucket`, into the heap.
    fn write_item_at(&mut self, id: usize, bucket: usize, handle: usize) {
        let m = self.map_of(id);
        let (Some(p), Some(table), Some(ty)) = (m.ptr, m.table.as_ref(), m.elem_ty()) else {
            return;
        };
        let ty = ty.resolved();
        let size = ty.layout(self.target).size;
        let at = p.add(table.ctrl_offset() - (bucket as u64 + 1) * size);
        let bytes = match self.contents.get(&id) {
            Some(Contents::Items(items)) => match items.get(handle) {
                Some(item) => self.encode_value(item, &ty),
                None => return,
            },
            _ => return,
        };
        self.sim.heap_mut().write(at, &bytes);
    }

    /// Writes control byte `bucket` and its mirror into the heap.
    fn write_ctrl_at(&mut self, id: usize, bucket: usize) {
        let m = self.map_of(id);
        let (Some(p), Some(table)) = (m.ptr, m.table.as_ref()) else {
            return;
        };
        let ctrl_at = p.add(table.ctrl_offset());
        let bytes = [bucket, table.mirror(bucket)].map(|i| (i, table.ctrl()[i]));
        for (i, byte) in bytes {
            self.sim.heap_mut().write(ctrl_at.add(i as u64), &[byte]);
        }
    }

    /// Adds a new element (room reserved); returns its handle.
    fn map_add(&mut self, id: usize, item: Value, hash: u64, text: &str) -> R<usize> {
        if self.map_of(id).tree.is_some() {
            let key = self.item_key(id, &item);
            let Ok(Ok(rank) | Err(rank)) = self.tree_find(id, &key, Span::call_site()) else {
                return Ok(0);
            };
            self.tree_add(id, item, rank, text)?;
            return Ok(rank);
        }
        let handle = self.items_mut(id).len();
        self.items_mut(id).push(item.clone());
        let bucket = self.table_mut(id).insert(hash, handle);
        self.settle(
            Root::Item {
                owner: id,
                index: handle,
            },
            &item,
        );
        self.write_ctrl_at(id, bucket);
        self.write_item_at(id, bucket, handle);
        Ok(handle)
    }

    /// Takes the element in `bucket` (a B-tree's: of that rank) out; in a
    /// hash map the last item fills its slot.
    fn map_take(&mut self, id: usize, bucket: usize, text: &str) -> R<Value> {
        if self.map_of(id).tree.is_some() {
            return self.tree_take(id, bucket, text);
        }
        let Some(handle) = self.table_mut(id).erase(bucket) else {
            return Ok(Value::unit());
        };
        let items = self.items_mut(id);
        let last = items.len() - 1;
        let item = items.swap_remove(handle);
        if handle != last {
            let moved = self.map_items_ref(id)[handle].clone();
            let key = self.item_key(id, &moved);
            if let Ok(hash) = self.key_hash(id, &key, Span::call_site()) {
                self.table_mut(id).rename(hash, last, handle);
            }
            self.settle(
                Root::Item {
                    owner: id,
                    index: handle,
                },
                &moved,
            );
        }
        Self::leave_home(&mut self.homes, &item);
        self.write_ctrl_at(id, bucket);
        Ok(item)
    }

    /// A reference to the value of item `handle` (`&mut V`), or to the key
    /// of a set's.
    fn map_value_ref(&self, id: usize, handle: usize) -> Value {
        Value::Ref(Place {
            root: Root::Item {
                owner: id,
                index: handle,
            },
            fields: if self.map_of(id).set {
                Vec::new()
            } else {
                vec![1]
            },
        })
    }

    /// The map a place expression names (`m`, `self.counts`, `*r`), if it
    /// names one.
    pub(super) fn map_at(&mut self, expr: &Expr) -> R<Option<usize>> {
        let Some(place) = self.place_of(expr)? else {
            return Ok(None);
        };
        let place = self.through_refs(place, expr.span())?;
        Ok(match self.at_place(&place) {
            Some(Value::Owner(id)) if matches!(self.owners[*id], Owner::Map(_)) => Some(*id),
            _ => None,
        })
    }

    /// `map[&key]`: the value, where it is; std panics when the key is not
    /// there.
    pub(super) fn map_index(&mut self, id: usize, key: &Expr, span: Span) -> R<Value> {
        let key = self.eval(key, None)?;
        match self.lookup_key(id, &key, span)? {
            Some((_, h)) if !self.map_of(id).set => Ok(self.map_value_ref(id, h)),
            Some(_) => err(
                span,
                format!(
                    "cannot index into a value of type `{}`",
                    self.map_kind_name(id)
                ),
            ),
            None => err(span, "panicked: no entry found for key"),
        }
    }

    /// Gives an untyped map the type `ty` (a `Ty::Map`).
    pub(super) fn map_adopt_type(&mut self, id: usize, ty: &Ty) -> R<()> {
        if let Ty::Map(_, k, v) = ty {
            let m = self.map_mut(id);
            m.key = Some((**k).clone());
            m.val = v.as_deref().cloned();
        }
        self.ready_table(id, "the map's type is known")
    }

    /// Whether the map's element type is known (its table made).
    pub(super) fn map_typed(&self, id: usize) -> bool {
        self.map_of(id).typed()
    }

    /// Gives the map its element type (`(K, V)` for a map).
    pub(super) fn type_map_from(&mut self, id: usize, elem: &Ty, text: &str) -> R<()> {
        let m = self.map_mut(id);
        if m.set {
            m.key = Some(elem.clone());
        } else if let Ty::Tuple(kv) = elem {
            if let [k, v] = kv.as_slice() {
                m.key.get_or_insert_with(|| k.clone());
                m.val.get_or_insert_with(|| v.clone());
            }
        }
        self.ready_table(id, text)
    }

    /// `extend`'s reservation: the iterator's lower bound into an empty
    /// map, half of it (rounded up) into one that holds something.
    pub(super) fn map_extend_reserve(&mut self, id: usize, lower: u64, text: &str) -> R<()> {
        if self.map_of(id).kind == MapKind::BTree {
            return Ok(());
        }
        let n = self.table(id).len();
        let n = if n == 0 { lower } else { lower.div_ceil(2) };
        if n > 0 {
            self.map_reserve(id, n, text)?;
        }
        Ok(())
    }

    /// Inserts an item an iterator gave: a `(key, value)` tuple for a map;
    /// a value replaced is dropped at once.
    pub(super) fn map_insert_item(
        &mut self,
        id: usize,
        item: Value,
        span: Span,
        text: &str,
    ) -> R<()> {
        let out = if self.map_of(id).set {
            self.map_insert(id, item, None, span, text)?
        } else {
            let Value::Tuple(mut kv) = item else {
                return self.mismatch(span, "(K, V)", &item);
            };
            if kv.len() != 2 {
                return self.mismatch(span, "(K, V)", &Value::Tuple(kv));
            }
            let v = kv.pop();
            let k = kv.pop().unwrap_or_else(Value::unit);
            self.map_insert(id, k, v, span, text)?
        };
        self.drop_value(
            &out,
            &format!("`{text}`: the value the new one replaced is dropped"),
        )
    }

    /// The elements in bucket order.
    pub(super) fn map_items_in_order(&self, id: usize) -> Vec<Value> {
        let items = self.map_items(id);
        self.map_order(id)
            .into_iter()
            .filter_map(|h| items.get(h).cloned())
            .collect()
    }

    /// Whether owner `id` is a `HashSet`.
    pub(super) fn map_is_set(&self, id: usize) -> bool {
        self.map_of(id).set
    }

    /// The handles in bucket order (a B-tree's in key order).
    pub(super) fn map_order(&self, id: usize) -> Vec<usize> {
        if self.map_of(id).kind == MapKind::BTree {
            return (0..self.map_items_ref(id).len()).collect();
        }
        match &self.map_of(id).table {
            Some(t) => t.iter().map(|(_, h)| h).collect(),
            None => Vec::new(),
        }
    }

    /// What `for` walks: `(&K, &V)` pairs (or `&K` of a set, `&K` for
    /// `keys()`, `&V` for `values()`), or the elements themselves when the
    /// loop takes the map.
    pub(super) fn map_walk(&mut self, id: usize, how: &str, consumes: bool) -> Vec<Value> {
        let set = self.map_of(id).set;
        let order = self.map_order(id);
        if consumes {
            let items = self.map_items(id);
            // The elements move out; the block stays until the iterator
            // is dropped.
            let out: Vec<Value> = order.iter().map(|&h| items[h].clone()).collect();
            for item in &out {
                Self::leave_home(&mut self.homes, item);
            }
            self.contents.remove(&id);
            return out;
        }
        order
            .into_iter()
            .map(|h| {
                let at = |fields: Vec<usize>| {
                    Value::Ref(Place {
                        root: Root::Item {
                            owner: id,
                            index: h,
                        },
                        fields,
                    })
                };
                match (set, how) {
                    (true, _) => at(Vec::new()),
                    (false, "keys") => at(vec![0]),
                    (false, "values" | "values_mut") => at(vec![1]),
                    (false, _) => Value::Tuple(vec![at(vec![0]), at(vec![1])]),
                }
            })
            .collect()
    }

    /// Dropping a map: its elements in bucket order, then its block.
    pub(super) fn drop_map(&mut self, id: usize, reason: &str) -> R<()> {
        if self.map_of(id).kind == MapKind::BTree {
            return self.drop_tree(id, reason);
        }
        let order = self.map_order(id);
        let items = match self.contents.remove(&id) {
            Some(Contents::Items(items)) => items,
            _ => Vec::new(),
        };
        for h in order {
            if let Some(item) = items.get(h) {
                self.drop_value(item, reason)?;
            }
        }
        let kind = self.map_of(id).kind();
        let ptr = self.map_of(id).ptr;
        let call = self.map_mut(id).table.as_mut().and_then(RawTable::free);
        if let (Some(p), Some(StdCall::Dealloc(layout))) = (ptr, call) {
            self.free(p, layout, &format!("{reason}: the {kind} frees its table"))?;
        }
        self.map_mut(id).ptr = None;
        Ok(())
    }

    /// `clone()`: a block of the same layout, each element cloned into the
    /// same bucket, in bucket order.
    fn map_clone(&mut self, id: usize, text: &str) -> R<Value> {
        let m = self.map_of(id);
        let copy = MapOwner {
            kind: m.kind,
            table: m.table.clone(),
            // A B-tree's copy is built node by node below.
            tree: None,
            ptr: None,
            key: m.key.clone(),
            val: m.val.clone(),
            set: m.set,
            keys: m.keys,
            capacity: m.capacity,
        };
        let (btree, table, had_block) = (m.tree.is_some(), m.table.clone(), m.ptr.is_some());
        self.maps.push(copy);
        let new = self.new_owner(Owner::Map(self.maps.len() - 1));
        if btree {
            self.clone_tree(id, new, text)?;
            return Ok(Value::Owner(new));
        }
        if let (Some(table), true) = (&table, had_block) {
            if let Some(StdCall::Alloc(layout)) = table.clone_call() {
                let reason = format!("`{text}`: a table of the same {} buckets", table.buckets());
                let p = self.alloc_infallible(layout, false, &reason)?;
                self.map_mut(new).ptr = Some(p);
            }
        }
        let items = self.map_items(id);
        let mut copies: Vec<Option<Value>> = vec![None; items.len()];
        for h in self.map_order(id) {
            copies[h] = Some(self.clone_value(&items[h], text)?);
        }
        let copies: Vec<Value> = copies
            .into_iter()
            .map(|c| c.unwrap_or_else(Value::unit))
            .collect();
        *self.items_mut(new) = copies;
        self.write_table(new);
        Ok(Value::Owner(new))
    }

    pub(super) fn map_method(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Value> {
        let span = self.sp(m);
        let set = self.map_of(id).set;
        let btree = self.map_of(id).kind == MapKind::BTree;
        if btree {
            if let Some(value) = self.tree_method(id, name, m, text)? {
                return Ok(value);
            }
            if matches!(
                name,
                "capacity" | "reserve" | "shrink_to_fit" | "with_capacity"
            ) {
                return err(
                    m.method.span(),
                    format!(
                        "no method named `{name}` found for struct `{}` (a B-tree allocates node by node: it has no capacity)",
                        self.map_kind_name(id)
                    ),
                );
            }
        }
        let len = |me: &Self| {
            let m = me.map_of(id);
            match (&m.table, &m.tree) {
                (Some(t), _) => t.len(),
                (_, Some(t)) => t.len(),
                _ => 0,
            }
        };
        match name {
            "len" => {
                self.prim_args(m, 0)?;
                Ok(Value::Int(i128::from(len(self)), Some(IntTy::Word(false))))
            }
            "is_empty" => {
                self.prim_args(m, 0)?;
                Ok(Value::Bool(len(self) == 0))
            }
            "capacity" => {
                self.prim_args(m, 0)?;
                let cap = self.map_of(id).table.as_ref().map_or(0, RawTable::capacity);
                Ok(Value::Int(i128::from(cap), Some(IntTy::Word(false))))
            }
            "insert" => {
                let map = self.map_of(id);
                let types = [map.key.clone(), map.val.clone()];
                let mut args = self.typed_args(m, &types[..if set { 1 } else { 2 }])?;
                let val = (!set).then(|| args.pop()).flatten();
                let key = args.pop().unwrap_or_else(Value::unit);
                self.map_insert(id, key, val, span, text)
            }
            "get" | "get_mut" | "contains_key" | "contains" => {
                let key = self.method_args(m, 1)?.remove(0);
                let found = self.lookup_key(id, &key, span)?;
                if name.starts_with("contains") {
                    return Ok(Value::Bool(found.is_some()));
                }
                Ok(Value::Opt(
                    found.map(|(_, h)| Box::new(self.map_value_ref(id, h))),
                ))
            }
            "remove" => {
                let key = self.method_args(m, 1)?.remove(0);
                let Some((b, _)) = self.lookup_key(id, &key, span)? else {
                    return Ok(if set {
                        Value::Bool(false)
                    } else {
                        Value::Opt(None)
                    });
                };
                let item = self.map_take(id, b, text)?;
                if set {
                    self.drop_value(&item, &format!("`{text}`: the removed element is dropped"))?;
                    return Ok(Value::Bool(true));
                }
                let Value::Tuple(mut kv) = item else {
                    return Ok(Value::Opt(None));
                };
                let v = kv.pop().unwrap_or_else(Value::unit);
                let k = kv.pop().unwrap_or_else(Value::unit);
                self.drop_value(&k, &format!("`{text}`: the removed key is dropped"))?;
                Ok(Value::Opt(Some(Box::new(v))))
            }
            "clear" if btree => {
                self.prim_args(m, 0)?;
                self.clear_tree(id, text)?;
                Ok(Value::unit())
            }
            "clear" => {
                self.prim_args(m, 0)?;
                let items = self.map_items(id);
                for h in self.map_order(id) {
                    self.drop_value(&items[h], &format!("`{text}` drops every element"))?;
                }
                self.contents.remove(&id);
                if self.map_of(id).table.is_some() {
                    self.table_mut(id).clear();
                    self.write_table(id);
                }
                Ok(Value::unit())
            }
            "reserve" => {
                let n = self.arg_u64(m, 0)?;
                if self.map_of(id).table.is_none() {
                    return unsupported_span(
                        span,
                        "`reserve` before the map's element type is known",
                    );
                }
                self.map_reserve(id, n, text)?;
                Ok(Value::unit())
            }
            "clone" => {
                self.prim_args(m, 0)?;
                self.map_clone(id, text)
            }
            "extend" => {
                let arg = self.args_exprs(m, 1, name)?;
                let Some(it) = self.iterator_of_any(arg)? else {
                    return unsupported(arg, "extending a map from this");
                };
                self.extend_map(id, it, text, span)?;
                self.drop_owner(it, "the iterator `extend` took is dropped once spent")?;
                Ok(Value::unit())
            }
            _ => unsupported(
                &m.method,
                &format!("the method `{name}` of a {}", self.map_of(id).kind()),
            ),
        }
    }

    /// The one argument expression of a method.
    fn args_exprs<'e>(&self, m: &'e syn::ExprMethodCall, n: usize, name: &str) -> R<&'e Expr> {
        match m.args.first() {
            Some(a) if m.args.len() == n => Ok(a),
            _ => err(self.sp(m), format!("`{name}` takes {n} argument")),
        }
    }

    /// The bucket and handle of `key`, if the map holds it.
    fn lookup_key(&mut self, id: usize, key: &Value, span: Span) -> R<Option<(usize, usize)>> {
        if self.map_of(id).tree.is_some() {
            return Ok(self.tree_find(id, key, span)?.ok().map(|r| (r, r)));
        }
        if self.map_of(id).table.is_none() {
            return Ok(None);
        }
        let hash = self.key_hash(id, key, span)?;
        Ok(self.map_find(id, key, hash))
    }

    /// `insert(k, v)`: room for one more first (std reserves even when the
    /// key is there), then the value replaced (the new key dropped) or the
    /// element added.
    fn map_insert(
        &mut self,
        id: usize,
        key: Value,
        val: Option<Value>,
        span: Span,
        text: &str,
    ) -> R<Value> {
        self.settle_map_types(id, &key, val.as_ref(), span, text)?;
        let key_ty = self.map_of(id).key.clone().unwrap_or_else(Ty::unit);
        let key = key.typed(&key_ty);
        let hash = self.key_hash(id, &key, span)?;
        self.map_reserve(id, 1, text)?;
        let set = self.map_of(id).set;
        match self.map_find(id, &key, hash) {
            Some((_, h)) => {
                let why = format!("`{text}`: the key is already there, so the new one is dropped");
                self.drop_value(&key, &why)?;
                if set {
                    return Ok(Value::Bool(false));
                }
                let val_ty = self.map_of(id).val.clone().unwrap_or_else(Ty::unit);
                let new = val.unwrap_or_else(Value::unit).typed(&val_ty);
                let place = Place {
                    root: Root::Item {
                        owner: id,
                        index: h,
                    },
                    fields: vec![1],
                };
                let old = self.value_at(&place).unwrap_or_else(Value::unit);
                if let Some(Contents::Items(items)) = self.contents.get_mut(&id) {
                    if let Value::Tuple(kv) = &mut items[h] {
                        kv[1] = new.clone();
                    }
                }
                Self::leave_home(&mut self.homes, &old);
                let item = self.map_items(id)[h].clone();
                self.settle(
                    Root::Item {
                        owner: id,
                        index: h,
                    },
                    &item,
                );
                self.map_write_item(id, h);
                Ok(Value::Opt(Some(Box::new(old))))
            }
            None => {
                let item = match val {
                    None => key,
                    Some(v) => {
                        let val_ty = self.map_of(id).val.clone().unwrap_or_else(Ty::unit);
                        Value::Tuple(vec![key, v.typed(&val_ty)])
                    }
                };
                self.map_add(id, item, hash, text)?;
                Ok(if set {
                    Value::Bool(true)
                } else {
                    Value::Opt(None)
                })
            }
        }
    }

    /// `map.entry(k).or_insert(v)` and its kin, read as one chain:
    /// `entry` reserves room when the key is absent; `and_modify(f)` runs
    /// `f` on a present value; `or_insert(v)`, `or_insert_with(f)` and
    /// `or_default()` fill an absent one. Gives `&mut V`.
    pub(super) fn entry_chain(&mut self, m: &syn::ExprMethodCall) -> R<Option<Value>> {
        let name = m.method.to_string();
        if !matches!(name.as_str(), "or_insert" | "or_insert_with" | "or_default") {
            return Ok(None);
        }
        // Down the chain to `entry(k)`, through any `and_modify`s.
        let mut modifies = Vec::new();
        let mut at = &*m.receiver;
        let entry = loop {
            match at {
                Expr::MethodCall(c) if c.method == "and_modify" => {
                    modifies.push(c);
                    at = &c.receiver;
                }
                Expr::MethodCall(c) if c.method == "entry" => break c,
                _ => return Ok(None),
            }
        };
        let span = self.sp(m);
        let Some(place) = self.place_of(&entry.receiver)? else {
            return Ok(None);
        };
        let place = self.through_refs(place, span)?;
        let Some(Value::Owner(id)) = self.at_place(&place).cloned() else {
            return Ok(None);
        };
        if !matches!(self.owners[id], Owner::Map(_)) || self.map_of(id).set {
            return Ok(None);
        }
        let text = self.src(m);
        let key = self.args(&entry.args, 1, span)?.remove(0);
        let hint = self.map_of(id).key.clone();
        if hint.is_none() {
            self.map_mut(id).key = self.value_ty(&key);
        }
        let key_ty = self.map_of(id).key.clone().unwrap_or_else(Ty::unit);
        let key = key.typed(&key_ty);
        let table_ready = self.map_of(id).val.is_some();
        let found = if table_ready {
            self.ready_table(id, &text)?;
            self.lookup_key(id, &key, span)?
        } else {
            None
        };
        if let Some((_, h)) = found {
            // std's `entry` drops the key it was given at once when the key
            // is there (the occupied entry does not keep it); `and_modify`
            // runs after, then `or_insert`'s value is built and dropped.
            self.drop_value(
                &key,
                &format!("`{text}`: the key is already there, so the entry's key is dropped"),
            )?;
            let value = self.map_value_ref(id, h);
            for c in modifies.iter().rev() {
                let f = self.args(&c.args, 1, span)?.remove(0);
                let Some(f) = self.closure_in(&f) else {
                    return unsupported(&c.args, "`and_modify` with anything but a closure");
                };
                self.call_closure(f, vec![value.clone()], span)?;
                self.drop_owner(f, "the closure is dropped after `and_modify` calls it")?;
            }
            if name == "or_insert" {
                let val = self.map_of(id).val.clone();
                let unused = self.typed_args(m, &[val])?.remove(0);
                self.drop_value(
                    &unused,
                    "`or_insert`'s value is dropped: the key is already there",
                )?;
            }
            return Ok(Some(value));
        }
        // Absent: room is made before the value is built.
        if table_ready {
            self.map_reserve(id, 1, &text)?;
        }
        let value = match name.as_str() {
            "or_insert" => {
                let val = self.map_of(id).val.clone();
                self.typed_args(m, &[val])?.remove(0)
            }
            "or_insert_with" => {
                let f = self.method_args(m, 1)?.remove(0);
                match self.closure_in(&f) {
                    Some(f) => {
                        let v = self.call_closure(f, Vec::new(), span)?;
                        self.drop_owner(
                            f,
                            "the closure is dropped after `or_insert_with` calls it",
                        )?;
                        v
                    }
                    None => {
                        return unsupported(&m.args, "`or_insert_with` with anything but a closure")
                    }
                }
            }
            _ => match self.map_of(id).val.clone() {
                Some(t) => match self.default_of(&t, span)? {
                    Some(v) => v,
                    None => return unsupported(m, &format!("`or_default` of a `{t}`")),
                },
                None => return unsupported(m, "`or_default` before the map's value type is known"),
            },
        };
        if !table_ready {
            self.settle_map_types(id, &key, Some(&value), span, &text)?;
            self.map_reserve(id, 1, &text)?;
        }
        let val_ty = self.map_of(id).val.clone().unwrap_or_else(Ty::unit);
        let hash = self.key_hash(id, &key, span)?;
        let h = self.map_add(
            id,
            Value::Tuple(vec![key, value.typed(&val_ty)]),
            hash,
            &text,
        )?;
        Ok(Some(self.map_value_ref(id, h)))
    }

    /// `Default::default()` of `ty` (for `or_default`, `T::default()` and
    /// `..Default::default()`): zero, `false`, `None`, an empty `String`,
    /// `Vec` or map (none of which allocates), a struct's own `default`
    /// if the program wrote one, else its fields' defaults in the order
    /// they are declared (what `#[derive(Default)]` makes).
    pub(super) fn default_of(&mut self, ty: &Ty, span: Span) -> R<Option<Value>> {
        Ok(Some(match ty.resolved() {
            t @ (Ty::String | Ty::Vec(_)) => {
                let string = t == Ty::String;
                let elem = match t {
                    Ty::Vec(e) => *e,
                    _ => u8_ty(),
                };
                Value::Owner(self.new_vec(Some(elem), string))
            }
            Ty::Deque(elem) => {
                return self
                    .new_deque(Some(*elem), 0, "Default::default()", span)
                    .map(Some)
            }
            ref t @ Ty::Map(kind, _, ref v) => {
                return self
                    .new_map(kind, v.is_none(), Some(t), 0, "Default::default()")
                    .map(Some)
            }
            Ty::Int(t) => Value::Int(0, Some(t)),
            Ty::Float(d) => Value::Float(0.0, Some(d)),
            Ty::Bool => Value::Bool(false),
            Ty::Char => Value::Char('\0'),
            Ty::Option(_) => Value::Opt(None),
            Ty::Tuple(items) => {
                let mut values = Vec::new();
                for t in &items {
                    match self.default_of(t, span)? {
                        Some(v) => values.push(v),
                        None => return Ok(None),
                    }
                }
                Value::Tuple(values)
            }
            Ty::Struct(def) if def.variant.is_none() => {
                if let Some(f) = self.method_of(&def.name, "default") {
                    return self
                        .call_fn(f, None, &syn::punctuated::Punctuated::new(), span)
                        .map(Some);
                }
                let mut values = Vec::new();
                for (_, t) in &def.fields {
                    match self.default_of(t, span)? {
                        Some(v) => values.push(v.typed(t)),
                        None => return Ok(None),
                    }
                }
                Value::Struct(def, values)
            }
            _ => return Ok(None),
        }))
    }
}

impl Interp<'_> {
    /// The words of a map's handle, in [`raw_table::hash_map_fields`]'s
    /// order.
    pub(super) fn map_words(&self, id: usize) -> Vec<u64> {
        let m = self.map_of(id);
        if m.kind == MapKind::BTree {
            return self.tree_words(id);
        }
        let (buckets, growth, items, ctrl) = match (&m.table, m.ptr) {
            (Some(t), Some(p)) => (
                t.buckets(),
                t.capacity() - t.len(),
                t.len(),
                p.0 + t.ctrl_offset(),
            ),
            _ => (1, 0, 0, statics::Statics::empty_group(self.target)),
        };
        vec![m.keys.0, m.keys.1, buckets - 1, ctrl, growth, items]
    }
}
