// A postfix calculator: tokens matched into an enum, a `Vec<f64>` stack
// with `pop` returning `Option` turned into `Result` by `ok_or_else`,
// errors as `String`, and a `impl fmt::Display` for the token.
use std::fmt;

enum Token { Num(f64), Op(char) }

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Token::Num(n) => write!(f, "{}", n),
            Token::Op(c) => write!(f, "'{}'", c),
        }
    }
}

fn tokenize(s: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    for part in s.split_whitespace() {
        let t = match part {
            "+" | "-" | "*" | "/" => Token::Op(part.chars().next().unwrap()),
            _ => Token::Num(part.parse().map_err(|_| format!("bad token {}", part))?),
        };
        out.push(t);
    }
    Ok(out)
}

fn eval(s: &str) -> Result<f64, String> {
    let mut stack: Vec<f64> = Vec::new();
    for tok in tokenize(s)? {
        match tok {
            Token::Num(n) => stack.push(n),
            Token::Op(c) => {
                let b = stack.pop().ok_or_else(|| String::from("empty stack"))?;
                let a = stack.pop().ok_or_else(|| format!("no left side for {}", tok))?;
                stack.push(match c { '+' => a + b, '-' => a - b, '*' => a * b, _ => a / b });
            }
        }
    }
    if stack.len() == 1 { Ok(stack[0]) } else { Err(format!("{} values left", stack.len())) }
}

fn main() {
    for e in ["3 4 +", "5 1 2 + 4 * + 3 -", "2 *", "1 2", "7 x +", "9 3 /"] {
        match eval(e) {
            Ok(v) => println!("{:<20} = {}", e, v),
            Err(msg) => println!("{:<20} ! {}", e, msg),
        }
    }
    let toks = tokenize("1 2 +").unwrap();
    let shown: Vec<String> = toks.iter().map(|t| t.to_string()).collect();
    println!("{}", shown.join(" "));
}
