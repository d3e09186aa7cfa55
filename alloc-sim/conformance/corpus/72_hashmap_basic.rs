// HashMap<u32, u32>: inserts past several growth points, lookups, removal.
use std::collections::HashMap;

fn main() {
    let mut squares: HashMap<u32, u32> = HashMap::new();
    println!("new: len {} capacity {}", squares.len(), squares.capacity());
    for i in 0..40 {
        squares.insert(i, i * i);
    }
    println!("len {}", squares.len());
    println!("get 7 {:?}, get 40 {:?}", squares.get(&7), squares.get(&40));
    println!("contains 39 {}", squares.contains_key(&39));
    println!("insert again {:?}", squares.insert(3, 1000));
    println!("remove 3 {:?}", squares.remove(&3));
    println!("remove 3 again {:?}", squares.remove(&3));
    println!("len {} contains 3 {}", squares.len(), squares.contains_key(&3));
    let mut small: HashMap<u32, u32> = HashMap::with_capacity(10);
    let cap = small.capacity();
    for i in 0..10 {
        small.insert(i, i + 1);
    }
    println!("small: len {} grew {}", small.len(), small.capacity() != cap);
    println!("small[&9] = {}", small[&9]);
}
