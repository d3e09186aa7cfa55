//! How rustc lays out an enum (no `#[repr]`): where the variant is
//! written, and where each variant's fields go.
//!
//! rustc computes two layouts and keeps the better one:
//!
//! * **tagged**: an integer tag at offset 0, the smallest that holds every
//!   discriminant (`u8` up to 256 variants), and each variant's fields
//!   after it, sorted by *ascending* alignment so that they pack against
//!   the tag. When every variant's first field is more aligned than the
//!   tag, the tag is widened to fill the gap (`u8` → `u32` before an
//!   `i32`). The size is the largest variant's, rounded up to the
//!   alignment.
//!
//! * **niche-filling**: the largest variant keeps its own layout and the
//!   others are named by invalid values of its largest niche (a `bool`'s
//!   2, 3, …, a `Box`'s null). Every other variant must fit entirely before
//!   the niche, or entirely after it.
//!
//! ```text
//!   enum Token { Num(i64), Op(char), LParen, RParen }   tagged, 16 bytes
//!   ┌────┬────┬────────┐
//!   │tag │▒▒▒▒│ i64    │  Num     tag u32 (widened: Op's char is 4-aligned)
//!   │tag │char│▒▒▒▒▒▒▒▒│  Op
//!   └────┴────┴────────┘
//!   Option<Box<T>>                                 niche-filling, 8 bytes
//!   ┌────────┐
//!   │ ptr    │  Some: any non-null pointer; None: 0
//!   └────────┘
//! ```
//!
//! The smaller layout wins; at equal size the one whose own niche is
//! larger (what `Option<Self>` will use); otherwise tagged. A one-variant
//! enum is a struct. The encoding is in [`TagEncoding`];
//! [`EnumShape::variant_of`] reads it back from a value's bytes and
//! [`EnumShape::tag_bytes`] says what to write. The conformance test
//! (`conformance/tests/rust_layouts.rs`) reads the tag bytes of real
//! values to check both.
//!
//! With a `#[repr]` ([`EnumRepr`], [`enum_shape_with`]) rustc makes no
//! choice: `#[repr(u8)]` (any integer) makes every variant a `#[repr(C)]`
//! struct that starts with a tag of that integer, and the enum their
//! union; `#[repr(C)]` puts a C `int` tag (or the integer of
//! `#[repr(C, u8)]`) in front of a union of the variants as `#[repr(C)]`
//! structs. Either way the fields keep their declared order, and the only
//! niche is the tag's.
//!
//! Not modelled: uninhabited variants (rustc drops a variant whose fields
//! include `!` or an empty enum), and the `packed` and `align` reprs.

use super::rust_layout::{univariant, Kind, Niche, Placed, Shape};
use crate::addr::align_up;

/// How an enum value says which variant it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagEncoding {
    /// Only one variant (or none: the enum is uninhabited and
    /// `variant` is 0); nothing is stored.
    Single {
        /// The variant every value is.
        variant: usize,
    },
    /// An integer tag of `size` bytes at `offset`.
    Direct {
        /// Where the tag starts (always 0 for rustc's own layout).
        offset: u64,
        /// The tag's size in bytes, possibly widened past what the
        /// discriminants need.
        size: u64,
        /// Whether the discriminants include negative values.
        signed: bool,
        /// Per variant, the tag as stored: the discriminant truncated to
        /// `size` bytes.
        values: Vec<u128>,
    },
    /// The variants other than `untagged_variant` are invalid values of the
    /// untagged variant's largest niche: variant `v` in `niche_variants` is
    /// stored as `niche_start + (v - niche_variants.0)`, wrapping in `size`
    /// bytes.
    Niche {
        /// Where the niche's scalar starts.
        offset: u64,
        /// The scalar's size in bytes.
        size: u64,
        /// The variant whose data holds the niche (the largest).
        untagged_variant: usize,
        /// The first and last variant (inclusive) named by a niche value.
        niche_variants: (usize, usize),
        /// The value naming `niche_variants.0`.
        niche_start: u128,
    },
}

/// An enum's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumShape {
    /// The whole enum, with the niche an enclosing `Option` would use.
    pub shape: Shape,
    /// Each variant's field offsets, in declared order.
    pub variants: Vec<Vec<u64>>,
    /// How the variant is stored.
    pub tag: TagEncoding,
}

impl EnumShape {
    /// Which variant a value is, from its bytes (at least up to the end of
    /// the tag). `None` when a direct tag holds no variant's value.
    pub fn variant_of(&self, value: &[u8]) -> Option<usize> {
        match &self.tag {
            TagEncoding::Single { variant } => Some(*variant),
            TagEncoding::Direct {
                offset,
                size,
                values,
                ..
            } => {
                let tag = read_uint(value, *offset, *size);
                values.iter().position(|&v| v == tag)
            }
            TagEncoding::Niche {
                offset,
                size,
                untagged_variant,
                niche_variants: (first, last),
                niche_start,
            } => {
                let mask = u128::MAX >> (128 - 8 * size);
                let relative = read_uint(value, *offset, *size).wrapping_sub(*niche_start) & mask;
                let count = (last - first) as u128;
                Some(if relative <= count {
                    first + relative as usize
                } else {
                    *untagged_variant
                })
            }
        }
    }

    /// What to write to make a value `variant`: the offset and the
    /// little-endian bytes of its tag, or `None` when nothing is written
    /// (a single variant, or the untagged variant of a niche, whose own
    /// data says it).
    pub fn tag_bytes(&self, variant: usize) -> Option<(u64, Vec<u8>)> {
        let (offset, size, value) = match &self.tag {
            TagEncoding::Single { .. } => return None,
            TagEncoding::Direct {
                offset,
                size,
                values,
                ..
            } => (*offset, *size, values[variant]),
            TagEncoding::Niche {
                offset,
                size,
                untagged_variant,
                niche_variants: (first, last),
                niche_start,
            } => {
                if variant == *untagged_variant || !(*first..=*last).contains(&variant) {
                    return None;
                }
                let value = niche_start.wrapping_add((variant - first) as u128);
                (*offset, *size, value)
            }
        };
        let bytes = value.to_le_bytes()[..size as usize].to_vec();
        Some((offset, bytes))
    }
}

/// The unsigned little-endian integer of `size` bytes at `offset`.
fn read_uint(bytes: &[u8], offset: u64, size: u64) -> u128 {
    let mut buf = [0u8; 16];
    let (offset, size) = (offset as usize, size as usize);
    buf[..size].copy_from_slice(&bytes[offset..offset + size]);
    u128::from_le_bytes(buf)
}

/// An integer type named in a `#[repr]`: its size and signedness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntType {
    /// Its size in bytes.
    pub size: u64,
    /// Whether it is signed.
    pub signed: bool,
}

/// An enum's `#[repr]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EnumRepr {
    /// None written: rustc's own choice, tagged or niche-filling.
    #[default]
    Rust,
    /// `#[repr(u8)]`, `#[repr(i32)]`, …: a tag of this integer at the
    /// start of every variant.
    Int(IntType),
    /// `#[repr(C)]` (a tag of C's `int`, wider if a discriminant needs
    /// it) or `#[repr(C, u8)]`: the tag, then a union of the variants.
    C(Option<IntType>),
}

impl EnumRepr {
    /// rustc's `discr_type`: the type the discriminants are written in,
    /// `isize` unless the repr names an integer.
    fn discr_type(self, word: u64) -> IntType {
        match self {
            EnumRepr::Int(t) | EnumRepr::C(Some(t)) => t,
            EnumRepr::Rust | EnumRepr::C(None) => IntType {
                size: word,
                signed: true,
            },
        }
    }
}

/// The tag's valid values as rustc 1.95 computes them (`layout_of_enum`),
/// as the first and the last valid discriminant, `min ..= max`, which wraps
/// round when `min > max` as bit patterns.
///
/// rustc sorts the discriminants, read in their type (`discr`, signed or
/// not), and makes the largest gap between neighbours, the one from the
/// greatest round to the least included, the tag's niche. The gap that
/// wraps round is measured from the type's greatest value, and for a
/// signed type that is its signed maximum: the wrapping gap of
/// `#[repr(i8)] { A = -3, B = 100 }` counts 24 values, not 152, so the gap
/// between -3 and 100 wins and the tag is valid from 100 to 253 (as `u8`),
/// where `Option` puts its `None` at 254. rustc after 1.95 (rust-lang/rust
/// #159509) measures every gap in bits; conformance's `rust_layouts` holds
/// this to the compiler.
fn valid_tag_range(discriminants: &[i128], discr: IntType) -> (i128, i128) {
    let bits = 8 * discr.size as u32;
    let gap = |(below, above): (i128, i128)| -> u128 {
        if below > above {
            // The gap that wraps round, from the greatest to the least.
            let span = below.wrapping_sub(above);
            if discr.signed {
                let signed_max = (u128::MAX >> (129 - bits)) as i128;
                signed_max.wrapping_sub(span) as u128
            } else {
                (u128::MAX >> (128 - bits)).wrapping_sub(span as u128)
            }
        } else {
            above.wrapping_sub(below) as u128
        }
    };
    // Each discriminant with the next greater one, the greatest with the
    // least, in ascending order. Written discriminants almost always
    // ascend already; others are walked by finding each one's successor
    // (no sort: its code would cost the bundle more than this).
    let least = discriminants.iter().copied().min().unwrap_or(0);
    let after = |d: i128| discriminants.iter().copied().filter(|&e| e > d).min();
    let ascending = discriminants.windows(2).all(|w| w[0] < w[1]);
    let mut best: Option<((i128, i128), u128)> = None;
    let mut at = 0;
    let mut d = discriminants.first().map(|_| least);
    while let Some(below) = d {
        at += 1;
        let above = if ascending {
            discriminants.get(at).copied()
        } else {
            after(below)
        };
        let pair = (below, above.unwrap_or(least));
        let size = gap(pair);
        // The last of the largest, as rustc's `max_by_key` keeps.
        if best.is_none_or(|(_, b)| size >= b) {
            best = Some((pair, size));
        }
        d = above;
    }
    let ((max, min), _) = best.unwrap_or(((0, 0), 0));
    (min, max)
}

/// The layout rustc 1.95 gives an enum with this `repr` (see
/// [`enum_shape`] for none) on a target of `word`-byte `isize`.
///
/// # Panics
///
/// If the two slices differ in length.
pub fn enum_shape_with(
    variants: &[Vec<Shape>],
    discriminants: &[i128],
    repr: EnumRepr,
    word: u64,
) -> EnumShape {
    assert_eq!(
        variants.len(),
        discriminants.len(),
        "one discriminant per variant"
    );
    let (min, max) = valid_tag_range(discriminants, repr.discr_type(word));
    let (tag, union) = match repr {
        EnumRepr::Rust => return enum_shape_in(variants, discriminants, word),
        EnumRepr::Int(t) => (t, false),
        EnumRepr::C(Some(t)) => (t, true),
        // rustc's `repr_discr`: at least C's `int`, wider if needed.
        EnumRepr::C(None) => (discr_fit(min, max, 4), true),
    };
    let size = tag.size;
    let (layouts, start): (Vec<Placed>, u64) = if union {
        // The variants as `#[repr(C)]` structs, side by side after the tag.
        let layouts: Vec<Placed> = variants
            .iter()
            .map(|fields| univariant(fields, Kind::AlwaysSized, false, None))
            .collect();
        let union_align = layouts.iter().map(|st| st.align).max().unwrap_or(1);
        (layouts, align_up(size, union_align))
    } else {
        let prefix = Kind::Prefixed { size, align: size };
        let layouts = variants
            .iter()
            .map(|fields| univariant(fields, prefix, false, None))
            .collect();
        (layouts, 0)
    };
    let align = layouts.iter().map(|st| st.align).fold(size, u64::max);
    let end = layouts
        .iter()
        .map(|st| start + st.size)
        .fold(size, u64::max);
    let mask = u128::MAX >> (128 - 8 * size);
    EnumShape {
        shape: Shape {
            size: align_up(end, align),
            align,
            niche: Niche::new(0, size, min as u128 & mask, max as u128 & mask),
        },
        variants: layouts
            .into_iter()
            .map(|st| st.offsets.into_iter().map(|o| start + o).collect())
            .collect(),
        tag: TagEncoding::Direct {
            offset: 0,
            size,
            signed: tag.signed,
            values: discriminants.iter().map(|&d| d as u128 & mask).collect(),
        },
    }
}

/// `Option<T>` for a `T` of this shape: `enum { None, Some(T) }`.
pub fn option_shape(t: Shape) -> EnumShape {
    enum_shape(&[vec![], vec![t]], &[0, 1])
}

/// The layout rustc 1.95 gives an enum (no `#[repr]`) whose variants have
/// these fields (declared order) and these discriminants (one per variant:
/// 0, 1, 2, … unless written, as `A = -1`).
///
/// # Panics
///
/// If the two slices differ in length.
pub fn enum_shape(variants: &[Vec<Shape>], discriminants: &[i128]) -> EnumShape {
    enum_shape_in(variants, discriminants, 8)
}

/// [`enum_shape`] on a target of `word`-byte `isize`, the type of the
/// discriminants.
fn enum_shape_in(variants: &[Vec<Shape>], discriminants: &[i128], word: u64) -> EnumShape {
    assert_eq!(
        variants.len(),
        discriminants.len(),
        "one discriminant per variant"
    );
    match variants {
        // Uninhabited: `!`-like, no value exists.
        [] => EnumShape {
            shape: Shape::zst(1),
            variants: Vec::new(),
            tag: TagEncoding::Single { variant: 0 },
        },
        // One variant: a struct.
        [only] => {
            let st = univariant(only, Kind::AlwaysSized, true, None);
            EnumShape {
                shape: Shape {
                    size: st.size,
                    align: st.align,
                    niche: st.niche,
                },
                variants: vec![st.offsets],
                tag: TagEncoding::Single { variant: 0 },
            }
        }
        _ => {
            let tagged = tagged_layout(variants, discriminants, word);
            match niche_filling_layout(variants) {
                Some(niche)
                    if niche.shape.size < tagged.shape.size
                        || (niche.shape.size == tagged.shape.size
                            && tagged.shape.niche_available() < niche.shape.niche_available()) =>
                {
                    niche
                }
                _ => tagged,
            }
        }
    }
}

/// The integer sizes rustc can use for a tag.
const INTEGERS: [u64; 5] = [1, 2, 4, 8, 16];

/// The smallest integer holding `v` as unsigned.
fn fit_unsigned(v: i128) -> u64 {
    let v = v as u128;
    INTEGERS
        .into_iter()
        .find(|&n| n == 16 || v <= u128::MAX >> (128 - 8 * n))
        .unwrap_or(16)
}

/// The smallest integer holding `v` as signed.
fn fit_signed(v: i128) -> u64 {
    INTEGERS
        .into_iter()
        .find(|&n| {
            n == 16 || {
                let bits = 8 * n as u32;
                let (min, max) = (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1);
                (min..=max).contains(&v)
            }
        })
        .unwrap_or(16)
}

/// rustc's `repr_discr` where no integer is written: the smallest integer
/// of at least `at_least` bytes holding the tag's valid range, unsigned
/// when `min` is not negative.
fn discr_fit(min: i128, max: i128, at_least: u64) -> IntType {
    if min >= 0 {
        IntType {
            size: fit_unsigned((min as u128).max(max as u128) as i128).max(at_least),
            signed: false,
        }
    } else {
        IntType {
            size: fit_signed(min).max(fit_signed(max)).max(at_least),
            signed: true,
        }
    }
}

/// rustc's tagged layout (`TagEncoding::Direct`).
fn tagged_layout(variants: &[Vec<Shape>], discriminants: &[i128], word: u64) -> EnumShape {
    let isize = IntType {
        size: word,
        signed: true,
    };
    let (min, max) = valid_tag_range(discriminants, isize);
    let IntType {
        size: min_size,
        signed,
    } = discr_fit(min, max, 1);
    // Integers are aligned to their size on x86_64 (u128 too, since 1.77).
    let prefix = Kind::Prefixed {
        size: min_size,
        align: min_size,
    };
    let mut size = 0;
    let mut align = 1;
    // The smallest alignment of a variant's first field that is not a
    // 1-aligned ZST: the tag may grow up to it.
    let mut start_align = u64::MAX;
    let mut layouts: Vec<Placed> = variants
        .iter()
        .map(|fields| {
            let st = univariant(fields, prefix, true, None);
            if let Some(&first) = st.memory_order.iter().find(|&&i| !fields[i].is_1zst()) {
                start_align = start_align.min(fields[first].align);
            }
            size = size.max(st.size);
            align = align.max(st.align);
            st
        })
        .collect();
    let size = align_up(size, align);

    let tag_size = if INTEGERS.contains(&start_align) && start_align > min_size {
        // Widen the tag: fields at the old tag's end move to the new one's.
        for st in &mut layouts {
            for offset in &mut st.offsets {
                if *offset <= min_size {
                    *offset = start_align;
                }
            }
        }
        start_align
    } else {
        min_size
    };
    let mask = u128::MAX >> (128 - 8 * tag_size);
    let values = discriminants.iter().map(|&d| d as u128 & mask).collect();
    EnumShape {
        shape: Shape {
            size,
            align,
            niche: Niche::new(0, tag_size, min as u128 & mask, max as u128 & mask),
        },
        variants: layouts.into_iter().map(|st| st.offsets).collect(),
        tag: TagEncoding::Direct {
            offset: 0,
            size: tag_size,
            signed,
            values,
        },
    }
}

/// rustc's niche-filling layout (`TagEncoding::Niche`), if the largest
/// variant has a niche with room for the others and they all fit around
/// it.
fn niche_filling_layout(variants: &[Vec<Shape>]) -> Option<EnumShape> {
    let mut layouts: Vec<Placed> = variants
        .iter()
        .map(|fields| univariant(fields, Kind::AlwaysSized, true, None))
        .collect();
    let align = layouts.iter().map(|st| st.align).max().unwrap_or(1);
    // The last of the largest, as `max_by_key` picks.
    let largest = (0..layouts.len()).max_by_key(|&i| layouts[i].size)?;
    let first = (0..variants.len()).find(|&i| i != largest)?;
    let last = (0..variants.len()).rev().find(|&i| i != largest)?;
    let count = (last - first + 1) as u128;
    let niche = layouts[largest].niche?;
    let (niche_start, reserved) = niche.reserve(count)?;
    let size = align_up(layouts[largest].size, align);

    for (i, st) in layouts.iter_mut().enumerate() {
        if i == largest || st.size <= niche.offset {
            // The largest variant, or one that fits before the niche.
            continue;
        }
        // After the niche, at the variant's alignment.
        let shift = align_up(niche.offset + niche.size, st.align);
        if shift + st.size > size {
            return None;
        }
        for offset in &mut st.offsets {
            *offset += shift;
        }
    }
    Some(EnumShape {
        shape: Shape {
            size,
            align,
            niche: (reserved.available() > 0).then_some(reserved),
        },
        variants: layouts.into_iter().map(|st| st.offsets).collect(),
        tag: TagEncoding::Niche {
            offset: niche.offset,
            size: niche.size,
            untagged_variant: largest,
            niche_variants: (first, last),
            niche_start,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(n: u64) -> Shape {
        Shape::int(n)
    }

    #[test]
    fn option_of_a_pointer_is_a_pointer() {
        let o = option_shape(Shape::non_null());
        assert_eq!((o.shape.size, o.shape.niche), (8, None));
        assert_eq!(o.tag_bytes(0), Some((0, vec![0; 8])));
        assert_eq!(o.tag_bytes(1), None);
        assert_eq!(o.variant_of(&[1, 0, 0, 0, 0, 0, 0, 0]), Some(1));
    }

    #[test]
    fn option_of_a_u64_has_a_tag_word() {
        let o = option_shape(i(8));
        assert_eq!((o.shape.size, o.shape.align), (16, 8));
        assert_eq!(o.variants, vec![vec![], vec![8]]);
        assert_eq!(
            o.tag,
            TagEncoding::Direct {
                offset: 0,
                size: 8,
                signed: false,
                values: vec![0, 1]
            }
        );
    }

    #[test]
    fn nested_options_use_the_remaining_niche() {
        let o = option_shape(Shape::bool());
        let oo = option_shape(o.shape);
        assert_eq!((o.shape.size, oo.shape.size), (1, 1));
        assert_eq!(o.tag_bytes(0), Some((0, vec![2])));
        assert_eq!(oo.tag_bytes(0), Some((0, vec![3])));
        let v = option_shape(Shape::vec());
        assert_eq!(v.tag_bytes(0).unwrap().1, (1u64 << 63).to_le_bytes());
    }

    #[test]
    fn a_c_like_enum_takes_the_smallest_tag() {
        let e = |n: usize| enum_shape(&vec![vec![]; n], &(0..n as i128).collect::<Vec<_>>());
        assert_eq!(e(2).shape.size, 1);
        assert_eq!(e(256).shape.size, 1);
        assert_eq!(e(256).shape.niche, None);
        assert_eq!(e(257).shape.size, 2);
        let neg = enum_shape(&[vec![], vec![]], &[-1, 300]);
        assert_eq!(neg.shape.size, 2);
        assert_eq!(neg.tag_bytes(0), Some((0, vec![0xFF, 0xFF])));
    }

    #[test]
    fn small_variants_fit_after_the_niche() {
        // enum { A(bool, [u8; 7]), B(u16, ()) }: B goes after the bool.
        let e = enum_shape(
            &[
                vec![Shape::bool(), Shape::array(i(1), 7)],
                vec![i(2), Shape::unit()],
            ],
            &[0, 1],
        );
        assert_eq!(e.shape.size, 8);
        assert_eq!(e.variants[1], vec![2, 4]);
    }
}
