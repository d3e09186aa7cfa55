// A struct with a String and a Vec inside, and methods on it: the struct
// lives on the stack; its String and Vec each own a buffer on the heap,
// freed when the struct goes out of scope (fields in declaration order).
struct Playlist {
    name: String,
    tracks: Vec<u32>,
}

impl Playlist {
    fn new(name: &str) -> Playlist {
        Playlist {
            name: String::from(name),
            tracks: Vec::new(),
        }
    }

    fn add(&mut self, seconds: u32) {
        self.tracks.push(seconds);
    }

    fn total(&self) -> u32 {
        let mut sum = 0;
        for t in &self.tracks {
            sum += t;
        }
        sum
    }
}

fn main() {
    let mut p = Playlist::new("morning");
    for s in [180, 240, 200, 210, 195] {
        p.add(s);
    }
    println!("{}: {} tracks, {} s", p.name, p.tracks.len(), p.total());
}
