//! The parameter list's layout, `[W1, b1, W2, b2, ..., WL, bL]`: what the
//! model stores and the kernels read.

use crate::numeric::matrix::Matrix;

/// A network's layer sizes `n[0..=L]` and its parameter list, borrowed:
/// `W[l]` (`(n[l], n[l-1])`) is `params[2l - 2]`, `b[l]` (`(n[l], 1)`) is
/// `params[2l - 1]`. The owner checks the shapes.
#[derive(Clone, Copy, Debug)]
pub struct ParamList<'a> {
    pub sizes: &'a [usize],
    pub params: &'a [Matrix],
}

impl<'a> ParamList<'a> {
    /// Number of layers with weights (`L`).
    pub fn layers(self) -> usize {
        self.sizes.len() - 1
    }

    /// `W[l]` for `l` in `1..=L`.
    pub fn weight(self, l: usize) -> &'a Matrix {
        &self.params[2 * l - 2]
    }

    /// `b[l]` for `l` in `1..=L`.
    pub fn bias(self, l: usize) -> &'a Matrix {
        &self.params[2 * l - 1]
    }

    /// The name of parameter `i`: `W1`, `b1`, `W2`, ...
    pub fn name(i: usize) -> String {
        format!(
            "{}{}",
            if i.is_multiple_of(2) { 'W' } else { 'b' },
            i / 2 + 1
        )
    }
}
