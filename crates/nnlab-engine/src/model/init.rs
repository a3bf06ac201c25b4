//! Weight initialization schemes, drawn in the course's order.

use crate::numeric::math;
use crate::numeric::matrix::Matrix;
use crate::numeric::rng::NumpyRng;

/// How the starting weights are drawn. Biases start at 0 and draw nothing,
/// except for [`Init::Case`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Init {
    /// Every weight 0, no draws: hidden units stay identical forever.
    Zeros,
    /// `randn · scale` (the course uses 10).
    Random { scale: f64 },
    /// `randn / sqrt(n[l-1])`, the regularization lab's default.
    Xavier,
    /// `randn · sqrt(2 / n[l-1])`, suited to ReLU.
    He,
    /// The gradient-check lab's test case: after the seed, 12 draws for the
    /// case's inputs (`randn(4, 3)`), then every `W[l]` and `b[l]` from
    /// plain `randn`, in order.
    Case,
}

impl Init {
    /// Draws `[W1, b1, W2, b2, ...]` for layer sizes `sizes` (`n[0..=L]`).
    ///
    /// Seeds a fresh generator with `seed`, then for `l = 1..=L` draws
    /// `W[l] = randn(n[l], n[l-1])` row-major and scales it, exactly as
    /// written in the course (`randn / sqrt(n)` and `randn · sqrt(1/n)`
    /// differ in the last bit).
    pub fn parameters(self, sizes: &[usize], seed: u32) -> Vec<Matrix> {
        let mut rng = NumpyRng::new(seed);
        if self == Init::Case {
            for _ in 0..12 {
                rng.randn();
            }
        }
        let mut params = Vec::with_capacity(2 * sizes.len().saturating_sub(1));
        for l in 1..sizes.len() {
            let (rows, cols) = (sizes[l], sizes[l - 1]);
            let mut w = Matrix::zeros(rows, cols);
            let mut b = Matrix::zeros(rows, 1);
            let fan_in = cols as f64;
            match self {
                Init::Zeros => {}
                Init::Random { scale } => {
                    rng.fill_randn(w.as_mut_slice());
                    w.as_mut_slice().iter_mut().for_each(|v| *v *= scale);
                }
                Init::Xavier => {
                    rng.fill_randn(w.as_mut_slice());
                    let d = math::sqrt(fan_in);
                    w.as_mut_slice().iter_mut().for_each(|v| *v /= d);
                }
                Init::He => {
                    rng.fill_randn(w.as_mut_slice());
                    let f = math::sqrt(2.0 / fan_in);
                    w.as_mut_slice().iter_mut().for_each(|v| *v *= f);
                }
                Init::Case => {
                    rng.fill_randn(w.as_mut_slice());
                    rng.fill_randn(b.as_mut_slice());
                }
            }
            params.push(w);
            params.push(b);
        }
        params
    }
}
