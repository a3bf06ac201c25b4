//! Seeded generators for 2-D toy problems. Each draws from a
//! [`NumpyRng`] seeded with the data seed, so a link names its points.

use crate::data::dataset::{Dataset, Split};
use crate::numeric::math;
use crate::numeric::rng::NumpyRng;
use std::f64::consts::PI;

/// The shapes nnlab can generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Two concentric circles (inner radius 0.8): scikit-learn's
    /// `make_circles(n, noise=noise, random_state=seed)` for every `n`
    /// (`n // 2` outer points, `n − n // 2` inner ones, each circle on its
    /// own angles; `tests/generated_circles.rs` checks stored scikit-learn
    /// output to 1e-12). With seed 1, 300 points, noise 0.05 this is the
    /// course's construction.
    Circles,
    /// Two interleaving half circles: nnlab's own shape, not scikit-learn's
    /// `make_moons` (the same half circles, shifted by `(−0.5, −0.25)` and
    /// scaled by 1.2 before shuffling and noise, angles `π·i/(count − 1)`).
    Moons,
    /// Uniform points in `[-1, 1]²`, label 1 where `x·y > 0`, then jittered.
    Xor,
    /// Two interleaved spiral arms.
    Spiral,
    /// Two Gaussian blobs centred at `(-1, -1)` and `(1, 1)`, spread `noise`.
    Gauss,
    /// Regression: points uniform in `[-1, 1]²`, value `(x1 + x2)/2`, plus
    /// `noise·ε`. Per point the draws are `x1 = 2·rand − 1`,
    /// `x2 = 2·rand − 1`, `ε = randn` (drawn whatever the noise).
    Plane,
    /// Regression: points uniform in `[-2, 2]²` (`x = 4·rand − 2`, each
    /// coordinate in turn), value the two-Gaussian surface
    /// `exp(−|x − (1, 1)|²/(2σ²)) − exp(−|x + (1, 1)|²/(2σ²))` with
    /// `σ = 0.6` (from −1 to 1), plus `noise·ε`, `ε = randn` as for the plane.
    GaussSurface,
}

/// The two-Gaussian surface's spread `σ`.
pub const SURFACE_SIGMA: f64 = 0.6;

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::Circles,
        Shape::Moons,
        Shape::Xor,
        Shape::Spiral,
        Shape::Gauss,
    ];

    /// The noise level a link gets when it names none.
    pub fn default_noise(self) -> f64 {
        match self {
            Shape::Circles => 0.05,
            Shape::Moons => 0.1,
            Shape::Xor => 0.1,
            Shape::Spiral => 0.05,
            Shape::Gauss => 0.5,
            Shape::Plane | Shape::GaussSurface => 0.0,
        }
    }

    /// Whether the labels are numbers (regression) rather than 0 and 1.
    pub fn has_values(self) -> bool {
        matches!(self, Shape::Plane | Shape::GaussSurface)
    }
}

/// Draws `n` labelled points of `shape` with `noise`, from `seed`.
pub fn generate(shape: Shape, n: usize, noise: f64, seed: u32) -> Dataset {
    let mut rng = NumpyRng::new(seed);
    match shape {
        Shape::Circles | Shape::Moons => two_curves(shape, n, noise, &mut rng),
        Shape::Xor => {
            let mut points = Vec::with_capacity(n);
            let mut labels = Vec::with_capacity(n);
            for _ in 0..n {
                let x = 2.0 * rng.rand() - 1.0;
                let y = 2.0 * rng.rand() - 1.0;
                labels.push(if x * y > 0.0 { 1.0 } else { 0.0 });
                points.push([x + noise * rng.randn(), y + noise * rng.randn()]);
            }
            Dataset::from_points(&points, &labels)
        }
        Shape::Spiral => {
            let half = n / 2;
            let mut points = Vec::with_capacity(n);
            let mut labels = Vec::with_capacity(n);
            for i in 0..n {
                let (k, label) = if i < half { (i, 0.0) } else { (i - half, 1.0) };
                let count = if i < half { half } else { n - half };
                let r = (k as f64 + 1.0) / count as f64;
                let t = 1.75 * r * 2.0 * PI + if label == 1.0 { PI } else { 0.0 };
                points.push([
                    r * math::sin(t) + noise * rng.randn(),
                    r * math::cos(t) + noise * rng.randn(),
                ]);
                labels.push(label);
            }
            shuffled(points, labels, &mut rng)
        }
        Shape::Gauss => {
            let mut points = Vec::with_capacity(n);
            let mut labels = Vec::with_capacity(n);
            for i in 0..n {
                let label = if i < n / 2 { 0.0 } else { 1.0 };
                let c = if label == 1.0 { 1.0 } else { -1.0 };
                points.push([c + noise * rng.randn(), c + noise * rng.randn()]);
                labels.push(label);
            }
            shuffled(points, labels, &mut rng)
        }
        Shape::Plane => surface(n, 1.0, noise, &mut rng, |x1, x2| (x1 + x2) / 2.0),
        Shape::GaussSurface => surface(n, 2.0, noise, &mut rng, |x1, x2| {
            let bump = |c: f64| {
                let d2 = (x1 - c) * (x1 - c) + (x2 - c) * (x2 - c);
                math::exp(-d2 / (2.0 * SURFACE_SIGMA * SURFACE_SIGMA))
            };
            bump(1.0) - bump(-1.0)
        }),
    }
}

/// `n` points uniform in `[-span, span]²` (`x = 2·span·rand − span`, x1
/// then x2) valued `f(x1, x2) + noise·randn()`, the normal drawn after each
/// point's coordinates.
fn surface(
    n: usize,
    span: f64,
    noise: f64,
    rng: &mut NumpyRng,
    f: impl Fn(f64, f64) -> f64,
) -> Dataset {
    let mut points = Vec::with_capacity(n);
    let mut values = Vec::with_capacity(n);
    for _ in 0..n {
        let x1 = 2.0 * span * rng.rand() - span;
        let x2 = 2.0 * span * rng.rand() - span;
        values.push(f(x1, x2) + noise * rng.randn());
        points.push([x1, x2]);
    }
    Dataset::from_points(&points, &values)
}

/// Circles and moons: points on two curves, shuffled, then Gaussian noise,
/// in scikit-learn's order of draws.
fn two_curves(shape: Shape, n: usize, noise: f64, rng: &mut NumpyRng) -> Dataset {
    let n_out = n / 2;
    let n_in = n - n_out;
    let mut points = Vec::with_capacity(n);
    let mut labels = Vec::with_capacity(n);
    match shape {
        Shape::Circles => {
            // Each circle on its own linspace(0, 2π, count, endpoint=False):
            // angle i·(2π/count); the inner one scaled by 0.8.
            for (count, scale, label) in [(n_out, 1.0, 0.0), (n_in, 0.8, 1.0)] {
                let step = 2.0 * PI / count.max(1) as f64;
                for i in 0..count {
                    let t = i as f64 * step;
                    points.push([math::cos(t) * scale, math::sin(t) * scale]);
                    labels.push(label);
                }
            }
        }
        _ => {
            for i in 0..n_out {
                let t = PI * i as f64 / (n_out.max(2) - 1) as f64;
                points.push([math::cos(t), math::sin(t)]);
                labels.push(0.0);
            }
            for i in 0..n_in {
                let t = PI * i as f64 / (n_in.max(2) - 1) as f64;
                points.push([1.0 - math::cos(t), 1.0 - math::sin(t) - 0.5]);
                labels.push(1.0);
            }
            for p in &mut points {
                p[0] = (p[0] - 0.5) * 1.2;
                p[1] = (p[1] - 0.25) * 1.2;
            }
        }
    }
    let mut set = shuffled(points, labels, rng);
    for j in 0..set.len() {
        for r in 0..2 {
            let v = set.x.get(r, j) + noise * rng.randn();
            set.x.set(r, j, v);
        }
    }
    // NumPy fills the (n, 2) noise array row by row: x then y of each point.
    set
}

/// Fisher–Yates as `RandomState.shuffle` does it (from the end).
fn shuffled(mut points: Vec<[f64; 2]>, mut labels: Vec<f64>, rng: &mut NumpyRng) -> Dataset {
    let n = points.len();
    let mut idx: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.interval(i as u32) as usize;
        idx.swap(i, j);
    }
    let p: Vec<[f64; 2]> = idx.iter().map(|&i| points[i]).collect();
    let l: Vec<f64> = idx.iter().map(|&i| labels[i]).collect();
    points = p;
    labels = l;
    Dataset::from_points(&points, &labels)
}

/// Training and test sets: `n` training points from `seed`, `max(n / 3, 1)`
/// test points from `seed + 1` (as the course draws circles with seeds 1, 2).
pub fn generate_split(shape: Shape, n: usize, noise: f64, seed: u32) -> Split {
    generate_split_sized(shape, n, (n / 3).max(1), noise, seed)
}

/// `n` training points from `seed` and `test` test points from `seed + 1`
/// ([`generate_split`] is the course's `test = max(n/3, 1)`).
pub fn generate_split_sized(shape: Shape, n: usize, test: usize, noise: f64, seed: u32) -> Split {
    Split {
        train: generate(shape, n, noise, seed),
        test: generate(shape, test, noise, seed.wrapping_add(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surfaces_are_their_formulas() {
        let plane = generate(Shape::Plane, 50, 0.0, 3);
        let gauss = generate(Shape::GaussSurface, 50, 0.0, 3);
        for j in 0..50 {
            let (a, b) = (plane.x.get(0, j), plane.x.get(1, j));
            assert!(a.abs() <= 1.0 && b.abs() <= 1.0);
            assert_eq!(plane.y[j], (a + b) / 2.0);
            let (a, b) = (gauss.x.get(0, j), gauss.x.get(1, j));
            assert!(a.abs() <= 2.0 && b.abs() <= 2.0 && gauss.y[j].abs() <= 1.0);
        }
        // The peak and the trough.
        let g = generate(Shape::GaussSurface, 2000, 0.0, 1);
        let (lo, hi) =
            g.y.iter()
                .fold((0.0f64, 0.0f64), |(l, h), &v| (l.min(v), h.max(v)));
        assert!(lo < -0.9 && hi > 0.9, "{lo} {hi}");
        // Noise moves the values, not the points; the seed moves both.
        let noisy = generate(Shape::Plane, 50, 0.1, 3);
        assert_eq!(noisy.x, plane.x);
        assert_ne!(noisy.y, plane.y);
        assert_ne!(generate(Shape::Plane, 50, 0.0, 4), plane);
    }

    #[test]
    fn every_shape_gives_n_points_with_both_labels() {
        for shape in Shape::ALL {
            let d = generate(shape, 200, shape.default_noise(), 5);
            assert_eq!(d.len(), 200, "{shape:?}");
            let ones = d.y.iter().sum::<f64>();
            assert!(ones > 40.0 && ones < 160.0, "{shape:?}: {ones} ones");
            assert!(d.x.is_finite());
            assert_eq!(
                d,
                generate(shape, 200, shape.default_noise(), 5),
                "{shape:?} is seeded"
            );
            assert_ne!(
                d,
                generate(shape, 200, shape.default_noise(), 6),
                "{shape:?} depends on the seed"
            );
        }
    }

    #[test]
    fn tiny_sets_do_not_panic() {
        for shape in Shape::ALL {
            for n in 1..4 {
                assert_eq!(generate(shape, n, 0.1, 1).len(), n);
            }
        }
    }
}
