//! Ordered look-ups on the flat maps the strategies keep their records in.
//!
//! The strategies' records (jemalloc's slabs and large extents, the page
//! allocator's free runs, the size-class pages' classes) are few and small:
//! [`LiteMap`]s, sorted `Vec`s of (key, value) searched by bisection and
//! iterated lowest key first, like a `BTreeMap` but with a fraction of its
//! code in the wasm. (The simulation's own big records, which change
//! anywhere, are [`ChunkMap`](crate::chunk_map::ChunkMap)s.) These two
//! functions stand in for the B-tree's `range(..=key).next_back()` and
//! `range(..key).next_back()`: the entry at or just below a key, found in
//! O(log n).

use litemap::LiteMap;

/// The entry with the greatest key at most `key`.
pub(crate) fn at_or_below<'a, K: Ord, V>(
    map: &'a LiteMap<K, V>,
    key: &K,
) -> Option<(&'a K, &'a V)> {
    let end = match map.find_index(key) {
        Ok(i) => i + 1,
        Err(i) => i,
    };
    map.get_indexed(end.checked_sub(1)?)
}

/// The entry with the greatest key less than `key`.
pub(crate) fn below<'a, K: Ord, V>(map: &'a LiteMap<K, V>, key: &K) -> Option<(&'a K, &'a V)> {
    let (Ok(end) | Err(end)) = map.find_index(key);
    map.get_indexed(end.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_ups_find_the_entry_at_or_below_a_key() {
        let map: LiteMap<u64, char> = [(10, 'a'), (20, 'b'), (30, 'c')].into_iter().collect();
        assert_eq!(at_or_below(&map, &5), None);
        assert_eq!(at_or_below(&map, &10), Some((&10, &'a')));
        assert_eq!(at_or_below(&map, &25), Some((&20, &'b')));
        assert_eq!(at_or_below(&map, &99), Some((&30, &'c')));
        assert_eq!(below(&map, &10), None);
        assert_eq!(below(&map, &11), Some((&10, &'a')));
        assert_eq!(below(&map, &30), Some((&20, &'b')));
        assert_eq!(below(&map, &31), Some((&30, &'c')));
    }
}
