// Overflow made explicit: wrapping, checked and saturating arithmetic.
fn main() {
    let x: u8 = 250;
    println!("wrapping_add: {}", x.wrapping_add(10));
    println!("checked_add: {:?}", x.checked_add(10));
    println!("checked_add small: {:?}", x.checked_add(5));
    println!("saturating_add: {}", x.saturating_add(10));
    let y: i32 = i32::MIN;
    println!("wrapping_neg: {}", y.wrapping_neg());
    println!("checked_div by 0: {:?}", 10i32.checked_div(0));
    let (r, overflowed) = 200u8.overflowing_mul(2);
    println!("overflowing_mul: {} {}", r, overflowed);
}
