// A small tree: children held by Rc, the parent by Weak, so dropping the
// root frees every node.
use std::cell::RefCell;
use std::rc::{Rc, Weak};

fn main() {
    let empty: Weak<Vec<u8>> = Weak::new();
    println!("empty upgrades to {:?}", empty.upgrade());
    let root = Rc::new(RefCell::new(vec![String::from("root")]));
    let child = Rc::new(RefCell::new(vec![String::from("child")]));
    let parent: Weak<RefCell<Vec<String>>> = Rc::downgrade(&root);
    let also = parent.clone();
    println!(
        "strong {} weak {} same {}",
        Rc::strong_count(&root),
        Rc::weak_count(&root),
        Rc::ptr_eq(&root, &parent.upgrade().unwrap())
    );
    if let Some(p) = parent.upgrade() {
        p.borrow_mut().push(String::from("has a child"));
        child.borrow_mut().push(format!("parent says {}", p.borrow()[1]));
    }
    println!("{:?} / {:?}", root.borrow(), child.borrow());
    drop(root);
    println!("parent gone: {}", parent.upgrade().is_none());
    drop(also);
    let kept = Rc::clone(&child);
    match Rc::try_unwrap(child) {
        Ok(_) => println!("unwrapped"),
        Err(back) => println!("{} owners, cannot unwrap", Rc::strong_count(&back)),
    }
    println!("{:?}", Rc::into_inner(kept));
}
