// Const generics: `Ring<4>` and `Ring<16>` are two instances of one
// struct, each laid out for its length (a `Ring<16>` is 72 bytes, so its
// `Box` asks for 72); `N` is a value inside the `impl`, and a function's
// `const N` is taken from the array it is given or from a turbofish.
struct Ring<const N: usize> {
    slots: [u32; N],
    head: usize,
}

impl<const N: usize> Ring<N> {
    fn new() -> Self {
        Ring { slots: [0; N], head: 0 }
    }

    fn push(&mut self, v: u32) {
        self.slots[self.head % N] = v;
        self.head += 1;
    }

    fn capacity(&self) -> usize {
        N
    }
}

fn total<const N: usize>(xs: [u32; N]) -> u32 {
    let mut t = 0;
    for i in 0..N {
        t += xs[i];
    }
    t
}

fn main() {
    let mut r: Ring<4> = Ring::new();
    for v in 1..=6 {
        r.push(v);
    }
    println!("cap {} slots {:?}", r.capacity(), r.slots);

    let boxed = Box::new(Ring::<16>::new());
    println!("a Ring<16> is {} bytes, holds {}", std::mem::size_of::<Ring<16>>(), boxed.capacity());

    println!("total {}", total([1, 2, 3]));
    println!("total {}", total::<2>([5, 6]));

    // `N` from the array the literal is given: a `Ring<5>`, 32 bytes.
    let lit = Box::new(Ring { slots: [7; 5], head: 0 });
    println!("a literal's ring holds {}", lit.capacity());

    let rings: Vec<Ring<3>> = vec![Ring::new(), Ring::new()];
    println!("{} rings of {}", rings.len(), rings[0].capacity());
}
