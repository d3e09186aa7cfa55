// Parsing lines "name,qty,price" into structs with a function returning
// `Result<Item, String>` and `?` on `parse` errors mapped with
// `map_err`; good items collected, bad lines reported, then the stock
// sorted with `sort_by_key` (by `Reverse`) and listed with `enumerate`.
#[derive(Debug, Clone)]
struct Item { name: String, qty: u32, price: f64 }

fn parse_line(line: &str) -> Result<Item, String> {
    let fields: Vec<&str> = line.split(',').map(|f| f.trim()).collect();
    if fields.len() != 3 {
        return Err(format!("wrong field count in {:?}", line));
    }
    let qty = fields[1].parse::<u32>().map_err(|e| format!("qty: {}", e))?;
    let price: f64 = fields[2].parse().map_err(|e| format!("price: {e}"))?;
    Ok(Item { name: fields[0].to_string(), qty, price })
}

fn main() {
    let input = "apple, 3, 0.5\npear,x,1.0\nplum, 12, 0.25\nfig,2\nkiwi, 7, 0.8";
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in input.lines().enumerate() {
        match parse_line(line) {
            Ok(item) => items.push(item),
            Err(e) => errors.push(format!("line {}: {}", n + 1, e)),
        }
    }
    for e in &errors {
        println!("{}", e);
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.qty));
    for (rank, item) in items.iter().enumerate() {
        println!("{}. {} x{} = {:.2}", rank + 1, item.name, item.qty, item.qty as f64 * item.price);
    }
    let names: Vec<String> = items.iter().map(|i| i.name.to_uppercase()).collect();
    let total: f64 = items.iter().map(|i| i.qty as f64 * i.price).sum();
    println!("{} total {:.2}", names.join("/"), total);
    let all: Result<Vec<Item>, String> = input.lines().map(parse_line).collect();
    println!("{:?}", all.map(|v| v.len()));
}
