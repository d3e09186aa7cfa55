//! How rustc lays out a struct or tuple that has no `#[repr]`, today.
//!
//! Rust promises nothing about the order of such fields. rustc currently
//! places them by decreasing alignment, which leaves no padding between
//! fields (each field's size is a multiple of its alignment, and the
//! alignments only fall), so only the tail is padded:
//!
//! ```text
//!   (u8, u32, u16)      declared order
//!   ┌────────┬────┬──┬──┐
//!   │ u32    │u16 │u8│▒▒│   size = align_up(4 + 2 + 1, 4) = 8
//!   └────────┴────┴──┴──┘
//! ```
//!
//! std's own private types are laid out by the same rule: hashbrown's
//! buckets hold `(K, V)` tuples, a B-tree's `LeafNode` is a plain struct,
//! `sort_by_cached_key` sorts `(K, index)` pairs. The conformance test
//! checks the rule with `size_of`/`align_of` on real types, so a change in
//! rustc shows up as a failing case rather than a silent drift.

use crate::error::LayoutSpec;

/// The layout rustc gives a non-`repr(C)` struct or tuple with these
/// fields: the sum of the sizes, rounded up to the largest alignment (1
/// for no fields).
pub fn rust_layout(fields: &[LayoutSpec]) -> LayoutSpec {
    let align = fields.iter().map(|f| f.align).max().unwrap_or(1);
    let size: u64 = fields.iter().map(|f| f.size).sum();
    LayoutSpec {
        size: crate::addr::align_up(size, align),
        align,
    }
}

/// `(K, V)`: the element a `HashMap<K, V>` stores in each bucket.
pub fn pair_layout(k: LayoutSpec, v: LayoutSpec) -> LayoutSpec {
    rust_layout(&[k, v])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::ty::{IntTy, Ty};
    use crate::target::Target;

    #[test]
    fn agrees_with_the_scenario_types_own_layout() {
        let u8_ = Ty::Int(IntTy::Fixed(false, 1));
        let u16_ = Ty::Int(IntTy::Fixed(false, 2));
        let u64_ = Ty::Int(IntTy::Fixed(false, 8));
        let arr3 = Ty::Array(Box::new(u8_.clone()), 3);
        let t = Target::Bits64;
        for (a, b) in [
            (u8_.clone(), u64_.clone()),
            (arr3.clone(), u16_.clone()),
            (u16_.clone(), arr3),
            (Ty::unit(), u8_),
            (u64_, Ty::unit()),
        ] {
            let tuple = Ty::Tuple(vec![a.clone(), b.clone()]);
            assert_eq!(
                pair_layout(a.layout(t), b.layout(t)),
                tuple.layout(t),
                "{tuple}"
            );
        }
    }

    #[test]
    fn only_the_tail_is_padded() {
        // (u8, u32, u16): 7 bytes of fields, rounded up to 4.
        let l = rust_layout(&[
            LayoutSpec { size: 1, align: 1 },
            LayoutSpec { size: 4, align: 4 },
            LayoutSpec { size: 2, align: 2 },
        ]);
        assert_eq!(l, LayoutSpec { size: 8, align: 4 });
        assert_eq!(rust_layout(&[]), LayoutSpec { size: 0, align: 1 });
    }
}
