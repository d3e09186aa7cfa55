// The program's own `Display` whose `fmt` allocates (a `join`, a
// `to_uppercase`): `fmt` runs when its argument is written, after the
// destination is made, and its writes grow a `format!`'s or
// `to_string`'s `String` between its own calls, as in Rust.
use std::fmt;
use std::fmt::Write;

struct List {
    items: Vec<i32>,
}

impl fmt::Display for List {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let parts: Vec<String> = self.items.iter().map(|x| x.to_string()).collect();
        write!(f, "[{}]", parts.join(", "))
    }
}

struct Shout(String);

impl fmt::Display for Shout {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0.to_uppercase())?;
        write!(f, "!")
    }
}

struct Pair {
    left: Shout,
    right: List,
}

impl fmt::Display for Pair {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} and {}", self.left, self.right)
    }
}

fn main() {
    let list = List { items: vec![1, 22, 333] };
    println!("first: {}", list);
    let s = format!("{} has {} items", list, list.items.len());
    let t = list.to_string();
    let loud = Shout(String::from("hello"));
    let u = format!("{loud}");
    let mut out = String::new();
    write!(out, "<{}>", loud).unwrap();
    let pair = Pair { left: Shout(String::from("a")), right: List { items: vec![4, 5] } };
    let v = pair.to_string();
    println!("{s} | {t} | {u} | {out} | {v} | {pair}");
}
