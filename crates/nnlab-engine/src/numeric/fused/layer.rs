//! The kernels' bodies, written once, generic over the lanes `L`: one
//! layer forward, the output, the gradient sums and one layer backward for
//! a group of `N` vectors (`TAIL`: one partial vector).

use super::group::{Activation, Cols, Group};
use crate::numeric::lanes::{Lanes, Quad};
use crate::numeric::matrix::Matrix;

#[inline(always)]
pub(super) fn inputs<L: Lanes, const N: usize, const TAIL: bool>(
    x: &Matrix,
    acts: &mut [Group],
    at: Cols,
) {
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
pub(super) fn forward_layer<L: Lanes, const N: usize, const TAIL: bool>(
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
pub(super) fn output<L: Lanes, const N: usize, const TAIL: bool>(
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
pub(super) fn accumulate_layer<L: Lanes, const N: usize, const TAIL: bool>(
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
/// [`Network::backward`](crate::model::network::Network::backward).
#[inline(always)]
pub(super) fn backprop_layer<L: Lanes, const N: usize, const TAIL: bool>(
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
