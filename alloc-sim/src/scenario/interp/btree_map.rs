//! `BTreeMap` and `BTreeSet`: std's B-tree, node by node.
//!
//! A B-tree map is a [`MapOwner`](super::map) like a hash map, with a
//! [`Tree`] in place of the table: the shape std's rules give
//! ([`BTreeShape`]: how many keys each node holds, which node is whose
//! child) and the block each node lives in. The elements are kept beside
//! the bytes in key order ([`Contents::Items`]): item `r` is the key of
//! rank `r`, so a lookup is a binary search, and the shape names a key by
//! its rank.
//!
//! Every node is written into its block as rustc lays `LeafNode` and
//! `InternalNode` out: the parent link, `parent_idx`, `len`, the keys and
//! values in their two arrays, and an internal node's child pointers. A
//! node is written again only when what it holds changed (each element
//! has a serial number, so a key that merely changed rank is not
//! rewritten).

use std::cmp::Ordering;

use super::iter::{Count, Iter};
use super::vec_ops::stable_order_by;
use super::*;
use crate::scenario::std_rules::btree::{
    edges_offset, leaf_fields, BTreeShape, Cause, LeafFields, NodeCall, NodeId, Step,
};
use crate::scenario::std_rules::StdCall;
use crate::scenario::value::Root;

/// A B-tree's consuming walk (`into_iter()`): its elements by rank, the
/// walk still to go from the front and from the back (last step first:
/// elements, and the nodes it frees between them), the nodes either end
/// freed, and how many elements are left.
#[derive(Debug, Clone)]
pub(super) struct Dying {
    pub(super) map: usize,
    items: Vec<Value>,
    front: Vec<Step>,
    back: Vec<Step>,
    /// Every node, with its depth: the walk's end frees those left.
    nodes: Vec<(NodeCall, u64)>,
    freed: Vec<NodeId>,
    pub(super) left: u64,
}

/// What a node held when it was last written: its parent link, its
/// elements (by serial) and its children.
type Written = (Option<(NodeId, usize)>, Vec<u64>, Vec<NodeId>);

/// A `BTreeMap`'s tree: its shape and where each node is.
#[derive(Debug)]
pub(super) struct Tree {
    pub(super) shape: BTreeShape,
    /// Each live node's block.
    pub(super) blocks: Vec<(NodeId, Addr)>,
    /// What each node held when last written.
    written: Vec<(NodeId, Written)>,
    /// Each element's serial, in key order.
    pub(super) serials: Vec<u64>,
    next_serial: u64,
    fields: LeafFields,
    edges: u64,
    key: Ty,
    val: Option<Ty>,
}

impl Tree {
    /// An empty tree for keys (and values) of these types: no root yet.
    pub(super) fn new(key: Ty, val: Option<Ty>, target: Target) -> Tree {
        let k = key.layout(target);
        let v = val
            .as_ref()
            .map_or(LayoutSpec { size: 0, align: 1 }, |v| v.layout(target));
        Tree {
            shape: BTreeShape::new(k, v, target),
            blocks: Vec::new(),
            written: Vec::new(),
            serials: Vec::new(),
            next_serial: 0,
            fields: leaf_fields(k, v, target),
            edges: edges_offset(k, v, target),
            key,
            val,
        }
    }

    pub(super) fn len(&self) -> u64 {
        self.shape.len()
    }

    fn block(&self, node: NodeId) -> Option<Addr> {
        self.blocks
            .iter()
            .find(|(n, _)| *n == node)
            .map(|&(_, a)| a)
    }

    fn forget(&mut self, node: NodeId) {
        self.blocks.retain(|(n, _)| *n != node);
        self.written.retain(|(n, _)| *n != node);
    }

    pub(super) fn serial(&mut self) -> u64 {
        self.next_serial += 1;
        self.next_serial
    }
}

/// "a leaf node" or "an internal node".
fn node_kind(call: &NodeCall) -> &'static str {
    if call.internal {
        "an internal node"
    } else {
        "a leaf node"
    }
}

impl Interp<'_> {
    fn tree(&self, id: usize) -> &Tree {
        self.map_tree(id).expect("a tree once typed")
    }

    pub(super) fn tree_mut(&mut self, id: usize) -> &mut Tree {
        self.map_tree_mut(id).expect("a tree once typed")
    }

    /// Where `key` is among the map's keys: `Ok(rank)` if it is there,
    /// else `Err(rank)` it would take. A `&str` finds a `String` key by
    /// its text (`Borrow<str>`).
    pub(super) fn tree_find(
        &mut self,
        id: usize,
        key: &Value,
        span: Span,
    ) -> R<Result<usize, usize>> {
        let set = self.map_is_set(id);
        let len = match self.contents.get(&id) {
            Some(Contents::Items(items)) => items.len(),
            _ => 0,
        };
        let key = self.deref(key.clone());
        let (mut lo, mut hi) = (0, len);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            // A key of the program's type may run its own `cmp`.
            let k = match self.contents.get(&id) {
                Some(Contents::Items(items)) => match (set, &items[mid]) {
                    (false, Value::Tuple(kv)) => kv[0].clone(),
                    (_, item) => item.clone(),
                },
                _ => break,
            };
            match self.compare(&k, &key, span)? {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Ok(Ok(mid)),
            }
        }
        Ok(Err(lo))
    }

    /// Adds `item` at `rank` (not there yet): the nodes a split needs, then
    /// every node that changed written again.
    pub(super) fn tree_add(&mut self, id: usize, item: Value, rank: usize, text: &str) -> R<()> {
        self.items_mut(id).insert(rank, item);
        let serial = self.tree_mut(id).serial();
        self.tree_mut(id).serials.insert(rank, serial);
        let calls = self.tree_mut(id).shape.insert_at(rank as u64);
        let kind = self.map_kind_name(id);
        for call in calls {
            let StdCall::Alloc(layout) = call.call else {
                continue;
            };
            let what = node_kind(&call);
            let reason = match call.cause {
                Cause::FirstLeaf => format!(
                    "`{text}`: the first key makes the {kind}'s root, {what} with room for 11 keys and values"
                ),
                Cause::NewRoot => format!(
                    "`{text}`: the root split, so a new internal root holds its middle key above the two halves: the tree grows a level"
                ),
                _ => format!(
                    "`{text}`: a full node (11 keys) splits around its middle key, which moves up to the parent; the keys right of it move into {what}"
                ),
            };
            let p = self.alloc_infallible(layout, false, &reason)?;
            self.tree_mut(id).blocks.push((call.node, p));
        }
        self.tree_settle_from(id, rank);
        self.write_tree(id);
        Ok(())
    }

    /// Takes the element of `rank` out: the nodes merges free, then the
    /// nodes that changed written again.
    pub(super) fn tree_take(&mut self, id: usize, rank: usize, text: &str) -> R<Value> {
        let item = self.items_mut(id).remove(rank);
        self.tree_mut(id).serials.remove(rank);
        Self::leave_home(&mut self.homes, &item);
        let calls = self.tree_mut(id).shape.remove_at(rank as u64);
        for call in calls {
            let StdCall::Dealloc(layout) = call.call else {
                continue;
            };
            let what = node_kind(&call);
            let reason = match call.cause {
                Cause::RootEmptied => format!(
                    "`{text}`: a merge took the root's last key, so the root ({what}) is freed and its one child is the root now"
                ),
                _ => format!(
                    "`{text}`: a node fell below 5 keys and its sibling had none to spare, so the two merge (with their parent's key between them) and the right one, {what}, is freed"
                ),
            };
            if let Some(p) = self.tree(id).block(call.node) {
                self.tree_mut(id).forget(call.node);
                self.free(p, layout, &reason)?;
            }
        }
        self.tree_settle_from(id, rank);
        self.write_tree(id);
        Ok(item)
    }

    /// The elements from `rank` on moved: their heap values live at their
    /// new indices.
    fn tree_settle_from(&mut self, id: usize, rank: usize) {
        let items = self.map_items(id);
        for (index, item) in items.iter().enumerate().skip(rank) {
            self.settle(Root::Item { owner: id, index }, item);
        }
    }

    /// Writes every node whose parent link, elements or children changed
    /// since it was last written.
    pub(super) fn write_tree(&mut self, id: usize) {
        let Some(tree) = self.map_tree(id) else {
            return;
        };
        let views = tree.shape.views();
        let mut dirty = Vec::new();
        for view in views {
            let serials: Vec<u64> = view
                .keys
                .iter()
                .map(|&r| tree.serials[r as usize])
                .collect();
            let now: Written = (view.parent, serials, view.edges.clone());
            let same = tree
                .written
                .iter()
                .any(|(n, was)| *n == view.id && *was == now);
            if !same {
                dirty.push((view, now));
            }
        }
        for (view, now) in dirty {
            self.write_node(id, &view.keys, view.id, &now);
            let written = &mut self.tree_mut(id).written;
            written.retain(|(n, _)| *n != view.id);
            written.push((view.id, now));
        }
    }

    /// Writes one node: parent link, `parent_idx`, `len`, keys, values and
    /// child pointers.
    fn write_node(&mut self, id: usize, ranks: &[u64], node: NodeId, held: &Written) {
        let tree = self.tree(id);
        let Some(at) = tree.block(node) else { return };
        let f = tree.fields;
        let word = self.target.word_size() as usize;
        let parent = held.0.and_then(|(p, _)| tree.block(p)).map_or(0, |a| a.0);
        let idx = held.0.map_or(0, |(_, i)| i as u16);
        let edges: Vec<u64> = held
            .2
            .iter()
            .map(|&e| tree.block(e).map_or(0, |a| a.0))
            .collect();
        let (key, val) = (tree.key.resolved(), tree.val.as_ref().map(Ty::resolved));
        let (ks, vs) = (
            key.layout(self.target).size,
            val.as_ref().map_or(0, |v| v.layout(self.target).size),
        );
        let edges_at = tree.edges;
        let items = self.map_items_ref(id);
        let mut writes: Vec<(u64, Vec<u8>)> = vec![
            (f.parent, parent.to_le_bytes()[..word].to_vec()),
            (f.parent_idx, idx.to_le_bytes().to_vec()),
            (f.len, (ranks.len() as u16).to_le_bytes().to_vec()),
        ];
        for (slot, &rank) in ranks.iter().enumerate() {
            let Some(item) = items.get(rank as usize) else {
                continue;
            };
            let slot = slot as u64;
            match (&val, item) {
                (Some(v), Value::Tuple(kv)) if kv.len() == 2 => {
                    writes.push((f.keys + slot * ks, self.encode_value(&kv[0], &key)));
                    writes.push((f.vals + slot * vs, self.encode_value(&kv[1], v)));
                }
                (_, item) => writes.push((f.keys + slot * ks, self.encode_value(item, &key))),
            }
        }
        for (i, e) in edges.iter().enumerate() {
            writes.push((
                edges_at + (i * word) as u64,
                e.to_le_bytes()[..word].to_vec(),
            ));
        }
        for (offset, bytes) in writes {
            self.sim.heap_mut().write(at.add(offset), &bytes);
        }
    }

    /// Writes element `rank` (a value changed through a reference).
    pub(super) fn tree_write_item(&mut self, id: usize, rank: usize) {
        let Some(tree) = self.map_tree(id) else {
            return;
        };
        let Some((node, _)) = tree.shape.locate(rank as u64) else {
            return;
        };
        let Some(view) = tree.shape.views().into_iter().find(|v| v.id == node) else {
            return;
        };
        let serials: Vec<u64> = view
            .keys
            .iter()
            .map(|&r| tree.serials[r as usize])
            .collect();
        let held: Written = (view.parent, serials, view.edges);
        self.write_node(id, &view.keys, node, &held);
    }

    /// Where field path `fields` of element `rank` is in the heap: a key
    /// and its value sit in two arrays of the node.
    pub(super) fn tree_place_addr(&self, id: usize, rank: usize, fields: &[usize]) -> Option<u64> {
        let tree = self.map_tree(id)?;
        let (node, slot) = tree.shape.locate(rank as u64)?;
        let at = tree.block(node)?;
        let slot = slot as u64;
        let key = tree.key.resolved();
        let (base, ty, rest) = match (&tree.val, fields.split_first()) {
            (None, _) => (
                tree.fields.keys + slot * key.layout(self.target).size,
                key,
                fields,
            ),
            (Some(_), Some((0, rest))) => (
                tree.fields.keys + slot * key.layout(self.target).size,
                key,
                rest,
            ),
            (Some(v), Some((1, rest))) => {
                let v = v.resolved();
                (
                    tree.fields.vals + slot * v.layout(self.target).size,
                    v,
                    rest,
                )
            }
            _ => return None,
        };
        self.field_path_addr(at.add(base), &ty, rest)
    }

    /// Takes the map's elements out for a consuming walk (`for (k, v) in
    /// map`, `map.into_iter()`, `.rev()` of it, and the map's own drop):
    /// std's dying iterator, which leaves the map's shape empty and frees
    /// each node as the walk leaves it, from either end.
    pub(super) fn tree_into_iter(&mut self, id: usize) -> Iter {
        let items = match self.contents.remove(&id) {
            Some(Contents::Items(items)) => items,
            _ => Vec::new(),
        };
        for item in &items {
            Self::leave_home(&mut self.homes, item);
        }
        let (front, back, nodes) = match self.map_tree_mut(id) {
            Some(tree) => {
                tree.serials.clear();
                let nodes = tree.shape.dying_nodes();
                // Reversed: the next step is popped from the end.
                let mut back = tree.shape.drop_walk_back();
                back.reverse();
                let mut front = tree.shape.drop_walk();
                front.reverse();
                (front, back, nodes)
            }
            None => (Vec::new(), Vec::new(), Vec::new()),
        };
        Iter::Dying(Box::new(Dying {
            map: id,
            left: items.len() as u64,
            items,
            front,
            back,
            nodes,
            freed: Vec::new(),
        }))
    }

    /// The dying walk's next element from the front (`from_back`: from
    /// the back), the nodes it leaves on the way freed first (std's
    /// `deallocating_next`, `deallocating_next_back`); `None` once no
    /// element is left, after freeing the nodes still there, from the
    /// deepest up (`deallocating_end`).
    pub(super) fn tree_next(
        &mut self,
        walk: &mut Dying,
        from_back: bool,
        reason: &str,
    ) -> R<Option<Value>> {
        let map = walk.map;
        loop {
            let step = if walk.left == 0 {
                None
            } else if from_back {
                walk.back.pop()
            } else {
                walk.front.pop()
            };
            match step {
                Some(Step::Key(rank)) => {
                    walk.left -= 1;
                    let item = walk
                        .items
                        .get_mut(rank as usize)
                        .map(|v| std::mem::replace(v, Value::unit()));
                    return Ok(item);
                }
                Some(Step::Node(call)) => {
                    if !walk.freed.contains(&call.node) {
                        walk.freed.push(call.node);
                        self.free_tree_node(map, &call, reason)?;
                    }
                }
                None => {
                    // The walk's end: what is left, the deepest first.
                    let mut left: Vec<(NodeCall, u64)> = walk
                        .nodes
                        .iter()
                        .filter(|(c, _)| !walk.freed.contains(&c.node))
                        .cloned()
                        .collect();
                    crate::stable_sort::sort_by_key(&mut left, |(_, depth)| {
                        std::cmp::Reverse(*depth)
                    });
                    for (call, _) in left {
                        walk.freed.push(call.node);
                        self.free_tree_node(map, &call, reason)?;
                    }
                    return Ok(None);
                }
            }
        }
    }

    /// Frees the block of the node `call` names.
    fn free_tree_node(&mut self, map: usize, call: &NodeCall, reason: &str) -> R<()> {
        let (StdCall::Dealloc(layout), Some(p)) = (call.call, self.tree(map).block(call.node))
        else {
            return Ok(());
        };
        self.tree_mut(map).forget(call.node);
        let kind = self.map_kind_name(map);
        let what = node_kind(call);
        let why = format!("{reason}: the {kind} frees {what} once past its last key");
        self.free(p, layout, &why)
    }

    /// `collect()` into a `BTreeMap` or `BTreeSet` (`vec` holds what was
    /// collected, as std first collects into a `Vec`): the `Vec` sorted
    /// stably by key (its scratch as `sort` asks for it), then the tree
    /// built from it left to right (`bulk_build_from_sorted_iter`), an
    /// element whose key equals the next one's dropped as the build
    /// reaches it (the last of equal keys stays); the `Vec`'s buffer is
    /// freed once the build has taken its last element.
    pub(super) fn collect_tree(&mut self, vec: usize, map: usize, span: Span, text: &str) -> R<()> {
        let (_, cap, len, elem, _) = self.vec_state(vec);
        let mut all = self.all_items(vec, len, span)?;
        let (Some(elem), false) = (elem, all.is_empty()) else {
            return self.drop_owner(vec, "the collected `Vec` is empty: the map is a new one");
        };
        let keys: Vec<Value> = all.iter().map(|item| self.item_key(map, item)).collect();
        let order = stable_order_by(all.len(), |a, b| {
            Ok(self.compare(&keys[a], &keys[b], span)? == Ordering::Less)
        })?;
        self.sort_scratch(&elem, len, text)?;
        let sorted: Vec<Value> = order
            .iter()
            .map(|&i| std::mem::replace(&mut all[i], Value::unit()))
            .collect();
        self.put_items(vec, &elem, cap, sorted.clone())?;
        let mut kept = Vec::new();
        for i in 0..sorted.len() {
            let next = order.get(i + 1).map(|&j| &keys[j]);
            if next.is_none_or(|k| {
                self.compare(&keys[order[i]], k, span).ok() != Some(Ordering::Equal)
            }) {
                kept.push(i);
            }
        }
        // The `Vec`'s elements move out: the build owns them now.
        for item in &sorted {
            Self::leave_home(&mut self.homes, item);
        }
        self.contents.remove(&vec);
        self.set_vec(vec, self.vec_state(vec).0, cap, 0);
        if let Some(first) = sorted.first() {
            let (k, v) = match first {
                Value::Tuple(kv) if !self.map_is_set(map) => (&kv[0], kv.get(1)),
                key => (key, None),
            };
            self.settle_map_types(map, k, v, span, text)?;
        }
        self.ready_table(map, text)?;
        let steps = self.tree_mut(map).shape.bulk_build(kept.len() as u64);
        let kind = self.map_kind_name(map);
        let mut from = 0;
        for step in steps {
            match step {
                Step::Key(rank) => {
                    let to = kept[rank as usize];
                    for dup in &sorted[from..to] {
                        let why = format!("`{text}`: a later element has the same key, so the build drops this one");
                        self.drop_value(dup, &why)?;
                    }
                    from = to + 1;
                    let item = sorted[to].clone();
                    self.items_mut(map).push(item);
                    let serial = self.tree_mut(map).serial();
                    self.tree_mut(map).serials.push(serial);
                }
                Step::Node(call) => {
                    let StdCall::Alloc(layout) = call.call else {
                        continue;
                    };
                    let what = node_kind(&call);
                    let reason = match call.cause {
                        Cause::FirstLeaf => format!("`{text}`: the {kind} is built from the sorted elements, left to right: its root, {what}"),
                        Cause::NewRoot => format!("`{text}`: every node on the right edge is full, so a new internal root goes above them: the tree grows a level"),
                        _ => format!("`{text}`: the nodes on the right edge are full up to a node with room, which takes the next key and a new right subtree: {what}"),
                    };
                    let p = self.alloc_infallible(layout, false, &reason)?;
                    self.tree_mut(map).blocks.push((call.node, p));
                }
            }
        }
        self.drop_owner(
            vec,
            "the sorted `Vec` is dropped once the build has taken its last element",
        )?;
        self.tree_settle_from(map, 0);
        self.write_tree(map);
        Ok(())
    }

    /// Dropping a B-tree (or clearing it): each element dropped (its key,
    /// then its value) as the walk reaches it, each node freed as the walk
    /// leaves it.
    pub(super) fn drop_tree(&mut self, id: usize, reason: &str) -> R<()> {
        if self.map_tree(id).is_none() {
            return Ok(());
        }
        let it = self.tree_into_iter(id);
        self.drop_iter(it, None, reason)
    }

    /// `clone()`: the copy's nodes allocated as the copy reaches them,
    /// each element cloned (key, then value) in key order.
    pub(super) fn clone_tree(&mut self, id: usize, new: usize, text: &str) -> R<()> {
        let tree = self.tree(id);
        let (shape, steps) = tree.shape.clone_walk();
        let mut copy = Tree::new(tree.key.clone(), tree.val.clone(), self.target);
        copy.shape = shape;
        self.map_mut_tree(new, copy);
        let items = self.map_items(id);
        let mut copies = Vec::with_capacity(items.len());
        for step in steps {
            match step {
                Step::Key(rank) => {
                    if let Some(item) = items.get(rank as usize) {
                        copies.push(self.clone_value(item, text)?);
                    }
                }
                Step::Node(call) => {
                    let StdCall::Alloc(layout) = call.call else {
                        continue;
                    };
                    let what = node_kind(&call);
                    let reason =
                        format!("`{text}`: the copy's {what}, made as the copy reaches it");
                    let p = self.alloc_infallible(layout, false, &reason)?;
                    self.tree_mut(new).blocks.push((call.node, p));
                }
            }
        }
        for _ in 0..copies.len() {
            let serial = self.tree_mut(new).serial();
            self.tree_mut(new).serials.push(serial);
        }
        *self.items_mut(new) = copies;
        self.tree_settle_from(new, 0);
        self.write_tree(new);
        Ok(())
    }

    /// `clear()`: as a drop, leaving an empty map with no root.
    pub(super) fn clear_tree(&mut self, id: usize, text: &str) -> R<()> {
        self.drop_tree(id, &format!("`{text}` drops every element"))?;
        let tree = self.tree_mut(id);
        tree.blocks.clear();
        tree.written.clear();
        Ok(())
    }

    /// The words of the map's handle: root node, height, length.
    pub(super) fn tree_words(&self, id: usize) -> Vec<u64> {
        match self.map_tree(id) {
            Some(t) => {
                let root = t.shape.root().and_then(|r| t.block(r)).map_or(0, |a| a.0);
                vec![root, t.shape.height() as u64, t.len()]
            }
            None => vec![0, 0, 0],
        }
    }

    /// `range(a..b)` and its kin: the elements with keys in the range, lent
    /// (as `iter()` lends them). The range's bounds are dropped when
    /// `range` returns; std panics when the start is past the end.
    pub(super) fn tree_range(&mut self, id: usize, arg: &Expr, text: &str) -> R<Vec<Value>> {
        let span = arg.span();
        let Expr::Range(r) = arg else {
            return unsupported(
                arg,
                "`range` with anything but a range expression (`a..b`, `a..`, `..=b`)",
            );
        };
        let start = match &r.start {
            Some(e) => Some(self.eval(e, None)?),
            None => None,
        };
        let end = match &r.end {
            Some(e) => Some(self.eval(e, None)?),
            None => None,
        };
        let closed = matches!(r.limits, syn::RangeLimits::Closed(_));
        if let (Some(a), Some(b)) = (&start, &end) {
            if self.compare(a, b, span)? == Ordering::Greater {
                return err(
                    span,
                    "panicked: range start is greater than range end in BTreeMap",
                );
            }
        }
        let from = match &start {
            Some(a) => match self.tree_find(id, a, span)? {
                Ok(r) | Err(r) => r,
            },
            None => 0,
        };
        let to = match &end {
            Some(b) => match self.tree_find(id, b, span)? {
                Ok(r) if closed => r + 1,
                Ok(r) | Err(r) => r,
            },
            None => self.map_items_ref(id).len(),
        };
        for bound in [start, end].into_iter().flatten() {
            self.drop_value(
                &bound,
                &format!("`{text}`: `range` drops its bounds when it returns"),
            )?;
        }
        Ok((from..to.max(from))
            .map(|i| self.tree_lent(id, i))
            .collect())
    }

    /// Element `rank` lent as `iter()` lends it: `(&K, &V)`, or a set's
    /// `&K`.
    pub(super) fn tree_lent(&self, id: usize, rank: usize) -> Value {
        let at = |fields: Vec<usize>| {
            Value::Ref(Place {
                root: Root::Item {
                    owner: id,
                    index: rank,
                },
                fields,
            })
        };
        if self.map_is_set(id) {
            at(Vec::new())
        } else {
            Value::Tuple(vec![at(vec![0]), at(vec![1])])
        }
    }

    /// The B-tree methods a hash map lacks: `first_key_value`,
    /// `last_key_value`, `pop_first`, `pop_last`, `range`; a set's `first`
    /// and `last`. `None` for any other name.
    pub(super) fn tree_method(
        &mut self,
        id: usize,
        name: &str,
        m: &syn::ExprMethodCall,
        text: &str,
    ) -> R<Option<Value>> {
        let set = self.map_is_set(id);
        let n = self.map_items_ref(id).len();
        let end = |first: bool| if first { 0 } else { n.saturating_sub(1) };
        Ok(Some(match name {
            "first_key_value" | "last_key_value" | "first" | "last"
                if set == matches!(name, "first" | "last") =>
            {
                self.prim_args(m, 0)?;
                let first = name.starts_with("first");
                Value::Opt((n > 0).then(|| Box::new(self.tree_lent(id, end(first)))))
            }
            "pop_first" | "pop_last" => {
                self.prim_args(m, 0)?;
                if n == 0 {
                    return Ok(Some(Value::Opt(None)));
                }
                let item = self.tree_take(id, end(name == "pop_first"), text)?;
                Value::Opt(Some(Box::new(item)))
            }
            "append" => {
                let Some(arg) = m.args.first().filter(|_| m.args.len() == 1) else {
                    return err(self.sp(m), "`append` takes `&mut` another map");
                };
                let other = self.owner_of(arg)?;
                let same_kind = matches!(self.owners[other], Owner::Map(_))
                    && self.map_kind_name(other) == self.map_kind_name(id);
                if other == id || !same_kind {
                    return err(
                        self.sp(arg),
                        "`append` takes `&mut` another map of the same kind",
                    );
                }
                let span = self.sp(m);
                self.tree_append(id, other, text, span)?;
                Value::unit()
            }
            "range" => {
                let Some(arg) = m.args.first().filter(|_| m.args.len() == 1) else {
                    return err(self.sp(m), "`range` takes 1 argument");
                };
                // `btree_map::Range` has no `size_hint` of its own: `(0, None)`.
                let items = self.tree_range(id, arg, text)?;
                Value::Owner(self.items_iter(items, false, Count::Unknown))
            }
            _ => return Ok(None),
        }))
    }
}
