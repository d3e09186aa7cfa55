// split_off allocates the tail as a new Vec; append moves another Vec in.
fn main() {
    let mut a: Vec<u16> = vec![1, 2, 3, 4, 5, 6];
    let tail = a.split_off(4);
    println!("a {:?} tail {:?}", a, tail);
    let mut b: Vec<u16> = vec![10, 20];
    a.append(&mut b);
    println!("a {:?} b {:?} (b capacity {})", a, b, b.capacity());
    let mut t = tail;
    t.extend(a.iter());
    println!("t {:?}", t);
}
