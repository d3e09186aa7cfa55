// The Rust Book's `Counter` (chapter 13), and two more iterators of the
// program's own: each item is what its `next` returns, and std's adapters
// and consumers pull through it. `collect` takes the first item before it
// allocates (`size_hint` is the trait's default, `(0, None)`); `find`
// borrows the counter, which goes on from where it stopped.
struct Counter {
    count: u32,
}

impl Counter {
    fn new() -> Counter {
        Counter { count: 0 }
    }
}

impl Iterator for Counter {
    type Item = u32;

    fn next(&mut self) -> Option<Self::Item> {
        if self.count < 5 {
            self.count += 1;
            Some(self.count)
        } else {
            None
        }
    }
}

// Gives its words back from the last, moving each out of its `Vec`.
struct Words {
    text: Vec<String>,
}

impl Iterator for Words {
    type Item = String;
    fn next(&mut self) -> Option<String> {
        self.text.pop()
    }
}

struct Fib {
    a: u64,
    b: u64,
}

impl Iterator for Fib {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        let r = self.a;
        self.a = self.b;
        self.b += r;
        Some(r)
    }
}

fn total(c: &mut Counter) -> u32 {
    // `&mut Counter` is an iterator too: the caller's counter is used up.
    c.take(2).sum()
}

fn main() {
    let mut counter = Counter::new();
    assert_eq!(counter.next(), Some(1));
    println!("{:?}", counter.next());
    let sum: u32 = Counter::new()
        .zip(Counter::new().skip(1))
        .map(|(a, b)| a * b)
        .filter(|x| x % 3 == 0)
        .sum();
    println!("sum = {sum}");
    let v: Vec<u32> = Counter::new().collect();
    println!("{:?}", v);
    for n in Counter::new() {
        print!("{n} ");
    }
    println!();
    let mut c = Counter::new();
    let found = c.find(|x| *x == 2);
    println!("{:?} then {:?}", found, c.next());
    println!("{} and then {:?}", total(&mut c), c.next());
    let words: Vec<String> = Counter::new().map(|n| n.to_string()).collect();
    println!("{}", words.join("-"));

    let w = Words {
        text: vec![String::from("one"), String::from("two"), String::from("three")],
    };
    let upper: Vec<String> = w.map(|s| s.to_uppercase()).collect();
    println!("{:?}", upper);
    let fibs: Vec<u64> = Fib { a: 0, b: 1 }.take(10).collect();
    println!("{:?}", fibs);
    let mut w2 = Words {
        text: vec![String::from("a"), String::from("b"), String::from("c")],
    };
    let first = w2.next();
    println!("{:?}", first);
    for (i, s) in (&mut w2).enumerate() {
        println!("{i}: {s}");
        if i == 0 {
            break;
        }
    }
    for s in w2 {
        println!("left: {s}");
    }
    let w3 = Words {
        text: vec![String::from("kept"), String::from("dropped")],
    };
    let mut it = w3.take(1);
    println!("{:?}", it.next());
    drop(it);
    let lengths: usize = Words {
        text: vec![String::from("ab"), String::from("cde")],
    }
    .map(|s| s.len())
    .sum();
    println!("{lengths}");
    println!("{:?}", Fib { a: 0, b: 1 }.find(|x| *x > 50));
}
