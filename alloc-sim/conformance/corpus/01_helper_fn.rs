// Helper functions: values in, values out, nothing on the heap.
fn square(x: i32) -> i32 {
    x * x
}

fn add(a: i32, b: i32) -> i32 {
    a + b
}

fn is_even(n: u32) -> bool {
    n % 2 == 0
}

fn main() {
    let a = square(7);
    let b = add(a, 8);
    println!("square(7) = {}", a);
    println!("add(49, 8) = {}", b);
    println!("is 10 even? {}", is_even(10));
    println!("is 7 even? {}", is_even(7));
}
