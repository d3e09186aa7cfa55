// Students ranked: a struct with a method computing an average from a
// `Vec<u32>`, cloned into a sorted copy with `sort_by` on floats,
// `zip` of two lists, `chunks` for pairs, and `windows` for differences.
#[derive(Debug, Clone)]
struct Student { name: String, marks: Vec<u32> }

impl Student {
    fn average(&self) -> f64 {
        if self.marks.is_empty() { return 0.0; }
        self.marks.iter().sum::<u32>() as f64 / self.marks.len() as f64
    }
}

fn main() {
    let names = vec!["Ivy", "Tom", "Ana", "Raj"];
    let marks: Vec<Vec<u32>> = vec![vec![70, 85], vec![92, 88, 95], vec![], vec![60, 75, 81]];
    let students: Vec<Student> = names
        .iter()
        .zip(marks.into_iter())
        .map(|(n, m)| Student { name: n.to_string(), marks: m })
        .collect();
    let mut ranked = students.clone();
    ranked.sort_by(|a, b| b.average().partial_cmp(&a.average()).unwrap());
    for (i, s) in ranked.iter().enumerate() {
        println!("#{} {:<4} {:>6.2} {:?}", i + 1, s.name, s.average(), s.marks);
    }
    let averages: Vec<f64> = ranked.iter().map(Student::average).collect();
    let gaps: Vec<String> = averages.windows(2).map(|w| format!("{:.1}", w[0] - w[1])).collect();
    println!("gaps {}", gaps.join(","));
    for pair in students.chunks(2) {
        let who: Vec<&str> = pair.iter().map(|s| s.name.as_str()).collect();
        println!("team {}", who.join("+"));
    }
    let mut top = ranked.into_iter().take(2).map(|s| s.name).collect::<Vec<String>>();
    top.reverse();
    println!("{:?}", top);
}
