// Operator traits implemented for references: `impl Add for &Poly`,
// `impl Mul<i64> for &Poly` and `impl Neg for &Poly` make `&p + &q`,
// `&s * 3` and `-&q` call them (the operands are lent, not moved), beside
// an `impl Sub for Poly` that `a - b` calls; what their bodies allocate
// lands in the log as any code's.
use std::ops::{Add, Mul, Neg, Sub};
#[derive(Debug, Clone, PartialEq)]
struct Poly { coeffs: Vec<i64> }
impl Add for &Poly {
    type Output = Poly;
    fn add(self, other: &Poly) -> Poly {
        let n = self.coeffs.len().max(other.coeffs.len());
        let mut coeffs = Vec::with_capacity(n);
        for i in 0..n {
            coeffs.push(self.coeffs.get(i).unwrap_or(&0) + other.coeffs.get(i).unwrap_or(&0));
        }
        Poly { coeffs }
    }
}
impl Sub for Poly {
    type Output = Poly;
    fn sub(self, other: Poly) -> Poly {
        Poly { coeffs: self.coeffs.iter().zip(other.coeffs.iter()).map(|(a, b)| a - b).collect() }
    }
}
impl Mul<i64> for &Poly {
    type Output = Poly;
    fn mul(self, k: i64) -> Poly {
        Poly { coeffs: self.coeffs.iter().map(|c| c * k).collect() }
    }
}
impl Neg for &Poly {
    type Output = Poly;
    fn neg(self) -> Poly { self * -1 }
}
fn main() {
    let p = Poly { coeffs: vec![1, 2, 3] };
    let q = Poly { coeffs: vec![4, 5] };
    let s = &p + &q;
    let t = &s * 3;
    let u = -&q;
    println!("{:?} {:?} {:?}", s, t, u);
    let d = t.clone() - s.clone();
    println!("{:?} {}", d, p == q);
}
