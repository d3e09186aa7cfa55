//! How rustc lays out a struct or tuple that has no `#[repr]`, today: field
//! order, offsets, and the *niche* it hands to enclosing enums.
//!
//! Rust promises nothing about the order of such fields. rustc 1.95 sorts
//! them by decreasing (effective) alignment, which leaves no padding between
//! fields (each field's size is a multiple of its alignment, and the
//! alignments only fall), so only the tail is padded:
//!
//! ```text
//!   struct S { a: u8, b: u32, c: u16 }      declared order
//!   ┌────────┬────┬──┬──┐
//!   │ b: u32 │c   │a │▒▒│   size = align_up(4 + 2 + 1, 4) = 8
//!   └────────┴────┴──┴──┘
//! ```
//!
//! A *niche* is a range of bit patterns one scalar inside a value can never
//! hold: a `bool` is only ever 0 or 1, a `Box` is never null, a `Vec`'s
//! capacity never passes `isize::MAX`. An enclosing enum stores its other
//! variants there instead of adding a tag (see `enum_layout`). rustc keeps
//! only the largest niche of each type ([`Shape::niche`]) and lets it steer
//! the field order:
//!
//! * among fields of one alignment group, the one with the larger niche
//!   goes first, so the niche sits at the start and an enum's smaller
//!   variants fit after it;
//! * when that still leaves the niche in the middle, rustc tries again with
//!   the niche pushed to the end (`NicheBias::End`) and keeps whichever
//!   leaves more room on one side:
//!
//! ```text
//!   struct T { a: u32, b: bool, c: u8 }     niche (b) at the end
//!   ┌────────┬──┬──┬─────┐
//!   │ a: u32 │c │b │▒▒▒▒▒│   size 8, niche at offset 5
//!   └────────┴──┴──┴─────┘
//! ```
//!
//! * a tuple's last element never moves (it could be unsized, as in
//!   `(u8, [u32])`), and a `#[repr(C)]` struct keeps its declared order.
//!
//! std's own private types are laid out by the same rule: hashbrown's
//! buckets hold `(K, V)` tuples, a B-tree's `LeafNode` is a plain struct,
//! `Vec` is `{ cap, ptr, len }` in memory. The conformance test
//! (`conformance/tests/rust_layouts.rs`) checks every rule here against
//! `size_of`, `align_of`, `offset_of!` and the bytes of real values, so a
//! change in rustc shows up as a failing case rather than a silent drift.
//! The rules are those of 64-bit x86_64 Linux.

use crate::addr::align_up;
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

/// Where `Vec<T>` (and `String`) keeps its capacity, at rustc 1.95: the
/// three words are `cap`, `ptr`, `len` in memory.
pub const VEC_CAPACITY_OFFSET: u64 = 0;
/// Where `Vec<T>` keeps its buffer pointer.
pub const VEC_POINTER_OFFSET: u64 = 8;
/// Where `Vec<T>` keeps its length.
pub const VEC_LENGTH_OFFSET: u64 = 16;

/// A range of invalid bit patterns in one scalar of a value: rustc stores
/// other enum variants there. The scalar is read as an unsigned
/// little-endian integer of `size` bytes at `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Niche {
    /// Where the scalar starts in the value, in bytes.
    pub offset: u64,
    /// The scalar's size in bytes: 1, 2, 4, 8 or 16.
    pub size: u64,
    /// The first valid value.
    pub valid_start: u128,
    /// The last valid value, inclusive. Less than `valid_start` when the
    /// range wraps around (rustc's `WrappingRange`): then the valid values
    /// are `valid_start..=MAX` and `0..=valid_end`.
    pub valid_end: u128,
}

impl Niche {
    /// A niche for a scalar with this valid range, or `None` when every bit
    /// pattern is valid.
    pub fn new(offset: u64, size: u64, valid_start: u128, valid_end: u128) -> Option<Niche> {
        let niche = Niche {
            offset,
            size,
            valid_start,
            valid_end,
        };
        (niche.available() > 0).then_some(niche)
    }

    /// The largest value the scalar's bytes can hold.
    pub fn max_value(&self) -> u128 {
        u128::MAX >> (128 - 8 * self.size)
    }

    /// How many bit patterns are invalid: how many variants the niche can
    /// still name.
    pub fn available(&self) -> u128 {
        self.valid_start
            .wrapping_sub(self.valid_end.wrapping_add(1))
            & self.max_value()
    }

    /// Whether `value` is a valid value of the scalar.
    pub fn is_valid(&self, value: u128) -> bool {
        if self.valid_start <= self.valid_end {
            (self.valid_start..=self.valid_end).contains(&value)
        } else {
            value >= self.valid_start || value <= self.valid_end
        }
    }

    /// The same niche `by` bytes further into an enclosing value.
    #[must_use]
    pub fn shifted(self, by: u64) -> Niche {
        Niche {
            offset: self.offset + by,
            ..self
        }
    }

    /// rustc's `Niche::reserve`: claims `count` invalid values for other
    /// variants. Returns the first claimed value and the niche left over
    /// (the valid range now includes the claimed values). rustc grows the
    /// range at whichever end gets closest to 0 without passing it, so
    /// that `None` is 0 where it can be.
    pub(super) fn reserve(&self, count: u128) -> Option<(u128, Niche)> {
        if count == 0 || count > self.available() {
            return None;
        }
        let max = self.max_value();
        let (start, end) = (self.valid_start, self.valid_end);
        let move_start = || {
            let new_start = start.wrapping_sub(count) & max;
            (
                new_start,
                Niche {
                    valid_start: new_start,
                    ..*self
                },
            )
        };
        let move_end = || {
            let first = end.wrapping_add(1) & max;
            (
                first,
                Niche {
                    valid_end: end.wrapping_add(count) & max,
                    ..*self
                },
            )
        };
        let distance_end_zero = max - end;
        Some(if start > end {
            move_end()
        } else if start <= distance_end_zero {
            if count <= start {
                move_start()
            } else {
                move_end()
            }
        } else {
            let new_end = end.wrapping_add(count) & max;
            if (1..=end).contains(&new_end) {
                move_start()
            } else {
                move_end()
            }
        })
    }
}

/// What an enclosing layout needs to know of a field's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    /// `size_of::<T>()`.
    pub size: u64,
    /// `align_of::<T>()`, a power of two.
    pub align: u64,
    /// The niche with the most invalid values (rustc's `largest_niche`).
    pub niche: Option<Niche>,
}

impl Shape {
    /// A zero-sized type of this alignment: `()` (1), `[u64; 0]` (8),
    /// `PhantomData<T>` (1).
    pub const fn zst(align: u64) -> Shape {
        Shape {
            size: 0,
            align,
            niche: None,
        }
    }

    /// `()`.
    pub const fn unit() -> Shape {
        Shape::zst(1)
    }

    /// An integer of `size` bytes (1, 2, 4, 8 or 16), signed or not: every
    /// bit pattern is valid. Aligned to its size (`u128` to 16 since Rust
    /// 1.77).
    pub const fn int(size: u64) -> Shape {
        Shape {
            size,
            align: size,
            niche: None,
        }
    }

    /// `f32` (4) or `f64` (8): no niche.
    pub const fn float(size: u64) -> Shape {
        Shape::int(size)
    }

    /// A scalar of `size` bytes whose valid values are
    /// `valid_start..=valid_end` (wrapping): `NonZeroU32` is
    /// `scalar(4, 1, u32::MAX as u128)`.
    pub fn scalar(size: u64, valid_start: u128, valid_end: u128) -> Shape {
        Shape {
            niche: Niche::new(0, size, valid_start, valid_end),
            ..Shape::int(size)
        }
    }

    /// `bool`: one byte, 0 or 1.
    pub fn bool() -> Shape {
        Shape::scalar(1, 0, 1)
    }

    /// `char`: four bytes, a Unicode scalar value `0..=0x10FFFF` (rustc
    /// does not count the surrogate gap as a niche).
    pub fn char() -> Shape {
        Shape::scalar(4, 0, 0x10_FFFF)
    }

    /// A pointer that is never null: `Box<T>`, `&T`, `&mut T`,
    /// `NonNull<T>`, `Rc<T>` of a sized `T`. One word, valid `1..=MAX`.
    pub fn non_null() -> Shape {
        Shape::scalar(8, 1, u128::from(u64::MAX))
    }

    /// `Vec<T>` and `String`: three words, `cap`, `ptr`, `len`. The
    /// capacity is std's `UsizeNoHighBit` (valid `0..=isize::MAX`), the
    /// largest niche: `Option<Vec<T>>` stores `None` as capacity
    /// `0x8000_0000_0000_0000`.
    pub fn vec() -> Shape {
        Shape {
            size: 24,
            align: 8,
            niche: Niche::new(VEC_CAPACITY_OFFSET, 8, 0, u128::from(i64::MAX as u64)),
        }
    }

    /// `[T; n]`: `n` elements back to back. The niche is the first
    /// element's (rustc keeps one); none when `n == 0`.
    pub fn array(elem: Shape, n: u64) -> Shape {
        Shape {
            size: elem.size * n,
            align: elem.align,
            niche: elem.niche.filter(|_| n != 0),
        }
    }

    /// `Cell<T>`, `UnsafeCell<T>` (and so `RefCell<T>`'s value): the same
    /// bytes, but rustc hides the niche, since the value may change behind
    /// a shared reference.
    #[must_use]
    pub const fn in_cell(self) -> Shape {
        Shape {
            niche: None,
            ..self
        }
    }

    /// Size and alignment only.
    pub const fn layout(&self) -> LayoutSpec {
        LayoutSpec {
            size: self.size,
            align: self.align,
        }
    }

    /// Bit patterns the niche leaves for other variants (0 without one).
    pub fn niche_available(&self) -> u128 {
        self.niche.map_or(0, |n| n.available())
    }

    /// Zero-sized with alignment 1: such a field never moves anything.
    pub(super) fn is_1zst(&self) -> bool {
        self.size == 0 && self.align == 1
    }
}

/// A struct's or tuple's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructShape {
    /// The whole value.
    pub shape: Shape,
    /// Each field's offset, in declared order.
    pub offsets: Vec<u64>,
}

/// The layout rustc 1.95 gives a struct with these fields (in declared
/// order): reordered unless `repr_c`, aligned to at least `repr_align`
/// (`#[repr(align(N))]`).
///
/// A generic struct whose last field is a `?Sized` type parameter keeps
/// that field last, as a tuple does: use [`tuple_shape`] for it.
pub fn struct_shape(fields: &[Shape], repr_c: bool, repr_align: Option<u64>) -> StructShape {
    univariant(fields, Kind::AlwaysSized, !repr_c, repr_align).into_struct()
}

/// The layout rustc 1.95 gives a tuple: like a struct's, except that the
/// last element stays last (rustc lays tuples out as possibly unsized) and
/// no alternative niche placement is tried.
pub fn tuple_shape(fields: &[Shape]) -> StructShape {
    let kind = if fields.is_empty() {
        Kind::AlwaysSized
    } else {
        Kind::MaybeUnsized
    };
    univariant(fields, kind, true, None).into_struct()
}

/// rustc's `StructKind`: how a run of fields is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A struct, or an enum variant when the enum uses a niche.
    AlwaysSized,
    /// A tuple: the last field is not reordered.
    MaybeUnsized,
    /// An enum variant after a tag of this size and alignment.
    Prefixed { size: u64, align: u64 },
}

/// rustc's `NicheBias`: which end of the struct the niche is pushed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bias {
    Start,
    End,
}

/// One run of fields laid out (rustc's `univariant`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placed {
    pub size: u64,
    pub align: u64,
    pub niche: Option<Niche>,
    /// In declared order.
    pub offsets: Vec<u64>,
    /// Field indices by increasing offset (ties in placement order).
    pub memory_order: Vec<usize>,
}

impl Placed {
    fn into_struct(self) -> StructShape {
        StructShape {
            shape: Shape {
                size: self.size,
                align: self.align,
                niche: self.niche,
            },
            offsets: self.offsets,
        }
    }
}

/// rustc's `univariant`: the start-biased layout, or the end-biased one
/// when that moves the niche nearer an edge.
pub(super) fn univariant(
    fields: &[Shape],
    kind: Kind,
    reorder: bool,
    repr_align: Option<u64>,
) -> Placed {
    let layout = univariant_biased(fields, kind, reorder, repr_align, Bias::Start);
    if kind == Kind::MaybeUnsized || fields.len() < 2 {
        return layout;
    }
    let Some(niche) = layout.niche else {
        return layout;
    };
    let head = niche.offset;
    let tail = layout.size - head - niche.size;
    if head == 0 || tail == 0 {
        return layout;
    }
    let alt = univariant_biased(fields, kind, reorder, repr_align, Bias::End);
    let alt_head = alt.niche.map_or(0, |n| n.offset);
    if alt_head > head && alt_head > tail {
        alt
    } else {
        layout
    }
}

/// log2 of a power of two (or of the largest power of two dividing `n`).
fn log2(n: u64) -> u32 {
    n.trailing_zeros()
}

fn univariant_biased(
    fields: &[Shape],
    kind: Kind,
    reorder: bool,
    repr_align: Option<u64>,
    bias: Bias,
) -> Placed {
    let mut order: Vec<usize> = (0..fields.len()).collect();
    // A possibly unsized tail stays where it is.
    let end = if kind == Kind::MaybeUnsized {
        fields.len() - 1
    } else {
        fields.len()
    };
    if reorder && fields.len() > 1 {
        let movable = &fields[..end];
        let max_field_align = movable.iter().map(|f| f.align).max().unwrap_or(1);
        let largest_niche = movable
            .iter()
            .map(Shape::niche_available)
            .max()
            .unwrap_or(0);
        // log2 of the alignment group: a field's alignment, or its size
        // when that is a larger power of two ([u8; 4] goes with u32), but
        // not past the struct's alignment while a niche wants the front.
        let group = |f: &Shape| -> u32 {
            let size_as_align = log2(f.align.max(f.size));
            if largest_niche == 0 {
                return size_as_align;
            }
            match bias {
                Bias::Start => log2(max_field_align).min(size_as_align),
                Bias::End if f.niche_available() == largest_niche => log2(f.align),
                Bias::End => size_as_align,
            }
        };
        let slice = &mut order[..end];
        match kind {
            Kind::AlwaysSized | Kind::MaybeUnsized => {
                crate::stable_sort::sort_by_key(slice, |&i| {
                    let f = &fields[i];
                    let niche = f.niche_available();
                    let (niche_key, place_key) = match bias {
                        // Larger niches first, nearest the field's start first.
                        Bias::Start => (!niche, f.niche.map_or(0, |n| n.offset)),
                        // Larger niches last, nearest the field's end last.
                        Bias::End => (niche, f.niche.map_or(0, |n| !(f.size - n.size - n.offset))),
                    };
                    (std::cmp::Reverse(group(f)), niche_key, place_key)
                })
            }
            // After a tag: ascending alignment (optimal whatever the tag's
            // size), the largest niche last in its group.
            Kind::Prefixed { .. } => {
                crate::stable_sort::sort_by_key(slice, |&i| {
                    (group(&fields[i]), fields[i].niche_available())
                });
            }
        }
    }

    let mut offsets = vec![0; fields.len()];
    let (mut offset, mut align) = match kind {
        Kind::Prefixed { size, align } => (align_up(size, align), align),
        _ => (0, 1),
    };
    let mut niche: Option<Niche> = None;
    let mut niche_available = 0;
    for &i in &order {
        let f = &fields[i];
        offset = align_up(offset, f.align);
        align = align.max(f.align);
        offsets[i] = offset;
        if let Some(n) = f.niche {
            let available = n.available();
            let better = match bias {
                Bias::Start => available > niche_available,
                Bias::End => available >= niche_available,
            };
            if better {
                niche_available = available;
                niche = Some(n.shifted(offset));
            }
        }
        offset += f.size;
    }
    if let Some(a) = repr_align {
        align = align.max(a);
    }
    Placed {
        size: align_up(offset, align),
        align,
        niche,
        offsets,
        memory_order: order,
    }
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

    #[test]
    fn a_struct_sorts_by_alignment_and_a_tuple_keeps_its_tail() {
        let fields = [Shape::int(1), Shape::int(4), Shape::int(2)];
        let s = struct_shape(&fields, false, None);
        assert_eq!((s.shape.size, s.offsets), (8, vec![6, 0, 4]));
        let t = tuple_shape(&fields);
        assert_eq!((t.shape.size, t.offsets), (8, vec![4, 0, 6]));
        let c = struct_shape(&fields, true, None);
        assert_eq!((c.shape.size, c.offsets), (12, vec![0, 4, 8]));
        let a = struct_shape(&fields, true, Some(16));
        assert_eq!((a.shape.size, a.shape.align), (16, 16));
    }

    #[test]
    fn the_niche_goes_to_an_edge() {
        // { a: u32, b: bool, c: u8 }: start-biased puts b at 4 (head 4,
        // tail 3); end-biased puts it at 5, nearer the end.
        let s = struct_shape(&[Shape::int(4), Shape::bool(), Shape::int(1)], false, None);
        assert_eq!(s.offsets, vec![0, 5, 4]);
        assert_eq!(s.shape.niche.map(|n| n.offset), Some(5));
        // { a: u64, b: Box<u8> }: the pointer's niche goes first.
        let s = struct_shape(&[Shape::int(8), Shape::non_null()], false, None);
        assert_eq!(s.offsets, vec![8, 0]);
    }

    #[test]
    fn reserving_a_niche_prefers_zero() {
        let ptr = Shape::non_null().niche.unwrap();
        assert_eq!(ptr.reserve(1).map(|r| r.0), Some(0));
        assert_eq!(ptr.reserve(2), None);
        let b = Shape::bool().niche.unwrap();
        assert_eq!(b.reserve(1).map(|r| r.0), Some(2));
        let cap = Shape::vec().niche.unwrap();
        assert_eq!(cap.reserve(1).map(|r| r.0), Some(1 << 63));
        assert_eq!(
            Shape::char().niche.unwrap().available(),
            0xFFFF_FFFF - 0x10_FFFF
        );
    }
}
