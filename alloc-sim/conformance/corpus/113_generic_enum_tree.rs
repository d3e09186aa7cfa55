// A generic binary search tree: `enum Tree<T>` holding `Box<Tree<T>>`,
// whose instance for `i64` is laid out for it (a `Tree<i64>` is 24 bytes,
// a `Tree<String>` 40); `insert` takes the tree by value and moves out of
// the boxes it walks through, whose memory is freed as each arm ends.
#[derive(Debug)]
enum Tree<T> {
    Leaf,
    Node(Box<Tree<T>>, T, Box<Tree<T>>),
}

impl<T: PartialOrd + Clone + std::fmt::Debug> Tree<T> {
    fn new() -> Self {
        Tree::Leaf
    }

    fn insert(self, v: T) -> Tree<T> {
        match self {
            Tree::Leaf => Tree::Node(Box::new(Tree::Leaf), v, Box::new(Tree::Leaf)),
            Tree::Node(l, x, r) => {
                if v < x {
                    Tree::Node(Box::new(l.insert(v)), x, r)
                } else {
                    Tree::Node(l, x, Box::new(r.insert(v)))
                }
            }
        }
    }

    fn walk(&self, out: &mut Vec<T>) {
        if let Tree::Node(l, x, r) = self {
            l.walk(out);
            out.push(x.clone());
            r.walk(out);
        }
    }

    fn depth(&self) -> usize {
        match self {
            Tree::Leaf => 0,
            Tree::Node(l, _, r) => 1 + l.depth().max(r.depth()),
        }
    }
}

fn main() {
    let mut t = Tree::new();
    for v in [50i64, 20, 80, 10, 30, 70] {
        t = t.insert(v);
    }
    let mut out = Vec::new();
    t.walk(&mut out);
    println!("{:?} depth {}", out, t.depth());

    let mut names: Tree<String> = Tree::Leaf;
    for n in ["kiwi", "apple", "pear"] {
        names = names.insert(n.to_string());
    }
    let mut sorted = Vec::new();
    names.walk(&mut sorted);
    println!("{:?}", sorted);
    let single = Tree::Leaf.insert(3u8);
    println!("{:?}", single);
}
