// Slices that are the elements themselves: `&mut v[a..b]` and `&mut [T]`
// parameters change the Vec where its elements are; `v[a..b].sort()`
// sorts part of it in place (the stable sort's scratch buffer only past
// std's small-slice limit); `&names[1..]` of a Vec<String> lends the
// Strings, so nothing is copied or freed.
fn bump(s: &mut [u32]) {
    s[0] += 10;
    s.swap(0, s.len() - 1);
}

fn total(s: &[u32]) -> u32 {
    s.iter().sum()
}

fn longest(names: &[String]) -> usize {
    names.iter().map(|n| n.len()).max().unwrap_or(0)
}

fn main() {
    let mut v = vec![5u32, 3, 9, 1, 7];
    bump(&mut v);
    println!("{:?}", v);
    bump(&mut v[2..]);
    println!("{:?} {}", v, total(&v[1..4]));
    let s = &mut v[1..4];
    s[0] = 100;
    s[2] *= 2;
    s.sort();
    s.reverse();
    println!("{:?}", v);
    v[..3].sort_unstable();
    v.swap(0, 4);
    println!("{:?}", v);

    // Long enough for the stable sort to take a scratch buffer.
    let mut big: Vec<u64> = (0..60).map(|i| (i * 37 + 11) % 60).collect();
    big[10..50].sort();
    println!("{:?}", &big[8..14]);
    let part = &mut big[40..];
    part.sort();
    let copy = part.to_vec();
    println!("{:?} {}", &copy[..4], copy.len());

    let mut arr = [4u8, 2, 8, 6];
    arr[1..].sort();
    let a = &mut arr[..2];
    a.swap(0, 1);
    println!("{:?}", arr);

    let names = vec!["ann".to_string(), "bo".to_string(), "cyrus".to_string(), "dee".to_string()];
    let tail = &names[1..];
    println!("{:?} {} {} {}", tail, tail.len(), tail[1], longest(&names[..2]));
    for n in &names[2..] {
        println!("{n}");
    }
    let mut owned = names.clone();
    owned[1..].sort();
    owned[..2].swap(0, 1);
    println!("{:?} {:?}", owned, names);
}
