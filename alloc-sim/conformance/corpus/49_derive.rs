// #[derive(Debug, Clone, PartialEq)]: printing, copying and comparing for free.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Debug, Clone, PartialEq)]
struct Path {
    name: String,
    points: Vec<Point>,
}

fn main() {
    let p = Path {
        name: String::from("walk"),
        points: vec![Point { x: 0, y: 0 }, Point { x: 2, y: 3 }],
    };
    let mut q = p.clone();
    println!("{:?}", p);
    println!("equal after clone: {}", p == q);
    q.points.push(Point { x: 5, y: 5 });
    println!("equal after push: {}", p == q);
    println!("{:?}", q.points[2]);
}
