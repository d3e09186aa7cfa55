// The program's own `impl fmt::Debug`: `{:?}` and `{:#?}` run its `fmt`
// wherever a value of the type is shown: on its own, inside a `Vec`, an
// `Option` or a struct whose `Debug` is derived, and inside `{:#?}`,
// where what it writes goes through the same indenting `PadAdapter`s as
// std's; `f.alternate()` says which was asked. Its `fmt` runs when the
// value is written, so a `to_uppercase` inside it allocates between the
// pushes that grow a `format!`'s String, as in real Rust.
use std::fmt;
struct Point { x: i32, y: i32 }
impl fmt::Debug for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if f.alternate() {
            write!(f, "Point(\n{},\n{})", self.x, self.y)
        } else {
            write!(f, "<{}, {}>", self.x, self.y)
        }
    }
}
struct List { items: Vec<String> }
impl fmt::Debug for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[")?;
        for (i, s) in self.items.iter().enumerate() {
            if i > 0 { write!(f, " | ")?; }
            write!(f, "{}", s)?;
        }
        write!(f, "]")
    }
}
#[derive(Debug)]
struct Shape { name: String, corners: Vec<Point>, at: Option<Point> }
struct Tag { name: String }
impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let loud = self.name.to_uppercase();
        write!(f, "#{}", loud)
    }
}
#[derive(Debug)]
struct Post { title: String, tags: Vec<Tag> }
fn main() {
    let p = Point { x: 1, y: 2 };
    println!("{:?}", p);
    let v = vec![Point { x: 3, y: 4 }, Point { x: -5, y: 6 }];
    println!("{:?}", v);
    let s = Shape { name: String::from("tri"), corners: vec![Point { x: 0, y: 0 }], at: Some(Point { x: 9, y: 9 }) };
    println!("{:?}", s);
    println!("{:#?}", s);
    let text = format!("{:?} and {:?}", p, v);
    println!("{} ({} bytes)", text, text.len());
    let l = List { items: vec![String::from("a"), String::from("bc")] };
    let shown = format!("{:?}", l);
    println!("{}", shown);
    println!("{:#?}", vec![Some(l)]);
    let post = Post { title: String::from("hello"), tags: vec![Tag { name: String::from("rust") }, Tag { name: String::from("heap") }] };
    let s2 = format!("{:?}", post);
    println!("{}", s2);
    let p2 = format!("{:#?}", post.tags);
    println!("{}", p2);
    assert_eq!(s2.len(), 45);
}
