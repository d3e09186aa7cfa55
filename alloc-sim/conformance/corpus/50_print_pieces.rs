// print! writes without a newline; the line is finished by a later println!.
fn main() {
    for i in 0..3 {
        print!("{} ", i);
    }
    println!("done");
    print!("no newline at the end");
}
