// A generic singly linked list in the textbook shape: `List<T>` owns an
// `Option<Box<Node<T>>>`, each node its value and the next; `T` comes from
// the first push (`List::new()` says nothing of it), and `Box<Node<T>>` is
// laid out for it (32 bytes for a `String`, 16 for an `i32`).
struct Node<T> {
    val: T,
    next: Option<Box<Node<T>>>,
}

struct List<T> {
    head: Option<Box<Node<T>>>,
    len: usize,
}

impl<T> List<T> {
    fn new() -> Self {
        List { head: None, len: 0 }
    }

    fn push(&mut self, val: T) {
        let old = self.head.take();
        self.head = Some(Box::new(Node { val, next: old }));
        self.len += 1;
    }

    fn pop(&mut self) -> Option<T> {
        self.head.take().map(|n| {
            self.head = n.next;
            self.len -= 1;
            n.val
        })
    }

    fn peek(&self) -> Option<&T> {
        self.head.as_ref().map(|n| &n.val)
    }
}

fn main() {
    let mut l = List::new();
    l.push(String::from("a"));
    l.push(String::from("bb"));
    l.push(String::from("ccc"));
    println!("{} {:?}", l.len, l.peek());
    if let Some(v) = l.pop() {
        println!("{v}");
    }

    let mut n = List::new();
    for i in 0..4 {
        n.push(i);
    }
    let mut sum = 0;
    while let Some(v) = n.pop() {
        sum += v;
    }
    println!("{sum} {}", n.len);
}
