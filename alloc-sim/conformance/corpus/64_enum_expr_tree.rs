// A recursive enum: each child expression lives in its own Box.
enum Expr {
    Num(i64),
    Add(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
}

fn eval(e: &Expr) -> i64 {
    match e {
        Expr::Num(n) => *n,
        Expr::Add(a, b) => eval(a) + eval(b),
        Expr::Mul(a, b) => eval(a) * eval(b),
        Expr::Neg(a) => -eval(a),
    }
}

fn num(n: i64) -> Box<Expr> {
    Box::new(Expr::Num(n))
}

fn main() {
    // (2 + 3) * -(4)
    let e1 = Expr::Mul(Box::new(Expr::Add(num(2), num(3))), Box::new(Expr::Neg(num(4))));
    println!("(2 + 3) * -4 = {}", eval(&e1));
    // 1 + 2 * (10 + -7)
    let inner = Expr::Add(num(10), Box::new(Expr::Neg(num(7))));
    let e2 = Expr::Add(num(1), Box::new(Expr::Mul(num(2), Box::new(inner))));
    println!("1 + 2 * (10 + -7) = {}", eval(&e2));
    let single = Expr::Num(42);
    println!("42 = {}", eval(&single));
    drop(e1);
    println!("e1 dropped, e2 still {}", eval(&e2));
}
