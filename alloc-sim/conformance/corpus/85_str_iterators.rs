// A string's iterators allocate nothing; what they are collected into does,
// sized by what each iterator promises: `bytes()` knows its length, `chars()`
// a quarter of it, `split` nothing at all.
fn main() {
    let csv = "pear,fig,banana,kiwi,plum,lime";
    let fruits: Vec<&str> = csv.split(',').collect();
    println!("{:?} (capacity {})", fruits, fruits.capacity());
    let letters: Vec<char> = "allocator".chars().collect();
    println!("{} chars, capacity {}", letters.len(), letters.capacity());
    let raw: Vec<u8> = "heap".bytes().collect();
    println!("{:?} capacity {}", raw, raw.capacity());
    let at: Vec<(usize, char)> = "añb".char_indices().collect();
    println!("{:?}", at);
    let text = String::from("first line\nsecond line\n\nfourth");
    for (i, line) in text.lines().enumerate() {
        println!("{}: {:?}", i + 1, line);
    }
    let parts: Vec<&str> = "a=b=c".splitn(2, '=').collect();
    println!("{:?}", parts);
    let back: Vec<&str> = "x/y/z".rsplit('/').collect();
    println!("{:?}", back);
    let hits = "banana".matches("an").count();
    println!("an x{}", hits);
    let mut words: Vec<&str> = text.split_whitespace().collect();
    words.sort();
    words.dedup();
    println!("{:?}", words);
    // Overlapping matches: from the back they are found differently.
    let fwd: Vec<&str> = "aaaa|aaa".split("aa").collect();
    let rev: Vec<&str> = "aaaa|aaa".rsplit("aa").collect();
    println!("{:?} {:?}", fwd, rev);
    let term: Vec<&str> = "a;b;".split_terminator(';').collect();
    let incl: Vec<&str> = "one\ntwo\n".split_inclusive('\n').collect();
    let empty: Vec<&str> = "".split(',').collect();
    let none: Vec<&str> = "".split_terminator(',').collect();
    let each: Vec<&str> = "abc".split("").collect();
    let set: Vec<&str> = "a1b22c".split(['1', '2']).collect();
    println!("{:?} {:?} {:?} {:?} {:?} {:?}", term, incl, empty, none, each, set);
    let last_two: Vec<&str> = "a.b.c.d".rsplitn(2, '.').collect();
    println!("{:?} {:?}", last_two, "k=v".splitn(0, '=').count());
    let padded = String::from("  trimmed  ");
    println!("[{}] [{}]", padded.trim(), padded.trim_start());
}
