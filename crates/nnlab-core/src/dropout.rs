//! Inverted dropout masks, in the course's "fixed" mode and real "fresh" mode.

use crate::matrix::Matrix;
use crate::rng::NumpyRng;

/// Where dropout masks come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskMode {
    /// The course's program: reseed with the dropout seed before every
    /// forward pass, so every iteration drops the same units (one fixed
    /// thinned network).
    Fixed,
    /// Real dropout: seed once before training, new masks every iteration.
    Fresh,
}

/// Draws the masks `D[l] = rand(n[l], m) < keep` for hidden layers 1, 2, ...
/// in that order, each row-major.
#[derive(Clone, Debug)]
pub struct Dropout {
    keep: f64,
    mode: MaskMode,
    seed: u32,
    rng: NumpyRng,
    masks: Vec<Matrix>,
    drawn: bool,
}

impl Dropout {
    /// Masks for hidden layers of sizes `hidden` over `m` examples.
    pub fn new(keep: f64, mode: MaskMode, seed: u32, hidden: &[usize], m: usize) -> Self {
        Dropout {
            keep,
            mode,
            seed,
            rng: NumpyRng::new(seed),
            masks: hidden.iter().map(|&n| Matrix::zeros(n, m)).collect(),
            drawn: false,
        }
    }

    pub fn keep(&self) -> f64 {
        self.keep
    }

    pub fn mode(&self) -> MaskMode {
        self.mode
    }

    /// The masks of the last [`Dropout::next_masks`] (all ones before).
    pub fn current(&self) -> &[Matrix] {
        &self.masks
    }

    /// The masks for the next forward pass. In fixed mode the generator is
    /// reseeded first, which yields the same draws every time, so they are
    /// drawn once and reused.
    pub fn next_masks(&mut self) -> &[Matrix] {
        match self.mode {
            MaskMode::Fixed if self.drawn => {}
            MaskMode::Fixed => {
                self.rng.seed(self.seed);
                self.draw();
            }
            MaskMode::Fresh => self.draw(),
        }
        self.drawn = true;
        &self.masks
    }

    fn draw(&mut self) {
        let keep = self.keep;
        for mask in &mut self.masks {
            for v in mask.as_mut_slice() {
                *v = if self.rng.rand() < keep { 1.0 } else { 0.0 };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_masks_repeat_and_fresh_masks_change() {
        let mut fixed = Dropout::new(0.5, MaskMode::Fixed, 1, &[4, 3], 10);
        let mut fresh = Dropout::new(0.5, MaskMode::Fresh, 1, &[4, 3], 10);
        let f1 = fixed.next_masks().to_vec();
        let f2 = fixed.next_masks().to_vec();
        assert_eq!(f1, f2);
        let r1 = fresh.next_masks().to_vec();
        let r2 = fresh.next_masks().to_vec();
        assert_eq!(r1, f1, "the first fresh masks are the seed's first draws");
        assert_ne!(r1, r2);
    }

    #[test]
    fn masks_follow_numpy_rand_lt_keep() {
        // np.random.seed(1); np.random.rand(2, 5) < 0.5
        let mut d = Dropout::new(0.5, MaskMode::Fixed, 1, &[2], 5);
        let got: Vec<f64> = d.next_masks()[0].as_slice().to_vec();
        let mut rng = NumpyRng::new(1);
        let want: Vec<f64> = (0..10)
            .map(|_| if rng.rand() < 0.5 { 1.0 } else { 0.0 })
            .collect();
        assert_eq!(got, want);
        // seed 1's first rand() is 0.417022004702574 < 0.5
        assert_eq!(got[0], 1.0);
        assert_eq!(got[1], 0.0); // 0.7203244934421581
    }
}
