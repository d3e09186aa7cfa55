// Index and IndexMut on the program's types: a grid indexed by (x, y)
// read, assigned and added to through index_mut, and a list of Strings
// lent out by index.
use std::ops::{Index, IndexMut};

struct Grid { w: usize, cells: Vec<u32> }

impl Index<(usize, usize)> for Grid {
    type Output = u32;
    fn index(&self, (x, y): (usize, usize)) -> &u32 { &self.cells[y * self.w + x] }
}
impl IndexMut<(usize, usize)> for Grid {
    fn index_mut(&mut self, (x, y): (usize, usize)) -> &mut u32 { &mut self.cells[y * self.w + x] }
}

struct Names { list: Vec<String> }
impl Index<usize> for Names {
    type Output = String;
    fn index(&self, i: usize) -> &String { &self.list[i] }
}

fn main() {
    let mut g = Grid { w: 3, cells: vec![0; 6] };
    g[(1, 1)] = 7;
    g[(2, 0)] += 5;
    println!("{} {} {}", g[(1, 1)], g[(2, 0)], g[(0, 0)]);
    let total: u32 = (0..2).map(|y| (0..3).map(|x| g[(x, y)]).sum::<u32>()).sum();
    println!("{total}");
    let n = Names { list: vec!["ann".to_string(), "bob".to_string()] };
    let first = &n[0];
    println!("{} {}", first, n[1].len());
    let upper = n[1].to_uppercase();
    println!("{upper}");
}
