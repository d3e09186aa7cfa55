// Compound assignment on an element runs the index once, as rustc does:
// v[{ n += 1; n - 1 }] += 10 bumps n once, and g[1] += 5 through the
// program's IndexMut calls index_mut once; AddAssign on a binding.
use std::ops::{AddAssign, Index, IndexMut};
struct G { c: Vec<u32> }
impl Index<usize> for G { type Output = u32; fn index(&self, i: usize) -> &u32 { println!("index {i}"); &self.c[i] } }
impl IndexMut<usize> for G { fn index_mut(&mut self, i: usize) -> &mut u32 { println!("index_mut {i}"); &mut self.c[i] } }
#[derive(Debug, Clone, Copy)]
struct P { x: i32 }
impl AddAssign for P { fn add_assign(&mut self, o: P) { self.x += o.x; } }
fn main() {
    let mut g = G { c: vec![1, 2, 3] };
    g[1] += 5;
    g[2] = 9;
    let mut v = vec![1, 2];
    let mut n = 0;
    v[{ n += 1; n - 1 }] += 10;
    let mut p = P { x: 1 };
    p += P { x: 2 };
    println!("{:?} {:?} {} {:?}", g.c, v, n, p);
}
