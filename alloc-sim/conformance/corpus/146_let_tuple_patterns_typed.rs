// Tuple patterns with a written type: the type guides what the right side
// makes (partition into Vec<u8>, Vec<&u8>, Vec<String>) and is checked
// against it (a tuple of literals element by element, before the run).
fn main() {
    let (a, b): (i32, i32) = (1, 2);
    println!("{a} {b}");
    let v = vec![1u8, 2, 3];
    let (a, b): (Vec<u8>, Vec<u8>) = v.iter().partition(|&&x| x > 1);
    println!("{a:?} {b:?}");
    let (c, d): (Vec<&u8>, Vec<&u8>) = v.iter().partition(|x| **x > 2);
    println!("{c:?} {d:?}");
    let (e, f): (Vec<String>, Vec<String>) = ["a", "bb", "ccc"].iter().map(|s| s.to_string()).partition(|s| s.len() % 2 == 1);
    println!("{e:?} {f:?}");
    let nums = [3, 1, 4, 1, 5, 9, 2, 6];
    let (even, odd) = nums.iter().partition::<Vec<&i32>, _>(|&&x| x % 2 == 0);
    println!("{:?} {:?}", even, odd);
}
