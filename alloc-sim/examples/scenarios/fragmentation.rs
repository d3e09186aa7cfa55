// Enough free bytes in all, but no hole big enough: external fragmentation.
// Run it on a 512-byte heap: eight 64-byte boxes fill it; freeing every
// other one leaves 256 bytes free in four 64-byte holes, and a 200-byte
// Vec fits in none of them, so the program aborts.
fn main() {
    let a = Box::new([0u8; 64]);
    let b = Box::new([0u8; 64]);
    let c = Box::new([0u8; 64]);
    let d = Box::new([0u8; 64]);
    let e = Box::new([0u8; 64]);
    let f = Box::new([0u8; 64]);
    let g = Box::new([0u8; 64]);
    let h = Box::new([0u8; 64]);
    drop(a);
    drop(c);
    drop(e);
    drop(g);
    let v: Vec<u8> = Vec::with_capacity(200);
    println!("{} {} {} {} {}", b[0], d[0], f[0], h[0], v.capacity());
}
