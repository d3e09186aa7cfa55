// Iterator adapters feeding collect, and the common consumers.
fn main() {
    let squares = (1..=10).map(|x| x * x).collect::<Vec<u64>>();
    println!("squares {:?}", squares);
    let odd_halves: Vec<u64> = squares.iter().filter(|x| *x % 2 == 1).map(|x| x / 2).collect();
    println!("odd halves {:?}", odd_halves);
    for (i, s) in squares.iter().enumerate().take(3) {
        println!("square #{} is {}", i, s);
    }
    let names = vec!["a", "b", "c"];
    let pairs: Vec<(&str, u64)> = names.iter().copied().zip(squares.iter().copied()).collect();
    println!("pairs {:?}", pairs);
    let backwards: Vec<u64> = squares.iter().rev().copied().collect();
    println!("reversed {:?}", backwards);
    println!("sum {}", squares.iter().sum::<u64>());
    println!("count over 20: {}", squares.iter().filter(|x| **x > 20).count());
    println!("min {:?} max {:?}", squares.iter().min(), squares.iter().max());
    let empty: Vec<u64> = Vec::new();
    println!("max of empty {:?}", empty.iter().max());
}
