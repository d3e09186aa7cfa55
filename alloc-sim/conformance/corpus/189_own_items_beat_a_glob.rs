// A program's own items beat the names a glob of std brings: `MAX` and
// `MIN` here are the program's static and const, not `u16`'s, and a name
// written out in another `use` beats the glob too.
use std::f64::consts::PI as MIN_TURN;
use std::u16::*;
use std::u8::*;

static MAX: u32 = 7;
const MIN: i64 = -3;

fn scaled(by: u32) -> Vec<u32> {
    vec![MAX * by; 3]
}

fn main() {
    println!("{MAX} {MIN}");
    println!("{:?}", scaled(2));
    println!("{:.3}", MIN_TURN);
}
