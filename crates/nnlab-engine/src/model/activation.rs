//! The hidden layers' activation `g` (`act=` in a link): `A[l] = g(Z[l])`.
//! The output unit stays a sigmoid for classification. Every slope is
//! written from the activation's output `a = g(z)`, so the backward pass
//! needs no stored `Z`.

use crate::numeric::math;

/// Slope of leaky ReLU for `z < 0`.
pub const LEAKY_SLOPE: f64 = 0.01;

/// A hidden layer's nonlinearity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Activation {
    /// `max(0, z)`, the course's (NaN kept, as `np.maximum(0, z)`).
    #[default]
    Relu,
    /// `tanh z`, written `1 − 2/(e^{2z} + 1)` with libm's `exp`.
    Tanh,
    /// `1 / (1 + e^−z)`.
    Sigmoid,
    /// `z`.
    Linear,
    /// `z` for `z ≥ 0`, `0.01·z` below.
    LeakyRelu,
}

impl Activation {
    pub const ALL: [Activation; 5] = [
        Activation::Relu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Linear,
        Activation::LeakyRelu,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
            Activation::Linear => "linear",
            Activation::LeakyRelu => "leakyrelu",
        }
    }

    /// `a = g(z)`.
    #[inline]
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Relu => {
                if z < 0.0 {
                    0.0
                } else {
                    z
                }
            }
            Activation::Tanh => tanh(z),
            Activation::Sigmoid => math::sigmoid(z),
            Activation::Linear => z,
            Activation::LeakyRelu => {
                if z < 0.0 {
                    LEAKY_SLOPE * z
                } else {
                    z
                }
            }
        }
    }

    /// `g'(z)` from the output `a = g(z)`: ReLU `a > 0`, tanh `1 − a²`,
    /// sigmoid `a·(1 − a)`, linear 1, leaky ReLU 1 or 0.01 (the sign of
    /// `a` is the sign of `z`).
    #[inline]
    pub fn slope(self, a: f64) -> f64 {
        match self {
            Activation::Relu => {
                if a > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Tanh => 1.0 - a * a,
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Linear => 1.0,
            Activation::LeakyRelu => {
                if a < 0.0 {
                    LEAKY_SLOPE
                } else {
                    1.0
                }
            }
        }
    }
}

/// `tanh z = 1 − 2/(e^{2z} + 1)`: ±1 for large |z|, never NaN for finite z.
fn tanh(z: f64) -> f64 {
    1.0 - 2.0 / (math::exp(2.0 * z) + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each slope against a centred difference of `apply`.
    #[test]
    fn slopes_are_the_derivatives() {
        for act in Activation::ALL {
            for z in [-2.0, -0.3, 0.4, 1.7] {
                let h = 1e-6;
                let numeric = (act.apply(z + h) - act.apply(z - h)) / (2.0 * h);
                let got = act.slope(act.apply(z));
                assert!(
                    (numeric - got).abs() < 1e-8,
                    "{act:?} at {z}: {got} vs {numeric}"
                );
            }
        }
        assert_eq!(tanh(1000.0), 1.0);
        assert_eq!(tanh(-1000.0), -1.0);
        assert!(Activation::Relu.apply(f64::NAN).is_nan());
    }
}
