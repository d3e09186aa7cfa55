// Blocks end lifetimes: bindings are dropped in reverse order, shadowed ones at scope end.
fn main() {
    let outer = String::from("outer");
    {
        let a = vec![1u8; 10];
        let b = Box::new(5u32);
        println!("inner {} {}", a.len(), b);
    }
    let x = vec![1u16, 2];
    let x = x.len() * 2;
    let shadowed = String::from("first");
    let shadowed = shadowed + " and second";
    println!("{} {} {}", outer, x, shadowed);
}
