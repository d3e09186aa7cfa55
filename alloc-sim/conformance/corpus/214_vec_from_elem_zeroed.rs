// `vec![x; n]` asks for zeroed memory where std's `IsZero` says `x` is all
// zero bytes: integers, bools, chars, floats whose bits are 0, tuples of
// them, arrays of up to 16 of them, `None` of an integer or a `Box`, and
// `Some(false)` of an `Option<bool>`. Anything else is allocated and
// cloned in.
fn main() {
    let a = vec![0u32; 4];
    let b = vec![0.0f64; 4];
    let c = vec![-0.0f64; 4];
    let d = vec!['\0'; 4];
    let e = vec![(0u8, 0u16); 4];
    let f = vec![(0u8, 1u16); 4];
    let g = vec![[0u8; 16]; 2];
    let h = vec![[0u8; 17]; 2];
    let i: Vec<Option<u32>> = vec![None; 3];
    let j: Vec<Option<u32>> = vec![Some(0); 3];
    let k: Vec<Option<Box<u8>>> = vec![None; 3];
    let l: Vec<Option<bool>> = vec![Some(false); 3];
    let m: Vec<Option<bool>> = vec![None; 3];
    let n: Vec<Option<String>> = vec![None; 3];
    let o = vec![false; 5];
    let p = vec![1i64; 2];
    let q = vec![[(0u32, false); 2]; 3];
    println!(
        "{} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {}",
        a.len(), b.len(), c.len(), d.len(), e.len(), f.len(), g.len(), h.len(), i.len(),
        j.len(), k.len(), l.len(), m.len(), n.len(), o.len(), p.len(), q.len()
    );
}
