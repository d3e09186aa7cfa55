// A ticket queue with `VecDeque<String>`: customers join at the back,
// VIPs at the front, the clerk serves from the front; served names are
// collected in a `Vec`, and what is left is drained at the end.
use std::collections::VecDeque;

fn main() {
    let mut queue: VecDeque<String> = VecDeque::new();
    let mut served: Vec<String> = Vec::new();
    let events = ["join amy", "join ben", "vip cal", "serve", "join dan", "serve", "vip eve", "join fay", "serve"];
    for e in events.iter() {
        let parts: Vec<&str> = e.split(' ').collect();
        match parts[0] {
            "join" => queue.push_back(parts[1].to_string()),
            "vip" => queue.push_front(parts[1].to_uppercase()),
            "serve" => {
                if let Some(name) = queue.pop_front() {
                    served.push(name);
                }
            }
            _ => println!("unknown {}", e),
        }
        println!("{:<10} queue={:?}", e, queue);
    }
    println!("served: {}", served.join(" -> "));
    let rest: Vec<String> = queue.drain(..).map(|n| n + "!").collect();
    println!("left: {:?} (queue now {})", rest, queue.len());
}
