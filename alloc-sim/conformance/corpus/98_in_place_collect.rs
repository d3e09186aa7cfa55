// Collecting a Vec's own into_iter(): std writes the new elements over
// the old block when they are no bigger and equally aligned (shrinking it
// when the sizes don't divide), and makes a new Vec when they aren't, or
// when an adapter (rev, chain) rules it out. Functions named as values.
use std::collections::BTreeMap;

fn shout(s: String) -> String {
    s.to_uppercase()
}

fn main() {
    let nums: Vec<u32> = (1..=10).collect();
    let doubled: Vec<u32> = nums.into_iter().map(|x| x * 2).collect();
    println!("{:?} cap {}", doubled, doubled.capacity());

    let words: Vec<String> = "one two three four five".split(' ').map(String::from).collect();
    let lens: Vec<usize> = words.into_iter().map(|w| w.len()).collect();
    println!("{:?} cap {}", lens, lens.capacity());

    let triples: Vec<[u8; 3]> = vec![[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    let pairs: Vec<[u8; 2]> = triples.into_iter().map(|t| [t[0], t[2]]).collect();
    println!("{:?} cap {}", pairs, pairs.capacity());

    let names: Vec<String> = vec!["ann".to_string(), "bob".to_string(), "cy".to_string(), "di".to_string()];
    let loud: Vec<String> = names.into_iter().take(2).map(shout).collect();
    println!("{:?} cap {}", loud, loud.capacity());

    let small: Vec<u16> = vec![5, 6, 7];
    let wide: Vec<(usize, u16)> = small.into_iter().enumerate().collect();
    println!("{:?}", wide);

    let back: Vec<u32> = vec![1, 2, 3].into_iter().rev().collect();
    println!("{:?}", back);

    let bytes: Vec<u8> = vec![300u32, 7, 255].into_iter().map(|x| x as u8).collect();
    println!("{:?}", bytes);

    let same: Vec<i64> = vec![9i64, 8, 7];
    let again: Vec<i64> = same.into_iter().collect();
    println!("{:?} cap {}", again, again.capacity());

    let mut it = vec![1u8, 2, 3, 4, 5, 6, 7, 8].into_iter();
    it.next();
    it.next();
    it.next();
    it.next();
    it.next();
    let rest: Vec<u8> = it.collect();
    println!("{:?} cap {}", rest, rest.capacity());

    let kept: Vec<String> = vec!["x".to_string(), "yy".to_string(), "zzz".to_string()]
        .into_iter()
        .filter(|s| s.len() != 2)
        .collect();
    println!("{:?} cap {}", kept, kept.capacity());

    let pairs = vec![(3u64, "c".to_string()), (1, "a".to_string()), (2, "b".to_string())];
    let map: BTreeMap<u64, String> = pairs.into_iter().collect();
    println!("{:?}", map);

    let lengths: Vec<usize> = ["ab", "cde"].iter().copied().map(str::len).collect();
    let maxed = [4, 9, 2].iter().copied().fold(0, u32::max);
    let some: Vec<Option<u32>> = vec![1u32, 2].into_iter().map(Some).collect();
    println!("{:?} {} {:?}", lengths, maxed, some);
}
