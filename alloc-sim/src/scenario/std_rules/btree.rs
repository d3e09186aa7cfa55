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
//! A `BTreeSet<T>` is a `BTreeMap<T, SetValZST>`: values of size 0.
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
//! - Dropping (and `clear`) walks the tree in order and frees each node as
//!   it leaves it for good: the children left to right, then their parent
//!   (post-order), the root last.
//! - `clone` rebuilds the same shape: a node's first subtree first, then
//!   the node, then its other subtrees.
//!
//! [`BTreeShadow`] keeps the tree's shape (which key is in which node) and
//! answers with these calls for `insert`, drop and `clone`, for any key
//! order. Removal (merges and steals that free nodes) and building from a
//! sorted iterator (`collect`, `from`, `append`) are not modelled.

use std::mem;

use super::{extend, pad_to_align, rust_layout, StdCall};
use crate::error::LayoutSpec;
use crate::target::Target;

/// std's `B`: nodes split around it.
pub const B: usize = 6;
/// Keys (and values) a node holds: `2·B − 1`.
pub const CAPACITY: usize = 2 * B - 1;
/// Child pointers of an internal node: `2·B`.
pub const EDGES: u64 = 2 * B as u64;

/// `Layout::new::<LeafNode<K, V>>()`: a parent pointer, `parent_idx` and
/// `len` (two `u16`), 11 keys and 11 values, without padding between
/// fields since rustc puts the most-aligned first.
pub fn leaf_node_layout(k: LayoutSpec, v: LayoutSpec, target: Target) -> LayoutSpec {
    let word = target.word_size();
    let n = CAPACITY as u64;
    rust_layout(&[
        LayoutSpec {
            size: word,
            align: word,
        },
        LayoutSpec { size: 2, align: 2 },
        LayoutSpec { size: 2, align: 2 },
        LayoutSpec {
            size: n * k.size,
            align: k.align,
        },
        LayoutSpec {
            size: n * v.size,
            align: v.align,
        },
    ])
}

/// `Layout::new::<InternalNode<K, V>>()`: the leaf node, then 12 child
/// pointers (`repr(C)`).
pub fn internal_node_layout(k: LayoutSpec, v: LayoutSpec, target: Target) -> LayoutSpec {
    let word = target.word_size();
    let edges = LayoutSpec {
        size: EDGES * word,
        align: word,
    };
    pad_to_align(extend(leaf_node_layout(k, v, target), edges).0)
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

/// A node's keys and, for an internal node, its children.
#[derive(Debug, Clone)]
struct Node<K> {
    keys: Vec<K>,
    /// Empty for a leaf; `keys.len() + 1` children otherwise.
    edges: Vec<Node<K>>,
}

impl<K> Node<K> {
    fn is_leaf(&self) -> bool {
        self.edges.is_empty()
    }
}

/// What inserting into a subtree did.
enum Inserted<K> {
    /// The key was there already.
    Found,
    /// It fit without splitting this subtree's root.
    Fit,
    /// The subtree's root split: this key moves up, this node is its new
    /// right sibling.
    Split(K, Node<K>),
}

/// The shape of one `BTreeMap<K, V>` (keys only), and the calls it makes.
#[derive(Debug, Clone)]
pub struct BTreeShadow<K> {
    root: Option<Node<K>>,
    height: usize,
    len: u64,
    leaf: LayoutSpec,
    internal: LayoutSpec,
}

impl<K: Ord> BTreeShadow<K> {
    /// `BTreeMap::new()` for keys and values of these layouts: no call.
    pub fn new(k: LayoutSpec, v: LayoutSpec, target: Target) -> BTreeShadow<K> {
        BTreeShadow {
            root: None,
            height: 0,
            len: 0,
            leaf: leaf_node_layout(k, v, target),
            internal: internal_node_layout(k, v, target),
        }
    }

    /// Entries held.
    pub const fn len(&self) -> u64 {
        self.len
    }

    /// Whether it holds none.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Levels below the root (0: the root is a leaf).
    pub const fn height(&self) -> usize {
        self.height
    }

    /// Leaf and internal nodes allocated now.
    pub fn node_counts(&self) -> (u64, u64) {
        fn count<K>(node: &Node<K>, counts: &mut (u64, u64)) {
            if node.is_leaf() {
                counts.0 += 1;
            } else {
                counts.1 += 1;
                node.edges.iter().for_each(|e| count(e, counts));
            }
        }
        let mut counts = (0, 0);
        if let Some(root) = &self.root {
            count(root, &mut counts);
        }
        counts
    }

    /// `BTreeMap::insert(key, _)`: the root leaf for the first key, a node
    /// for each split (leaf first, then ancestors upward), a new root last
    /// if the root split; nothing if the key was there.
    pub fn insert(&mut self, key: K) -> Vec<StdCall> {
        let mut calls = Vec::new();
        let Some(root) = &mut self.root else {
            calls.push(StdCall::Alloc(self.leaf));
            self.root = Some(Node {
                keys: vec![key],
                edges: Vec::new(),
            });
            self.len = 1;
            return calls;
        };
        let layouts = (self.leaf, self.internal);
        match insert_into(root, key, layouts, &mut calls) {
            Inserted::Found => return calls,
            Inserted::Fit => {}
            Inserted::Split(up, right) => {
                // `push_internal_level`: the old root becomes the first
                // child of a new internal root.
                calls.push(StdCall::Alloc(self.internal));
                let left = mem::replace(
                    root,
                    Node {
                        keys: Vec::new(),
                        edges: Vec::new(),
                    },
                );
                root.keys.push(up);
                root.edges = vec![left, right];
                self.height += 1;
            }
        }
        self.len += 1;
        calls
    }

    /// Dropping the map (or `clear`): every node freed in post-order.
    pub fn free(&mut self) -> Vec<StdCall> {
        let mut calls = Vec::new();
        if let Some(root) = self.root.take() {
            free_subtree(&root, (self.leaf, self.internal), &mut calls);
        }
        self.height = 0;
        self.len = 0;
        calls
    }

    /// `BTreeMap::clone()`: each node allocated as the copy reaches it —
    /// a node's first subtree, the node, its other subtrees.
    pub fn clone_calls(&self) -> Vec<StdCall> {
        let mut calls = Vec::new();
        if let Some(root) = &self.root {
            clone_subtree(root, (self.leaf, self.internal), &mut calls);
        }
        calls
    }
}

/// Inserts `key` below `node`, splitting what is full on the way back up.
fn insert_into<K: Ord>(
    node: &mut Node<K>,
    key: K,
    layouts: (LayoutSpec, LayoutSpec),
    calls: &mut Vec<StdCall>,
) -> Inserted<K> {
    let idx = match node.keys.binary_search(&key) {
        Ok(_) => return Inserted::Found,
        Err(idx) => idx,
    };
    if node.is_leaf() {
        return insert_at(node, idx, key, None, layouts.0, calls);
    }
    match insert_into(&mut node.edges[idx], key, layouts, calls) {
        Inserted::Split(up, right) => insert_at(node, idx, up, Some(right), layouts.1, calls),
        done => done,
    }
}

/// `Handle::insert` on a leaf or internal edge: fits, or splits the node
/// (allocating its right half, of `layout`) and inserts into one half.
fn insert_at<K>(
    node: &mut Node<K>,
    idx: usize,
    key: K,
    edge: Option<Node<K>>,
    layout: LayoutSpec,
    calls: &mut Vec<StdCall>,
) -> Inserted<K> {
    if node.keys.len() < CAPACITY {
        place(node, idx, key, edge);
        return Inserted::Fit;
    }
    calls.push(StdCall::Alloc(layout));
    let (middle, side) = splitpoint(idx);
    let right_keys = node.keys.split_off(middle + 1);
    let right_edges = if node.is_leaf() {
        Vec::new()
    } else {
        node.edges.split_off(middle + 1)
    };
    // `split_off` left the middle key last in the left half.
    let Some(up) = node.keys.pop() else {
        unreachable!("a full node has a middle key")
    };
    let mut right = Node {
        keys: right_keys,
        edges: right_edges,
    };
    match side {
        Side::Left(i) => place(node, i, key, edge),
        Side::Right(i) => place(&mut right, i, key, edge),
    }
    Inserted::Split(up, right)
}

/// `insert_fit`: the key at `idx` and its right child at `idx + 1`.
fn place<K>(node: &mut Node<K>, idx: usize, key: K, edge: Option<Node<K>>) {
    node.keys.insert(idx, key);
    if let Some(edge) = edge {
        node.edges.insert(idx + 1, edge);
    }
}

fn free_subtree<K>(node: &Node<K>, layouts: (LayoutSpec, LayoutSpec), calls: &mut Vec<StdCall>) {
    for child in &node.edges {
        free_subtree(child, layouts, calls);
    }
    let layout = if node.is_leaf() { layouts.0 } else { layouts.1 };
    calls.push(StdCall::Dealloc(layout));
}

fn clone_subtree<K>(node: &Node<K>, layouts: (LayoutSpec, LayoutSpec), calls: &mut Vec<StdCall>) {
    let Some((first, rest)) = node.edges.split_first() else {
        calls.push(StdCall::Alloc(layouts.0));
        return;
    };
    clone_subtree(first, layouts, calls);
    calls.push(StdCall::Alloc(layouts.1));
    for child in rest {
        clone_subtree(child, layouts, calls);
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
}
