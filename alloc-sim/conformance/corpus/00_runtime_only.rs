// No heap and no output: only the calls the runtime makes before `main`.
fn main() {
    let x = 6 * 7;
    assert_eq!(x, 42);
}
