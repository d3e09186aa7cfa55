// Idioms from a class's first programs: an empty float sum typed by the
// `let`, `flatten` over a grid of chars, a struct of floats ordered by
// `#[derive(PartialOrd)]`, and string patterns given as closures.
#[derive(Debug, PartialEq, PartialOrd)]
struct Point {
    x: f64,
    y: f64,
}

fn main() {
    let empty: Vec<f64> = Vec::new();
    let total: f64 = empty.iter().sum();
    let product: f64 = empty.iter().product();
    let counts = vec![3u64, 4, 5];
    let n: u64 = counts.iter().sum();
    println!("{} {} {}", total, product, n);

    let grid: Vec<Vec<char>> = vec![vec!['a', 'b'], vec!['c'], vec![]];
    let all: String = grid.iter().flatten().collect();
    let count = grid.iter().flatten().filter(|c| **c != 'b').count();
    println!("{} {}", all, count);
    let rows = vec![vec![String::from("x"), String::from("y")], vec![String::from("z")]];
    let joined: Vec<String> = rows.iter().flatten().cloned().collect();
    println!("{:?}", joined);

    let a = Point { x: 1.0, y: 5.0 };
    let b = Point { x: 1.0, y: 2.5 };
    println!("{} {} {:?}", a < b, a >= b, a.partial_cmp(&b));

    let messy = "--hello, world!--";
    let clean = messy.trim_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = messy
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let digits = "a1b22c333".replace(char::is_numeric, "#");
    println!("{} {:?} {} {}", clean, words, digits, "x9".starts_with(char::is_alphabetic));
}
