//! Mini-batches (`batch=` in a link): every epoch the training examples are
//! shuffled by a seeded permutation (NumPy's legacy `permutation`: a
//! Fisher–Yates shuffle from the last element, `random_interval` draws,
//! from `batchSeed`), then cut into batches of `size` in that order; the
//! last batch of an epoch holds the rest (`m mod size` examples, when not 0).

use crate::data::dataset::Dataset;
use crate::numeric::matrix::Matrix;
use crate::numeric::rng::NumpyRng;

/// The mini-batch sequence of one run, and the current batch's examples.
#[derive(Clone, Debug)]
pub struct Batches {
    size: usize,
    rng: NumpyRng,
    order: Vec<usize>,
    /// Where the next batch starts in `order` (0: a new epoch).
    at: usize,
    x: Matrix,
    y: Vec<f64>,
}

impl Batches {
    /// Batches of `size` (1 to `m`) of `m` examples, shuffled from `seed`.
    pub fn new(size: usize, m: usize, seed: u32) -> Self {
        assert!(size >= 1 && size <= m, "batches: size 1 to m");
        Batches {
            size,
            rng: NumpyRng::new(seed),
            order: (0..m).collect(),
            at: 0,
            x: Matrix::default(),
            y: Vec::with_capacity(size),
        }
    }

    /// Iterations in one epoch: `⌈m / size⌉`.
    pub fn per_epoch(&self) -> u64 {
        self.order.len().div_ceil(self.size) as u64
    }

    /// The next batch of `set` (the set this was made for): its examples as
    /// columns `(features, b)` and their labels. Draws a new permutation at
    /// each epoch's start. Allocates only when a batch's width changes.
    pub fn next(&mut self, set: &Dataset) -> (&Matrix, &[f64]) {
        let m = self.order.len();
        assert_eq!(set.len(), m, "batches: the set they were made for");
        if self.at == 0 {
            for v in self.order.iter_mut().enumerate() {
                *v.1 = v.0;
            }
            for i in (1..m).rev() {
                let j = self.rng.interval(i as u32) as usize;
                self.order.swap(i, j);
            }
        }
        let end = (self.at + self.size).min(m);
        let picked = &self.order[self.at..end];
        let features = set.x.rows();
        if self.x.shape() != (features, picked.len()) {
            self.x.reset(features, picked.len());
        }
        for r in 0..features {
            let from = set.x.row(r);
            for (v, &j) in self.x.row_mut(r).iter_mut().zip(picked) {
                *v = from[j];
            }
        }
        self.y.clear();
        self.y.extend(picked.iter().map(|&j| set.y[j]));
        self.at = if end == m { 0 } else { end };
        (&self.x, &self.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every epoch visits every example once, in batches of the size asked
    /// and the rest; epochs differ in order.
    #[test]
    fn epochs_cover_the_set_once_in_new_orders() {
        let m = 10;
        let set = Dataset {
            x: Matrix::from_vec(1, m, (0..m).map(|v| v as f64).collect()),
            y: (0..m).map(|v| v as f64).collect(),
        };
        let mut b = Batches::new(4, m, 1);
        assert_eq!(b.per_epoch(), 3);
        let mut epochs = Vec::new();
        for _ in 0..2 {
            let mut seen = Vec::new();
            for want in [4, 4, 2] {
                let (x, y) = b.next(&set);
                assert_eq!((x.cols(), y.len()), (want, want));
                assert_eq!(x.as_slice(), y);
                seen.extend_from_slice(y);
            }
            let mut sorted = seen.clone();
            sorted.sort_by(f64::total_cmp);
            assert_eq!(sorted, set.y);
            epochs.push(seen);
        }
        assert_ne!(epochs[0], epochs[1]);
    }
}
