//! The network: ReLU hidden layers (or another [`Activation`]), a sigmoid
//! output unit (a linear one for regression, [`Problem`]), and the forward
//! and backward passes over a whole batch.
//!
//! `Z[l] = W[l]·A[l-1] + b[l]`, `A[l] = relu(Z[l])` for hidden layers and
//! `sigmoid(Z[L])` (regression: `Z[L]`) for the output. Examples are columns: `A[l]` is
//! `(n[l], m)`. The network's one parameter list is
//! `[W1, b1, W2, b2, ..., WL, bL]`; gradients use the same layout, and the
//! optimizer, the L2 penalty and gradient checking all walk it.

use crate::model::activation::Activation;
use crate::model::output::Problem;
use crate::model::penalty::Penalty;
use crate::numeric::fused::{self, Pass};
use crate::numeric::math;
use crate::numeric::matrix::{self, Accumulate, Matrix};
use crate::numeric::params::ParamList;

pub use crate::numeric::fused::{DropoutMasks, Workspace};

/// The course's two planted backprop bugs (gradient-checking lab).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlantedBugs {
    /// `dW2` multiplied by 2.
    pub w2: bool,
    /// `db1` computed with `4/m` instead of `1/m`.
    pub b1: bool,
}

/// What every backward pass (plain or fused) does to layer `l`'s gradient
/// after the data term: `dW[l] = (1/m)·Σ dZ·Aᵀ` is given, then the L2 term
/// and the planted bugs; `db[l] = scale·Σ_j dZ[i,j]`.
#[derive(Clone, Copy)]
struct GradientRule {
    m: usize,
    penalty: Penalty,
    bugs: PlantedBugs,
}

impl GradientRule {
    /// Adds `(λ/m)·W[l]` (L2) and `(λ₁/m)·sign(W[l])` (L1), then doubles
    /// `dW2` if that bug is planted.
    fn finish_weights(self, l: usize, w: &Matrix, dw: &mut Matrix) {
        self.penalty.add_gradient(w, self.m, dw);
        if self.bugs.w2 && l == 2 {
            dw.as_mut_slice().iter_mut().for_each(|g| *g *= 2.0);
        }
    }

    /// `1/m`, or `4/m` for `db1` with that bug planted.
    fn bias_scale(self, l: usize) -> f64 {
        if self.bugs.b1 && l == 1 {
            4.0 / self.m as f64
        } else {
            1.0 / self.m as f64
        }
    }
}

/// Layer sizes and parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    sizes: Vec<usize>,
    params: Vec<Matrix>,
    /// The hidden layers' activation (ReLU unless [`Network::with_activation`]).
    act: Activation,
    /// The output unit: sigmoid, or linear for regression ([`Network::with_problem`]).
    problem: Problem,
}

/// What a forward pass leaves for the backward pass: every layer's
/// activations `A[1..=L]` (after dropout). Reused between iterations so a
/// training step allocates nothing.
#[derive(Clone, Debug, Default)]
pub struct Activations {
    pub a: Vec<Matrix>,
    dz: Matrix,
    dz_prev: Matrix,
}

impl Activations {
    /// The output layer's activations, one probability per example.
    pub fn output(&self) -> &[f64] {
        self.a.last().map(Matrix::as_slice).unwrap_or(&[])
    }
}

impl Network {
    /// A network with layer sizes `sizes` (`n[0]` inputs ... `n[L]` = 1
    /// output) and parameters `[W1, b1, ...]`. Panics if the shapes
    /// disagree (a programmer error: configurations are validated first).
    pub fn new(sizes: Vec<usize>, params: Vec<Matrix>) -> Self {
        assert!(sizes.len() >= 2, "a network needs at least one layer");
        assert_eq!(
            params.len(),
            2 * (sizes.len() - 1),
            "two parameters per layer"
        );
        for l in 1..sizes.len() {
            assert_eq!(
                params[2 * l - 2].shape(),
                (sizes[l], sizes[l - 1]),
                "W{l} shape"
            );
            assert_eq!(params[2 * l - 1].shape(), (sizes[l], 1), "b{l} shape");
        }
        Network {
            sizes,
            params,
            act: Activation::Relu,
            problem: Problem::Classification,
        }
    }

    /// The same network with `problem`'s output unit.
    pub fn with_problem(self, problem: Problem) -> Self {
        Network { problem, ..self }
    }

    /// What the output unit computes (and which cost the run takes).
    pub fn problem(&self) -> Problem {
        self.problem
    }

    /// The same network with hidden activation `act`.
    pub fn with_activation(self, act: Activation) -> Self {
        Network { act, ..self }
    }

    /// The hidden layers' activation.
    pub fn activation(&self) -> Activation {
        self.act
    }

    /// Whether the fused kernels compute this network ([`Network::train_pass`],
    /// [`Network::predict_into`]): they are written for ReLU hidden layers;
    /// other activations and regression's linear output take the plain
    /// forward/backward.
    pub fn fused(&self) -> bool {
        self.act == Activation::Relu && self.problem == Problem::Classification
    }

    /// `n[0..=L]`.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Number of layers with weights (`L`).
    pub fn layers(&self) -> usize {
        self.sizes.len() - 1
    }

    /// `[W1, b1, ..., WL, bL]`.
    pub fn params(&self) -> &[Matrix] {
        &self.params
    }

    pub fn params_mut(&mut self) -> &mut [Matrix] {
        &mut self.params
    }

    /// Sizes and parameters as one borrowed [`ParamList`].
    pub fn param_list(&self) -> ParamList<'_> {
        ParamList {
            sizes: &self.sizes,
            params: &self.params,
        }
    }

    /// `W[l]` for `l` in `1..=L`.
    pub fn weight(&self, l: usize) -> &Matrix {
        self.param_list().weight(l)
    }

    /// `b[l]` for `l` in `1..=L`.
    pub fn bias(&self, l: usize) -> &Matrix {
        self.param_list().bias(l)
    }

    /// The weight matrices only (what L2 penalises).
    pub fn weights(&self) -> impl Iterator<Item = &Matrix> + Clone {
        self.params.iter().step_by(2)
    }

    /// Total number of scalar parameters.
    pub fn parameter_count(&self) -> usize {
        self.params.iter().map(Matrix::len).sum()
    }

    /// The name of parameter `i` of [`Network::params`]: `W1`, `b1`, ...
    pub fn param_name(i: usize) -> String {
        ParamList::name(i)
    }

    /// Fresh gradient buffers shaped like the parameters.
    pub fn zero_gradients(&self) -> Vec<Matrix> {
        self.params
            .iter()
            .map(|p| Matrix::zeros(p.rows(), p.cols()))
            .collect()
    }

    /// Runs the batch `x` (`(n[0], m)`) forward, filling `acts`.
    pub fn forward(
        &self,
        x: &Matrix,
        dropout: Option<DropoutMasks>,
        acc: Accumulate,
        acts: &mut Activations,
    ) {
        assert_eq!(x.rows(), self.sizes[0], "forward: input features");
        let layers = self.layers();
        acts.a.resize_with(layers, Default::default);
        for l in 1..=layers {
            let (done, rest) = acts.a.split_at_mut(l - 1);
            let input = if l == 1 { x } else { &done[l - 2] };
            let out = &mut rest[0];
            matrix::matmul_bias(self.weight(l), input, Some(self.bias(l)), out, acc);
            if l == layers && self.problem == Problem::Classification {
                out.as_mut_slice()
                    .iter_mut()
                    .for_each(|z| *z = math::sigmoid(*z));
            } else if l == layers {
                // Regression: the linear output, Z[L] itself.
            } else {
                // relu keeps NaN visible: np.maximum(0, z)
                let act = self.act;
                out.as_mut_slice()
                    .iter_mut()
                    .for_each(|z| *z = act.apply(*z));
                if let Some(d) = dropout {
                    let mask = &d.masks[l - 1];
                    for (v, &keep_it) in out.as_mut_slice().iter_mut().zip(mask.as_slice()) {
                        *v = *v * keep_it / d.keep;
                    }
                }
            }
        }
    }

    /// The backward pass for the activations of the last [`Network::forward`]
    /// on `x` with labels `y`, writing `grads` (`[dW1, db1, ...]`).
    ///
    /// `dZ[L] = A[L] - Y` (for both problems: the sigmoid with cross-entropy
    /// and the linear output with `1/(2m)·Σ(ŷ − y)²`); `dW[l] = (1/m)·dZ[l]·A[l-1]ᵀ + (λ/m)·W[l]`;
    /// `db[l] = (1/m)·Σ dZ[l]`; `dA[l-1] = W[l]ᵀ·dZ[l]` (then the same dropout
    /// mask and `/keep`); `dZ[l-1] = dA[l-1]·(A[l-1] > 0)` for ReLU, times
    /// [`Activation::slope`] of `A[l-1]` (before dropout's scaling) for the
    /// others. `penalty` is L2's `λ` alone or a [`Penalty`] with L1.
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        x: &Matrix,
        y: &[f64],
        acts: &mut Activations,
        dropout: Option<DropoutMasks>,
        penalty: Penalty,
        bugs: PlantedBugs,
        grads: &mut [Matrix],
    ) {
        let layers = self.layers();
        let m = y.len();
        assert_eq!(x.cols(), m, "backward: examples");
        assert_eq!(grads.len(), self.params.len(), "backward: gradient buffers");
        let inv_m = 1.0 / m as f64;
        let rule = GradientRule { m, penalty, bugs };
        let Activations { a, dz, dz_prev } = acts;
        dz.reset(1, m);
        for ((d, &out), &label) in dz
            .as_mut_slice()
            .iter_mut()
            .zip(a[layers - 1].as_slice())
            .zip(y)
        {
            *d = out - label;
        }
        for l in (1..=layers).rev() {
            let input = if l == 1 { x } else { &a[l - 2] };
            let (gw, gb) = grads[2 * l - 2..2 * l].split_at_mut(1);
            let (dw, db) = (&mut gw[0], &mut gb[0]);
            matrix::matmul_nt(dz, input, inv_m, dw);
            rule.finish_weights(l, self.weight(l), dw);
            let db_scale = rule.bias_scale(l);
            if db.shape() != (dz.rows(), 1) {
                db.reset(dz.rows(), 1);
            }
            for i in 0..dz.rows() {
                db.as_mut_slice()[i] = db_scale * matrix::sum(dz.row(i));
            }
            if l > 1 {
                matrix::matmul_tn(self.weight(l), dz, dz_prev);
                let prev = &a[l - 2];
                let mask = dropout.map(|d| (&d.masks[l - 2], d.keep));
                let da = dz_prev.as_mut_slice();
                let act = self.act;
                match mask {
                    _ if act != Activation::Relu => {
                        // a = g(z)·d/keep: g(z) = a·keep where d = 1.
                        let (mask, keep) = mask.map_or((None, 1.0), |(m, k)| (Some(m), k));
                        for (j, (g, &av)) in da.iter_mut().zip(prev.as_slice()).enumerate() {
                            let d = mask.map_or(1.0, |m| m.as_slice()[j]);
                            let a = if mask.is_some() { av * keep } else { av };
                            *g = if d == 0.0 {
                                0.0
                            } else {
                                *g * d / keep * act.slope(a)
                            };
                        }
                    }
                    Some((mask, keep)) => {
                        for ((g, &d), &av) in
                            da.iter_mut().zip(mask.as_slice()).zip(prev.as_slice())
                        {
                            let v = *g * d / keep;
                            *g = if av > 0.0 { v } else { 0.0 };
                        }
                    }
                    None => {
                        for (g, &av) in da.iter_mut().zip(prev.as_slice()) {
                            if av <= 0.0 {
                                *g = 0.0;
                            }
                        }
                    }
                }
                std::mem::swap(dz, dz_prev);
            }
        }
    }

    /// Probabilities of label 1 for the batch `x` (no dropout), left in
    /// [`Activations::output`].
    pub fn predict_batch(&self, x: &Matrix, acts: &mut Activations) {
        self.forward(x, None, Accumulate::Plain, acts);
    }

    /// True when every parameter is finite.
    pub fn is_finite(&self) -> bool {
        self.params.iter().all(Matrix::is_finite)
    }
}

impl Network {
    /// One full-batch gradient computation, fused: the same numbers as
    /// [`Network::forward`] (with [`Accumulate::Plain`]) followed by
    /// [`Network::backward`], bit for bit, several times faster, without
    /// storing the hidden activations (`numeric::fused` explains how). Writes
    /// `grads` (`[dW1, db1, ...]`) and leaves the output layer's
    /// activations in [`Workspace::output`] (for the cost). Allocates
    /// nothing once `ws` and `grads` have their sizes.
    ///
    /// Shapes: `x (n[0], m)`, `y` of length `m`, `n[L] = 1`; dropout masks
    /// `(n[l], m)` for the hidden layers.
    ///
    /// Not generic (`penalty` is a [`Penalty`], not `impl Into<Penalty>`), like
    /// [`Network::backward`]: a generic function is compiled in its caller's crate, at
    /// the caller's opt-level, and the page builds the rest of the labs for size.
    #[allow(clippy::too_many_arguments)]
    pub fn train_pass(
        &self,
        x: &Matrix,
        y: &[f64],
        dropout: Option<DropoutMasks>,
        penalty: Penalty,
        bugs: PlantedBugs,
        grads: &mut [Matrix],
        ws: &mut Workspace,
    ) {
        let layers = self.layers();
        let m = y.len();
        assert_eq!(x.shape(), (self.sizes[0], m), "train_pass: x shape");
        assert_eq!(self.sizes[layers], 1, "train_pass: one output unit");
        assert!(self.fused(), "train_pass: ReLU hidden layers");
        assert_eq!(
            grads.len(),
            self.params.len(),
            "train_pass: gradient buffers"
        );
        if let Some(d) = dropout {
            assert_eq!(
                d.masks.len(),
                layers - 1,
                "train_pass: one mask per hidden layer"
            );
            for (l, mask) in d.masks.iter().enumerate() {
                assert_eq!(
                    mask.shape(),
                    (self.sizes[l + 1], m),
                    "train_pass: mask shape"
                );
            }
        }
        let pass = Pass {
            y: Some(y),
            dropout,
        };
        fused::run(self.param_list(), x, pass, ws);
        let inv_m = 1.0 / m as f64;
        let rule = GradientRule { m, penalty, bugs };
        for l in 1..=layers {
            let (gw, gb) = grads[2 * l - 2..2 * l].split_at_mut(1);
            let (dw, db) = (&mut gw[0], &mut gb[0]);
            let (n, n_in) = (self.sizes[l], self.sizes[l - 1]);
            if dw.shape() != (n, n_in) {
                dw.reset(n, n_in);
            }
            if db.shape() != (n, 1) {
                db.reset(n, 1);
            }
            for (g, sum) in dw.as_mut_slice().iter_mut().zip(ws.weight_sums(l)) {
                *g = inv_m * sum;
            }
            rule.finish_weights(l, self.weight(l), dw);
            let db_scale = rule.bias_scale(l);
            for (g, sum) in db.as_mut_slice().iter_mut().zip(ws.bias_sums(l)) {
                *g = db_scale * sum;
            }
        }
    }

    /// Probabilities of label 1 for the batch `x` (no dropout), written to
    /// `out` (length `m`): the same bits as [`Network::predict_batch`],
    /// through the fused kernels (no hidden activations stored, nothing
    /// allocated once `ws` has its size). Needs `n[L] = 1`. A network that is
    /// not [`Network::fused`] takes the plain forward pass (which allocates).
    pub fn predict_into(&self, x: &Matrix, out: &mut [f64], ws: &mut Workspace) {
        let m = x.cols();
        assert_eq!(x.rows(), self.sizes[0], "predict_into: input features");
        assert_eq!(
            self.sizes[self.layers()],
            1,
            "predict_into: one output unit"
        );
        assert_eq!(out.len(), m, "predict_into: output length");
        if !self.fused() {
            let mut acts = Activations::default();
            self.predict_batch(x, &mut acts);
            out.copy_from_slice(acts.output());
            return;
        }
        let pass = Pass {
            y: None,
            dropout: None,
        };
        fused::run(self.param_list(), x, pass, ws);
        out.copy_from_slice(ws.output());
    }
}

/// Accuracy of thresholded predictions: `a > 0.5` (strictly) against `y`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    /// Counts `(a > 0.5) == (y == 1)`.
    pub fn of(a: &[f64], y: &[f64]) -> Self {
        let correct = a
            .iter()
            .zip(y)
            .filter(|(&a, &y)| (a > 0.5) == (y == 1.0))
            .count();
        Accuracy {
            correct,
            total: y.len(),
        }
    }

    /// `correct / total` (NaN for an empty set).
    pub fn fraction(&self) -> f64 {
        self.correct as f64 / self.total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::fused::Backend;
    use crate::numeric::rng::NumpyRng;

    /// Every kernel backend this CPU runs.
    fn backends() -> Vec<Backend> {
        let mut all = vec![Backend::Portable];
        if Backend::best() != Backend::Portable {
            all.push(Backend::best());
        }
        all
    }

    fn same(what: &str, got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len(), "{what}: length");
        for (j, (g, w)) in got.iter().zip(want).enumerate() {
            assert!(
                g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()),
                "{what}[{j}]: fused {g:e}, unfused {w:e}"
            );
        }
    }

    /// A random network: 1 to 3 hidden layers of 1 to 23 units, weights
    /// of scale `scale` (huge scales overflow to inf and NaN).
    fn random_network(rng: &mut NumpyRng, features: usize, scale: f64) -> Network {
        let mut sizes = vec![features];
        for _ in 0..1 + rng.interval(2) {
            sizes.push(1 + rng.interval(22) as usize);
        }
        sizes.push(1);
        let mut params = Vec::new();
        for l in 1..sizes.len() {
            let mut w = Matrix::zeros(sizes[l], sizes[l - 1]);
            rng.fill_randn(w.as_mut_slice());
            w.as_mut_slice().iter_mut().for_each(|v| *v *= scale);
            let mut b = Matrix::zeros(sizes[l], 1);
            rng.fill_randn(b.as_mut_slice());
            params.push(w);
            params.push(b);
        }
        Network::new(sizes, params)
    }

    /// The fused pass gives the bits of forward + backward, for every
    /// batch size mod 4 and block grouping, with L2, dropout, planted bugs,
    /// dead and exploding units.
    #[test]
    fn fused_pass_matches_forward_and_backward_bit_for_bit() {
        let mut rng = NumpyRng::new(77);
        let mut ws = Workspace::default();
        for case in 0..300 {
            let features = 1 + rng.interval(3) as usize;
            let scale = [0.3, 1.0, 3.0, 1e3, 1e200][rng.interval(4) as usize];
            let net = random_network(&mut rng, features, scale);
            let m = 1 + rng.interval(70) as usize;
            let mut x = Matrix::zeros(features, m);
            rng.fill_randn(x.as_mut_slice());
            let y: Vec<f64> = (0..m).map(|_| (rng.rand() < 0.5) as u8 as f64).collect();
            let lambda = [0.0, 0.7][rng.interval(1) as usize];
            let bugs = PlantedBugs {
                w2: rng.rand() < 0.3,
                b1: rng.rand() < 0.3,
            };
            let keep = 0.3 + 0.6 * rng.rand();
            let masks: Vec<Matrix> = net.sizes()[1..net.layers()]
                .iter()
                .map(|&n| {
                    let mut d = Matrix::zeros(n, m);
                    d.as_mut_slice()
                        .iter_mut()
                        .for_each(|v| *v = (rng.rand() < keep) as u8 as f64);
                    d
                })
                .collect();
            let dropout = (rng.rand() < 0.5).then_some(DropoutMasks {
                masks: &masks,
                keep,
            });

            let mut acts = Activations::default();
            net.forward(&x, dropout, Accumulate::Plain, &mut acts);
            let want_out = acts.output().to_vec();
            let mut want = net.zero_gradients();
            net.backward(&x, &y, &mut acts, dropout, lambda.into(), bugs, &mut want);

            net.predict_batch(&x, &mut acts);
            let want_probs = acts.output().to_vec();
            for backend in backends() {
                let mut got = net.zero_gradients();
                ws.backend = Some(backend);
                net.train_pass(&x, &y, dropout, lambda.into(), bugs, &mut got, &mut ws);
                let what = format!("{backend:?} case {case} sizes {:?} m {m}", net.sizes());
                same(&format!("{what} output"), ws.output(), &want_out);
                for (p, (g, w)) in got.iter().zip(&want).enumerate() {
                    assert_eq!(g.shape(), w.shape());
                    same(
                        &format!("{what} {}", Network::param_name(p)),
                        g.as_slice(),
                        w.as_slice(),
                    );
                }
                let mut probs = vec![0.0; m];
                net.predict_into(&x, &mut probs, &mut ws);
                same(&format!("{what} predict"), &probs, &want_probs);
            }
        }
    }
}
