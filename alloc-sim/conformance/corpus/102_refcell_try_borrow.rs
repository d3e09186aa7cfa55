// RefCell's try_borrow and try_borrow_mut: the borrow flag checked as
// borrow and borrow_mut check it, with an error instead of a panic. The
// guard inside the Ok gives its borrow back where it is dropped.
use std::cell::RefCell;

fn main() {
    let log = RefCell::new(vec![String::from("start")]);
    {
        let reading = log.borrow();
        println!("while reading: {:?}", log.try_borrow_mut().is_err());
        println!("another reader: {}", log.try_borrow().is_ok());
        println!("{:?}", log.try_borrow_mut().map(|_| ()));
        println!("{}", reading.len());
    }
    if let Ok(mut entries) = log.try_borrow_mut() {
        entries.push("written".to_string());
        println!("writing: {:?} {:?}", log.try_borrow().map(|_| ()), log.try_borrow_mut().is_ok());
    }
    match log.try_borrow() {
        Ok(entries) => println!("{} entries: {:?}", entries.len(), entries),
        Err(e) => println!("busy: {:?}", e),
    };
    println!("done");
}
