// A binary search tree of `Option<Box<Node>>`: recursive insert,
// in-order traversal into a `Vec`, depth, and a sum by recursion; plus a
// recursive string-building function.
#[derive(Debug)]
struct Node {
    value: i32,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

fn insert(node: &mut Option<Box<Node>>, value: i32) {
    match node {
        None => *node = Some(Box::new(Node { value, left: None, right: None })),
        Some(n) => {
            if value < n.value {
                insert(&mut n.left, value);
            } else {
                insert(&mut n.right, value);
            }
        }
    }
}

fn in_order(node: &Option<Box<Node>>, out: &mut Vec<i32>) {
    if let Some(n) = node {
        in_order(&n.left, out);
        out.push(n.value);
        in_order(&n.right, out);
    }
}

fn depth(node: &Option<Box<Node>>) -> usize {
    match node {
        None => 0,
        Some(n) => 1 + depth(&n.left).max(depth(&n.right)),
    }
}

fn show(node: &Option<Box<Node>>) -> String {
    match node {
        None => ".".to_string(),
        Some(n) => format!("({} {} {})", show(&n.left), n.value, show(&n.right)),
    }
}

fn main() {
    let mut root = None;
    for v in [50, 30, 70, 20, 40, 60, 80, 35] {
        insert(&mut root, v);
    }
    let mut values = Vec::new();
    in_order(&root, &mut values);
    println!("{:?}", values);
    println!("depth {}", depth(&root));
    println!("{}", show(&root));
    let evens: i32 = values.iter().filter(|v| *v % 20 == 0).sum();
    println!("evens {}", evens);
}
