//! Per-layer statistics of a network on a batch: the spread of each layer's
//! pre-activations `Z[l]` and activations `A[l]`, the share of dead units
//! and of saturated outputs, the size of the weight gradient relative to the
//! weights, the total weight norm, and units that are exact copies of each
//! other (unbroken symmetry).
//!
//! They are computed by a plain forward pass ([`Probe::run`], the same
//! products as [`Network::forward`]) only where the views sample a run
//! (`run::views`), never inside the training pass. Everything about a layer's
//! nonlinearity goes through [`Activation`], so another activation adds one
//! match arm per question.

use crate::model::activation::Activation as Hidden;
use crate::model::network::Network;
use crate::model::output::Problem;
use crate::numeric::math;
use crate::numeric::matrix::{self, Accumulate, Matrix};

/// A sigmoid output at or below this (or at or above `1 −` this) is
/// saturated: its slope `a·(1 − a)` is under 1% of the largest, 0.25.
pub const SATURATED_BELOW: f64 = 0.0025;

/// A tanh output at or beyond this in size is saturated: its slope `1 − a²` is under 1% of
/// the largest, 1 (`√0.99`).
pub const TANH_SATURATED_ABOVE: f64 = 0.994_987_437_106_62;

/// The nonlinearity of one layer, as the statistics see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// A hidden layer's own activation (`act=`, ReLU by default).
    Hidden(Hidden),
    /// `1 / (1 + e^−z)` (a classification's output layer).
    Sigmoid,
    /// `z` (a regression's output layer): never off, never saturated.
    Linear,
}

impl Activation {
    /// Layer `l` (`1..=layers`) of `net`: the hidden layers' activation below, the output's
    /// on top (the sigmoid; linear for a regression).
    pub fn of(net: &Network, l: usize) -> Activation {
        if l < net.layers() {
            Activation::Hidden(net.activation())
        } else if net.problem() == Problem::Regression {
            Activation::Linear
        } else {
            Activation::Sigmoid
        }
    }

    /// Whether a unit of this layer can be dead (its share is a statistic: `dead_share`).
    pub fn has_dead_units(self) -> bool {
        self.is_off(0.0).is_some()
    }

    /// Whether this layer's outputs can saturate (`saturated_share`).
    pub fn saturates(self) -> bool {
        self.is_saturated(0.5).is_some()
    }

    /// `a = g(z)` (ReLU keeps NaN, as `np.maximum(0, z)`).
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Hidden(h) => h.apply(z),
            Activation::Sigmoid => math::sigmoid(z),
            Activation::Linear => z,
        }
    }

    /// Whether the output `a` passes no gradient at all (`g'(z) = 0`), or
    /// `None` when this activation has no such region (only ReLU has: leaky
    /// ReLU's slope below 0 is 0.01). A unit off on every training example is
    /// dead.
    pub fn is_off(self, a: f64) -> Option<bool> {
        match self {
            Activation::Hidden(Hidden::Relu) => Some(a <= 0.0),
            _ => None,
        }
    }

    /// Whether the output `a` is saturated (its slope under 1% of the
    /// largest: sigmoid and tanh), or `None` when this activation does not
    /// saturate.
    pub fn is_saturated(self, a: f64) -> Option<bool> {
        match self {
            Activation::Sigmoid | Activation::Hidden(Hidden::Sigmoid) => {
                Some(a <= SATURATED_BELOW || a >= 1.0 - SATURATED_BELOW)
            }
            Activation::Hidden(Hidden::Tanh) => Some(a.abs() >= TANH_SATURATED_ABOVE),
            _ => None,
        }
    }
}

/// The statistics of one layer `l` on a batch of `m` examples.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct LayerStats {
    /// Standard deviation of the `n[l]·m` entries of `Z[l]` (population:
    /// `√(Σ (z − mean)² / (n·m))`).
    pub z_spread: f64,
    /// The same of `A[l] = g(Z[l])`.
    pub a_spread: f64,
    /// Share of the layer's units off on every example (`None` when the
    /// activation cannot be off, see [`Activation::is_off`]).
    pub dead_share: Option<f64>,
    /// Share of the `n·m` outputs that are saturated (`None` when the
    /// activation does not saturate).
    pub saturated_share: Option<f64>,
    /// `‖dW[l]‖ / ‖W[l]‖` (Frobenius norms; `+inf` when `W[l] = 0` and its
    /// gradient is not, `0` when both are).
    pub grad_ratio: f64,
}

/// Population standard deviation of `v` (two passes; NaN when empty).
pub fn spread(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n).sqrt()
}

/// `‖a‖ / ‖b‖` with `0/0 = 0`.
fn ratio(a: f64, b: f64) -> f64 {
    if a == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// `√(Σ_l ‖W[l]‖²)`: the size of every weight (not the biases), the
/// quantity L2 shrinks.
pub fn weight_norm(net: &Network) -> f64 {
    net.weights().map(Matrix::sum_squares).sum::<f64>().sqrt()
}

/// For each hidden layer, how many units are exact copies of one another:
/// `n[l]` when every row of `W[l]` and every entry of `b[l]` are equal and
/// `n[l] ≥ 2` (these units compute the same function and get the same
/// gradient: symmetry), else 0.
pub fn identical_units(net: &Network) -> Vec<usize> {
    (1..net.layers())
        .map(|l| {
            let (w, b) = (net.weight(l), net.bias(l).as_slice());
            let first = w.row(0);
            let same = (1..w.rows()).all(|r| w.row(r) == first) && b.iter().all(|&v| v == b[0]);
            if same && w.rows() >= 2 {
                w.rows()
            } else {
                0
            }
        })
        .collect()
}

/// Scratch of the statistics' forward pass: `Z` of the current layer and
/// every layer's `A` (reused between samples).
#[derive(Clone, Debug, Default)]
pub struct Probe {
    z: Matrix,
    a: Vec<Matrix>,
}

impl Probe {
    /// Runs `x` (`(n[0], m)`) through `net` without dropout and returns
    /// each layer's statistics, with `grads` (`[dW1, db1, ...]`, the
    /// gradients at these weights) for the gradient ratio. Afterwards
    /// [`Probe::output`] holds the output layer's activations.
    pub fn run(&mut self, net: &Network, x: &Matrix, grads: &[Matrix]) -> Vec<LayerStats> {
        let layers = net.layers();
        self.a.resize_with(layers, Matrix::default);
        (1..=layers)
            .map(|l| {
                let g = self.layer(net, x, l);
                let a = &self.a[l - 1];
                let share = |count: usize, of: usize| count as f64 / of as f64;
                let dead_share = g.has_dead_units().then(|| {
                    let dead = (0..a.rows())
                        .filter(|&r| a.row(r).iter().all(|&v| g.is_off(v) == Some(true)))
                        .count();
                    share(dead, a.rows())
                });
                let saturated_share = g.saturates().then(|| {
                    let n = a.as_slice();
                    share(
                        n.iter()
                            .filter(|&&v| g.is_saturated(v) == Some(true))
                            .count(),
                        n.len(),
                    )
                });
                let w = net.weight(l);
                LayerStats {
                    z_spread: spread(self.z.as_slice()),
                    a_spread: spread(a.as_slice()),
                    dead_share,
                    saturated_share,
                    grad_ratio: ratio(
                        grads[2 * l - 2].sum_squares().sqrt(),
                        w.sum_squares().sqrt(),
                    ),
                }
            })
            .collect()
    }

    /// Every layer's activations of `x` without the statistics (see
    /// [`Probe::activations`]).
    pub fn forward(&mut self, net: &Network, x: &Matrix) {
        self.a.resize_with(net.layers(), Matrix::default);
        for l in 1..=net.layers() {
            self.layer(net, x, l);
        }
    }

    /// Layer `l`'s `Z` (left in `self.z`) and `A = g(Z)` from the layer
    /// below's `A` (or `x`); returns its activation.
    fn layer(&mut self, net: &Network, x: &Matrix, l: usize) -> Activation {
        let g = Activation::of(net, l);
        let (done, rest) = self.a.split_at_mut(l - 1);
        let input = if l == 1 { x } else { &done[l - 2] };
        matrix::matmul_bias(
            net.weight(l),
            input,
            Some(net.bias(l)),
            &mut self.z,
            Accumulate::Plain,
        );
        let a = &mut rest[0];
        a.reset(self.z.rows(), self.z.cols());
        for (o, &z) in a.as_mut_slice().iter_mut().zip(self.z.as_slice()) {
            *o = g.apply(z);
        }
        g
    }

    /// The output layer's activations of the last [`Probe::run`].
    pub fn output(&self) -> &[f64] {
        self.a.last().map(Matrix::as_slice).unwrap_or(&[])
    }

    /// Layer `l`'s activations (`(n[l], m)`) of the last run or forward.
    pub fn activations(&self, l: usize) -> &Matrix {
        &self.a[l - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::network::Activations;
    use crate::{Config, Preset, Trainer};

    fn trainer(p: Preset, iters: u64) -> Trainer {
        let mut t = Trainer::new(p.config()).unwrap();
        t.step(iters);
        t
    }

    /// Every statistic against a direct computation written out here, on
    /// the He and ×10 networks before and after training.
    #[test]
    fn statistics_match_a_direct_computation() {
        for (p, iters) in [
            (Preset::InitHe, 0),
            (Preset::InitHe, 500),
            (Preset::InitRandom, 3),
        ] {
            let t = trainer(p, iters);
            let net = t.network();
            let x = &t.split().train.x;
            let stats = Probe::default().run(net, x, t.gradients());
            let mut acts = Activations::default();
            net.forward(x, None, Accumulate::Plain, &mut acts);
            let layers = net.layers();
            assert_eq!(stats.len(), layers);
            for (l, s) in (1..=layers).zip(&stats) {
                let a = &acts.a[l - 1];
                let input = if l == 1 { x } else { &acts.a[l - 2] };
                // z by hand: W·A + b, entry by entry.
                let mut z = Vec::new();
                for i in 0..a.rows() {
                    for j in 0..a.cols() {
                        let mut v = 0.0;
                        for k in 0..input.rows() {
                            v += net.weight(l).get(i, k) * input.get(k, j);
                        }
                        z.push(v + net.bias(l).get(i, 0));
                    }
                }
                let sd = |v: &[f64]| {
                    let mean = v.iter().sum::<f64>() / v.len() as f64;
                    (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / v.len() as f64).sqrt()
                };
                let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1.0);
                assert!(close(s.z_spread, sd(&z)), "{p:?} z{l}");
                assert!(close(s.a_spread, sd(a.as_slice())), "{p:?} a{l}");
                let norm = |m: &Matrix| m.as_slice().iter().map(|v| v * v).sum::<f64>().sqrt();
                let g = norm(&t.gradients()[2 * l - 2]);
                let expected = if g == 0.0 {
                    0.0
                } else {
                    g / norm(net.weight(l))
                };
                assert!(close(s.grad_ratio, expected), "{p:?} ratio{l}");
                if l < layers {
                    let dead = (0..a.rows()).filter(|&r| a.row(r).iter().all(|&v| v == 0.0));
                    assert_eq!(s.dead_share, Some(dead.count() as f64 / a.rows() as f64));
                    assert_eq!(s.saturated_share, None);
                } else {
                    let sat = a
                        .as_slice()
                        .iter()
                        .filter(|&&v| !(0.0025..=0.9975).contains(&v));
                    assert_eq!(s.saturated_share, Some(sat.count() as f64 / a.len() as f64));
                    assert_eq!(s.dead_share, None);
                }
            }
        }
    }

    /// The lessons, as numbers: ×10 saturates the sigmoid, He keeps it in
    /// its range; the zeros network's units are all copies.
    #[test]
    fn the_labs_show_their_lessons() {
        let sat = |p| {
            let t = trainer(p, 0);
            let s = Probe::default().run(t.network(), &t.split().train.x, t.gradients());
            s.last().unwrap().saturated_share.unwrap()
        };
        assert!(sat(Preset::InitRandom) > 0.5, "{}", sat(Preset::InitRandom));
        assert!(sat(Preset::InitHe) < 0.05, "{}", sat(Preset::InitHe));
        let zeros = trainer(Preset::InitZeros, 100);
        assert_eq!(identical_units(zeros.network()), vec![10, 5]);
        assert_eq!(
            identical_units(trainer(Preset::InitHe, 0).network()),
            vec![0, 0]
        );
        let direct: f64 = zeros
            .network()
            .weights()
            .flat_map(|w| w.as_slice().iter().map(|v| v * v))
            .sum();
        assert_eq!(weight_norm(zeros.network()), direct.sqrt());
        assert_eq!(weight_norm(zeros.network()), 0.0);
        let one = Trainer::new(Config {
            hidden: vec![1],
            ..Preset::InitHe.config()
        })
        .unwrap();
        assert_eq!(
            identical_units(one.network()),
            vec![0],
            "one unit is no symmetry"
        );
    }

    #[test]
    fn activations_answer_only_what_they_can() {
        let relu = Activation::Hidden(Hidden::Relu);
        let net = trainer(Preset::InitHe, 0);
        assert_eq!(Activation::of(net.network(), 3), Activation::Sigmoid);
        assert_eq!(Activation::of(net.network(), 1), relu);
        assert_eq!(relu.apply(-2.0), 0.0);
        assert!(relu.apply(f64::NAN).is_nan());
        assert_eq!(Activation::Sigmoid.is_off(0.0), None);
        assert_eq!(relu.is_saturated(1e9), None);
        assert_eq!(Activation::Sigmoid.is_saturated(0.999), Some(true));
        assert_eq!(Activation::Sigmoid.is_saturated(0.5), Some(false));
        // Only ReLU units die (leaky ReLU keeps a slope); sigmoid and tanh saturate.
        let tanh = Activation::Hidden(Hidden::Tanh);
        assert_eq!(Activation::Hidden(Hidden::LeakyRelu).is_off(-1.0), None);
        assert_eq!(tanh.is_off(-1.0), None);
        assert_eq!(tanh.is_saturated(-0.996), Some(true));
        assert_eq!(tanh.is_saturated(0.99), Some(false));
        let slope = |a: f64| 1.0 - a * a;
        assert!(
            (slope(TANH_SATURATED_ABOVE) - 0.01).abs() < 1e-15,
            "1% of tanh's largest slope"
        );
        assert_eq!(
            Activation::Hidden(Hidden::Sigmoid).is_saturated(0.001),
            Some(true)
        );
        assert_eq!(spread(&[1.0, 3.0]), 1.0);
    }
}
