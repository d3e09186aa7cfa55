// `to_vec()` of a slice of heap values: a Vec of exactly the slice's
// length, then each element cloned into it front to back (a `String`'s
// clone is a block of exactly its length); an empty slice allocates
// nothing. Then `max_by_key` over owned structs.
#[derive(Debug, Clone)]
struct Student {
    name: String,
    grade: u32,
}

fn best(students: &[Student]) -> Option<&Student> {
    students.iter().max_by_key(|s| s.grade)
}

fn main() {
    let mut students = Vec::new();
    students.push(Student { name: String::from("Ann"), grade: 90 });
    students.push(Student { name: "Bo".to_string(), grade: 72 });
    let top = best(&students).unwrap();
    println!("{} {}", top.name, top.grade);
    let names: Vec<String> = students.iter().map(|s| s.name.clone()).collect();
    let rest = names[1..].to_vec();
    let none = names[2..].to_vec();
    let all = names.to_vec();
    println!("{:?} {:?} {:?} {}", names, rest, all, none.len());
    let copies = students[..1].to_vec();
    println!("{:?}", copies);
}
