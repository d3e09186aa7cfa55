// iter().map().collect() builds a new Vec of exactly the right size.
fn main() {
    let numbers: Vec<u32> = vec![1, 2, 3, 4, 5];
    let squares: Vec<u32> = numbers.iter().map(|x| x * x).collect();
    let labels: Vec<String> = numbers.iter().map(|x| format!("#{}", x)).collect();
    println!("{:?}", squares);
    println!("{:?}", labels);
}
