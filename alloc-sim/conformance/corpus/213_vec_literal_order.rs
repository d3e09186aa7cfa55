// `vec![a, b]` is std's `box_new([a, b])` made into a Vec: the buffer is
// allocated before the elements are built into it, whatever builds them:
// a function of the program, an associated function, a `clone`. A heap
// `E` of a declared `Result<T, E>` types what `Err(…)` holds.
#[derive(Debug, Clone)]
struct Node {
    name: String,
}

impl Node {
    fn new(name: &str) -> Self {
        Node { name: name.to_string() }
    }
}

fn word(s: &str) -> String {
    String::from(s)
}

fn main() {
    let v = vec![word("one"), word("two")];
    let w: Vec<String> = vec![word("three"), word("four")];
    let n = vec![vec![1u8], vec![2, 3]];
    let b = vec![Box::new(5u64), Box::new(6)];
    let e: Result<i32, Vec<u8>> = Err(vec![1, 2]);
    let o = Some(5).ok_or(vec![1u16, 2, 3]);
    println!("{} {} {} {} {:?} {:?}", v.len(), w.len(), n.len(), b.len(), e, o);
    let nodes = vec![Node::new("a"), Node::new("bb")];
    let s = String::from("copy");
    let copies = vec![s.clone(), s.clone(), s];
    let again = vec![nodes[0].clone()];
    let first = &copies[0];
    let lent = vec![first.clone()];
    println!("{:?} {:?} {:?} {:?}", nodes, copies, again, lent);
}
