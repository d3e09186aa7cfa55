// `Formatter`'s builders in the program's own `fmt`: `debug_struct` with
// `field` and `finish` or `finish_non_exhaustive`, `debug_tuple`, and
// `debug_list` with `entry` (a linked list walked node by node) and
// `entries`, each writing what std's do, write by write, in `{:?}` and
// in `{:#?}`; a field of a type with its own `Debug` shown by it.
use std::fmt;
struct Point { x: i32, y: i32 }
impl fmt::Debug for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Pt").field("x", &self.x).field("y", &self.y).finish()
    }
}
struct Pair(u8, String);
impl fmt::Debug for Pair {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_tuple("Pair").field(&self.0).field(&self.1).finish()
    }
}
struct Node { value: u32, next: Option<Box<Node>> }
struct List { head: Option<Box<Node>>, len: usize }
impl fmt::Debug for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        let mut cur = &self.head;
        while let Some(node) = cur {
            list.entry(&node.value);
            cur = &node.next;
        }
        list.finish()
    }
}
struct Bag { items: Vec<Point>, secret: u8 }
impl fmt::Debug for Bag {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Bag").field("items", &self.items).finish_non_exhaustive()
    }
}
struct Row { cells: Vec<u16> }
impl fmt::Debug for Row {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_list().entries(self.cells.iter()).finish()
    }
}
fn main() {
    let p = Point { x: 1, y: -2 };
    println!("{:?}", p);
    println!("{:#?}", p);
    let q = Pair(7, String::from("seven"));
    println!("{:?} {:#?}", q, q);
    let mut list = List { head: None, len: 0 };
    for v in [3, 2, 1] {
        list.head = Some(Box::new(Node { value: v, next: list.head.take() }));
        list.len += 1;
    }
    println!("{:?} ({} nodes)", list, list.len);
    println!("{:#?}", list);
    let bag = Bag { items: vec![Point { x: 0, y: 0 }, Point { x: 5, y: 5 }], secret: 9 };
    println!("{:?}", bag);
    println!("{:#?}", bag);
    let shown = format!("{:?}", bag);
    println!("{} {}", shown.len(), bag.secret);
    let r = Row { cells: vec![1, 2, 3] };
    println!("{:?} {:#?}", r, Some(&r));
    let empty = Row { cells: Vec::new() };
    println!("{:?} {:#?}", empty, empty);
}
