// A program's own items beat the names a glob of std brings, and so does
// a name another `use` writes out: `MAX` here is the program's static and
// `MIN` is `i8`'s, not `u16`'s.
use std::f64::consts::PI as HALF_TURN;
use std::i8::MIN;
use std::u16::*;

static MAX: u32 = 7;

fn scaled(by: u32) -> Vec<u32> {
    vec![MAX * by; 3]
}

fn main() {
    println!("{MAX} {MIN}");
    println!("{:?}", scaled(2));
    println!("{:.3}", HALF_TURN);
}
