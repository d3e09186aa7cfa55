// A struct with methods in an `impl` block: a constructor, &self, &mut self.
struct Counter {
    name: String,
    count: u32,
}

impl Counter {
    fn new(name: &str) -> Counter {
        Counter {
            name: name.to_string(),
            count: 0,
        }
    }

    fn bump(&mut self, by: u32) {
        self.count += by;
    }

    fn report(&self) -> String {
        format!("{} = {}", self.name, self.count)
    }
}

fn main() {
    let mut c = Counter::new("clicks");
    c.bump(3);
    c.bump(4);
    println!("{}", c.report());
}
