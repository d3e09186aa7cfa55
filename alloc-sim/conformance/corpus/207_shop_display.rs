// A shop's receipt: a struct with `impl fmt::Display` that writes a
// padded `format!`ed String, `sort_by` on an `f64` field with
// `partial_cmp`, a `Drop` that prints, `iter().rev().enumerate()`, and a
// `fold` into an `Option`.
use std::fmt;

#[derive(Debug, Clone)]
struct Line { price: f64, name: String, qty: u32 }

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let text = format!("{} x{}", self.name, self.qty);
        write!(f, "{:<12}{:>8.2}", text, self.price * self.qty as f64)
    }
}

struct Receipt { lines: Vec<Line>, shop: String }

impl Drop for Receipt {
    fn drop(&mut self) {
        println!("receipt of {} with {} lines dropped", self.shop, self.lines.len());
    }
}

impl Receipt {
    fn total(&self) -> f64 {
        self.lines.iter().map(|l| l.price * l.qty as f64).sum::<f64>()
    }
}

fn main() {
    let mut r = Receipt { lines: Vec::new(), shop: "Corner".to_string() };
    r.lines.push(Line { price: 2.5, name: "milk".into(), qty: 2 });
    r.lines.push(Line { price: 0.99, name: "apple".into(), qty: 6 });
    r.lines.push(Line { price: 12.0, name: "cheese".into(), qty: 1 });
    r.lines.sort_by(|a, b| b.price.partial_cmp(&a.price).unwrap());
    for (i, l) in r.lines.iter().rev().enumerate() {
        println!("{} {}", i, l);
    }
    println!("{:-<20}", "");
    println!("{:<12}{:>8.2}", "TOTAL", r.total());
    let cheapest = r.lines.iter().cloned().fold(None, |acc: Option<Line>, l| match acc {
        Some(a) => if a.price <= l.price { Some(a) } else { Some(l) },
        None => Some(l),
    });
    println!("{:?}", cheapest);
    {
        let small = Receipt {
            lines: vec![Line { price: 0.5, name: "gum".into(), qty: 3 }],
            shop: String::from("Kiosk"),
        };
        println!("kiosk total {}", small.total());
    }
    println!("end of main");
}
