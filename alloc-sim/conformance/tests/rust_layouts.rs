//! `alloc_sim::scenario::std_rules`' layout engine (`struct_shape`,
//! `tuple_shape`, `enum_shape`) against rustc itself.
//!
//! Every type here is declared for real. The engine computes its layout
//! from the shapes of its field types alone; the truth comes from the
//! compiler: `size_of`, `align_of`, `offset_of!` for struct fields, the
//! addresses of fields bound by a `match` for tuples and enum variants
//! (`offset_of!` on enums is unstable), and the bytes of real values for
//! the tag: for each variant a value is built, the engine must name that
//! variant from the value's tag bytes, and the bytes it would write for the
//! tag must be the ones rustc wrote. Each type is also wrapped in `Option`
//! and `Option<Option<_>>` and checked the same way, which checks the niche
//! the engine hands on. No layout number is typed in here.
//!
//! The engine describes x86_64 Linux, so that is where this runs.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]
#![allow(dead_code)]
// Discriminants past `u32` are part of the test; it runs on x86_64 only.
#![allow(clippy::enum_clike_unportable_variant)]

use std::cell::Cell;
use std::fmt::Debug;
use std::marker::PhantomData;
use std::mem::{align_of, offset_of, size_of};
use std::num::NonZeroU32;
use std::ptr::NonNull;
use std::rc::Rc;

use alloc_sim::scenario::std_rules::{
    enum_shape, enum_shape_with, option_shape, struct_shape, tuple_shape, EnumRepr, EnumShape,
    IntType, Shape, StructShape, TagEncoding, VEC_CAPACITY_OFFSET, VEC_LENGTH_OFFSET,
    VEC_POINTER_OFFSET,
};

// ---------------------------------------------------------------------------
// The checks.

/// The differences found, one line each.
#[derive(Default)]
struct Report {
    diffs: Vec<String>,
    checks: usize,
    types: usize,
}

impl Report {
    fn eq<T: PartialEq + Debug>(&mut self, ty: &str, what: &str, rustc: T, engine: T) {
        self.checks += 1;
        if rustc != engine {
            self.diffs
                .push(format!("{ty}: {what}: rustc {rustc:?}, engine {engine:?}"));
        }
    }
}

/// A type the engine can lay out: its shape as the engine computes it from
/// its fields' shapes (the scalars' shapes are the engine's constructors),
/// and a value of it to read bytes from.
trait HasShape: Sized {
    fn shape() -> Shape;
    fn sample() -> Self;
}

/// A struct declared by `struct_case!`.
trait StructCase: HasShape {
    fn engine() -> StructShape;
    fn rustc_offsets() -> Vec<u64>;
}

/// An enum declared by `enum_case!` or `c_like!`.
trait EnumCase: HasShape {
    fn fields() -> Vec<Vec<Shape>>;
    /// Discriminants as written (0, 1, 2, … for enums with data).
    fn discriminants() -> Vec<i128>;
    fn make(variant: usize) -> Self;
    /// The field offsets of a value's variant, from the fields' addresses.
    fn offsets(value: &Self) -> Vec<u64>;
    /// Its `#[repr]`, as the engine is told it.
    fn repr() -> EnumRepr {
        EnumRepr::Rust
    }
    fn engine() -> EnumShape {
        enum_shape_with(&Self::fields(), &Self::discriminants(), Self::repr(), 8)
    }
}

/// A tuple: its elements' offsets, from their addresses.
trait TupleCase: HasShape {
    fn engine() -> StructShape;
    fn offsets(value: &Self) -> Vec<u64>;
}

/// `type_name` without module paths: `Option<Box<u8>>`.
fn short_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::new();
    let mut word = String::new();
    let mut chars = full.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            word.clear();
        } else {
            out.push_str(&word);
            word.clear();
            out.push(c);
        }
    }
    out + &word
}

/// How far `field` lies into `base`.
fn field_offset<E, F>(base: &E, field: &F) -> u64 {
    (field as *const F as usize - base as *const E as usize) as u64
}

/// `len` bytes of `value` from `offset`.
fn read_bytes<E>(value: &E, offset: u64, len: usize) -> Vec<u8> {
    assert!(offset as usize + len <= size_of::<E>());
    // SAFETY: the range lies inside `value` (checked above), and it is the
    // tag the engine names: an initialised scalar of every value of the
    // type (a direct tag, or the niche's scalar of the untagged variant's
    // field). Only if the engine is wrong can it be padding, whose bytes
    // are then arbitrary; the case fails on its other checks too.
    unsafe {
        std::slice::from_raw_parts((value as *const E as *const u8).add(offset as usize), len)
            .to_vec()
    }
}

/// Where the engine says the tag lies.
fn tag_window(shape: &EnumShape) -> Option<(u64, u64)> {
    match shape.tag {
        TagEncoding::Single { .. } => None,
        TagEncoding::Direct { offset, size, .. } | TagEncoding::Niche { offset, size, .. } => {
            Some((offset, size))
        }
    }
}

/// `value` is variant `variant` of an enum the engine lays out as `shape`:
/// the engine must name it from the tag bytes alone, and write the bytes
/// rustc wrote.
fn check_variant<E>(r: &mut Report, ty: &str, shape: &EnumShape, variant: usize, value: &E) {
    let what = format!("variant {variant}");
    // The value's bytes as the engine sees them: the tag, zeros elsewhere.
    let mut bytes = vec![0u8; size_of::<E>()];
    let mut tag = Vec::new();
    if let Some((offset, size)) = tag_window(shape) {
        if offset + size > size_of::<E>() as u64 {
            r.eq(ty, "tag inside the value", true, false);
            return;
        }
        tag = read_bytes(value, offset, size as usize);
        bytes[offset as usize..(offset + size) as usize].copy_from_slice(&tag);
    }
    r.eq(
        ty,
        &format!("{what} read back from its tag bytes {tag:02x?}"),
        Some(variant),
        shape.variant_of(&bytes),
    );
    if let Some((offset, tag)) = shape.tag_bytes(variant) {
        let real = read_bytes(value, offset, tag.len());
        r.eq(ty, &format!("{what}: tag bytes at {offset}"), real, tag);
    }
}

/// Size and alignment of `T`, then of `Option<T>` and `Option<Option<T>>`
/// with the tag of each of their variants.
fn check_value<T: HasShape>(r: &mut Report, ty: &str) {
    r.types += 1;
    let shape = T::shape();
    r.eq(ty, "size", size_of::<T>() as u64, shape.size);
    r.eq(ty, "align", align_of::<T>() as u64, shape.align);

    let opt = option_shape(shape);
    let opt_ty = format!("Option<{ty}>");
    r.eq(
        &opt_ty,
        "size",
        size_of::<Option<T>>() as u64,
        opt.shape.size,
    );
    r.eq(
        &opt_ty,
        "align",
        align_of::<Option<T>>() as u64,
        opt.shape.align,
    );
    check_variant(r, &opt_ty, &opt, 0, &None::<T>);
    let some = Some(T::sample());
    check_variant(r, &opt_ty, &opt, 1, &some);
    if let Some(inner) = &some {
        r.eq(
            &opt_ty,
            "offset of Some.0",
            field_offset(&some, inner),
            opt.variants[1][0],
        );
    }

    let opt2 = option_shape(opt.shape);
    let opt2_ty = format!("Option<Option<{ty}>>");
    r.eq(
        &opt2_ty,
        "size",
        size_of::<Option<Option<T>>>() as u64,
        opt2.shape.size,
    );
    check_variant(r, &opt2_ty, &opt2, 0, &None::<Option<T>>);
    for (inner_variant, value) in [(0, Some(None::<T>)), (1, Some(Some(T::sample())))] {
        check_variant(r, &opt2_ty, &opt2, 1, &value);
        if let Some(inner) = &value {
            r.eq(
                &opt2_ty,
                "offset of Some.0",
                field_offset(&value, inner),
                opt2.variants[1][0],
            );
            check_variant(r, &opt_ty, &opt, inner_variant, inner);
        }
    }
}

fn check_struct<T: StructCase>(r: &mut Report) {
    let ty = short_name::<T>();
    r.eq(
        &ty,
        "field offsets",
        T::rustc_offsets(),
        T::engine().offsets,
    );
    check_value::<T>(r, &ty);
}

fn check_tuple<T: TupleCase>(r: &mut Report) {
    let ty = short_name::<T>();
    r.eq(
        &ty,
        "field offsets",
        T::offsets(&T::sample()),
        T::engine().offsets,
    );
    check_value::<T>(r, &ty);
}

fn check_enum<T: EnumCase>(r: &mut Report) {
    let ty = short_name::<T>();
    let engine = T::engine();
    for (variant, offsets) in engine.variants.iter().enumerate() {
        let value = T::make(variant);
        r.eq(
            &ty,
            &format!("field offsets of variant {variant}"),
            T::offsets(&value),
            offsets.clone(),
        );
        check_variant(r, &ty, &engine, variant, &value);
    }
    check_value::<T>(r, &ty);
}

// ---------------------------------------------------------------------------
// The scalars and std types, as the engine's constructors describe them.

macro_rules! ints {
    ($($t:ty = $size:literal),*) => {$(
        impl HasShape for $t {
            fn shape() -> Shape { Shape::int($size) }
            fn sample() -> Self { 0x5a as $t }
        }
    )*};
}
ints!(
    u8 = 1,
    u16 = 2,
    u32 = 4,
    u64 = 8,
    u128 = 16,
    usize = 8,
    i8 = 1,
    i16 = 2,
    i32 = 4,
    i64 = 8,
    i128 = 16,
    isize = 8
);

impl HasShape for f32 {
    fn shape() -> Shape {
        Shape::float(4)
    }
    fn sample() -> Self {
        1.5
    }
}
impl HasShape for f64 {
    fn shape() -> Shape {
        Shape::float(8)
    }
    fn sample() -> Self {
        2.5
    }
}
impl HasShape for bool {
    fn shape() -> Shape {
        Shape::bool()
    }
    fn sample() -> Self {
        true
    }
}
impl HasShape for char {
    fn shape() -> Shape {
        Shape::char()
    }
    fn sample() -> Self {
        'λ'
    }
}
impl HasShape for () {
    fn shape() -> Shape {
        Shape::unit()
    }
    fn sample() -> Self {}
}
impl<T> HasShape for PhantomData<T> {
    fn shape() -> Shape {
        Shape::zst(1)
    }
    fn sample() -> Self {
        PhantomData
    }
}
impl HasShape for NonZeroU32 {
    fn shape() -> Shape {
        Shape::scalar(4, 1, u32::MAX.into())
    }
    fn sample() -> Self {
        NonZeroU32::new(7).unwrap()
    }
}
impl<T: HasShape> HasShape for Cell<T> {
    fn shape() -> Shape {
        T::shape().in_cell()
    }
    fn sample() -> Self {
        Cell::new(T::sample())
    }
}
impl<T: HasShape> HasShape for Box<T> {
    fn shape() -> Shape {
        Shape::non_null()
    }
    fn sample() -> Self {
        Box::new(T::sample())
    }
}
impl<T: HasShape> HasShape for &'static T {
    fn shape() -> Shape {
        Shape::non_null()
    }
    fn sample() -> Self {
        Box::leak(Box::new(T::sample()))
    }
}
impl<T> HasShape for NonNull<T> {
    fn shape() -> Shape {
        Shape::non_null()
    }
    fn sample() -> Self {
        NonNull::dangling()
    }
}
impl<T: HasShape> HasShape for Rc<T> {
    fn shape() -> Shape {
        Shape::non_null()
    }
    fn sample() -> Self {
        Rc::new(T::sample())
    }
}
impl<T: HasShape> HasShape for Vec<T> {
    fn shape() -> Shape {
        Shape::vec()
    }
    fn sample() -> Self {
        vec![T::sample()]
    }
}
impl HasShape for String {
    fn shape() -> Shape {
        Shape::vec()
    }
    fn sample() -> Self {
        String::from("hi")
    }
}
impl<T: HasShape, const N: usize> HasShape for [T; N] {
    fn shape() -> Shape {
        Shape::array(T::shape(), N as u64)
    }
    fn sample() -> Self {
        std::array::from_fn(|_| T::sample())
    }
}
impl<T: HasShape> HasShape for Option<T> {
    fn shape() -> Shape {
        option_shape(T::shape()).shape
    }
    fn sample() -> Self {
        Some(T::sample())
    }
}
impl<T: HasShape, E: HasShape> HasShape for Result<T, E> {
    fn shape() -> Shape {
        enum_shape(&[vec![T::shape()], vec![E::shape()]], &[0, 1]).shape
    }
    fn sample() -> Self {
        Ok(T::sample())
    }
}

macro_rules! tuples {
    ($(($($t:ident . $i:tt),+))*) => {$(
        impl<$($t: HasShape),+> HasShape for ($($t,)+) {
            fn shape() -> Shape { <Self as TupleCase>::engine().shape }
            fn sample() -> Self { ($($t::sample(),)+) }
        }
        impl<$($t: HasShape),+> TupleCase for ($($t,)+) {
            fn engine() -> StructShape { tuple_shape(&[$($t::shape()),+]) }
            fn offsets(value: &Self) -> Vec<u64> { vec![$(field_offset(value, &value.$i)),+] }
        }
    )*};
}
tuples! {
    (A.0)
    (A.0, B.1)
    (A.0, B.1, C.2)
    (A.0, B.1, C.2, D.3)
    (A.0, B.1, C.2, D.3, E.4)
}

// ---------------------------------------------------------------------------
// Declaring the cases.

/// A struct, its engine layout and its real offsets.
macro_rules! struct_case {
    (#[repr(C)] struct $name:ident $body:tt) => {
        struct_case!(@ [#[repr(C)]] true, None, $name $body);
    };
    (#[repr(align($a:literal))] struct $name:ident $body:tt) => {
        struct_case!(@ [#[repr(align($a))]] false, Some($a), $name $body);
    };
    (#[repr(C, align($a:literal))] struct $name:ident $body:tt) => {
        struct_case!(@ [#[repr(C, align($a))]] true, Some($a), $name $body);
    };
    (struct $name:ident $body:tt) => {
        struct_case!(@ [] false, None, $name $body);
    };
    (@ [$($attr:tt)*] $c:expr, $align:expr, $name:ident { $($f:ident : $t:ty),* $(,)? }) => {
        $($attr)*
        struct $name { $($f: $t),* }
        impl HasShape for $name {
            fn shape() -> Shape { <Self as StructCase>::engine().shape }
            fn sample() -> Self { $name { $($f: HasShape::sample()),* } }
        }
        impl StructCase for $name {
            fn engine() -> StructShape {
                struct_case!(@engine $c, $align, [$(<$t as HasShape>::shape()),*])
            }
            fn rustc_offsets() -> Vec<u64> { vec![$(offset_of!($name, $f) as u64),*] }
        }
    };
    (@engine $c:expr, $align:expr, [$($s:expr),*]) => {
        struct_shape(&[$($s),*], $c, $align)
    };
}

/// An enum with data: each variant as a constructor expression over
/// field variables (also its pattern) and the types of those variables.
/// `impl` also describes the enum to enclosing types.
macro_rules! enum_case {
    // An enum with a `#[repr]`: the engine is told it as `$repr`.
    (impl $name:ident, $repr:expr; { $($body:tt)* }) => {
        impl HasShape for $name {
            fn shape() -> Shape { <Self as EnumCase>::engine().shape }
            fn sample() -> Self { enum_case!(@simplest $($body)*) }
        }
        enum_case!(@with $name, $repr; { $($body)* });
    };
    (@with $name:ty, $repr:expr; { $( ($($p:tt)*) [$($f:ident : $t:ty),*] ),* $(,)? }) => {
        impl EnumCase for $name {
            fn repr() -> EnumRepr { $repr }
            fn fields() -> Vec<Vec<Shape>> {
                vec![$(vec![$(<$t as HasShape>::shape()),*]),*]
            }
            fn discriminants() -> Vec<i128> {
                (0..Self::fields().len() as i128).collect()
            }
            #[allow(unused_assignments)]
            fn make(variant: usize) -> Self {
                let mut index = 0;
                $(
                    if variant == index {
                        $(let $f: $t = HasShape::sample();)*
                        return $($p)*;
                    }
                    index += 1;
                )*
                unreachable!("no variant {variant}")
            }
            fn offsets(value: &Self) -> Vec<u64> {
                match value {
                    $( $($p)* => vec![$(field_offset(value, $f)),*], )*
                }
            }
        }
    };
    (impl $name:ident { $($body:tt)* }) => {
        enum_case!(impl $name, EnumRepr::Rust; { $($body)* });
    };
    (@simplest $( ($($p:tt)*) [$($f:ident : $t:ty),*] ),* $(,)?) => {{
        // The variant with the fewest fields, so that recursive types end.
        let counts = [$( 0 $(+ { let _ = stringify!($f); 1 })* ),*];
        let fewest = (0..counts.len()).min_by_key(|&i| counts[i]).unwrap();
        <Self as EnumCase>::make(fewest)
    }};
    ($name:ty { $($body:tt)* }) => {
        enum_case!(@with $name, EnumRepr::Rust; { $($body)* });
    };
}

/// A fieldless enum; discriminants come from `as` casts.
macro_rules! c_like {
    // With a `#[repr]`, which the engine is told as `$repr`.
    (#[repr($($r:tt)*)] $repr:expr; $name:ident { $($v:ident $(= $d:expr)?),* $(,)? }) => {
        #[derive(Clone, Copy)]
        #[repr($($r)*)]
        enum $name { $($v $(= $d)?),* }
        impl $name {
            const ALL: &'static [$name] = &[$($name::$v),*];
        }
        impl HasShape for $name {
            fn shape() -> Shape { <Self as EnumCase>::engine().shape }
            fn sample() -> Self { Self::ALL[Self::ALL.len() - 1] }
        }
        impl EnumCase for $name {
            fn repr() -> EnumRepr { $repr }
            fn fields() -> Vec<Vec<Shape>> { vec![vec![]; Self::ALL.len()] }
            fn discriminants() -> Vec<i128> { Self::ALL.iter().map(|&v| v as i128).collect() }
            fn make(variant: usize) -> Self { Self::ALL[variant] }
            fn offsets(_: &Self) -> Vec<u64> { vec![] }
        }
    };
    ($name:ident { $($v:ident $(= $d:expr)?),* $(,)? }) => {
        c_like!(#[repr(Rust)] EnumRepr::Rust; $name { $($v $(= $d)?),* });
    };
}

// ---------------------------------------------------------------------------
// Structs.

struct_case!(
    struct Empty {}
);
struct_case!(
    struct Reordered {
        a: u8,
        b: u32,
        c: u16,
    }
);
struct_case!(
    struct MixedNiches {
        a: bool,
        b: Box<u8>,
        c: u8,
        d: u64,
        e: u16,
    }
);
struct_case!(
    struct NicheToEnd {
        a: u32,
        b: bool,
        c: u8,
    }
);
struct_case!(
    struct BoolThenWide {
        flag: bool,
        n: u64,
    }
);
struct_case!(
    struct WithBox {
        id: u32,
        next: Box<u8>,
    }
);
struct_case!(
    struct NoNiche {
        a: u32,
        b: u8,
        c: u16,
    }
);
struct_case!(
    struct TwoBools {
        a: u8,
        b: bool,
        c: u16,
        d: bool,
    }
);
struct_case!(
    struct BoolArray {
        flags: [bool; 3],
        n: u16,
    }
);
struct_case!(
    struct WideInts {
        a: u8,
        b: u128,
        c: bool,
    }
);
struct_case!(
    struct Zsts {
        a: (),
        b: u32,
        c: [u64; 0],
        d: u8,
        e: PhantomData<u64>,
    }
);
struct_case!(
    struct CharAndByte {
        c: char,
        b: u8,
    }
);
struct_case!(
    struct OptionField {
        a: Option<Box<u8>>,
        b: u8,
    }
);
struct_case!(
    struct VecAndByte {
        len: u8,
        v: Vec<u8>,
    }
);
struct_case!(
    struct Nested {
        x: u8,
        inner: NicheToEnd,
        y: u16,
    }
);
struct_case!(
    struct ByteArrays {
        a: [u8; 4],
        b: u16,
        c: bool,
        d: [u8; 6],
    }
);
struct_case!(
    struct Person {
        name: String,
        age: u8,
        email: Option<String>,
        id: u64,
    }
);
struct_case!(
    struct Node {
        value: i32,
        next: Option<Box<u8>>,
        visited: bool,
    }
);
struct_case!(
    struct SmallAndBool {
        a: u16,
        b: u8,
        c: bool,
        d: u8,
    }
);
struct_case!(
    struct CharNiche {
        a: u64,
        b: char,
        c: bool,
    }
);
struct_case!(
    struct CellAndBool {
        a: Cell<bool>,
        b: bool,
        c: u16,
    }
);
struct_case!(
    #[repr(C)]
    struct ReprC {
        a: u8,
        b: u32,
        c: bool,
        d: u16,
    }
);
struct_case!(
    #[repr(C)]
    struct ReprCNicheAtEnd {
        x: u8,
        a: bool,
        y: u8,
        b: bool,
    }
);
struct_case!(
    #[repr(align(16))]
    struct Aligned {
        a: u8,
        b: bool,
    }
);
struct_case!(
    #[repr(C, align(8))]
    struct AlignedC {
        a: u16,
        b: u8,
    }
);

// ---------------------------------------------------------------------------
// Enums.

c_like!(TwoUnits { A, B });
c_like!(Explicit { A = -1, B = 300 });
c_like!(Sparse { A = 0, B = 200 });
c_like!(FullI8 { A = -128, B = 127 });
c_like!(Signed16 { A = -129, B = 0 });
c_like!(Large { A = 0, B = 0x1_0000_0000 });
c_like!(Huge { A = -1, B = i64::MAX as isize });
c_like!(Gap { A = 10, B, C = 3 });
c_like!(OneUnit { A = 5 });
// The most variants a one-byte tag holds, and one more.
c_like! {
    Units256 {
        V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17, V18,
        V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31, V32, V33, V34, V35,
        V36, V37, V38, V39, V40, V41, V42, V43, V44, V45, V46, V47, V48, V49, V50, V51, V52,
        V53, V54, V55, V56, V57, V58, V59, V60, V61, V62, V63, V64, V65, V66, V67, V68, V69,
        V70, V71, V72, V73, V74, V75, V76, V77, V78, V79, V80, V81, V82, V83, V84, V85, V86,
        V87, V88, V89, V90, V91, V92, V93, V94, V95, V96, V97, V98, V99, V100, V101, V102, V103,
        V104, V105, V106, V107, V108, V109, V110, V111, V112, V113, V114, V115, V116, V117,
        V118, V119, V120, V121, V122, V123, V124, V125, V126, V127, V128, V129, V130, V131,
        V132, V133, V134, V135, V136, V137, V138, V139, V140, V141, V142, V143, V144, V145,
        V146, V147, V148, V149, V150, V151, V152, V153, V154, V155, V156, V157, V158, V159,
        V160, V161, V162, V163, V164, V165, V166, V167, V168, V169, V170, V171, V172, V173,
        V174, V175, V176, V177, V178, V179, V180, V181, V182, V183, V184, V185, V186, V187,
        V188, V189, V190, V191, V192, V193, V194, V195, V196, V197, V198, V199, V200, V201,
        V202, V203, V204, V205, V206, V207, V208, V209, V210, V211, V212, V213, V214, V215,
        V216, V217, V218, V219, V220, V221, V222, V223, V224, V225, V226, V227, V228, V229,
        V230, V231, V232, V233, V234, V235, V236, V237, V238, V239, V240, V241, V242, V243,
        V244, V245, V246, V247, V248, V249, V250, V251, V252, V253, V254, V255
    }
}
c_like! {
    Units257 {
        V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17, V18,
        V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31, V32, V33, V34, V35,
        V36, V37, V38, V39, V40, V41, V42, V43, V44, V45, V46, V47, V48, V49, V50, V51, V52,
        V53, V54, V55, V56, V57, V58, V59, V60, V61, V62, V63, V64, V65, V66, V67, V68, V69,
        V70, V71, V72, V73, V74, V75, V76, V77, V78, V79, V80, V81, V82, V83, V84, V85, V86,
        V87, V88, V89, V90, V91, V92, V93, V94, V95, V96, V97, V98, V99, V100, V101, V102, V103,
        V104, V105, V106, V107, V108, V109, V110, V111, V112, V113, V114, V115, V116, V117,
        V118, V119, V120, V121, V122, V123, V124, V125, V126, V127, V128, V129, V130, V131,
        V132, V133, V134, V135, V136, V137, V138, V139, V140, V141, V142, V143, V144, V145,
        V146, V147, V148, V149, V150, V151, V152, V153, V154, V155, V156, V157, V158, V159,
        V160, V161, V162, V163, V164, V165, V166, V167, V168, V169, V170, V171, V172, V173,
        V174, V175, V176, V177, V178, V179, V180, V181, V182, V183, V184, V185, V186, V187,
        V188, V189, V190, V191, V192, V193, V194, V195, V196, V197, V198, V199, V200, V201,
        V202, V203, V204, V205, V206, V207, V208, V209, V210, V211, V212, V213, V214, V215,
        V216, V217, V218, V219, V220, V221, V222, V223, V224, V225, V226, V227, V228, V229,
        V230, V231, V232, V233, V234, V235, V236, V237, V238, V239, V240, V241, V242, V243,
        V244, V245, V246, V247, V248, V249, V250, V251, V252, V253, V254, V255, V256
    }
}

// `#[repr]` enums: rustc makes no choice of its own.
const fn int(size: u64, signed: bool) -> EnumRepr {
    EnumRepr::Int(IntType { size, signed })
}
const fn c(size: u64, signed: bool) -> EnumRepr {
    EnumRepr::C(Some(IntType { size, signed }))
}
const C_INT: EnumRepr = EnumRepr::C(None);
c_like!(#[repr(u8)] int(1, false); ReprU8 { A = 1, B = 200 });
c_like!(#[repr(i8)] int(1, true); ReprI8 { A = -3, B, C = 100 });
c_like!(#[repr(u16)] int(2, false); ReprU16 { A, B = 300 });
c_like!(#[repr(u32)] int(4, false); ReprU32 { A, B });
c_like!(#[repr(i64)] int(8, true); ReprI64 { A = -1, B = 0x1_0000_0000 });
c_like!(#[repr(usize)] int(8, false); ReprUsize { A, B = 7 });
c_like!(#[repr(u8)] int(1, false); ReprU8One { Only = 9 });
c_like!(#[repr(u8)] int(1, false); ReprU8Ends { A = 0, B = 255 });
c_like!(#[repr(u8)] int(1, false); ReprU8Dense { A = 1, B, C });
c_like!(#[repr(i8)] int(1, true); ReprI8Ends { A = -128, B = 127 });
c_like!(#[repr(i8)] int(1, true); ReprI8Small { A = -1, B, C });
c_like!(#[repr(u16)] int(2, false); ReprU16Wide { A = 3, B = 40000 });
c_like!(#[repr(i32)] int(4, true); ReprI32 { A = -1, B = 5 });
c_like!(#[repr(C)] C_INT; ReprCEnum { X, Y = 5, Z });
c_like!(#[repr(C)] C_INT; ReprCNegative { X = -2, Y = 7 });
// Where the tag's valid range wraps round, and where rustc 1.95 measures
// the wrapping gap of a signed tag from its signed maximum.
c_like!(#[repr(u8)] int(1, false); ReprU8Half { A = 1, B = 128 });
c_like!(#[repr(u8)] int(1, false); ReprU8Tie { A = 1, B = 129 });
c_like!(#[repr(u8)] int(1, false); ReprU8Far { A = 5, B = 130 });
c_like!(#[repr(u8)] int(1, false); ReprU8Top { A = 250, B = 255 });
c_like!(#[repr(i8)] int(1, true); ReprI8Wide { A = -100, B = 100 });
c_like!(#[repr(i8)] int(1, true); ReprI8Low { A = -3, B = -2, C = 100 });
c_like!(#[repr(i8)] int(1, true); ReprI8Gap { A = -27, B = 100 });
c_like!(#[repr(i8)] int(1, true); ReprI8Even { A = -28, B = 100 });
c_like!(#[repr(i8)] int(1, true); ReprI8Mid { A = -60, B = 60 });
c_like!(#[repr(i8)] int(1, true); ReprI8Pos { A = 3, B = 5 });
c_like!(#[repr(i16)] int(2, true); ReprI16 { A = -300, B = 20000 });
c_like!(#[repr(i32)] int(4, true); ReprI32Max { A = 0, B = 1, C = i32::MAX });
c_like!(#[repr(u64)] int(8, false); ReprU64 { A = 1, B = u64::MAX });
// Discriminants written out of order.
c_like!(#[repr(i8)] int(1, true); ReprI8Unordered { A = 100, B = -3, C = 7 });
c_like!(#[repr(u8)] int(1, false); ReprU8Unordered { A = 200, B = 1, C = 90 });
c_like!(ReprRustUnordered { A = 9, B = 2, C = 5 });

#[repr(u8)]
enum TaggedU8 {
    A(u32),
    B(u8, u64),
    C,
}
enum_case!(impl TaggedU8, int(1, false); {
    (TaggedU8::A(a)) [a: u32],
    (TaggedU8::B(b, c)) [b: u8, c: u64],
    (TaggedU8::C) [],
});

#[repr(i32)]
enum TaggedI32 {
    A(bool),
    B(Box<u8>),
}
enum_case!(impl TaggedI32, int(4, true); {
    (TaggedI32::A(a)) [a: bool],
    (TaggedI32::B(b)) [b: Box<u8>],
});

#[repr(u8)]
enum TaggedOne {
    Only(u16, u8),
}
enum_case!(impl TaggedOne, int(1, false); { (TaggedOne::Only(a, b)) [a: u16, b: u8] });

#[repr(C)]
enum TaggedC {
    A(u8),
    B(u64, u8),
    C(u16),
}
enum_case!(impl TaggedC, C_INT; {
    (TaggedC::A(a)) [a: u8],
    (TaggedC::B(b, c)) [b: u64, c: u8],
    (TaggedC::C(d)) [d: u16],
});

#[repr(C, u8)]
enum TaggedCU8 {
    A(u32),
    B(u8),
}
enum_case!(impl TaggedCU8, c(1, false); {
    (TaggedCU8::A(a)) [a: u32],
    (TaggedCU8::B(b)) [b: u8],
});

enum OnlyVariant {
    Only(u32, bool),
}
enum_case!(impl OnlyVariant { (OnlyVariant::Only(a, b)) [a: u32, b: bool] });

enum Shape2 {
    Circle(f64),
    Rect(f64, f64),
    Empty,
}
enum_case!(impl Shape2 {
    (Shape2::Circle(r)) [r: f64],
    (Shape2::Rect(w, h)) [w: f64, h: f64],
    (Shape2::Empty) [],
});

enum Token {
    Num(i64),
    Op(char),
    LParen,
    RParen,
}
enum_case!(impl Token {
    (Token::Num(n)) [n: i64],
    (Token::Op(c)) [c: char],
    (Token::LParen) [],
    (Token::RParen) [],
});

enum Expr {
    Num(i64),
    Add(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
}
enum_case!(impl Expr {
    (Expr::Num(n)) [n: i64],
    (Expr::Add(a, b)) [a: Box<Expr>, b: Box<Expr>],
    (Expr::Neg(a)) [a: Box<Expr>],
});

enum Message {
    Quit,
    Move { x: i32, y: i32 },
    Write(String),
    ChangeColor(u8, u8, u8),
}
enum_case!(impl Message {
    (Message::Quit) [],
    (Message::Move { x, y }) [x: i32, y: i32],
    (Message::Write(s)) [s: String],
    (Message::ChangeColor(r, g, b)) [r: u8, g: u8, b: u8],
});

enum List {
    Cons(i32, Box<List>),
    Nil,
}
enum_case!(impl List {
    (List::Cons(head, tail)) [head: i32, tail: Box<List>],
    (List::Nil) [],
});

enum BoolOnly {
    Yes(bool),
    No,
    Maybe,
}
enum_case!(impl BoolOnly {
    (BoolOnly::Yes(b)) [b: bool],
    (BoolOnly::No) [],
    (BoolOnly::Maybe) [],
});

enum Vecs {
    Bytes(Vec<u8>),
    Shorts(Vec<u16>),
    Words(Vec<u32>),
}
enum_case!(impl Vecs {
    (Vecs::Bytes(v)) [v: Vec<u8>],
    (Vecs::Shorts(v)) [v: Vec<u16>],
    (Vecs::Words(v)) [v: Vec<u32>],
});

enum Jagged {
    Big(bool, [u8; 7]),
    Small(u16, ()),
}
enum_case!(impl Jagged {
    (Jagged::Big(b, bytes)) [b: bool, bytes: [u8; 7]],
    (Jagged::Small(n, unit)) [n: u16, unit: ()],
});

enum BeforeNiche {
    A(u64, bool),
    B(u32),
}
enum_case!(impl BeforeNiche {
    (BeforeNiche::A(n, b)) [n: u64, b: bool],
    (BeforeNiche::B(m)) [m: u32],
});

enum AlignedZst {
    A([u64; 0]),
    B,
}
enum_case!(impl AlignedZst {
    (AlignedZst::A(z)) [z: [u64; 0]],
    (AlignedZst::B) [],
});

enum ZstVariants {
    A(()),
    B(PhantomData<u32>, u8),
    C,
}
enum_case!(impl ZstVariants {
    (ZstVariants::A(u)) [u: ()],
    (ZstVariants::B(p, n)) [p: PhantomData<u32>, n: u8],
    (ZstVariants::C) [],
});

enum CharOrNot {
    A(char),
    B,
    C,
}
enum_case!(impl CharOrNot {
    (CharOrNot::A(c)) [c: char],
    (CharOrNot::B) [],
    (CharOrNot::C) [],
});

enum Wide {
    A(u128),
    B(u8),
}
enum_case!(impl Wide {
    (Wide::A(n)) [n: u128],
    (Wide::B(b)) [b: u8],
});

enum WidenedTag {
    A(u32),
    B(u32, u16),
}
enum_case!(impl WidenedTag {
    (WidenedTag::A(n)) [n: u32],
    (WidenedTag::B(n, m)) [n: u32, m: u16],
});

enum TwoEqual {
    A(u32),
    B(u32),
}
enum_case!(impl TwoEqual {
    (TwoEqual::A(n)) [n: u32],
    (TwoEqual::B(n)) [n: u32],
});

enum BoxOrByte {
    Ptr(Box<u64>),
    Byte(u8),
}
enum_case!(impl BoxOrByte {
    (BoxOrByte::Ptr(p)) [p: Box<u64>],
    (BoxOrByte::Byte(b)) [b: u8],
});

enum Inside {
    Tok(Token),
    Flag(bool),
    Nothing,
}
enum_case!(impl Inside {
    (Inside::Tok(t)) [t: Token],
    (Inside::Flag(b)) [b: bool],
    (Inside::Nothing) [],
});

enum StructPayload {
    P(NicheToEnd),
    Q(u8),
    R(u16),
}
enum_case!(impl StructPayload {
    (StructPayload::P(s)) [s: NicheToEnd],
    (StructPayload::Q(b)) [b: u8],
    (StructPayload::R(n)) [n: u16],
});

enum ManyUnits {
    Data(bool, u32),
    A,
    B,
    C,
    D,
}
enum_case!(impl ManyUnits {
    (ManyUnits::Data(b, n)) [b: bool, n: u32],
    (ManyUnits::A) [],
    (ManyUnits::B) [],
    (ManyUnits::C) [],
    (ManyUnits::D) [],
});

enum MiddleData {
    A,
    B(String),
    C,
}
enum_case!(impl MiddleData {
    (MiddleData::A) [],
    (MiddleData::B(s)) [s: String],
    (MiddleData::C) [],
});

enum_case!(Result<u32, String> { (Ok(n)) [n: u32], (Err(e)) [e: String] });
enum_case!(Result<(), Box<u8>> { (Ok(u)) [u: ()], (Err(e)) [e: Box<u8>] });
enum_case!(Result<Vec<u8>, u8> { (Ok(v)) [v: Vec<u8>], (Err(e)) [e: u8] });
enum_case!(Result<u8, bool> { (Ok(n)) [n: u8], (Err(e)) [e: bool] });
enum_case!(Option<(u8, bool)> { (None) [], (Some(t)) [t: (u8, bool)] });
enum_case!(Option<Token> { (None) [], (Some(t)) [t: Token] });

// ---------------------------------------------------------------------------

#[test]
fn layouts_match_rustc() {
    let mut r = Report::default();

    check_value::<bool>(&mut r, "bool");
    check_value::<char>(&mut r, "char");
    check_value::<u8>(&mut r, "u8");
    check_value::<u16>(&mut r, "u16");
    check_value::<u32>(&mut r, "u32");
    check_value::<u64>(&mut r, "u64");
    check_value::<u128>(&mut r, "u128");
    check_value::<i128>(&mut r, "i128");
    check_value::<usize>(&mut r, "usize");
    check_value::<f32>(&mut r, "f32");
    check_value::<f64>(&mut r, "f64");
    check_value::<()>(&mut r, "()");
    check_value::<NonZeroU32>(&mut r, "NonZeroU32");
    check_value::<Box<u8>>(&mut r, "Box<u8>");
    check_value::<&'static u64>(&mut r, "&u64");
    check_value::<NonNull<u8>>(&mut r, "NonNull<u8>");
    check_value::<Rc<u8>>(&mut r, "Rc<u8>");
    check_value::<Vec<u8>>(&mut r, "Vec<u8>");
    check_value::<String>(&mut r, "String");
    check_value::<[bool; 4]>(&mut r, "[bool; 4]");
    check_value::<[bool; 0]>(&mut r, "[bool; 0]");
    check_value::<[u64; 0]>(&mut r, "[u64; 0]");
    check_value::<[u8; 3]>(&mut r, "[u8; 3]");
    check_value::<[char; 2]>(&mut r, "[char; 2]");
    check_value::<Option<u8>>(&mut r, "Option<u8>");
    check_value::<Option<bool>>(&mut r, "Option<bool>");
    check_value::<Option<Box<u8>>>(&mut r, "Option<Box<u8>>");
    check_value::<Option<String>>(&mut r, "Option<String>");
    check_value::<Cell<bool>>(&mut r, "Cell<bool>");
    check_value::<Cell<Box<u8>>>(&mut r, "Cell<Box<u8>>");

    check_tuple::<(u8, bool)>(&mut r);
    check_tuple::<(u8, u32, u16)>(&mut r);
    check_tuple::<(bool, Box<u8>)>(&mut r);
    check_tuple::<(u64, u8, bool)>(&mut r);
    check_tuple::<(u16, bool, u32)>(&mut r);
    check_tuple::<(u8, u128)>(&mut r);
    check_tuple::<(bool, u64, bool)>(&mut r);
    check_tuple::<(u32, bool, u8, u16)>(&mut r);
    check_tuple::<((), u8, [u32; 0], u16, bool)>(&mut r);
    check_tuple::<(char, u8)>(&mut r);
    check_tuple::<(Vec<u8>, bool)>(&mut r);

    check_struct::<Empty>(&mut r);
    check_struct::<Reordered>(&mut r);
    check_struct::<MixedNiches>(&mut r);
    check_struct::<NicheToEnd>(&mut r);
    check_struct::<BoolThenWide>(&mut r);
    check_struct::<WithBox>(&mut r);
    check_struct::<NoNiche>(&mut r);
    check_struct::<TwoBools>(&mut r);
    check_struct::<BoolArray>(&mut r);
    check_struct::<WideInts>(&mut r);
    check_struct::<Zsts>(&mut r);
    check_struct::<CharAndByte>(&mut r);
    check_struct::<OptionField>(&mut r);
    check_struct::<VecAndByte>(&mut r);
    check_struct::<Nested>(&mut r);
    check_struct::<ByteArrays>(&mut r);
    check_struct::<Person>(&mut r);
    check_struct::<Node>(&mut r);
    check_struct::<SmallAndBool>(&mut r);
    check_struct::<CharNiche>(&mut r);
    check_struct::<CellAndBool>(&mut r);
    check_struct::<ReprC>(&mut r);
    check_struct::<ReprCNicheAtEnd>(&mut r);
    check_struct::<Aligned>(&mut r);
    check_struct::<AlignedC>(&mut r);

    check_enum::<TwoUnits>(&mut r);
    check_enum::<Explicit>(&mut r);
    check_enum::<Sparse>(&mut r);
    check_enum::<FullI8>(&mut r);
    check_enum::<Signed16>(&mut r);
    check_enum::<Large>(&mut r);
    check_enum::<Huge>(&mut r);
    check_enum::<Gap>(&mut r);
    check_enum::<OneUnit>(&mut r);
    check_enum::<Units256>(&mut r);
    check_enum::<Units257>(&mut r);
    check_enum::<OnlyVariant>(&mut r);
    check_enum::<Shape2>(&mut r);
    check_enum::<Token>(&mut r);
    check_enum::<Expr>(&mut r);
    check_enum::<Message>(&mut r);
    check_enum::<List>(&mut r);
    check_enum::<BoolOnly>(&mut r);
    check_enum::<Vecs>(&mut r);
    check_enum::<Jagged>(&mut r);
    check_enum::<BeforeNiche>(&mut r);
    check_enum::<AlignedZst>(&mut r);
    check_enum::<ZstVariants>(&mut r);
    check_enum::<CharOrNot>(&mut r);
    check_enum::<Wide>(&mut r);
    check_enum::<WidenedTag>(&mut r);
    check_enum::<TwoEqual>(&mut r);
    check_enum::<BoxOrByte>(&mut r);
    check_enum::<Inside>(&mut r);
    check_enum::<StructPayload>(&mut r);
    check_enum::<ManyUnits>(&mut r);
    check_enum::<MiddleData>(&mut r);
    check_enum::<Result<u32, String>>(&mut r);
    check_enum::<Result<(), Box<u8>>>(&mut r);
    check_enum::<Result<Vec<u8>, u8>>(&mut r);
    check_enum::<Result<u8, bool>>(&mut r);
    check_enum::<Option<(u8, bool)>>(&mut r);
    check_enum::<Option<Token>>(&mut r);
    check_enum::<ReprU8>(&mut r);
    check_enum::<ReprI8>(&mut r);
    check_enum::<ReprU16>(&mut r);
    check_enum::<ReprU32>(&mut r);
    check_enum::<ReprI64>(&mut r);
    check_enum::<ReprUsize>(&mut r);
    check_enum::<ReprU8One>(&mut r);
    check_enum::<ReprU8Ends>(&mut r);
    check_enum::<ReprU8Dense>(&mut r);
    check_enum::<ReprI8Ends>(&mut r);
    check_enum::<ReprI8Small>(&mut r);
    check_enum::<ReprU16Wide>(&mut r);
    check_enum::<ReprI32>(&mut r);
    check_enum::<ReprCEnum>(&mut r);
    check_enum::<ReprCNegative>(&mut r);
    check_enum::<ReprU8Half>(&mut r);
    check_enum::<ReprU8Tie>(&mut r);
    check_enum::<ReprU8Far>(&mut r);
    check_enum::<ReprU8Top>(&mut r);
    check_enum::<ReprI8Wide>(&mut r);
    check_enum::<ReprI8Low>(&mut r);
    check_enum::<ReprI8Gap>(&mut r);
    check_enum::<ReprI8Even>(&mut r);
    check_enum::<ReprI8Mid>(&mut r);
    check_enum::<ReprI8Pos>(&mut r);
    check_enum::<ReprI16>(&mut r);
    check_enum::<ReprI32Max>(&mut r);
    check_enum::<ReprU64>(&mut r);
    check_enum::<ReprI8Unordered>(&mut r);
    check_enum::<ReprU8Unordered>(&mut r);
    check_enum::<ReprRustUnordered>(&mut r);
    check_enum::<TaggedU8>(&mut r);
    check_enum::<TaggedI32>(&mut r);
    check_enum::<TaggedOne>(&mut r);
    check_enum::<TaggedC>(&mut r);
    check_enum::<TaggedCU8>(&mut r);

    assert!(
        r.diffs.is_empty(),
        "{} of {} checks on {} types differ from rustc:\n  {}",
        r.diffs.len(),
        r.checks,
        r.types,
        r.diffs.join("\n  ")
    );
    assert!(r.types >= 60, "only {} types checked", r.types);
}

/// `Vec` and `String` are `{ cap, ptr, len }` in memory, as the engine's
/// constants say.
#[test]
fn vec_keeps_capacity_pointer_and_length_in_that_order() {
    let mut v: Vec<u16> = Vec::with_capacity(5);
    v.extend([1, 2]);
    let ptr = v.as_ptr() as usize;
    // SAFETY: `Vec<u16>` is three words; the `Vec` is rebuilt from them
    // below, so it is freed as usual.
    let words: [usize; 3] = unsafe { std::mem::transmute(v) };
    let at = |offset: u64| words[offset as usize / 8];
    assert_eq!(
        (
            at(VEC_CAPACITY_OFFSET),
            at(VEC_POINTER_OFFSET),
            at(VEC_LENGTH_OFFSET)
        ),
        (5, ptr, 2)
    );
    // SAFETY: the same words, back into the same `Vec`.
    drop(unsafe { std::mem::transmute::<[usize; 3], Vec<u16>>(words) });

    let mut s = String::with_capacity(9);
    s.push_str("abc");
    let ptr = s.as_ptr() as usize;
    // SAFETY: as above, for `String`.
    let words: [usize; 3] = unsafe { std::mem::transmute(s) };
    assert_eq!(
        (
            words[VEC_CAPACITY_OFFSET as usize / 8],
            words[VEC_POINTER_OFFSET as usize / 8],
            words[VEC_LENGTH_OFFSET as usize / 8]
        ),
        (9, ptr, 3)
    );
    // SAFETY: the same words, back into the same `String`.
    drop(unsafe { std::mem::transmute::<[usize; 3], String>(words) });
}

/// `VecDeque` is its `RawVec` (capacity, pointer) then `head` and `len`
/// in memory, as the engine's `Ty::Deque` lays it out, and `Option` of one
/// is no bigger (the capacity's niche).
#[test]
fn vec_deque_keeps_its_buffer_then_head_and_length() {
    use alloc_sim::scenario::ty::{IntTy, Ty};
    use std::collections::VecDeque;
    let mut q: VecDeque<u16> = VecDeque::with_capacity(4);
    q.extend([1, 2]);
    q.push_front(0);
    // Wrapped: the second slice starts at the buffer's first slot, and
    // the front is `head` slots after it.
    let (front, back) = q.as_slices();
    let ptr = back.as_ptr() as usize;
    let head = (front.as_ptr() as usize - ptr) / 2;
    // SAFETY: `VecDeque<u16>` is four words; it is rebuilt from them
    // below, so it is freed as usual.
    let words: [usize; 4] = unsafe { std::mem::transmute(q) };
    assert_eq!(words, [4, ptr, head, 3]);
    // SAFETY: the same words, back into the same `VecDeque`.
    drop(unsafe { std::mem::transmute::<[usize; 4], VecDeque<u16>>(words) });

    let shape =
        Ty::Deque(Box::new(Ty::Int(IntTy::Fixed(false, 2)))).shape(alloc_sim::Target::Bits64);
    assert_eq!(
        (shape.size, shape.align),
        (
            size_of::<VecDeque<u16>>() as u64,
            align_of::<VecDeque<u16>>() as u64
        )
    );
    assert_eq!(
        option_shape(shape).shape.size,
        size_of::<Option<VecDeque<u16>>>() as u64
    );
}
