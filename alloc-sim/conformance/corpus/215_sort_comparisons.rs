// std's sorts hand up to 20 elements to an insertion sort: the closure
// sees `(v[i], v[i - 1])` first, and a key that allocates is made for
// both sides of each comparison, then dropped, the second key first.
#[derive(Debug)]
struct Card {
    rank: u8,
    name: String,
}

fn main() {
    let mut v = vec![5, 3, 8, 3, 1];
    v.sort_by(|a, b| {
        println!("compare {} {}", a, b);
        a.cmp(b)
    });
    println!("{:?}", v);

    let mut words = vec![
        String::from("pear"),
        String::from("Apple"),
        String::from("fig"),
        String::from("apple"),
    ];
    words.sort_by_key(|w| w.to_lowercase());
    println!("{:?}", words);

    let mut cards = vec![
        Card { rank: 3, name: String::from("three") },
        Card { rank: 1, name: String::from("one") },
        Card { rank: 3, name: String::from("other three") },
        Card { rank: 2, name: String::from("two") },
    ];
    cards.sort_unstable_by(|a, b| {
        println!("{} vs {}", a.name, b.name);
        b.rank.cmp(&a.rank)
    });
    println!("{:?}", cards);

    let mut keyed = vec![4u32, 1, 3, 1, 2];
    keyed.sort_by_key(|k| format!("{:03}", k));
    println!("{:?}", keyed);
}
