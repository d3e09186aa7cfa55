// `loop` with `break value`: the loop is an expression.
fn main() {
    let mut n = 27u32;
    let mut steps = 0;
    let result = loop {
        if n == 1 {
            break steps;
        }
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    };
    println!("27 reaches 1 after {} steps", result);
    let mut i = 1;
    let first_square_over_50 = loop {
        if i * i > 50 {
            break i * i;
        }
        i += 1;
    };
    println!("first square over 50: {}", first_square_over_50);
}
