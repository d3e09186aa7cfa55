// The program's own equality: `impl PartialEq` decides `==`, `!=`,
// `assert_eq!`, `assert_ne!` and `Vec::contains`, here by id alone (the
// owners' names differ). And `==` and `assert_eq!` on two Vecs compare
// what they hold, the temporary `vec![..]` made as the other side's type
// (`u8`s: 3 bytes) and freed at the end of its statement.
#[derive(Debug)]
struct Account {
    id: u32,
    owner: String,
}

impl PartialEq for Account {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

fn main() {
    let a = Account { id: 7, owner: String::from("ada") };
    let b = Account { id: 7, owner: String::from("grace") };
    let c = Account { id: 8, owner: String::from("ada") };
    println!("{} {} {}", a == b, a != c, a == c);
    assert_eq!(a, b);
    assert_ne!(a, c);
    let all = vec![b, c];
    println!("{} {}", all.contains(&a), all[1] == all[0]);
    let v = vec![1u8, 2, 3];
    assert_eq!(v, vec![1, 2, 3]);
    assert_ne!(v, vec![1, 2]);
    let same = v == vec![1, 2, 3];
    println!("{} {}", same, v != vec![3]);
    println!("{} {} {}", all.len(), a.owner, v.len());
}
