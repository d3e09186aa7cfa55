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
    // Names the body binds itself are not captures, even when an outer
    // variable has the same name: these two capture nothing.
    let (a, v) = (100u64, 200u64);
    let own_names: Box<dyn Fn() -> u64> = Box::new(move || {
        let (a, b) = (1u64, 2u64);
        let mut t = a + b;
        for v in 0..3u64 {
            t += v;
        }
        t
    });
    let nested: Box<dyn Fn() -> u64> = Box::new(|| [1u64, 2].iter().map(|v| v * 2).sum());
    println!("{} {} {} {}", own_names(), nested(), a, v);
    let mut total = 0;
    let mut add = |x: u64| total += x;
    add(3);
    add(4);
    println!("total {}", total);
}
