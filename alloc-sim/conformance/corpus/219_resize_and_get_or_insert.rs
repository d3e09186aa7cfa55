// `Vec::resize` grows by `reserve` and clones (the value itself last) or
// shrinks by `truncate` (the value dropped after); `Option::get_or_insert`
// and its kin put a value in a `None` and lend what is there; an inner
// `collect()` takes its type from the outer one's.
fn main() {
    let mut names: Vec<String> = vec![String::from("a")];
    names.resize(4, String::from("blank"));
    println!("{:?} {}", names, names.capacity());
    names.resize(2, String::from("unused"));
    println!("{:?}", names);
    let mut counts = vec![1u64, 2];
    counts.resize(5, 0);
    println!("{:?}", counts);

    let mut cache: Option<Vec<u32>> = None;
    cache.get_or_insert(vec![1, 2]).push(3);
    cache.get_or_insert(vec![9]).push(4);
    println!("{:?}", cache);
    let mut label: Option<String> = None;
    label.get_or_insert_with(|| String::from("made once")).push('!');
    label.get_or_insert_with(|| String::from("never made"));
    let old = label.insert(String::from("replaced"));
    old.push_str(" now");
    println!("{:?}", label);
    let mut n: Option<u32> = None;
    *n.get_or_insert(5) += 1;
    println!("{:?}", n);

    let lines = vec!["ab cd", "e f g"];
    let grid: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l.split(' ').map(String::from).collect())
        .collect();
    println!("{:?}", grid);
}
