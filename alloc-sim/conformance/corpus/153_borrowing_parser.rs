// A struct that borrows its input (struct Parser<'a>, impl<'a> Parser<'a>)
// handing out &'a str words, grouped in a HashMap<usize, Vec<String>>; a
// Caesar cipher collected into a String; boxed closures folded; binary
// search and a while loop over an index.
use std::collections::HashMap;
struct Parser<'a> { src: &'a str, pos: usize }
impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self { Parser { src, pos: 0 } }
    fn next_word(&mut self) -> Option<&'a str> {
        let rest = &self.src[self.pos..];
        let rest_trim = rest.trim_start();
        if rest_trim.is_empty() { return None; }
        let start = self.pos + (rest.len() - rest_trim.len());
        let end = rest_trim.find(' ').map(|i| start + i).unwrap_or(self.src.len());
        self.pos = end;
        Some(&self.src[start..end])
    }
}
fn caesar(s: &str, k: u8) -> String {
    s.chars().map(|c| if c.is_ascii_lowercase() { (((c as u8 - b'a' + k) % 26) + b'a') as char } else { c }).collect()
}
fn main() {
    let mut p = Parser::new("  the cat  sat on the mat");
    let mut groups: HashMap<usize, Vec<String>> = HashMap::new();
    while let Some(w) = p.next_word() {
        groups.entry(w.len()).or_default().push(w.to_string());
    }
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort_unstable();
    for k in keys { println!("{k}: {}", groups[&k].join(",")); }
    println!("{}", caesar("hello, world", 3));
    let ops: Vec<Box<dyn Fn(i64) -> i64>> = vec![Box::new(|x| x * 2), Box::new(|x| x - 1), Box::new(move |x| x * x)];
    let r = ops.iter().fold(3, |acc, f| f(acc));
    println!("{r}");
    let sorted = vec![1, 3, 5, 7, 9, 11];
    println!("{:?} {:?}", sorted.binary_search(&7), sorted.binary_search(&4));
    let mut i = 0;
    let mut acc = Vec::new();
    while i < sorted.len() { if sorted[i] % 3 == 0 { acc.push(sorted[i]); } i += 1; }
    println!("{:?}", acc);
}
