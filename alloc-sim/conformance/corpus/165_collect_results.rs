// collect into Result<Vec<T>, E> and Option<Vec<T>>, as std's try_process
// does it: the items pass through a shunt that stops at the first Err
// (or None); the Vec grows as for any iterator of unknown length; then
// the iterator goes with the items it did not give (the words' buffer),
// and on an Err the partial Vec after it.
use std::num::ParseIntError;

fn parse_all(line: &str) -> Result<Vec<i32>, ParseIntError> {
    line.split(',').map(|s| s.trim().parse::<i32>()).collect()
}

fn main() {
    let ok: Result<Vec<i32>, _> = "1, 2, 3".split(',').map(|s| s.trim().parse::<i32>()).collect();
    println!("{:?}", ok);
    let bad = "4, x, 6"
        .split(',')
        .map(|s| s.trim().parse::<i32>())
        .collect::<Result<Vec<i32>, _>>();
    println!("{:?}", bad.is_err());
    let words = vec![String::from("ab"), String::from("cd"), String::from(""), String::from("ef")];
    let firsts: Option<Vec<char>> = words.iter().map(|w| w.chars().next()).collect();
    println!("{:?}", firsts);
    let upper: Option<Vec<String>> = words.iter().take(2).map(|w| Some(w.to_uppercase())).collect();
    println!("{:?}", upper);
    let owned: Result<Vec<String>, String> = words
        .into_iter()
        .map(|w| if w.is_empty() { Err(String::from("empty word")) } else { Ok(w) })
        .collect();
    println!("{:?}", owned);
    let total: i32 = "7 8 9"
        .split(' ')
        .map(|s| s.parse::<i32>())
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .iter()
        .sum();
    println!("{total}");
    println!("{:?}", parse_all("10,20"));
}
