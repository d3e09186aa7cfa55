// `max_by` and `min_by` with a two-argument comparison: of equal items
// `max_by` keeps the last and `min_by` the first; an owned item that loses
// is dropped as it loses; floats compared by `total_cmp`.
fn main() {
    let words: Vec<String> = ["pear", "fig", "kiwi", "banana", "plum"]
        .iter()
        .map(|w| w.to_string())
        .collect();
    let longest = words.iter().max_by(|a, b| a.len().cmp(&b.len())).unwrap();
    let shortest = words.iter().min_by(|a, b| a.len().cmp(&b.len()));
    println!("{longest} {shortest:?}");
    // Ties: "pear", "kiwi" and "plum" are all four letters long.
    let last_four = words.iter().filter(|w| w.len() == 4).max_by(|a, b| a.len().cmp(&b.len()));
    let first_four = words.iter().filter(|w| w.len() == 4).min_by(|a, b| a.len().cmp(&b.len()));
    println!("{last_four:?} {first_four:?}");
    let nums = vec![3.5f64, -1.25, 9.0, 0.5];
    let top = nums.iter().copied().max_by(|a, b| a.total_cmp(b));
    let bottom = nums.iter().min_by(|a, b| a.total_cmp(b));
    println!("{top:?} {bottom:?}");
    // Owned Strings: each loser is freed as it loses.
    let owned = words.into_iter().max_by(|a, b| a.cmp(b)).unwrap();
    println!("{owned}");
    let none: Option<&u8> = [].iter().max_by(|a: &&u8, b: &&u8| a.cmp(b));
    println!("{none:?}");
}
