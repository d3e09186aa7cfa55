// A Vec<Vec<u32>>: a triangle of rows, each row its own allocation.
fn main() {
    let mut rows: Vec<Vec<u32>> = Vec::new();
    for n in 0..5 {
        let mut row = Vec::new();
        for k in 0..=n {
            if k == 0 || k == n {
                row.push(1);
            } else {
                let above: &Vec<u32> = &rows[n - 1];
                row.push(above[k - 1] + above[k]);
            }
        }
        rows.push(row);
    }
    for row in &rows {
        println!("{:?}", row);
    }
}
