//! The output unit and its cost, by problem (`problem=` in a link):
//!
//! - **classification** (the course's): `ŷ = sigmoid(Z[L])`, the
//!   cross-entropy `J = −(1/m)·Σ [y·ln ŷ + (1 − y)·ln(1 − ŷ)]`
//!   ([`crate::model::cost::cross_entropy`]), labels 0 or 1;
//! - **regression**: `ŷ = Z[L]` (linear), the squared error
//!   `J = 1/(2m)·Σ (ŷ − y)²` ([`squared_error`]), labels any numbers.
//!
//! Both give the same output gradient `dZ[L] = ŷ − y` (times `1/m` in
//! `dW`, `db`), so the backward pass is one for both; only the forward
//! pass's last activation and the cost differ. Penalties (L2, L1) add to
//! either cost.

use crate::model::cost;
use crate::numeric::math;

/// What the network predicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Problem {
    /// A probability of label 1 (sigmoid output, cross-entropy).
    #[default]
    Classification,
    /// A number (linear output, squared error).
    Regression,
}

impl Problem {
    pub const ALL: [Problem; 2] = [Problem::Classification, Problem::Regression];

    pub fn name(self) -> &'static str {
        match self {
            Problem::Classification => "classification",
            Problem::Regression => "regression",
        }
    }

    /// The output unit's activation: `sigmoid(z)` or `z`.
    #[inline]
    pub fn output(self, z: f64) -> f64 {
        match self {
            Problem::Classification => math::sigmoid(z),
            Problem::Regression => z,
        }
    }

    /// The data term of the cost for outputs `a` and labels `y` (see the
    /// module's formulas); without penalties.
    pub fn cost(self, a: &[f64], y: &[f64]) -> f64 {
        match self {
            Problem::Classification => cost::cross_entropy(a, y),
            Problem::Regression => squared_error(a, y),
        }
    }
}

/// `J = 1/(2m)·Σ_j (a_j − y_j)²`, summed in example order from 0; NaN when
/// an output is NaN, 0 without examples. Panics if the lengths differ.
pub fn squared_error(a: &[f64], y: &[f64]) -> f64 {
    assert_eq!(a.len(), y.len(), "squared_error: one label per output");
    if a.is_empty() {
        return 0.0;
    }
    let sum: f64 = a.iter().zip(y).map(|(&a, &y)| (a - y) * (a - y)).sum();
    sum / (2.0 * a.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squared_error_is_half_the_mean_square() {
        assert_eq!(squared_error(&[1.0, 3.0], &[0.0, 1.0]), (1.0 + 4.0) / 4.0);
        assert_eq!(squared_error(&[], &[]), 0.0);
        assert!(squared_error(&[f64::NAN], &[0.0]).is_nan());
    }

    #[test]
    fn outputs() {
        assert_eq!(Problem::Regression.output(-3.5), -3.5);
        assert_eq!(Problem::Classification.output(0.0), 0.5);
    }
}
