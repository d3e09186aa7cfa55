// A singly linked list of Option<Box<Node>>: one Box per node.
struct Node {
    value: i32,
    next: Option<Box<Node>>,
}

fn main() {
    let mut head: Option<Box<Node>> = None;
    for v in 1..5 {
        head = Some(Box::new(Node {
            value: v,
            next: head,
        }));
    }
    let mut sum = 0;
    let mut cursor = &head;
    while let Some(node) = cursor {
        println!("node {}", node.value);
        sum += node.value;
        cursor = &node.next;
    }
    println!("sum {}", sum);
}
