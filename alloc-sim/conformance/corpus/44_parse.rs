// parse turns text into numbers, with a Result for bad input.
fn main() {
    let inputs = ["42", "-7", "3.5", "abc", " 9"];
    let mut total = 0;
    for s in inputs {
        match s.parse::<i32>() {
            Ok(n) => {
                total += n;
                println!("{:?} -> {}", s, n);
            }
            Err(e) => println!("{:?} -> error: {}", s, e),
        }
    }
    let f: f64 = "3.5".parse().unwrap();
    println!("total {} float {}", total, f * 2.0);
}
