// mem::take and mem::replace on a struct's fields and a Vec's element:
// the old value moves out whole (its buffer with it), the default that
// replaces it allocates nothing.
use std::collections::HashMap;
use std::mem;

struct Inbox {
    messages: Vec<String>,
    seen: HashMap<u32, u32>,
    count: u32,
}

fn main() {
    let mut inbox = Inbox { messages: Vec::new(), seen: HashMap::new(), count: 0 };
    for i in 0..3 {
        inbox.messages.push(format!("message {i}"));
        inbox.seen.insert(i, i * 10);
        inbox.count += 1;
    }
    let taken = mem::take(&mut inbox.messages);
    let old_seen = mem::take(&mut inbox.seen);
    let old_count = mem::replace(&mut inbox.count, 0);
    println!("{} taken, {} left, {} seen, count was {}", taken.len(), inbox.messages.len(), old_seen.len(), old_count);
    let mut names = vec![String::from("a"), String::from("b")];
    let first = mem::replace(&mut names[0], String::from("z"));
    println!("{first} {:?}", names);
    let mut x = String::from("left");
    let mut y = String::from("right side");
    mem::swap(&mut x, &mut y);
    println!("{x} {y}");
}
