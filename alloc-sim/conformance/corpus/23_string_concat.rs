// Building Strings: to_string, + with &str, += and push.
fn main() {
    let a = 42.to_string();
    let b = String::from("answer: ") + &a;
    let mut c = b.clone();
    c += "!";
    c.push('?');
    let d = "x".to_string() + "y" + "z";
    println!("{} | {} | {} | {}", a, b, c, d);
    println!("{} {}", c.len(), d.len());
}
