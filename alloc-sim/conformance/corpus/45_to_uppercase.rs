// Case changes allocate new Strings; char methods do not.
fn main() {
    let s = "Hello, Wörld";
    let up = s.to_uppercase();
    let low = s.to_lowercase();
    println!("{} / {}", up, low);
    let c = 'q';
    println!(
        "{} {} {}",
        c.is_alphabetic(),
        c.to_ascii_uppercase(),
        ('a' as u8 + 2) as char
    );
    let caps: String = s.chars().filter(|c| c.is_uppercase()).collect();
    println!("capitals: {}", caps);
    let mut title = String::new();
    for word in "the rust book".split(' ') {
        let mut cs = word.chars();
        if let Some(first) = cs.next() {
            title.push(first.to_ascii_uppercase());
            title.push_str(cs.as_str());
            title.push(' ');
        }
    }
    println!("[{}]", title.trim_end());
}
