// Recursion: factorial and Fibonacci calling themselves.
fn factorial(n: u64) -> u64 {
    if n == 0 {
        1
    } else {
        n * factorial(n - 1)
    }
}

fn fib(n: u32) -> u32 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

fn main() {
    println!("10! = {}", factorial(10));
    for i in 0..10 {
        println!("fib({}) = {}", i, fib(i));
    }
}
