// Shared state with `Rc<RefCell<_>>`: a library whose books are shared
// between a catalogue `Vec` and borrowers' lists, `borrow_mut` to change
// a book, `Rc::strong_count` printed as handles come and go.
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug)]
struct Book { title: String, loans: u32 }

struct Member { name: String, books: Vec<Rc<RefCell<Book>>> }

impl Member {
    fn borrow_book(&mut self, book: &Rc<RefCell<Book>>) {
        book.borrow_mut().loans += 1;
        self.books.push(Rc::clone(book));
    }
    fn titles(&self) -> Vec<String> {
        self.books.iter().map(|b| b.borrow().title.clone()).collect()
    }
}

fn main() {
    let catalogue: Vec<Rc<RefCell<Book>>> = ["Dune", "Emma", "Ulysses"]
        .iter()
        .map(|t| Rc::new(RefCell::new(Book { title: t.to_string(), loans: 0 })))
        .collect();
    let mut a = Member { name: "ann".into(), books: vec![] };
    let mut b = Member { name: String::from("bo"), books: Vec::new() };
    a.borrow_book(&catalogue[0]);
    a.borrow_book(&catalogue[2]);
    b.borrow_book(&catalogue[0]);
    println!("{} has {:?}", a.name, a.titles());
    println!("{} has {:?}", b.name, b.titles());
    println!("count {}", Rc::strong_count(&catalogue[0]));
    let emma = &catalogue[1];
    emma.borrow_mut().title.push_str(" (2nd ed.)");
    drop(a);
    println!("count {}", Rc::strong_count(&catalogue[0]));
    for book in &catalogue {
        let bk = book.borrow();
        println!("{} loans={}", bk.title, bk.loans);
    }
    println!("{:?}", catalogue[0]);
}
