// What an `Option` or `Result` method is given and does not return, it
// drops before it returns: `unwrap_or`'s and `ok_or`'s argument on a
// `Some`, `or`'s on a `Some`, `and`'s own value or its argument, both
// values of a `xor` of two `Some`s, and the error of an `Err` that
// `unwrap_or` replaces. Real Rust frees each block there; none leaks.
fn main() {
    let some: Option<i32> = Some(2);
    let none: Option<i32> = None;
    let a = some.unwrap_or(7);
    let r = some.ok_or(String::from("none"));
    let e = none.ok_or(String::from("missing"));
    println!("{} {:?} {:?}", a, r, e);

    let name: Option<String> = Some(String::from("ann"));
    let first = name.unwrap_or(String::from("nobody"));
    let other: Option<String> = None;
    let second = other.unwrap_or(String::from("somebody"));
    println!("{} {}", first, second);

    let x = Some(String::from("x")).or(Some(String::from("y")));
    let y = None.or(Some(String::from("z")));
    let z = Some(String::from("kept?")).and(Some(vec![1u8, 2]));
    let nothing: Option<String> = None;
    let w: Option<Vec<u8>> = nothing.and(Some(vec![3u8]));
    let v = Some(String::from("p")).xor(Some(String::from("q")));
    let u = Some(String::from("only")).xor(None);
    println!("{:?} {:?} {:?} {:?} {:?} {:?}", x, y, z, w, v, u);

    let ok: Result<u8, String> = Ok(1);
    let err: Result<u8, String> = Err(String::from("bad"));
    println!("{} {}", ok.unwrap_or(9), err.unwrap_or(9));
    let kept: Result<String, u8> = Ok(String::from("fine"));
    println!("{}", kept.unwrap_or(String::from("fallback")));
}
