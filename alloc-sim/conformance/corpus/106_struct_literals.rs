// A struct literal's fields are built in the order they are written, not
// the order the struct declares them; `..base` fills the rest, moved out
// of a place (which keeps what was not taken) or taken from a temporary
// whose other fields are dropped at the end of the statement; and a `?`
// inside a literal drops the fields already built.
#[derive(Debug, Default)]
struct Config {
    name: String,
    tags: Vec<String>,
    level: u32,
}

#[derive(Debug)]
struct Pair {
    first: String,
    second: String,
}

fn label(n: u32) -> Result<String, String> {
    if n > 9 {
        return Err(format!("{n} is too big"));
    }
    Ok(format!("item {n}"))
}

fn pair(a: u32, b: u32) -> Result<Pair, String> {
    Ok(Pair {
        second: label(b)?,
        first: label(a)?,
    })
}

fn main() {
    let p = Pair {
        second: String::from("written first"),
        first: String::from("written second"),
    };
    println!("{} / {}", p.first, p.second);

    let base = Config {
        name: "base".to_string(),
        tags: vec!["x".to_string(), "y".to_string()],
        level: 3,
    };
    let derived = Config {
        name: "derived".to_string(),
        ..base
    };
    println!("{:?}", derived);
    println!("base keeps its name: {}", base.name);

    let quick = Config {
        level: 7,
        ..Default::default()
    };
    println!("{:?} {}", quick, quick.tags.capacity());
    let named = Config {
        tags: vec!["t".to_string()],
        ..Config {
            name: "temp".to_string(),
            tags: Vec::with_capacity(4),
            level: 1,
        }
    };
    println!("{:?}", named);

    match pair(1, 2) {
        Ok(p) => println!("{} and {}", p.first, p.second),
        Err(e) => println!("error: {e}"),
    }
    match pair(10, 2) {
        Ok(p) => println!("{} and {}", p.first, p.second),
        Err(e) => println!("error: {e}"),
    }
}
