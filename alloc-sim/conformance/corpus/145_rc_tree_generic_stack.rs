// A tree of Rc<RefCell<Node>> summed by recursion, a generic Stack<T> over
// a Vec, a Vec<Vec<u8>> flattened, chars reversed into a String, an
// iterator partitioned into two Vecs (each grown by pushes from nothing),
// and sort_by with a chained ordering.
use std::rc::Rc;
use std::cell::RefCell;

#[derive(Debug)]
struct Node { val: i32, children: Vec<Rc<RefCell<Node>>> }

impl Node {
    fn new(val: i32) -> Rc<RefCell<Node>> { Rc::new(RefCell::new(Node { val, children: vec![] })) }
}

fn sum(n: &Rc<RefCell<Node>>) -> i32 {
    let node = n.borrow();
    node.val + node.children.iter().map(|c| sum(c)).sum::<i32>()
}

struct Stack<T> { items: Vec<T> }
impl<T: Clone + std::fmt::Debug> Stack<T> {
    fn new() -> Self { Stack { items: Vec::new() } }
    fn push(&mut self, t: T) { self.items.push(t); }
    fn pop(&mut self) -> Option<T> { self.items.pop() }
    fn peek(&self) -> Option<&T> { self.items.last() }
    fn len(&self) -> usize { self.items.len() }
}

fn main() {
    let root = Node::new(1);
    for i in 2..5 {
        let child = Node::new(i);
        child.borrow_mut().children.push(Node::new(i * 10));
        root.borrow_mut().children.push(Rc::clone(&child));
    }
    println!("sum = {}", sum(&root));
    println!("rc = {}", Rc::strong_count(&root));
    let mut s: Stack<String> = Stack::new();
    for w in ["a", "bb", "ccc"] { s.push(w.repeat(2)); }
    println!("{:?} {}", s.peek(), s.len());
    while let Some(x) = s.pop() { print!("{x};"); }
    println!();
    let mut grid = vec![vec![0u8; 4]; 3];
    grid[1][2] = 7;
    let flat: Vec<u8> = grid.into_iter().flatten().collect();
    println!("{:?}", flat);
    let text = String::from("hello world");
    let caps: String = text.chars().rev().filter(|c| !c.is_whitespace()).collect();
    println!("{caps} {}", caps.len());
    let nums = [3, 1, 4, 1, 5, 9, 2, 6];
    let (even, odd): (Vec<i32>, Vec<i32>) = nums.iter().partition(|&&x| x % 2 == 0);
    println!("{:?} {:?}", even, odd);
    let max = nums.iter().copied().max().unwrap_or(0);
    let pos = nums.iter().position(|&x| x == max);
    println!("{max} at {:?}", pos);
    let mut words = vec!["pear", "apple", "fig"];
    words.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    println!("{}", words.join("/"));
}
