// flat_map flattens an iterator of iterators into one collection.
fn main() {
    let words = vec!["ab", "cde", "f"];
    let letters: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
    println!("{:?}", letters);
    let grid: Vec<(u32, u32)> = (0..3).flat_map(|r| (0..2).map(move |c| (r, c))).collect();
    println!("{} cells, last {:?}", grid.len(), grid[grid.len() - 1]);
}
