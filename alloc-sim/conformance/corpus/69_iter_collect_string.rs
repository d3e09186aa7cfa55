// Collecting iterators into Strings and Vecs of Strings or &str.
fn main() {
    let word = String::from("allocation");
    let backwards = word.chars().rev().collect::<String>();
    println!("{} reversed is {}", word, backwards);
    let sentence = "the quick  brown fox\tjumps";
    let words: Vec<&str> = sentence.split_whitespace().collect();
    println!("{} words: {:?}", words.len(), words);
    let upper = words.iter().map(|w| w.to_uppercase()).collect::<Vec<String>>();
    println!("{:?}", upper);
    let joined = upper.join(", ");
    println!("joined: {} ({} bytes)", joined, joined.len());
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    println!("initials {}", initials);
    let lengths: Vec<usize> = words.iter().map(|w| w.len()).collect();
    println!("lengths {:?}", lengths);
}
