// Arrays and `vec!`s of heap values take their element type from a
// declared type or from any element that shows one: `[vec![1u16],
// vec![5]]` holds two `Vec<u16>`s, and `vec![vec![1u16], vec![5, 6]]`
// allocates its own buffer first and builds the inner ones into it, as
// `vec!`'s `box [a, b]` does.
fn main() {
    let a: [Vec<u8>; 2] = [vec![1], vec![2, 3]];
    println!("{:?} {}", a, a[1].len());
    let b: [String; 2] = [String::from("x"), String::from("yz")];
    println!("{:?}", b);
    let c = [vec![1u16], vec![5]];
    println!("{:?}", c);
    let d = vec![vec![1u16], vec![5, 6]];
    println!("{:?}", d);
    let e = [1u8, 2, 3];
    let f: [Option<Vec<u8>>; 2] = [Some(vec![4]), None];
    println!("{:?} {:?}", e, f);
}
