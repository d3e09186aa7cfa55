// `chunks_exact` walked part of the way through `by_ref`, then asked for
// its `remainder`, the elements after the last whole chunk; and a
// `Vec<String>` collected from `split` and mapped to lengths.
fn main() {
    let data: Vec<u32> = (1..=10).collect();
    let mut chunks = data.chunks_exact(3);
    let sums: Vec<u32> = chunks.by_ref().map(|c| c.iter().sum()).collect();
    println!("{:?} rest {:?}", sums, chunks.remainder());
    let words: Vec<String> = "a bb ccc".split(' ').map(String::from).collect();
    let lens: Vec<usize> = words.iter().map(|w| w.len()).collect();
    println!("{:?} {:?}", words, lens);
}
