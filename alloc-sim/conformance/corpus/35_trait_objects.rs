// Vec<Box<dyn Trait>>: boxes of different sizes behind one pointer type.
trait Animal {
    fn name(&self) -> String;
    fn legs(&self) -> u32;
}

struct Bird;
struct Dog {
    age: u64,
}

impl Animal for Bird {
    fn name(&self) -> String {
        "bird".to_string()
    }
    fn legs(&self) -> u32 {
        2
    }
}

impl Animal for Dog {
    fn name(&self) -> String {
        format!("dog aged {}", self.age)
    }
    fn legs(&self) -> u32 {
        4
    }
}

fn main() {
    let zoo: Vec<Box<dyn Animal>> = vec![
        Box::new(Dog { age: 3 }),
        Box::new(Bird),
        Box::new(Dog { age: 9 }),
    ];
    let mut legs = 0;
    for a in &zoo {
        println!("{}", a.name());
        legs += a.legs();
    }
    println!("{} legs", legs);
}
