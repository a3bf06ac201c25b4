//! A small row-major `f64` matrix and the three products backprop needs.
//!
//! Activations are stored `(units, examples)`, one unit per row, so every
//! inner loop runs over a contiguous row of examples and vectorises.
//! Shape mismatches are programmer errors: these functions panic on them.

/// A dense row-major matrix of `f64`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

/// How a product accumulates `Σ a·b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accumulate {
    /// `acc = acc + a·b` with two roundings (vectorises everywhere).
    Plain,
    /// `acc = fma(a, b, acc)`, one rounding, in order: OpenBLAS's kernels do
    /// this, so gradient checking matches the course's digits exactly.
    Fused,
}

impl Matrix {
    /// A `rows × cols` matrix of zeros.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    /// Wraps row-major `data`. Panics unless `data.len() == rows · cols`.
    pub fn from_vec(rows: usize, cols: usize, data: Vec<f64>) -> Self {
        assert_eq!(
            data.len(),
            rows * cols,
            "Matrix::from_vec: {rows}x{cols} needs {} values",
            rows * cols
        );
        Matrix { rows, cols, data }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// `(rows, cols)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.rows, self.cols)
    }

    pub fn len(&self) -> usize {
        self.data.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }

    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        &mut self.data
    }

    /// Row `i` as a slice of `cols` values.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    pub fn row_mut(&mut self, i: usize) -> &mut [f64] {
        &mut self.data[i * self.cols..(i + 1) * self.cols]
    }

    pub fn get(&self, i: usize, j: usize) -> f64 {
        assert!(i < self.rows && j < self.cols);
        self.data[i * self.cols + j]
    }

    pub fn set(&mut self, i: usize, j: usize, v: f64) {
        assert!(i < self.rows && j < self.cols);
        self.data[i * self.cols + j] = v;
    }

    /// Reshapes to `rows × cols`, reusing the allocation; contents become 0.
    pub fn reset(&mut self, rows: usize, cols: usize) {
        self.rows = rows;
        self.cols = cols;
        self.data.clear();
        self.data.resize(rows * cols, 0.0);
    }

    /// `Σ x²` over all entries (a squared Frobenius norm).
    pub fn sum_squares(&self) -> f64 {
        self.data.iter().map(|x| x * x).sum()
    }

    /// True when every entry is finite.
    pub fn is_finite(&self) -> bool {
        self.data.iter().all(|x| x.is_finite())
    }
}

/// `out = a · b + bias` (bias broadcast along rows; `None` adds nothing).
///
/// Shapes: `a (n, k)`, `b (k, m)`, `bias` length `n`, `out (n, m)`.
/// Each entry is `(Σ_k a[i,k]·b[k,j]) + bias[i]`, summed in order of `k`,
/// then the bias added: NumPy's `np.dot(W, A) + b`.
pub fn matmul_bias(
    a: &Matrix,
    b: &Matrix,
    bias: Option<&Matrix>,
    out: &mut Matrix,
    acc: Accumulate,
) {
    let (n, k) = a.shape();
    assert_eq!(b.rows, k, "matmul: inner dimensions differ");
    let m = b.cols;
    if out.shape() != (n, m) {
        out.reset(n, m);
    }
    if let Some(bias) = bias {
        assert_eq!(bias.len(), n, "matmul: bias length");
    }
    for i in 0..n {
        let row = &mut out.data[i * m..(i + 1) * m];
        row.fill(0.0);
        let a_row = &a.data[i * k..(i + 1) * k];
        for (kk, &aik) in a_row.iter().enumerate() {
            let b_row = &b.data[kk * m..(kk + 1) * m];
            match acc {
                Accumulate::Plain => {
                    for (o, &bv) in row.iter_mut().zip(b_row) {
                        *o += aik * bv;
                    }
                }
                Accumulate::Fused => {
                    for (o, &bv) in row.iter_mut().zip(b_row) {
                        *o = aik.mul_add(bv, *o);
                    }
                }
            }
        }
        if let Some(bias) = bias {
            let bi = bias.data[i];
            for o in row.iter_mut() {
                *o += bi;
            }
        }
    }
}

/// `out = scale · (a · bᵀ)`.
///
/// Shapes: `a (n, m)`, `b (k, m)`, `out (n, k)`. Each entry is a dot product
/// of two rows, summed by [`dot`].
pub fn matmul_nt(a: &Matrix, b: &Matrix, scale: f64, out: &mut Matrix) {
    let (n, m) = a.shape();
    assert_eq!(b.cols, m, "matmul_nt: inner dimensions differ");
    let k = b.rows;
    if out.shape() != (n, k) {
        out.reset(n, k);
    }
    for i in 0..n {
        let a_row = a.row(i);
        for kk in 0..k {
            out.data[i * k + kk] = scale * dot(a_row, b.row(kk));
        }
    }
}

/// `out = aᵀ · b`.
///
/// Shapes: `a (k, n)`, `b (k, m)`, `out (n, m)`; `out[j,:] = Σ_i a[i,j]·b[i,:]`
/// summed in order of `i`.
pub fn matmul_tn(a: &Matrix, b: &Matrix, out: &mut Matrix) {
    let (k, n) = a.shape();
    assert_eq!(b.rows, k, "matmul_tn: inner dimensions differ");
    let m = b.cols;
    if out.shape() != (n, m) {
        out.reset(n, m);
    }
    out.data.fill(0.0);
    for i in 0..k {
        let b_row = &b.data[i * m..(i + 1) * m];
        for j in 0..n {
            let aij = a.data[i * n + j];
            let row = &mut out.data[j * m..(j + 1) * m];
            for (o, &bv) in row.iter_mut().zip(b_row) {
                *o += aij * bv;
            }
        }
    }
}

/// `Σ x[i]·y[i]` in a fixed order: four interleaved partial sums over
/// blocks of four, combined as `(s0 + s1) + (s2 + s3)`, then the tail.
/// The order is part of the contract (it is the same on every target), and
/// lets the compiler use SIMD lanes. Panics if the lengths differ.
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len(), "dot: lengths differ");
    let mut s = [0.0f64; 4];
    let xc = x.chunks_exact(4);
    let yc = y.chunks_exact(4);
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (a, b) in xc.zip(yc) {
        s[0] += a[0] * b[0];
        s[1] += a[1] * b[1];
        s[2] += a[2] * b[2];
        s[3] += a[3] * b[3];
    }
    let mut total = (s[0] + s[1]) + (s[2] + s[3]);
    for (a, b) in xr.iter().zip(yr) {
        total += a * b;
    }
    total
}

/// `Σ x[i]` in the same fixed order as [`dot`].
pub fn sum(x: &[f64]) -> f64 {
    let mut s = [0.0f64; 4];
    let xc = x.chunks_exact(4);
    let xr = xc.remainder();
    for a in xc {
        s[0] += a[0];
        s[1] += a[1];
        s[2] += a[2];
        s[3] += a[3];
    }
    let mut total = (s[0] + s[1]) + (s[2] + s[3]);
    for a in xr {
        total += a;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(rows: usize, cols: usize, v: &[f64]) -> Matrix {
        Matrix::from_vec(rows, cols, v.to_vec())
    }

    #[test]
    fn products_match_hand_computed_values() {
        let a = m(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let b = m(3, 2, &[7.0, 8.0, 9.0, 10.0, 11.0, 12.0]);
        let bias = m(2, 1, &[0.5, -1.0]);
        let mut out = Matrix::zeros(0, 0);
        matmul_bias(&a, &b, Some(&bias), &mut out, Accumulate::Plain);
        assert_eq!(out, m(2, 2, &[58.5, 64.5, 138.0, 153.0]));
        matmul_bias(&a, &b, None, &mut out, Accumulate::Fused);
        assert_eq!(out, m(2, 2, &[58.0, 64.0, 139.0, 154.0]));

        // a·aᵀ and aᵀ·a
        matmul_nt(&a, &a, 0.5, &mut out);
        assert_eq!(out, m(2, 2, &[7.0, 16.0, 16.0, 38.5]));
        matmul_tn(&a, &a, &mut out);
        assert_eq!(
            out,
            m(
                3,
                3,
                &[17.0, 22.0, 27.0, 22.0, 29.0, 36.0, 27.0, 36.0, 45.0]
            )
        );
    }

    #[test]
    fn dot_and_sum_handle_tails() {
        let x: Vec<f64> = (1..=7).map(f64::from).collect();
        assert_eq!(sum(&x), 28.0);
        assert_eq!(dot(&x, &x), 140.0);
        assert_eq!(sum(&[]), 0.0);
    }

    #[test]
    #[should_panic(expected = "inner dimensions")]
    fn shape_mismatch_panics() {
        let a = Matrix::zeros(2, 3);
        let mut out = Matrix::zeros(0, 0);
        matmul_bias(&a, &a, None, &mut out, Accumulate::Plain);
    }
}
