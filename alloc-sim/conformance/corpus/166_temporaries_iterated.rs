// A collection made only to be iterated (`vec![…].iter()`, a collected
// Vec's `.iter()`, an unwrapped function result's) is a temporary: dropped
// at the end of its statement, before the next line's calls.
fn make() -> Option<Vec<i32>> {
    Some(vec![1, 2, 3])
}
fn main() {
    let a: i32 = vec![1, 2].iter().sum();
    let s = String::from("x");
    let b: i32 = "1 2".split(' ').map(|x| x.parse::<i32>().unwrap()).collect::<Vec<_>>().iter().sum();
    let s2 = String::from("y");
    let c: i32 = make().unwrap().iter().sum();
    let s3 = String::from("z");
    println!("{a} {b} {c} {s} {s2} {s3}");
}
