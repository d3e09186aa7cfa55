// `by_ref()` lends an iterator to an adapter and gets it back: `take(2)`
// of a slice's iterator collects exactly two (`&mut I` keeps `TrustedLen`),
// a `for` loop over it can `break` and leave the rest, `take_while` stops
// without losing what follows. A `skip_while` whose closure owns a
// `String` drops it with the adapter, after the items left.
fn main() {
    let v = vec![1, 2, 3, 4, 5];
    let mut it = v.iter();
    let firsts: Vec<i32> = it.by_ref().take(2).cloned().collect();
    println!("{:?} {:?}", firsts, it.next());

    let words = vec![String::from("a"), String::from("b"), String::from("c")];
    let mut w = words.into_iter();
    for s in w.by_ref() {
        if s == "b" {
            break;
        }
        println!("{s}");
    }
    let rest: Vec<String> = w.collect();
    println!("{:?}", rest);

    let text = "12 apples and 7 pears";
    let mut chars = text.chars();
    let digits: String = chars.by_ref().take_while(|c| c.is_ascii_digit()).collect();
    let rest: String = chars.collect();
    println!("{digits}|{rest}");

    let marker = String::from("#");
    let lines = vec![String::from("# one"), String::from("# two"), String::from("body"), String::from("end")];
    let mut body = lines.into_iter().skip_while(move |l| l.starts_with(marker.as_str()));
    println!("{:?}", body.next());
    drop(body);
    let after = String::from("after");
    println!("{after}");
}
