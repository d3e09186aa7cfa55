// A trait with a default method that implementors may override.
trait Greet {
    fn name(&self) -> String;
    fn greet(&self) -> String {
        format!("Hello, {}", self.name())
    }
}

struct English;
struct Pirate;

impl Greet for English {
    fn name(&self) -> String {
        String::from("friend")
    }
}

impl Greet for Pirate {
    fn name(&self) -> String {
        String::from("matey")
    }
    fn greet(&self) -> String {
        format!("Ahoy, {}", self.name())
    }
}

fn main() {
    println!("{}", English.greet());
    println!("{}", Pirate.greet());
}
