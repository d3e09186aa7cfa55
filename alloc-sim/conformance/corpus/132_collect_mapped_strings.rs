// `collect::<Vec<_>>()` of a `map` whose closure makes a `String`: the
// Vec's block is made first, for exactly the length the slice's iterator
// knows, then each `String` as its item is pulled.
fn main() {
    let v = vec![1u64, 20, 300];
    let parts = v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let tags = v.iter().map(|x| format!("#{x}")).collect::<Vec<_>>();
    let shout: Vec<_> = ["a", "b"].iter().map(|s| s.to_uppercase()).collect();
    println!("{} {:?} {:?}", parts.join(","), tags, shout);
}
