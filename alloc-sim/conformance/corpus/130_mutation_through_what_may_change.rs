// Changes rustc accepts without `mut` on the binding: through a `&mut`
// parameter or reference (`r.push`, `r[0] = …`, `p.x = …`), through a
// `RefCell`, a closure's own `mut` capture, and
// a loop's `mut` pattern. The simulation's mutability check refuses none.
use std::cell::RefCell;
use std::collections::HashMap;

struct Point {
    x: u32,
    v: Vec<u32>,
}

fn fill(v: &mut Vec<u32>) {
    v.push(1);
    v[0] = 2;
}

fn main() {
    let mut v = Vec::new();
    fill(&mut v);
    let r = &mut v;
    r.push(3);
    r[0] = 4;
    let p = &mut Point { x: 1, v: vec![] };
    p.x = 2;
    p.v.push(1);
    let mut m: HashMap<u32, u32> = HashMap::new();
    *m.entry(1).or_insert(0) += 1;
    let x = 5;
    let mut c = 0;
    let mut inc = || c += 1;
    inc();
    for mut i in 0..3 {
        i += 1;
        let _ = i;
    }
    let cell = RefCell::new(vec![1u8]);
    cell.borrow_mut().push(2);
    let b = Box::new(5);
    println!("{} {} {} {:?} {} {}", x, c, p.x, v, b, cell.borrow().len());
}
