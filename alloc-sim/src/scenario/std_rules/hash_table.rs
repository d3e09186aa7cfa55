//! `HashMap` and `HashSet`: hashbrown's `RawTable`, as std 1.95 ships it
//! (hashbrown 0.16).
//!
//! A table is one block holding two arrays that grow together: the
//! buckets, which hold the elements (`(K, V)` for a map, `T` for a set),
//! and one control byte per bucket that says "empty", "deleted" or "full,
//! and here are 7 bits of the hash". The control bytes are scanned a
//! *group* at a time (`Group::WIDTH` bytes: 16 with SSE2 on x86_64, 8 for
//! the portable implementation wasm32 uses), so `WIDTH` more control bytes
//! follow the last one, mirroring the first group, and a group read near
//! the end never wraps:
//!
//! ```text
//!  alloc returns here                                ctrl points here
//!  ▼                                                 ▼
//!  ┌────────┬────────┬─────┬──────┬─────────────────┬───────────┬─────────────┐
//!  │ T[n-1] │ T[n-2] │ ... │ T[0] │ padding to  A   │ ctrl[0..n]│ ctrl mirror │
//!  └────────┴────────┴─────┴──────┴─────────────────┴───────────┴─────────────┘
//!  size  = align_up(n · size_of::<T>(), A) + n + WIDTH
//!  align = A = max(align_of::<T>(), WIDTH)
//! ```
//!
//! `(u32, u32)` in 4 buckets on x86_64: 32 bytes of buckets, 4 + 16 control
//! bytes, 52 bytes at alignment 16.
//!
//! When it allocates:
//! - `HashMap::new()` allocates nothing: the table points at a static,
//!   all-empty group.
//! - `with_capacity(n)` and the first `reserve`/`insert` allocate
//!   [`capacity_to_buckets`]`(n)` buckets: at least 4, and for elements of
//!   0–3 bytes more (so that the buckets fill at least one alignment
//!   unit), then a power of two that keeps 1/8 of them empty.
//! - `insert` first reserves room for one more element, even when the key
//!   is already there and nothing will be added: a full table grows on
//!   `insert(existing_key, v)`. `entry(key)` reserves only when the key is
//!   absent (std's `rustc_entry`), and then even if the entry is never
//!   filled.
//! - Growing allocates a new table of [`capacity_to_buckets`]`(max(items +
//!   additional, capacity + 1))` buckets, moves every element over
//!   (rehashing it), and frees the old block: `alloc` then `dealloc`, never
//!   `realloc`, because every element's position depends on the bucket
//!   count.
//! - `shrink_to_fit` does the same move into the smallest table that holds
//!   the items, or frees the block when there are none; `clear` keeps the
//!   block; dropping frees it; `clone` allocates a block of the same layout.
//!
//! The invariants, with no removals (a removal may leave a tombstone that
//! still counts against growth, depending on where its neighbours hashed,
//! so removals are outside this model):
//!
//! ```text
//!   capacity = buckets - 1                 for buckets ≤ 8
//!            = buckets / 8 · 7             otherwise
//!   growth_left = capacity - items          (a table grows when it is 0)
//! ```

use super::{usize_max, GrowError, StdCall};
use crate::addr::align_up;
use crate::error::LayoutSpec;
use crate::target::Target;

/// `Group::WIDTH`: control bytes scanned at once. 16 on 64-bit (x86_64's
/// SSE2 group); 8 on 32-bit, which here means wasm32 (hashbrown's portable
/// group of one `u64`). aarch64 (NEON) would also be 8, and 32-bit x86
/// with SSE2 16.
pub const fn group_width(target: Target) -> u64 {
    match target {
        Target::Bits64 => 16,
        Target::Bits32 => 8,
    }
}

/// hashbrown's `capacity_to_buckets`: the bucket count a table needs to
/// hold `cap` (> 0) elements of `elem_size` bytes, or `None` if it
/// overflows `usize`.
///
/// Below 15 elements: 4, 8 or 16 buckets, for at least 3, 7 or 14
/// elements when an element is 0–1 bytes (or 2–3 with 16-byte groups), so
/// the buckets span at least one control alignment. From 15 up:
/// `next_power_of_two(cap · 8 / 7)`.
pub fn capacity_to_buckets(
    cap: u64,
    elem_size: u64,
    group_width: u64,
    target: Target,
) -> Option<u64> {
    debug_assert_ne!(cap, 0);
    if cap < 15 {
        let min_cap = match (group_width, elem_size) {
            (16, 0..=1) => 14,
            (16, 2..=3) => 7,
            (8, 0..=1) => 7,
            _ => 3,
        };
        let cap = cap.max(min_cap);
        return Some(if cap < 4 {
            4
        } else if cap < 8 {
            8
        } else {
            16
        });
    }
    let times_8 = cap.checked_mul(8).filter(|&n| n <= usize_max(target))?;
    // Cannot overflow: `times_8 / 7` is well below `usize::MAX / 4`.
    Some((times_8 / 7).next_power_of_two())
}

/// hashbrown's `bucket_mask_to_capacity`: how many elements a table of
/// `bucket_mask + 1` buckets holds (one bucket always empty up to 8
/// buckets, an eighth of them beyond).
pub const fn bucket_mask_to_capacity(bucket_mask: u64) -> u64 {
    if bucket_mask < 8 {
        bucket_mask
    } else {
        (bucket_mask + 1) / 8 * 7
    }
}

/// `TableLayout::calculate_layout_for`: the block for `buckets` buckets of
/// `elem`, and the offset of the control bytes in it; `None` when it would
/// pass `isize::MAX`.
pub fn table_layout(
    elem: LayoutSpec,
    buckets: u64,
    group_width: u64,
    target: Target,
) -> Option<(LayoutSpec, u64)> {
    debug_assert!(buckets.is_power_of_two());
    let ctrl_align = elem.align.max(group_width);
    let data = elem
        .size
        .checked_mul(buckets)
        .filter(|&n| n <= usize_max(target) - (ctrl_align - 1))?;
    let ctrl_offset = align_up(data, ctrl_align);
    let size = ctrl_offset
        .checked_add(buckets + group_width)
        .filter(|&n| n <= target.isize_max() - (ctrl_align - 1))?;
    Some((
        LayoutSpec {
            size,
            align: ctrl_align,
        },
        ctrl_offset,
    ))
}

/// The shadow of one `RawTable<T>`: its bucket count and item count, and
/// the calls each operation makes. Insert-only: removals are not modelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashTable {
    elem: LayoutSpec,
    group_width: u64,
    target: Target,
    /// 0 while the table is the static empty singleton.
    buckets: u64,
    items: u64,
}

impl HashTable {
    /// `HashMap::new()` / `HashSet::new()`: no block.
    pub const fn new(elem: LayoutSpec, target: Target) -> HashTable {
        HashTable {
            elem,
            group_width: group_width(target),
            target,
            buckets: 0,
            items: 0,
        }
    }

    /// `HashMap::with_capacity(n)`: a block of
    /// [`capacity_to_buckets`]`(n)` buckets, or none for `n == 0`.
    pub fn with_capacity(
        elem: LayoutSpec,
        n: u64,
        target: Target,
    ) -> Result<(HashTable, Option<StdCall>), GrowError> {
        let mut table = HashTable::new(elem, target);
        let calls = if n == 0 { Vec::new() } else { table.resize(n)? };
        Ok((table, calls.first().copied()))
    }

    /// Buckets in the block (0: no block).
    pub const fn buckets(&self) -> u64 {
        self.buckets
    }

    /// Elements in the table.
    pub const fn len(&self) -> u64 {
        self.items
    }

    /// Whether the table has no elements.
    pub const fn is_empty(&self) -> bool {
        self.items == 0
    }

    /// `HashMap::capacity()`: elements it holds before it grows.
    pub const fn capacity(&self) -> u64 {
        if self.buckets == 0 {
            0
        } else {
            bucket_mask_to_capacity(self.buckets - 1)
        }
    }

    /// The block's layout, if there is one.
    pub fn layout(&self) -> Option<LayoutSpec> {
        self.block_layout(self.buckets)
    }

    /// `HashMap::insert` / `HashSet::insert`: reserve room for one more
    /// (growing if the table is full, whether or not the key is
    /// `present`), then add the element if it was not.
    pub fn insert(&mut self, present: bool) -> Result<Vec<StdCall>, GrowError> {
        let calls = self.reserve(1)?;
        if !present {
            self.items += 1;
        }
        Ok(calls)
    }

    /// `HashMap::entry(key)`: reserves room for one more when the key is
    /// absent, even if the entry is never filled; nothing when `present`.
    /// Fill a vacant entry with [`HashTable::fill_entry`].
    pub fn entry(&mut self, present: bool) -> Result<Vec<StdCall>, GrowError> {
        if present {
            Ok(Vec::new())
        } else {
            self.reserve(1)
        }
    }

    /// `VacantEntry::insert`: the room was reserved by `entry`; no call.
    pub fn fill_entry(&mut self) {
        debug_assert!(self.items < self.capacity());
        self.items += 1;
    }

    /// `HashMap::reserve(additional)`: if fewer than `additional` more fit,
    /// move into a table for `max(len + additional, capacity + 1)`.
    pub fn reserve(&mut self, additional: u64) -> Result<Vec<StdCall>, GrowError> {
        let growth_left = self.capacity() - self.items;
        if additional <= growth_left {
            return Ok(Vec::new());
        }
        let new_items = self
            .items
            .checked_add(additional)
            .filter(|&n| n <= usize_max(self.target))
            .ok_or(GrowError::CapacityOverflow)?;
        // Without tombstones `new_items > capacity`, so hashbrown's
        // in-place rehash (for `new_items ≤ capacity / 2`) never applies.
        self.resize(new_items.max(self.capacity() + 1))
    }

    /// How much `extend`/`collect` reserves before inserting, for an
    /// iterator whose `size_hint().0` is `lower`: all of it into an empty
    /// table, half of it (rounded up) otherwise, since keys may repeat.
    pub const fn extend_reserve(&self, lower: u64) -> u64 {
        if self.items == 0 {
            lower
        } else {
            lower.div_ceil(2)
        }
    }

    /// `HashMap::shrink_to(min)`: move into the smallest table for
    /// `max(len, min)` elements if that has fewer buckets; free the block
    /// if that is 0.
    pub fn shrink_to(&mut self, min: u64) -> Vec<StdCall> {
        let min = min.max(self.items);
        if min == 0 {
            return self.free().into_iter().collect();
        }
        match capacity_to_buckets(min, self.elem.size, self.group_width, self.target) {
            Some(buckets) if buckets < self.buckets => self.resize(min).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// `HashMap::shrink_to_fit()`: `shrink_to(0)`.
    pub fn shrink_to_fit(&mut self) -> Vec<StdCall> {
        self.shrink_to(0)
    }

    /// `HashMap::clear()`: drops the elements, keeps the block; no call.
    pub fn clear(&mut self) {
        self.items = 0;
    }

    /// `HashMap::clone()`: a block of the same layout (then each element is
    /// cloned into it), or nothing for a table without one.
    pub fn clone_call(&self) -> Option<StdCall> {
        self.layout().map(StdCall::Alloc)
    }

    /// Dropping the table: `dealloc` of the block, if any.
    pub fn free(&mut self) -> Option<StdCall> {
        let call = self.layout().map(StdCall::Dealloc);
        self.buckets = 0;
        self.items = 0;
        call
    }

    /// `RawTableInner::resize`: a new block for `capacity` elements, then
    /// the old one freed.
    fn resize(&mut self, capacity: u64) -> Result<Vec<StdCall>, GrowError> {
        let buckets = capacity_to_buckets(capacity, self.elem.size, self.group_width, self.target)
            .ok_or(GrowError::CapacityOverflow)?;
        let new = self
            .block_layout(buckets)
            .ok_or(GrowError::CapacityOverflow)?;
        let mut calls = vec![StdCall::Alloc(new)];
        calls.extend(self.layout().map(StdCall::Dealloc));
        self.buckets = buckets;
        Ok(calls)
    }

    fn block_layout(&self, buckets: u64) -> Option<LayoutSpec> {
        if buckets == 0 {
            return None;
        }
        table_layout(self.elem, buckets, self.group_width, self.target).map(|(l, _)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAIR_U32: LayoutSpec = LayoutSpec { size: 8, align: 4 };

    #[test]
    fn a_u32_pair_table_grows_4_8_16_buckets() {
        // From the module picture: 4 buckets of 8 bytes, 4 + 16 control
        // bytes = 52; then 8 buckets = 64 + 8 + 16 = 88; 16 → 128 + 32 = 160.
        let t = Target::Bits64;
        let mut table = HashTable::new(PAIR_U32, t);
        let mut sizes = Vec::new();
        for _ in 0..8 {
            for call in table.insert(false).unwrap() {
                if let StdCall::Alloc(l) = call {
                    sizes.push((l.size, l.align));
                }
            }
        }
        assert_eq!(sizes, vec![(52, 16), (88, 16), (160, 16)]);
        assert_eq!(table.capacity(), 14);
    }

    #[test]
    fn small_elements_start_with_more_buckets() {
        // hashbrown's comment: 1-byte elements with 16-byte groups need 16
        // buckets so that the buckets fill one 16-byte control alignment.
        let t = Target::Bits64;
        assert_eq!(capacity_to_buckets(1, 1, 16, t), Some(16));
        assert_eq!(capacity_to_buckets(1, 2, 16, t), Some(8));
        assert_eq!(capacity_to_buckets(1, 4, 16, t), Some(4));
        assert_eq!(capacity_to_buckets(1, 1, 8, t), Some(8));
        assert_eq!(capacity_to_buckets(15, 4, 16, t), Some(32));
        assert_eq!(bucket_mask_to_capacity(31), 28);
    }

    #[test]
    fn a_full_table_grows_even_when_the_key_is_already_there() {
        let mut table = HashTable::new(PAIR_U32, Target::Bits64);
        for _ in 0..3 {
            table.insert(false).unwrap();
        }
        assert_eq!(table.capacity(), 3);
        assert_eq!(table.entry(true).unwrap(), Vec::new());
        let calls = table.insert(true).unwrap();
        assert_eq!(calls.len(), 2, "alloc of the new table, dealloc of the old");
        assert_eq!(table.len(), 3);
    }

    #[test]
    fn capacity_overflow_is_an_error_not_a_wrap() {
        let t = Target::Bits32;
        assert_eq!(capacity_to_buckets(1 << 29, 8, 8, t), None);
        let (table, _) = HashTable::with_capacity(PAIR_U32, 1 << 20, t).unwrap();
        assert_eq!(table.buckets(), 1 << 21);
        assert!(HashTable::with_capacity(PAIR_U32, 1 << 28, t).is_err());
    }
}
