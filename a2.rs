use std::ops::Add;
#[derive(Debug, Clone, Copy)]
struct V2 { x: f64, y: f64 }
impl Add for V2 { type Output = V2; fn add(self, o: V2) -> V2 { V2 { x: self.x + o.x, y: self.y + o.y } } }
impl<'a> Add<&'a V2> for &'a V2 { type Output = V2; fn add(self, o: &V2) -> V2 { V2 { x: self.x + o.x, y: self.y + o.y } } }
fn main() {
    let a = V2 { x: 1.0, y: 2.0 };
    let b = V2 { x: 0.5, y: 0.25 };
    let c = &a + &b;
    println!("{:?} {:?}", a + b, c);
}
