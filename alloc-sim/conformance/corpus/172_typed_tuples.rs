// A tuple written where a tuple type is declared (a function's return
// type, a `let`'s type, a `Vec`'s element type) types each element by
// its place: `vec![1, 2]` in a `(String, Vec<u8>)` is two bytes, not two
// `i32`s; so does `Some(…)` where an `Option` is declared. A nested tuple
// pattern in `let` binds as `match` binds. What a pattern leaves of a
// temporary (`_`, `..`, or all of it when `if let` does not match) is
// dropped at the end of the statement; what it binds, with its binding.
fn make() -> (String, Vec<u8>) {
    (String::from("hi"), vec![1, 2])
}

fn pair() -> (Vec<u16>, (u8, Vec<u64>)) {
    (vec![1, 2, 3], (7, vec![4]))
}

fn maybe(n: u8) -> Option<(String, Vec<u8>)> {
    if n > 0 {
        Some((String::from("ab"), vec![n]))
    } else {
        None
    }
}

struct Pair {
    name: String,
    bytes: Vec<u8>,
}

fn main() {
    let o: Option<Vec<u8>> = Some(vec![3, 4]);
    let (_, w) = make();
    match make() {
        (_, v) => println!("{v:?}"),
    }
    println!("after match");
    if let Some((s, _)) = maybe(1) {
        println!("{s}");
    }
    if let (_, 9) = (String::from("gone"), 1) {
        println!("never");
    }
    let len = match maybe(2) {
        Some((s, _)) => s.len(),
        None => 0,
    };
    let Pair { name, .. } = Pair { name: String::from("x"), bytes: vec![1] };
    let Pair { bytes: _, name: other } = Pair { name: String::from("y"), bytes: vec![2] };
    println!("{o:?} {w:?} {len} {name} {other}");
    let (s, v) = make();
    let p: (u8, Vec<u32>) = (1, vec![5, 6]);
    let (a, (b, c)) = pair();
    let q: Vec<(u8, Vec<u8>)> = vec![(1, vec![2, 3])];
    let (_, (d, _)) = pair();
    println!("{s} {v:?} {} {:?} {a:?} {b} {c:?} {q:?} {d}", p.0, p.1);
}
