//! The optimizers of the course's next lesson (`opt=` in a link): gradient
//! descent (the labs'), momentum and Adam with bias correction. Each walks
//! the network's one parameter list `[W1, b1, …, WL, bL]` with the
//! gradients in the same layout, keeping its state (`v`, `s`) shaped alike.

use crate::numeric::math;
use crate::numeric::matrix::Matrix;

/// Which update rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OptKind {
    /// `θ −= lr·g` (the course's labs).
    #[default]
    Gd,
    /// `v = β·v + (1 − β)·g`, `θ −= lr·v`.
    Momentum,
    /// `v = β₁·v + (1 − β₁)·g`, `s = β₂·s + (1 − β₂)·g²`,
    /// `θ −= lr·v̂ / (√ŝ + ε)` with `v̂ = v/(1 − β₁ᵗ)`, `ŝ = s/(1 − β₂ᵗ)`.
    Adam,
}

impl OptKind {
    pub const ALL: [OptKind; 3] = [OptKind::Gd, OptKind::Momentum, OptKind::Adam];

    pub fn name(self) -> &'static str {
        match self {
            OptKind::Gd => "gd",
            OptKind::Momentum => "momentum",
            OptKind::Adam => "adam",
        }
    }
}

/// An optimizer's settings (the course's defaults: β 0.9, β₁ 0.9, β₂ 0.999,
/// ε 1e-8).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub kind: OptKind,
    pub beta: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub epsilon: f64,
}

/// An optimizer with its state: `v` (momentum, Adam), `s` (Adam), `t` the
/// number of Adam steps, `β₁ᵗ` and `β₂ᵗ` as running products.
#[derive(Clone, Debug)]
pub struct Optimizer {
    settings: Settings,
    v: Vec<Matrix>,
    s: Vec<Matrix>,
    beta1_t: f64,
    beta2_t: f64,
}

impl Optimizer {
    /// A fresh optimizer for parameters shaped like `params` (state zero).
    pub fn new(settings: Settings, params: &[Matrix]) -> Self {
        let zeros = |on: bool| -> Vec<Matrix> {
            if on {
                params
                    .iter()
                    .map(|p| Matrix::zeros(p.rows(), p.cols()))
                    .collect()
            } else {
                Vec::new()
            }
        };
        Optimizer {
            settings,
            v: zeros(settings.kind != OptKind::Gd),
            s: zeros(settings.kind == OptKind::Adam),
            beta1_t: 1.0,
            beta2_t: 1.0,
        }
    }

    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// One update of every parameter from its gradient (`params` and
    /// `grads` alike in number and shapes). Allocates nothing.
    pub fn step(&mut self, params: &mut [Matrix], grads: &[Matrix], lr: f64) {
        assert_eq!(params.len(), grads.len(), "optimizer: gradients");
        let Settings {
            kind,
            beta,
            beta1,
            beta2,
            epsilon,
        } = self.settings;
        if kind == OptKind::Adam {
            self.beta1_t *= beta1;
            self.beta2_t *= beta2;
        }
        let (c1, c2) = (1.0 - self.beta1_t, 1.0 - self.beta2_t);
        for (i, (p, g)) in params.iter_mut().zip(grads).enumerate() {
            let (p, g) = (p.as_mut_slice(), g.as_slice());
            match kind {
                OptKind::Gd => {
                    for (w, &gv) in p.iter_mut().zip(g) {
                        *w -= lr * gv;
                    }
                }
                OptKind::Momentum => {
                    let v = self.v[i].as_mut_slice();
                    for ((w, &gv), v) in p.iter_mut().zip(g).zip(v) {
                        *v = beta * *v + (1.0 - beta) * gv;
                        *w -= lr * *v;
                    }
                }
                OptKind::Adam => {
                    let (v, s) = (self.v[i].as_mut_slice(), self.s[i].as_mut_slice());
                    for (((w, &gv), v), s) in p.iter_mut().zip(g).zip(v).zip(s) {
                        *v = beta1 * *v + (1.0 - beta1) * gv;
                        *s = beta2 * *s + (1.0 - beta2) * (gv * gv);
                        let (v_hat, s_hat) = (*v / c1, *s / c2);
                        *w -= lr * v_hat / (math::sqrt(s_hat) + epsilon);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(kind: OptKind) -> Settings {
        Settings {
            kind,
            beta: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        }
    }

    /// The first steps by hand: momentum moves by `lr·(1 − β)·g`, Adam by
    /// about `lr·sign(g)` (bias correction undoes the zero start).
    #[test]
    fn first_steps_follow_the_formulas() {
        let g = [Matrix::from_vec(1, 2, vec![0.5, -2.0])];
        for (kind, want) in [
            (OptKind::Gd, [1.0 - 0.1 * 0.5, 1.0 + 0.1 * 2.0]),
            (
                OptKind::Momentum,
                [1.0 - 0.1 * (0.1 * 0.5), 1.0 + 0.1 * (0.1 * 2.0)],
            ),
            (OptKind::Adam, [0.9, 1.1]),
        ] {
            let mut p = [Matrix::from_vec(1, 2, vec![1.0, 1.0])];
            let mut opt = Optimizer::new(settings(kind), &p);
            opt.step(&mut p, &g, 0.1);
            for (got, want) in p[0].as_slice().iter().zip(want) {
                assert!((got - want).abs() < 1e-8, "{kind:?}: {got} vs {want}");
            }
        }
        // Adam's second step with the same gradient moves by lr again.
        let mut p = [Matrix::from_vec(1, 2, vec![1.0, 1.0])];
        let mut opt = Optimizer::new(settings(OptKind::Adam), &p);
        opt.step(&mut p, &g, 0.1);
        opt.step(&mut p, &g, 0.1);
        assert!((p[0].as_slice()[0] - 0.8).abs() < 1e-8);
    }
}
