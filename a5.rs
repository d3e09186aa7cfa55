struct Counter { items: std::vec::IntoIter<u32> }
impl Iterator for Counter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> { self.items.next().map(|x| x * 2) }
}
fn main() {
    let c = Counter { items: vec![1, 2, 3].into_iter() };
    let v: Vec<u32> = c.collect();
    println!("{:?}", v);
}
