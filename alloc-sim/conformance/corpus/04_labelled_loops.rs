// Labelled `break` and `continue` leave or skip an outer loop.
fn main() {
    let mut found = (0, 0);
    'outer: for a in 1..20 {
        for b in a..20 {
            if a * b == 91 {
                found = (a, b);
                break 'outer;
            }
        }
    }
    println!("91 = {} * {}", found.0, found.1);
    let mut count = 0;
    'rows: for row in 0..5 {
        for col in 0..5 {
            if col > row {
                continue 'rows;
            }
            count += 1;
        }
    }
    println!("cells on or below the diagonal: {}", count);
}
