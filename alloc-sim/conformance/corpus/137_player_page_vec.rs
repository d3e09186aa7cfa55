// The first program of the player's example page (web-ui/player/index.html).
fn main() {
    let mut v: Vec<u32> = Vec::new();
    for i in 0..5 {
        v.push(i);
    }
    println!("{v:?}");
}
