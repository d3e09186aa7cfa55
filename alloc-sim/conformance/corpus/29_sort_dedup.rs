// sort, sort_by and dedup rearrange a Vec in place (small sorts need no heap).
fn main() {
    let mut v = vec![5, 3, 8, 3, 1, 8, 8, 2];
    v.sort();
    println!("sorted {:?}", v);
    v.dedup();
    println!("dedup {:?} (capacity {})", v, v.capacity());
    v.sort_by(|a, b| b.cmp(a));
    println!("descending {:?}", v);
    let mut words = vec!["pear", "fig", "banana", "kiwi"];
    words.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    println!("{:?}", words);
}
