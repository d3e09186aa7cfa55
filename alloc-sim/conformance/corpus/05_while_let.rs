// `while let` pops a Vec used as a stack until it is empty.
fn main() {
    let mut stack: Vec<u32> = Vec::new();
    for i in 1..6 {
        stack.push(i * 10);
    }
    let mut total = 0;
    while let Some(top) = stack.pop() {
        total += top;
        println!("popped {}, {} left", top, stack.len());
    }
    println!("total {}", total);
}
