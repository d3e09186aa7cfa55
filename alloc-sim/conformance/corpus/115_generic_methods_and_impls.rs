// A generic struct's own methods: an associated const, `Self::new`, a
// method with type parameters of its own (`map<U, F>` makes a
// `Wrapper<usize>` of a `Wrapper<String>`), derived `Clone` and `PartialEq`
// on instances, instances inside a `Vec`, and a trait implemented for one
// instance (`impl Area for Sq<f64>`) behind a `Box<dyn Area>`.

#[derive(Debug, Clone, PartialEq)]
struct Wrapper<T> {
    inner: T,
    tag: Option<T>,
}

impl<T: Clone + std::fmt::Debug> Wrapper<T> {
    const LABEL: &'static str = "wrap";
    fn new(inner: T) -> Self {
        Self { tag: Some(inner.clone()), inner }
    }
    fn map<U, F: Fn(T) -> U>(self, f: F) -> Wrapper<U> {
        Wrapper { inner: f(self.inner), tag: None }
    }
    fn again(&self) -> Self {
        Self::new(self.inner.clone())
    }
}

trait Area {
    fn area(&self) -> f64;
}

struct Sq<T> {
    side: T,
}

impl Area for Sq<f64> {
    fn area(&self) -> f64 {
        self.side * self.side
    }
}

fn main() {
    let w = Wrapper::new(String::from("hi"));
    let n = w.clone().map(|s| s.len());
    println!("{:?} {:?} {}", w, n, Wrapper::<u8>::LABEL);
    let nested: Vec<Wrapper<Vec<u8>>> = vec![Wrapper::new(vec![1, 2]), Wrapper::new(Vec::new())];
    println!("{:?}", nested);
    let again = w.again();
    println!("{}", again == w);
    let shapes: Vec<Box<dyn Area>> = vec![Box::new(Sq { side: 2.0 })];
    println!("{}", shapes[0].area());
}
