// chars as numbers: a Caesar cipher over ASCII letters.
fn shift(c: char, by: u8) -> char {
    if c.is_ascii_lowercase() {
        (((c as u8 - b'a' + by) % 26) + b'a') as char
    } else {
        c
    }
}

fn main() {
    let plain = "attack at dawn";
    let secret: String = plain.chars().map(|c| shift(c, 3)).collect();
    println!("{}", secret);
    let back: String = secret.chars().map(|c| shift(c, 23)).collect();
    println!("{}", back);
    println!("{}", 'A' as u32 + 1);
}
