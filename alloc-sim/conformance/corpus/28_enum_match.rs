// An enum with data in its variants, taken apart with `match`.
enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
    Label(String),
}

fn area(s: &Shape) -> f64 {
    match s {
        Shape::Circle(r) => 3.0 * r * r,
        Shape::Rect { w, h } => w * h,
        Shape::Label(_) => 0.0,
    }
}

fn main() {
    let shapes = vec![
        Shape::Circle(2.0),
        Shape::Rect { w: 3.0, h: 4.5 },
        Shape::Label(String::from("legend")),
    ];
    for s in &shapes {
        match s {
            Shape::Label(text) => println!("label {:?}", text),
            other => println!("area {}", area(other)),
        }
    }
}
