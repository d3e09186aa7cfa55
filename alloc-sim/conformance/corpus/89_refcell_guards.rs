// RefCell's borrow guards and Cell: borrows checked at run time, given back
// when the guard is dropped.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Debug)]
struct Account {
    owner: String,
    history: Vec<i64>,
}

fn main() {
    let hits = Cell::new(0u32);
    let queue = RefCell::new(Vec::new());
    for i in 0..6 {
        queue.borrow_mut().push(i * 3);
        hits.set(hits.get() + 1);
    }
    if queue.borrow().len() > 4 {
        queue.borrow_mut().push(100);
    }
    {
        let held = queue.borrow_mut();
        println!("while held: {:?} (len {})", queue, held.len());
    }
    println!("after: {:?}", queue);
    let mut total = 0;
    while let Some(x) = queue.borrow_mut().pop() {
        total += x;
        hits.set(hits.get() + 1);
    }
    println!("total {} hits {:?} taken {}", total, hits, hits.take());
    let shared = Rc::new(RefCell::new(Account {
        owner: String::from("ada"),
        history: Vec::new(),
    }));
    let teller = Rc::clone(&shared);
    for amount in [50, -20, 35] {
        teller.borrow_mut().history.push(amount);
    }
    shared.borrow_mut().owner.push_str(" lovelace");
    let balance: i64 = shared.borrow().history.iter().sum();
    println!("{} has {} after {:?}", shared.borrow().owner, balance, teller.borrow().history);
    let counter = Rc::new(RefCell::new(10));
    *counter.borrow_mut() += 5;
    let copy = *counter.borrow();
    println!("counter {} copy {} {:?}", counter.borrow(), copy, counter);
    let old = queue.replace(vec![7, 8, 9]);
    println!("old {:?} now {:?}", old, queue.borrow());
    drop(teller);
    match Rc::try_unwrap(shared) {
        Ok(cell) => println!("alone: {:?}", cell.borrow()),
        Err(_) => println!("still shared"),
    }
}
