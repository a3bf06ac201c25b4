//! Inverted dropout masks, in the course's "fixed" mode and real "fresh" mode.

use crate::numeric::matrix::Matrix;
use crate::numeric::mt19937::Mt19937;
#[cfg(test)]
use crate::numeric::{mt19937::N as MT_N, rng::NumpyRng};

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
    rng: Mt19937,
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
            rng: Mt19937::new(seed),
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

    /// The masks of the last [`Dropout::next_masks`] (zeros before).
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

    /// `rand() < keep` for every mask entry, in order. `rand()` is
    /// `n / 2^53` with `n = (a >> 5)·2^26 + (b >> 6)` from two words `a`, `b`
    /// of the stream, and that division is exact, so the comparison is
    /// `n < keep·2^53` (also exact): no division per entry.
    fn draw(&mut self) {
        let limit = self.keep * 9_007_199_254_740_992.0; // keep · 2^53
        for mask in &mut self.masks {
            fill_masks(&mut self.rng, mask.as_mut_slice(), limit);
        }
    }
}

/// `mask[j] = (rand() < keep) as f64` in order, `limit = keep · 2^53`
/// (see [`Dropout::draw`]), from the word pairs of `rng`.
fn fill_masks(rng: &mut Mt19937, mask: &mut [f64], limit: f64) {
    // `n = (a >> 5)·2^26 + (b >> 6)` as rand() computes it (exact; both
    // halves fit an i32, whose conversion vectorises).
    rng.fill_pairs(mask, |a, b| {
        let n = ((a >> 5) as i32 as f64) * 67_108_864.0 + (b >> 6) as i32 as f64;
        (n < limit) as u8 as f64
    });
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
    fn masks_match_rand_lt_keep_across_blocks_and_draws() {
        // 7·45 entries = 630 words: draws cross the 624-word blocks.
        for (keep, seed) in [(0.86, 1), (0.5, 7), (1.0, 2), (1e-9, 3), (0.999_999_999, 4)] {
            let mut d = Dropout::new(keep, MaskMode::Fresh, seed, &[7, 3], 45);
            let mut rng = NumpyRng::new(seed);
            for draw in 0..5 {
                for mask in d.next_masks() {
                    for (j, &v) in mask.as_slice().iter().enumerate() {
                        let want = if rng.rand() < keep { 1.0 } else { 0.0 };
                        assert_eq!(v, want, "keep {keep}, draw {draw}, entry {j}");
                    }
                }
            }
        }
        // An odd word position (a word drawn outside masks) still works.
        let mut mt = Mt19937::new(5);
        let mut rng = NumpyRng::new(5);
        for _ in 0..MT_N - 1 {
            assert_eq!(mt.next_u32(), rng.next_u32());
        }
        let mut mask = [0.0; 9];
        fill_masks(&mut mt, &mut mask, 0.5 * 9_007_199_254_740_992.0);
        for v in mask {
            assert_eq!(v, if rng.rand() < 0.5 { 1.0 } else { 0.0 });
        }
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
