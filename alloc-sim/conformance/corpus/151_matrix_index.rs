// A matrix of f64 in one Vec: new, identity, mul returning Option, and
// Index<(usize, usize)> whose &f64 points into the Vec's buffer.
struct Matrix { rows: usize, cols: usize, data: Vec<f64> }

impl Matrix {
    fn new(rows: usize, cols: usize) -> Self { Matrix { rows, cols, data: vec![0.0; rows * cols] } }
    fn identity(n: usize) -> Self {
        let mut m = Matrix::new(n, n);
        for i in 0..n { m.data[i * n + i] = 1.0; }
        m
    }
    fn mul(&self, other: &Matrix) -> Option<Matrix> {
        if self.cols != other.rows { return None; }
        let mut out = Matrix::new(self.rows, other.cols);
        for i in 0..self.rows {
            for j in 0..other.cols {
                let mut acc = 0.0;
                for k in 0..self.cols { acc += self.data[i * self.cols + k] * other.data[k * other.cols + j]; }
                out.data[i * out.cols + j] = acc;
            }
        }
        Some(out)
    }
}

impl std::ops::Index<(usize, usize)> for Matrix {
    type Output = f64;
    fn index(&self, (r, c): (usize, usize)) -> &f64 { &self.data[r * self.cols + c] }
}

fn main() {
    let mut a = Matrix::new(2, 3);
    for (i, x) in a.data.iter_mut().enumerate() { *x = i as f64 + 0.5; }
    let id = Matrix::identity(3);
    let p = a.mul(&id).expect("shapes agree");
    println!("{} {} {}", p[(0, 0)], p[(1, 2)], p.data.len());
    println!("{}", a.mul(&a).is_none());
    let rows: Vec<String> = (0..p.rows).map(|r| (0..p.cols).map(|c| format!("{:.1}", p[(r, c)])).collect::<Vec<_>>().join(" ")).collect();
    for r in rows { println!("[{r}]"); }
}
