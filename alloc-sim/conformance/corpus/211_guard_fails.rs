// A match arm whose guard fails binds nothing for good: the value stays
// where it was, and is dropped with its owner.
fn describe(o: Option<String>) -> usize {
    match o {
        Some(a) if a.len() > 5 => {
            println!("long {}", a);
            a.len()
        }
        Some(b) => b.len() + 100,
        None => 0,
    }
}

fn main() {
    let o: Option<String> = Some(String::from("hi"));
    match o {
        Some(a) if a.len() > 5 => println!("long {}", a),
        _ => println!("other"),
    }
    println!("{}", describe(Some(String::from("short"))));
    println!("{}", describe(Some(String::from("longer one"))));
    let v = vec![String::from("x"), String::from("yyyyyyy")];
    for s in v {
        match s {
            t if t.len() > 3 => println!("big {}", t),
            _ => println!("small"),
        }
    }
    println!("end");
}
