// sort_by with a comparator, sort_by_key, sort_unstable_by, and Ordering
// matched, chained and printed.
use std::cmp::Ordering;

#[derive(Debug)]
struct Player {
    name: String,
    score: u32,
}

fn main() {
    let mut v = vec![5, 3, 8, 3, 1, 8, 8, 2, 9, 0, 4, 7, 6, 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    v.sort_by(|a, b| b.cmp(a));
    println!("{:?}", v);
    v.sort_unstable_by(|a, b| a.cmp(b));
    println!("{:?}", v);
    let mut players = vec![
        Player { name: String::from("cy"), score: 7 },
        Player { name: String::from("ann"), score: 9 },
        Player { name: String::from("bo"), score: 7 },
    ];
    players.sort_by(|a, b| b.score.cmp(&a.score).then(a.name.cmp(&b.name)));
    for p in &players {
        println!("{} {}", p.name, p.score);
    }
    players.sort_by_key(|p| p.score);
    println!("{:?}", players[0]);
    match 3.cmp(&5) {
        Ordering::Less => println!("less"),
        Ordering::Equal => println!("equal"),
        Ordering::Greater => println!("greater"),
    }
    let o = "b".cmp("a");
    println!("{:?} {:?} {}", o, o.reverse(), o.is_gt());
    println!("{:?}", 2.5f64.partial_cmp(&1.0));
}
