//! The weights' penalties in the cost: L2 (`lambda`, the course's) and L1
//! (`l1`), both over the weight matrices only (not biases).
//!
//! `J = cross-entropy + (λ/2m)·Σ_l ||W[l]||² + (λ₁/m)·Σ_l Σ |W[l]|`;
//! gradient `dW += (λ/m)·W + (λ₁/m)·sign(W)` (the subgradient 0 at `W = 0`).

use crate::model::cost;
use crate::numeric::matrix::Matrix;

/// The strengths of both penalties (0 = off). `Penalty::from(λ)` is the
/// course's L2 alone.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Penalty {
    pub l2: f64,
    pub l1: f64,
}

impl From<f64> for Penalty {
    fn from(l2: f64) -> Penalty {
        Penalty { l2, l1: 0.0 }
    }
}

impl Penalty {
    /// The L1 term `(λ₁/m)·Σ |W|` (0 when `λ₁ = 0`).
    pub fn l1_cost<'a>(self, weights: impl Iterator<Item = &'a Matrix>, m: usize) -> f64 {
        if self.l1 == 0.0 {
            return 0.0;
        }
        let total: f64 = weights
            .map(|w| w.as_slice().iter().map(|v| v.abs()).sum::<f64>())
            .sum();
        self.l1 / m as f64 * total
    }

    /// Both terms: [`cost::l2_penalty`] and, when on, [`Penalty::l1_cost`]
    /// (so with `λ₁ = 0` the bits are the course's).
    pub fn cost<'a>(self, weights: impl Iterator<Item = &'a Matrix> + Clone, m: usize) -> f64 {
        let l2 = cost::l2_penalty(weights.clone(), self.l2, m);
        if self.l1 == 0.0 {
            l2
        } else {
            l2 + self.l1_cost(weights, m)
        }
    }

    /// `dW += (λ/m)·W`, then `+= (λ₁/m)·sign(W)` (0 where `W = 0`).
    /// Shapes: `w` and `dw` alike.
    pub fn add_gradient(self, w: &Matrix, m: usize, dw: &mut Matrix) {
        cost::add_l2_gradient(w, self.l2, m, dw);
        if self.l1 == 0.0 {
            return;
        }
        let f = self.l1 / m as f64;
        for (g, &wv) in dw.as_mut_slice().iter_mut().zip(w.as_slice()) {
            if wv != 0.0 {
                *g += f * wv.signum();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l1_adds_its_term_and_sign() {
        let w = Matrix::from_vec(1, 3, vec![1.5, -2.0, 0.0]);
        let p = Penalty { l2: 0.0, l1: 0.3 };
        let f = 0.3 / 3.0;
        assert_eq!(p.cost([&w].into_iter(), 3), f * 3.5);
        let mut dw = Matrix::zeros(1, 3);
        p.add_gradient(&w, 3, &mut dw);
        assert_eq!(dw.as_slice(), [f, -f, 0.0]);
        // L2 alone keeps the course's bits.
        let l2 = Penalty::from(0.7);
        assert_eq!(
            l2.cost([&w].into_iter(), 3).to_bits(),
            cost::l2_penalty([&w].into_iter(), 0.7, 3).to_bits()
        );
    }
}
