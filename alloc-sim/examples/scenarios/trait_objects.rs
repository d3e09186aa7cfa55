// Trait objects: a Box<dyn Shape> allocates the concrete value (a Circle's
// 8 bytes, a Rect's 16), and calls go to that value's own methods.
trait Shape {
    fn area(&self) -> f64;
    fn describe(&self) -> f64 {
        self.area() * 2.0
    }
}

struct Circle {
    r: f64,
}

struct Rect {
    w: f64,
    h: f64,
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.0 * self.r * self.r
    }
}

impl Shape for Rect {
    fn area(&self) -> f64 {
        self.w * self.h
    }
}

fn report(shape: &dyn Shape) -> f64 {
    shape.describe()
}

fn main() {
    let a: Box<dyn Shape> = Box::new(Circle { r: 2.0 });
    let b: Box<dyn Shape> = Box::new(Rect { w: 3.0, h: 4.0 });
    println!("{} {}", a.area(), b.area());
    let c = Rect { w: 1.0, h: 2.0 };
    println!("{}", report(&c));
}
