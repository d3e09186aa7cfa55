// A `move` closure takes ownership of what it captures.
fn make_greeter(greeting: String) -> impl Fn(&str) -> String {
    move |name| format!("{}, {}!", greeting, name)
}

fn main() {
    let hello = make_greeter(String::from("Hello"));
    println!("{}", hello("world"));
    println!("{}", hello("Rust"));
    let v = vec![1, 2, 3];
    let owns = move || v.len();
    println!("len {}", owns());
}
