// `String`'s `FromIterator` and `Extend` differ by item: chars reserve the
// size hint's lower bound first, `&str`s are pushed one by one, and a
// `String` of `String`s is the first one, grown.
fn capitalize(w: &str) -> String {
    let mut out = String::new();
    for (i, c) in w.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn main() {
    let words = vec!["hello world, ", "this is long enough ", "to grow"];
    let joined: String = words.iter().copied().collect();
    println!("{}", joined);
    let titled: String = words.iter().map(|w| capitalize(w)).collect();
    println!("{}", titled);
    let letters: String = "abcdefghijkl".chars().rev().collect();
    println!("{}", letters);
    let mut s = String::from("x");
    s.extend(vec!['y', 'z']);
    s.extend(["one", "two"]);
    s.extend(vec![String::from("three"), String::from("four")]);
    s.extend("tail".chars().filter(|c| *c != 'a'));
    println!("{}", s);
}
