// A boxed closure is as big as what it captures: nothing, a reference, or
// the values moved in.
fn main() {
    let n: u64 = 7;
    let name = String::from("ab");
    let none: Box<dyn Fn(u64) -> u64> = Box::new(|x| x + 1);
    let by_ref: Box<dyn Fn(u64) -> u64> = Box::new(|x| x + n);
    let moved: Box<dyn Fn(u64) -> u64> = Box::new(move |x| x * n);
    let owns: Box<dyn Fn() -> usize> = Box::new(move || name.len());
    println!("{} {} {} {}", none(1), by_ref(1), moved(2), owns());
    let mut total = 0;
    let mut add = |x: u64| total += x;
    add(3);
    add(4);
    println!("total {}", total);
}
