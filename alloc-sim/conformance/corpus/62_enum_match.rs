// A Copy enum with data in its variants; a Vec<Shape> holds each at full size.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
    Empty,
}

impl Shape {
    fn area(&self) -> f64 {
        match self {
            Shape::Circle(r) => 3.0 * r * r,
            Shape::Rect { w, h } => w * h,
            Shape::Empty => 0.0,
        }
    }
}

fn main() {
    let mut shapes: Vec<Shape> = Vec::new();
    shapes.push(Shape::Circle(1.5));
    shapes.push(Shape::Rect { w: 2.0, h: 4.5 });
    shapes.push(Shape::Empty);
    shapes.push(Shape::Rect { w: 1.0, h: 1.0 });
    shapes.push(Shape::Circle(2.0));
    let mut total = 0.0;
    for s in &shapes {
        println!("{:?} has area {}", s, s.area());
        total += s.area();
    }
    println!("total area {}", total);
    let copy = shapes[1];
    println!("copy == shapes[1]: {}", copy == shapes[1]);
    println!("shapes[2] == Empty: {}", shapes[2] == Shape::Empty);
    println!("{} shapes, capacity {}", shapes.len(), shapes.capacity());
}
