// insert and remove shift the elements after them; swap_remove does not.
fn main() {
    let mut v: Vec<char> = vec!['a', 'c', 'd'];
    v.insert(1, 'b');
    v.insert(4, 'e');
    println!("{:?}", v);
    let removed = v.remove(0);
    let swapped = v.swap_remove(0);
    println!("removed {} swapped out {} -> {:?}", removed, swapped, v);
    v.truncate(1);
    println!("{:?} len {} capacity {}", v, v.len(), v.capacity());
}
