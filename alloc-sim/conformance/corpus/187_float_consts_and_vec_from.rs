// std's mathematical constants, by their full paths (`std::`, `core::`)
// and brought in by `use` (a name, a rename, a glob); `Vec::from` of an array
// boxes it first, so the elements are made before the one exact
// allocation (`vec![…]` allocates before it builds them).
use std::f32::consts::*;
use std::f64::consts::{E as EULER, PI as HALF_TURN};

#[derive(Debug)]
enum Shape {
    Circle { r: f64 },
    Rect { w: f64, h: f64 },
}

impl Shape {
    fn area(&self) -> f64 {
        match self {
            Shape::Circle { r } => std::f64::consts::PI * r * r,
            Shape::Rect { w, h } => w * h,
        }
    }
}

fn total(v: &[u64]) -> u64 {
    v.iter().sum()
}

fn main() {
    println!(
        "{:.5} {} {} {} {} {} {} {}",
        std::f64::consts::PI,
        std::f64::consts::E,
        std::f32::consts::LN_10,
        core::f64::consts::TAU,
        core::f32::consts::SQRT_2,
        HALF_TURN,
        EULER,
        LN_2
    );
    let shapes = vec![Shape::Circle { r: 1.5 }, Shape::Rect { w: 2.0, h: 3.5 }];
    let areas: f64 = shapes.iter().map(Shape::area).sum();
    println!("{areas:.3} {:?}", shapes[0]);
    let v = Vec::from([1, 2, 3]);
    let w: Vec<u16> = Vec::from([7, 8]);
    let names = Vec::from([String::from("ann"), "bo".to_string()]);
    let none: Vec<u8> = Vec::from([]);
    let t = Vec::from([4, 5]);
    println!("{v:?} {w:?} {names:?} {none:?} {}", total(&t));
}
