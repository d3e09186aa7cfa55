// `write!` and `writeln!` into a `String` (`std::fmt::Write`): each piece
// of the format (literal text, each argument's writes) is pushed as it is
// written, so the `String` grows piece by piece, from its own capacity.
use std::fmt::Write;

fn main() {
    let mut report = String::new();
    for (name, score) in [("ada", 97), ("brian", 8), ("charles", 1234)] {
        write!(report, "{name}: {score}").unwrap();
        writeln!(&mut report, " ({} chars)", name.len()).unwrap();
    }
    let mut exact = String::with_capacity(64);
    write!(exact, "{:>8}|{:<4}|{:.2}", "right", 7, 3.14159).unwrap();
    writeln!(exact).unwrap();
    print!("{report}{exact}");
    println!("{} {}", report.len(), exact.capacity());
}
