fn parse_pair(s: &str) -> Result<(i32, i32), String> {
    let mut it = s.split(',');
    let a = it.next().ok_or("missing")?.trim().parse::<i32>().map_err(|e| e.to_string())?;
    let b = it.next().ok_or("missing")?.trim().parse::<i32>().map_err(|e| e.to_string())?;
    Ok((a, b))
}
fn main() {
    for s in ["1, 2", "3,x", "4"] {
        match parse_pair(s) {
            Ok((a, b)) => println!("{} {}", a, b),
            Err(e) => println!("error: {}", e),
        }
    }
}
