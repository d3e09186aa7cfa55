// Boxed closures: Box<dyn Fn> lets closures of different types share a Vec.
fn main() {
    let offset = 100;
    let ops: Vec<Box<dyn Fn(i32) -> i32>> = vec![
        Box::new(|x| x + 1),
        Box::new(|x| x * x),
        Box::new(move |x| x + offset),
    ];
    let mut value = 3;
    for op in &ops {
        value = op(value);
        println!("{}", value);
    }
}
