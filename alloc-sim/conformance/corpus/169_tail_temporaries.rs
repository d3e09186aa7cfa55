// Rust 2021: the temporaries of a block's last expression are dropped
// after the block's own bindings (Rust 2024 drops them first): a
// function's tail, a nested block's, a loop body's and a closure's.
fn make(s: &str) -> String {
    String::from(s)
}

fn total() -> usize {
    let v = vec![1u8, 2, 3];
    make("tail").len() + v.len()
}

fn main() {
    let n = total();
    let m = {
        let w = vec![0u16; 4];
        make("inner").len() + w.len()
    };
    let mut k = 0;
    for i in 0..2usize {
        let b = Box::new(i);
        k += make("loop").len() + *b
    }
    let f = |x: usize| {
        let s = x.to_string();
        make(&s).len()
    };
    println!("{n} {m} {k} {}", f(42));
}
