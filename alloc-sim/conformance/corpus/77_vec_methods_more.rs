// More Vec methods: retain, drain, extend, split_off, append, and friends.
fn main() {
    let mut v: Vec<i32> = vec![5, 12, 7, 3, 20, 8, 1, 15];
    v.retain(|x| *x != 7);
    println!("retain {:?}", v);
    let front: Vec<i32> = v.drain(..2).collect();
    println!("drained {:?} left {:?}", front, v);
    v.extend(&[30, 31]);
    v.extend(front);
    println!("extended {:?} cap {}", v, v.capacity());
    let mut tail = v.split_off(4);
    println!("split {:?} | {:?}", v, tail);
    v.append(&mut tail);
    println!("appended {:?}, tail empty {}", v, tail.is_empty());
    v.truncate(6);
    v.insert(1, 99);
    println!("truncate+insert {:?}", v);
    v.sort();
    println!("sorted {:?}", v);
    println!("search 20 {:?}, search 4 {:?}", v.binary_search(&20), v.binary_search(&4));
    v.sort_by(|a, b| b.cmp(a));
    println!("descending {:?}", v);
    let ascending: Vec<&i32> = v.iter().rev().collect();
    println!("rev {:?}", ascending);
    let boxed: Box<[i32]> = v.into_boxed_slice();
    println!("boxed {:?} len {}", boxed, boxed.len());
}
