// `matches!` is a `match` with two arms, and does not move what it looks
// at; `char::to_uppercase` gives an iterator of chars (`ß` gives two)
// that `collect`, `to_string` and `{}` all read.
#[derive(Debug)]
enum Token {
    Word(String),
    Number(u32),
    Space,
}

fn main() {
    let tokens = vec![
        Token::Word(String::from("hi")),
        Token::Number(7),
        Token::Space,
        Token::Number(12),
    ];
    let numbers = tokens.iter().filter(|t| matches!(t, Token::Number(_))).count();
    let big = tokens
        .iter()
        .filter(|t| matches!(t, Token::Number(n) if *n > 10))
        .count();
    println!("{} numbers, {} big", numbers, big);
    let first = Some(String::from("kept"));
    println!("{}", matches!(first, Some(ref s) if s.len() == 4));
    println!("{} {:?}", matches!('q', 'a'..='z' | 'A'..='Z',), first);

    let word = "straße";
    let shout: String = word.chars().flat_map(|c| c.to_uppercase()).collect();
    println!("{}", shout);
    let first_up: String = 'ß'.to_uppercase().collect();
    let as_text = 'a'.to_uppercase().to_string();
    println!("{} {} {} {}", first_up, as_text, 'Q'.to_lowercase(), 'x'.to_uppercase().count());
    let mut capital = String::new();
    for (i, c) in word.chars().enumerate() {
        if i == 0 {
            capital.extend(c.to_uppercase());
        } else {
            capital.push(c);
        }
    }
    println!("{} {:?}", capital, tokens);
}
