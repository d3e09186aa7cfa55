// format! builds a String: width, padding, precision, debug.
fn main() {
    let name = "allocscope";
    let s = format!("{}-{}", name, 3);
    println!("[{}] len {}", s, s.len());
    let padded = format!("[{:>8}] [{:<6}] [{:^7}]", 42, "ab", "mid");
    println!("{}", padded);
    let pi = format!("{:.3}", 3.14159);
    println!("pi ~ {}", pi);
    let dbg = format!("{:?}", (1, "two", [3, 4]));
    println!("{}", dbg);
}
