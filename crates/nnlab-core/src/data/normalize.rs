//! Input normalization (`normalize=1`): each feature's mean and standard
//! deviation over the training set, applied to every set and to the
//! decision-region grid, so a network sees inputs of mean 0 and spread 1
//! while the page still shows the data in its own units.

use crate::data::dataset::Split;
use crate::numeric::matrix::Matrix;

/// Per-feature statistics of a training set.
#[derive(Clone, Debug, PartialEq)]
pub struct Normalization {
    pub mean: Vec<f64>,
    /// The population standard deviation (NumPy's `std`, `ddof=0`); 1 for
    /// a feature that does not vary.
    pub std: Vec<f64>,
}

impl Normalization {
    /// From `x` (features × m): `mean_r = Σ_j x_rj / m` and
    /// `std_r = sqrt(Σ_j (x_rj − mean_r)² / m)`, each sum in column order.
    pub fn of(x: &Matrix) -> Self {
        let m = x.cols() as f64;
        let mut mean = Vec::with_capacity(x.rows());
        let mut std = Vec::with_capacity(x.rows());
        for r in 0..x.rows() {
            let row = x.row(r);
            let mu = row.iter().sum::<f64>() / m;
            let var = row.iter().map(|v| (v - mu) * (v - mu)).sum::<f64>() / m;
            let s = var.sqrt();
            mean.push(mu);
            std.push(if s > 0.0 && s.is_finite() { s } else { 1.0 });
        }
        Normalization { mean, std }
    }

    /// `x_rj ← (x_rj − mean_r) / std_r` for every column of `x`.
    pub fn apply(&self, x: &mut Matrix) {
        for r in 0..x.rows() {
            let (mu, s) = (self.mean[r], self.std[r]);
            x.row_mut(r).iter_mut().for_each(|v| *v = (*v - mu) / s);
        }
    }

    /// The split with the training set's statistics applied to both sets,
    /// and those statistics.
    pub fn split(split: &Split) -> (Split, Normalization) {
        let norm = Normalization::of(&split.train.x);
        let mut out = split.clone();
        norm.apply(&mut out.train.x);
        norm.apply(&mut out.test.x);
        (out, norm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset::Dataset;

    #[test]
    fn training_statistics_apply_to_the_test_set() {
        let s = Split {
            train: Dataset::from_points(&[[0.0, 5.0], [1000.0, 5.0]], &[0.0, 1.0]),
            test: Dataset::from_points(&[[500.0, 6.0]], &[1.0]),
        };
        let (n, norm) = Normalization::split(&s);
        assert_eq!(norm.mean, [500.0, 5.0]);
        assert_eq!(norm.std, [500.0, 1.0], "a constant feature keeps std 1");
        assert_eq!(n.train.x.row(0), [-1.0, 1.0]);
        assert_eq!(n.train.x.row(1), [0.0, 0.0]);
        assert_eq!(n.test.x.row(0), [0.0]);
        assert_eq!(n.test.x.row(1), [1.0]);
    }
}
