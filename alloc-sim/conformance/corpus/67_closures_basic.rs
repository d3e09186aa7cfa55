// Closures: borrowing, `move`, FnMut, generic and boxed closures.
fn apply<F: Fn(i32) -> i32>(f: F, x: i32) -> i32 {
    f(x)
}

fn make_adder(n: i32) -> impl Fn(i32) -> i32 {
    move |x| x + n
}

fn main() {
    let factor = 3;
    let times = |x: i32| x * factor; // borrows factor
    println!("times(7) = {}", times(7));
    let name = String::from("closure");
    let greet = move || format!("hi from {}", name); // owns name
    println!("{}", greet());
    let mut count = 0;
    let mut bump = || {
        count += 1;
        count
    };
    bump();
    bump();
    println!("bumped to {}", bump());
    println!("count {}", count);
    println!("apply = {}", apply(|x| x - 1, 10));
    println!("apply times = {}", apply(times, 5));
    let add5 = make_adder(5);
    println!("add5(1) = {}", add5(1));
    let mut ops: Vec<Box<dyn Fn(i32) -> i32>> = Vec::new();
    ops.push(Box::new(|x| x * 2)); // no captures: the Box allocates nothing
    ops.push(Box::new(move |x| x + factor));
    ops.push(Box::new(make_adder(100)));
    let mut v = 1;
    for op in &ops {
        v = op(v);
        println!("v = {}", v);
    }
}
