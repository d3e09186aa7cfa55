// An expression tree of Box<Expr> evaluated and printed by recursion, and
// built again from reverse Polish notation: each token a &str compared
// with literals (tok == "+"), operands popped off a Vec<Expr>.
#[derive(Debug)]
enum Expr { Num(f64), Add(Box<Expr>, Box<Expr>), Mul(Box<Expr>, Box<Expr>), Neg(Box<Expr>) }
use Expr::*;
fn eval(e: &Expr) -> f64 {
    match e {
        Num(n) => *n,
        Add(a, b) => eval(a) + eval(b),
        Mul(a, b) => eval(a) * eval(b),
        Neg(a) => -eval(a),
    }
}
fn show(e: &Expr) -> String {
    match e {
        Num(n) => format!("{n}"),
        Add(a, b) => format!("({} + {})", show(a), show(b)),
        Mul(a, b) => format!("{} * {}", show(a), show(b)),
        Neg(a) => format!("-{}", show(a)),
    }
}
fn main() {
    let e = Add(Box::new(Num(2.0)), Box::new(Mul(Box::new(Num(3.0)), Box::new(Neg(Box::new(Num(4.0)))))));
    println!("{} = {}", show(&e), eval(&e));
    let mut stack: Vec<Expr> = Vec::new();
    for tok in "1 2 + 3 *".split_whitespace() {
        match tok {
            "+" | "*" => {
                let b = stack.pop().unwrap();
                let a = stack.pop().unwrap();
                stack.push(if tok == "+" { Add(Box::new(a), Box::new(b)) } else { Mul(Box::new(a), Box::new(b)) });
            }
            n => stack.push(Num(n.parse().unwrap())),
        }
    }
    let top = stack.pop().unwrap();
    println!("{} = {}", show(&top), eval(&top));
}
