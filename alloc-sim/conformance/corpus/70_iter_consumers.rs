// More iterator consumers and adapters over a Vec<i32>.
fn main() {
    let v: Vec<i32> = vec![4, -2, 7, 0, 9, -5, 12, 3];
    let product = v.iter().filter(|x| **x != 0).fold(1i64, |acc, x| acc * *x as i64);
    println!("product of non-zero {}", product);
    println!("any negative {}", v.iter().any(|x| *x < 0));
    println!("all below 20 {}", v.iter().all(|x| *x < 20));
    println!("position of 0 {:?}", v.iter().position(|x| *x == 0));
    println!("first over 8 {:?}", v.iter().find(|x| **x > 8));
    let middle: Vec<i32> = v.iter().skip(2).take(3).cloned().collect();
    println!("skip 2 take 3 {:?}", middle);
    let extra = [100, 200];
    let both: Vec<i32> = v.iter().chain(extra.iter()).copied().collect();
    println!("chained {:?}", both);
    let repeated: Vec<i32> = v.iter().take(3).flat_map(|x| vec![*x, *x * 10]).collect();
    println!("flat_map {:?}", repeated);
    let texts = ["5", "x", "17", "-3", ""];
    let parsed: Vec<i32> = texts.iter().filter_map(|t| t.parse().ok()).collect();
    println!("filter_map {:?}", parsed);
    println!("last {:?} nth(3) {:?} nth(20) {:?}", v.iter().last(), v.iter().nth(3), v.iter().nth(20));
}
