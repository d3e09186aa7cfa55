// A Vec<String>: each String owns its own buffer, freed with the Vec.
fn main() {
    let mut names: Vec<String> = Vec::new();
    names.push(String::from("ada"));
    names.push(String::from("grace"));
    names.push("barbara".to_string());
    let mut longest = 0;
    for name in &names {
        if name.len() > longest {
            longest = name.len();
        }
    }
    names[0].push_str(" lovelace");
    println!("{} names, longest {}", names.len(), longest);
    println!("first is now {}", names[0]);
}
