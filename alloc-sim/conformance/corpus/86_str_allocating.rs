// str methods that make a new String: each sizes its buffer first the way
// std does, then writes into it (a case change that lengthens the text grows it).
fn main() {
    let greeting = "Grüße, Straße";
    let up = greeting.to_uppercase();
    println!("{} ({} -> {} bytes, capacity {})", up, greeting.len(), up.len(), up.capacity());
    let low = "HELLO World".to_lowercase();
    println!("{} capacity {}", low, low.capacity());
    let line = "-".repeat(12);
    println!("{} {}", line, line.capacity());
    let dashed = "a b c d".replace(' ', "-");
    println!("{} {}", dashed, dashed.capacity());
    let longer = "one two".replace(" ", " and ");
    println!("{} {}", longer, longer.capacity());
    let shorter = "a--b--c".replace("--", "");
    println!("{} {}", shorter, shorter.capacity());
    let first = "x.x.x".replacen('.', "::", 2);
    println!("{} {}", first, first.capacity());
    let owned = String::from("MiXeD");
    let ascii = owned.to_ascii_lowercase();
    println!("{} {} {}", owned, ascii, owned.to_uppercase());
}
