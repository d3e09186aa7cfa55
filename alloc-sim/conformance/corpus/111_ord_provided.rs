// Ord's provided methods on the program's own type: `max` keeps the other
// value when the two are equal, `min` keeps `self`, `clamp` returns a
// bound when outside it; the values not returned are dropped as the
// method returns (their names' buffers freed there).
use std::cmp::Ordering;

#[derive(Debug)]
struct Job {
    priority: u8,
    name: String,
}

impl PartialEq for Job {
    fn eq(&self, other: &Self) -> bool {
        self.priority == other.priority
    }
}

impl Eq for Job {}

impl PartialOrd for Job {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Job {
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority.cmp(&other.priority)
    }
}

fn job(priority: u8, name: &str) -> Job {
    Job { priority, name: name.to_string() }
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Version {
    major: u32,
    minor: u32,
}

fn main() {
    let kept = job(3, "first").max(job(3, "second"));
    println!("{}", kept.name);
    let low = job(3, "third").min(job(3, "fourth"));
    println!("{} {}", low.name, kept.name.len());
    let hi = job(5, "hi");
    let clamped = job(9, "x").clamp(job(1, "lo"), hi);
    println!("{:?}", clamped);
    let inside = job(4, "in").clamp(job(1, "lo"), job(5, "hi"));
    println!("{}", inside.name);
    let v = Version { major: 1, minor: 2 }.max(Version { major: 1, minor: 10 });
    let a = Version { major: 2, minor: 0 };
    println!("{:?} {:?}", v, a.min(Version { major: 1, minor: 99 }));
}
