//! The layouts that lessons draw (`scenario::struct_layouts`) against the
//! compiler's own: `size_of`, `align_of` and `offset_of!` of the same
//! structs compiled here, for the 64-bit target this test runs on.

use std::mem::{align_of, offset_of, size_of};

use alloc_sim::scenario::struct_layouts;
use alloc_sim::Target;

const SOURCE: &str = "
#[repr(C)]
struct Header { tag: u8, len: u32, next: u64 }
struct Reordered { tag: u8, len: u32, next: u64, flags: u8 }
#[repr(C)]
struct Pixel { r: u8, g: u8, b: u8 }
#[repr(C, align(16))]
struct Line { id: u16, bytes: [u8; 5] }
struct Mixed { a: u16, b: u64, c: u8, d: u32 }
";

#[repr(C)]
struct Header {
    tag: u8,
    len: u32,
    next: u64,
}
struct Reordered {
    tag: u8,
    len: u32,
    next: u64,
    flags: u8,
}
#[repr(C)]
struct Pixel {
    r: u8,
    g: u8,
    b: u8,
}
#[repr(C, align(16))]
struct Line {
    id: u16,
    bytes: [u8; 5],
}
struct Mixed {
    a: u16,
    b: u64,
    c: u8,
    d: u32,
}

#[test]
fn struct_layouts_match_the_compiler() {
    let got = struct_layouts(SOURCE, Target::Bits64).unwrap();
    let real: Vec<(&str, usize, usize, Vec<usize>)> = vec![
        (
            "Header",
            size_of::<Header>(),
            align_of::<Header>(),
            vec![
                offset_of!(Header, tag),
                offset_of!(Header, len),
                offset_of!(Header, next),
            ],
        ),
        (
            "Reordered",
            size_of::<Reordered>(),
            align_of::<Reordered>(),
            vec![
                offset_of!(Reordered, tag),
                offset_of!(Reordered, len),
                offset_of!(Reordered, next),
                offset_of!(Reordered, flags),
            ],
        ),
        (
            "Pixel",
            size_of::<Pixel>(),
            align_of::<Pixel>(),
            vec![
                offset_of!(Pixel, r),
                offset_of!(Pixel, g),
                offset_of!(Pixel, b),
            ],
        ),
        (
            "Line",
            size_of::<Line>(),
            align_of::<Line>(),
            vec![offset_of!(Line, id), offset_of!(Line, bytes)],
        ),
        (
            "Mixed",
            size_of::<Mixed>(),
            align_of::<Mixed>(),
            vec![
                offset_of!(Mixed, a),
                offset_of!(Mixed, b),
                offset_of!(Mixed, c),
                offset_of!(Mixed, d),
            ],
        ),
    ];
    assert_eq!(got.len(), real.len());
    for (layout, (name, size, align, offsets)) in got.iter().zip(real) {
        assert_eq!(layout.name, name);
        assert_eq!(layout.layout.size, size as u64, "size of {name}");
        assert_eq!(layout.layout.align, align as u64, "align of {name}");
        let ours: Vec<u64> = layout.fields.iter().map(|f| f.offset).collect();
        let theirs: Vec<u64> = offsets.iter().map(|&o| o as u64).collect();
        assert_eq!(ours, theirs, "field offsets of {name}");
    }
    // Keep the structs' fields read, so the compiler keeps them as declared.
    let _ = (
        Header {
            tag: 0,
            len: 0,
            next: 0,
        }
        .next,
        Reordered {
            tag: 0,
            len: 0,
            next: 0,
            flags: 0,
        }
        .tag,
    );
}

#[test]
fn a_layout_block_holds_struct_definitions_only() {
    let e = struct_layouts("struct A { x: u8 }\nfn main() {}", Target::Bits64).unwrap_err();
    assert_eq!((e.line, e.column), (2, 1));
    assert!(e.message.contains("struct definitions"), "{}", e.message);
    // A heap owner is a field like any other: its handle.
    let a = struct_layouts("struct A { x: Vec<u8>, b: Box<u64> }", Target::Bits64).unwrap();
    #[allow(dead_code)]
    struct A {
        x: Vec<u8>,
        b: Box<u64>,
    }
    assert_eq!(a[0].layout.size, std::mem::size_of::<A>() as u64);
    assert_eq!(a[0].layout.align, std::mem::align_of::<A>() as u64);
}
