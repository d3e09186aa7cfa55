// Grades in a `BTreeMap<String, Vec<u32>>`: scores pushed per student,
// averages computed with `iter().sum()`, a letter grade from a `match`
// on ranges, and the class list printed in key order.
use std::collections::BTreeMap;

fn letter(avg: f64) -> char {
    match avg as u32 {
        90..=100 => 'A',
        80..=89 => 'B',
        70..=79 => 'C',
        _ => 'F',
    }
}

fn main() {
    let records = "zoe 91\nadam 78\nzoe 88\nmia 65\nadam 84\nmia 72\nzoe 97";
    let mut book: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for line in records.lines() {
        let mut it = line.split(' ');
        let name = it.next().unwrap();
        let score: u32 = it.next().unwrap().parse().unwrap();
        book.entry(name.to_string()).or_insert_with(Vec::new).push(score);
    }
    let mut summary = String::new();
    for (name, scores) in &book {
        let avg = scores.iter().sum::<u32>() as f64 / scores.len() as f64;
        summary.push_str(&format!("{}={}{} ", name, letter(avg), scores.len()));
        println!("{:<5} {:?} avg {:.1} {}", name, scores, avg, letter(avg));
    }
    println!("{}", summary.trim_end());
    let best = book.iter().map(|(n, s)| (n.clone(), *s.iter().max().unwrap())).max_by_key(|p| p.1);
    println!("{:?}", best);
    if let Some(first) = book.keys().next() {
        println!("first {}", first);
    }
}
