// filter, enumerate, zip, rev, take, skip, chain: lazy until collected.
fn main() {
    let v: Vec<i32> = (1..=10).collect();
    let evens: Vec<i32> = v.iter().filter(|x| *x % 2 == 0).cloned().collect();
    println!("evens {:?}", evens);
    for (i, x) in v.iter().enumerate().skip(7) {
        println!("v[{}] = {}", i, x);
    }
    let pairs: Vec<(i32, char)> = v.iter().copied().zip("abc".chars()).collect();
    println!("pairs {:?}", pairs);
    let back: Vec<i32> = v.iter().rev().take(3).copied().collect();
    println!("last three reversed {:?}", back);
    let joined: Vec<i32> = v[..2].iter().chain(v[8..].iter()).copied().collect();
    println!("chained {:?}", joined);
}
