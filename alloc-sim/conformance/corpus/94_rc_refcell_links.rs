// Nodes linked by Rc<RefCell<Node>>: fields read and changed through the
// guards, an Option<Rc<…>> read with as_ref, and an Rc of a Vec indexed.
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug)]
struct Node {
    value: i32,
    next: Option<Rc<RefCell<Node>>>,
}

fn main() {
    let a = Rc::new(RefCell::new(Node { value: 1, next: None }));
    let b = Rc::new(RefCell::new(Node { value: 2, next: Some(Rc::clone(&a)) }));
    a.borrow_mut().value += 10;
    println!("b -> {:?}", b.borrow().next.as_ref().map(|n| n.borrow().value));
    println!("a has {} owners", Rc::strong_count(&a));
    let total = b.borrow().value + a.borrow().value;
    println!("total {}", total);
    let shared = Rc::new(vec![1, 2, 3]);
    let s2 = shared.clone();
    println!("{} {:?} {}", shared.len(), s2, shared[1]);
}
