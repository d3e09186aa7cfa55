//! Where hashbrown puts each element: the control bytes and buckets of a
//! `RawTable`, as std 1.95's `HashMap` and `HashSet` fill them
//! (hashbrown 0.16).
//!
//! [`hash_table`](super::hash_table) says which blocks a table allocates
//! while it only grows. Once elements are removed that is not enough: a
//! removal may leave a *tombstone* (`DELETED`) that still counts against
//! the table's room, so when it grows depends on where each element sits,
//! and that depends on the hashes. This is the whole table, bucket by
//! bucket:
//!
//! - **Control bytes.** One per bucket: `EMPTY` (`0xFF`), `DELETED`
//!   (`0x80`), or the element's *tag*, the top 7 bits of its hash. They are
//!   read a group (`Group::WIDTH` bytes) at a time, so `WIDTH` more follow
//!   the last bucket's: a mirror of the first `WIDTH` (or, in a table
//!   smaller than a group, the table's own bytes again after `EMPTY`s).
//! - **Probing.** A hash starts at bucket `h1 = hash mod buckets` and reads
//!   one group; the first `EMPTY` or `DELETED` byte in it is where a new
//!   element goes. A full group sends the probe on by triangular steps (1,
//!   2, 3 … groups), which visit every group once.
//! - **Room.** `growth_left` counts the `EMPTY` buckets that may still be
//!   filled (capacity minus items, at first). Filling an `EMPTY` bucket
//!   takes one; filling a `DELETED` one takes none.
//! - **Removal.** A removed element's byte becomes `EMPTY` (and
//!   `growth_left` grows by one) unless a probe could have passed over it:
//!   when the `WIDTH`-byte windows ending before it and starting at it hold
//!   no `EMPTY` between them, it becomes `DELETED`.
//! - **Making room.** When more elements are asked for than `growth_left`
//!   allows: if they would fill at most half of the table's capacity, the
//!   tombstones are cleared *in place* (no allocator call; elements may
//!   move); otherwise a new table is allocated for `max(items + additional,
//!   capacity + 1)` elements, every element is placed in it afresh in
//!   bucket order, and the old block is freed.
//!
//! Iterating a table (its `for` loop, `{:?}`, drop, clone) walks the
//! buckets in order, so the order a program sees is the buckets' order.
//!
//! The invariants, checked by [`RawTable::check`]:
//!
//! ```text
//!   items        = number of full control bytes among the first `buckets`
//!   growth_left  = capacity - items - (DELETED bytes)
//!   mirror bytes = the bytes set_ctrl writes them from
//! ```

use siphasher::sip::SipHasher13;

use super::hash_table::{bucket_mask_to_capacity, capacity_to_buckets, group_width, table_layout};
use super::rust_layout::{struct_shape, Shape};
use super::{usize_max, GrowError, StdCall};
use crate::error::LayoutSpec;
use crate::target::Target;

/// The keys of the `n`th `RandomState` a thread makes (`HashMap::new`,
/// `with_capacity`, `collect` each make one; `clone` copies its map's).
/// std seeds a thread's first from the operating system's random bytes
/// and adds one to `k0` for each next; here those bytes are zeros, a
/// seed real Rust can draw (and does, when `getrandom` is made to return
/// zeros, as the conformance corpus does), so keys and order are real.
pub const fn random_state(n: u64) -> (u64, u64) {
    (n, 0)
}

/// The hasher `RandomState` with `keys` builds: SipHash-1-3. A key is
/// hashed by the bytes its `Hash` impl writes: an integer its
/// little-endian bytes, a `str` its bytes then `0xFF`, a tuple or a
/// derived struct each field in turn.
pub fn key_hasher((k0, k1): (u64, u64)) -> SipHasher13 {
    SipHasher13::new_with_keys(k0, k1)
}

/// `HashMap`'s own layout: `RandomState { k0, k1 }` then the table's
/// `RawTableInner { bucket_mask, ctrl, growth_left, items }`, placed by
/// rustc's rules (`ctrl` is a `NonNull`: the niche an `Option` uses).
pub fn hash_map_shape(target: Target) -> Shape {
    hash_map_struct(target).0
}

/// Where each of `HashMap`'s six fields is (offset, size), in the order
/// `k0, k1, bucket_mask, ctrl, growth_left, items`.
pub fn hash_map_fields(target: Target) -> [(u64, u64); 6] {
    hash_map_struct(target).1
}

fn hash_map_struct(target: Target) -> (Shape, [(u64, u64); 6]) {
    let word = target.word_size();
    let usize_shape = Shape::int(word);
    let ptr = if word == 8 {
        Shape::non_null()
    } else {
        Shape::scalar(4, 1, u128::from(u32::MAX))
    };
    let keys = struct_shape(&[Shape::int(8), Shape::int(8)], false, None);
    let inner = struct_shape(&[usize_shape, ptr, usize_shape, usize_shape], false, None);
    let map = struct_shape(&[keys.shape, inner.shape], false, None);
    let mut fields = [(0, 8), (0, 8), (0, word), (0, word), (0, word), (0, word)];
    for (i, f) in fields.iter_mut().enumerate() {
        f.0 = if i < 2 {
            map.offsets[0] + keys.offsets[i]
        } else {
            map.offsets[1] + inner.offsets[i - 2]
        };
    }
    (map.shape, fields)
}

/// A bucket nobody has filled since the table was made or cleared.
pub const EMPTY: u8 = 0xFF;
/// A bucket whose element was removed where a probe may pass over it.
pub const DELETED: u8 = 0x80;

/// A `RawTable`: its control bytes and, per bucket, the element there (the
/// caller's handle for it) and that element's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    elem: LayoutSpec,
    width: usize,
    target: Target,
    /// `buckets + WIDTH` control bytes; none while the table is the static
    /// empty singleton.
    ctrl: Vec<u8>,
    /// Per bucket: the element's handle and hash.
    slots: Vec<Option<(usize, u64)>>,
    items: u64,
    growth_left: u64,
}

impl RawTable {
    /// `HashMap::new()`: no block yet.
    pub fn new(elem: LayoutSpec, target: Target) -> RawTable {
        RawTable {
            elem,
            width: group_width(target) as usize,
            target,
            ctrl: Vec::new(),
            slots: Vec::new(),
            items: 0,
            growth_left: 0,
        }
    }

    /// `HashMap::with_capacity(n)`: the block for `n` elements (none for
    /// 0).
    pub fn with_capacity(
        elem: LayoutSpec,
        n: u64,
        target: Target,
    ) -> Result<(RawTable, Option<StdCall>), GrowError> {
        let mut table = RawTable::new(elem, target);
        if n == 0 {
            return Ok((table, None));
        }
        let layout = table.allocate(n)?;
        Ok((table, Some(StdCall::Alloc(layout))))
    }

    /// Buckets in the block (0: no block).
    pub fn buckets(&self) -> u64 {
        self.slots.len() as u64
    }

    /// Elements in the table.
    pub fn len(&self) -> u64 {
        self.items
    }

    /// Whether the table holds no elements.
    pub fn is_empty(&self) -> bool {
        self.items == 0
    }

    /// `HashMap::capacity()`: `items + growth_left`.
    pub fn capacity(&self) -> u64 {
        self.items + self.growth_left
    }

    /// The block's layout, if there is one.
    pub fn layout(&self) -> Option<LayoutSpec> {
        self.layout_for(self.buckets())
    }

    /// Where the control bytes start in the block.
    pub fn ctrl_offset(&self) -> u64 {
        table_layout(
            self.elem,
            self.buckets().max(1),
            self.width as u64,
            self.target,
        )
        .map_or(0, |(_, offset)| offset)
    }

    /// The control bytes, mirror included (empty without a block).
    pub fn ctrl(&self) -> &[u8] {
        &self.ctrl
    }

    /// The element in `bucket`, if it is full: its handle.
    pub fn handle(&self, bucket: usize) -> Option<usize> {
        self.slots.get(bucket).copied().flatten().map(|(h, _)| h)
    }

    /// The full buckets in order, with their elements' handles: the order
    /// a `for` loop, `{:?}`, a drop or a clone visits them.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(b, s)| s.map(|(h, _)| (b, h)))
    }

    /// The bucket holding an element equal to the one looked for (`eq` on
    /// handles), following the probe sequence of `hash` until a group with
    /// an `EMPTY` byte ends it.
    pub fn find(&self, hash: u64, mut eq: impl FnMut(usize) -> bool) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let tag = self.tag(hash);
        let mask = self.slots.len() - 1;
        let (mut pos, mut stride) = (self.h1(hash) & mask, 0);
        loop {
            for bit in 0..self.width {
                let b = (pos + bit) & mask;
                if self.ctrl[pos + bit] == tag {
                    if let Some((h, _)) = self.slots[b] {
                        if eq(h) {
                            return Some(b);
                        }
                    }
                }
            }
            if self.ctrl[pos..pos + self.width].contains(&EMPTY) || stride > mask {
                return None;
            }
            stride += self.width;
            pos = (pos + stride) & mask;
        }
    }

    /// `reserve(additional)`: nothing while `growth_left` allows; else
    /// tombstones cleared in place (no call) or a move to a bigger block
    /// (`alloc` of the new, `dealloc` of the old).
    /// What `reserve(additional)` must do: nothing, rehash in place, or
    /// resize to a capacity (hashbrown's `reserve_rehash`).
    fn growth(&self, additional: u64) -> Result<Growth, GrowError> {
        if additional <= self.growth_left {
            return Ok(Growth::Room);
        }
        let new_items = self
            .items
            .checked_add(additional)
            .filter(|&n| n <= usize_max(self.target))
            .ok_or(GrowError::CapacityOverflow)?;
        let full_capacity = self.full_capacity();
        if new_items <= full_capacity / 2 {
            return Ok(Growth::RehashInPlace);
        }
        Ok(Growth::Resize(new_items.max(full_capacity + 1)))
    }

    /// The block that `reserve(additional)` (or, on an empty table,
    /// `with_capacity(additional)`) would allocate, worked out without
    /// building it: `None` when the table has room (or would rehash in
    /// place). Lets the caller see that a block cannot fit its heap before
    /// the table's buckets are made in the host's memory.
    pub fn grown_layout(&self, additional: u64) -> Result<Option<LayoutSpec>, GrowError> {
        let Growth::Resize(capacity) = self.growth(additional)? else {
            return Ok(None);
        };
        let buckets = capacity_to_buckets(capacity, self.elem.size, self.width as u64, self.target)
            .ok_or(GrowError::CapacityOverflow)?;
        self.layout_for(buckets)
            .map(Some)
            .ok_or(GrowError::CapacityOverflow)
    }

    pub fn reserve(&mut self, additional: u64) -> Result<Vec<StdCall>, GrowError> {
        match self.growth(additional)? {
            Growth::Room => Ok(Vec::new()),
            Growth::RehashInPlace => {
                self.rehash_in_place();
                Ok(Vec::new())
            }
            Growth::Resize(capacity) => self.resize(capacity),
        }
    }

    /// Puts element `handle` of hash `hash` in the first free bucket of its
    /// probe sequence; room must have been reserved. Returns the bucket.
    pub fn insert(&mut self, hash: u64, handle: usize) -> usize {
        debug_assert!(self.growth_left > 0 || self.slots.iter().any(Option::is_none));
        let b = self.find_insert_slot(hash);
        if self.ctrl[b] == EMPTY {
            self.growth_left -= 1;
        }
        self.set_ctrl(b, self.tag(hash));
        self.slots[b] = Some((handle, hash));
        self.items += 1;
        b
    }

    /// Removes the element in `bucket`, leaving `EMPTY` or `DELETED`;
    /// returns its handle.
    pub fn erase(&mut self, bucket: usize) -> Option<usize> {
        let (handle, _) = self.slots.get_mut(bucket)?.take()?;
        let mask = self.slots.len() - 1;
        let w = self.width;
        let before = bucket.wrapping_sub(w) & mask;
        // Full or deleted bytes at the end of the window before, and at the
        // start of the window from the bucket on.
        let tail = self.ctrl[before..before + w]
            .iter()
            .rev()
            .take_while(|&&c| c != EMPTY)
            .count();
        let head = self.ctrl[bucket..bucket + w]
            .iter()
            .take_while(|&&c| c != EMPTY)
            .count();
        let ctrl = if tail + head >= w {
            DELETED
        } else {
            self.growth_left += 1;
            EMPTY
        };
        self.set_ctrl(bucket, ctrl);
        self.items -= 1;
        Some(handle)
    }

    /// Gives the element known as `from`, of hash `hash`, the handle `to`
    /// (the caller moved it in its own storage); found by its probe, not a
    /// scan of the table.
    pub fn rename(&mut self, hash: u64, from: usize, to: usize) {
        if let Some(b) = self.find(hash, |h| h == from) {
            if let Some((h, _)) = &mut self.slots[b] {
                *h = to;
            }
        }
    }

    /// Where `set_ctrl` writes the copy of control byte `index`: the
    /// mirror after the last bucket (the byte itself from `WIDTH` on).
    pub fn mirror(&self, index: usize) -> usize {
        (index.wrapping_sub(self.width) & (self.slots.len() - 1)) + self.width
    }

    /// `clear()`: every byte `EMPTY`, the block kept; no call.
    pub fn clear(&mut self) {
        self.ctrl.fill(EMPTY);
        self.slots.fill(None);
        self.items = 0;
        self.growth_left = self.full_capacity();
    }

    /// `shrink_to(min)`: into the smallest table for `max(len, min)` if it
    /// has fewer buckets (a new block, the old freed), or no block at all
    /// for 0.
    pub fn shrink_to(&mut self, min: u64) -> Vec<StdCall> {
        let min = min.max(self.items);
        if min == 0 {
            return self.free().into_iter().collect();
        }
        match capacity_to_buckets(min, self.elem.size, self.width as u64, self.target) {
            Some(b) if b < self.buckets() => self.resize(min).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// `clone()`: a block of the same layout, each element at the same
    /// bucket.
    pub fn clone_call(&self) -> Option<StdCall> {
        self.layout().map(StdCall::Alloc)
    }

    /// Dropping the table: the block freed, back to the empty singleton.
    pub fn free(&mut self) -> Option<StdCall> {
        let call = self.layout().map(StdCall::Dealloc);
        *self = RawTable::new(self.elem, self.target);
        call
    }

    /// Checks the invariants in the module docs; `Err` names the first
    /// broken one.
    pub fn check(&self) -> Result<(), String> {
        let n = self.slots.len();
        if n == 0 {
            return if self.items == 0 && self.growth_left == 0 && self.ctrl.is_empty() {
                Ok(())
            } else {
                Err("a table without a block holds something".into())
            };
        }
        let full = self.ctrl[..n].iter().filter(|&&c| c & 0x80 == 0).count() as u64;
        let deleted = self.ctrl[..n].iter().filter(|&&c| c == DELETED).count() as u64;
        if full != self.items || self.slots.iter().flatten().count() as u64 != full {
            return Err(format!(
                "{} items but {full} full control bytes",
                self.items
            ));
        }
        if self.growth_left + self.items + deleted != self.full_capacity() {
            return Err("growth_left is not capacity - items - tombstones".into());
        }
        for i in 0..n {
            let mirror = self.mirror(i);
            if self.ctrl[mirror] != self.ctrl[i] {
                return Err(format!("control byte {i} and its mirror {mirror} differ"));
            }
        }
        Ok(())
    }

    // ----- the table's own steps -----

    fn full_capacity(&self) -> u64 {
        match self.buckets() {
            0 => 0,
            n => bucket_mask_to_capacity(n - 1),
        }
    }

    fn layout_for(&self, buckets: u64) -> Option<LayoutSpec> {
        if buckets == 0 {
            return None;
        }
        table_layout(self.elem, buckets, self.width as u64, self.target).map(|(l, _)| l)
    }

    /// `h1`: the hash as a `usize` (its low 32 bits on a 32-bit target).
    fn h1(&self, hash: u64) -> usize {
        (hash & usize_max(self.target)) as usize
    }

    /// `Tag::full`: the top 7 bits of the hash's low `usize`.
    fn tag(&self, hash: u64) -> u8 {
        let bits = self.target.word_size().min(8) * 8;
        ((hash >> (bits - 7)) & 0x7f) as u8
    }

    /// `set_ctrl`: the byte and its mirror.
    fn set_ctrl(&mut self, index: usize, ctrl: u8) {
        let mirror = self.mirror(index);
        self.ctrl[index] = ctrl;
        self.ctrl[mirror] = ctrl;
    }

    /// `find_insert_index`: the first `EMPTY` or `DELETED` byte in the
    /// first group along the probe sequence that has one; in a table
    /// smaller than a group that may be a trailing byte past the end,
    /// fixed up to the first free bucket from 0.
    fn find_insert_slot(&self, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let free = |c: &u8| c & 0x80 != 0;
        let (mut pos, mut stride) = (self.h1(hash) & mask, 0);
        loop {
            if let Some(bit) = self.ctrl[pos..pos + self.width].iter().position(free) {
                let b = (pos + bit) & mask;
                if self.ctrl[b] & 0x80 == 0 {
                    return self.ctrl[..self.width].iter().position(free).unwrap_or(b);
                }
                return b;
            }
            stride += self.width;
            pos = (pos + stride) & mask;
        }
    }

    /// A fresh block of `capacity_to_buckets(capacity)` buckets, all
    /// `EMPTY`; the old contents are the caller's to place.
    fn allocate(&mut self, capacity: u64) -> Result<LayoutSpec, GrowError> {
        let buckets = capacity_to_buckets(capacity, self.elem.size, self.width as u64, self.target)
            .ok_or(GrowError::CapacityOverflow)?;
        let layout = self
            .layout_for(buckets)
            .ok_or(GrowError::CapacityOverflow)?;
        self.ctrl = vec![EMPTY; buckets as usize + self.width];
        self.slots = vec![None; buckets as usize];
        self.items = 0;
        self.growth_left = bucket_mask_to_capacity(buckets - 1);
        Ok(layout)
    }

    /// `resize`: a new block, every element placed afresh in bucket
    /// order, the old block freed.
    fn resize(&mut self, capacity: u64) -> Result<Vec<StdCall>, GrowError> {
        let old = self.layout();
        let elements: Vec<(usize, u64)> = self.slots.iter().flatten().copied().collect();
        let new = self.allocate(capacity)?;
        for (handle, hash) in elements {
            let b = self.find_insert_slot(hash);
            self.set_ctrl(b, self.tag(hash));
            self.slots[b] = Some((handle, hash));
            self.items += 1;
        }
        self.growth_left -= self.items;
        let mut calls = vec![StdCall::Alloc(new)];
        calls.extend(old.map(StdCall::Dealloc));
        Ok(calls)
    }

    /// `rehash_in_place`: tombstones become `EMPTY` and every element is
    /// placed again where its probe now first finds room, moving only
    /// when that is in another group of its probe sequence.
    fn rehash_in_place(&mut self) {
        let n = self.slots.len();
        let w = self.width;
        // Full bytes become DELETED ("to place"), DELETED ones EMPTY.
        for i in 0..n {
            self.ctrl[i] = if self.ctrl[i] & 0x80 == 0 {
                DELETED
            } else {
                EMPTY
            };
        }
        if n < w {
            let (head, tail) = self.ctrl.split_at_mut(w);
            tail[..n].copy_from_slice(&head[..n]);
        } else {
            let (head, tail) = self.ctrl.split_at_mut(n);
            tail.copy_from_slice(&head[..w]);
        }
        let mask = n - 1;
        for i in 0..n {
            if self.ctrl[i] != DELETED {
                continue;
            }
            while let Some((_, hash)) = self.slots[i] {
                let new_i = self.find_insert_slot(hash);
                let start = self.h1(hash) & mask;
                let group = |pos: usize| (pos.wrapping_sub(start) & mask) / w;
                if group(i) == group(new_i) {
                    self.set_ctrl(i, self.tag(hash));
                    break;
                }
                let prev = self.ctrl[new_i];
                self.set_ctrl(new_i, self.tag(hash));
                if prev == EMPTY {
                    self.set_ctrl(i, EMPTY);
                    self.slots[new_i] = self.slots[i].take();
                    break;
                }
                // `new_i` held an element still to place: swap and place it.
                self.slots.swap(i, new_i);
            }
        }
        self.growth_left = self.full_capacity() - self.items;
    }
}

/// What a reserve needs of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Growth {
    /// It has room already.
    Room,
    /// Enough buckets, too many `DELETED`: rehashed where it is.
    RehashInPlace,
    /// A new block for this capacity.
    Resize(u64),
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAIR_U64: LayoutSpec = LayoutSpec { size: 16, align: 8 };

    /// A hash that puts element `k` at bucket `k` with tag `k`.
    fn at(k: u64) -> u64 {
        (k << 57) | k
    }

    #[test]
    fn elements_go_to_their_first_free_bucket_and_wrap() {
        let mut t = RawTable::new(PAIR_U64, Target::Bits64);
        t.reserve(20).unwrap();
        assert_eq!(t.buckets(), 32);
        assert_eq!(t.insert(at(5), 0), 5);
        assert_eq!(t.insert(at(5), 1), 6, "a taken bucket sends it on");
        assert_eq!(t.insert(at(31), 2), 31);
        assert_eq!(t.insert(at(31), 3), 0, "the group read wraps to the start");
        assert_eq!(t.ctrl()[32], t.ctrl()[0], "the mirror byte follows");
        assert_eq!(t.iter().map(|(_, h)| h).collect::<Vec<_>>(), [3, 0, 1, 2]);
        assert_eq!(t.find(at(5), |h| h == 1), Some(6));
        t.check().unwrap();
    }

    #[test]
    fn a_removal_inside_a_full_run_leaves_a_tombstone() {
        let mut t = RawTable::new(PAIR_U64, Target::Bits64);
        t.reserve(28).unwrap();
        for k in 0..20 {
            t.insert(at(0), k as usize);
        }
        let room = t.capacity();
        // Bucket 3 has 16 full bytes after it: a probe may pass over it.
        assert_eq!(t.erase(3), Some(3));
        assert_eq!(t.ctrl()[3], DELETED);
        assert_eq!(t.capacity(), room - 1, "a tombstone still takes room");
        // Right after a removal at the start of a run, the next in it too.
        t.erase(4);
        assert_eq!(t.ctrl()[4], DELETED);
        // An element alone: the windows around it hold EMPTYs.
        t.insert(at(25), 99);
        let room = t.capacity();
        assert_eq!(t.erase(25), Some(99));
        assert_eq!(t.ctrl()[25], EMPTY);
        assert_eq!(t.capacity(), room, "an EMPTY gives its room back");
        t.check().unwrap();
    }

    #[test]
    fn tombstones_are_cleared_in_place_when_half_empty() {
        let mut t = RawTable::new(PAIR_U64, Target::Bits64);
        t.reserve(28).unwrap();
        for k in 0..28 {
            t.insert(at(k % 4), k as usize);
        }
        for b in 0..20 {
            t.erase(b);
        }
        t.check().unwrap();
        let block = t.layout();
        // 8 items and room for 28: more than growth_left asked, at most
        // half full after, so no call.
        let calls = t.reserve(t.capacity() - t.len() + 1).unwrap();
        assert!(calls.is_empty());
        assert_eq!(t.layout(), block);
        assert_eq!(t.len(), 8);
        t.check().unwrap();
    }

    #[test]
    fn small_tables_mirror_after_the_trailing_empties() {
        let mut t = RawTable::new(PAIR_U64, Target::Bits64);
        t.reserve(3).unwrap();
        assert_eq!(t.buckets(), 4);
        t.insert(at(3), 7);
        assert_eq!(t.ctrl()[16 + 3], t.ctrl()[3]);
        assert_eq!(t.ctrl()[4], EMPTY);
        t.insert(at(3), 8);
        assert_eq!(t.handle(0), Some(8), "past the end, fixed up to bucket 0");
        t.check().unwrap();
    }
}
