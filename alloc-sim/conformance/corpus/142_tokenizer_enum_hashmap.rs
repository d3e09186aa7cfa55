// A first-hour class program: a tokenizer over chars with an enum of tokens,
// Result for a bad character, a HashMap count through the entry API, and a
// struct printed through its own Display impl.
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
enum Token { Num(i64), Op(char), LParen, RParen }

fn tokenize(s: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut n = 0i64;
            while i < chars.len() && chars[i].is_ascii_digit() {
                n = n * 10 + chars[i].to_digit(10).unwrap() as i64;
                i += 1;
            }
            out.push(Token::Num(n));
            continue;
        }
        match c {
            '+' | '-' | '*' | '/' => out.push(Token::Op(c)),
            '(' => out.push(Token::LParen),
            ')' => out.push(Token::RParen),
            ' ' => {}
            _ => return Err(format!("bad char {c}")),
        }
        i += 1;
    }
    Ok(out)
}

struct Stats { count: usize, total: i64 }

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} tokens, sum {}", self.count, self.total)
    }
}

fn main() {
    let toks = tokenize("12 + (3 * 45) - 6").unwrap();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for t in &toks {
        let key = match t {
            Token::Num(n) => { total += n; "num".to_string() }
            Token::Op(_) => "op".to_string(),
            _ => "paren".to_string(),
        };
        *counts.entry(key).or_insert(0) += 1;
    }
    let s = Stats { count: toks.len(), total };
    println!("{s}");
    let mut keys: Vec<_> = counts.keys().cloned().collect();
    keys.sort();
    for k in keys { println!("{k}: {}", counts[&k]); }
    println!("{:?}", tokenize("2 $ 3"));
}
