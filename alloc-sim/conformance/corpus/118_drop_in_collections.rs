// `Drop` of values inside collections and pointers: `truncate`, `pop`,
// assigning over an element, `remove` and `clear` each run it where std
// drops the element; an `Rc`'s value runs it when the last `Rc` goes; an
// enum's `drop` matches on itself, then its variant's fields drop; a
// generic type's `impl<T> Drop`; `let _ = (s, e)` moves both into a tuple
// dropped at once, first to last.
use std::rc::Rc;

struct Guard(u8);

impl Drop for Guard {
    fn drop(&mut self) {
        println!("guard {}", self.0);
    }
}

enum Slot {
    Empty,
    Held(Guard),
}

impl Drop for Slot {
    fn drop(&mut self) {
        match self {
            Slot::Empty => println!("slot empty"),
            Slot::Held(g) => println!("slot holding {}", g.0),
        }
    }
}

struct Stack<T> {
    items: Vec<T>,
}

impl<T> Drop for Stack<T> {
    fn drop(&mut self) {
        println!("stack of {}", self.items.len());
    }
}

fn main() {
    let mut v = vec![Guard(1), Guard(2), Guard(3), Guard(4)];
    v.truncate(3);
    let last = v.pop();
    v[0] = Guard(5);
    v.remove(0);
    println!("left {}", v.len());
    v.clear();
    drop(last);
    let shared = Rc::new(Guard(6));
    let other = Rc::clone(&shared);
    drop(shared);
    println!("one left");
    drop(other);
    let s = Slot::Held(Guard(7));
    let e = Slot::Empty;
    let st = Stack { items: vec![Guard(8), Guard(9)] };
    println!("end {}", st.items.len());
    let _ = (s, e);
}
