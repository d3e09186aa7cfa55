// An inventory in a HashMap<String, (u32, f64)> behind methods, a report
// walked by for over a method's Vec<String>, a word count folded into a
// HashMap and sorted by count then word, and chars filtered and collected.
use std::collections::HashMap;
#[derive(Debug, Default)]
struct Inventory { items: HashMap<String, (u32, f64)> }
impl Inventory {
    fn add(&mut self, name: &str, qty: u32, price: f64) {
        let e = self.items.entry(name.to_string()).or_insert((0, price));
        e.0 += qty;
        e.1 = price;
    }
    fn total(&self) -> f64 { self.items.values().map(|(q, p)| *q as f64 * p).sum() }
    fn report(&self) -> Vec<String> {
        let mut names: Vec<&String> = self.items.keys().collect();
        names.sort();
        names.iter().map(|n| { let (q, p) = self.items[*n]; format!("{n}: {q} @ {p:.2}") }).collect()
    }
}
fn main() {
    let mut inv = Inventory::default();
    inv.add("apple", 3, 0.5);
    inv.add("pear", 2, 0.75);
    inv.add("apple", 4, 0.55);
    for line in inv.report() { println!("{line}"); }
    println!("total {:.2}", inv.total());
    let words = "one two three two one two";
    let tally = words.split(' ').fold(HashMap::new(), |mut m, w| { *m.entry(w.to_string()).or_insert(0) += 1; m });
    let mut counts: Vec<(String, usize)> = tally.iter().map(|(w, n)| (w.clone(), *n)).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("{:?}", counts);
    let longest = words.split(' ').max_by_key(|w| w.len()).unwrap();
    println!("{longest}");
    let caps: Vec<char> = words.chars().filter(|c| c.is_alphabetic()).map(|c| c.to_ascii_uppercase()).take(5).collect();
    println!("{}", caps.iter().collect::<String>());
}
