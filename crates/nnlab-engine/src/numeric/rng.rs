//! NumPy's legacy random generator (`np.random.seed` / `rand` / `randn`),
//! reproduced bit for bit so that a seed gives the course's weights and masks.

use crate::numeric::math;
use crate::numeric::mt19937::Mt19937;
use rand_core::{impls, RngCore, SeedableRng};

/// MT19937 with NumPy's legacy `RandomState` conversions.
///
/// - [`NumpyRng::new`] / [`NumpyRng::seed`]: `init_genrand(seed)`, as
///   `np.random.seed(seed)` does for an integer seed; drops a cached normal.
/// - [`NumpyRng::rand`]: `((a >> 5)·2²⁶ + (b >> 6)) / 2⁵³` from two words.
/// - [`NumpyRng::randn`]: the polar Box–Muller method, returning `f·x2` and
///   caching `f·x1` for the next call.
///
/// Arrays are filled in row-major order ([`NumpyRng::fill_randn`]), like
/// NumPy's.
///
/// It is also a `rand_core` generator ([`RngCore`], [`SeedableRng`]): the
/// raw 32-bit words are MT19937's, so code generic over `RngCore` can draw
/// from the course's streams; the labs' own draws (`rand`, `randn`,
/// `interval`) keep NumPy's algorithms.
#[derive(Clone, Debug)]
pub struct NumpyRng {
    mt: Mt19937,
    cached_normal: Option<f64>,
}

impl NumpyRng {
    /// A generator seeded like `np.random.seed(seed)`.
    pub fn new(seed: u32) -> Self {
        NumpyRng {
            mt: Mt19937::new(seed),
            cached_normal: None,
        }
    }

    /// Re-seeds in place (`init_genrand`), dropping any cached normal.
    pub fn seed(&mut self, seed: u32) {
        self.mt.seed(seed);
        self.cached_normal = None;
    }

    /// The next raw 32-bit word (`genrand_int32`).
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        self.mt.next_u32()
    }

    /// A uniform double in `[0, 1)` with 53 random bits (`np.random.rand()`).
    pub fn rand(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A standard normal draw (`np.random.randn()`, legacy polar method).
    pub fn randn(&mut self) -> f64 {
        if let Some(cached) = self.cached_normal.take() {
            return cached;
        }
        loop {
            let x1 = 2.0 * self.rand() - 1.0;
            let x2 = 2.0 * self.rand() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = math::sqrt(-2.0 * math::ln_rounded(r2) / r2);
                self.cached_normal = Some(f * x1);
                return f * x2;
            }
        }
    }

    /// Fills `out` with `randn()` draws in order.
    pub fn fill_randn(&mut self, out: &mut [f64]) {
        for v in out {
            *v = self.randn();
        }
    }

    /// A uniform integer in `0..=max` by NumPy's masked rejection
    /// (`random_interval`, used by `shuffle` and `permutation`).
    pub fn interval(&mut self, max: u32) -> u32 {
        if max == 0 {
            return 0;
        }
        let mut mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        loop {
            let v = self.next_u32() & mask;
            if v <= max {
                return v;
            }
        }
    }
}

/// The raw stream: `next_u32` is `genrand_int32`; `next_u64` and
/// `fill_bytes` are built from it as `rand_core::impls` defines (low word
/// first; bytes little-endian, four per word).
impl RngCore for NumpyRng {
    fn next_u32(&mut self) -> u32 {
        self.mt.next_u32()
    }

    fn next_u64(&mut self) -> u64 {
        impls::next_u64_via_u32(self)
    }

    fn fill_bytes(&mut self, dst: &mut [u8]) {
        impls::fill_bytes_via_next(self, dst)
    }
}

/// `Seed` is NumPy's 32-bit seed, little-endian: `from_seed(s.to_le_bytes())`
/// is `np.random.seed(s)`. `seed_from_u64` is `rand_core`'s default: it
/// expands the `u64` through PCG32 into those four bytes, so
/// `seed_from_u64(1)` is *not* `np.random.seed(1)` (use
/// [`NumpyRng::new`] or `from_seed` for NumPy's seeds).
impl SeedableRng for NumpyRng {
    type Seed = [u8; 4];

    fn from_seed(seed: [u8; 4]) -> Self {
        NumpyRng::new(u32::from_le_bytes(seed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reseeding_drops_the_cached_normal() {
        let mut rng = NumpyRng::new(1);
        let first = rng.randn();
        rng.randn();
        rng.seed(1);
        assert_eq!(rng.randn().to_bits(), first.to_bits());
    }

    #[test]
    fn rand_is_in_unit_interval() {
        let mut rng = NumpyRng::new(7);
        for _ in 0..10_000 {
            let r = rng.rand();
            assert!((0.0..1.0).contains(&r));
        }
    }

    #[test]
    fn interval_stays_in_range() {
        let mut rng = NumpyRng::new(3);
        for max in [0u32, 1, 2, 5, 299] {
            for _ in 0..1000 {
                assert!(rng.interval(max) <= max);
            }
        }
    }

    /// [`math::ln_rounded`] (the normal draws' logarithm) against glibc:
    /// glibc's `log` (std's on Linux) is within 0.52 ulp: it agrees with a
    /// correctly rounded result almost always, and never differs by more
    /// than one ulp.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn ln_rounded_agrees_with_glibc() {
        let mut rng = NumpyRng::new(11);
        let mut differ = 0;
        let n = 200_000;
        for _ in 0..n {
            let x = rng.rand() * 2f64.powi(rng.interval(60) as i32 - 30);
            let (a, b) = (math::ln_rounded(x), x.ln());
            if a != b {
                differ += 1;
                assert!(
                    (a.to_bits() as i64 - b.to_bits() as i64).abs() == 1,
                    "ln({x:e}): {a:e} vs {b:e}"
                );
            }
        }
        assert!(differ < n / 1000, "{differ} of {n} differ");
    }
}
