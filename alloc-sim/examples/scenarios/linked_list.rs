// A linked list of boxed nodes: each push allocates one Box, holding the
// node (its value and the pointer to the next). Walking the list borrows
// it; dropping the head drops the whole chain, node by node.
struct Node {
    value: u32,
    next: Option<Box<Node>>,
}

fn push(head: Option<Box<Node>>, value: u32) -> Option<Box<Node>> {
    Some(Box::new(Node { value, next: head }))
}

fn sum(list: &Option<Box<Node>>) -> u32 {
    let mut total = 0;
    let mut cursor = list;
    while let Some(node) = cursor {
        total += node.value;
        cursor = &node.next;
    }
    total
}

fn main() {
    let mut list = None;
    for v in 1..=4 {
        list = push(list, v * 10);
    }
    println!("sum = {}", sum(&list));
}
