// `max_by_key` and `min_by_key`: each item's key made once (here a
// `String` from `to_uppercase`, so every key is an allocation), the
// losing key and item dropped as they lose, the winner's key dropped at
// the end; of equal keys `max_by_key` keeps the last, `min_by_key` the
// first. `"text".into()` where a `String` is wanted copies the text.
struct Student {
    name: String,
    grade: u32,
}

fn label(n: usize) -> String {
    if n > 3 {
        "long".into()
    } else {
        "short".into()
    }
}

fn main() {
    let students = vec![
        Student { name: String::from("Ann"), grade: 90 },
        Student { name: "Bo".to_string(), grade: 72 },
        Student { name: "Cy".into(), grade: 90 },
    ];
    let top = students.iter().max_by_key(|s| s.grade).unwrap();
    let low = students.iter().min_by_key(|s| s.grade).unwrap();
    let first_best = students.iter().min_by_key(|s| 100 - s.grade).unwrap();
    println!("{} {} {}", top.name, low.name, first_best.name);
    let words = vec![String::from("pear"), String::from("fig"), String::from("plum")];
    let last = words.into_iter().max_by_key(|w| w.to_uppercase()).unwrap();
    println!("{last} {}", label(last.len()));
    let none: Vec<u8> = Vec::new();
    println!("{:?}", none.iter().max_by_key(|x| **x));
}
