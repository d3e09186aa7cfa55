// Bit operators and compound assignment: << >> & | ^ ! and their `=` forms.
fn main() {
    let a: u8 = 0b1010_1100;
    let b: u8 = 0b0110_0101;
    println!("a & b = {:08b}", a & b);
    println!("a | b = {:08b}", a | b);
    println!("a ^ b = {:08b}", a ^ b);
    println!("!a = {:08b}", !a);
    println!("a << 2 = {:08b}, a >> 3 = {:08b}", a << 2, a >> 3);
    let mut flags: u32 = 0;
    flags |= 1 << 4;
    flags |= 1 << 1;
    flags ^= 1 << 4;
    flags <<= 3;
    flags &= 0xff;
    flags >>= 1;
    println!("flags = {} ({:#x})", flags, flags);
    let mut x: u32 = 0b1011_0110;
    let mut ones = 0;
    while x != 0 {
        x &= x - 1;
        ones += 1;
    }
    println!(
        "ones = {}, count_ones = {}",
        ones,
        0b1011_0110u32.count_ones()
    );
}
