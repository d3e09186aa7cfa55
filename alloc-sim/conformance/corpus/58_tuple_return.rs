// A function returning a tuple, destructured by `let`.
fn min_max(v: &[i64]) -> (i64, i64) {
    let mut lo = v[0];
    let mut hi = v[0];
    for &x in v {
        lo = lo.min(x);
        hi = hi.max(x);
    }
    (lo, hi)
}

fn main() {
    let data = vec![12, -4, 33, 7];
    let (lo, hi) = min_max(&data);
    println!("min {} max {} range {}", lo, hi, hi - lo);
    let (q, r) = (17 / 5, 17 % 5);
    println!("17 = 5 * {} + {}", q, r);
}
