// Enums with a `#[repr]`: the tag is the written integer, the fields keep
// their declared order, and `Option` finds its `None` in the tag's unused
// values (for `#[repr(i8)] { Low = -3, High = 100 }` rustc 1.95 keeps 100
// to 253 as the tag's valid range and names `None` 254). Each `Vec`'s
// block is sized by the layouts.
use std::mem::size_of;

#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq)]
enum Level {
    Low = 1,
    High = 200,
}

#[repr(i8)]
#[derive(Clone, Copy, Debug)]
enum Temp {
    Cold = -3,
    Hot = 100,
}

#[repr(u16)]
#[derive(Debug)]
enum Packet {
    Ping,
    Data(u8, u32),
    Close(u16),
}

#[repr(C)]
#[derive(Debug)]
enum Shape {
    Dot,
    Line(u8, u64),
}

fn main() {
    println!("Level {} Option<Level> {}", size_of::<Level>(), size_of::<Option<Level>>());
    println!("Packet {} Option<Packet> {}", size_of::<Packet>(), size_of::<Option<Packet>>());
    println!("Shape {} Option<Shape> {}", size_of::<Shape>(), size_of::<Option<Shape>>());
    println!("High as u8 = {}, Cold as i8 = {}", Level::High as u8, Temp::Cold as i8);

    let mut levels: Vec<Option<Level>> = Vec::with_capacity(3);
    levels.push(Some(Level::Low));
    levels.push(None);
    levels.push(Some(Level::High));
    levels.push(Some(Level::Low));
    let highs = levels.iter().filter(|l| **l == Some(Level::High)).count();
    println!("{} levels, {} high", levels.len(), highs);

    let temps = vec![Some(Temp::Cold), None, Some(Temp::Hot)];
    println!("{:?}", temps);

    let packets = vec![Packet::Ping, Packet::Data(7, 4096), Packet::Close(3)];
    for p in &packets {
        match p {
            Packet::Data(kind, len) => println!("data {kind} of {len}"),
            Packet::Close(code) => println!("close {code}"),
            other => println!("{:?}", other),
        }
    }

    let shapes: Vec<Option<Shape>> = vec![Some(Shape::Line(2, 9)), None, Some(Shape::Dot)];
    if let Some(Shape::Line(width, length)) = &shapes[0] {
        println!("{} shapes, the first a line {width} wide, {length} long", shapes.len());
    }
}
