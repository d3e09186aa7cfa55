// std::process::abort() ends the process where it is called: no
// destructor runs, so nothing is freed after it, and the blocks still live
// are simply left to the operating system. What was printed with a
// newline before it is out (stdout's buffer flushes each line).
struct Noisy(String);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn check(items: &[u32]) {
    let note = format!("checking {} items", items.len());
    println!("{note}");
    if items.iter().sum::<u32>() > 5 {
        println!("too much: giving up");
        std::process::abort();
    }
}

fn main() {
    let first = Noisy(String::from("first"));
    {
        let gone = Noisy("gone".to_string());
        println!("{}", gone.0);
    }
    let v = vec![1, 2, 3];
    let boxed = Box::new(Noisy(String::from("boxed")));
    check(&v[..1]);
    check(&v);
    println!("never printed {} {}", first.0, boxed.0);
}
