// Enough free bytes in all, but no hole big enough: external fragmentation.
// Run it with first-fit on a 1 KiB heap. The runtime takes its 548 bytes
// before main (560 with first-fit's rounding); seven 64-byte boxes fill
// all but 16 of the rest. Freeing every other one leaves 208 bytes free,
// in holes of 64, 64, 64 and 16, and a 100-byte Vec fits in none of them,
// so the program aborts (before its
// println!, whose 1 KiB stdout buffer would not fit either).
// allocscope: heap=1KiB strategies=first-fit
fn main() {
    let a = Box::new([0u8; 64]);
    let b = Box::new([0u8; 64]);
    let c = Box::new([0u8; 64]);
    let d = Box::new([0u8; 64]);
    let e = Box::new([0u8; 64]);
    let f = Box::new([0u8; 64]);
    let g = Box::new([0u8; 64]);
    drop(a);
    drop(c);
    drop(e);
    let v: Vec<u8> = Vec::with_capacity(100);
    println!("{} {} {} {} {}", b[0], d[0], f[0], g[0], v.capacity());
}
