// rustc gives an unannotated `Vec` its element type from the lines after
// its `let`: a function it is passed to inside a print (`&Vec<Vec<usize>>`,
// `&[u64]`), or the function's return type when it is given back. The
// `Vec`s are made with those types from the start, so each allocation has
// the size rustc's does (8-byte `usize`s, not 4-byte `i32`s). A `let` of
// the same name ends the look.
use std::collections::VecDeque;

fn bfs(adj: &Vec<Vec<usize>>, start: usize) -> Vec<usize> {
    let mut seen = vec![false; adj.len()];
    let mut order = Vec::new();
    let mut queue = VecDeque::new();
    queue.push_back(start);
    seen[start] = true;
    while let Some(n) = queue.pop_front() {
        order.push(n);
        for &m in &adj[n] {
            if !seen[m] {
                seen[m] = true;
                queue.push_back(m);
            }
        }
    }
    order
}

fn sum(v: &[u64]) -> u64 {
    v.iter().sum()
}

fn evens(n: usize) -> Vec<u64> {
    let mut v = Vec::new();
    for i in 0..n {
        v.push(i as u64 * 2);
    }
    v
}

fn pair() -> Vec<u64> {
    let mut v = Vec::new();
    v.push(1);
    v.push(2);
    v
}

// The `v` given back is the second: the first keeps `i32`s.
fn rebound() -> Vec<u64> {
    let v = vec![1, 2];
    println!("{:?}", v);
    let v = vec![3];
    v
}

// A pattern that binds `v` again ends the look too.
fn rebound_in_a_pattern() {
    let v = vec![1, 2];
    println!("{:?}", v);
    let (v, n) = (vec![3u64], 1);
    println!("{} {}", sum(&v), n);
}

// A closure named `sum` is not the function `sum`.
fn shadowed_function() {
    let sum = |v: &Vec<i32>| v.len();
    let v = vec![1, 2];
    println!("{}", sum(&v));
}

fn main() {
    println!("{:?}", rebound());
    rebound_in_a_pattern();
    shadowed_function();
    // An unsuffixed number negated is checked only once its type is
    // known: here `i64`, which holds it.
    let x = -2147483648;
    let y = -x;
    let z: i64 = y;
    println!("{z}");
    let adj = vec![vec![1, 2], vec![3], vec![3], vec![]];
    println!("{:?}", bfs(&adj, 0));
    let nums = vec![3, 1, 2];
    println!("{} {}", sum(&nums), nums.len());
    println!("{:?} {:?}", evens(3), pair());
    let mut total = 0;
    for x in pair() {
        total += x;
    }
    let big: u64 = total;
    println!("{big}");
    // A `let` of the same name ends the look: the first `v` stays `i32`s.
    let v = vec![1, 2];
    let w = v.clone();
    let v = vec![3, 4, 5];
    println!("{} {:?}", sum(&v), w);
}
