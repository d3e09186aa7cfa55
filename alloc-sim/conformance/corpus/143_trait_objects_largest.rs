// Trait objects: a Vec<Box<dyn Shape>> with a default method one impl
// overrides, a sum over them, and a function that lends back the largest.
trait Shape { fn area(&self) -> f64; fn name(&self) -> String { String::from("shape") } }
struct Circle { r: f64 }
struct Rect { w: f64, h: f64 }
impl Shape for Circle { fn area(&self) -> f64 { 3.14159 * self.r * self.r } fn name(&self) -> String { "circle".into() } }
impl Shape for Rect { fn area(&self) -> f64 { self.w * self.h } }

fn largest<'a>(shapes: &'a [Box<dyn Shape>]) -> Option<&'a Box<dyn Shape>> {
    let mut best: Option<&Box<dyn Shape>> = None;
    for s in shapes {
        if best.map_or(true, |b| s.area() > b.area()) { best = Some(s); }
    }
    best
}

fn main() {
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Circle { r: 1.0 }), Box::new(Rect { w: 2.0, h: 3.0 })];
    let total: f64 = shapes.iter().map(|s| s.area()).sum();
    println!("total {:.2}", total);
    if let Some(b) = largest(&shapes) { println!("largest is {}", b.name()); }
    let names: Vec<String> = shapes.iter().map(|s| s.name()).collect();
    println!("{}", names.join(", "));
}
