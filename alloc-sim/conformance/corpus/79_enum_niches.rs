// Where an enum keeps its variant: a tag, or a value its data can never
// hold (a niche), as rustc lays it out.
#[derive(Debug)]
enum Slot {
    Empty,
    Small(u8),
    Named(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    Up,
    Down,
}

fn main() {
    println!("Slot {} Dir {}", std::mem::size_of::<Slot>(), std::mem::size_of::<Dir>());
    println!("Option<Dir> {}", std::mem::size_of::<Option<Dir>>());
    println!("Option<Box<u8>> {}", std::mem::size_of::<Option<Box<u8>>>());
    let mut slots: Vec<Slot> = Vec::new();
    slots.push(Slot::Empty);
    slots.push(Slot::Small(7));
    slots.push(Slot::Named(String::from("x")));
    for s in &slots {
        match s {
            Slot::Named(n) => println!("named {}", n),
            other => println!("{:?}", other),
        }
    }
    let dirs = vec![Dir::Up, Dir::Down, Dir::Up];
    let ups = dirs.iter().filter(|d| **d == Dir::Up).count();
    println!("ups {}", ups);
}
