//! `Vec` methods whose allocations surprise: collecting, splitting,
//! joining, boxing, cloning.
//!
//! A `Vec` only talks to the allocator through its `RawVec` ([`RawBuf`]),
//! but how much it asks for depends on what the method knows:
//!
//! ```text
//!   (0..n).collect()             length known (TrustedLen) → alloc(n) exactly
//!   iter.filter(f).collect()     lower bound 0 → alloc(max(4, 0 + 1)) = 4, then doubling
//!   map.keys().collect()         lower bound n − 1 after the first → alloc(max(4, n))
//!   v.into_iter().map(f).collect()   same alignment, no bigger → v's own block
//! ```
//!
//! - `collect` with an exact length (`TrustedLen`: ranges, slices, arrays,
//!   `Vec`s, and `map`/`zip`/`enumerate`/`rev` of those) allocates exactly
//!   that many, or nothing for 0.
//! - Otherwise (`filter`, `take_while`, `chain` with one of those, a
//!   `HashMap`'s iterators) nothing happens until the first element; then
//!   `with_capacity(max(MIN_NON_ZERO_CAP, lower + 1))` with `lower` the
//!   iterator's `size_hint().0` after it, and each time the vector is full
//!   `reserve(lower + 1)`. `extend` behaves the same on an existing vector.
//! - `vec.into_iter()…collect::<Vec<U>>()` reuses `vec`'s block when `T`
//!   and `U` have the same alignment, neither is zero-sized and `U` is no
//!   bigger (through adapters such as `map`, `filter`, `enumerate`, `take`
//!   and `skip`, which never yield more than they take): no call, unless
//!   `U`'s size does not divide the block's bytes, which costs a shrinking
//!   `realloc`. Otherwise a new vector is built as above and the old block
//!   freed after it.
//! - `clone`, `to_vec`, `split_off` allocate exactly the elements they
//!   copy (none for 0), never the spare capacity.
//! - `append` reserves the other vector's length (amortized) and leaves
//!   the other's block in place; `into_boxed_slice` shrinks to `len`
//!   (`realloc`, or `dealloc` when empty).
//! - `drain`, `retain`, `dedup`, `truncate`, `clear`, `pop`, `remove`,
//!   `swap_remove` never call the allocator.

use super::{min_non_zero_cap, GrowError, RawBuf, StdCall};
use crate::error::LayoutSpec;
use crate::target::Target;

/// `Vec::clone` / `to_vec`: exactly `len` elements, or nothing.
pub fn clone_call(
    elem: LayoutSpec,
    len: u64,
    target: Target,
) -> Result<Option<StdCall>, GrowError> {
    Ok(RawBuf::with_capacity(elem, len, target)?.1)
}

/// `Vec::split_off(at)` on `len` elements: a new vector of exactly
/// `len − at`; the original keeps its block.
pub fn split_off_call(
    elem: LayoutSpec,
    len: u64,
    at: u64,
    target: Target,
) -> Result<Option<StdCall>, GrowError> {
    clone_call(elem, len.saturating_sub(at), target)
}

/// `Vec::append(&mut other)`: `reserve(other_len)` on this vector; the
/// other keeps its (now empty) block.
pub fn append_call(
    buf: &mut RawBuf,
    len: u64,
    other_len: u64,
) -> Result<Option<StdCall>, GrowError> {
    buf.reserve(len, other_len)
}

/// `Vec::into_boxed_slice`: shrink to `len` — a `realloc`, a `dealloc`
/// when `len == 0`, nothing when already exact.
pub fn into_boxed_slice_call(buf: &mut RawBuf, len: u64) -> Option<StdCall> {
    buf.shrink_to(len)
}

/// `extend` (or `collect` into a new vector) from an iterator of exactly
/// `n` elements: one `reserve(n)`.
pub fn extend_exact(buf: &mut RawBuf, len: u64, n: u64) -> Result<Option<StdCall>, GrowError> {
    buf.reserve(len, n)
}

/// `extend` from an iterator without an exact length: each element that
/// finds the vector full first reserves `lower_after(i) + 1`, where
/// `lower_after(i)` is the `size_hint().0` left after taking element `i`.
pub fn extend_by_one(
    buf: &mut RawBuf,
    len: u64,
    n: u64,
    lower_after: impl Fn(u64) -> u64,
) -> Result<Vec<StdCall>, GrowError> {
    let mut calls = Vec::new();
    for i in 0..n {
        calls.extend(buf.reserve(len + i, lower_after(i).saturating_add(1))?);
    }
    Ok(calls)
}

/// `collect::<Vec<_>>()` from an iterator of exactly `n` elements
/// (`TrustedLen`): `with_capacity(n)`.
pub fn collect_exact(
    elem: LayoutSpec,
    n: u64,
    target: Target,
) -> Result<(RawBuf, Option<StdCall>), GrowError> {
    RawBuf::with_capacity(elem, n, target)
}

/// `collect::<Vec<_>>()` from any other iterator yielding `n` elements
/// (`SpecFromIterNested`): nothing for none; else
/// `with_capacity(max(MIN_NON_ZERO_CAP, lower_after(0) + 1))` for the
/// first, then [`extend_by_one`] for the rest.
pub fn collect_by_one(
    elem: LayoutSpec,
    n: u64,
    lower_after: impl Fn(u64) -> u64,
    target: Target,
) -> Result<(RawBuf, Vec<StdCall>), GrowError> {
    if n == 0 {
        return Ok((RawBuf::new(elem, target), Vec::new()));
    }
    let first = min_non_zero_cap(elem.size).max(lower_after(0).saturating_add(1));
    let (mut buf, call) = RawBuf::with_capacity(elem, first, target)?;
    let mut calls: Vec<StdCall> = call.into_iter().collect();
    calls.extend(extend_by_one(&mut buf, 1, n - 1, |i| lower_after(i + 1))?);
    Ok((buf, calls))
}

/// What `vec.into_iter()…collect::<Vec<U>>()` does with `vec`'s block when
/// it can reuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InPlace {
    /// The new vector's capacity: the block's bytes over `size_of::<U>()`.
    pub capacity: u64,
    /// A shrinking `realloc` when those bytes are not a whole number of `U`s.
    pub call: Option<StdCall>,
}

/// In-place collection (`from_iter_in_place`) from a vector of `src_cap`
/// elements of `src` into elements of `dst`, through adapters that never
/// yield more than they take: `Some` if the block is reused, `None` if a
/// new vector is built (by [`collect_exact`] or [`collect_by_one`]) and
/// the old block freed afterwards.
pub fn collect_in_place(src: LayoutSpec, src_cap: u64, dst: LayoutSpec) -> Option<InPlace> {
    let collectible =
        src.size != 0 && dst.size != 0 && src.align == dst.align && src.size >= dst.size;
    if !collectible {
        return None;
    }
    let bytes = src_cap * src.size;
    let capacity = bytes / dst.size;
    let call = (src_cap > 0 && bytes != capacity * dst.size).then_some(StdCall::Realloc {
        layout: LayoutSpec {
            size: bytes,
            align: src.align,
        },
        new_size: capacity * dst.size,
    });
    Some(InPlace { capacity, call })
}

#[cfg(test)]
mod tests {
    use super::*;

    const U32: LayoutSpec = LayoutSpec { size: 4, align: 4 };

    #[test]
    fn a_filter_starts_at_four_and_doubles() {
        // Lower bound 0: max(4, 0 + 1) = 4 for the first, then 8.
        let (buf, calls) = collect_by_one(U32, 5, |_| 0, Target::Bits64).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(buf.capacity(), 8);
    }

    #[test]
    fn a_hash_map_iterator_of_two_still_gets_four() {
        // After the first of 2 keys, size_hint().0 is 1: max(4, 2) = 4.
        let (buf, _) = collect_by_one(U32, 2, |i| 1 - i, Target::Bits64).unwrap();
        assert_eq!(buf.capacity(), 4);
    }

    #[test]
    fn in_place_needs_equal_alignment_and_may_shrink() {
        let b3 = LayoutSpec { size: 3, align: 1 };
        let b2 = LayoutSpec { size: 2, align: 1 };
        // 5 × 3 bytes = 15: 7 two-byte elements and one byte over.
        assert_eq!(
            collect_in_place(b3, 5, b2),
            Some(InPlace {
                capacity: 7,
                call: Some(StdCall::Realloc {
                    layout: LayoutSpec { size: 15, align: 1 },
                    new_size: 14
                })
            })
        );
        assert_eq!(collect_in_place(b2, 4, b3), None);
        let u64_ = LayoutSpec { size: 8, align: 8 };
        assert_eq!(collect_in_place(u64_, 4, U32), None);
    }
}
