// Two things a learner sees printed or counted: std folds a float sum from
// -0.0 (an empty sum prints `-0`) and a float product from 1.0; and
// `map_or` runs its closure before it drops the default it did not need
// (the closure's `String` is made while the default's is still alive).
fn main() {
    let none: Vec<f64> = Vec::new();
    let s = none.iter().sum::<f64>();
    let p = none.iter().product::<f64>();
    println!("{} {:?} {} {:?}", s, s, p, p);
    let some: Vec<f32> = vec![0.5, -0.5];
    println!("{:?}", some.iter().sum::<f32>());

    let o: Option<i32> = Some(2);
    let n = o.map_or(String::from("none"), |v| v.to_string().repeat(3));
    let r: Result<u8, String> = Ok(7);
    let m = r.map_or(String::from("bad"), |v| format!("{v}{v}"));
    let e: Result<u8, u8> = Err(1);
    let d = e.map_or(String::from("default"), |v| v.to_string());
    println!("{} {} {}", n, m, d);
}
