// A derived `PartialEq` over a field whose type has its own `eq`: the
// derived code calls that `eq` for the field (here it compares names
// case-blind, and counts its calls), field by field in order, stopping at
// the first that differs; an `Option`, a tuple and a `Vec` of such values
// compare element by element the same way.
use std::sync::atomic::{AtomicUsize, Ordering};

static CALLS: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug)]
struct Name(String);

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        CALLS.fetch_add(1, Ordering::SeqCst);
        self.0.to_lowercase() == other.0.to_lowercase()
    }
}

#[derive(Debug, PartialEq)]
struct Person {
    age: u8,
    name: Name,
}

fn main() {
    let a = Person { age: 30, name: Name(String::from("Ada")) };
    let b = Person { age: 30, name: Name(String::from("ADA")) };
    let c = Person { age: 31, name: Name(String::from("ada")) };
    println!("{} {}", a == b, a == c);
    println!("calls {}", CALLS.load(Ordering::SeqCst));
    let some = Some(Name(String::from("x")));
    println!("{}", some == Some(Name(String::from("X"))));
    let pair = (1, Name(String::from("p")));
    println!("{}", pair == (1, Name(String::from("P"))));
    let v = vec![Name(String::from("a")), Name(String::from("b"))];
    let w = vec![Name(String::from("A")), Name(String::from("c"))];
    println!("{} {}", v == w, v.contains(&Name(String::from("B"))));
    assert_eq!(a, b);
    println!("calls {}", CALLS.load(Ordering::SeqCst));
}
