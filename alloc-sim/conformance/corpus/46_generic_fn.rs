// Generic functions: one definition, used at several types.
fn largest<T: PartialOrd + Copy>(items: &[T]) -> T {
    let mut best = items[0];
    for &x in items {
        if x > best {
            best = x;
        }
    }
    best
}

fn pair_up<A: Clone, B: Clone>(a: &A, b: &B) -> (A, B) {
    (a.clone(), b.clone())
}

fn main() {
    println!("{}", largest(&[3, 17, 5]));
    println!("{}", largest(&[1.5, -2.0]));
    println!("{}", largest(&['x', 'b', 'z']));
    let p = pair_up(&String::from("left"), &vec![1, 2]);
    println!("{:?}", p);
}
