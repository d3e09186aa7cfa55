// Slices borrow part of a Vec or an array: &v[a..b], no copy, no heap.
fn largest(s: &[i32]) -> i32 {
    let mut m = s[0];
    for &x in s {
        if x > m {
            m = x;
        }
    }
    m
}

fn main() {
    let v = vec![3, 9, 2, 7, 5, 1];
    let middle = &v[1..4];
    println!("middle {:?} largest {}", middle, largest(middle));
    println!("tail {:?} head {:?}", &v[4..], &v[..2]);
    let arr = [10, 20, 30];
    println!("largest in array {}", largest(&arr));
    let (left, right) = v.split_at(3);
    println!("{:?} | {:?}", left, right);
}
