// A generic `Stack<T>` with `impl<T: Display>` methods, `Option<&T>`
// from `peek`, `while let` draining with `pop`, a trait-bounded
// `largest` function, and `impl Iterator` returned from a function.
use std::fmt::Display;

struct Stack<T> {
    items: Vec<T>,
}

impl<T: Display> Stack<T> {
    fn new() -> Self { Stack { items: Vec::new() } }
    fn push(&mut self, t: T) { self.items.push(t); }
    fn pop(&mut self) -> Option<T> { self.items.pop() }
    fn peek(&self) -> Option<&T> { self.items.last() }
    fn len(&self) -> usize { self.items.len() }
    fn show(&self) -> String {
        let parts: Vec<String> = self.items.iter().map(|i| format!("<{}>", i)).collect();
        parts.concat()
    }
}

fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T {
    let mut best = xs[0];
    for &x in xs {
        if x > best { best = x; }
    }
    best
}

fn evens(limit: u32) -> impl Iterator<Item = u32> {
    (0..limit).filter(|n| n % 2 == 0)
}

fn main() {
    let mut s: Stack<String> = Stack::new();
    for w in "to be or not".split(' ') {
        s.push(w.to_string());
    }
    println!("{} items, top {:?}, {}", s.len(), s.peek(), s.show());
    while let Some(top) = s.pop() {
        if top == "be" { break; }
        println!("popped {}", top);
    }
    println!("left {}", s.show());
    let mut nums = Stack::new();
    nums.push(3.5);
    nums.push(1.25);
    println!("{}", nums.show());
    println!("{} {} {}", largest(&[3, 9, 2]), largest(&[1.5, 0.5]), largest(&['x', 'b']));
    let e: Vec<u32> = evens(10).collect();
    println!("{:?} sum {}", e, evens(7).sum::<u32>());
}
