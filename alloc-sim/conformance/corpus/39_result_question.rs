// Result and `?`: the first error returns early from the function.
fn parse_pair(text: &str) -> Result<(i32, i32), String> {
    let mut parts = text.split(',');
    let a = parts.next().ok_or("missing first")?;
    let b = parts.next().ok_or("missing second")?;
    let a: i32 = a
        .trim()
        .parse()
        .map_err(|_| format!("bad number {:?}", a))?;
    let b: i32 = b
        .trim()
        .parse()
        .map_err(|_| format!("bad number {:?}", b))?;
    Ok((a, b))
}

fn main() {
    for input in ["3, 4", "10,x", "7"] {
        match parse_pair(input) {
            Ok((a, b)) => println!("{} + {} = {}", a, b, a + b),
            Err(e) => println!("error: {}", e),
        }
    }
}
