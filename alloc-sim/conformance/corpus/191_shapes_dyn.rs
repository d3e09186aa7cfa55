// Shapes behind `Box<dyn Shape>`: a trait with a default method, three
// structs implementing it, a `Vec<Box<dyn Shape>>` summed with an
// iterator, sorted by a key, and described with `format!`.
trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String;
    fn describe(&self) -> String {
        format!("{} with area {:.2}", self.name(), self.area())
    }
}

struct Circle { r: f64 }
struct Rect { w: f64, h: f64 }
struct Square(f64);

impl Shape for Circle {
    fn area(&self) -> f64 { 3.14159 * self.r * self.r }
    fn name(&self) -> String { String::from("circle") }
}
impl Shape for Rect {
    fn area(&self) -> f64 { self.w * self.h }
    fn name(&self) -> String { "rect".to_string() }
}
impl Shape for Square {
    fn area(&self) -> f64 { self.0 * self.0 }
    fn name(&self) -> String { format!("square{}", self.0) }
    fn describe(&self) -> String { format!("a square of side {}", self.0) }
}

fn main() {
    let mut shapes: Vec<Box<dyn Shape>> = Vec::new();
    shapes.push(Box::new(Circle { r: 1.5 }));
    shapes.push(Box::new(Rect { w: 2.0, h: 4.5 }));
    shapes.push(Box::new(Square(3.0)));
    shapes.push(Box::new(Circle { r: 0.5 }));
    let total: f64 = shapes.iter().map(|s| s.area()).sum();
    println!("total {:.3}", total);
    shapes.sort_by(|a, b| a.area().partial_cmp(&b.area()).unwrap());
    for (i, s) in shapes.iter().enumerate() {
        println!("{}: {}", i, s.describe());
    }
    let big: Vec<String> = shapes.iter().filter(|s| s.area() > 5.0).map(|s| s.name()).collect();
    println!("{:?}", big);
}
