// Functions that borrow a Vec: &Vec to read, &mut Vec to change it.
fn total(v: &Vec<u32>) -> u32 {
    let mut t = 0;
    for x in v {
        t += x;
    }
    t
}

fn double_all(v: &mut Vec<u32>) {
    for x in v.iter_mut() {
        *x *= 2;
    }
    v.push(0);
}

fn main() {
    let mut v = vec![1, 2, 3];
    println!("total {}", total(&v));
    double_all(&mut v);
    double_all(&mut v);
    println!("total {} len {} {:?}", total(&v), v.len(), v);
}
