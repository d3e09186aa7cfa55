//! `BTreeMap::append` and `BTreeSet::append`, as std runs them.
//!
//! An empty `other` changes nothing, and an empty `self` swaps with it (no
//! call either way). Otherwise both maps are taken apart by value and a
//! new tree is built from the two walks merged in key order
//! (`append_from_sorted_iters`): the new root's leaf first, then, for
//! each merged element, the walks advanced as `MergeIterInner` advances
//! them (each freeing the nodes it leaves, see `btree_map.rs`), and the
//! element pushed on the new tree's right edge (allocating a node when
//! the edge is full: the same bulk build `collect` makes). Of two equal
//! keys, `other`'s element is kept and `self`'s dropped there and then.
//! After the last element, one more step of the merge ends both walks,
//! each freeing the nodes it still has.

use std::cmp::Ordering;

use super::btree_map::Dying;
use super::iter::Iter;
use super::*;
use crate::scenario::std_rules::btree::{Cause, Step};
use crate::scenario::std_rules::StdCall;

/// What `MergeIterInner` holds back for the next step: an element of one
/// walk, taken while the other's smaller one was given.
#[derive(Debug, Clone, Copy)]
enum Peeked {
    A,
    B,
}

/// The two walks being merged, and the element held back.
struct Merge {
    a: Dying,
    b: Dying,
    peeked: Option<(Peeked, Value)>,
}

impl Interp<'_> {
    /// `map.append(&mut other)` of B-trees `id` and `other`.
    pub(super) fn tree_append(&mut self, id: usize, other: usize, text: &str, span: Span) -> R<()> {
        if self.map_items_ref(other).is_empty() {
            return Ok(());
        }
        if self.map_items_ref(id).is_empty() {
            // `mem::swap(self, other)`: the handles change places.
            self.owners.swap(id, other);
            let (mine, theirs) = (self.contents.remove(&id), self.contents.remove(&other));
            if let Some(c) = theirs {
                self.contents.insert(id, c);
            }
            if let Some(c) = mine {
                self.contents.insert(other, c);
            }
            for map in [id, other] {
                self.tree_settle_all(map);
                self.refresh_home(map);
            }
            return Ok(());
        }
        let keys = |me: &Self, map: usize| -> Vec<Value> {
            me.map_items_ref(map)
                .iter()
                .map(|item| me.item_key(map, item))
                .collect()
        };
        let (ka, kb) = (keys(self, id), keys(self, other));
        let n = merged_len(&ka, &kb, |x, y| self.compare(x, y, span))?;
        let take = |me: &mut Self, map: usize| match me.tree_into_iter(map) {
            Iter::Dying(walk) => Ok(*walk),
            _ => err(span, "`append` takes a B-tree"),
        };
        let mut merge = Merge {
            a: take(self, id)?,
            b: take(self, other)?,
            peeked: None,
        };
        let steps = self.tree_mut(id).shape.bulk_build(n);
        let kind = self.map_kind_name(id);
        let why = format!("`{text}`: the two maps are taken apart as they merge");
        for step in steps {
            match step {
                Step::Key(_) => {
                    let Some(item) = self.merge_next(&mut merge, id, &why, text, span)? else {
                        break;
                    };
                    self.items_mut(id).push(item);
                    let serial = self.tree_mut(id).serial();
                    self.tree_mut(id).serials.push(serial);
                }
                Step::Node(call) => {
                    let StdCall::Alloc(layout) = call.call else {
                        continue;
                    };
                    let reason = match call.cause {
                        Cause::FirstLeaf => format!("`{text}`: a new {kind} is built from both, merged in key order: its root, a leaf"),
                        Cause::NewRoot => format!("`{text}`: every node on the right edge is full, so a new internal root goes above them: the tree grows a level"),
                        _ => format!("`{text}`: the nodes on the right edge are full up to a node with room, which takes the next key and a new right subtree"),
                    };
                    let p = self.alloc_infallible(layout, false, &reason)?;
                    self.tree_mut(id).blocks.push((call.node, p));
                }
            }
        }
        // The loop asks once more: both walks end, freeing what is left.
        if self.merge_next(&mut merge, id, &why, text, span)?.is_some() {
            return err(span, "`append`: the merge gave more elements than counted");
        }
        self.tree_settle_all(id);
        self.write_tree(id);
        self.refresh_home(id);
        self.refresh_home(other);
        Ok(())
    }

    /// One step of std's `MergeIter`: the walks advanced as
    /// `MergeIterInner::nexts` advances them, the smaller element given
    /// and the other held back; of equal keys, `other`'s (`b`) is given
    /// and `self`'s dropped.
    fn merge_next(
        &mut self,
        merge: &mut Merge,
        map: usize,
        why: &str,
        text: &str,
        span: Span,
    ) -> R<Option<Value>> {
        let (a_next, b_next) = match merge.peeked.take() {
            Some((Peeked::A, v)) => (Some(v), self.tree_next(&mut merge.b, false, why)?),
            Some((Peeked::B, v)) => (self.tree_next(&mut merge.a, false, why)?, Some(v)),
            None => {
                let a = self.tree_next(&mut merge.a, false, why)?;
                (a, self.tree_next(&mut merge.b, false, why)?)
            }
        };
        let (a_next, b_next) = match (a_next, b_next) {
            (Some(a), Some(b)) => {
                let (ka, kb) = (self.item_key(map, &a), self.item_key(map, &b));
                match self.compare(&ka, &kb, span)? {
                    Ordering::Less => {
                        merge.peeked = Some((Peeked::B, b));
                        (Some(a), None)
                    }
                    Ordering::Greater => {
                        merge.peeked = Some((Peeked::A, a));
                        (None, Some(b))
                    }
                    Ordering::Equal => (Some(a), Some(b)),
                }
            }
            other => other,
        };
        Ok(match (a_next, b_next) {
            (Some(a), Some(b)) => {
                let reason = format!(
                    "`{text}`: the other map has the same key, so this map's element is dropped"
                );
                self.drop_value(&a, &reason)?;
                Some(b)
            }
            (a, b) => b.or(a),
        })
    }

    /// Notes every element of B-tree `id` as living in its tree.
    fn tree_settle_all(&mut self, id: usize) {
        let items = self.map_items(id);
        for (index, item) in items.iter().enumerate() {
            self.settle(value::Root::Item { owner: id, index }, item);
        }
    }
}

/// How many elements merging the sorted keys `a` and `b` gives (equal
/// keys once).
fn merged_len(
    a: &[Value],
    b: &[Value],
    mut cmp: impl FnMut(&Value, &Value) -> R<Ordering>,
) -> R<u64> {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match cmp(&a[i], &b[j])? {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
        n += 1;
    }
    Ok(n + (a.len() - i) as u64 + (b.len() - j) as u64)
}
