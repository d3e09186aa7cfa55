// Temporaries of a scrutinee: a `String` made only to be read
// (`String::from(..).chars()`) lives to the end of its statement; an
// `if let`'s through its `else` (Rust 2021), a `while let`'s through each
// turn, and a `match`'s through its arms.
fn main() {
    let first = String::from("hi").chars().next();
    let count = String::from("yo").chars().count();
    let letters: Vec<char> = String::from("ab").chars().collect();
    println!("{first:?} {count} {letters:?}");
    if let Some(c) = String::from("hi").chars().nth(5) {
        println!("{c}");
    } else {
        let v = vec![1u8, 2];
        println!("else {}", v.len());
    }
    let mut i = 7;
    while let Some(c) = format!("{i}").chars().next().filter(|_| i < 10) {
        let b = Box::new(c);
        println!("turn {b}");
        i += 1;
    }
    match String::from("hey").len() {
        3 => {
            let w = vec![0u32; 3];
            println!("three {}", w.len());
        }
        _ => {}
    }
}
