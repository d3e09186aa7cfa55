// The program's own `impl Drop`: `drop` runs when a value goes, before its
// fields are dropped (a `String` field's buffer is freed after the line
// `drop` prints); locals go last declared first, a `Vec`'s elements front
// to back, a moved value once, where it ends up; `drop(x)` runs it early,
// `let _ =` at once, and an assignment runs it on the value it replaces.
struct Noisy {
    name: String,
    id: u32,
}

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {} ({})", self.name, self.id);
    }
}

struct Guard(u8);

impl Drop for Guard {
    fn drop(&mut self) {
        println!("guard {}", self.0);
    }
}

struct Pair {
    first: Noisy,
    second: Guard,
}

fn make(n: u32) -> Noisy {
    Noisy {
        name: format!("made{n}"),
        id: n,
    }
}

fn consume(x: Noisy) {
    println!("consuming {}", x.id);
}

fn main() {
    let a = Noisy {
        name: String::from("a"),
        id: 1,
    };
    let _g = Guard(7);
    {
        let inner = Guard(8);
        println!("inner {}", inner.0);
    }
    let _ = Guard(9);
    let b = make(2);
    consume(b);
    let mut c = make(3);
    c = make(4);
    println!("c is {}", c.id);
    let v = vec![Guard(10), Guard(11), Guard(12)];
    let boxed = Box::new(Noisy {
        name: String::from("boxed"),
        id: 5,
    });
    drop(a);
    let p = Pair {
        first: make(6),
        second: Guard(13),
    };
    let moved = p;
    println!("end of main {} {} {}", v.len(), boxed.id, moved.second.0);
}
