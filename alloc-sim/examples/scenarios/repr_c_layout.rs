// repr(C) keeps fields in order, so padding appears between them; Rust's
// default layout may reorder fields (today: most-aligned first) and waste less.
use std::alloc::Layout;

#[repr(C)]
struct Packet {
    tag: u8,
    len: u32,
    flag: u8,
}

struct Reordered {
    tag: u8,
    len: u32,
    flag: u8,
}

fn main() {
    let c = Layout::new::<Packet>();
    let rust = Layout::new::<Reordered>();
    println!("repr(C): size {} align {}", c.size(), c.align());
    println!("Rust:    size {} align {}", rust.size(), rust.align());
    let (whole, offset) = Layout::new::<u64>().extend(Layout::new::<[u8; 3]>()).unwrap();
    println!("u64 then [u8; 3]: offset {}, size {}, padded {}", offset, whole.size(), whole.pad_to_align().size());
    let boxed = Box::new(Packet { tag: 1, len: 2, flag: 3 });
    let v: Vec<Packet> = vec![Packet { tag: 4, len: 5, flag: 6 }];
    println!("{} {}", boxed.len, v.len());
}
