// Drop order, watched in the heap: each `Noisy` prints when its `drop`
// runs, and the call log shows its name's buffer freed right after, as
// its fields go. Locals go last declared first; a Vec drops its elements
// front to back, then frees its buffer; a moved value is dropped once,
// where it ends up. `Stack<T>` is generic: `Stack<Noisy>` here.
struct Noisy {
    name: String,
}

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("dropping {}", self.name);
    }
}

struct Stack<T> {
    items: Vec<T>,
}

impl<T> Stack<T> {
    fn new() -> Self {
        Stack { items: Vec::new() }
    }

    fn push(&mut self, item: T) {
        self.items.push(item);
    }
}

fn noisy(name: &str) -> Noisy {
    Noisy {
        name: name.to_string(),
    }
}

fn main() {
    let first = noisy("first");
    let mut stack = Stack::new();
    stack.push(noisy("bottom"));
    stack.push(noisy("top"));
    let moved = first;
    {
        let _inner = noisy("inner");
        println!("leaving the block");
    }
    println!("end of main, {} on the stack", stack.items.len());
    let _ = &moved;
}
