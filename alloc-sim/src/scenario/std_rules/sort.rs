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
//! Both sorts hand slices of up to 20 elements to the same insertion sort
//! (`insertion_sort_shift_left`), so there the comparisons a program's
//! closure sees are known exactly: each element `v[i]` in turn, from the
//! second, is compared with the one before it, `is_less(v[i], v[i − 1])`,
//! and while it is less it moves down, compared with the next one down.
//! The sorted order is then the stable one, for `sort_unstable` too.
//! (Longer slices go to driftsort and ipnsort, whose comparisons depend on
//! the element type's size; the simulation sorts them stably by merging,
//! with other comparisons.)
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

/// The indices `0..n` sorted as std's insertion sort sorts a slice of
/// `n ≤ 20` elements, calling `is_less(a, b)` ("`a` goes before `b`") in
/// the order std does (`insert_tail`, shifting each element left).
pub fn insertion_order(n: usize, is_less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in 1..n {
        if !is_less(order[i], order[i - 1]) {
            continue;
        }
        let moving = order[i];
        let mut gap = i;
        loop {
            order[gap] = order[gap - 1];
            gap -= 1;
            if gap == 0 || !is_less(moving, order[gap - 1]) {
                break;
            }
        }
        order[gap] = moving;
    }
    order
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
    fn insertion_compares_as_std_does() {
        // std's own sort of the same keys, its comparisons written down,
        // is the reference.
        let keys = [5u8, 3, 8, 3, 1, 8, 8, 2, 0, 9, 3, 7, 7, 1, 4, 6, 2, 0, 5, 3];
        for n in 0..=keys.len() {
            let mut std_calls = Vec::new();
            let mut std_order: Vec<usize> = (0..n).collect();
            std_order.sort_by(|&a, &b| {
                std_calls.push((a, b));
                keys[a].cmp(&keys[b])
            });
            let mut calls = Vec::new();
            let order = insertion_order(n, &mut |a, b| {
                calls.push((a, b));
                keys[a] < keys[b]
            });
            assert_eq!(order, std_order, "order of {n}");
            assert_eq!(calls, std_calls, "comparisons of {n}");
        }
    }

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
