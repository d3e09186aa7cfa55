// An operator whose method allocates: `a + b` of a tuple struct over a Vec
// clones one side and extends it with the other, then drops both
// operands, moved into `add`, in reverse order; `+=` by `AddAssign<u64>`
// pushes (alloc-sim/tests/operators.rs asserts these calls).
use std::ops::{Add, AddAssign};
#[derive(Debug)]
struct Poly(Vec<u64>);
impl Add for Poly {
    type Output = Poly;
    fn add(self, o: Poly) -> Poly {
        let mut out = self.0.clone();
        out.extend(o.0.iter());
        Poly(out)
    }
}
impl AddAssign<u64> for Poly {
    fn add_assign(&mut self, k: u64) {
        self.0.push(k);
    }
}
fn main() {
    let a = Poly(vec![1]);
    let b = Poly(vec![2, 3]);
    let mut c = a + b;
    c += 9;
    println!("{:?}", c);
}
