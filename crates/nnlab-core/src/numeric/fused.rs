//! The fused kernels behind [`Network::train_pass`] and
//! [`Network::predict_into`]: the training loop's hot path.
//!
//! # What they compute
//!
//! Exactly [`Network::forward`] (with [`crate::numeric::matrix::Accumulate::Plain`])
//! followed by [`Network::backward`]: the same gradients, outputs and costs,
//! bit for bit (`network.rs` tests this on random networks, with dropout,
//! L2, planted bugs, and weights large enough to overflow).
//!
//! # How
//!
//! Examples go through the network in blocks of four, one example per lane
//! of a [`Lanes`] vector, `BLOCKS` blocks at a time. Each group of examples
//! runs forward through every layer and straight back, while its
//! activations are in registers and L1 cache: no `(units, m)` activation
//! matrix is ever written, and nothing is allocated once the
//! [`Workspace`] has its size.
//!
//! Summation orders (identical on every target, see `lanes.rs`):
//! - `Z[i] = (Σ_k W[i,k]·A[k]) + b[i]` and `dA[k] = Σ_i W[i,k]·dZ[i]`: in
//!   order of `k` / `i`, per example, as `matrix::matmul_bias` and
//!   `matrix::matmul_tn` do. Those start from `0.0`; the kernels start from
//!   the first product, which can only change the sign of an exact zero sum
//!   (`0.0 + -0.0 = +0.0`). That never reaches a result: `Z` then gets its
//!   bias, which is never `-0.0` (biases start at `+0.0`, and `x - y` is
//!   never `-0.0` unless `x` is), and zero-signs in `dA` only reach the
//!   gradient sums below, which start from `+0.0` and so stay `+0.0` too.
//! - `dW[i,k] = (1/m)·Σ_j dZ[i,j]·A[k,j]` and `db[i] = (1/m)·Σ_j dZ[i,j]`:
//!   [`crate::numeric::matrix::dot`]'s order, lane `r` summing the examples
//!   `j ≡ r (mod 4)` of the full blocks in order of `j`, the lanes combined
//!   as `(s0 + s1) + (s2 + s3)`, then the last `m mod 4` examples one by one.
//!
//! # Backends
//!
//! The kernels are written once, generic over [`Lanes`], and compiled per
//! backend ([`Kernels`]): the portable one of the target (SSE2 on x86_64,
//! SIMD128 on wasm32, scalar elsewhere) and, on x86_64 CPUs that have it
//! (checked at run time), AVX2: the scalar lanes inside functions compiled
//! with `#[target_feature(enable = "avx2")]`, one 256-bit instruction per
//! operation. No FMA either way (the feature is not enabled, and Rust never
//! contracts `a * b + c`). The layer functions are not inlined into each
//! other: small functions keep few values alive, which the wasm engines'
//! register allocators need.

use crate::model::network::{DropoutMasks, Network};
use crate::numeric::lanes::{Lanes, Quad, LANES, V4};
use crate::numeric::matrix::Matrix;

/// Four-example blocks processed together (more independent work per
/// weight loaded; 8 would need more registers than SSE2 and wasm have).
pub(crate) const BLOCKS: usize = 4;

/// `BLOCKS` vectors of one unit (`BLOCKS · 4` examples).
type Group = [Quad; BLOCKS];

/// Scratch memory of the fused passes ([`Network::train_pass`],
/// [`Network::predict_into`]). Sized on first use for a network's layer
/// sizes and a batch size; after that a pass allocates nothing.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    sizes: Vec<usize>,
    /// `act_off[l]`: where layer `l`'s units start in `acts` (layer 0 is the
    /// input block).
    act_off: Vec<usize>,
    /// `w_off[l - 1]` / `b_off[l - 1]`: where layer `l`'s weight / bias sums
    /// start in `acc_w` / `acc_b` (and `wt`, `tail_*`).
    w_off: Vec<usize>,
    b_off: Vec<usize>,
    /// The current group's activations, every layer.
    acts: Vec<Group>,
    dz: Vec<Group>,
    dz_prev: Vec<Group>,
    /// 4-lane partial sums of `Σ_j dZ[i,j]·A[k,j]` and `Σ_j dZ[i,j]`.
    pub(crate) acc_w: Vec<Quad>,
    pub(crate) acc_b: Vec<Quad>,
    /// The products of the last `m mod 4` examples, added one by one.
    pub(crate) tail_w: Vec<Quad>,
    pub(crate) tail_b: Vec<Quad>,
    /// `W[l]ᵀ` of every layer, for `dA = Wᵀ·dZ`.
    wt: Vec<f64>,
    /// The output layer's activations for the whole batch.
    pub(crate) out: Vec<f64>,
}

impl Workspace {
    /// Sizes the buffers for `sizes` and a batch of `m` examples.
    pub(crate) fn prepare(&mut self, sizes: &[usize], m: usize) {
        if self.sizes != sizes {
            let layers = sizes.len() - 1;
            let offsets = |lens: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
                lens.scan(0, |o, n| {
                    let at = *o;
                    *o += n;
                    Some(at)
                })
                .collect()
            };
            self.sizes = sizes.to_vec();
            self.act_off = offsets(&mut sizes.iter().copied());
            self.w_off = offsets(&mut (1..=layers).map(|l| sizes[l] * sizes[l - 1]));
            self.b_off = offsets(&mut sizes[1..].iter().copied());
            let units: usize = sizes.iter().sum();
            let widest = *sizes.iter().max().unwrap_or(&0);
            let w_total: usize = (1..=layers).map(|l| sizes[l] * sizes[l - 1]).sum();
            let b_total = units - sizes[0];
            let group = [Quad::default(); BLOCKS];
            self.acts = vec![group; units];
            self.dz = vec![group; widest];
            self.dz_prev = vec![group; widest];
            self.acc_w = vec![Quad::default(); w_total];
            self.acc_b = vec![Quad::default(); b_total];
            self.tail_w = vec![Quad::default(); w_total];
            self.tail_b = vec![Quad::default(); b_total];
            self.wt = vec![0.0; w_total];
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

    /// Where layer `l`'s weight sums start (`l` in `1..=L`).
    pub(crate) fn w_off(&self, l: usize) -> usize {
        self.w_off[l - 1]
    }

    /// Where layer `l`'s bias sums start (`l` in `1..=L`).
    pub(crate) fn b_off(&self, l: usize) -> usize {
        self.b_off[l - 1]
    }
}

/// What a fused pass does besides the forward pass.
#[derive(Clone, Copy)]
pub(crate) struct Pass<'a> {
    /// Labels: also run the backward pass and accumulate gradient sums.
    pub y: Option<&'a [f64]>,
    pub dropout: Option<DropoutMasks<'a>>,
}

/// Which compiled copy of the kernels runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    /// The target's portable vectors (SSE2, SIMD128 or scalar).
    Portable,
    /// x86_64 AVX2 (only where the CPU has it).
    #[cfg(target_arch = "x86_64")]
    Avx2,
}

impl Backend {
    /// The fastest backend this CPU runs.
    pub(crate) fn best() -> Backend {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            return Backend::Avx2;
        }
        Backend::Portable
    }
}

/// Runs every example of `x` through the kernels (see the module docs),
/// filling `ws.out` and, with labels, the gradient sums (which the caller
/// zeroes first).
pub(crate) fn run(net: &Network, x: &Matrix, pass: Pass, ws: &mut Workspace, backend: Backend) {
    if pass.y.is_some() {
        // Wᵀ of layers 2..=L for the backward pass.
        for l in 2..=net.layers() {
            let (n, n_in) = (net.sizes()[l], net.sizes()[l - 1]);
            let at = ws.w_off(l);
            let wt = &mut ws.wt[at..at + n * n_in];
            for (i, row) in net.weight(l).as_slice().chunks_exact(n_in).enumerate() {
                for (k, &w) in row.iter().enumerate() {
                    wt[k * n + i] = w;
                }
            }
        }
    }
    match backend {
        Backend::Portable => run_with::<Portable>(net, x, pass, ws),
        #[cfg(target_arch = "x86_64")]
        Backend::Avx2 => {
            assert!(
                std::is_x86_feature_detected!("avx2"),
                "AVX2 backend without AVX2"
            );
            run_with::<Avx2Kernels>(net, x, pass, ws)
        }
    }
}

/// Groups of `BLOCKS` full blocks, then 2, then 1, then the partial block.
fn run_with<K: Kernels>(net: &Network, x: &Matrix, pass: Pass, ws: &mut Workspace) {
    let m = x.cols();
    let (full, rem) = (m / LANES, m % LANES);
    let mut block = 0;
    while block + BLOCKS <= full {
        group::<K, BLOCKS, false>(
            net,
            x,
            pass,
            Cols {
                col: block * LANES,
                valid: LANES,
            },
            ws,
        );
        block += BLOCKS;
    }
    if block + 2 <= full {
        group::<K, 2, false>(
            net,
            x,
            pass,
            Cols {
                col: block * LANES,
                valid: LANES,
            },
            ws,
        );
        block += 2;
    }
    while block < full {
        group::<K, 1, false>(
            net,
            x,
            pass,
            Cols {
                col: block * LANES,
                valid: LANES,
            },
            ws,
        );
        block += 1;
    }
    if rem > 0 {
        group::<K, 1, true>(
            net,
            x,
            pass,
            Cols {
                col: full * LANES,
                valid: rem,
            },
            ws,
        );
    }
}

/// Forward (and, with labels, backward) for `N` blocks of four examples
/// from example `at.col`. `TAIL`: one partial block of `at.valid` examples,
/// whose gradient products go to the tail buffers instead of the lane sums
/// (padding lanes compute on zeros and are never read).
#[inline(always)]
fn group<K: Kernels, const N: usize, const TAIL: bool>(
    net: &Network,
    x: &Matrix,
    pass: Pass,
    at: Cols,
    ws: &mut Workspace,
) {
    let layers = net.layers();
    let sizes = net.sizes();
    let acts = &mut ws.acts[..];
    K::inputs::<N, TAIL>(x, &mut acts[..sizes[0]], at);
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
        K::forward_layer::<N, TAIL>(
            net.weight(l),
            net.bias(l).as_slice(),
            &before[ws.act_off[l - 1]..],
            &mut after[..sizes[l]],
            act,
            at,
        );
    }
    let (mut dz, mut dz_prev) = (&mut ws.dz[..], &mut ws.dz_prev[..]);
    let a_out = &acts[ws.act_off[layers]];
    K::output::<N, TAIL>(a_out, pass.y, &mut ws.out, &mut dz[0], at);
    if pass.y.is_none() {
        return;
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
        K::accumulate_layer::<N, TAIL>(&dz[..n], a_in, sums_w, sums_b);
        if l == 1 {
            break;
        }
        let mask = pass.dropout.map(|d| (&d.masks[l - 2], d.keep));
        K::backprop_layer::<N, TAIL>(
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

/// Where a group reads and writes a `(units, m)` row: `N` vectors from
/// example `col`; in a `TAIL` group, one partial vector of `valid` examples.
#[derive(Clone, Copy)]
pub(crate) struct Cols {
    col: usize,
    valid: usize,
}

impl Cols {
    /// Vector `b` of `row` (zeros past `valid` in a tail).
    #[inline(always)]
    fn load<L: Lanes, const TAIL: bool>(self, row: &[f64], b: usize) -> L {
        let at = self.col + b * LANES;
        if TAIL {
            L::load_partial(&row[at..], self.valid, 0.0)
        } else {
            L::load_slice(&row[at..at + LANES])
        }
    }

    /// Writes vector `b` to `row` (only the `valid` examples of a tail).
    #[inline(always)]
    fn store<L: Lanes, const TAIL: bool>(self, v: L, row: &mut [f64], b: usize) {
        let at = self.col + b * LANES;
        let v = v.to_array();
        if TAIL {
            row[at..at + self.valid].copy_from_slice(&v[..self.valid]);
        } else {
            row[at..at + LANES].copy_from_slice(&v);
        }
    }
}

/// A layer's activation function.
#[derive(Clone, Copy)]
pub(crate) enum Activation<'a> {
    Relu,
    /// ReLU, then inverted dropout: `A·D / keep` with the mask `D`
    /// (`(units, m)`, 0 or 1).
    ReluDropout(&'a Matrix, f64),
    Sigmoid,
}

/// The kernels, compiled once per backend (the functions are not inlined
/// into each other, see the module docs).
pub(crate) trait Kernels {
    /// `acts[k] = x[k, group]`.
    fn inputs<const N: usize, const TAIL: bool>(x: &Matrix, acts: &mut [Group], at: Cols);
    fn forward_layer<const N: usize, const TAIL: bool>(
        w: &Matrix,
        bias: &[f64],
        input: &[Group],
        out: &mut [Group],
        act: Activation,
        at: Cols,
    );
    /// Writes the output layer's activations to `out`; with labels, also
    /// `dz = A[L] - Y`.
    fn output<const N: usize, const TAIL: bool>(
        a_out: &Group,
        y: Option<&[f64]>,
        out: &mut [f64],
        dz: &mut Group,
        at: Cols,
    );
    fn accumulate_layer<const N: usize, const TAIL: bool>(
        dz: &[Group],
        a_in: &[Group],
        sums_w: &mut [Quad],
        sums_b: &mut [Quad],
    );
    fn backprop_layer<const N: usize, const TAIL: bool>(
        wt: &[f64],
        dz: &[Group],
        a_in: &[Group],
        dz_prev: &mut [Group],
        mask: Option<(&Matrix, f64)>,
        at: Cols,
    );
}

/// Declares a backend: a `Kernels` impl whose functions call the generic
/// bodies below with lanes `$l`, each inside a function carrying
/// `$($attr)*` (the target features the lanes need).
macro_rules! backend {
    ($name:ident, $l:ty, $(#[$attr:meta])*) => {
        pub(crate) struct $name;

        impl Kernels for $name {
            #[inline(never)]
            fn inputs<const N: usize, const TAIL: bool>(x: &Matrix, acts: &mut [Group], at: Cols) {
                $(#[$attr])*
                unsafe fn f<const N: usize, const TAIL: bool>(x: &Matrix, acts: &mut [Group], at: Cols) {
                    inputs::<$l, N, TAIL>(x, acts, at)
                }
                // SAFETY: `run` picks this backend only where the CPU has
                // its features.
                unsafe { f::<N, TAIL>(x, acts, at) }
            }

            #[inline(never)]
            fn forward_layer<const N: usize, const TAIL: bool>(
                w: &Matrix,
                bias: &[f64],
                input: &[Group],
                out: &mut [Group],
                act: Activation,
                at: Cols,
            ) {
                $(#[$attr])*
                unsafe fn f<const N: usize, const TAIL: bool>(
                    w: &Matrix,
                    bias: &[f64],
                    input: &[Group],
                    out: &mut [Group],
                    act: Activation,
                    at: Cols,
                ) {
                    forward_layer::<$l, N, TAIL>(w, bias, input, out, act, at)
                }
                // SAFETY: as above.
                unsafe { f::<N, TAIL>(w, bias, input, out, act, at) }
            }

            #[inline(never)]
            fn output<const N: usize, const TAIL: bool>(
                a_out: &Group,
                y: Option<&[f64]>,
                out: &mut [f64],
                dz: &mut Group,
                at: Cols,
            ) {
                $(#[$attr])*
                unsafe fn f<const N: usize, const TAIL: bool>(
                    a_out: &Group,
                    y: Option<&[f64]>,
                    out: &mut [f64],
                    dz: &mut Group,
                    at: Cols,
                ) {
                    output::<$l, N, TAIL>(a_out, y, out, dz, at)
                }
                // SAFETY: as above.
                unsafe { f::<N, TAIL>(a_out, y, out, dz, at) }
            }

            #[inline(never)]
            fn accumulate_layer<const N: usize, const TAIL: bool>(
                dz: &[Group],
                a_in: &[Group],
                sums_w: &mut [Quad],
                sums_b: &mut [Quad],
            ) {
                $(#[$attr])*
                unsafe fn f<const N: usize, const TAIL: bool>(
                    dz: &[Group],
                    a_in: &[Group],
                    sums_w: &mut [Quad],
                    sums_b: &mut [Quad],
                ) {
                    accumulate_layer::<$l, N, TAIL>(dz, a_in, sums_w, sums_b)
                }
                // SAFETY: as above.
                unsafe { f::<N, TAIL>(dz, a_in, sums_w, sums_b) }
            }

            #[inline(never)]
            fn backprop_layer<const N: usize, const TAIL: bool>(
                wt: &[f64],
                dz: &[Group],
                a_in: &[Group],
                dz_prev: &mut [Group],
                mask: Option<(&Matrix, f64)>,
                at: Cols,
            ) {
                $(#[$attr])*
                unsafe fn f<const N: usize, const TAIL: bool>(
                    wt: &[f64],
                    dz: &[Group],
                    a_in: &[Group],
                    dz_prev: &mut [Group],
                    mask: Option<(&Matrix, f64)>,
                    at: Cols,
                ) {
                    backprop_layer::<$l, N, TAIL>(wt, dz, a_in, dz_prev, mask, at)
                }
                // SAFETY: as above.
                unsafe { f::<N, TAIL>(wt, dz, a_in, dz_prev, mask, at) }
            }
        }
    };
}

backend!(Portable, V4,);
#[cfg(target_arch = "x86_64")]
backend!(Avx2Kernels, crate::numeric::lanes::Scalar, #[target_feature(enable = "avx2")]);

#[inline(always)]
fn inputs<L: Lanes, const N: usize, const TAIL: bool>(x: &Matrix, acts: &mut [Group], at: Cols) {
    for (k, a) in acts.iter_mut().enumerate() {
        for (b, q) in a.iter_mut().enumerate().take(N) {
            at.load::<L, TAIL>(x.row(k), b).store(q);
        }
        L::end_of_iteration();
    }
}

/// One layer forward for a group: `out[i] = g((Σ_k W[i,k]·input[k]) +
/// b[i])`, the sum in order of `k`, `g` the activation.
#[inline(always)]
fn forward_layer<L: Lanes, const N: usize, const TAIL: bool>(
    w: &Matrix,
    bias: &[f64],
    input: &[Group],
    out: &mut [Group],
    act: Activation,
    at: Cols,
) {
    let n_in = w.cols();
    let input = &input[..n_in];
    // Rows split off one by one, not `chunks_exact`: its length is an
    // integer division, slower than a whole row's arithmetic here.
    let mut rows = w.as_slice();
    for (i, (&bi, out)) in bias.iter().zip(out.iter_mut()).enumerate() {
        let (row, rest) = rows.split_at(n_in);
        rows = rest;
        let z: [L; N] = dot(row, input);
        let bi = L::splat(bi);
        // Each vector goes straight to `out` (building the array in memory
        // and copying it would be a `memory.copy` call in wasm).
        match act {
            Activation::Sigmoid => {
                let a = L::sigmoid_all(z.map(|z| z + bi));
                for b in 0..N {
                    a[b].store(&mut out[b]);
                }
            }
            Activation::Relu => {
                for b in 0..N {
                    (z[b] + bi).relu().store(&mut out[b]);
                }
            }
            Activation::ReluDropout(masks, keep) => {
                let keep = L::splat(keep);
                for b in 0..N {
                    let mask = at.load::<L, TAIL>(masks.row(i), b);
                    ((z[b] + bi).relu() * mask / keep).store(&mut out[b]);
                }
            }
        }
        L::end_of_iteration();
    }
}

#[inline(always)]
fn output<L: Lanes, const N: usize, const TAIL: bool>(
    a_out: &Group,
    y: Option<&[f64]>,
    out: &mut [f64],
    dz: &mut Group,
    at: Cols,
) {
    for b in 0..N {
        let a = L::load(&a_out[b]);
        at.store::<L, TAIL>(a, out, b);
        if let Some(y) = y {
            (a - at.load::<L, TAIL>(y, b)).store(&mut dz[b]);
        }
    }
}

/// Adds a group's gradient products to one layer's lane sums:
/// `sums_w[i,k] += dz[i]·a_in[k]` and `sums_b[i] += dz[i]`, the `N`
/// vectors in order. A `TAIL` group stores its products instead.
#[inline(always)]
fn accumulate_layer<L: Lanes, const N: usize, const TAIL: bool>(
    dz: &[Group],
    a_in: &[Group],
    sums_w: &mut [Quad],
    sums_b: &mut [Quad],
) {
    let n_in = a_in.len();
    let mut rows = sums_w;
    for (d, sb) in dz.iter().zip(sums_b.iter_mut()) {
        let (sums, rest) = rows.split_at_mut(n_in);
        rows = rest;
        let d: [L; N] = core::array::from_fn(|b| L::load(&d[b]));
        if TAIL {
            for (s, a) in sums.iter_mut().zip(a_in) {
                (d[0] * L::load(&a[0])).store(s);
                L::end_of_iteration();
            }
            d[0].store(sb);
        } else {
            for (s, a) in sums.iter_mut().zip(a_in) {
                let mut acc = L::load(s);
                for b in 0..N {
                    acc = acc + d[b] * L::load(&a[b]);
                }
                acc.store(s);
                L::end_of_iteration();
            }
            let mut acc = L::load(sb);
            for db in d {
                acc = acc + db;
            }
            acc.store(sb);
        }
        L::end_of_iteration();
    }
}

/// One layer backward for a group: `dA[k] = Σ_i W[i,k]·dZ[i]` (in order of
/// `i`; `wt` is `Wᵀ`), then the forward pass's dropout mask and `/keep`,
/// then the ReLU's slope from `a_in`: `dZ_prev[k] = dA[k]` where the
/// activation is positive, else 0 — NaN activations count as positive
/// without dropout and as not positive with it, as in
/// [`Network::backward`].
#[inline(always)]
fn backprop_layer<L: Lanes, const N: usize, const TAIL: bool>(
    wt: &[f64],
    dz: &[Group],
    a_in: &[Group],
    dz_prev: &mut [Group],
    mask: Option<(&Matrix, f64)>,
    at: Cols,
) {
    let n = dz.len();
    let mut rows = wt;
    for (k, (a, out)) in a_in.iter().zip(dz_prev.iter_mut()).enumerate() {
        let (wt_k, rest) = rows.split_at(n);
        rows = rest;
        let da: [L; N] = dot(wt_k, dz);
        match mask {
            Some((mask, keep)) => {
                let keep = L::splat(keep);
                for b in 0..N {
                    let v = da[b] * at.load::<L, TAIL>(mask.row(k), b) / keep;
                    let a = L::load(&a[b]);
                    L::select(a.gt(L::zero()), v, L::zero()).store(&mut out[b]);
                }
            }
            None => {
                for b in 0..N {
                    let a = L::load(&a[b]);
                    da[b].bits_andnot(a.le(L::zero())).store(&mut out[b]);
                }
            }
        }
        L::end_of_iteration();
    }
}

/// `Σ_k w[k]·a[k][b]` for each of the `N` vectors, in order of `k` from the
/// first product (see the module docs). `w` is not empty.
#[inline(always)]
fn dot<L: Lanes, const N: usize>(w: &[f64], a: &[Group]) -> [L; N] {
    let w0 = L::splat(w[0]);
    let mut z: [L; N] = core::array::from_fn(|b| w0 * L::load(&a[0][b]));
    for (&wk, a) in w[1..].iter().zip(&a[1..]) {
        let wk = L::splat(wk);
        for b in 0..N {
            z[b] = z[b] + wk * L::load(&a[b]);
        }
        L::end_of_iteration();
    }
    z
}
