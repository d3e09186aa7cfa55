// Text to floats: `parse::<f64>()` and `parse::<f32>()`, and literals,
// each rounded once to its own type, ties to even.
fn main() {
    let texts = vec![
        String::from("0.1"),
        String::from("1e-7"),
        String::from("9007199254740993"),
        String::from("2.4703282292062328e-324"),
        String::from("1.00000005960464477539062501"),
        String::from("-inf"),
        String::from("+.5"),
        String::from("1e400"),
        String::from("1.5 "),
        String::from(""),
    ];
    for t in &texts {
        match t.parse::<f64>() {
            Ok(x) => println!("f64 {:?} -> {} ({:?})", t, x, x),
            Err(e) => println!("f64 {:?} -> error: {} / {:?}", t, e, e),
        }
        match t.parse::<f32>() {
            Ok(x) => println!("f32 {:?} -> {} ({:?})", t, x, x),
            Err(e) => println!("f32 {:?} -> error: {}", t, e),
        }
    }
    // Rounded straight to f32: through f64 it would round twice, up.
    let a: f32 = 1.00000005960464477539062501;
    let b = 1.000000059604644775390625f32;
    let c = 1.000000059604644775390625f64 as f32;
    println!("{} {} {} {}", a, b, c, a == c);
    let sum: f64 = texts.iter().filter_map(|t| t.parse::<f64>().ok()).filter(|x| x.is_finite()).sum();
    println!("sum of the finite ones: {sum}");
}
