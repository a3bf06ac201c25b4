//! [`Workspace`]: the fused passes' scratch memory, and the gradient sums
//! a training pass leaves in it.

use super::group::{Group, BLOCKS};
use crate::numeric::lanes::{Quad, LANES};

/// Scratch memory of the fused passes (`fused::run`: the network's
/// `train_pass` and `predict_into`). Sized on first use for a network's layer
/// sizes and a batch size; after that a pass allocates nothing.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub(super) sizes: Vec<usize>,
    /// `act_off[l]`: where layer `l`'s units start in `acts` (layer 0 is the
    /// input block).
    pub(super) act_off: Vec<usize>,
    /// `w_off[l - 1]` / `b_off[l - 1]`: where layer `l`'s weight / bias sums
    /// start in `acc_w` / `acc_b` (and `wt`, `tail_*`).
    pub(super) w_off: Vec<usize>,
    pub(super) b_off: Vec<usize>,
    /// The current group's activations, every layer.
    pub(super) acts: Vec<Group>,
    pub(super) dz: Vec<Group>,
    pub(super) dz_prev: Vec<Group>,
    /// 4-lane partial sums of `Σ_j dZ[i,j]·A[k,j]` and `Σ_j dZ[i,j]`.
    pub(super) acc_w: Vec<Quad>,
    pub(super) acc_b: Vec<Quad>,
    /// The products of the last `m mod 4` examples, added one by one.
    pub(super) tail_w: Vec<Quad>,
    pub(super) tail_b: Vec<Quad>,
    /// `W[l]ᵀ` of every layer, for `dA = Wᵀ·dZ`.
    pub(super) wt: Vec<f64>,
    /// The output layer's activations for the whole batch.
    pub(super) out: Vec<f64>,
    /// Which compiled kernels run (`None`: the fastest this CPU has); tests
    /// pin one to compare the backends.
    pub(crate) backend: Option<super::Backend>,
}

impl Workspace {
    /// Sizes the buffers for `sizes` and a batch of `m` examples.
    pub(super) fn prepare(&mut self, sizes: &[usize], m: usize) {
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
    pub(super) fn w_off(&self, l: usize) -> usize {
        self.w_off[l - 1]
    }

    /// Where layer `l`'s bias sums start (`l` in `1..=L`).
    pub(super) fn b_off(&self, l: usize) -> usize {
        self.b_off[l - 1]
    }

    /// Zeroes the gradient sums (before a training pass).
    pub(super) fn clear_sums(&mut self) {
        self.acc_w.fill(Quad::default());
        self.acc_b.fill(Quad::default());
    }

    /// After a training pass over `m` examples: `Σ_j dZ[i,j]·A[k,j]` for
    /// layer `l`'s weights (`l` in `1..=L`), row-major like `W[l]`, each
    /// summed in [`crate::numeric::matrix::dot`]'s order: the lanes
    /// combined as `(s0 + s1) + (s2 + s3)`, then the last `m mod 4`
    /// examples one by one.
    pub(crate) fn weight_sums(&self, l: usize) -> impl Iterator<Item = f64> + '_ {
        let (n, n_in) = (self.sizes[l], self.sizes[l - 1]);
        let at = self.w_off(l);
        self.sums(&self.acc_w[at..at + n * n_in], &self.tail_w[at..])
    }

    /// `Σ_j dZ[i,j]` for layer `l`'s biases, in the same order as
    /// [`Workspace::weight_sums`].
    pub(crate) fn bias_sums(&self, l: usize) -> impl Iterator<Item = f64> + '_ {
        let at = self.b_off(l);
        self.sums(&self.acc_b[at..at + self.sizes[l]], &self.tail_b[at..])
    }

    fn sums<'a>(&self, acc: &'a [Quad], tail: &'a [Quad]) -> impl Iterator<Item = f64> + 'a {
        let rem = self.out.len() % LANES;
        acc.iter().zip(tail).map(move |(acc, tail)| {
            let s = acc.0;
            let mut total = (s[0] + s[1]) + (s[2] + s[3]);
            for &t in &tail.0[..rem] {
                total += t;
            }
            total
        })
    }
}
