//! An ordered map for the simulation's big records: the role map's runs
//! and the program's blocks, which grow to tens of
//! thousands of entries and change anywhere.
//!
//! A [`ChunkMap`] is a list of sorted chunks of at most [`CHUNK`] entries,
//! every key of one chunk below every key of the next, with the chunks'
//! first keys kept side by side in one array of their own. A look-up
//! bisects that array (contiguous keys: a few cache lines, where following
//! each chunk's pointer to its first entry missed the cache at every probe
//! and cost most of a call's time), then one chunk; an insert or a removal
//! shifts the entries of one chunk, and the lists of chunks only when one
//! splits in two or empties. A chunk splits in the middle, or where the
//! entries went in if that is at one of its ends, so that a run of
//! inserts at one end of the map leaves full chunks behind. The map remembers the chunk it last found (its
//! *finger*) and tries it first: the look-ups of one call cluster around
//! one block, so most skip the bisection. So it keeps a `BTreeMap`'s O(log n) look-ups and
//! near-constant updates (a single sorted `Vec` shifts everything after
//! the key: replaying 100,000 calls on a bump heap took ten times as long)
//! with a fraction of the B-tree's code in the wasm. It is iterated lowest key
//! first, compares by its entries, and prints like a `BTreeMap`.
//!
//! ```text
//!   firsts: [ 0x10               0x800              0xa00 … ]
//!   chunks: [ 0x10 0x20 … 0x7f0 ] [ 0x800 … 0x9c0 ] [ 0xa00 … ]
//!             ≤ CHUNK entries       insert: split in two when over
//! ```

use std::cell::Cell;
use std::fmt;
use std::iter::Zip;
use std::ops::Range;
use std::slice;

/// Entries a chunk holds before it splits in two.
const CHUNK: usize = 64;

/// An ordered map as sorted chunks. See the module docs.
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct ChunkMap<K, V> {
    /// Non-empty chunks, each sorted by key, every key of one below every
    /// key of the next.
    chunks: Vec<Chunk<K, V>>,
    /// Each chunk's first key: `firsts[c] == chunks[c].keys[0]`.
    firsts: Vec<K>,
    len: usize,
    /// The chunk the last look-up found: a hint, checked before use.
    #[cfg_attr(feature = "serde", serde(skip))]
    finger: Cell<usize>,
}

/// One chunk's entries, its keys and its values in two arrays side by
/// side: a bisection reads only keys, 8 of them to a cache line where a
/// role run's whole entry took 24 bytes and a block's record 48 (so it
/// missed the cache at almost every probe).
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Chunk<K, V> {
    keys: Vec<K>,
    /// `values[i]` is `keys[i]`'s.
    values: Vec<V>,
}

/// A chunk's entries in key order, as pairs of references.
type Entries<'a, K, V> = Zip<slice::Iter<'a, K>, slice::Iter<'a, V>>;

impl<K, V> Chunk<K, V> {
    fn with_capacity(n: usize) -> Self {
        Chunk {
            keys: Vec::with_capacity(n),
            values: Vec::with_capacity(n),
        }
    }

    /// How many entries there are.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The keys, in order.
    pub(crate) fn keys(&self) -> &[K] {
        &self.keys
    }

    /// The value of the `i`th entry.
    pub(crate) fn value(&self, i: usize) -> &V {
        &self.values[i]
    }

    /// The `i`th entry, if there are that many.
    pub(crate) fn get(&self, i: usize) -> Option<(&K, &V)> {
        Some((self.keys.get(i)?, &self.values[i]))
    }

    /// The entries from the `from`th on.
    fn entries(&self, from: usize) -> Entries<'_, K, V> {
        self.keys[from..].iter().zip(&self.values[from..])
    }

    fn last(&self) -> Option<(&K, &V)> {
        self.get(self.len().checked_sub(1)?)
    }

    fn insert(&mut self, i: usize, key: K, value: V) {
        self.keys.insert(i, key);
        self.values.insert(i, value);
    }

    /// Takes out the entries in `range`, handing each to `taken`.
    fn drain(&mut self, range: Range<usize>, mut taken: impl FnMut(K, V)) {
        for (k, v) in self.keys.drain(range.clone()).zip(self.values.drain(range)) {
            taken(k, v);
        }
    }

    /// The upper half, from entry `at` on, taken out as a chunk of its own.
    fn split_off(&mut self, at: usize) -> Self {
        let mut upper = Chunk::with_capacity(CHUNK + 1);
        upper.keys.extend(self.keys.drain(at..));
        upper.values.extend(self.values.drain(at..));
        upper
    }
}

impl<K: Copy, V: Copy> Chunk<K, V> {
    /// Puts `new` where the entries in `range` were: written over in
    /// place as far as they go; then the entries left over are taken out
    /// in one shift, or the new ones left over put in one by one (a
    /// handful at most, the parts of one block: `Vec::splice`'s machinery
    /// cost more than the shifts it saved).
    pub(crate) fn replace(&mut self, range: Range<usize>, new: &[(K, V)]) {
        let Range { start, end } = range;
        let kept = new.len().min(end - start);
        for (at, &(k, v)) in (start..).zip(&new[..kept]) {
            self.keys[at] = k;
            self.values[at] = v;
        }
        if new.len() < end - start {
            self.drain(start + new.len()..end, |_, _| ());
        } else {
            for (at, &(k, v)) in (start + kept..).zip(&new[kept..]) {
                self.insert(at, k, v);
            }
        }
    }
}

impl<K, V> Default for ChunkMap<K, V> {
    fn default() -> Self {
        ChunkMap {
            chunks: Vec::new(),
            firsts: Vec::new(),
            len: 0,
            finger: Cell::new(0),
        }
    }
}

impl<K, V> ChunkMap<K, V> {
    /// Every entry, lowest key first.
    pub(crate) fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            front: empty(),
            chunks: self.chunks.iter(),
            back: empty(),
        }
    }
}

/// Where a chunk of `len` entries, overfull after entries went in at its
/// `i`th, splits: there if that is at one of its ends, else in the
/// middle. Entries put in at one end, call after call (a bump allocator's
/// blocks going down, a heap filled upward), then go on into a chunk of
/// their own, and the full part they left is not shifted again: a split
/// in the middle left it half full, shifted at every insert until it
/// split again, twice as often. Both parts fit a chunk (an edit puts in a
/// few entries at most) and neither is empty.
fn split_point(i: usize, len: usize) -> usize {
    debug_assert!(len > CHUNK && len <= 2 * CHUNK, "{len} entries");
    if i <= 2 || i + 2 >= len {
        i.clamp(len - CHUNK, CHUNK).clamp(1, len - 1)
    } else {
        len / 2
    }
}

/// No entries.
fn empty<'a, K, V>() -> Entries<'a, K, V> {
    [].iter().zip(&[])
}

impl<K: Ord + Copy, V> ChunkMap<K, V> {
    /// An empty map.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// How many entries there are.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Where `key` is, or would go: its chunk (the last that starts at or
    /// below it, else the first) and its index there, `Err` if absent.
    /// `None` in an empty map.
    fn find(&self, key: &K) -> Option<(usize, Result<usize, usize>)> {
        let c = self.chunk_for(key);
        let chunk = self.chunks.get(c)?;
        Some((c, chunk.keys.binary_search(key)))
    }

    /// The value at `key`.
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        let (c, Ok(i)) = self.find(key)? else {
            return None;
        };
        Some(&self.chunks[c].values[i])
    }

    /// The value at `key`, to change.
    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        let (c, Ok(i)) = self.find(key)? else {
            return None;
        };
        Some(&mut self.chunks[c].values[i])
    }

    /// The chunk that holds `key` or would: the last that starts at or
    /// below it, else the first (0 in an empty map). The finger's chunk if
    /// it is that one, else a bisection of the first keys.
    fn chunk_for(&self, key: &K) -> usize {
        let f = self.finger.get();
        let starts_at_or_below = |c: usize| self.firsts.get(c).is_some_and(|first| first <= key);
        if starts_at_or_below(f) && !starts_at_or_below(f + 1) {
            return f;
        }
        let c = self
            .firsts
            .partition_point(|first| first <= key)
            .saturating_sub(1);
        self.finger.set(c);
        c
    }

    /// Lets `edit` rewrite, in place, the chunk that holds `key` or would
    /// (see [`chunk_for`](Self::chunk_for)): one look-up for a change that
    /// stays inside one chunk, as most of the role map's do. `edit` gets
    /// the chunk and where it stands (the last entry of the chunk before,
    /// the first of the chunk after); it must keep it sorted, with keys
    /// above the previous chunk's and below the next one's. The first
    /// keys, the length and the splitting of an overfull chunk are seen to
    /// after. `None` in an empty map.
    pub(crate) fn edit_chunk<R>(
        &mut self,
        key: &K,
        edit: impl FnOnce(&mut Chunk<K, V>, Place<'_, K, V>) -> R,
    ) -> Option<R> {
        let c = self.chunk_for(key);
        if c >= self.chunks.len() {
            return None;
        }
        let (before, rest) = self.chunks.split_at_mut(c);
        let (chunk, after) = rest.split_first_mut()?;
        let len_before = chunk.len();
        let result = edit(
            chunk,
            Place {
                before: before.last().and_then(Chunk::last),
                after: after.first().and_then(|a| a.get(0)),
            },
        );
        self.len = self.len + chunk.len() - len_before;
        if self.refresh(c) {
            let len = self.chunks[c].len();
            if len > CHUNK {
                let i = self.chunks[c].keys.partition_point(|k| k < key);
                self.split(c, split_point(i, len));
            }
        }
        Some(result)
    }

    /// Chunk `c`, overfull, split in two before its `at`th entry.
    #[inline(never)]
    fn split(&mut self, c: usize, at: usize) {
        let upper = self.chunks[c].split_off(at);
        self.firsts.insert(c + 1, upper.keys[0]);
        self.chunks.insert(c + 1, upper);
    }

    /// After entries left chunk `c`: its first key written again, or the
    /// chunk dropped if it emptied. Whether it is still there.
    fn refresh(&mut self, c: usize) -> bool {
        match self.chunks[c].keys.first() {
            Some(&first) => {
                self.firsts[c] = first;
                true
            }
            None => {
                self.chunks.remove(c);
                self.firsts.remove(c);
                false
            }
        }
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<V> {
        let (c, at) = self.find(&key).unwrap_or_else(|| {
            self.chunks.push(Chunk::with_capacity(CHUNK + 1));
            self.firsts.push(key);
            (0, Err(0))
        });
        let chunk = &mut self.chunks[c];
        match at {
            Ok(i) => Some(std::mem::replace(&mut chunk.values[i], value)),
            Err(i) => {
                chunk.insert(i, key, value);
                if i == 0 {
                    self.firsts[c] = key;
                }
                let len = chunk.len();
                if len > CHUNK {
                    self.split(c, split_point(i, len));
                }
                self.len += 1;
                None
            }
        }
    }

    /// Takes `key` out; its value, if it was there.
    pub(crate) fn remove(&mut self, key: &K) -> Option<V> {
        let (c, Ok(i)) = self.find(key)? else {
            return None;
        };
        let chunk = &mut self.chunks[c];
        chunk.keys.remove(i);
        let value = chunk.values.remove(i);
        self.refresh(c);
        self.len -= 1;
        Some(value)
    }

    /// Takes out every entry with a key in `from..to`, lowest first,
    /// handing each to `taken`: chunk by chunk, one shift each.
    pub(crate) fn drain_range(&mut self, from: &K, to: &K, mut taken: impl FnMut(K, V)) {
        let mut c = self.chunk_for(from);
        while c < self.chunks.len() && self.firsts[c] < *to {
            let chunk = &mut self.chunks[c];
            let lo = chunk.keys.partition_point(|k| k < from);
            let hi = chunk.keys.partition_point(|k| k < to);
            self.len -= hi - lo;
            chunk.drain(lo..hi, &mut taken);
            if self.refresh(c) {
                c += 1;
            }
        }
    }

    /// The entry with the greatest key at most `key`: a `BTreeMap`'s
    /// `range(..=key).next_back()`.
    pub(crate) fn at_or_below(&self, key: &K) -> Option<(&K, &V)> {
        self.last_before(key, true)
    }

    /// The entry with the greatest key less than `key`: a `BTreeMap`'s
    /// `range(..key).next_back()`.
    pub(crate) fn below(&self, key: &K) -> Option<(&K, &V)> {
        self.last_before(key, false)
    }

    /// The last entry with a key below `key`, or at it if `inclusive`.
    fn last_before(&self, key: &K, inclusive: bool) -> Option<(&K, &V)> {
        let before = |k: &K| k < key || inclusive && k == key;
        let c = self.chunk_for(key);
        let chunk = self.chunks.get(c)?;
        match chunk.keys.partition_point(before) {
            // Nothing here is before `key`: the previous chunk's last is.
            0 => self.chunks.get(c.checked_sub(1)?)?.last(),
            i => chunk.get(i - 1),
        }
    }

    /// The entries with a key of at least `from`, lowest first.
    pub(crate) fn iter_from(&self, from: &K) -> Iter<'_, K, V> {
        // The chunk that may hold `from`: the last starting at or below it
        // (the first, if none does). Its entries from `from` on, then
        // every chunk after it.
        let c = self.chunk_for(from);
        let Some(chunk) = self.chunks.get(c) else {
            return Iter {
                front: empty(),
                chunks: [].iter(),
                back: empty(),
            };
        };
        Iter {
            front: chunk.entries(chunk.keys.partition_point(|k| k < from)),
            chunks: self.chunks[c + 1..].iter(),
            back: empty(),
        }
    }
}

/// Where an edited chunk stands in its map: the entries just outside it,
/// in the chunks before and after (`None` at the map's ends).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a, K, V> {
    /// The last entry of the chunk before.
    pub(crate) before: Option<(&'a K, &'a V)>,
    /// The first entry of the chunk after.
    pub(crate) after: Option<(&'a K, &'a V)>,
}

/// A [`ChunkMap`]'s entries in key order: what is left of the chunk at the
/// front, the whole chunks after it, and what is left of the chunk at the
/// back once `next_back` has started one.
pub(crate) struct Iter<'a, K, V> {
    front: Entries<'a, K, V>,
    chunks: slice::Iter<'a, Chunk<K, V>>,
    back: Entries<'a, K, V>,
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(entry) = self.front.next() {
                return Some(entry);
            }
            match self.chunks.next() {
                Some(chunk) => self.front = chunk.entries(0),
                None => return self.back.next(),
            }
        }
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(entry) = self.back.next_back() {
                return Some(entry);
            }
            match self.chunks.next_back() {
                Some(chunk) => self.back = chunk.entries(0),
                None => return self.front.next_back(),
            }
        }
    }
}

/// Equal when the entries are, however they fall into chunks.
impl<K: PartialEq, V: PartialEq> PartialEq for ChunkMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<K: Eq, V: Eq> Eq for ChunkMap<K, V> {}

/// As a `BTreeMap` prints: `{key: value, …}`.
impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for ChunkMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A long run of inserts and removals at keys all over the map, the
    /// chunks splitting and emptying, checked against std's `BTreeMap`
    /// after every step.
    #[test]
    fn it_behaves_as_a_btree_map() {
        let mut ours = ChunkMap::new();
        let mut model = BTreeMap::new();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for step in 0..20_000u64 {
            // Grow for a while, then shrink, then grow again.
            let grow = (step / 5_000) % 2 == 0;
            let key = next(3_000);
            if (next(3) > 0) == grow {
                assert_eq!(ours.insert(key, step), model.insert(key, step));
            } else {
                assert_eq!(ours.remove(&key), model.remove(&key));
            }
            if step % 97 == 0 {
                // Take a range out of both.
                let (a, b) = (next(3_100), next(3_100));
                let (from, to) = (a.min(b), a.max(b).min(a.min(b) + 400));
                let mut taken = Vec::new();
                ours.drain_range(&from, &to, |k, v| taken.push((k, v)));
                let expected: Vec<_> = model.range(from..to).map(|(k, v)| (*k, *v)).collect();
                model.retain(|k, _| !(from..to).contains(k));
                assert_eq!(taken, expected);
            }
            let probe = next(3_100);
            assert_eq!(ours.get(&probe), model.get(&probe));
            assert_eq!(
                ours.get_mut(&probe).copied(),
                model.get_mut(&probe).copied()
            );
            assert_eq!(ours.at_or_below(&probe), model.range(..=probe).next_back());
            assert_eq!(ours.below(&probe), model.range(..probe).next_back());
            assert!(ours
                .iter_from(&probe)
                .take(3)
                .eq(model.range(probe..).take(3)));
            assert_eq!(ours.len(), model.len());
            if step % 1_000 == 0 {
                assert!(ours.iter().eq(model.iter()));
                assert!(ours.iter().rev().eq(model.iter().rev()));
                // From both ends at once, until they meet.
                let (mut a, mut b) = (ours.iter(), model.iter());
                for turn in 0.. {
                    let (x, y) = if turn % 3 == 0 {
                        (a.next_back(), b.next_back())
                    } else {
                        (a.next(), b.next())
                    };
                    assert_eq!(x, y);
                    if x.is_none() {
                        break;
                    }
                }
                assert!(ours
                    .chunks
                    .iter()
                    .all(|c| c.len() > 0 && c.len() <= CHUNK && c.values.len() == c.len()));
                assert!(ours
                    .chunks
                    .iter()
                    .map(|c| c.keys[0])
                    .eq(ours.firsts.iter().copied()));
            }
        }
        assert_eq!(format!("{ours:?}"), format!("{model:?}"));
    }

    /// Keys put in at one end, in order, fill every chunk they leave
    /// behind: 6,400 keys in 100 chunks of `CHUNK` (splits in the middle
    /// left 200 half full), going up or going down.
    #[test]
    fn inserts_at_one_end_leave_full_chunks_behind() {
        for down in [false, true] {
            let mut m = ChunkMap::new();
            for k in 0..6_400u32 {
                m.insert(if down { 6_399 - k } else { k }, k);
            }
            assert_eq!(m.chunks.len(), 6_400 / CHUNK, "down: {down}");
            assert!(m.chunks.iter().all(|c| c.len() == CHUNK));
            assert!(m.iter().map(|(k, _)| *k).eq(0..6_400));
        }
    }

    #[test]
    fn maps_with_the_same_entries_are_equal_however_chunked() {
        let mut a = ChunkMap::new();
        let mut b = ChunkMap::new();
        for k in 0..200 {
            a.insert(k, ());
        }
        for k in (0..400).rev() {
            b.insert(k, ());
        }
        for k in 200..400 {
            b.remove(&k);
        }
        let lens = |m: &ChunkMap<i32, ()>| m.chunks.iter().map(Chunk::len).collect::<Vec<_>>();
        assert_ne!(lens(&a), lens(&b));
        assert_eq!(a, b);
        b.remove(&0);
        assert_ne!(a, b);
    }
}
