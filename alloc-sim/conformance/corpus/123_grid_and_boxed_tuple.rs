// A grid as a Vec<Vec<u32>>, written cell by cell through two indexes
// (`grid[r][c] = …` and `+=`): `vec![row; 3]` clones the row twice and
// moves it in last; `vec![x; 0]` drops `x`; and a tuple read through its
// Box.
fn main() {
    let mut grid: Vec<Vec<u32>> = vec![vec![0; 4]; 3];
    for r in 0..3 {
        for c in 0..4 {
            grid[r][c] = (r * 4 + c) as u32;
        }
    }
    grid[2][3] += 100;
    grid[0].push(9);
    let none: Vec<String> = vec![String::from("dropped"); 0];
    let both = Box::new((1u64, 3u32));
    let sum: u64 = both.0 + both.1 as u64;
    println!("{:?} {} {} {}", grid, grid[0].len(), sum, none.len());
}
