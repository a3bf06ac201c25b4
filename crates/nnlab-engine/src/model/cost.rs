//! The cross-entropy cost and the L2 penalty.

#[cfg(target_arch = "x86_64")]
use crate::numeric::lanes::Avx2;
use crate::numeric::lanes::{Lanes, LANES, V4};
use crate::numeric::math;
use crate::numeric::matrix::Matrix;

/// One example's cross-entropy term, written as the course writes it:
/// `(-ln a)·y + (-ln(1 - a))·(1 - y)`. It is NaN for `0·ln 0` (a
/// saturated sigmoid on the right side) and `+inf` on the wrong side.
#[inline]
pub fn term(a: f64, y: f64) -> f64 {
    (-math::ln(a)) * y + (-math::ln(1.0 - a)) * (1.0 - y)
}

/// [`term`] for `N` vectors of four examples (`numeric::lanes`), for `a` in
/// `[0, 1]` (not NaN), with one logarithm per example when the labels are 0
/// or 1: `y = 1` gives `-ln a` (NaN when `a = 1`: the `0·ln 0` term), `y = 0`
/// gives `-ln(1 - a)` (NaN when `a = 0`). These are [`term`]'s bits except
/// the sign of a zero term (`+0.0` instead of `-0.0`), which leaves the sum
/// unchanged. Other labels take the full formula.
#[inline(always)]
fn terms<L: Lanes, const N: usize>(a: [L; N], y: [L; N]) -> [L; N] {
    let (one, zero) = (L::splat(1.0), L::zero());
    let eq = |v: L, c: L| v.ge(c).bits_and(v.le(c));
    let y1 = y.map(|y| eq(y, one));
    let y0 = y.map(|y| eq(y, zero));
    let binary = (0..N).all(|i| y1[i].bits_or(y0[i]).all());
    if !binary {
        return core::array::from_fn(|i| {
            let (a, y) = (a[i], y[i]);
            a.ln().neg() * y + (one - a).ln().neg() * (one - y)
        });
    }
    let log: [L; N] = L::ln_all(core::array::from_fn(|i| L::select(y1[i], a[i], one - a[i])));
    core::array::from_fn(|i| {
        let nan = y1[i]
            .bits_and(eq(a[i], one))
            .bits_or(y0[i].bits_and(eq(a[i], zero)));
        L::select(nan, L::splat(f64::NAN), log[i].neg())
    })
}

/// Vectors of four examples whose logarithms [`nansum`] takes together.
const VECTORS: usize = 4;

/// `nansum(term)` in order of the examples, from `0.0`.
#[inline(always)]
fn nansum<L: Lanes>(a: &[f64], y: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut add = |t: f64| {
        if !t.is_nan() {
            sum += t;
        }
    };
    const WIDE: usize = VECTORS * LANES;
    let (a16, y16) = (a.chunks_exact(WIDE), y.chunks_exact(WIDE));
    let (a_rest, y_rest) = (a16.remainder(), y16.remainder());
    for (a16, y16) in a16.zip(y16) {
        let load = |s: &[f64]| -> [L; VECTORS] {
            core::array::from_fn(|i| L::load_slice(&s[i * LANES..]))
        };
        for t in terms(load(a16), load(y16)) {
            t.to_array().into_iter().for_each(&mut add);
        }
        L::end_of_iteration();
    }
    let (a4, y4) = (a_rest.chunks_exact(LANES), y_rest.chunks_exact(LANES));
    let (a_rest, y_rest) = (a4.remainder(), y4.remainder());
    for (a4, y4) in a4.zip(y4) {
        let [t] = terms([L::load_slice(a4)], [L::load_slice(y4)]);
        t.to_array().into_iter().for_each(&mut add);
        L::end_of_iteration();
    }
    for (&a, &y) in a_rest.iter().zip(y_rest) {
        add(term(a, y));
    }
    sum
}

/// [`nansum`] in 256-bit lanes (see `numeric::lanes` for how AVX2 code is
/// made).
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn nansum_avx2(a: &[f64], y: &[f64]) -> f64 {
    nansum::<Avx2>(a, y)
}

/// `J = (1/m) · nansum(term)`: the course's cost, which drops NaN terms,
/// so it may be `+inf` but is never NaN. Only the `0·ln 0` terms are
/// dropped: an output that is itself NaN (diverged weights) makes the cost
/// NaN instead of silently vanishing from the sum.
///
/// `a` and `y` are the output activations and labels, one per example.
/// The terms are computed four at a time (the same bits as [`term`]); the
/// sum runs over the examples in order, from `0.0`.
pub fn cross_entropy(a: &[f64], y: &[f64]) -> f64 {
    assert_eq!(a.len(), y.len(), "cross_entropy: lengths differ");
    if a.iter().any(|a| a.is_nan()) {
        return f64::NAN;
    }
    let m = a.len() as f64;
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        return 1.0 / m * unsafe { nansum_avx2(a, y) };
    }
    1.0 / m * nansum::<V4>(a, y)
}

/// `J = (1/m) · Σ term`, a plain sum (NaN propagates): the gradient-check
/// lab's cost.
pub fn cross_entropy_plain(a: &[f64], y: &[f64]) -> f64 {
    assert_eq!(a.len(), y.len(), "cross_entropy_plain: lengths differ");
    let m = a.len() as f64;
    let sum: f64 = a.iter().zip(y).map(|(&a, &y)| term(a, y)).sum();
    1.0 / m * sum
}

/// The L2 term of the cost, `(1/m · λ/2) · Σ_l ||W[l]||²` over the weight
/// matrices (not biases); its gradient is [`add_l2_gradient`].
pub fn l2_penalty<'a>(weights: impl Iterator<Item = &'a Matrix>, lambda: f64, m: usize) -> f64 {
    if lambda == 0.0 {
        return 0.0;
    }
    let total: f64 = weights.map(Matrix::sum_squares).sum();
    (1.0 / m as f64 * lambda / 2.0) * total
}

/// The L2 term's gradient for one weight matrix: `dW += (λ/m)·W` (nothing
/// when `λ = 0`). Shapes: `w` and `dw` alike.
pub fn add_l2_gradient(w: &Matrix, lambda: f64, m: usize, dw: &mut Matrix) {
    if lambda == 0.0 {
        return;
    }
    let f = lambda / m as f64;
    for (g, &wv) in dw.as_mut_slice().iter_mut().zip(w.as_slice()) {
        *g += f * wv;
    }
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

    /// The scalar definition, example by example.
    fn reference(a: &[f64], y: &[f64]) -> f64 {
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
        1.0 / a.len() as f64 * sum
    }

    #[test]
    fn four_at_a_time_matches_the_scalar_definition() {
        let mut rng = crate::numeric::rng::NumpyRng::new(4);
        for m in [0, 1, 3, 4, 7, 211, 300] {
            let mut a: Vec<f64> = (0..m)
                .map(|_| math::sigmoid(60.0 * rng.rand() - 30.0))
                .collect();
            let y: Vec<f64> = (0..m).map(|_| (rng.rand() < 0.5) as u8 as f64).collect();
            if m > 3 {
                a[1] = 1.0; // 0·ln 0 or +inf
                a[2] = 0.0;
                a[3] = 1e-20; // 1 - a rounds to 1: a zero term
            }
            let (got, want) = (cross_entropy(&a, &y), reference(&a, &y));
            assert!(
                got.to_bits() == want.to_bits() || got.is_nan() && want.is_nan(),
                "m = {m}"
            );
        }
    }

    #[test]
    fn half_everywhere_costs_ln2() {
        let c = cross_entropy(&[0.5; 4], &[0.0, 1.0, 1.0, 0.0]);
        assert!((c - std::f64::consts::LN_2).abs() < 1e-15);
    }
}
