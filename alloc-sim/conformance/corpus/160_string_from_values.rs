// String::from of a &String (a copy), of a String (moved: no call) and
// of a char; map(String::from) over borrowed Strings.
fn main() {
    let s = String::from("hi");
    let t = String::from(s);
    let r = &t;
    let u = String::from(r);
    let c = String::from('x');
    let names = vec![t, u];
    let copies: Vec<String> = names.iter().map(String::from).collect();
    println!("{:?} {:?} {}", names, copies, c);
}
