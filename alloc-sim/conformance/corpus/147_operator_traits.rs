// Operator traits on the program's own types: Add, Sub, Mul<f64>, Neg and
// AddAssign on a Copy vector (a + b * 2.0 - c calls the program's methods
// in rustc's order), and an Add whose sum builds a new Vec, so the
// operator allocates.
use std::ops::{Add, AddAssign, Mul, Neg, Sub};

#[derive(Debug, Clone, Copy, PartialEq)]
struct V2 { x: f64, y: f64 }

impl Add for V2 {
    type Output = V2;
    fn add(self, o: V2) -> V2 { V2 { x: self.x + o.x, y: self.y + o.y } }
}
impl Sub for V2 {
    type Output = Self;
    fn sub(self, o: Self) -> Self { V2 { x: self.x - o.x, y: self.y - o.y } }
}
impl Mul<f64> for V2 {
    type Output = V2;
    fn mul(self, k: f64) -> V2 { V2 { x: self.x * k, y: self.y * k } }
}
impl Neg for V2 {
    type Output = V2;
    fn neg(self) -> V2 { V2 { x: -self.x, y: -self.y } }
}
impl AddAssign for V2 {
    fn add_assign(&mut self, o: V2) { self.x += o.x; self.y += o.y; }
}

// A polynomial whose sum allocates: the result's Vec is the program's.
#[derive(Debug, Clone)]
struct Poly(Vec<i64>);

impl Add for Poly {
    type Output = Poly;
    fn add(self, o: Poly) -> Poly {
        let n = self.0.len().max(o.0.len());
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            out.push(self.0.get(i).copied().unwrap_or(0) + o.0.get(i).copied().unwrap_or(0));
        }
        Poly(out)
    }
}

fn main() {
    let a = V2 { x: 1.0, y: 2.0 };
    let b = V2 { x: 0.5, y: -1.0 };
    let mut c = a + b * 2.0 - V2 { x: 1.0, y: 1.0 };
    println!("{:?}", c);
    c += a;
    println!("{:?} {:?}", c, -c);
    println!("{}", a + b == V2 { x: 1.5, y: 1.0 });
    let path: Vec<V2> = vec![a, b, c];
    let mut total = V2 { x: 0.0, y: 0.0 };
    for p in &path { total += *p; }
    println!("{:?}", total);
    let p = Poly(vec![1, 2, 3]) + Poly(vec![10, 20]);
    println!("{:?}", p);
    let q = p.clone() + p;
    println!("{:?}", q.0);
}
