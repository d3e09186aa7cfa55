// A C-like enum: explicit discriminants, casts, and `|` patterns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    North = 1,
    East = 2,
    South = 4,
    West = 8,
}

fn turn_right(d: Dir) -> Dir {
    match d {
        Dir::North => Dir::East,
        Dir::East => Dir::South,
        Dir::South => Dir::West,
        Dir::West => Dir::North,
    }
}

fn main() {
    let all = [Dir::North, Dir::East, Dir::South, Dir::West];
    let mut mask = 0;
    for d in all {
        let axis = match d {
            Dir::North | Dir::South => "vertical",
            Dir::East | Dir::West => "horizontal",
        };
        println!("{:?} = {} ({}), right turn {:?}", d, d as i32, axis, turn_right(d));
        mask |= d as i32;
    }
    println!("mask {:#06b}", mask);
    println!("size_of Dir: {}", std::mem::size_of::<Dir>());
    println!("size_of Option<Dir>: {}", std::mem::size_of::<Option<Dir>>());
    let none: Option<Dir> = None;
    println!("{:?} {:?}", Some(Dir::West), none);
}
