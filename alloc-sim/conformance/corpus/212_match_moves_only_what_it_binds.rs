// A pattern on a place moves out only what its names bind by value: `_`
// and `..` leave the rest where it is, to be dropped with its owner; `ref`
// lends.
struct Person {
    name: String,
    tags: Vec<String>,
}

fn main() {
    let pair = (String::from("left"), String::from("right"));
    let (a, _) = pair;
    println!("took {}", a);

    let p: Option<String> = Some(String::from("kept"));
    if let Some(_) = p {
        println!("there is one");
    }
    let q: Option<Vec<u32>> = Some(vec![1, 2, 3]);
    if let Some(ref v) = q {
        println!("lent {}", v.len());
    }
    match q {
        Some(v) if v.len() > 10 => println!("long {:?}", v),
        Some(ref v) => println!("short {:?}", v),
        None => println!("none"),
    }

    let who = Person {
        name: String::from("Ada"),
        tags: vec![String::from("math"), String::from("engines")],
    };
    match who.name {
        ref n if n.len() > 5 => println!("long name {}", n),
        _ => println!("short name"),
    }
    let Person { name, .. } = who;
    println!("{} moved out; the tags stay", name);

    let mut stack: Option<Box<(u32, Option<String>)>> =
        Some(Box::new((7, Some(String::from("inner")))));
    while let Some(node) = stack {
        println!("node {}", node.0);
        stack = None;
    }
    println!("end");
}
