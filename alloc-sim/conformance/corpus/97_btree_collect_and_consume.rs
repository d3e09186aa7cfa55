// A BTreeMap and a BTreeSet made by collect (std sorts a Vec, then builds
// the tree left to right; the later of two equal keys stays), then taken
// apart by value in for loops: each node is freed as the walk leaves it,
// between the elements, and a loop that breaks early drops the rest.
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    let names = ["kiwi", "fig", "apple", "plum", "date", "fig", "lime", "pear"];
    let lengths: BTreeMap<String, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.to_string(), n.len() * 10 + i))
        .collect();
    println!("{:?}", lengths);

    let squares: BTreeMap<u32, String> = (0..40).rev().map(|i| (i, format!("{}", i * i))).collect();
    println!("{} squares, first {:?}", squares.len(), squares.first_key_value());
    for (k, v) in squares {
        if k % 10 == 0 {
            println!("{k} -> {v}");
        }
    }

    let letters: BTreeSet<char> = "the quick brown fox".chars().filter(|c| c.is_alphabetic()).collect();
    println!("{} letters: {:?}", letters.len(), letters);

    let words: BTreeSet<String> = "b a d c b a e f g h i j k l m n o".split(' ').map(String::from).collect();
    for w in words {
        if w == "h" {
            break;
        }
        print!("{w} ");
    }
    println!();

    let empty: BTreeMap<u8, u8> = Vec::new().into_iter().collect();
    println!("{}", empty.is_empty());
    let s = String::from("fig");
    println!("{} {} {}", s == "fig", "fog" != s, &s == "fig");
}
