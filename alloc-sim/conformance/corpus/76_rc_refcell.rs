// Rc<RefCell<Vec<i32>>> shared by two owners, and an Rc<String>.
use std::cell::RefCell;
use std::rc::Rc;

fn main() {
    let shared = Rc::new(RefCell::new(Vec::new()));
    let other = Rc::clone(&shared);
    println!("owners {}", Rc::strong_count(&shared));
    for i in 1..=5 {
        shared.borrow_mut().push(i);
        other.borrow_mut().push(i * 10);
    }
    println!("{:?} len {}", shared.borrow(), other.borrow().len());
    {
        let third = Rc::clone(&other);
        third.borrow_mut().retain(|x| x % 20 != 0);
        println!("owners inside {}", Rc::strong_count(&shared));
    }
    println!("owners after block {}", Rc::strong_count(&shared));
    drop(shared);
    println!("owners after drop {}, {:?}", Rc::strong_count(&other), other.borrow());
    let title = Rc::new(String::from("shared title"));
    let copies: Vec<Rc<String>> = (0..3).map(|_| Rc::clone(&title)).collect();
    println!("{} has {} owners", title, Rc::strong_count(&title));
    drop(copies);
    println!("{} has {} owner", title, Rc::strong_count(&title));
    let mut owned = Rc::try_unwrap(title).unwrap();
    owned.push('!');
    println!("{}", owned);
}
