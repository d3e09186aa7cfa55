// Slices of Vecs, arrays and strings borrow (no calls); `to_vec` copies into
// a new block; `let … else` and destructuring `let` bind what they match.
struct Point {
    x: i32,
    y: i32,
}

fn total(xs: &[u64]) -> u64 {
    xs.iter().sum()
}

fn first_word(s: &str) -> &str {
    let Some(end) = s.find(' ') else {
        return s;
    };
    &s[..end]
}

fn main() {
    let v: Vec<u64> = (1..=8).collect();
    let head = &v[..3];
    let tail = &v[5..];
    println!("{:?} {:?} {} {}", head, tail, total(head), total(&v[2..=4]));
    let owned = v[1..4].to_vec();
    println!("{:?} capacity {}", owned, owned.capacity());
    let (left, right) = v.split_at(2);
    println!("{} | {}", left.len(), right.len());
    let greeting = String::from("hello wide world");
    println!("[{}] [{}] [{}]", first_word(&greeting), &greeting[6..10], first_word("single"));
    let (a, b) = "key=value".split_at(3);
    println!("{} {}", a, b);
    let p = Point { x: 3, y: -4 };
    let Point { x, y } = p;
    println!("{} {}", x, y);
    let pairs = vec![(1, 'a'), (2, 'b')];
    for &(n, c) in &pairs {
        let Some(up) = "xab".find(c) else {
            continue;
        };
        println!("{} {}", n, up);
    }
}
