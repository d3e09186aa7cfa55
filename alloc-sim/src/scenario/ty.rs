//! The types scenarios can hold, their layouts on the target, and how their
//! values are written into the heap's bytes.
//!
//! Plain data — integers, floats, `bool`, `char`, arrays, tuples and
//! structs of those — is written into the heap's bytes and read back from
//! them. Heap owners (`Vec`, `String`, `Box`, `Rc`) inside other values
//! are laid out as the handles they are (`Vec` and `String` three words,
//! in the order rustc gives them today: capacity, pointer, length; `Box`
//! and `Rc` one word), and `Option` of a handle uses its niche as rustc
//! does (no extra word); the values such handles own are kept beside the
//! bytes by the interpreter. `#[repr(C)]` structs are
//! laid out with `Layout::extend` and `pad_to_align`, as the reference
//! defines; other structs as rustc lays them out today (fields by
//! decreasing alignment), which Rust does not guarantee.

use std::fmt;
use std::rc::Rc;

use crate::error::LayoutSpec;
use crate::scenario::std_rules::{extend, pad_to_align};
use crate::target::Target;

/// An integer type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntTy {
    /// `i8` … `i128`, `u8` … `u128`: (signed, bytes).
    Fixed(bool, u64),
    /// `isize` / `usize`: (signed), a target word.
    Word(bool),
}

impl IntTy {
    /// The type named `name`, if it is an integer type.
    pub fn from_name(name: &str) -> Option<IntTy> {
        let signed = name.starts_with('i');
        let bits = name.get(1..)?;
        match (name.as_bytes().first(), bits) {
            (Some(b'i' | b'u'), "size") => Some(IntTy::Word(signed)),
            (Some(b'i' | b'u'), "8" | "16" | "32" | "64" | "128") => {
                Some(IntTy::Fixed(signed, bits.parse::<u64>().ok()? / 8))
            }
            _ => None,
        }
    }

    /// Bytes on the target.
    pub fn size(self, target: Target) -> u64 {
        match self {
            IntTy::Fixed(_, n) => n,
            IntTy::Word(_) => target.word_size(),
        }
    }

    /// Whether it is signed.
    pub fn signed(self) -> bool {
        match self {
            IntTy::Fixed(s, _) | IntTy::Word(s) => s,
        }
    }

    /// The smallest and largest value on the target.
    pub fn range(self, target: Target) -> (i128, i128) {
        let bits = self.size(target) * 8;
        if self.signed() {
            let max = if bits >= 128 {
                i128::MAX
            } else {
                (1i128 << (bits - 1)) - 1
            };
            (-max - 1, max)
        } else {
            (
                0,
                if bits >= 128 {
                    i128::MAX
                } else {
                    (1i128 << bits) - 1
                },
            )
        }
    }
}

/// A struct defined in the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// Its name.
    pub name: String,
    /// Fields in declaration order.
    pub fields: Vec<(String, Ty)>,
    /// `#[repr(C)]`.
    pub repr_c: bool,
    /// `#[repr(align(N))]`.
    pub align: Option<u64>,
    /// A unit struct (`struct Marker;`): its name is its value.
    pub unit: bool,
}

/// A type a scenario value can have.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// An integer.
    Int(IntTy),
    /// `f32` (`false`) or `f64` (`true`).
    Float(bool),
    /// `bool`.
    Bool,
    /// `char`: four bytes.
    Char,
    /// `[T; N]`.
    Array(Box<Ty>, u64),
    /// `(A, B, …)`; `()` is the empty tuple.
    Tuple(Vec<Ty>),
    /// A struct defined in the scenario.
    Struct(Rc<StructDef>),
    /// `Vec<T>`: capacity, pointer, length.
    Vec(Box<Ty>),
    /// `String`: a `Vec<u8>` of text.
    String,
    /// `Box<T>`: one pointer.
    Box(Box<Ty>),
    /// `Rc<T>`: one pointer.
    Rc(Box<Ty>),
    /// `Option<T>`.
    Option(Box<Ty>),
    /// A struct named inside a pointer before it is defined, or inside
    /// itself (`Option<Box<Node>>` in `Node`).
    Named(Rc<NamedTy>),
}

/// A struct type known by name while it is being defined; the definition
/// is filled in once every struct is read.
pub struct NamedTy {
    /// The struct's name.
    pub name: String,
    /// Its definition, once read.
    pub def: std::cell::OnceCell<Rc<StructDef>>,
}

impl NamedTy {
    /// A name whose definition comes later.
    pub fn new(name: &str) -> Rc<NamedTy> {
        Rc::new(NamedTy {
            name: name.to_string(),
            def: std::cell::OnceCell::new(),
        })
    }
}

// By name only: a recursive type would otherwise compare and print forever.
impl PartialEq for NamedTy {
    fn eq(&self, other: &NamedTy) -> bool {
        self.name == other.name
    }
}

impl fmt::Debug for NamedTy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Named({})", self.name)
    }
}

impl Ty {
    /// `()`.
    pub fn unit() -> Ty {
        Ty::Tuple(Vec::new())
    }

    /// The type itself, or the struct a [`Ty::Named`] names.
    pub fn resolved(&self) -> Ty {
        match self {
            Ty::Named(n) => n
                .def
                .get()
                .map_or_else(|| self.clone(), |d| Ty::Struct(d.clone())),
            other => other.clone(),
        }
    }

    /// Whether values are plain data, kept only as bytes (no heap owner
    /// anywhere inside).
    pub fn is_plain(&self) -> bool {
        match self {
            Ty::Int(_) | Ty::Float(_) | Ty::Bool | Ty::Char => true,
            Ty::Array(t, _) => t.is_plain(),
            Ty::Tuple(items) => items.iter().all(Ty::is_plain),
            Ty::Struct(def) => def.fields.iter().all(|(_, t)| t.is_plain()),
            Ty::Option(t) => t.is_plain(),
            Ty::Vec(_) | Ty::String | Ty::Box(_) | Ty::Rc(_) | Ty::Named(_) => false,
        }
    }

    /// Whether `Option<Self>` fits in `Self`'s bytes (a value that can
    /// never be valid means `None`): a non-null pointer, a capacity that
    /// cannot pass `isize::MAX`, a `bool`, a `char`.
    fn has_niche(&self) -> bool {
        matches!(
            self,
            Ty::Vec(_) | Ty::String | Ty::Box(_) | Ty::Rc(_) | Ty::Bool | Ty::Char
        )
    }

    /// `Layout::new::<T>()` on the target.
    pub fn layout(&self, target: Target) -> LayoutSpec {
        match self {
            Ty::Int(i) => {
                let n = i.size(target);
                // i128/u128 are 16-aligned on x86_64 since Rust 1.77.
                LayoutSpec {
                    size: n,
                    align: n.min(16),
                }
            }
            Ty::Float(double) => {
                let n = if *double { 8 } else { 4 };
                LayoutSpec { size: n, align: n }
            }
            Ty::Bool => LayoutSpec { size: 1, align: 1 },
            Ty::Char => LayoutSpec { size: 4, align: 4 },
            Ty::Array(elem, n) => {
                let e = elem.layout(target);
                // Saturates where rustc would refuse the type; types written in
                // a scenario are checked with `checked_layout` first.
                LayoutSpec {
                    size: e.size.saturating_mul(*n),
                    align: e.align,
                }
            }
            Ty::Tuple(items) => Self::fields_layout(items.iter(), false, None, target).0,
            Ty::Struct(def) => {
                Self::fields_layout(
                    def.fields.iter().map(|(_, t)| t),
                    def.repr_c,
                    def.align,
                    target,
                )
                .0
            }
            Ty::Vec(_) | Ty::String => LayoutSpec {
                size: 3 * target.word_size(),
                align: target.word_size(),
            },
            Ty::Box(_) | Ty::Rc(_) => LayoutSpec {
                size: target.word_size(),
                align: target.word_size(),
            },
            Ty::Option(inner) if inner.has_niche() => inner.layout(target),
            // A tag byte, then the value at its alignment.
            Ty::Option(inner) => {
                let l = inner.resolved().layout(target);
                let align = l.align.max(1);
                LayoutSpec {
                    size: (align + l.size).next_multiple_of(align),
                    align,
                }
            }
            Ty::Named(n) => n.def.get().map_or(LayoutSpec { size: 0, align: 1 }, |d| {
                Ty::Struct(d.clone()).layout(target)
            }),
        }
    }

    /// Where the value of an `Option<Self>` sits: after the tag, or at 0
    /// when the option uses a niche.
    pub fn option_payload_offset(&self, target: Target) -> u64 {
        if self.has_niche() {
            0
        } else {
            self.resolved().layout(target).align.max(1)
        }
    }

    /// `Layout::new::<T>()`, or `None` where rustc refuses the type: values
    /// of it are too big for the target (larger than `isize::MAX`).
    pub fn checked_layout(&self, target: Target) -> Option<LayoutSpec> {
        let max = target.isize_max();
        let layout = match self {
            Ty::Array(elem, n) => {
                let e = elem.checked_layout(target)?;
                LayoutSpec {
                    size: e.size.checked_mul(*n)?,
                    align: e.align,
                }
            }
            Ty::Tuple(items) => {
                Self::checked_fields(items.iter(), target)?;
                self.layout(target)
            }
            Ty::Struct(def) => {
                Self::checked_fields(def.fields.iter().map(|(_, t)| t), target)?;
                self.layout(target)
            }
            other => other.layout(target),
        };
        (layout.size <= max).then_some(layout)
    }

    /// The layout of fields, where every field's and the padded sum's size
    /// stay within `isize::MAX`.
    fn checked_fields<'a>(mut fields: impl Iterator<Item = &'a Ty>, target: Target) -> Option<()> {
        // Each field adds at most its size and its alignment's padding, so
        // a bound on that sum keeps the exact computation from overflowing.
        fields
            .try_fold(0u64, |total, t| {
                let l = t.checked_layout(target)?;
                let total = total.checked_add(l.size)?.checked_add(l.align)?;
                (total <= target.isize_max()).then_some(total)
            })
            .map(|_| ())
    }

    /// The layout of fields and each field's offset, in declaration order.
    fn fields_layout<'a>(
        fields: impl Iterator<Item = &'a Ty>,
        repr_c: bool,
        align: Option<u64>,
        target: Target,
    ) -> (LayoutSpec, Vec<u64>) {
        let layouts: Vec<LayoutSpec> = fields.map(|t| t.layout(target)).collect();
        let mut order: Vec<usize> = (0..layouts.len()).collect();
        if !repr_c {
            // rustc today: most-aligned fields first (stable for ties).
            order.sort_unstable_by_key(|&i| (std::cmp::Reverse(layouts[i].align), i));
        }
        let mut whole = LayoutSpec {
            size: 0,
            align: align.unwrap_or(1),
        };
        let mut offsets = vec![0; layouts.len()];
        for i in order {
            let (next, offset) = extend(whole, layouts[i]);
            whole = next;
            offsets[i] = offset;
        }
        (pad_to_align(whole), offsets)
    }

    /// Each field's offset, for tuples and structs.
    pub fn field_offsets(&self, target: Target) -> Vec<u64> {
        match self {
            Ty::Tuple(items) => Self::fields_layout(items.iter(), false, None, target).1,
            Ty::Struct(def) => {
                Self::fields_layout(
                    def.fields.iter().map(|(_, t)| t),
                    def.repr_c,
                    def.align,
                    target,
                )
                .1
            }
            _ => Vec::new(),
        }
    }

    /// Whether values take no bytes.
    pub fn is_zero_sized(&self, target: Target) -> bool {
        self.layout(target).size == 0
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Int(IntTy::Fixed(s, n)) => write!(f, "{}{}", if *s { 'i' } else { 'u' }, n * 8),
            Ty::Int(IntTy::Word(s)) => write!(f, "{}size", if *s { 'i' } else { 'u' }),
            Ty::Float(d) => f.write_str(if *d { "f64" } else { "f32" }),
            Ty::Bool => f.write_str("bool"),
            Ty::Char => f.write_str("char"),
            Ty::Array(t, n) => write!(f, "[{t}; {n}]"),
            Ty::Tuple(items) => {
                f.write_str("(")?;
                for (i, t) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                if items.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
            Ty::Struct(def) => f.write_str(&def.name),
            Ty::Vec(t) => write!(f, "Vec<{t}>"),
            Ty::String => f.write_str("String"),
            Ty::Box(t) => write!(f, "Box<{t}>"),
            Ty::Rc(t) => write!(f, "Rc<{t}>"),
            Ty::Option(t) => write!(f, "Option<{t}>"),
            Ty::Named(n) => f.write_str(&n.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(fields: &[(&str, Ty)], repr_c: bool) -> Ty {
        Ty::Struct(Rc::new(StructDef {
            name: "S".into(),
            fields: fields
                .iter()
                .map(|(n, t)| (n.to_string(), t.clone()))
                .collect(),
            repr_c,
            align: None,
            unit: false,
        }))
    }

    #[test]
    fn repr_c_keeps_field_order_and_pads() {
        let u8_ = Ty::Int(IntTy::Fixed(false, 1));
        let u32_ = Ty::Int(IntTy::Fixed(false, 4));
        let s = def(
            &[("a", u8_.clone()), ("b", u32_.clone()), ("c", u8_.clone())],
            true,
        );
        assert_eq!(s.layout(Target::Bits64), LayoutSpec { size: 12, align: 4 });
        assert_eq!(s.field_offsets(Target::Bits64), vec![0, 4, 8]);
        let rust = def(&[("a", u8_.clone()), ("b", u32_), ("c", u8_)], false);
        assert_eq!(
            rust.layout(Target::Bits64),
            LayoutSpec { size: 8, align: 4 }
        );
    }

    #[test]
    fn usize_follows_the_target() {
        let usize_ = Ty::Int(IntTy::from_name("usize").unwrap());
        assert_eq!(usize_.layout(Target::Bits32).size, 4);
        assert_eq!(usize_.layout(Target::Bits64).size, 8);
        assert_eq!(IntTy::from_name("u16"), Some(IntTy::Fixed(false, 2)));
        assert_eq!(IntTy::from_name("f32"), None);
    }
}
