// What a `use` of std brings in besides types: a module of constants
// (`use std::f64::consts;` for `consts::PI`, `{self as k}`), an integer
// module's `MAX` and `MIN` (std's older spelling of `u32::MAX`), and a
// glob, whose names give way to the ones written out. The circle areas
// are collected into a `Vec` and printed.
use std::f32::consts;
use std::f64::consts::{self as k, E};
use std::i8::{MAX, MIN as LOW};
use std::u16::*;

fn area(r: f64) -> f64 {
    k::PI * r * r
}

fn main() {
    println!("{} {} {}", MAX, LOW, MIN);
    let areas: Vec<String> = (1..=3).map(|r| format!("{:.3}", area(r as f64))).collect();
    println!("{}", areas.join(", "));
    println!("{:.4} {}", E, consts::TAU);
    let widest = u32::MAX as u64 + MAX as u64;
    println!("{widest}");
}
