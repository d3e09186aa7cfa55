// A collection made only to be indexed or sliced (`make()[1]`,
// `String::from(..)[1..3]`) is a temporary: made once, its element lent,
// dropped at the end of the statement, or at the end of the block when
// `let x = &make()[1];` extends it. `first().cloned()` and
// `get(k).cloned()` of heap values make deep copies.
use std::collections::HashMap;

fn make_vec() -> Vec<String> {
    vec![String::from("a"), String::from("bc")]
}

fn main() {
    let n = make_vec().len();
    let first = make_vec()[1].clone();
    let upper = make_vec()[0].to_uppercase();
    let same = make_vec()[1] == "bc";
    let b = String::from("xyz").as_bytes()[1];
    let s = String::from("hello")[1..3].to_string();
    let x = &make_vec()[1];
    let y = &String::from("world")[1..3];
    let q = make_vec().first().cloned();
    let mut ages = HashMap::new();
    ages.insert(1, String::from("one"));
    let got = ages.get(&1).cloned();
    println!("{n} {first} {upper} {same} {b} {s} {x} {y} {q:?} {got:?}");
}
