// Closures kept in a `Vec<Box<dyn Fn(i32) -> i32>>` and applied in turn,
// a closure capturing a `String` by move, an `FnMut` counter, and a
// function taking `impl Fn`.
fn apply_all(fs: &[Box<dyn Fn(i32) -> i32>], x: i32) -> i32 {
    fs.iter().fold(x, |acc, f| f(acc))
}

fn twice(f: impl Fn(&str) -> String, s: &str) -> String {
    let once = f(s);
    f(&once)
}

fn make_adder(n: i32) -> Box<dyn Fn(i32) -> i32> {
    Box::new(move |x| x + n)
}

fn main() {
    let factor = 3;
    let steps: Vec<Box<dyn Fn(i32) -> i32>> = vec![
        make_adder(10),
        Box::new(move |x| x * factor),
        Box::new(|x| x - 1),
    ];
    for x in [0, 5, -2] {
        println!("{} -> {}", x, apply_all(&steps, x));
    }
    let suffix = String::from("!");
    let shout = move |s: &str| format!("{}{}", s.to_uppercase(), suffix);
    println!("{}", twice(&shout, "hey"));
    let mut calls = 0;
    let mut log: Vec<String> = Vec::new();
    let mut record = |msg: &str| {
        calls += 1;
        log.push(format!("{}:{}", calls, msg));
    };
    record("start");
    record("middle");
    record("end");
    println!("{} {:?}", calls, log);
    let squares: Vec<i32> = (1..=6).map(|x| x * x).filter(|x| x % 2 == 0).collect();
    println!("{:?}", squares);
}
