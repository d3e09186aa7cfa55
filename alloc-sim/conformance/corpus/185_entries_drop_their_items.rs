// A builder's `entries` drops each item once it is written, as std's
// `for entry in entries { self.entry(&entry); }` does (a `String` made
// for each is freed before the next is made); `self.0...fmt(f)` on a
// temporary hands the `Formatter` on; a `collect` of `Vec`s names its
// buffer `Vec<Vec<_>>` before the first one says what it holds.
use std::fmt;
struct Names(Vec<u32>);
impl fmt::Debug for Names {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_list().entries(self.0.iter().map(|x| x.to_string())).finish()
    }
}
struct Tally(Vec<(u8, u8)>);
impl fmt::Debug for Tally {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_map().entries(self.0.iter().map(|&(k, v)| (k.to_string(), v))).finish()
    }
}
struct BadInput(String);
impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("bad input: ")?;
        self.0.parse::<u8>().unwrap_err().fmt(f)
    }
}
fn main() {
    println!("{:?}", Names(vec![1, 22, 333]));
    println!("{:#?}", Tally(vec![(1, 2), (30, 4)]));
    let s = format!("[{:>30}]", BadInput(String::from("x1")));
    println!("{s}");
    let rows: Vec<_> = (0..3).map(|r| vec![r * 10]).collect();
    println!("{:?}", rows);
}
