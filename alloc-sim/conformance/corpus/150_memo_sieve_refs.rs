// Memoised recursion through a &mut HashMap, a sieve over a Vec<bool>
// whose filter closure matches through the item's reference (|(_, &p)|),
// and bit twiddling; first, elements of a Vec<u32> written through
// &mut v[i], once by a binding and once by a function taking &mut u32.
use std::collections::HashMap;

fn fib_memo(n: u64, memo: &mut HashMap<u64, u64>) -> u64 {
    if n < 2 { return n; }
    if let Some(&v) = memo.get(&n) { return v; }
    let v = fib_memo(n - 1, memo) + fib_memo(n - 2, memo);
    memo.insert(n, v);
    v
}

fn primes(limit: usize) -> Vec<usize> {
    let mut sieve = vec![true; limit + 1];
    sieve[0] = false;
    if limit >= 1 { sieve[1] = false; }
    let mut i = 2;
    while i * i <= limit {
        if sieve[i] {
            let mut j = i * i;
            while j <= limit { sieve[j] = false; j += i; }
        }
        i += 1;
    }
    sieve.iter().enumerate().filter(|(_, &p)| p).map(|(i, _)| i).collect()
}

fn main() {
    main_refs();
    let mut memo = HashMap::new();
    println!("fib(40) = {}", fib_memo(40, &mut memo));
    println!("memo holds {}", memo.len());
    let ps = primes(50);
    println!("{} primes: {:?}", ps.len(), ps);
    let s: String = ps.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(",");
    println!("{s}");
    let total: usize = ps.iter().sum();
    let avg = total as f64 / ps.len() as f64;
    println!("avg {avg:.3}");
    let mut bits = 0u64;
    for p in &ps { bits |= 1 << p; }
    println!("{:#x} {}", bits, bits.count_ones());
}
fn bump(x: &mut u32) { *x += 1; }
fn main_refs() {
    let mut v = vec![1u32, 2, 3];
    let r = &mut v[1];
    *r = 10;
    bump(&mut v[2]);
    println!("{:?}", v);
}
