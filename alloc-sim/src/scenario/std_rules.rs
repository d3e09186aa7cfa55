//! The allocator calls the standard library makes, as rules.
//!
//! Each function here states one rule of `alloc::raw_vec::RawVec`, `Box`,
//! `Rc` or `String`, measured from the real std: `conformance/tests/std_calls.rs`
//! runs the same operations in real Rust under a recording global allocator
//! and checks that the scenario interpreter, which follows these rules,
//! makes exactly the same calls.

use crate::error::LayoutSpec;
use crate::target::Target;

/// `RawVec`'s smallest non-zero capacity: 8 for 1-byte elements (a heap
/// allocator rounds tiny requests up anyway), 4 up to 1 KiB, else 1.
pub const fn min_non_zero_cap(elem_size: u64) -> u64 {
    if elem_size == 1 {
        8
    } else if elem_size <= 1024 {
        4
    } else {
        1
    }
}

/// Why a `Vec` cannot grow, as `TryReserveErrorKind` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrowError {
    /// The capacity or its byte size would pass `isize::MAX` (or
    /// `usize::MAX`): the allocator is never asked.
    CapacityOverflow,
}

/// `Layout::array::<T>(n)` at the target's width: `n · size` bytes at the
/// element's alignment, if that fits `isize::MAX`.
pub fn array_layout(elem: LayoutSpec, n: u64, target: Target) -> Result<LayoutSpec, GrowError> {
    let size = elem
        .size
        .checked_mul(n)
        .ok_or(GrowError::CapacityOverflow)?;
    target
        .check_layout(size, elem.align)
        .map_err(|_| GrowError::CapacityOverflow)?;
    Ok(LayoutSpec {
        size,
        align: elem.align,
    })
}

/// `RawVec::grow_amortized`: the capacity after making room for
/// `additional` more elements beyond `len`: `max(2·cap, len + additional,
/// min_non_zero_cap)`.
pub fn amortized_capacity(
    cap: u64,
    len: u64,
    additional: u64,
    elem_size: u64,
    target: Target,
) -> Result<u64, GrowError> {
    let required = len
        .checked_add(additional)
        .ok_or(GrowError::CapacityOverflow)?;
    if required > usize_max(target) {
        return Err(GrowError::CapacityOverflow);
    }
    let doubled = cap.saturating_mul(2).min(usize_max(target));
    Ok(doubled.max(required).max(min_non_zero_cap(elem_size)))
}

/// `RawVec::grow_exact`: exactly `len + additional`.
pub fn exact_capacity(len: u64, additional: u64, target: Target) -> Result<u64, GrowError> {
    let required = len
        .checked_add(additional)
        .ok_or(GrowError::CapacityOverflow)?;
    if required > usize_max(target) {
        return Err(GrowError::CapacityOverflow);
    }
    Ok(required)
}

/// `usize::MAX` on the target.
pub const fn usize_max(target: Target) -> u64 {
    match target {
        Target::Bits64 => u64::MAX,
        Target::Bits32 => u32::MAX as u64,
    }
}

/// `Rc::new`'s allocation: `RcInner { strong, weak, value }` is
/// `repr(C)`: two words, then the value at its alignment, padded to the
/// whole's alignment.
pub fn rc_layout(value: LayoutSpec, target: Target) -> LayoutSpec {
    let word = target.word_size();
    let header = LayoutSpec {
        size: 2 * word,
        align: word,
    };
    let (extended, _) = extend(header, value);
    pad_to_align(extended)
}

/// `Layout::extend`: `next` placed after `self` at its alignment; returns
/// the combined layout and `next`'s offset.
pub fn extend(this: LayoutSpec, next: LayoutSpec) -> (LayoutSpec, u64) {
    let offset = crate::addr::align_up(this.size, next.align);
    (
        LayoutSpec {
            size: offset + next.size,
            align: this.align.max(next.align),
        },
        offset,
    )
}

/// `Layout::pad_to_align`: the size rounded up to the alignment.
pub fn pad_to_align(layout: LayoutSpec) -> LayoutSpec {
    LayoutSpec {
        size: crate::addr::align_up(layout.size, layout.align),
        align: layout.align,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vec_of_u32_grows_4_8_16() {
        let t = Target::Bits64;
        assert_eq!(amortized_capacity(0, 0, 1, 4, t), Ok(4));
        assert_eq!(amortized_capacity(4, 4, 1, 4, t), Ok(8));
        assert_eq!(amortized_capacity(8, 8, 1, 4, t), Ok(16));
        // reserve(100) on an empty Vec: exactly what is needed.
        assert_eq!(amortized_capacity(0, 0, 100, 4, t), Ok(100));
    }

    #[test]
    fn bytes_start_at_8_and_big_elements_at_1() {
        let t = Target::Bits64;
        assert_eq!(amortized_capacity(0, 0, 1, 1, t), Ok(8));
        assert_eq!(amortized_capacity(0, 0, 1, 1025, t), Ok(1));
    }

    #[test]
    fn capacity_overflow_is_caught_before_the_allocator() {
        let t = Target::Bits32;
        let elem = LayoutSpec { size: 8, align: 8 };
        assert_eq!(
            array_layout(elem, 1 << 28, t),
            Err(GrowError::CapacityOverflow)
        );
        assert!(array_layout(elem, 1 << 27, t).is_ok());
        assert_eq!(
            amortized_capacity(0, u64::MAX, 1, 1, t),
            Err(GrowError::CapacityOverflow)
        );
    }

    #[test]
    fn rc_adds_two_words_in_front() {
        let t = Target::Bits64;
        assert_eq!(
            rc_layout(LayoutSpec { size: 4, align: 4 }, t),
            LayoutSpec { size: 24, align: 8 }
        );
        assert_eq!(
            rc_layout(LayoutSpec { size: 1, align: 32 }, t),
            LayoutSpec {
                size: 64,
                align: 32
            }
        );
    }
}

// Each std collection's rules, one concept a file.
pub mod binary_heap;
pub mod btree;
mod calls;
pub mod dec2flt;
mod enum_layout;
pub mod format;
pub mod hash_table;
pub mod is_zero;
mod raw_buf;
pub mod raw_table;
pub mod rc;
mod rust_layout;
pub mod sort;
pub mod vec_deque;
pub mod vec_methods;

pub use calls::StdCall;
pub use enum_layout::{
    enum_shape, enum_shape_with, option_shape, EnumRepr, EnumShape, IntType, TagEncoding,
};
pub use raw_buf::RawBuf;
pub use rust_layout::{
    pair_layout, rust_layout, struct_shape, tuple_shape, Niche, Shape, StructShape,
    VEC_CAPACITY_OFFSET, VEC_LENGTH_OFFSET, VEC_POINTER_OFFSET,
};
