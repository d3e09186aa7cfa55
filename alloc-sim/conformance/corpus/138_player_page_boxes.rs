// The second program of the player's example page (web-ui/player/index.html).
fn main() {
    let a = Box::new(1u64);
    let b: Box<[u8; 24]> = Box::new([0u8; 24]);
    drop(a);
    drop(b);
}
