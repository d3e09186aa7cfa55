// Weak: a pointer that does not keep the value alive; upgrade may fail.
use std::rc::{Rc, Weak};

fn main() {
    let strong = Rc::new(String::from("shared"));
    let weak: Weak<String> = Rc::downgrade(&strong);
    println!("upgrade: {:?}", weak.upgrade());
    println!(
        "strong {} weak {}",
        Rc::strong_count(&strong),
        Rc::weak_count(&strong)
    );
    drop(strong);
    println!("after drop: {:?}", weak.upgrade());
}
