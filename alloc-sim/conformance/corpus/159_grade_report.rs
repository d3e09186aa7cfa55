// A grade report: averages as f64 with {:.2} and {:>5}, a HashMap collected
// from pairs and back into a Vec with into_iter, sorted by partial_cmp;
// collect::<Vec<_>>() of borrowed names, binary_search on an array.
use std::collections::HashMap;
struct Student { name: String, grades: Vec<u32> }
impl Student {
    fn average(&self) -> f64 {
        let sum: u32 = self.grades.iter().sum();
        sum as f64 / self.grades.len() as f64
    }
}
fn main() {
    let students = vec![
        Student { name: String::from("Ann"), grades: vec![90, 85, 77] },
        Student { name: "Bo".to_string(), grades: vec![60, 70] },
    ];
    for s in &students {
        println!("{:>5}: {:.2}", s.name, s.average());
    }
    let by_name: HashMap<String, f64> = students.iter().map(|s| (s.name.clone(), s.average())).collect();
    let mut pairs: Vec<(String, f64)> = by_name.into_iter().collect();
    pairs.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
    println!("{:?}", pairs.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>());
    let rev: String = "hello".chars().rev().collect();
    let arr = [1, 3, 5, 7, 9];
    println!("{} {:?} {:?}", rev, arr.binary_search(&7), arr.iter().position(|&x| x == 5));
}
