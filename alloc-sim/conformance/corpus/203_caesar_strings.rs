// String exercises: a Caesar cipher over `chars()` collected into a
// `String`, a palindrome check comparing with a `rev`ersed copy,
// capitalising words with `split`, `push` and `push_str`, counting vowels
// with `str::contains`, and words joined back to front with `+=`.
fn shift(c: char, k: u8) -> char {
    if c.is_ascii_lowercase() {
        (((c as u8 - b'a' + k) % 26) + b'a') as char
    } else if c.is_ascii_uppercase() {
        (((c as u8 - b'A' + k) % 26) + b'A') as char
    } else {
        c
    }
}

fn caesar(text: &str, k: u8) -> String {
    text.chars().map(|c| shift(c, k)).collect()
}

fn is_palindrome(s: &str) -> bool {
    let clean: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    let back: Vec<char> = clean.iter().rev().cloned().collect();
    clean == back
}

fn capitalise(s: &str) -> String {
    let mut out = String::new();
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut cs = w.chars();
        if let Some(first) = cs.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(cs.as_str());
        }
    }
    out
}

fn main() {
    let secret = caesar("Hello, World!", 3);
    println!("{} -> {}", secret, caesar(&secret, 23));
    for s in ["Racecar", "A man, a plan, a canal: Panama", "rust"] {
        println!("{:?} palindrome? {}", s, is_palindrome(s));
    }
    println!("{}", capitalise("the quick brown fox"));
    let vowels = "programming in rust".chars().filter(|c| "aeiou".contains(*c)).count();
    println!("vowels {}", vowels);
    let mut reversed = String::with_capacity(4);
    for w in "one two three".split_whitespace().rev() {
        reversed += w;
        reversed += " ";
    }
    println!("[{}]", reversed.trim());
}
