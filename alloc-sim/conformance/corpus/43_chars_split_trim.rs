// str methods: chars, split, split_whitespace, trim, find, starts_with.
fn main() {
    let line = "  name = allocscope ; version = 3  ";
    let trimmed = line.trim();
    println!("[{}]", trimmed);
    for part in trimmed.split(';') {
        let kv: Vec<&str> = part.split('=').map(|s| s.trim()).collect();
        println!("{} => {}", kv[0], kv[1]);
    }
    let vowels = trimmed.chars().filter(|c| "aeiou".contains(*c)).count();
    println!("vowels {}", vowels);
    println!("words {}", trimmed.split_whitespace().count());
    println!(
        "find: {:?}, starts: {}",
        trimmed.find("ver"),
        trimmed.starts_with("name")
    );
}
