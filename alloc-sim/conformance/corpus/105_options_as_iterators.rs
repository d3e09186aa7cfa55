// An Option is an iterator of zero or one items: chained onto another
// iterator, walked by a for loop, lent by iter(), summed, and flattened
// out of a Vec of Options. flatten() also takes apart a Vec of Vecs, each
// inner Vec freed as the walk leaves it.
fn main() {
    let extra = Some(9u32);
    let v = vec![1u32, 2, 3];
    let all: Vec<u32> = v.iter().copied().chain(extra).collect();
    println!("{:?} cap {}", all, all.capacity());
    for x in extra {
        println!("extra {x}");
    }
    let nothing: Option<u32> = None;
    for x in nothing {
        println!("never {x}");
    }
    let name: Option<String> = Some("heap".to_string());
    for s in name.iter() {
        println!("lent {s} of {}", s.len());
    }
    for s in &name {
        println!("lent again {s}");
    }
    println!("still here: {:?}", name);
    let total: u32 = extra.into_iter().chain(Some(1)).sum();
    println!("{total}");

    let maybe = vec![Some("a".to_string()), None, Some("bc".to_string())];
    let names: Vec<String> = maybe.into_iter().flatten().collect();
    println!("{:?} cap {}", names, names.capacity());

    let mut rows: Vec<Vec<u64>> = Vec::new();
    rows.push(vec![1u64, 2]);
    rows.push(Vec::<u64>::new());
    rows.push(vec![3u64, 4, 5]);
    let flat: Vec<u64> = rows.into_iter().flatten().collect();
    println!("{:?} cap {}", flat, flat.capacity());

    let nested: Option<Option<u8>> = Some(Some(4));
    println!("{:?}", nested.flatten());

    let mut words: Vec<Vec<String>> = Vec::with_capacity(2);
    words.push(vec!["x".to_string()]);
    words.push(vec!["y".to_string(), "z".to_string()]);
    for w in words.into_iter().flatten() {
        println!("word {w}");
    }
}
