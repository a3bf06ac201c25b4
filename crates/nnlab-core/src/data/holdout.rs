//! Which own points are held out for testing when no `set` column or edit
//! fixes it: a seeded choice by `testFrac` and `dataSeed` that moves little
//! when a point is added.

use crate::numeric::rng::NumpyRng;

/// The seeded split of `n` points: point `i` draws `u_i`, the `i`-th
/// `rand()` of `NumpyRng(seed)`; the `ceil(test_frac · n)` points with the
/// smallest `u` (ties by index), at least one and at most `n − 1`, are test
/// points. Adding a point at the end moves at most one other point between
/// the sets.
pub fn test_flags_seeded(n: usize, test_frac: f64, seed: u32) -> Vec<bool> {
    if n < 2 || !(test_frac > 0.0 && test_frac < 1.0) {
        return vec![false; n];
    }
    let mut rng = NumpyRng::new(seed);
    let u: Vec<f64> = (0..n).map(|_| rng.rand()).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| u[a].total_cmp(&u[b]).then(a.cmp(&b)));
    let k = ((test_frac * n as f64).ceil() as usize).clamp(1, n - 1);
    let mut test = vec![false; n];
    for &i in &order[..k] {
        test[i] = true;
    }
    test
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appending_a_point_moves_at_most_one_other() {
        for n in 2..200 {
            let a = test_flags_seeded(n, 0.3, 5);
            let b = test_flags_seeded(n + 1, 0.3, 5);
            let moved = a.iter().zip(&b).filter(|(x, y)| x != y).count();
            assert!(moved <= 1, "{n}");
        }
    }
}
