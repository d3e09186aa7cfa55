// A BTreeMap keeps its keys sorted: in-order iteration, get, remove, range.
use std::collections::BTreeMap;

fn main() {
    let names = [
        "zoe", "adam", "mia", "liam", "emma", "noah", "olivia", "ava", "eli", "ivy",
        "jack", "kate", "leo", "nina", "omar", "paul", "quinn", "rose", "sam", "tina",
    ];
    let mut scores: BTreeMap<String, u32> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        scores.insert(name.to_string(), (i as u32 * 37) % 100);
    }
    println!("{} players", scores.len());
    for (name, score) in &scores {
        println!("{:<7} {}", name, score);
    }
    println!("mia -> {:?}, bob -> {:?}", scores.get("mia"), scores.get("bob"));
    println!("remove zoe {:?}", scores.remove("zoe"));
    if let Some(s) = scores.get_mut("adam") {
        *s += 50;
    }
    let from = String::from("j");
    let to = String::from("o");
    for (name, score) in scores.range(from..to) {
        println!("in j..o: {} {}", name, score);
    }
    println!("first {:?}", scores.iter().next());
    println!("last {:?}", scores.iter().next_back());
}
