// A small inventory: a `HashMap<&str, (u32, f64)>` of stock, orders
// checked with `get_mut` and `if let`, a restock list built with
// `filter_map`, a `Vec<Vec<char>>` grid printed with `iter().collect`.
use std::collections::HashMap;

fn main() {
    let mut stock: HashMap<&str, (u32, f64)> = HashMap::new();
    stock.insert("pen", (10, 1.5));
    stock.insert("ink", (2, 7.0));
    stock.insert("pad", (5, 3.25));
    let orders: Vec<(&str, u32)> = vec![("pen", 4), ("ink", 3), ("pad", 5), ("cap", 1)];
    let mut receipts: Vec<String> = Vec::with_capacity(2);
    for (item, qty) in &orders {
        if let Some(entry) = stock.get_mut(item) {
            if entry.0 >= *qty {
                entry.0 -= qty;
                receipts.push(format!("{} x{} = {:.2}", item, qty, *qty as f64 * entry.1));
            } else {
                receipts.push(format!("{}: only {} left", item, entry.0));
            }
        } else {
            receipts.push(String::from("unknown ") + item);
        }
    }
    println!("{}", receipts.join("; "));
    let mut low: Vec<String> = stock
        .iter()
        .filter_map(|(k, v)| if v.0 < 3 { Some(k.to_uppercase()) } else { None })
        .collect();
    low.sort();
    println!("restock {:?}", low);
    let mut grid = vec![vec!['.'; 4]; 3];
    grid[1][2] = '#';
    grid[0][0] = '@';
    for row in &grid {
        let line: String = row.iter().collect();
        println!("{}", line);
    }
    let hashes: usize = grid.iter().map(|row| row.iter().filter(|c| **c != '.').count()).sum();
    println!("{} marks", hashes);
}
