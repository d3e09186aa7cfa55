// A struct owning a Vec: the struct lives on the stack, its items on the heap.
struct Inventory {
    items: Vec<String>,
    limit: usize,
}

impl Inventory {
    fn add(&mut self, item: &str) -> bool {
        if self.items.len() >= self.limit {
            return false;
        }
        self.items.push(item.to_string());
        true
    }
}

fn main() {
    let mut inv = Inventory {
        items: Vec::new(),
        limit: 3,
    };
    for item in ["sword", "shield", "potion", "map"] {
        let ok = inv.add(item);
        println!("add {}: {}", item, ok);
    }
    println!("{:?}", inv.items);
}
