//! `BTreeMap` and `BTreeSet`: a B-tree of boxed nodes, one allocation a
//! node.
//!
//! std's B-tree has `B = 6`: every node holds up to `CAPACITY = 2·B − 1 =
//! 11` keys and values, side by side in two arrays. A *leaf* node is only
//! that; an *internal* node is a leaf node followed by 12 child pointers
//! (`#[repr(C)]`, so that a pointer to either kind is a pointer to its
//! leaf part):
//!
//! ```text
//!   LeafNode<K, V>   (no repr: rustc orders the fields by alignment)
//!   ┌──────────┬─────────────┬──────────────┬────────────┬─────┬───┐
//!   │ parent   │ keys [K;11] │ vals [V;11]  │ parent_idx │ len │pad│
//!   │ (a ptr)  │             │              │   u16      │ u16 │   │
//!   └──────────┴─────────────┴──────────────┴────────────┴─────┴───┘
//!   InternalNode<K, V>   (repr(C))
//!   ┌──────────────────────── LeafNode ───────────────┬────────────────┐
//!   │                                                  │ edges [ptr;12] │
//!   └──────────────────────────────────────────────────┴────────────────┘
//! ```
//!
//! `BTreeMap<u32, u32>` on x86_64: a leaf is 8 + 44 + 44 + 2 + 2 = 100
//! bytes, padded to 104 at alignment 8; an internal node 104 + 96 = 200.
//! A `BTreeSet<T>` is a `BTreeMap<T, SetValZST>`: values of size 0. The
//! map's own handle is three words: the root node's address, the tree's
//! height, and its length.
//!
//! When it allocates:
//! - `new()` allocates nothing; the first `insert` allocates the root leaf.
//! - Inserting a key that is already there replaces the value: no call.
//! - Inserting into a full node *splits* it: a new node of the same kind
//!   takes the keys right of the split point (`splitpoint`: the middle, or
//!   one off it toward the insertion, so that both halves keep at least 5),
//!   the middle key moves up into the parent. So a full leaf costs one leaf
//!   allocation, and each full ancestor one internal node more, from the
//!   bottom up; a split reaching the root allocates a new internal root
//!   last, and the tree grows a level.
//! - Removing a key from a leaf (a key in an internal node first trades
//!   places with its predecessor, the last key of the leaf left of it) may
//!   leave the leaf with fewer than `MIN_LEN = 5` keys. It then takes one
//!   key through the parent from a sibling (the left one if it has one)
//!   that can spare it, or, if the two fit in one node, *merges* with it:
//!   the right node of the pair is freed. A merge takes a key from the
//!   parent, which may leave it short in turn, and so on upward; an
//!   internal root left with no keys is freed last, and its one child
//!   becomes the root. The last key removed leaves an empty root leaf,
//!   still allocated.
//! - Dropping the map (and `clear`, and a consuming iterator) walks the
//!   keys in order, dropping each key and value as it reaches them and
//!   freeing each node as it leaves it for good: a leaf after its last
//!   key, an internal node after its last child, the root last.
//! - `clone` rebuilds the same shape: a node's first subtree first, then
//!   the node, then each key and value and the subtree right of it. An
//!   empty map clones to a new one with no root.
//!
//! [`BTreeShape`] keeps the tree's shape alone: how many keys each node
//! holds, and a name for each node's block. std's decisions (where to
//! split, whether to merge or steal) depend on nothing else, so the
//! caller, which keeps the keys in order, names a key by its *rank*. It
//! answers with the calls for insert, remove, drop and clone, each
//! naming the node it allocates or frees. [`BTreeShadow`] does the same
//! for keys it keeps itself. Building from sorted keys (`collect`,
//! `from`) fills nodes left to right ([`BTreeShape::bulk_build`]);
//! `append`, which builds the same way from two maps' keys, is not
//! modelled.

use std::mem;

use super::rust_layout::{struct_shape, Shape};
use super::{extend, pad_to_align, StdCall};
use crate::error::LayoutSpec;
use crate::target::Target;

/// std's `B`: nodes split around it.
pub const B: usize = 6;
/// Keys (and values) a node holds: `2·B − 1`.
pub const CAPACITY: usize = 2 * B - 1;
/// Keys a node other than the root keeps after a removal: `B − 1`.
pub const MIN_LEN: usize = B - 1;
/// Child pointers of an internal node: `2·B`.
pub const EDGES: u64 = 2 * B as u64;

/// Where each field of `LeafNode<K, V>` sits, and the whole node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeafFields {
    /// `parent: Option<NonNull<InternalNode>>`.
    pub parent: u64,
    /// `parent_idx: u16`: which child of the parent this node is.
    pub parent_idx: u64,
    /// `len: u16`: keys held.
    pub len: u64,
    /// `keys: [K; 11]`.
    pub keys: u64,
    /// `vals: [V; 11]`.
    pub vals: u64,
    /// The leaf node.
    pub layout: LayoutSpec,
}

/// `LeafNode<K, V>` as rustc lays it out: a parent pointer, `parent_idx`
/// and `len` (two `u16`), 11 keys and 11 values (as `MaybeUninit`, so no
/// niche steers the order), sorted by alignment.
pub fn leaf_fields(k: LayoutSpec, v: LayoutSpec, target: Target) -> LeafFields {
    let word = target.word_size();
    let plain = |size, align| Shape {
        size,
        align,
        niche: None,
    };
    let n = CAPACITY as u64;
    let placed = struct_shape(
        &[
            plain(word, word),
            plain(2, 2),
            plain(2, 2),
            plain(n * k.size, k.align),
            plain(n * v.size, v.align),
        ],
        false,
        None,
    );
    let o = &placed.offsets;
    LeafFields {
        parent: o[0],
        parent_idx: o[1],
        len: o[2],
        keys: o[3],
        vals: o[4],
        layout: LayoutSpec {
            size: placed.shape.size,
            align: placed.shape.align,
        },
    }
}

/// `Layout::new::<LeafNode<K, V>>()`.
pub fn leaf_node_layout(k: LayoutSpec, v: LayoutSpec, target: Target) -> LayoutSpec {
    leaf_fields(k, v, target).layout
}

/// `Layout::new::<InternalNode<K, V>>()`: the leaf node, then 12 child
/// pointers (`repr(C)`).
pub fn internal_node_layout(k: LayoutSpec, v: LayoutSpec, target: Target) -> LayoutSpec {
    pad_to_align(extend(leaf_node_layout(k, v, target), edges_layout(target)).0)
}

/// `BTreeMap`'s own layout: `root: Option<Root>` (the root node's address,
/// then the height; the `Option` takes the address's niche) and
/// `length`, three words with no niche left.
pub fn btree_map_shape(target: Target) -> Shape {
    let word = target.word_size();
    Shape {
        size: 3 * word,
        align: word,
        niche: None,
    }
}

/// Where an internal node's child pointers start.
pub fn edges_offset(k: LayoutSpec, v: LayoutSpec, target: Target) -> u64 {
    extend(leaf_node_layout(k, v, target), edges_layout(target)).1
}

fn edges_layout(target: Target) -> LayoutSpec {
    let word = target.word_size();
    LayoutSpec {
        size: EDGES * word,
        align: word,
    }
}

/// Where a full node splits when a key arrives at `edge_idx` (0..=11):
/// the index of the key that moves up, and whether the new key then goes
/// into the left node or the new right one, at which index. std's
/// `splitpoint`.
pub const fn splitpoint(edge_idx: usize) -> (usize, Side) {
    const KV_IDX_CENTER: usize = B - 1;
    const EDGE_IDX_LEFT_OF_CENTER: usize = B - 1;
    const EDGE_IDX_RIGHT_OF_CENTER: usize = B;
    if edge_idx < EDGE_IDX_LEFT_OF_CENTER {
        (KV_IDX_CENTER - 1, Side::Left(edge_idx))
    } else if edge_idx == EDGE_IDX_LEFT_OF_CENTER {
        (KV_IDX_CENTER, Side::Left(edge_idx))
    } else if edge_idx == EDGE_IDX_RIGHT_OF_CENTER {
        (KV_IDX_CENTER, Side::Right(0))
    } else {
        (
            KV_IDX_CENTER + 1,
            Side::Right(edge_idx - (KV_IDX_CENTER + 2)),
        )
    }
}

/// Which half of a split node receives the new key, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The old node, at this index.
    Left(usize),
    /// The newly allocated node, at this index.
    Right(usize),
}

/// A name for a node's block, unique within one tree.
pub type NodeId = u32;

/// Why the tree allocates or frees a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The root leaf, for the first key.
    FirstLeaf,
    /// The right half of a full node that split.
    Split,
    /// A new internal root above a root that split: the tree grows a level.
    NewRoot,
    /// The right node of a pair merged into the left one.
    Merged,
    /// An internal root left with no keys: its one child is the root now.
    RootEmptied,
    /// Freed as the map is dropped (or cleared, or consumed).
    Dropped,
    /// A node of the new right subtree a bulk build starts once every node
    /// on its right edge is full.
    BulkRight,
    /// The copy of a node, made by `clone`.
    Cloned,
}

/// One allocator call of the tree, and the node it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeCall {
    /// The call, with the node's layout.
    pub call: StdCall,
    /// The node allocated or freed.
    pub node: NodeId,
    /// An internal node (else a leaf).
    pub internal: bool,
    /// Why.
    pub cause: Cause,
}

/// One step of a walk in key order: a drop or a clone reaching a key (by
/// rank), or a node's call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The key (and value) of this rank is dropped, or cloned.
    Key(u64),
    /// A node is freed, or its copy allocated.
    Node(NodeCall),
}

/// A node as a caller draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeView {
    /// Its block.
    pub id: NodeId,
    /// An internal node (else a leaf).
    pub internal: bool,
    /// Its parent and which child of it this node is; `None` for the root.
    pub parent: Option<(NodeId, usize)>,
    /// The rank of each key it holds, in slot order.
    pub keys: Vec<u64>,
    /// Its children, for an internal node.
    pub edges: Vec<NodeId>,
}

/// A node of the shape: how many keys it holds and its children.
///
/// Invariants ([`BTreeShape::check`]): `len ≤ CAPACITY`; `len ≥ MIN_LEN`
/// except at the root; an internal node has `len + 1` children, all of
/// the same height; `size` is `len` plus the children's sizes.
#[derive(Debug, Clone)]
struct Node {
    id: NodeId,
    len: usize,
    /// Keys in this subtree.
    size: u64,
    /// Empty for a leaf.
    edges: Vec<Node>,
}

impl Node {
    fn is_leaf(&self) -> bool {
        self.edges.is_empty()
    }

    fn resize(&mut self) {
        self.size = self.len as u64 + self.edges.iter().map(|e| e.size).sum::<u64>();
    }
}

/// Where a rank is, seen from an internal node.
enum Found {
    /// In child `i`, at this rank within it.
    Child(usize, u64),
    /// This node's key `i`.
    Key(usize),
}

/// Which child of `node` holds (or, for an insertion, receives) `rank`.
fn find(node: &Node, mut rank: u64, inserting: bool) -> Found {
    for (i, child) in node.edges.iter().enumerate() {
        if rank < child.size || (inserting && rank == child.size) {
            return Found::Child(i, rank);
        }
        if rank == child.size && i < node.len {
            return Found::Key(i);
        }
        rank -= child.size + 1;
    }
    Found::Child(node.len, rank)
}

/// The calls of one operation, and fresh node names.
struct Cx<'a> {
    leaf: LayoutSpec,
    internal: LayoutSpec,
    next_id: &'a mut NodeId,
    calls: Vec<NodeCall>,
}

impl Cx<'_> {
    fn layout(&self, internal: bool) -> LayoutSpec {
        if internal {
            self.internal
        } else {
            self.leaf
        }
    }

    fn alloc(&mut self, internal: bool, cause: Cause) -> NodeId {
        let node = *self.next_id;
        *self.next_id += 1;
        self.calls.push(NodeCall {
            call: StdCall::Alloc(self.layout(internal)),
            node,
            internal,
            cause,
        });
        node
    }

    fn free(&mut self, node: NodeId, internal: bool, cause: Cause) {
        self.calls.push(NodeCall {
            call: StdCall::Dealloc(self.layout(internal)),
            node,
            internal,
            cause,
        });
    }
}

/// The shape of one `BTreeMap<K, V>`: node sizes and names, no keys.
#[derive(Debug, Clone)]
pub struct BTreeShape {
    root: Option<Node>,
    height: usize,
    next_id: NodeId,
    leaf: LayoutSpec,
    internal: LayoutSpec,
}

impl BTreeShape {
    /// `BTreeMap::new()` for keys and values of these layouts: no root.
    pub fn new(k: LayoutSpec, v: LayoutSpec, target: Target) -> BTreeShape {
        BTreeShape {
            root: None,
            height: 0,
            next_id: 0,
            leaf: leaf_node_layout(k, v, target),
            internal: internal_node_layout(k, v, target),
        }
    }

    /// Keys held.
    pub fn len(&self) -> u64 {
        self.root.as_ref().map_or(0, |r| r.size)
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Levels below the root (0: the root is a leaf).
    pub const fn height(&self) -> usize {
        self.height
    }

    /// The root's block, if there is a root.
    pub fn root(&self) -> Option<NodeId> {
        self.root.as_ref().map(|r| r.id)
    }

    fn cx(&mut self) -> (Option<&mut Node>, Cx<'_>) {
        let cx = Cx {
            leaf: self.leaf,
            internal: self.internal,
            next_id: &mut self.next_id,
            calls: Vec::new(),
        };
        (self.root.as_mut(), cx)
    }

    /// Leaf and internal nodes allocated now.
    pub fn node_counts(&self) -> (u64, u64) {
        let mut counts = (0, 0);
        for view in self.views() {
            if view.internal {
                counts.1 += 1;
            } else {
                counts.0 += 1;
            }
        }
        counts
    }

    /// `insert` of a key that is not there yet, `rank` keys below it: the
    /// root leaf for the first key, a node for each split (leaf first,
    /// then ancestors upward), a new root last if the root split.
    pub fn insert_at(&mut self, rank: u64) -> Vec<NodeCall> {
        let (root, mut cx) = self.cx();
        let Some(root) = root else {
            let id = cx.alloc(false, Cause::FirstLeaf);
            let calls = cx.calls;
            self.root = Some(Node {
                id,
                len: 1,
                size: 1,
                edges: Vec::new(),
            });
            return calls;
        };
        let Some(right) = insert_into(root, rank.min(root.size), &mut cx) else {
            return cx.calls;
        };
        // `push_internal_level`: the old root becomes the first child of a
        // new internal root.
        let id = cx.alloc(true, Cause::NewRoot);
        let left = mem::replace(
            root,
            Node {
                id,
                len: 1,
                size: 0,
                edges: Vec::new(),
            },
        );
        root.edges = vec![left, right];
        root.resize();
        let calls = cx.calls;
        self.height += 1;
        calls
    }

    /// `remove` of the key of this rank: nodes freed by merges, bottom up,
    /// then an emptied internal root.
    pub fn remove_at(&mut self, rank: u64) -> Vec<NodeCall> {
        let (root, mut cx) = self.cx();
        let Some(root) = root else {
            return Vec::new();
        };
        if rank >= root.size {
            return Vec::new();
        }
        remove_from(root, rank, &mut cx);
        if root.len == 0 && !root.is_leaf() {
            let child = root.edges.remove(0);
            let old = mem::replace(root, child);
            cx.free(old.id, true, Cause::RootEmptied);
            let calls = cx.calls;
            self.height -= 1;
            return calls;
        }
        cx.calls
    }

    /// Building from sorted, deduplicated keys (`collect`, `from`): std's
    /// `bulk_build_from_sorted_iter`. The root leaf first; each key then
    /// goes to the rightmost leaf, or, when it is full, to the lowest
    /// node on the right edge with room, under a new right subtree (a
    /// leaf, then an internal node for each level above it); when the
    /// whole right edge is full, a new internal root first. At the end
    /// each node on the right edge short of `MIN_LEN` takes keys from its
    /// left sibling (`fix_right_border_of_plentiful`), which allocates
    /// nothing. The steps give each key's rank before the nodes its push
    /// allocates. The shape must be empty.
    pub fn bulk_build(&mut self, n: u64) -> Vec<Step> {
        let (_, mut cx) = self.cx();
        let mut steps = Vec::new();
        let mut root = new_leaf(cx.alloc(false, Cause::FirstLeaf));
        let mut height = 0;
        steps.extend(cx.calls.drain(..).map(Step::Node));
        for rank in 0..n {
            steps.push(Step::Key(rank));
            if !push_last(&mut root, height, &mut cx) {
                let id = cx.alloc(true, Cause::NewRoot);
                let old = mem::replace(&mut root, new_leaf(id));
                root.size = old.size;
                root.edges.push(old);
                height += 1;
                push_last(&mut root, height, &mut cx);
            }
            steps.extend(cx.calls.drain(..).map(Step::Node));
        }
        fix_right_border(&mut root);
        self.root = Some(root);
        self.height = height;
        steps
    }

    /// Dropping the map (or `clear`, or a consuming iterator run to its
    /// end): each key as the walk reaches it, each node as the walk leaves
    /// it. The shape is empty afterwards, with no root.
    pub fn drop_walk(&mut self) -> Vec<Step> {
        let mut steps = Vec::new();
        if let Some(root) = self.root.take() {
            let layouts = (self.leaf, self.internal);
            drop_subtree(&root, &mut 0, layouts, &mut steps);
        }
        self.height = 0;
        steps
    }

    /// A consuming walk taken from the back (`into_iter().rev()`): the
    /// mirror of [`BTreeShape::drop_walk`], each key as the walk reaches
    /// it from the back, each node as the walk leaves it by its first
    /// edge (`deallocating_next_back`). The nodes on the leftmost path,
    /// which it never leaves, are not in it: the walk's end frees them
    /// (see [`BTreeShape::dying_nodes`]). The shape is left as it is.
    pub fn drop_walk_back(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        if let Some(root) = &self.root {
            let mut rank = root.size;
            drop_subtree_back(root, &mut rank, (self.leaf, self.internal), &mut steps);
            // The leftmost path is freed by the end of the walk.
            let mut on_path = Vec::new();
            let mut node = root;
            loop {
                on_path.push(node.id);
                match node.edges.first() {
                    Some(first) => node = first,
                    None => break,
                }
            }
            steps.retain(|s| !matches!(s, Step::Node(c) if on_path.contains(&c.node)));
        }
        steps
    }

    /// Every node with its depth (the root's is 0) and the call that frees
    /// it: a walk's end (`deallocating_end`) frees the nodes still there,
    /// the deepest first (from the leaf its front stands in, up to the
    /// root).
    pub fn dying_nodes(&self) -> Vec<(NodeCall, u64)> {
        fn visit(
            node: &Node,
            depth: u64,
            layouts: (LayoutSpec, LayoutSpec),
            out: &mut Vec<(NodeCall, u64)>,
        ) {
            let internal = !node.is_leaf();
            out.push((
                NodeCall {
                    call: StdCall::Dealloc(if internal { layouts.1 } else { layouts.0 }),
                    node: node.id,
                    internal,
                    cause: Cause::Dropped,
                },
                depth,
            ));
            for child in &node.edges {
                visit(child, depth + 1, layouts, out);
            }
        }
        let mut out = Vec::new();
        if let Some(root) = &self.root {
            visit(root, 0, (self.leaf, self.internal), &mut out);
        }
        out
    }

    /// `clone()`: the copy's shape, and its steps — a node's first subtree,
    /// the node, then each key and the subtree right of it. Nothing for an
    /// empty map.
    pub fn clone_walk(&self) -> (BTreeShape, Vec<Step>) {
        let mut copy = BTreeShape {
            root: None,
            height: 0,
            next_id: 0,
            ..*self
        };
        let mut steps = Vec::new();
        if let Some(root) = self.root.as_ref().filter(|r| r.size > 0) {
            let mut cx = Cx {
                leaf: self.leaf,
                internal: self.internal,
                next_id: &mut copy.next_id,
                calls: Vec::new(),
            };
            let node = clone_subtree(root, &mut 0, &mut cx, &mut steps);
            copy.root = Some(node);
            copy.height = self.height;
        }
        (copy, steps)
    }

    /// Every node, parents before children.
    pub fn views(&self) -> Vec<NodeView> {
        let mut out = Vec::new();
        if let Some(root) = &self.root {
            view(root, 0, None, &mut out);
        }
        out
    }

    /// The node holding the key of this rank, and its slot.
    pub fn locate(&self, mut rank: u64) -> Option<(NodeId, usize)> {
        let mut node = self.root.as_ref()?;
        loop {
            if node.is_leaf() {
                let slot = usize::try_from(rank).ok()?;
                return (slot < node.len).then_some((node.id, slot));
            }
            match find(node, rank, false) {
                Found::Key(i) => return Some((node.id, i)),
                Found::Child(i, r) => {
                    node = node.edges.get(i)?;
                    rank = r;
                }
            }
        }
    }

    /// Checks the invariants of [`Node`]; the first broken one, said.
    pub fn check(&self) -> Result<(), String> {
        fn walk(node: &Node, root: bool, depth: usize, height: usize) -> Result<(), String> {
            let id = node.id;
            if node.len > CAPACITY {
                return Err(format!("node {id} holds {} keys", node.len));
            }
            if !root && node.len < MIN_LEN {
                return Err(format!(
                    "node {id} holds {} keys, below {MIN_LEN}",
                    node.len
                ));
            }
            let expected = node.len as u64 + node.edges.iter().map(|e| e.size).sum::<u64>();
            if node.size != expected {
                return Err(format!(
                    "node {id} counts {} keys, holds {expected}",
                    node.size
                ));
            }
            if node.is_leaf() {
                return if depth == height {
                    Ok(())
                } else {
                    Err(format!("leaf {id} at depth {depth}, height {height}"))
                };
            }
            if node.edges.len() != node.len + 1 {
                return Err(format!(
                    "node {id}: {} keys, {} children",
                    node.len,
                    node.edges.len()
                ));
            }
            node.edges
                .iter()
                .try_for_each(|e| walk(e, false, depth + 1, height))
        }
        self.root
            .as_ref()
            .map_or(Ok(()), |r| walk(r, true, 0, self.height))
    }
}

/// Inserts a key of this rank below `node`, splitting what is full on the
/// way back up; the new right sibling if `node` itself split.
fn insert_into(node: &mut Node, rank: u64, cx: &mut Cx) -> Option<Node> {
    if node.is_leaf() {
        return insert_here(node, rank as usize, None, cx);
    }
    let Found::Child(i, rank) = find(node, rank, true) else {
        unreachable!("an insertion lands between keys")
    };
    match insert_into(&mut node.edges[i], rank, cx) {
        None => {
            node.size += 1;
            None
        }
        Some(right) => insert_here(node, i, Some(right), cx),
    }
}

/// `Handle::insert` on a leaf or internal edge: fits, or splits the node
/// (allocating its right half) and inserts into one half.
fn insert_here(node: &mut Node, idx: usize, edge: Option<Node>, cx: &mut Cx) -> Option<Node> {
    if node.len < CAPACITY {
        place(node, idx, edge);
        return None;
    }
    let id = cx.alloc(!node.is_leaf(), Cause::Split);
    let (middle, side) = splitpoint(idx);
    let edges = if node.is_leaf() {
        Vec::new()
    } else {
        node.edges.split_off(middle + 1)
    };
    // The key at `middle` moves up into the parent.
    let mut right = Node {
        id,
        len: CAPACITY - middle - 1,
        size: 0,
        edges,
    };
    node.len = middle;
    match side {
        Side::Left(i) => place(node, i, edge),
        Side::Right(i) => place(&mut right, i, edge),
    }
    node.resize();
    right.resize();
    Some(right)
}

/// `insert_fit`: a key at `idx` and its right child at `idx + 1`.
fn place(node: &mut Node, idx: usize, edge: Option<Node>) {
    node.len += 1;
    if let Some(edge) = edge {
        node.edges.insert(idx + 1, edge);
    }
    node.resize();
}

/// Removes the key of this rank below `node` (a key of an internal node
/// by removing its predecessor from the leaf, which then takes its
/// place), fixing each child left short on the way back up.
fn remove_from(node: &mut Node, rank: u64, cx: &mut Cx) {
    if node.is_leaf() {
        node.len -= 1;
        node.size -= 1;
        return;
    }
    let (i, rank) = match find(node, rank, false) {
        Found::Child(i, r) => (i, r),
        Found::Key(i) => (i, node.edges[i].size - 1),
    };
    remove_from(&mut node.edges[i], rank, cx);
    if node.edges[i].len < MIN_LEN {
        rebalance(node, i, cx);
    }
    node.resize();
}

/// `choose_parent_kv` and what follows: child `i` is short; with its left
/// sibling if it has one (else its right), merge if the pair fits in one
/// node, else take one key (and, between internal nodes, one child)
/// through the parent.
fn rebalance(parent: &mut Node, i: usize, cx: &mut Cx) {
    let left = i.saturating_sub(1);
    let fits = parent.edges[left].len + 1 + parent.edges[left + 1].len <= CAPACITY;
    if fits {
        let right = parent.edges.remove(left + 1);
        parent.len -= 1;
        cx.free(right.id, !right.is_leaf(), Cause::Merged);
        let into = &mut parent.edges[left];
        into.len += 1 + right.len;
        into.edges.extend(right.edges);
        into.resize();
        return;
    }
    let (from, to) = if i > 0 { (i - 1, i) } else { (i + 1, i) };
    let giver = &mut parent.edges[from];
    giver.len -= 1;
    let edge = match (giver.is_leaf(), from < to) {
        (true, _) => None,
        (false, true) => giver.edges.pop(),
        (false, false) => Some(giver.edges.remove(0)),
    };
    giver.resize();
    let taker = &mut parent.edges[to];
    taker.len += 1;
    if let Some(edge) = edge {
        if from < to {
            taker.edges.insert(0, edge);
        } else {
            taker.edges.push(edge);
        }
    }
    taker.resize();
}

/// A node with no keys yet (a leaf until it is given children).
fn new_leaf(id: NodeId) -> Node {
    Node {
        id,
        len: 0,
        size: 0,
        edges: Vec::new(),
    }
}

/// `bulk_push`'s step for one key into the subtree `node` of this height:
/// its rightmost leaf if that has room, else the lowest node on its right
/// edge with room, with a new right subtree. False if the whole right
/// edge is full.
fn push_last(node: &mut Node, height: usize, cx: &mut Cx) -> bool {
    let pushed = match node.edges.last_mut() {
        Some(last) => push_last(last, height - 1, cx),
        None => false,
    };
    if !pushed && node.len < CAPACITY {
        if height > 0 {
            // `Root::new`, then `push_internal_level` up to the child's height.
            let mut right = new_leaf(cx.alloc(false, Cause::BulkRight));
            for _ in 1..height {
                let id = cx.alloc(true, Cause::BulkRight);
                let below = mem::replace(&mut right, new_leaf(id));
                right.edges.push(below);
            }
            node.edges.push(right);
        }
        node.len += 1;
    } else if !pushed {
        return false;
    }
    node.size += 1;
    true
}

/// `fix_right_border_of_plentiful`: down the right edge, a last child with
/// fewer than `MIN_LEN` keys takes the missing ones from its left sibling
/// through the parent (`bulk_steal_left`), children and all.
fn fix_right_border(mut node: &mut Node) {
    while !node.is_leaf() {
        let n = node.len;
        let (left, right) = node.edges.split_at_mut(n);
        let (left, right) = (&mut left[n - 1], &mut right[0]);
        if right.len < MIN_LEN {
            let count = MIN_LEN - right.len;
            left.len -= count;
            right.len += count;
            if !left.is_leaf() {
                let mut moved = left.edges.split_off(left.len + 1);
                moved.append(&mut right.edges);
                right.edges = moved;
            }
            left.resize();
            right.resize();
        }
        node = &mut node.edges[n];
    }
}

fn drop_subtree(
    node: &Node,
    rank: &mut u64,
    layouts: (LayoutSpec, LayoutSpec),
    steps: &mut Vec<Step>,
) {
    for i in 0..=node.len {
        if let Some(child) = node.edges.get(i) {
            drop_subtree(child, rank, layouts, steps);
        }
        if i < node.len {
            steps.push(Step::Key(*rank));
            *rank += 1;
        }
    }
    let internal = !node.is_leaf();
    steps.push(Step::Node(NodeCall {
        call: StdCall::Dealloc(if internal { layouts.1 } else { layouts.0 }),
        node: node.id,
        internal,
        cause: Cause::Dropped,
    }));
}

/// [`drop_subtree`] from the back: `rank` counts down from the number of
/// keys; a node is freed once the walk passes its first key.
fn drop_subtree_back(
    node: &Node,
    rank: &mut u64,
    layouts: (LayoutSpec, LayoutSpec),
    steps: &mut Vec<Step>,
) {
    for i in (0..=node.len).rev() {
        if let Some(child) = node.edges.get(i) {
            drop_subtree_back(child, rank, layouts, steps);
        }
        if i > 0 {
            *rank -= 1;
            steps.push(Step::Key(*rank));
        }
    }
    let internal = !node.is_leaf();
    steps.push(Step::Node(NodeCall {
        call: StdCall::Dealloc(if internal { layouts.1 } else { layouts.0 }),
        node: node.id,
        internal,
        cause: Cause::Dropped,
    }));
}

fn clone_subtree(node: &Node, rank: &mut u64, cx: &mut Cx, steps: &mut Vec<Step>) -> Node {
    let mut edges = Vec::new();
    if let Some(first) = node.edges.first() {
        edges.push(clone_subtree(first, rank, cx, steps));
    }
    let id = cx.alloc(!node.is_leaf(), Cause::Cloned);
    steps.extend(cx.calls.drain(..).map(Step::Node));
    for i in 0..node.len {
        steps.push(Step::Key(*rank));
        *rank += 1;
        if let Some(child) = node.edges.get(i + 1) {
            edges.push(clone_subtree(child, rank, cx, steps));
        }
    }
    Node {
        id,
        len: node.len,
        size: node.size,
        edges,
    }
}

fn view(node: &Node, base: u64, parent: Option<(NodeId, usize)>, out: &mut Vec<NodeView>) {
    let at = out.len();
    out.push(NodeView {
        id: node.id,
        internal: !node.is_leaf(),
        parent,
        keys: Vec::new(),
        edges: node.edges.iter().map(|e| e.id).collect(),
    });
    let mut rank = base;
    let mut keys = Vec::with_capacity(node.len);
    for i in 0..=node.len {
        if let Some(child) = node.edges.get(i) {
            view(child, rank, Some((node.id, i)), out);
            rank += child.size;
        }
        if i < node.len {
            keys.push(rank);
            rank += 1;
        }
    }
    out[at].keys = keys;
}

/// A tree that keeps its keys itself: [`BTreeShape`] for keys of any
/// `Ord` type, with plain calls.
#[derive(Debug, Clone)]
pub struct BTreeShadow<K> {
    keys: Vec<K>,
    shape: BTreeShape,
}

fn plain(calls: impl IntoIterator<Item = NodeCall>) -> Vec<StdCall> {
    calls.into_iter().map(|c| c.call).collect()
}

fn node_calls(steps: Vec<Step>) -> Vec<StdCall> {
    steps
        .into_iter()
        .filter_map(|s| match s {
            Step::Node(c) => Some(c.call),
            Step::Key(_) => None,
        })
        .collect()
}

impl<K: Ord> BTreeShadow<K> {
    /// `BTreeMap::new()` for keys and values of these layouts: no call.
    pub fn new(k: LayoutSpec, v: LayoutSpec, target: Target) -> BTreeShadow<K> {
        BTreeShadow {
            keys: Vec::new(),
            shape: BTreeShape::new(k, v, target),
        }
    }

    /// Entries held.
    pub fn len(&self) -> u64 {
        self.shape.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.shape.is_empty()
    }

    /// Levels below the root.
    pub const fn height(&self) -> usize {
        self.shape.height()
    }

    /// Leaf and internal nodes allocated now.
    pub fn node_counts(&self) -> (u64, u64) {
        self.shape.node_counts()
    }

    /// The shape.
    pub fn shape(&self) -> &BTreeShape {
        &self.shape
    }

    /// `insert(key, _)`: nothing if the key is there.
    pub fn insert(&mut self, key: K) -> Vec<StdCall> {
        match self.keys.binary_search(&key) {
            Ok(_) => Vec::new(),
            Err(rank) => {
                self.keys.insert(rank, key);
                plain(self.shape.insert_at(rank as u64))
            }
        }
    }

    /// `remove(&key)`: nothing if it is not there.
    pub fn remove(&mut self, key: &K) -> Vec<StdCall> {
        match self.keys.binary_search(key) {
            Ok(rank) => {
                self.keys.remove(rank);
                plain(self.shape.remove_at(rank as u64))
            }
            Err(_) => Vec::new(),
        }
    }

    /// `pop_first()`.
    pub fn pop_first(&mut self) -> Vec<StdCall> {
        if self.keys.is_empty() {
            return Vec::new();
        }
        self.keys.remove(0);
        plain(self.shape.remove_at(0))
    }

    /// `pop_last()`.
    pub fn pop_last(&mut self) -> Vec<StdCall> {
        let Some(rank) = self.keys.len().checked_sub(1) else {
            return Vec::new();
        };
        self.keys.pop();
        plain(self.shape.remove_at(rank as u64))
    }

    /// Dropping the map (or `clear`): every node freed in post-order.
    pub fn free(&mut self) -> Vec<StdCall> {
        self.keys.clear();
        node_calls(self.shape.drop_walk())
    }

    /// Building from `keys` (in order, each once: what `collect` sorts and
    /// dedups) into this empty map: each node allocated as the build
    /// reaches it.
    pub fn bulk_build(&mut self, keys: Vec<K>) -> Vec<StdCall> {
        self.keys = keys;
        node_calls(self.shape.bulk_build(self.keys.len() as u64))
    }

    /// `clone()`: each node allocated as the copy reaches it.
    pub fn clone_calls(&self) -> Vec<StdCall> {
        node_calls(self.shape.clone_walk().1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const U32: LayoutSpec = LayoutSpec { size: 4, align: 4 };

    #[test]
    fn u32_map_nodes_are_104_and_200_bytes() {
        // The module's worked example: 8 + 44 + 44 + 2 + 2 = 100 → 104;
        // internal 104 + 12·8 = 200. On 32-bit: 4 + 88 + 4 = 96, 96 + 48.
        let t = Target::Bits64;
        assert_eq!(
            leaf_node_layout(U32, U32, t),
            LayoutSpec {
                size: 104,
                align: 8
            }
        );
        assert_eq!(
            internal_node_layout(U32, U32, t),
            LayoutSpec {
                size: 200,
                align: 8
            }
        );
        assert_eq!(leaf_node_layout(U32, U32, Target::Bits32).size, 96);
        assert_eq!(internal_node_layout(U32, U32, Target::Bits32).size, 144);
    }

    #[test]
    fn the_twelfth_increasing_key_splits_the_root_leaf() {
        // 11 keys fill the root leaf; the 12th arrives at edge 11, so the
        // leaf splits at key 6 (6 keys stay, 4 move right and the new key
        // joins them): a new leaf, then a new internal root.
        let mut tree = BTreeShadow::new(U32, U32, Target::Bits64);
        let mut calls = Vec::new();
        for key in 0..12u32 {
            calls.push(tree.insert(key));
        }
        assert_eq!(calls[0].len(), 1);
        assert!(calls[1..11].iter().all(Vec::is_empty));
        assert_eq!(calls[11].len(), 2);
        assert_eq!(tree.height(), 1);
        assert_eq!(tree.node_counts(), (2, 1));
        assert!(tree.insert(5).is_empty(), "a key already there");
    }

    #[test]
    fn splitpoint_keeps_five_on_each_side() {
        for edge in 0..=CAPACITY {
            let (middle, side) = splitpoint(edge);
            let (left, right) = (middle, CAPACITY - middle - 1);
            let (left, right) = match side {
                Side::Left(_) => (left + 1, right),
                Side::Right(_) => (left, right + 1),
            };
            assert!(left >= B - 1 && right >= B - 1, "edge {edge}");
            assert_eq!(left + right, CAPACITY);
        }
    }

    /// A small deterministic stream of numbers (an LCG).
    fn lcg(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 33) % modulo
            })
            .collect()
    }

    #[test]
    fn removals_keep_the_invariants_and_free_what_they_merge() {
        // Live nodes = allocations − frees, after every operation, and the
        // invariants hold; the views agree with `locate`.
        for seed in 1..=20u64 {
            let mut tree = BTreeShadow::new(U32, U32, Target::Bits64);
            let mut live: i64 = 0;
            let count = |calls: &[StdCall]| -> i64 {
                calls
                    .iter()
                    .map(|c| match c {
                        StdCall::Alloc(_) => 1,
                        StdCall::Dealloc(_) => -1,
                        StdCall::Realloc { .. } => 0,
                    })
                    .sum()
            };
            let ops = lcg(seed, 1500, 400);
            for (i, &k) in ops.iter().enumerate() {
                let calls = if i % 3 == 2 {
                    tree.remove(&(k as u32))
                } else {
                    tree.insert(k as u32)
                };
                live += count(&calls);
                tree.shape().check().unwrap();
                let (leaves, internals) = tree.node_counts();
                assert_eq!(live, (leaves + internals) as i64, "seed {seed} op {i}");
            }
            for rank in 0..tree.len() {
                let (node, slot) = tree.shape().locate(rank).unwrap();
                let view = tree
                    .shape()
                    .views()
                    .into_iter()
                    .find(|v| v.id == node)
                    .unwrap();
                assert_eq!(view.keys[slot], rank);
            }
            while !tree.is_empty() {
                live += count(&tree.pop_first());
                tree.shape().check().unwrap();
            }
            // The last removal leaves the empty root leaf.
            assert_eq!((live, tree.height()), (1, 0));
            assert_eq!(count(&tree.free()), -1);
        }
    }

    #[test]
    fn a_drop_walk_frees_each_node_after_its_last_key() {
        let mut shape = BTreeShape::new(U32, U32, Target::Bits64);
        for rank in 0..12 {
            shape.insert_at(rank);
        }
        // Leaves of 6 and 5 keys under a root of one key (rank 6).
        let steps = shape.drop_walk();
        let keys = |range: std::ops::Range<u64>| range.map(Step::Key);
        let mut expected: Vec<Step> = keys(0..6).collect();
        let free = |node, internal| {
            Step::Node(NodeCall {
                call: StdCall::Dealloc(if internal {
                    internal_node_layout(U32, U32, Target::Bits64)
                } else {
                    leaf_node_layout(U32, U32, Target::Bits64)
                }),
                node,
                internal,
                cause: Cause::Dropped,
            })
        };
        expected.push(free(0, false));
        expected.push(Step::Key(6));
        expected.extend(keys(7..12));
        expected.push(free(1, false));
        expected.push(free(2, true));
        assert_eq!(steps, expected);
        assert!(shape.root().is_none());
    }

    #[test]
    fn a_bulk_build_keeps_the_invariants_and_allocates_each_node_once() {
        for n in 0..400u64 {
            let mut shape = BTreeShape::new(U32, U32, Target::Bits64);
            let steps = shape.bulk_build(n);
            shape.check().unwrap_or_else(|e| panic!("{n} keys: {e}"));
            assert_eq!(shape.len(), n);
            let keys: Vec<u64> = steps
                .iter()
                .filter_map(|s| match s {
                    Step::Key(r) => Some(*r),
                    Step::Node(_) => None,
                })
                .collect();
            assert_eq!(keys, (0..n).collect::<Vec<_>>());
            let (leaves, internals) = shape.node_counts();
            let allocs = steps.iter().filter(|s| matches!(s, Step::Node(_))).count() as u64;
            assert_eq!(
                allocs,
                leaves + internals,
                "{n} keys: every node allocated once"
            );
            // Dropping frees exactly what the build allocated.
            let frees = shape
                .drop_walk()
                .iter()
                .filter(|s| matches!(s, Step::Node(_)))
                .count();
            assert_eq!(frees as u64, allocs);
        }
    }

    #[test]
    fn a_clone_has_the_same_shape() {
        let mut tree = BTreeShadow::new(U32, U32, Target::Bits64);
        for k in lcg(7, 300, 1000) {
            tree.insert(k as u32);
        }
        let (copy, steps) = tree.shape().clone_walk();
        copy.check().unwrap();
        let keys = steps.iter().filter(|s| matches!(s, Step::Key(_))).count() as u64;
        assert_eq!(keys, tree.len());
        assert_eq!(copy.node_counts(), tree.node_counts());
        let shape = |s: &BTreeShape| -> Vec<(bool, Vec<u64>)> {
            let mut v: Vec<_> = s
                .views()
                .into_iter()
                .map(|v| (v.internal, v.keys))
                .collect();
            v.sort();
            v
        };
        assert_eq!(shape(&copy), shape(tree.shape()));
    }
}
