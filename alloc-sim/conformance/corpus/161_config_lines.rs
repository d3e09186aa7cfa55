// Reading `key = value` lines: split_once and rsplit_once borrow the two
// halves (no call), the values parsed; the owned keys are the only blocks.
fn main() {
    let text = "name = allocscope\nsize=4096\n# a comment\npath = a/b/c\n";
    let mut keys: Vec<String> = Vec::new();
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else {
            println!("skipped {:?}", line);
            continue;
        };
        let key = key.trim();
        let value = value.trim();
        match value.parse::<u32>() {
            Ok(n) => println!("{key}: the number {n}"),
            Err(_) => println!("{key}: {value:?}"),
        }
        keys.push(key.to_string());
    }
    println!("{:?} {:?} {:?}", keys, "a/b/c".rsplit_once('/'), "abc".split_once("x"));
}
