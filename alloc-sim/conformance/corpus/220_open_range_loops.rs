// `for i in 1..` counts up until the loop breaks; `(1..).zip(…)` numbers
// another iterator's items. (Past the type's largest value std's
// `next` overflows, a panic: `250u8..` never gives 255.)
fn main() {
    let mut squares = Vec::new();
    for i in 1u32.. {
        if i * i > 50 {
            break;
        }
        squares.push(i * i);
    }
    println!("{:?}", squares);
    let names = vec![String::from("ada"), String::from("grace")];
    for (n, name) in (1..).zip(names.iter()) {
        println!("{}. {}", n, name);
    }
    let mut last: u8 = 0;
    for k in 250u8.. {
        last = k;
        if k == 254 {
            break;
        }
    }
    println!("{}", last);
}
