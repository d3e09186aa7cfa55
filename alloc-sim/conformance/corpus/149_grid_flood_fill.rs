// A grid parsed from text: Vec::with_capacity whose element type rustc
// takes from the struct field it ends in, an enum pushed per char, and a
// flood fill over a stack of (x, y) tuples.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell { Empty, Wall, Start }

struct Grid { w: usize, h: usize, cells: Vec<Cell> }

impl Grid {
    fn parse(s: &str) -> Grid {
        let lines: Vec<&str> = s.lines().collect();
        let h = lines.len();
        let w = lines[0].len();
        let mut cells = Vec::with_capacity(w * h);
        for line in &lines {
            for c in line.chars() {
                cells.push(match c { '#' => Cell::Wall, 'S' => Cell::Start, _ => Cell::Empty });
            }
        }
        Grid { w, h, cells }
    }
    fn get(&self, x: usize, y: usize) -> Option<Cell> {
        if x < self.w && y < self.h { Some(self.cells[y * self.w + x]) } else { None }
    }
    fn count(&self, kind: Cell) -> usize { self.cells.iter().filter(|&&c| c == kind).count() }
}

fn main() {
    let g = Grid::parse("#..#\n.S..\n####");
    println!("{}x{} walls={} empty={}", g.w, g.h, g.count(Cell::Wall), g.count(Cell::Empty));
    println!("{:?} {:?}", g.get(1, 1), g.get(9, 9));
    let mut seen = vec![false; g.w * g.h];
    let mut stack = vec![(1usize, 1usize)];
    let mut reached = 0;
    while let Some((x, y)) = stack.pop() {
        if seen[y * g.w + x] { continue; }
        seen[y * g.w + x] = true;
        reached += 1;
        let dirs: [(i32, i32); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];
        for (dx, dy) in dirs {
            let nx = x as i32 + dx;
            let ny = y as i32 + dy;
            if nx < 0 || ny < 0 { continue; }
            if let Some(c) = g.get(nx as usize, ny as usize) {
                if c != Cell::Wall { stack.push((nx as usize, ny as usize)); }
            }
        }
    }
    println!("reached {reached}");
}
