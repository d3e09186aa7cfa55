// `Formatter::debug_set` and `debug_map` in the program's own `fmt`:
// `entry` (a map's with its key and value), `entries` over an iterator
// of items or of pairs, `finish` on an empty one, in `{:?}` and `{:#?}`,
// each write std's builders make (std's own maps and sets are written
// with the same two builders).
use std::collections::BTreeMap;
use std::fmt;
struct Bag(Vec<u8>);
impl fmt::Debug for Bag {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_set().entries(self.0.iter()).finish()
    }
}
struct Pairs(Vec<(String, u32)>);
impl fmt::Debug for Pairs {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(k, v)| (k, v))).finish()
    }
}
struct Index(BTreeMap<u16, Vec<char>>);
impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut m = f.debug_map();
        for (k, v) in &self.0 {
            m.entry(k, v);
        }
        m.entry(&"total", &self.0.len());
        m.finish()
    }
}
struct Empty;
impl fmt::Debug for Empty {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_set().finish()?;
        f.debug_map().finish()
    }
}
fn main() {
    let b = Bag(vec![3, 1, 2]);
    println!("{:?} {:#?}", b, b);
    let p = Pairs(vec![(String::from("a"), 1), (String::from("bb"), 22)]);
    println!("{:?}", p);
    println!("{:#?}", p);
    let mut m = BTreeMap::new();
    m.insert(2u16, vec!['x', 'y']);
    m.insert(1, vec![]);
    let i = Index(m);
    println!("{:?}", i);
    println!("{:#?}", i);
    let s = format!("{:?}|{:#?}", Empty, Empty);
    println!("{s} {:?}", vec![Bag(vec![9])]);
    let t = format!("{:?}", p);
    println!("{t}");
}
