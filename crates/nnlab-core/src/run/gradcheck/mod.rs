//! Gradient checking: the analytic gradient from backprop against a
//! two-sided numerical difference, over the network's one parameter list;
//! [`diagnosis`] says what the result means.

pub mod diagnosis;

pub use diagnosis::{diagnose, Diagnosis, OneD, ParamDiagnosis, Verdict};

use crate::model::cost;
use crate::model::network::{Activations, Network, PlantedBugs};
use crate::model::output::{self, Problem};
use crate::model::penalty::Penalty;
use crate::numeric::matrix::{Accumulate, Matrix};

/// The course's threshold in its later version: below it, backprop is right.
pub const THRESHOLD: f64 = 2e-7;
/// The course's older threshold, which wrongly flags correct backprop
/// (1.19e-7 on the test case) because of round-off in `J(θ ± ε)`.
pub const OLD_THRESHOLD: f64 = 1e-7;

/// One scalar parameter's two gradients.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Index into the network's parameter list (`0` = W1, `1` = b1, ...).
    pub param: usize,
    /// Row and column inside that parameter.
    pub row: usize,
    pub col: usize,
    pub analytic: f64,
    pub numerical: f64,
    /// `|analytic − numerical| / (|analytic| + |numerical|)`, 0 when both are 0.
    pub relative_error: f64,
}

impl Entry {
    /// `W2[1,3]`-style label.
    pub fn label(&self) -> String {
        format!(
            "{}[{},{}]",
            Network::param_name(self.param),
            self.row,
            self.col
        )
    }
}

/// The result of a gradient check.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// `||grad − gradapprox|| / (||grad|| + ||gradapprox||)`.
    pub difference: f64,
    pub epsilon: f64,
    /// The cost `J(θ)` at the checked parameters.
    pub cost: f64,
    /// One entry per scalar parameter, in parameter-list order.
    pub entries: Vec<Entry>,
}

impl Report {
    /// Whether the difference passes a threshold.
    pub fn passes(&self, threshold: f64) -> bool {
        self.difference < threshold
    }

    /// Each entry's share of the difference:
    /// `|analytic − numerical| / (||grad|| + ||gradapprox||)`. The difference
    /// is the root of the sum of their squares, so an entry whose share alone
    /// exceeds a threshold makes the whole check fail (a tiny gradient can
    /// have a large relative error from round-off alone). Summed per
    /// parameter, rule 1 of [`diagnosis::SUSPECT`].
    pub fn shares(&self) -> Vec<f64> {
        let grad = norm(self.entries.iter().map(|e| e.analytic));
        let approx = norm(self.entries.iter().map(|e| e.numerical));
        let denom = grad + approx;
        self.entries
            .iter()
            .map(|e| {
                if denom == 0.0 {
                    0.0
                } else {
                    (e.analytic - e.numerical).abs() / denom
                }
            })
            .collect()
    }

    /// The largest relative error of each parameter matrix (W1, b1, ...);
    /// NaN where an entry could not be measured.
    pub fn worst_per_param(&self) -> Vec<f64> {
        let mut worst: Vec<f64> = Vec::new();
        for e in &self.entries {
            if worst.len() <= e.param {
                worst.resize(e.param + 1, 0.0);
            }
            // NaN wins: an entry that could not be measured must not look clean.
            let w = worst[e.param];
            worst[e.param] = if w.is_nan() || e.relative_error.is_nan() {
                f64::NAN
            } else {
                w.max(e.relative_error)
            };
        }
        worst
    }
}

/// The 1-D check of `J(θ) = θ·x`, whose gradient is `x`: the difference
/// `|x − gradapprox| / (|x| + |gradapprox|)` ([`gradapprox_1d`]).
pub fn check_1d(x: f64, theta: f64, eps: f64) -> f64 {
    let approx = gradapprox_1d(x, theta, eps);
    let grad = x;
    (grad - approx).abs() / (grad.abs() + approx.abs())
}

/// The numerical gradient of `J(θ) = θ·x`: `(J(θ+ε) − J(θ−ε)) / 2ε`.
pub fn gradapprox_1d(x: f64, theta: f64, eps: f64) -> f64 {
    let j_plus = (theta + eps) * x;
    let j_minus = (theta - eps) * x;
    (j_plus - j_minus) / (2.0 * eps)
}

/// The cost the check differentiates: the plain-sum cross-entropy of the
/// forward pass (with fused multiply-adds, as NumPy's BLAS computes it), or
/// for regression the squared error `1/(2m)·Σ(ŷ − y)²`, plus the penalties
/// (L2, and L1 when on).
fn cost_at(net: &Network, x: &Matrix, y: &[f64], penalty: Penalty, acts: &mut Activations) -> f64 {
    net.forward(x, None, Accumulate::Fused, acts);
    let data = match net.problem() {
        Problem::Classification => cost::cross_entropy_plain(acts.output(), y),
        Problem::Regression => output::squared_error(acts.output(), y),
    };
    data + penalty.cost(net.weights(), y.len())
}

fn norm(v: impl Iterator<Item = f64>) -> f64 {
    v.map(|x| x * x).sum::<f64>().sqrt()
}

/// Checks the backward pass (with `bugs` planted, L2 `λ` or a [`Penalty`]
/// with L1, the network's hidden activation, no dropout)
/// on the batch `x`, `y`, one scalar parameter at a time:
/// `gradapprox[i] = (J(θ + ε·e_i) − J(θ − ε·e_i)) / 2ε`.
///
/// Costs `2·P + 1` forward passes for `P` parameters.
pub fn check_network(
    net: &Network,
    x: &Matrix,
    y: &[f64],
    penalty: impl Into<Penalty>,
    bugs: PlantedBugs,
    eps: f64,
) -> Report {
    let penalty = penalty.into();
    let mut acts = Activations::default();
    let cost = cost_at(net, x, y, penalty, &mut acts);
    let mut grads = net.zero_gradients();
    net.backward(x, y, &mut acts, None, penalty, bugs, &mut grads);

    let mut probe = net.clone();
    let mut entries = Vec::with_capacity(net.parameter_count());
    for (p, grad) in grads.iter().enumerate() {
        let cols = grad.cols();
        for k in 0..grad.len() {
            let original = probe.params()[p].as_slice()[k];
            probe.params_mut()[p].as_mut_slice()[k] = original + eps;
            let j_plus = cost_at(&probe, x, y, penalty, &mut acts);
            probe.params_mut()[p].as_mut_slice()[k] = original - eps;
            let j_minus = cost_at(&probe, x, y, penalty, &mut acts);
            probe.params_mut()[p].as_mut_slice()[k] = original;
            let numerical = (j_plus - j_minus) / (2.0 * eps);
            let analytic = grad.as_slice()[k];
            let denom = analytic.abs() + numerical.abs();
            let relative_error = if denom == 0.0 {
                0.0
            } else {
                (analytic - numerical).abs() / denom
            };
            entries.push(Entry {
                param: p,
                row: k / cols,
                col: k % cols,
                analytic,
                numerical,
                relative_error,
            });
        }
    }
    let numerator = norm(entries.iter().map(|e| e.analytic - e.numerical));
    let denominator =
        norm(entries.iter().map(|e| e.analytic)) + norm(entries.iter().map(|e| e.numerical));
    Report {
        difference: numerator / denominator,
        epsilon: eps,
        cost,
        entries,
    }
}
