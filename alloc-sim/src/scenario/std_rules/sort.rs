//! `slice::sort` and friends: when sorting allocates a scratch buffer.
//!
//! `sort` (with `sort_by`, `sort_by_key`) is stable: driftsort, a merge
//! sort that also uses a stable quicksort for unsorted stretches. Merging
//! and the quicksort both move elements through a scratch buffer of
//! uninitialised `T`s, taken from the stack when small enough and from
//! the heap otherwise:
//!
//! ```text
//!   len ≤ 20 ─────────────────────────────▶ insertion sort, no scratch
//!   else want = max(len − len/2, min(len, 8 000 000 / size), 48)
//!        want ≤ 4096 / size ─────────────▶ 4 KiB on the stack, no call
//!        otherwise ──────────────────────▶ alloc(want · size) … dealloc
//! ```
//!
//! `min(len, 8 MB / size)` lets small inputs get a full-length buffer (a
//! quicksort of everything) while large ones fall back to half; 48 is what
//! the small-sort always needs (`SMALL_SORT_GENERAL_SCRATCH_LEN`). So the
//! scratch is `len` elements up to 8 MB, then stays at 8 MB until half the
//! slice is bigger. For `u64`, the first sort to allocate is of 513
//! elements (4 104 bytes); for a 100-byte struct, 21 elements already ask
//! for 48 · 100 bytes. Zero-sized elements and slices shorter than 2
//! never allocate. (The same rule on 32-bit targets; only 16-bit ones and
//! `optimize_for_size` builds use a plain merge sort.)
//!
//! `sort_unstable` (ipnsort) works in place: it never allocates.
//!
//! `sort_by_cached_key` computes each key once into a `Vec<(K, index)>`
//! of exactly `len` pairs, sorts that with `sort_unstable`, permutes the
//! slice and frees the vector: one `alloc` and one `dealloc`. The index is
//! a `u32` when that makes the pair smaller than with a `usize`, else a
//! `usize`.

use super::{array_layout, pair_layout, GrowError};
use crate::error::LayoutSpec;
use crate::target::Target;

/// Slices up to this length are sorted by insertion, without scratch.
pub const MAX_LEN_ALWAYS_INSERTION_SORT: u64 = 20;
/// Scratch driftsort allows itself in full before falling back to half.
pub const MAX_FULL_ALLOC_BYTES: u64 = 8_000_000;
/// Scratch elements the small-sort always needs.
pub const SMALL_SORT_GENERAL_SCRATCH_LEN: u64 = 48;
/// Bytes of scratch on the stack.
pub const STACK_SCRATCH_BYTES: u64 = 4096;

/// The heap scratch `slice::sort` allocates (and frees before returning)
/// for `len` elements of `elem`, or `None` when it needs none.
/// `driftsort_main`'s rule with `alloc::slice::stable_sort`'s `Vec` buffer.
pub fn stable_sort_scratch(
    elem: LayoutSpec,
    len: u64,
    target: Target,
) -> Result<Option<LayoutSpec>, GrowError> {
    if elem.size == 0 || len <= MAX_LEN_ALWAYS_INSERTION_SORT {
        return Ok(None);
    }
    let max_full_alloc = MAX_FULL_ALLOC_BYTES / elem.size;
    let want = (len - len / 2)
        .max(len.min(max_full_alloc))
        .max(SMALL_SORT_GENERAL_SCRATCH_LEN);
    if STACK_SCRATCH_BYTES / elem.size >= want {
        return Ok(None);
    }
    array_layout(elem, want, target).map(Some)
}

/// `sort_unstable`: never a call.
pub const fn unstable_sort_scratch() -> Option<LayoutSpec> {
    None
}

/// The `Vec<(K, index)>` that `sort_by_cached_key` allocates (and frees)
/// for `len` keys of layout `key`, or `None` when `len < 2`.
pub fn cached_key_indices(
    key: LayoutSpec,
    len: u64,
    target: Target,
) -> Result<Option<LayoutSpec>, GrowError> {
    if len < 2 {
        return Ok(None);
    }
    let word = target.word_size();
    let with_u32 = pair_layout(key, LayoutSpec { size: 4, align: 4 });
    let with_usize = pair_layout(
        key,
        LayoutSpec {
            size: word,
            align: word,
        },
    );
    let pair = if with_u32.size < with_usize.size && len <= u64::from(u32::MAX) {
        with_u32
    } else {
        with_usize
    };
    array_layout(pair, len, target).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    const U64: LayoutSpec = LayoutSpec { size: 8, align: 8 };

    #[test]
    fn u64_slices_allocate_from_513_elements() {
        // 4096 / 8 = 512 elements fit on the stack; driftsort wants `len`
        // of them up to 1 000 000 (8 MB / 8), so 513 is the first to spill.
        let t = Target::Bits64;
        assert_eq!(stable_sort_scratch(U64, 512, t), Ok(None));
        assert_eq!(
            stable_sort_scratch(U64, 513, t),
            Ok(Some(LayoutSpec {
                size: 4104,
                align: 8
            }))
        );
        // Past 2 000 000 elements, half the slice is more than 8 MB.
        let big = stable_sort_scratch(U64, 3_000_000, t).unwrap().unwrap();
        assert_eq!(big.size, 1_500_000 * 8);
        let mid = stable_sort_scratch(U64, 1_500_000, t).unwrap().unwrap();
        assert_eq!(mid.size, 8_000_000);
    }

    #[test]
    fn big_elements_need_48_even_for_short_slices() {
        let t = Target::Bits64;
        let e = LayoutSpec {
            size: 100,
            align: 1,
        };
        assert_eq!(stable_sort_scratch(e, 20, t), Ok(None));
        assert_eq!(
            stable_sort_scratch(e, 21, t).unwrap().unwrap().size,
            48 * 100
        );
    }

    #[test]
    fn cached_keys_pair_with_u32_when_it_is_smaller() {
        let t = Target::Bits64;
        let u8_ = LayoutSpec { size: 1, align: 1 };
        assert_eq!(
            cached_key_indices(u8_, 30, t),
            Ok(Some(LayoutSpec {
                size: 240,
                align: 4
            }))
        );
        assert_eq!(
            cached_key_indices(U64, 300, t),
            Ok(Some(LayoutSpec {
                size: 4800,
                align: 8
            }))
        );
        assert_eq!(cached_key_indices(U64, 1, t), Ok(None));
    }
}
