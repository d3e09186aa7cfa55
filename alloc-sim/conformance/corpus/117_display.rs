// The program's own `impl fmt::Display`: `{}` runs its `fmt`, whose
// `write!`s write piece by piece into the destination; `to_string` and
// `format!` grow their `String` by those writes (so a `Point`'s text grows
// its buffer as each piece arrives); a width at the placeholder does not
// pad what `write!` writes; an enum's `fmt` matches on its variants; one
// `Display` writes another's.
use std::fmt;

struct Point {
    x: i32,
    y: i32,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

enum Shape {
    Circle { r: f64 },
    Segment(Point, Point),
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Circle { r } => write!(f, "circle of radius {r}"),
            Shape::Segment(a, b) => {
                f.write_str("segment ")?;
                write!(f, "{a}")?;
                writeln!(f, " to {}", b)
            }
        }
    }
}

struct Name {
    first: String,
    last: String,
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} {}", self.first, self.last)
    }
}

fn main() {
    let p = Point { x: 3, y: -4 };
    println!("p = {p}");
    println!("[{:>12}]", p);
    let s = p.to_string();
    println!("{} {}", s, s.len());
    let long = Point { x: 123456, y: -7890123 };
    let t = long.to_string();
    let u = format!("at {}!", long);
    println!("{t} {u}");
    let shapes = vec![
        Shape::Circle { r: 1.5 },
        Shape::Segment(Point { x: 0, y: 0 }, Point { x: 10, y: 20 }),
    ];
    for sh in &shapes {
        print!("{}", sh);
        println!();
    }
    let n = Name {
        first: String::from("Ada"),
        last: String::from("Lovelace"),
    };
    let boxed = Box::new(n);
    let whole = boxed.to_string();
    println!("{boxed} / {whole}");
}
