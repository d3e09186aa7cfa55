// Box<str> and Box<[T]> held inside other values: each is a fat pointer
// of two words (the pointer and the length, no capacity), so a Vec of them
// allocates 16 bytes an element where a Vec<String> allocates 24, and a
// struct holding them is smaller. into_boxed_str on a temporary shrinks it.
use std::alloc::Layout;

struct Named {
    id: u32,
    name: Box<str>,
    data: Box<[u16]>,
}

fn main() {
    println!("{:?}", Layout::new::<Box<str>>());
    println!("{} {} {}", std::mem::size_of::<Box<[u8]>>(), std::mem::size_of::<Option<Box<str>>>(), std::mem::size_of::<Named>());
    let names: Vec<Box<str>> = vec![Box::from("ab"), String::from("cde").into_boxed_str()];
    println!("{:?} {}", names, names.len());
    let mut s = String::with_capacity(10);
    s.push_str("shrunk");
    let boxed: Box<str> = s.into_boxed_str();
    let n = Named { id: 7, name: boxed, data: vec![1u16, 2, 3].into_boxed_slice() };
    println!("{} {} {:?}", n.id, n.name, n.data);
    let all: Vec<Named> = vec![n, Named { id: 8, name: Box::from("eight"), data: Vec::new().into_boxed_slice() }];
    for x in &all {
        println!("{} {} {}", x.id, x.name.len(), x.data.len());
    }
    let rows: Vec<Box<[u32]>> = vec![vec![1u32, 2].into_boxed_slice(), Vec::<u32>::with_capacity(4).into_boxed_slice()];
    println!("{:?}", rows);
    drop(all);
    println!("done");
}
