// Consuming adapters: sum, count, min, max, fold.
fn main() {
    let v = vec![4, 8, 15, 16, 23, 42];
    let sum: i32 = v.iter().sum();
    let big = v.iter().filter(|x| **x > 10).count();
    println!("sum {} count>10 {}", sum, big);
    println!("min {:?} max {:?}", v.iter().min(), v.iter().max());
    let product = v.iter().fold(1i64, |acc, x| acc * *x as i64);
    println!("product {}", product);
    let empty: Vec<i32> = Vec::new();
    println!("max of nothing {:?}", empty.iter().max());
}
