// Box<str>: a String without spare capacity, shrunk when converted.
fn main() {
    let mut s = String::with_capacity(16);
    s.push_str("boxed");
    let b: Box<str> = s.into_boxed_str();
    println!("{} ({} bytes)", b, b.len());
    let direct: Box<str> = Box::from("literal");
    let again: String = direct.into_string();
    println!("{} capacity {}", again, again.capacity());
}
