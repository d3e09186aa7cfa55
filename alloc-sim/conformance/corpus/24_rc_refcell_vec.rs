// Rc<RefCell<Vec<_>>>: shared ownership with mutation checked at run time.
use std::cell::RefCell;
use std::rc::Rc;

fn main() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let writer = Rc::clone(&log);
    writer.borrow_mut().push("first");
    log.borrow_mut().push("second");
    println!("owners: {}", Rc::strong_count(&log));
    drop(writer);
    println!("owners: {}", Rc::strong_count(&log));
    println!("{:?}", log.borrow());
}
