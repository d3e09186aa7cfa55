// Methods go through a Box or an Arc to the value inside, as auto-deref does.
use std::sync::Arc;
use std::thread;

fn main() {
    let mut boxed = Box::new(vec![1u32, 2]);
    boxed.push(3);
    boxed.extend([4, 5]);
    println!("{:?} len {} last {:?}", boxed, boxed.len(), boxed.last());
    let mut name = Box::new(String::from("box"));
    name.push_str("ed");
    println!("{} {}", name, name.to_uppercase());
    let words = Arc::new(vec![String::from("alpha"), String::from("beta")]);
    let reader = Arc::clone(&words);
    let h = thread::spawn(move || -> usize { reader.iter().map(|w| w.len()).sum() });
    let letters = h.join().unwrap();
    println!("{} letters, {} owners", letters, Arc::strong_count(&words));
    for w in words.iter() {
        println!("{}", w);
    }
}
