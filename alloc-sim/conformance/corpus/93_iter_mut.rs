// Changing a Vec's elements in place: `for x in &mut v`, `iter_mut()`,
// through a `&mut Vec` parameter, fields of struct elements.
#[derive(Debug, Clone, Copy)]
struct Particle {
    x: i32,
    v: i32,
}

fn step(ps: &mut Vec<Particle>) {
    for p in ps.iter_mut() {
        p.x += p.v;
        if p.x > 10 {
            p.v = -p.v;
        }
    }
}

fn main() {
    let mut v = vec![1u32, 2, 3];
    for x in &mut v {
        *x *= 10;
    }
    for x in v.iter_mut() {
        *x += 1;
    }
    println!("{:?}", v);
    let mut ps = vec![Particle { x: 0, v: 4 }, Particle { x: 5, v: 3 }];
    for _ in 0..3 {
        step(&mut ps);
    }
    println!("{:?}", ps);
    let mut pairs = vec![(1u8, 'a'), (2, 'b')];
    for (n, c) in pairs.iter_mut() {
        *n *= 3;
        *c = c.to_ascii_uppercase();
    }
    println!("{:?}", pairs);
    let mut words = vec![String::from("hi"), String::from("yo")];
    for w in &mut words {
        w.push_str("!!");
    }
    println!("{:?}", words);
    for (i, x) in v.iter_mut().enumerate() {
        *x += i as u32;
    }
    println!("{:?} sum {}", v, v.iter().sum::<u32>());
}
