// `Ok((…))` where a `Result<(String, Vec<u8>), E>` is declared (a return
// type, a `let`'s type) types what it holds by it, as `Some(…)` does:
// `vec![1, 2, 3]` there holds `u8`s, three bytes, not twelve; and an
// `Ok(Some(…))` in a `Result<Option<Vec<u16>>, E>`.
fn split(s: &str) -> Result<(String, Vec<u8>), String> {
    if s.is_empty() {
        return Err(String::from("empty"));
    }
    Ok((s.to_uppercase(), vec![1, 2, 3]))
}
fn maybe(n: u8) -> Result<Option<Vec<u16>>, String> {
    if n > 2 { Ok(Some(vec![7, 8])) } else { Ok(None) }
}
fn main() {
    let r: Result<(String, Vec<u8>), String> = Ok((String::from("x"), vec![1, 2]));
    println!("{:?}", r);
    let a = split("ab");
    let b = split("");
    println!("{:?} {:?}", a, b);
    if let Ok((s, v)) = split("xyz") {
        println!("{} {}", s, v.len());
    }
    println!("{:?} {:?}", maybe(3), maybe(1));
    let total: Result<Vec<u8>, String> = vec!["1", "2"].iter().map(|s| s.parse::<u8>().map_err(|e| e.to_string())).collect();
    println!("{:?}", total);
}
