// Option combinators: map, and_then, unwrap_or, filter, take.
fn half(x: u32) -> Option<u32> {
    if x % 2 == 0 {
        Some(x / 2)
    } else {
        None
    }
}

fn main() {
    let a = Some(8u32);
    println!("{:?}", a.map(|x| x + 1));
    println!("{:?}", a.and_then(half).and_then(half));
    println!("{:?}", Some(6).and_then(half).and_then(half));
    println!("{}", None.unwrap_or(5u32));
    println!("{:?}", a.filter(|x| *x > 10));
    let mut slot = Some(String::from("taken"));
    let got = slot.take();
    println!("{:?} {:?}", got, slot);
}
