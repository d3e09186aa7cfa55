// `collect::<Vec<_>>()` of items that are `Vec`s (`map(|n| vec![n; n])`,
// `Vec::<char>::with_capacity`): the outer buffer comes first, sized for the
// length the iterator knows, before the first item allocates, as in
// std, whatever the inner `Vec`s hold (every `Vec` is three words); the
// inner `Vec`s then take the type their items give them.
fn main() {
    let rows = (1..4u8).map(|n| vec![n; n as usize]).collect::<Vec<_>>();
    println!("{:?}", rows);
    let grid: Vec<_> = (0..3).map(|r| vec![r * 10, r * 10 + 1]).collect();
    println!("{:?} {}", grid, grid[2][1]);
    let mut buckets: Vec<_> = [2usize, 0, 5].iter().map(|&c| Vec::<char>::with_capacity(c)).collect();
    buckets[0].push('a');
    buckets[2].push('b');
    buckets[1].push('c');
    println!("{:?} {:?}", buckets, buckets.iter().map(|b| b.capacity()).collect::<Vec<_>>());
    let words = ["ab", "c"];
    let spelled = words.iter().map(|w| w.chars().collect::<Vec<char>>()).collect::<Vec<_>>();
    println!("{:?}", spelled);
    let tables: Vec<_> = words.iter().map(|w| vec![w.len() as u64; 2]).rev().collect();
    println!("{:?}", tables);
}
