// collect::<Vec<_>>() with the element type left to inference: names
// borrowed from a Vec of structs, lengths, and pairs of references.
struct Student { name: String, grade: u32 }
fn main() {
    let class = vec![
        Student { name: String::from("Ann"), grade: 91 },
        Student { name: String::from("Bo"), grade: 78 },
        Student { name: String::from("Cy"), grade: 85 },
    ];
    let names = class.iter().map(|s| s.name.as_str()).collect::<Vec<_>>();
    let lens: Vec<_> = class.iter().map(|s| s.name.len() as u32 + s.grade).collect();
    let pairs: Vec<_> = class.iter().map(|s| (&s.name, s.grade)).collect();
    println!("{:?} {:?}", names, lens);
    println!("{:?}", pairs);
}
