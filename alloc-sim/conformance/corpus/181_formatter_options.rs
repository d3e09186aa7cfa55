// The options of a placeholder reach the program's own `fmt` through its
// `Formatter`: `f.pad` cuts to the precision and pads to the width (one
// write per fill character, so a `format!`'s `String` grows between
// them), `f.width()`, `f.precision()`, `f.fill()`, `f.sign_plus()` and
// `f.alternate()` read them, `pad_integral` writes a number as std's
// integers do, and `fmt::Display::fmt(&self.0, f)`, `self.0.fmt(f)`
// and `fmt::LowerHex::fmt` hand the same `Formatter` on, options and all
// (`x.fmt(f)` calls the `fmt` of the trait in scope: a `use`'s, here
// `Display`, or the `impl`'s own).
// `write!` ignores them, as in std. And a `format!`'s temporaries (the
// `name.to_string()` below) are dropped as the `format!` ends, before
// `table +=` pushes its text: std's `format!` is a block whose `let`
// ends there.
use std::fmt;
use std::fmt::Display;
use std::fmt::Write;
struct Money(u64);
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "${}.{:02}", self.0 / 100, self.0 % 100)
    }
}
struct Name(String);
impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.pad(&self.0)
    }
}
struct Id(u32);
impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
struct Boxed(u32);
impl fmt::Display for Boxed {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match f.width() {
            Some(w) => write!(f, "[{:>w$}]", self.0, w = w),
            None => write!(f, "[{}]", self.0),
        }
    }
}
struct Options;
impl fmt::Display for Options {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?} {:?} {:?} {}", f.width(), f.precision(), f.fill(), f.sign_plus())?;
        f.write_char('!')
    }
}
struct Signed(i64);
impl fmt::Display for Signed {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let digits = self.0.unsigned_abs().to_string();
        f.pad_integral(self.0 >= 0, "0d", &digits)
    }
}
struct Meters(f64);
impl fmt::Display for Meters {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)?;
        f.write_str(" m")
    }
}
struct Tag(String);
impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
fn cell(text: &str, f: &mut fmt::Formatter) -> fmt::Result {
    f.write_str("|")?;
    text.fmt(f)
}
struct Row(Vec<String>);
impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for text in &self.0 {
            cell(text, f)?;
        }
        f.write_str("|")
    }
}
struct Hex(u32);
impl fmt::Debug for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            fmt::LowerHex::fmt(&self.0, f)
        } else {
            write!(f, "0x{:x}", self.0)
        }
    }
}
struct Pair(Hex, Id);
impl fmt::Debug for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pair").field(&self.0).field(&self.1 .0).finish()
    }
}
struct Wrap(Vec<u16>);
impl fmt::Debug for Wrap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}
fn main() {
    let m = Money(1234);
    println!("|{:>10}|{:<10}|", m, m);
    let n = Name(String::from("ada"));
    println!("|{:>8}|{:-^9}|{:.2}|{}|", n, n, n, n);
    let i = Id(42);
    println!("|{:>6}|{:06}|{:<4}|{:+}|", i, i, i, i);
    println!("{:5} {}", Boxed(7), Boxed(7));
    println!("{} / {:*<7.3}", Options, Options);
    println!("{:+} {:08} {:#} {:>#9}", Signed(5), Signed(-42), Signed(3), Signed(-3));
    let s = format!("{:>12}", Name(String::from("grace")));
    println!("{s}");
    let mut table = String::new();
    for (name, id) in [("x", 1), ("yy", 22), ("zzz", 333)] {
        table += &format!("{:<4}|{:>5}\n", Name(name.to_string()), Id(id));
    }
    print!("{table}");
    let d = Meters(3.14159);
    println!("[{:.2}] [{:>8.1}] [{}] [{:+}]", d, d, d, d);
    let s = format!("{:08.3}", Meters(-1.5));
    println!("{s}");
    let t = Tag(String::from("hi"));
    println!("[{:>5}] [{:<5}] [{:^6}]", t, t, t);
    let label = format!("<{:*^9}>", t);
    println!("{label} {:>10}|", t.to_string());
    let row = Row(vec![String::from("a"), String::from("bcd")]);
    println!("{row} {:>4}", row);
    let h = vec![Hex(255), Hex(16)];
    println!("{:?} {:#?}", h, h[0]);
    println!("{:5?}", Wrap(vec![1, 20, 300]));
    println!("{:?}", Pair(Hex(10), Id(2)));
    println!("{:#?}", Pair(Hex(10), Id(2)));
    println!("{:6?}|{:<4?}|", Hex(1), vec![Some(1u8)]);
}
