//! The cross-entropy cost and the L2 penalty.

use crate::math;
use crate::matrix::Matrix;

/// One example's cross-entropy term, written as the course writes it:
/// `(-ln a)·y + (-ln(1 - a))·(1 - y)`. It is NaN for `0·ln 0` (a
/// saturated sigmoid on the right side) and `+inf` on the wrong side.
#[inline]
pub fn term(a: f64, y: f64) -> f64 {
    (-math::ln(a)) * y + (-math::ln(1.0 - a)) * (1.0 - y)
}

/// `J = (1/m) · nansum(term)`: the course's cost, which drops NaN terms,
/// so it may be `+inf` but is never NaN. Only the `0·ln 0` terms are
/// dropped: an output that is itself NaN (diverged weights) makes the cost
/// NaN instead of silently vanishing from the sum.
///
/// `a` and `y` are the output activations and labels, one per example.
pub fn cross_entropy(a: &[f64], y: &[f64]) -> f64 {
    assert_eq!(a.len(), y.len(), "cross_entropy: lengths differ");
    let m = a.len() as f64;
    let mut sum = 0.0;
    for (&a, &y) in a.iter().zip(y) {
        if a.is_nan() {
            return f64::NAN;
        }
        let t = term(a, y);
        if !t.is_nan() {
            sum += t;
        }
    }
    1.0 / m * sum
}

/// `J = (1/m) · Σ term`, a plain sum (NaN propagates): the gradient-check
/// lab's cost.
pub fn cross_entropy_plain(a: &[f64], y: &[f64]) -> f64 {
    assert_eq!(a.len(), y.len(), "cross_entropy_plain: lengths differ");
    let m = a.len() as f64;
    let sum: f64 = a.iter().zip(y).map(|(&a, &y)| term(a, y)).sum();
    1.0 / m * sum
}

/// `(1/m · λ/2) · Σ_l ||W[l]||²` over the weight matrices (not biases).
pub fn l2_penalty<'a>(weights: impl Iterator<Item = &'a Matrix>, lambda: f64, m: usize) -> f64 {
    if lambda == 0.0 {
        return 0.0;
    }
    let total: f64 = weights.map(Matrix::sum_squares).sum();
    (1.0 / m as f64 * lambda / 2.0) * total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturated_outputs_give_inf_not_nan() {
        // right side saturated: 0·ln 0 is dropped
        assert_eq!(cross_entropy(&[1.0, 0.0], &[1.0, 0.0]), 0.0);
        // wrong side saturated: +inf
        assert_eq!(cross_entropy(&[1.0, 0.5], &[0.0, 1.0]), f64::INFINITY);
        assert!(cross_entropy_plain(&[1.0], &[1.0]).is_nan());
        // a NaN output is divergence, not a perfect fit
        assert!(cross_entropy(&[f64::NAN, 0.5], &[1.0, 1.0]).is_nan());
    }

    #[test]
    fn half_everywhere_costs_ln2() {
        let c = cross_entropy(&[0.5; 4], &[0.0, 1.0, 1.0, 0.0]);
        assert!((c - std::f64::consts::LN_2).abs() < 1e-15);
    }
}
