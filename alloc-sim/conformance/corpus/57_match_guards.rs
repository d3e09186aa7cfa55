// match on numbers with ranges, alternatives and guards.
fn classify(n: i32) -> &'static str {
    match n {
        i32::MIN..=-1 => "negative",
        0 => "zero",
        1 | 2 | 3 => "small",
        x if x % 2 == 0 => "even",
        _ => "odd",
    }
}

fn main() {
    for n in [-5, 0, 2, 10, 11] {
        println!("{} is {}", n, classify(n));
    }
}
