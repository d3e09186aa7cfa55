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

use std::cell::RefCell;
use std::fmt;
use std::rc::{Rc, Weak};

use crate::error::LayoutSpec;
use crate::scenario::std_rules::btree;
use crate::scenario::std_rules::raw_table::hash_map_shape;
use crate::scenario::std_rules::{
    enum_shape_with, option_shape, struct_shape, tuple_shape, EnumShape, Niche, Shape, StructShape,
};
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
    /// For an enum's variant (`Shape::Circle`), the enum it belongs to:
    /// a variant is built, matched, printed and dropped as a struct is.
    pub variant: Option<VariantOf>,
    /// The type arguments of a generic struct's instance (`Stack<u8>`:
    /// `[u8]`); empty for a struct that has no type parameters.
    pub args: Vec<Ty>,
    /// The program implements `Drop` for it (for a variant: for its
    /// enum): its values run the program's `drop` when they go, so they
    /// are never plain data, and moving one leaves nothing behind.
    pub drops: bool,
    /// Its layout on each target, worked out the first time it is asked
    /// for: a def's fields never change once it is made (a generic's
    /// instance is a def of its own), and a program that walks a list
    /// through raw pointers asks for its node's layout at every field.
    pub layouts: LayoutCache,
}

/// The layouts of one [`StructDef`], one per [`Target`], filled in as they
/// are asked for. A copy starts empty (a def is copied to be changed), and
/// two caches always compare equal: they are not part of the def's meaning.
#[derive(Default)]
pub struct LayoutCache(RefCell<[Option<Rc<StructShape>>; 2]>);

impl LayoutCache {
    fn get(&self, target: Target, compute: impl FnOnce() -> StructShape) -> Rc<StructShape> {
        let slot = match target {
            Target::Bits64 => 0,
            Target::Bits32 => 1,
        };
        if let Some(known) = &self.0.borrow()[slot] {
            return known.clone();
        }
        let shape = Rc::new(compute());
        self.0.borrow_mut()[slot] = Some(shape.clone());
        shape
    }
}

/// Each field's offset in a struct or tuple, in declared order: a struct's
/// shared with its def's [`LayoutCache`].
#[derive(Debug)]
pub struct FieldOffsets(Rc<StructShape>);

impl std::ops::Deref for FieldOffsets {
    type Target = [u64];

    fn deref(&self) -> &[u64] {
        &self.0.offsets
    }
}

impl Clone for LayoutCache {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for LayoutCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for LayoutCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LayoutCache")
    }
}

impl StructDef {
    /// The layout rustc gives the struct on `target`: its size, alignment,
    /// niche and each field's offset.
    pub fn shape(&self, target: Target) -> Rc<StructShape> {
        self.layouts.get(target, || {
            let fields = Ty::shapes(self.fields.iter().map(|(_, t)| t), target);
            struct_shape(&fields, self.repr_c, self.align)
        })
    }

    /// A unit struct named `name`: its value is its name, as `{:?}` shows.
    pub fn unit(name: &str) -> Rc<StructDef> {
        Rc::new(StructDef {
            name: name.to_string(),
            fields: Vec::new(),
            repr_c: false,
            align: None,
            unit: true,
            variant: None,
            args: Vec::new(),
            drops: false,
            layouts: Default::default(),
        })
    }

    /// Whether its fields are numbered (`Point(i32, i32)`, `Some(T)`-like
    /// variants) rather than named.
    pub fn is_tuple(&self) -> bool {
        self.fields.first().is_some_and(|(n, _)| n == "0")
    }

    /// The name code writes: `Shape::Circle` for a variant, the struct's
    /// own name otherwise.
    pub fn path(&self) -> String {
        match &self.variant {
            Some(v) => format!("{}::{}", v.name, self.name),
            None => self.name.clone(),
        }
    }

    /// The type whose `impl` blocks give this value its methods: the enum
    /// of a variant, or the struct itself.
    pub fn type_name(&self) -> &str {
        self.variant.as_ref().map_or(&self.name, |v| &v.name)
    }
}

/// The enum a variant belongs to, and which variant it is.
#[derive(Clone)]
pub struct VariantOf {
    /// The enum's name.
    pub name: String,
    /// The variant's place in the enum, from 0.
    pub index: usize,
    /// The enum (weak: the enum holds its variants).
    pub def: Weak<EnumDef>,
}

// By name and place: the enum holds the variant, so comparing or printing
// through `def` would go round forever.
impl PartialEq for VariantOf {
    fn eq(&self, other: &VariantOf) -> bool {
        self.name == other.name && self.index == other.index
    }
}

impl fmt::Debug for VariantOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.name, self.index)
    }
}

/// An enum defined in the scenario.
#[derive(Debug, PartialEq)]
pub struct EnumDef {
    /// Its name.
    pub name: String,
    /// Its variants, in declaration order, each laid out as a struct.
    pub variants: Vec<Rc<StructDef>>,
    /// Each variant's discriminant: its position, or the `= N` written.
    pub discriminants: Vec<i128>,
    /// Its `#[repr]`, if one is written.
    pub repr: super::std_rules::EnumRepr,
    /// The type arguments of a generic enum's instance (`Tree<i32>`).
    pub args: Vec<Ty>,
}

impl EnumDef {
    /// Whether no variant holds data (`enum Dir { North, South }`), so
    /// `as` casts its values to integers.
    pub fn is_c_like(&self) -> bool {
        self.variants.iter().all(|v| v.fields.is_empty())
    }

    /// The variant called `name`.
    pub fn variant(&self, name: &str) -> Option<&Rc<StructDef>> {
        self.variants.iter().find(|v| v.name == name)
    }
}

/// Which of std's maps (or sets) a [`Ty::Map`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapKind {
    /// `HashMap`, `HashSet`: hashbrown's table.
    Hash,
    /// `BTreeMap`, `BTreeSet`: a B-tree of nodes.
    BTree,
}

impl MapKind {
    /// The type's name: `HashMap`, `BTreeSet`, …
    pub const fn name(self, set: bool) -> &'static str {
        match (self, set) {
            (MapKind::Hash, false) => "HashMap",
            (MapKind::Hash, true) => "HashSet",
            (MapKind::BTree, false) => "BTreeMap",
            (MapKind::BTree, true) => "BTreeSet",
        }
    }
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
    /// An enum defined in the scenario.
    Enum(Rc<EnumDef>),
    /// `Vec<T>`: capacity, pointer, length.
    Vec(Box<Ty>),
    /// `String`: a `Vec<u8>` of text.
    String,
    /// `VecDeque<T>`: its buffer's capacity and pointer, then `head` and
    /// `len` (a `RawVec` and two words, the `RawVec` first, as rustc
    /// puts the field with the niche first).
    Deque(Box<Ty>),
    /// `&str`: a pointer to the text and its length in bytes.
    Str,
    /// `Box<dyn Trait>` (the trait's name): a pointer to the value and
    /// one to the vtable of its type.
    DynBox(String),
    /// `Box<[T]>` (of a [`Ty::Vec`]) or `Box<str>` (of a [`Ty::String`]):
    /// the buffer's pointer and its length, a fat pointer with no
    /// capacity. Its value is the `Vec` or `String` it was made from,
    /// shrunk to fit.
    Boxed(Box<Ty>),
    /// `Box<T>`: one pointer.
    Box(Box<Ty>),
    /// `Rc<T>`: one pointer; `Rc<[T]>` and `Rc<str>` (of a
    /// [`Ty::Slice`]) two, the block's address and the length.
    Rc(Box<Ty>),
    /// `[T]`, or `str` (`true`: its UTF-8 bytes): unsized, so only ever
    /// behind a pointer (`Rc<[T]>`, `Arc<str>`), never laid out alone.
    Slice(Box<Ty>, bool),
    /// `Weak<T>`: one pointer, to the same block as its `Rc`'s (or
    /// dangling at `usize::MAX`, `Weak::new()`).
    Weak(Box<Ty>),
    /// `&T` (or `&mut T`) held inside another value (`Vec<&String>`): one
    /// pointer to the value it lends. (`&str` is [`Ty::Str`].)
    Ref(Box<Ty>),
    /// `HashMap<K, V>` (the table's four words and `RandomState`'s two
    /// keys) or `BTreeMap<K, V>` (root, height, length); a set without a
    /// value type.
    Map(MapKind, Box<Ty>, Option<Box<Ty>>),
    /// `Option<T>`.
    Option(Box<Ty>),
    /// A struct or enum named inside a pointer before it is defined, or
    /// inside itself (`Option<Box<Node>>` in `Node`).
    Named(Rc<NamedTy>),
    /// A closure's own type: what it captured, laid out as a struct (a
    /// `Box::new(|x| x + n)` holds one).
    Closure(LayoutSpec),
    /// A type parameter (`T`) whose type is not known where it is used:
    /// in a generic struct's definition, or in an instance made before
    /// anything said what `T` is (`Stack::new()` before its first push).
    Param(String),
    /// `*mut T` or `*const T` (`false`), or `NonNull<T>` (`true`, never
    /// null, so an `Option` of it is one word too): an address and the
    /// type it points at.
    RawPtr(Box<Ty>, bool),
    /// A generic struct or enum named with its arguments inside a generic
    /// definition before the one it names is read (`Option<Box<Node<T>>>`
    /// in `Node<T>`): made an instance when the definition is.
    Generic(String, Vec<Ty>),
    /// The value of a const parameter (`16` in `Buf<16>`, for
    /// `struct Buf<const N: usize>`), of the integer type it is declared
    /// with: an argument of an instance, never laid out.
    ConstArg(i128, IntTy),
    /// `[T; N]` where `N` is a const parameter not known yet (in a
    /// generic definition): an array of that length once it is.
    ArrayOf(Box<Ty>, String),
}

/// A struct or enum type known by name while it is being defined; the
/// definition is filled in once every type is read.
pub struct NamedTy {
    /// The type's name.
    pub name: String,
    /// Its definition (a [`Ty::Struct`] or [`Ty::Enum`]), once read.
    pub def: std::cell::OnceCell<Ty>,
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
        self.resolved_ref().clone()
    }

    /// [`Self::resolved`], borrowed.
    pub fn resolved_ref(&self) -> &Ty {
        match self {
            Ty::Named(n) => n.def.get().unwrap_or(self),
            other => other,
        }
    }

    /// Whether a value of this type holds one of type `name` in its own
    /// bytes (through fields, variants, tuples, arrays and `Option`, not
    /// through a `Box`, `Vec` or `Rc`): a type that does holds itself and
    /// has no size. `depth` bounds the walk through other types.
    pub fn holds_inline(&self, name: &str, depth: usize) -> bool {
        if depth > 64 {
            return true;
        }
        let fields_hold =
            |fields: &[(String, Ty)]| fields.iter().any(|(_, t)| t.holds_inline(name, depth + 1));
        match self {
            Ty::Named(n) if n.name == name => true,
            Ty::Generic(n, _) if n == name => true,
            Ty::Named(n) => n.def.get().is_some_and(|t| t.holds_inline(name, depth + 1)),
            Ty::Struct(def) => fields_hold(&def.fields),
            Ty::Enum(def) => def.variants.iter().any(|v| fields_hold(&v.fields)),
            Ty::Tuple(items) => items.iter().any(|t| t.holds_inline(name, depth + 1)),
            Ty::Array(t, n) => *n > 0 && t.holds_inline(name, depth + 1),
            Ty::Option(t) => t.holds_inline(name, depth + 1),
            _ => false,
        }
    }

    /// Whether the type's layout needs a type parameter not known here
    /// (`Pair<_>`'s does; `Stack<_>` holding a `Vec<_>` does not: a
    /// pointer is a pointer whatever it points at).
    pub fn laid_out_by_param(&self) -> bool {
        self.walk_inline(0, &|t| {
            matches!(t, Ty::Param(_) | Ty::Generic(..) | Ty::ArrayOf(..))
        })
    }

    /// Whether a type parameter not known here appears anywhere in the
    /// type, behind pointers too (`Vec<_>`).
    pub fn has_param(&self) -> bool {
        match self {
            Ty::Param(_) | Ty::Generic(..) | Ty::ArrayOf(..) => true,
            Ty::Array(t, _)
            | Ty::Vec(t)
            | Ty::Deque(t)
            | Ty::Slice(t, _)
            | Ty::Boxed(t)
            | Ty::Box(t)
            | Ty::Rc(t)
            | Ty::Weak(t)
            | Ty::Ref(t)
            | Ty::Option(t) => t.has_param(),
            Ty::Tuple(items) => items.iter().any(Ty::has_param),
            // `UnsafeCell<[u8; N]>` is made for its field, with no
            // arguments: its field says.
            Ty::Struct(def) if def.args.is_empty() && def.name.starts_with("UnsafeCell<") => {
                def.fields.iter().any(|(_, t)| t.has_param())
            }
            Ty::Struct(def) => def.args.iter().any(Ty::has_param),
            Ty::Enum(def) => def.args.iter().any(Ty::has_param),
            Ty::Map(_, k, v) => k.has_param() || v.as_ref().is_some_and(|v| v.has_param()),
            _ => false,
        }
    }

    /// Whether `found` holds of the type or of any type in its own bytes
    /// (fields, variants, tuples, arrays, `Option`), not behind pointers.
    fn walk_inline(&self, depth: usize, found: &dyn Fn(&Ty) -> bool) -> bool {
        if found(self) {
            return true;
        }
        if depth > 64 {
            return false;
        }
        let fields =
            |fields: &[(String, Ty)]| fields.iter().any(|(_, t)| t.walk_inline(depth + 1, found));
        match self {
            Ty::Named(n) => n.def.get().is_some_and(|t| t.walk_inline(depth + 1, found)),
            Ty::Struct(def) => fields(&def.fields),
            Ty::Enum(def) => def.variants.iter().any(|v| fields(&v.fields)),
            Ty::Tuple(items) => items.iter().any(|t| t.walk_inline(depth + 1, found)),
            Ty::Array(t, _) | Ty::ArrayOf(t, _) | Ty::Option(t) => t.walk_inline(depth + 1, found),
            _ => false,
        }
    }

    /// Whether values are plain data, kept only as bytes (no heap owner
    /// anywhere inside).
    pub fn is_plain(&self) -> bool {
        match self {
            Ty::Int(_) | Ty::Float(_) | Ty::Bool | Ty::Char | Ty::RawPtr(..) => true,
            Ty::Array(t, _) | Ty::ArrayOf(t, _) => t.is_plain(),
            Ty::Tuple(items) => items.iter().all(Ty::is_plain),
            Ty::Struct(def) => !def.drops && def.fields.iter().all(|(_, t)| t.is_plain()),
            Ty::Enum(def) => def
                .variants
                .iter()
                .all(|v| !v.drops && v.fields.iter().all(|(_, t)| t.is_plain())),
            Ty::Option(t) => t.is_plain(),
            Ty::Vec(_)
            | Ty::Deque(_)
            | Ty::Slice(..)
            | Ty::String
            | Ty::Box(_)
            | Ty::Rc(_)
            | Ty::Weak(_)
            | Ty::Ref(_)
            | Ty::Map(..)
            | Ty::Str
            | Ty::DynBox(_)
            | Ty::Boxed(_)
            | Ty::Named(_)
            | Ty::Closure(_)
            | Ty::Param(_)
            | Ty::Generic(..)
            | Ty::ConstArg(..) => false,
        }
    }

    /// `Layout::new::<T>()` on the target.
    pub fn layout(&self, target: Target) -> LayoutSpec {
        self.shape(target).layout()
    }

    /// The layout rustc gives the type, with its largest niche (the
    /// invalid values an enclosing `Option` or enum stores its other
    /// variants in): see `std_rules::rust_layout`.
    pub fn shape(&self, target: Target) -> Shape {
        let word = target.word_size();
        match self {
            // i128/u128 are 16-aligned on x86_64 since Rust 1.77.
            Ty::Int(i) => Shape::int(i.size(target)),
            Ty::Float(double) => Shape::float(if *double { 8 } else { 4 }),
            Ty::Bool => Shape::bool(),
            Ty::Char => Shape::char(),
            Ty::Array(elem, n) => {
                let e = elem.shape(target);
                // Saturates where rustc would refuse the type; types written in
                // a scenario are checked with `checked_layout` first.
                Shape {
                    size: e.size.saturating_mul(*n),
                    align: e.align,
                    niche: e.niche.filter(|_| *n != 0),
                }
            }
            Ty::Tuple(items) => tuple_shape(&Self::shapes(items.iter(), target)).shape,
            Ty::Struct(def) => def.shape(target).shape,
            Ty::Enum(_) | Ty::Option(_) => {
                self.enum_shape(target).map_or(Shape::unit(), |e| e.shape)
            }
            Ty::Vec(_) | Ty::String if word == 8 => Shape::vec(),
            // 32 bits: the same three words, four bytes each.
            Ty::Vec(_) | Ty::String => Shape {
                size: 12,
                align: 4,
                niche: Niche::new(0, 4, 0, u128::from(i32::MAX as u32)),
            },
            // A `Vec`'s three words' shape (its capacity, with the niche,
            // first) and two more.
            Ty::Deque(_) => {
                let vec = Ty::Vec(Box::new(Ty::Bool)).shape(target);
                Shape {
                    size: vec.size + word,
                    ..vec
                }
            }
            // A fat pointer, as `&str` is: the block's address (never
            // null), then the length.
            Ty::Rc(t) if matches!(**t, Ty::Slice(..)) => Ty::Str.shape(target),
            Ty::Str | Ty::DynBox(_) | Ty::Boxed(_) => Shape {
                size: 2 * word,
                align: word,
                niche: Niche::new(0, word, 1, u128::from(u64::MAX >> (64 - 8 * word))),
            },
            Ty::RawPtr(_, false) => Shape::int(word),
            Ty::Box(_) | Ty::Rc(_) | Ty::Weak(_) | Ty::Ref(_) | Ty::RawPtr(_, true)
                if word == 8 =>
            {
                Shape::non_null()
            }
            Ty::Box(_) | Ty::Rc(_) | Ty::Weak(_) | Ty::Ref(_) | Ty::RawPtr(_, true) => {
                Shape::scalar(4, 1, u128::from(u32::MAX))
            }
            Ty::Map(MapKind::Hash, ..) => hash_map_shape(target),
            // Unsized: its length is its block's, never a type's.
            Ty::Slice(..) => Shape::unit(),
            Ty::Map(MapKind::BTree, ..) => btree::btree_map_shape(target),
            Ty::Named(n) => n.def.get().map_or(Shape::unit(), |d| d.shape(target)),
            Ty::Closure(l) => Shape {
                size: l.size,
                align: l.align,
                niche: None,
            },
            // Never laid out: an instance whose layout needs an unknown
            // parameter is refused before a value of it is stored.
            Ty::Param(_) | Ty::Generic(..) | Ty::ConstArg(..) | Ty::ArrayOf(..) => Shape::unit(),
        }
    }

    fn shapes<'a>(tys: impl Iterator<Item = &'a Ty>, target: Target) -> Vec<Shape> {
        tys.map(|t| t.shape(target)).collect()
    }

    /// How rustc lays out an enum (an `Option` is `enum { None, Some(T) }`):
    /// each variant's field offsets and how the variant is told.
    pub fn enum_shape(&self, target: Target) -> Option<EnumShape> {
        match self {
            Ty::Option(inner) => Some(option_shape(inner.shape(target))),
            Ty::Enum(def) => {
                let variants: Vec<Vec<Shape>> = def
                    .variants
                    .iter()
                    .map(|v| Self::shapes(v.fields.iter().map(|(_, t)| t), target))
                    .collect();
                Some(enum_shape_with(
                    &variants,
                    &def.discriminants,
                    def.repr,
                    target.word_size(),
                ))
            }
            Ty::Named(n) => n.def.get().and_then(|d| d.enum_shape(target)),
            _ => None,
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
            Ty::Enum(def) => {
                for v in &def.variants {
                    Self::checked_fields(v.fields.iter().map(|(_, t)| t), target)?;
                }
                self.layout(target)
            }
            Ty::Option(inner) => {
                Self::checked_fields(std::iter::once(&**inner), target)?;
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

    /// Each field's offset, for tuples and structs.
    pub fn field_offsets(&self, target: Target) -> FieldOffsets {
        FieldOffsets(match self {
            Ty::Tuple(items) => Rc::new(tuple_shape(&Self::shapes(items.iter(), target))),
            Ty::Struct(def) => def.shape(target),
            _ => Rc::new(StructShape {
                shape: Shape::unit(),
                offsets: Vec::new(),
            }),
        })
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
            Ty::Struct(def) => {
                f.write_str(&def.name)?;
                write_args(f, &def.args)
            }
            Ty::Enum(def) => {
                f.write_str(&def.name)?;
                write_args(f, &def.args)
            }
            Ty::Vec(t) => write!(f, "Vec<{t}>"),
            Ty::String => f.write_str("String"),
            Ty::Str => f.write_str("&str"),
            Ty::DynBox(t) => write!(f, "Box<dyn {t}>"),
            Ty::Boxed(t) => match &**t {
                Ty::Vec(e) => write!(f, "Box<[{e}]>"),
                _ => f.write_str("Box<str>"),
            },
            Ty::Deque(t) => write!(f, "VecDeque<{t}>"),
            Ty::Slice(_, true) => f.write_str("str"),
            Ty::Slice(t, false) => write!(f, "[{t}]"),
            Ty::Box(t) => write!(f, "Box<{t}>"),
            Ty::Rc(t) => write!(f, "Rc<{t}>"),
            Ty::Weak(t) => write!(f, "Weak<{t}>"),
            Ty::Ref(t) => write!(f, "&{t}"),
            Ty::RawPtr(t, false) => write!(f, "*mut {t}"),
            Ty::RawPtr(t, true) => write!(f, "NonNull<{t}>"),
            Ty::Map(kind, k, Some(v)) => write!(f, "{}<{k}, {v}>", kind.name(false)),
            Ty::Map(kind, k, None) => write!(f, "{}<{k}>", kind.name(true)),
            Ty::Option(t) => write!(f, "Option<{t}>"),
            // A generic type's instance inside itself: with its arguments
            // (a struct's or enum's name shows no fields, so no loop).
            Ty::Named(n) => match n.def.get() {
                Some(t @ (Ty::Struct(_) | Ty::Enum(_))) => write!(f, "{t}"),
                _ => f.write_str(&n.name),
            },
            Ty::Closure(_) => f.write_str("{closure}"),
            Ty::Param(_) => f.write_str("_"),
            Ty::ConstArg(v, _) => write!(f, "{v}"),
            Ty::ArrayOf(t, _) => write!(f, "[{t}; _]"),
            Ty::Generic(name, args) => {
                f.write_str(name)?;
                write_args(f, args)
            }
        }
    }
}

/// `<A, B>` after a generic type's name; nothing for no arguments.
fn write_args(f: &mut fmt::Formatter<'_>, args: &[Ty]) -> fmt::Result {
    if args.is_empty() {
        return Ok(());
    }
    f.write_str("<")?;
    for (i, t) in args.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{t}")?;
    }
    f.write_str(">")
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
            variant: None,
            args: Vec::new(),
            drops: false,
            layouts: Default::default(),
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
        assert_eq!(*s.field_offsets(Target::Bits64), [0, 4, 8]);
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
