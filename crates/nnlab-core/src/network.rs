//! The network: ReLU hidden layers, a sigmoid output unit, and the forward
//! and backward passes over a whole batch.
//!
//! `Z[l] = W[l]·A[l-1] + b[l]`, `A[l] = relu(Z[l])` for hidden layers and
//! `sigmoid(Z[L])` for the output. Examples are columns: `A[l]` is
//! `(n[l], m)`. The network's one parameter list is
//! `[W1, b1, W2, b2, ..., WL, bL]`; gradients use the same layout, and the
//! optimizer, the L2 penalty and gradient checking all walk it.

use crate::lanes::{LANES, V4};
use crate::math;
use crate::matrix::{self, Accumulate, Matrix};

/// The course's two planted backprop bugs (gradient-checking lab).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlantedBugs {
    /// `dW2` multiplied by 2.
    pub w2: bool,
    /// `db1` computed with `4/m` instead of `1/m`.
    pub b1: bool,
}

/// Inverted dropout applied during a forward pass: `masks[l]` (0 or 1, shape
/// `(n[l+1], m)`) multiplies hidden layer `l+1`'s activations, which are then
/// divided by `keep`.
#[derive(Clone, Copy, Debug)]
pub struct DropoutMasks<'a> {
    pub masks: &'a [Matrix],
    pub keep: f64,
}

/// Layer sizes and parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    sizes: Vec<usize>,
    params: Vec<Matrix>,
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
        Network { sizes, params }
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

    /// `W[l]` for `l` in `1..=L`.
    pub fn weight(&self, l: usize) -> &Matrix {
        &self.params[2 * l - 2]
    }

    /// `b[l]` for `l` in `1..=L`.
    pub fn bias(&self, l: usize) -> &Matrix {
        &self.params[2 * l - 1]
    }

    /// The weight matrices only (what L2 penalises).
    pub fn weights(&self) -> impl Iterator<Item = &Matrix> {
        self.params.iter().step_by(2)
    }

    /// Total number of scalar parameters.
    pub fn parameter_count(&self) -> usize {
        self.params.iter().map(Matrix::len).sum()
    }

    /// The name of parameter `i` of [`Network::params`]: `W1`, `b1`, ...
    pub fn param_name(i: usize) -> String {
        format!("{}{}", if i % 2 == 0 { 'W' } else { 'b' }, i / 2 + 1)
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
            if l == layers {
                out.as_mut_slice()
                    .iter_mut()
                    .for_each(|z| *z = math::sigmoid(*z));
            } else {
                // relu, keeping NaN visible: np.maximum(0, z)
                out.as_mut_slice().iter_mut().for_each(|z| {
                    if *z < 0.0 {
                        *z = 0.0
                    }
                });
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
    /// `dZ[L] = A[L] - Y`; `dW[l] = (1/m)·dZ[l]·A[l-1]ᵀ + (λ/m)·W[l]`;
    /// `db[l] = (1/m)·Σ dZ[l]`; `dA[l-1] = W[l]ᵀ·dZ[l]` (then the same dropout
    /// mask and `/keep`); `dZ[l-1] = dA[l-1]·(A[l-1] > 0)`.
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        x: &Matrix,
        y: &[f64],
        acts: &mut Activations,
        dropout: Option<DropoutMasks>,
        lambda: f64,
        bugs: PlantedBugs,
        grads: &mut [Matrix],
    ) {
        let layers = self.layers();
        let m = y.len();
        assert_eq!(x.cols(), m, "backward: examples");
        assert_eq!(grads.len(), self.params.len(), "backward: gradient buffers");
        let inv_m = 1.0 / m as f64;
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
            let input = if l == 1 { &*x } else { &a[l - 2] };
            let (gw, gb) = grads[2 * l - 2..2 * l].split_at_mut(1);
            let (dw, db) = (&mut gw[0], &mut gb[0]);
            matrix::matmul_nt(dz, input, inv_m, dw);
            if lambda != 0.0 {
                let w = self.weight(l);
                let f = lambda / m as f64;
                for (g, &wv) in dw.as_mut_slice().iter_mut().zip(w.as_slice()) {
                    *g += f * wv;
                }
            }
            if bugs.w2 && l == 2 {
                dw.as_mut_slice().iter_mut().for_each(|g| *g *= 2.0);
            }
            let db_scale = if bugs.b1 && l == 1 {
                4.0 / m as f64
            } else {
                inv_m
            };
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
                match mask {
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

    /// Gradient descent: `p -= lr · g` for every parameter.
    pub fn update(&mut self, grads: &[Matrix], lr: f64) {
        for (p, g) in self.params.iter_mut().zip(grads) {
            for (v, &gv) in p.as_mut_slice().iter_mut().zip(g.as_slice()) {
                *v -= lr * gv;
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

/// Scratch memory of the fused passes ([`Network::train_pass`],
/// [`Network::predict_into`]). Sized on first use for a network's layer
/// sizes; after that a pass allocates nothing.
///
/// The fused passes work on blocks of four examples (one example per
/// lane, see `lanes.rs`) and run each block through every layer, forward
/// and then backward, while it is in registers and L1 cache: a block's
/// activations never go to a `(units, m)` matrix.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    sizes: Vec<usize>,
    /// `act_off[l]`: where layer `l`'s units start in `acts` (layer 0 is the
    /// input block).
    act_off: Vec<usize>,
    /// `w_off[l]` / `b_off[l]` (for `l` in `1..=L`, index `l - 1`): where
    /// layer `l`'s weight / bias sums start in `acc_w` / `acc_b`.
    w_off: Vec<usize>,
    b_off: Vec<usize>,
    /// Per unit, `BLOCKS` vectors of 4 examples.
    acts: Vec<[V4; BLOCKS]>,
    dz: Vec<[V4; BLOCKS]>,
    dz_prev: Vec<[V4; BLOCKS]>,
    /// 4-lane partial sums of `Σ_j dZ[i,j]·A[k,j]` and `Σ_j dZ[i,j]`:
    /// lane `r` sums the examples `j ≡ r (mod 4)` of the full blocks, in
    /// order of `j`, exactly as [`matrix::dot`] and [`matrix::sum`] do.
    acc_w: Vec<V4>,
    acc_b: Vec<V4>,
    /// `W[l]ᵀ` of every layer (same offsets as `acc_w`), for `dA = Wᵀ·dZ`.
    wt: Vec<f64>,
    /// The same products for the last `m mod 4` examples, which
    /// [`matrix::dot`] adds one by one after combining the lanes.
    tail_w: Vec<V4>,
    tail_b: Vec<V4>,
    /// The output layer's activations for the whole batch.
    out: Vec<f64>,
}

/// Four-example blocks processed together in the main loop (more
/// independent work per weight loaded; see `Network::run_blocks`).
const BLOCKS: usize = 4;

impl Workspace {
    /// Sizes the buffers for `sizes` and a batch of `m` examples.
    fn prepare(&mut self, sizes: &[usize], m: usize) {
        if self.sizes != sizes {
            let layers = sizes.len() - 1;
            self.sizes = sizes.to_vec();
            self.act_off = sizes
                .iter()
                .scan(0, |o, &n| {
                    let at = *o;
                    *o += n;
                    Some(at)
                })
                .collect();
            let units: usize = sizes.iter().sum();
            let widest = *sizes.iter().max().unwrap_or(&0);
            let w_total: usize = (1..=layers).map(|l| sizes[l] * sizes[l - 1]).sum();
            let b_total: usize = sizes[1..].iter().sum();
            self.w_off = (1..=layers)
                .scan(0, |o, l| {
                    let at = *o;
                    *o += sizes[l] * sizes[l - 1];
                    Some(at)
                })
                .collect();
            self.b_off = (1..=layers)
                .scan(0, |o, l| {
                    let at = *o;
                    *o += sizes[l];
                    Some(at)
                })
                .collect();
            self.acts = vec![[V4::ZERO; BLOCKS]; units];
            self.dz = vec![[V4::ZERO; BLOCKS]; widest];
            self.dz_prev = vec![[V4::ZERO; BLOCKS]; widest];
            self.acc_w = vec![V4::ZERO; w_total];
            self.wt = vec![0.0; w_total];
            self.acc_b = vec![V4::ZERO; b_total];
            self.tail_w = vec![V4::ZERO; w_total];
            self.tail_b = vec![V4::ZERO; b_total];
        }
        if self.out.len() != m {
            self.out.clear();
            self.out.resize(m, 0.0);
        }
    }

    /// The output layer's activations of the last pass, one per example.
    pub fn output(&self) -> &[f64] {
        &self.out
    }
}

/// What a fused pass does besides the forward pass.
#[derive(Clone, Copy)]
struct Pass<'a> {
    /// Labels: also run the backward pass and accumulate gradient sums.
    y: Option<&'a [f64]>,
    dropout: Option<DropoutMasks<'a>>,
}

impl Network {
    /// One full-batch gradient computation, fused: the same numbers as
    /// [`Network::forward`] (with [`Accumulate::Plain`]) followed by
    /// [`Network::backward`], bit for bit, without storing the hidden
    /// activations. Writes `grads` (`[dW1, db1, ...]`) and leaves the
    /// output layer's activations in [`Workspace::output`] (for the cost).
    ///
    /// Shapes: `x (n[0], m)`, `y` of length `m`, `n[L] = 1`. Every sum has
    /// the order of the unfused pass: `Z[l] = (Σ_k W[l][i,k]·A[l-1][k,j]) +
    /// b[l][i]` and `dA[l-1][k,j] = Σ_i W[l][i,k]·dZ[l][i,j]` over `k` / `i`
    /// in order (starting from `0.0`); `dW` and `db` sum over examples in
    /// [`matrix::dot`]'s fixed 4-lane order.
    #[allow(clippy::too_many_arguments)]
    pub fn train_pass(
        &self,
        x: &Matrix,
        y: &[f64],
        dropout: Option<DropoutMasks>,
        lambda: f64,
        bugs: PlantedBugs,
        grads: &mut [Matrix],
        ws: &mut Workspace,
    ) {
        let layers = self.layers();
        let m = y.len();
        assert_eq!(x.shape(), (self.sizes[0], m), "train_pass: x shape");
        assert_eq!(self.sizes[layers], 1, "train_pass: one output unit");
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
        ws.prepare(&self.sizes, m);
        ws.acc_w.fill(V4::ZERO);
        ws.acc_b.fill(V4::ZERO);
        for l in 2..=layers {
            let (n, n_in) = (self.sizes[l], self.sizes[l - 1]);
            let wt = &mut ws.wt[ws.w_off[l - 1]..][..n * n_in];
            for (i, row) in self.weight(l).as_slice().chunks_exact(n_in).enumerate() {
                for (k, &w) in row.iter().enumerate() {
                    wt[k * n + i] = w;
                }
            }
        }
        self.run_blocks(
            x,
            Pass {
                y: Some(y),
                dropout,
            },
            ws,
        );

        // Combine the lanes as matrix::dot does: (s0 + s1) + (s2 + s3),
        // then the last m mod 4 examples one by one.
        let rem = m % LANES;
        let inv_m = 1.0 / m as f64;
        let finish = |acc: &V4, tail: &V4| {
            let s = acc.to_array();
            let mut total = (s[0] + s[1]) + (s[2] + s[3]);
            for &t in &tail.to_array()[..rem] {
                total += t;
            }
            total
        };
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
            let wo = ws.w_off[l - 1];
            let w_sums = ws.acc_w[wo..wo + n * n_in].iter().zip(&ws.tail_w[wo..]);
            for (g, (acc, tail)) in dw.as_mut_slice().iter_mut().zip(w_sums) {
                *g = inv_m * finish(acc, tail);
            }
            if lambda != 0.0 {
                let f = lambda / m as f64;
                for (g, &wv) in dw.as_mut_slice().iter_mut().zip(self.weight(l).as_slice()) {
                    *g += f * wv;
                }
            }
            if bugs.w2 && l == 2 {
                dw.as_mut_slice().iter_mut().for_each(|g| *g *= 2.0);
            }
            let db_scale = if bugs.b1 && l == 1 {
                4.0 / m as f64
            } else {
                inv_m
            };
            let bo = ws.b_off[l - 1];
            let b_sums = ws.acc_b[bo..bo + n].iter().zip(&ws.tail_b[bo..]);
            for (g, (acc, tail)) in db.as_mut_slice().iter_mut().zip(b_sums) {
                *g = db_scale * finish(acc, tail);
            }
        }
    }

    /// Probabilities of label 1 for the batch `x` (no dropout), written to
    /// `out` (length `m`): the same bits as [`Network::predict_batch`],
    /// without storing the hidden activations. Needs `n[L] = 1`.
    pub fn predict_into(&self, x: &Matrix, out: &mut [f64], ws: &mut Workspace) {
        let m = x.cols();
        assert_eq!(x.rows(), self.sizes[0], "predict_into: input features");
        assert_eq!(
            self.sizes[self.layers()],
            1,
            "predict_into: one output unit"
        );
        assert_eq!(out.len(), m, "predict_into: output length");
        ws.prepare(&self.sizes, m);
        self.run_blocks(
            x,
            Pass {
                y: None,
                dropout: None,
            },
            ws,
        );
        out.copy_from_slice(&ws.out);
    }

    /// Runs every example of `x` through the fused block kernel: pairs of
    /// full 4-example blocks, then a last full block, then the partial one.
    fn run_blocks(&self, x: &Matrix, pass: Pass, ws: &mut Workspace) {
        let m = x.cols();
        let full = m / LANES;
        let rem = m % LANES;
        let mut block = 0;
        while block + BLOCKS <= full {
            self.block::<BLOCKS, false>(x, pass, block * LANES, LANES, ws);
            block += BLOCKS;
        }
        if block + 2 <= full {
            self.block::<2, false>(x, pass, block * LANES, LANES, ws);
            block += 2;
        }
        while block < full {
            self.block::<1, false>(x, pass, block * LANES, LANES, ws);
            block += 1;
        }
        if rem > 0 {
            self.block::<1, true>(x, pass, full * LANES, rem, ws);
        }
    }

    /// Forward (and, with labels, backward) for `N` blocks of four examples
    /// starting at example `col`. `TAIL`: a single partial block of `valid`
    /// examples, whose gradient products go to the tail buffers instead of
    /// the lane sums (padding lanes compute on zeros and are never read).
    #[inline(always)]
    fn block<const N: usize, const TAIL: bool>(
        &self,
        x: &Matrix,
        pass: Pass,
        col: usize,
        valid: usize,
        ws: &mut Workspace,
    ) {
        let layers = self.layers();
        let sizes = &self.sizes[..];
        let at = Cols::<N, TAIL> { col, valid };

        let acts = &mut ws.acts[..];
        for (k, a) in acts[..sizes[0]].iter_mut().enumerate() {
            let v = at.load(x.row(k));
            for b in 0..N {
                a[b] = v[b];
            }
        }
        for l in 1..=layers {
            let (before, after) = acts.split_at_mut(ws.act_off[l]);
            let act = if l == layers {
                Activation::Sigmoid
            } else {
                match pass.dropout {
                    Some(d) => Activation::ReluDropout(&d.masks[l - 1], d.keep),
                    None => Activation::Relu,
                }
            };
            forward_layer(
                self.weight(l),
                self.bias(l).as_slice(),
                &before[ws.act_off[l - 1]..],
                &mut after[..sizes[l]],
                act,
                at,
            );
        }
        let a_out = acts[ws.act_off[layers]];
        at.store(&a_out, &mut ws.out);
        let Some(y) = pass.y else {
            return;
        };

        // Backward. dZ[L] = A[L] - Y.
        let (mut dz, mut dz_prev) = (&mut ws.dz[..], &mut ws.dz_prev[..]);
        let labels = at.load(y);
        for b in 0..N {
            dz[0][b] = a_out[b] - labels[b];
        }
        for l in (1..=layers).rev() {
            let (n, n_in) = (sizes[l], sizes[l - 1]);
            let a_in = &acts[ws.act_off[l - 1]..][..n_in];
            let (wo, bo) = (ws.w_off[l - 1], ws.b_off[l - 1]);
            let (sums_w, sums_b) = if TAIL {
                (&mut ws.tail_w[wo..][..n * n_in], &mut ws.tail_b[bo..][..n])
            } else {
                (&mut ws.acc_w[wo..][..n * n_in], &mut ws.acc_b[bo..][..n])
            };
            accumulate_layer::<N, TAIL>(&dz[..n], a_in, sums_w, sums_b);
            if l == 1 {
                break;
            }
            let mask = pass.dropout.map(|d| (&d.masks[l - 2], d.keep));
            backprop_layer(
                &ws.wt[wo..][..n * n_in],
                &dz[..n],
                a_in,
                &mut dz_prev[..n_in],
                mask,
                at,
            );
            core::mem::swap(&mut dz, &mut dz_prev);
        }
    }
}

/// Where a fused block reads and writes a `(units, m)` row: `N` vectors
/// from example `col`; with `TAIL`, one partial vector of `valid` examples
/// (zeros past them).
#[derive(Clone, Copy)]
struct Cols<const N: usize, const TAIL: bool> {
    col: usize,
    valid: usize,
}

impl<const N: usize, const TAIL: bool> Cols<N, TAIL> {
    #[inline(always)]
    fn load(self, row: &[f64]) -> [V4; N] {
        core::array::from_fn(|b| {
            let at = self.col + b * LANES;
            if TAIL {
                V4::load_partial(&row[at..], self.valid, 0.0)
            } else {
                V4::load(&row[at..at + LANES])
            }
        })
    }

    #[inline(always)]
    fn store(self, v: &[V4; BLOCKS], row: &mut [f64]) {
        for (b, v) in v.iter().enumerate().take(N) {
            let at = self.col + b * LANES;
            if TAIL {
                row[at..at + self.valid].copy_from_slice(&v.to_array()[..self.valid]);
            } else {
                v.store(&mut row[at..at + LANES]);
            }
        }
    }
}

/// A layer's activation function in the fused forward pass.
#[derive(Clone, Copy)]
enum Activation<'a> {
    Relu,
    /// ReLU, then inverted dropout: `A·D / keep` with the mask `D`
    /// (`(units, m)`, 0 or 1).
    ReluDropout(&'a Matrix, f64),
    Sigmoid,
}

/// One layer forward for a block: `out[i] = g((Σ_k W[i,k]·input[k]) +
/// b[i])`, the sum in order of `k` from `0.0`, as `matrix::matmul_bias`.
///
/// Not inlined: a small function keeps few values alive, which the wasm
/// engines' register allocators need.
#[inline(never)]
fn forward_layer<const N: usize, const TAIL: bool>(
    w: &Matrix,
    bias: &[f64],
    input: &[[V4; BLOCKS]],
    out: &mut [[V4; BLOCKS]],
    act: Activation,
    at: Cols<N, TAIL>,
) {
    let n_in = w.cols();
    let input = &input[..n_in];
    for (i, ((row, &bi), out)) in w
        .as_slice()
        .chunks_exact(n_in)
        .zip(bias)
        .zip(out.iter_mut())
        .enumerate()
    {
        let mut z = [V4::ZERO; N];
        mac(&mut z, row, input);
        let bi = V4::splat(bi);
        // Each vector goes straight to `out` (copying the array would be a
        // `memory.copy` call in wasm).
        match act {
            Activation::Sigmoid => {
                for b in 0..N {
                    out[b] = (z[b] + bi).sigmoid();
                }
            }
            Activation::Relu => {
                for b in 0..N {
                    out[b] = (z[b] + bi).relu();
                }
            }
            Activation::ReluDropout(masks, keep) => {
                let mask = at.load(masks.row(i));
                let keep = V4::splat(keep);
                for b in 0..N {
                    out[b] = (z[b] + bi).relu() * mask[b] / keep;
                }
            }
        }
    }
}

/// Adds a block's gradient products to the lane sums of one layer:
/// `sums_w[i,k] += dz[i]·a_in[k]` and `sums_b[i] += dz[i]`, the `N`
/// vectors in order (lane `r` keeps summing the examples `j ≡ r mod 4`).
/// With `TAIL` the products of the one partial vector are stored instead.
#[inline(never)]
fn accumulate_layer<const N: usize, const TAIL: bool>(
    dz: &[[V4; BLOCKS]],
    a_in: &[[V4; BLOCKS]],
    sums_w: &mut [V4],
    sums_b: &mut [V4],
) {
    let n_in = a_in.len();
    for ((d, sums), sb) in dz.iter().zip(sums_w.chunks_exact_mut(n_in)).zip(sums_b) {
        if TAIL {
            for (s, a) in sums.iter_mut().zip(a_in) {
                *s = d[0] * a[0];
            }
            *sb = d[0];
        } else {
            outer_acc::<N>(sums, d, a_in);
            let mut acc = *sb;
            for db in d.iter().take(N) {
                acc = acc + *db;
            }
            *sb = acc;
        }
    }
}

/// One layer backward for a block: `dA[k] = Σ_i W[i,k]·dZ[i]` (in order of
/// `i` from `0.0`, as `matrix::matmul_tn`; `wt` is `Wᵀ`), then the forward
/// pass's dropout mask and `/keep`, then the ReLU's slope from `a_in`:
/// `dZ_prev[k] = dA[k]` where `a_in[k] > 0`, else 0.
#[inline(never)]
fn backprop_layer<const N: usize, const TAIL: bool>(
    wt: &[f64],
    dz: &[[V4; BLOCKS]],
    a_in: &[[V4; BLOCKS]],
    dz_prev: &mut [[V4; BLOCKS]],
    mask: Option<(&Matrix, f64)>,
    at: Cols<N, TAIL>,
) {
    let n = dz.len();
    for (k, ((wt_k, a), out)) in wt
        .chunks_exact(n)
        .zip(a_in)
        .zip(dz_prev.iter_mut())
        .enumerate()
    {
        let mut da = [V4::ZERO; N];
        mac(&mut da, wt_k, dz);
        match mask {
            Some((mask, keep)) => {
                // NaN activations give 0, as in Network::backward.
                let mask = at.load(mask.row(k));
                let keep = V4::splat(keep);
                for b in 0..N {
                    let v = da[b] * mask[b] / keep;
                    out[b] = V4::select(a[b].gt(V4::ZERO), v, V4::ZERO);
                }
            }
            None => {
                // NaN activations keep the gradient, as in Network::backward.
                for b in 0..N {
                    out[b] = V4::select(a[b].le(V4::ZERO), V4::ZERO, da[b]);
                }
            }
        }
    }
}

/// `z[b] += w[k]·a[k][b]` for `k` in order (each `z[b]` is one chain of
/// additions).
#[inline(always)]
fn mac<const N: usize>(z: &mut [V4; N], w: &[f64], a: &[[V4; BLOCKS]]) {
    for (&wk, a) in w.iter().zip(a) {
        let wk = V4::splat(wk);
        for b in 0..N {
            z[b] = z[b] + wk * a[b];
        }
    }
}

/// `sums[k] += d[0]·a[k][0]; sums[k] += d[1]·a[k][1]; ...` (blocks in
/// order).
#[inline(always)]
fn outer_acc<const N: usize>(sums: &mut [V4], d: &[V4; BLOCKS], a: &[[V4; BLOCKS]]) {
    for (s, a) in sums.iter_mut().zip(a) {
        let mut acc = *s;
        for b in 0..N {
            acc = acc + d[b] * a[b];
        }
        *s = acc;
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
    use crate::rng::NumpyRng;

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
            net.backward(&x, &y, &mut acts, dropout, lambda, bugs, &mut want);

            let mut got = net.zero_gradients();
            net.train_pass(&x, &y, dropout, lambda, bugs, &mut got, &mut ws);
            let what = format!("case {case} sizes {:?} m {m}", net.sizes());
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
            net.predict_batch(&x, &mut acts);
            same(&format!("{what} predict"), &probs, acts.output());
        }
    }
}
