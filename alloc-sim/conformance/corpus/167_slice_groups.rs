// `windows`, `chunks`, `chunks_exact` and `rchunks`: std's slice iterators
// of sub-slices. Each sub-slice borrows the elements where they are (no
// allocator call); `collect` knows their number exactly (`TrustedLen`), so
// two windows collect into a Vec of exactly two.
fn main() {
    let v = vec![3, 1, 4, 1, 5, 9, 2, 6];
    let rising = v.windows(2).filter(|w| w[0] < w[1]).count();
    println!("{rising} rises");
    for c in v.chunks(3) {
        println!("{:?} sums to {}", c, c.iter().sum::<i32>());
    }
    let sums: Vec<i32> = v.chunks_exact(3).map(|c| c.iter().sum()).collect();
    println!("{sums:?}");
    let backs: Vec<Vec<i32>> = v.rchunks(3).map(|c| c.to_vec()).collect();
    println!("{backs:?}");
    let two: Vec<i32> = v[..3].windows(2).map(|w| w[1] - w[0]).collect();
    println!("{two:?} in {} slots", two.capacity());
    let names = vec![String::from("ada"), String::from("grace"), String::from("barbara")];
    for pair in names.windows(2) {
        println!("{} then {}", pair[0], pair[1]);
    }
    let longest = names.chunks(2).map(|c| c.len()).max();
    println!("{longest:?}");
    let bytes = "hello".as_bytes();
    let doubled = bytes.windows(2).filter(|w| w[0] == w[1]).count();
    println!("{doubled} doubled letter");
    let arr = [1u8, 2, 3, 4, 5];
    let halves: Vec<usize> = arr.chunks(2).map(|c| c.len()).collect();
    println!("{halves:?}");
}
