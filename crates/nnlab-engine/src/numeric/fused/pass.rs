//! A fused pass: every example of a batch through the kernels, group by
//! group ([`run`]).

use super::group::{Activation, Cols, BLOCKS};
#[cfg(target_arch = "x86_64")]
use super::kernels::Avx2Kernels;
use super::kernels::{Kernels, PortableKernels};
use super::workspace::Workspace;
use crate::numeric::lanes::LANES;
use crate::numeric::matrix::Matrix;
use crate::numeric::params::ParamList;

/// Inverted dropout applied during a forward pass: `masks[l]` (0 or 1, shape
/// `(n[l+1], m)`) multiplies hidden layer `l+1`'s activations, which are then
/// divided by `keep`.
#[derive(Clone, Copy, Debug)]
pub struct DropoutMasks<'a> {
    pub masks: &'a [Matrix],
    pub keep: f64,
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

/// Runs every example of `x` (`(n[0], m)`) through the kernels (see the
/// module docs), filling the workspace's output and, with labels, its
/// gradient sums ([`Workspace::weight_sums`], [`Workspace::bias_sums`]).
/// The caller checks the shapes.
pub(crate) fn run(net: ParamList, x: &Matrix, pass: Pass, ws: &mut Workspace) {
    ws.prepare(net.sizes, x.cols());
    if pass.y.is_some() {
        ws.clear_sums();
        // Wᵀ of layers 2..=L for the backward pass.
        for l in 2..=net.layers() {
            let (n, n_in) = (net.sizes[l], net.sizes[l - 1]);
            let at = ws.w_off(l);
            let wt = &mut ws.wt[at..at + n * n_in];
            for (i, row) in net.weight(l).as_slice().chunks_exact(n_in).enumerate() {
                for (k, &w) in row.iter().enumerate() {
                    wt[k * n + i] = w;
                }
            }
        }
    }
    match ws.backend.unwrap_or_else(Backend::best) {
        Backend::Portable => run_with::<PortableKernels>(net, x, pass, ws),
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
fn run_with<K: Kernels>(net: ParamList, x: &Matrix, pass: Pass, ws: &mut Workspace) {
    let m = x.cols();
    let (full, rem) = (m / LANES, m % LANES);
    let at = |block: usize| Cols {
        col: block * LANES,
        valid: LANES,
    };
    let mut block = 0;
    while block + BLOCKS <= full {
        group::<K, BLOCKS, false>(net, x, pass, at(block), ws);
        block += BLOCKS;
    }
    if block + 2 <= full {
        group::<K, 2, false>(net, x, pass, at(block), ws);
        block += 2;
    }
    while block < full {
        group::<K, 1, false>(net, x, pass, at(block), ws);
        block += 1;
    }
    if rem > 0 {
        let tail = Cols {
            col: full * LANES,
            valid: rem,
        };
        group::<K, 1, true>(net, x, pass, tail, ws);
    }
}

/// Forward (and, with labels, backward) for `N` blocks of four examples
/// from example `at.col`. `TAIL`: one partial block of `at.valid` examples,
/// whose gradient products go to the tail buffers instead of the lane sums
/// (padding lanes compute on zeros and are never read).
#[inline(always)]
fn group<K: Kernels, const N: usize, const TAIL: bool>(
    net: ParamList,
    x: &Matrix,
    pass: Pass,
    at: Cols,
    ws: &mut Workspace,
) {
    let layers = net.layers();
    let sizes = net.sizes;
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
