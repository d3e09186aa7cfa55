// mem::take, mem::replace and mem::swap move values without cloning.
use std::mem;

fn main() {
    let mut current = vec![1, 2, 3];
    let old = mem::take(&mut current);
    println!("old {:?} current {:?}", old, current);
    let mut name = String::from("before");
    let previous = mem::replace(&mut name, String::from("after"));
    println!("{} -> {}", previous, name);
    let mut a = vec![1u8];
    let mut b = vec![2u8, 3];
    mem::swap(&mut a, &mut b);
    println!("a {:?} b {:?}", a, b);
}
