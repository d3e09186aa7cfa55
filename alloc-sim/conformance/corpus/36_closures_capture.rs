// Closures capture their surroundings by reference, or mutably.
fn main() {
    let factor = 3;
    let scale = |x: i32| x * factor;
    println!("scale(7) = {}", scale(7));
    let mut calls = 0;
    let mut counted = |x: i32| {
        calls += 1;
        x + 1
    };
    let a = counted(1);
    let b = counted(a);
    println!("a {} b {} calls {}", a, b, calls);
    let names = vec!["x", "y"];
    let describe = || format!("{} names", names.len());
    println!("{}", describe());
}
