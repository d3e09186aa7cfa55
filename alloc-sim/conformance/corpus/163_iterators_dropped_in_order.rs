// When an iterator goes, and what goes with it. A consumer that borrows
// (`find`, `any`, `next`) leaves a temporary iterator to the end of its
// statement, so a `Vec` it took is freed after that statement's other
// calls; one that takes it (`sum`, `collect`) drops it inside. `chain` and
// `zip` free both buffers when the pair goes, the first first; `map` over
// `into_iter()` drops the items not taken, then the buffer.
fn main() {
    let v = vec![String::from("a"), String::from("bb"), String::from("ccc")];
    let mut it = v.into_iter();
    let f = it.find(|s| s.len() == 2);
    println!("{:?}", f);
    println!("{:?}", it.next());
    let w = vec![1u32, 2, 3];
    let s = format!("{:?}", w.into_iter().find(|x| *x == 2));
    println!("{}", s);
    let w2 = vec![4u64, 5, 6];
    let t = format!("{:?}", w2.into_iter().next());
    println!("{}", t);
    let w3 = vec![7u8, 8];
    let any = w3.into_iter().any(|x| x == 8);
    println!("{}", any);

    let a = vec![1u32, 2];
    let b = vec![3u32, 4];
    let sum: u32 = a.into_iter().chain(b.into_iter()).sum();
    let after = String::from("after");
    println!("{} {}", sum, after);
    let c = vec![String::from("x"), String::from("y"), String::from("z")];
    let mut lens = c.into_iter().map(|s| s.len());
    println!("{:?}", lens.next());
    drop(lens);
    let d = vec![1u64, 2, 3];
    let e = vec![String::from("p"), String::from("q")];
    let z: Vec<(u64, String)> = d.into_iter().zip(e.into_iter()).collect();
    println!("{:?}", z);

    // `enumerate` in a `for` stays lazy: each string is made as the loop
    // reaches it, between the pushes.
    let nums = vec![10u32, 20, 30];
    let mut out = Vec::new();
    for (i, s) in nums.iter().map(|x| x.to_string()).enumerate() {
        out.push(format!("{i}:{s}"));
    }
    println!("{:?}", out);
}
