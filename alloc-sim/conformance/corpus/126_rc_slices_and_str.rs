// Rc<str>, Rc<[T]>, Arc<str> and Arc<[T]>: one block of the two counts and
// then the text or the elements, as many as there are. From a String or a
// Vec, the block is allocated, the contents copied over, and the old buffer
// freed (all of its capacity); from a &str, a slice or an array, only the
// block. Clones only count; the last one frees the block, after dropping
// the elements.
use std::rc::Rc;
use std::sync::Arc;

#[derive(Debug)]
struct Tag {
    name: Rc<str>,
    uses: u32,
}

fn main() {
    let hello: Rc<str> = Rc::from("hello");
    let again = Rc::clone(&hello);
    println!("{} {} {} {}", hello, again.len(), Rc::strong_count(&hello), hello.to_uppercase());

    let mut owned = String::with_capacity(20);
    owned.push_str("shared text");
    let shared: Rc<str> = Rc::from(owned);
    println!("{shared:?} {} {}", &shared[..6], Rc::ptr_eq(&hello, &again));

    let numbers: Rc<[u32]> = Rc::from(vec![1, 2, 3]);
    let total: u32 = numbers.iter().sum();
    println!("{:?} {} {} {}", numbers, numbers.len(), numbers[1], total);

    let mut grown: Vec<u16> = Vec::new();
    for i in 0..5 {
        grown.push(i * 10);
    }
    let frozen: Arc<[u16]> = Arc::from(grown);
    let view = Arc::clone(&frozen);
    println!("{:?} {}", view, Arc::strong_count(&frozen));

    let pair: Arc<[u64]> = Arc::from([4, 5]);
    let tail: Rc<[u32]> = Rc::from(&numbers[1..]);
    println!("{:?} {:?}", pair, tail);

    let word: Rc<str> = "into".into();
    let label: Arc<str> = Arc::from(String::from("label"));
    println!("{word} {label}");

    let names: Rc<[String]> = Rc::from(vec!["ann".to_string(), "bo".to_string()]);
    let names2 = names.clone();
    println!("{:?} {} {}", names2, names[1], names.iter().map(|n| n.len()).sum::<usize>());
    drop(names);
    drop(names2);

    let tags = vec![
        Tag { name: hello.clone(), uses: 1 },
        Tag { name: Rc::from("other"), uses: 2 },
    ];
    let list: Vec<Rc<str>> = vec![word.clone(), shared.clone(), word];
    println!("{:?} {:?} {}", tags, list, Rc::strong_count(&hello));
    drop(tags);
    println!("{}", Rc::strong_count(&hello));
}
