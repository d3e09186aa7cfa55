// Generic structs with `impl<T>`: each use with types is an instance laid
// out for them (a boxed `Pair<u8>` is 2 bytes, a `Pair<u64>` 16), `T` is
// told by an annotation, a turbofish, the values given or, for a `Vec<T>`
// field, by the first push; methods see `T` as the receiver's.
use std::fmt::Debug;

#[derive(Debug)]
struct Stack<T> {
    items: Vec<T>,
}

impl<T: Debug> Stack<T> {
    fn new() -> Self {
        Stack { items: Vec::new() }
    }

    fn with_capacity(n: usize) -> Stack<T> {
        Stack {
            items: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, x: T) {
        self.items.push(x);
    }

    fn pop(&mut self) -> Option<T> {
        self.items.pop()
    }

    fn peek(&self) -> Option<&T> {
        self.items.last()
    }

    fn len(&self) -> usize {
        self.items.len()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Pair<T> {
    a: T,
    b: T,
}

impl<T: PartialOrd + Copy> Pair<T> {
    fn new(a: T, b: T) -> Self {
        Pair { a, b }
    }

    fn largest(&self) -> T {
        if self.a > self.b {
            self.a
        } else {
            self.b
        }
    }

    fn swapped(self) -> Pair<T> {
        Pair { a: self.b, b: self.a }
    }
}

struct Entry<K, V> {
    key: K,
    value: V,
}

fn show<T: Debug>(s: &Stack<T>) {
    println!("{} items, top {:?}", s.len(), s.peek());
}

fn main() {
    let mut s = Stack::new();
    s.push(1u8);
    s.push(2);
    s.push(3);
    show(&s);
    println!("{:?} {:?}", s.pop(), s);

    let mut words: Stack<String> = Stack::new();
    words.push(String::from("alpha"));
    words.push(String::from("beta"));
    words.push(String::from("gamma"));
    words.push(String::from("delta"));
    words.push(String::from("epsilon"));
    show(&words);
    if let Some(w) = words.pop() {
        println!("popped {w}");
    }

    let mut big = Stack::<u64>::with_capacity(3);
    big.push(7);
    println!("{:?}", big);

    let p = Box::new(Pair { a: 1u8, b: 2 });
    let q = Box::new(Pair::new(3.5, 1.0));
    let r = Box::new(Pair::new(10u64, 9));
    println!("{} {} {}", p.largest(), q.largest(), r.largest());
    let t = r.swapped();
    println!("{:?} {}", t, t == Pair { a: 9, b: 10 });

    let e = Box::new(Entry {
        key: 7u16,
        value: String::from("seven"),
    });
    println!("{} {}", e.key, e.value);
    let entries: Vec<Entry<u8, u32>> = vec![Entry { key: 1, value: 10 }, Entry { key: 2, value: 20 }];
    println!("{}", entries.iter().map(|e| e.value).sum::<u32>() + entries[1].key as u32);
}
