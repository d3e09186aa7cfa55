// A tree whose children are Rc<Node> and whose parent links are Weak<Node>
// (the Rust Book's example): the Weak in the leaf keeps the branch's block
// alive after its value is dropped, until the leaf lets go. Weak pointers
// held in a Vec; upgrade after the value is gone gives None.
use std::cell::RefCell;
use std::rc::{Rc, Weak};

#[derive(Debug)]
struct Node {
    value: u32,
    parent: RefCell<Weak<Node>>,
    children: RefCell<Vec<Rc<Node>>>,
}

fn main() {
    println!("{}", std::mem::size_of::<Node>());
    let leaf = Rc::new(Node { value: 3, parent: RefCell::new(Weak::new()), children: RefCell::new(vec![]) });
    println!("leaf parent = {:?}", leaf.parent.borrow().upgrade().map(|p| p.value));
    {
        let branch = Rc::new(Node {
            value: 5,
            parent: RefCell::new(Weak::new()),
            children: RefCell::new(vec![Rc::clone(&leaf)]),
        });
        *leaf.parent.borrow_mut() = Rc::downgrade(&branch);
        println!("leaf parent = {:?}", leaf.parent.borrow().upgrade().map(|p| p.value));
        println!("branch strong {} weak {}", Rc::strong_count(&branch), Rc::weak_count(&branch));
        println!("leaf strong {} weak {}", Rc::strong_count(&leaf), Rc::weak_count(&leaf));
    }
    println!("leaf parent = {:?}", leaf.parent.borrow().upgrade().map(|p| p.value));
    println!("leaf strong {} weak {}", Rc::strong_count(&leaf), Rc::weak_count(&leaf));

    let shared: Vec<Rc<String>> = vec![Rc::new("one".to_string()), Rc::new("two".to_string())];
    let watchers: Vec<Weak<String>> = shared.iter().map(Rc::downgrade).collect();
    drop(shared);
    for w in &watchers {
        println!("{:?}", w.upgrade());
    }
    drop(watchers);
    println!("done");
}
