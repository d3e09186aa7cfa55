//! What each id of an op list names, looked up once per op.
//!
//! malloc lab's traces, `alloc-sim gen` and `alloc-sim-record` number their
//! blocks 0, 1, 2, … in order, and a replay remembers every id it has
//! seen (a freed one too: freeing it again is a double free). So the
//! table is an array indexed by id while the ids stay dense, and a hash
//! map for the rest. A replay then hashes nothing and probes no table:
//! with a hash map for every id, the look-up took a tenth of a
//! first-fit-headers call's time and a sixth of a jemalloc one's.
//!
//! The array grows to an id only while that keeps it at most
//! [`SPREAD`] times as long as the ids it holds, plus [`START`]: a trace
//! with ids like 4000000000 costs no more memory than its ops.

use std::collections::HashMap;

/// Slots the array may have per id it holds.
const SPREAD: usize = 4;
/// Slots the array may have before it holds any.
const START: usize = 1024;

/// A map from ids to `T`: dense ids in an array, the others hashed. See
/// the module docs.
#[derive(Debug, Clone)]
pub(super) struct Ids<T> {
    dense: Vec<Option<T>>,
    /// How many of `dense` are `Some`.
    held: usize,
    sparse: HashMap<u64, T>,
}

impl<T> Default for Ids<T> {
    fn default() -> Self {
        Ids {
            dense: Vec::new(),
            held: 0,
            sparse: HashMap::new(),
        }
    }
}

impl<T: Copy> Ids<T> {
    /// What `id` names, if anything.
    pub(super) fn get(&self, id: u64) -> Option<T> {
        match usize::try_from(id).ok().and_then(|i| self.dense.get(i)) {
            Some(Some(value)) => Some(*value),
            _ => self.sparse.get(&id).copied(),
        }
    }

    /// `id` names `value` now.
    pub(super) fn insert(&mut self, id: u64, value: T) {
        let room = (self.held + 1).saturating_mul(SPREAD).saturating_add(START);
        match usize::try_from(id) {
            Ok(i) if i < self.dense.len().max(room) => {
                if i >= self.dense.len() {
                    // Doubling, as a `Vec` grows, but never past the room.
                    let len = (i + 1).max(self.dense.len() * 2).min(room);
                    self.dense.resize(len, None);
                }
                if self.dense[i].replace(value).is_none() {
                    self.held += 1;
                    // An id the array has grown over since it was hashed
                    // keeps one home.
                    if !self.sparse.is_empty() {
                        self.sparse.remove(&id);
                    }
                }
            }
            _ => {
                self.sparse.insert(id, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever the ids, dense or far apart, the table answers as a
        /// hash map does, and its array stays within its bound.
        #[test]
        fn the_table_is_a_map_from_ids(
            ops in proptest::collection::vec(
                (
                    proptest::prop_oneof![0u64..3000, proptest::num::u64::ANY],
                    proptest::num::u32::ANY,
                ),
                0..400,
            ),
        ) {
            let mut ids = Ids::default();
            let mut map = HashMap::new();
            for &(id, value) in &ops {
                ids.insert(id, value);
                map.insert(id, value);
                proptest::prop_assert!(ids.dense.len() <= ids.held * SPREAD + START);
            }
            for &(id, _) in &ops {
                proptest::prop_assert_eq!(ids.get(id), map.get(&id).copied());
                proptest::prop_assert_eq!(ids.get(id.wrapping_add(1)), map.get(&id.wrapping_add(1)).copied());
            }
            proptest::prop_assert_eq!(ids.held + ids.sparse.len(), map.len());
        }
    }

    #[test]
    fn dense_ids_need_no_hash_map() {
        let mut ids = Ids::default();
        for id in 0..100_000u64 {
            ids.insert(id, id * 2);
        }
        assert!(ids.sparse.is_empty());
        assert_eq!(ids.get(77_777), Some(155_554));
        assert_eq!(ids.get(100_000), None);
    }
}
