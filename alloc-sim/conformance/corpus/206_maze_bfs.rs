// Breadth-first search on a maze given as text: the grid as
// `Vec<Vec<char>>`, a `VecDeque<(usize, usize)>` frontier, a
// `Vec<Vec<i32>>` of distances (-1 for unseen), neighbours from a closure, and
// the path marked back into the grid.
use std::collections::VecDeque;

fn main() {
    let maze = "S..#\n.#..\n...#\n#..E";
    let mut grid: Vec<Vec<char>> = maze.lines().map(|l| l.chars().collect::<Vec<char>>()).collect();
    let (h, w) = (grid.len(), grid[0].len());
    let mut dist: Vec<Vec<i32>> = vec![vec![-1; w]; h];
    let mut prev: Vec<Vec<(usize, usize)>> = vec![vec![(h, w); w]; h];
    let mut queue = VecDeque::new();
    queue.push_back((0usize, 0usize));
    dist[0][0] = 0;
    let neighbours = |r: usize, c: usize| {
        let mut out = Vec::new();
        if r > 0 { out.push((r - 1, c)); }
        if r + 1 < h { out.push((r + 1, c)); }
        if c > 0 { out.push((r, c - 1)); }
        if c + 1 < w { out.push((r, c + 1)); }
        out
    };
    while let Some((r, c)) = queue.pop_front() {
        let d = dist[r][c];
        for (nr, nc) in neighbours(r, c) {
            if grid[nr][nc] != '#' && dist[nr][nc] < 0 {
                dist[nr][nc] = d + 1;
                prev[nr][nc] = (r, c);
                queue.push_back((nr, nc));
            }
        }
    }
    let end = (h - 1, w - 1);
    println!("steps: {}", dist[end.0][end.1]);
    let mut at = prev[end.0][end.1];
    while at != (0, 0) {
        grid[at.0][at.1] = '*';
        at = prev[at.0][at.1];
    }
    for row in &grid {
        println!("{}", row.iter().collect::<String>());
    }
    let reachable = dist.iter().map(|r| r.iter().filter(|d| **d >= 0).count()).sum::<usize>();
    println!("reachable {}", reachable);
}
