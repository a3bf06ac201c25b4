//! Four lanes: [`Quad`] in memory and [`Lanes`] in registers, with the
//! lane-wise `exp`, `ln` and sigmoid built on the ports in `libm_ports.rs`.

use super::libm_ports::{exp_fast, ln_fast, EXP_FAST_LIMIT};
use super::vector::Vector;
use super::wide::Wide;

/// Lanes per vector.
pub(crate) const LANES: usize = 4;

/// Four lanes' values in memory, aligned for vector loads.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C, align(32))]
pub(crate) struct Quad(pub [f64; LANES]);

/// A vector of four `f64` lanes, one example per lane, and how it moves
/// between registers and memory.
pub(crate) trait Lanes: Vector {
    fn from_array(a: [f64; LANES]) -> Self;
    fn to_array(self) -> [f64; LANES];

    /// Placed at the end of a kernel loop's body: keeps the compiler from
    /// vectorising the loop across its iterations (which it does for
    /// [`super::ArrayLanes`] and which shuffles lanes around) so that it vectorises
    /// each body's four lanes instead. No instruction is emitted.
    #[inline(always)]
    fn end_of_iteration() {}

    #[inline(always)]
    fn load(q: &Quad) -> Self {
        Self::from_array(q.0)
    }

    #[inline(always)]
    fn store(self, q: &mut Quad) {
        q.0 = self.to_array();
    }

    /// The first four values of `s`.
    #[inline(always)]
    fn load_slice(s: &[f64]) -> Self {
        let s: &[f64; LANES] = s[..LANES].try_into().unwrap();
        Self::from_array(*s)
    }

    /// The first `n ≤ 4` values of `s`, the other lanes `fill`.
    #[inline]
    fn load_partial(s: &[f64], n: usize, fill: f64) -> Self {
        let mut a = [fill; LANES];
        for (d, &v) in a.iter_mut().zip(&s[..n]) {
            *d = v;
        }
        Self::from_array(a)
    }

    /// Applies `f` to each lane (the scalar fallback).
    #[inline(never)]
    fn map(self, f: fn(f64) -> f64) -> Self {
        Self::from_array(self.to_array().map(f))
    }

    /// The lane-wise `libm::exp`, bit for bit.
    #[inline(always)]
    fn exp(self) -> Self {
        // |x| < 708.39 (libm's high word below 0x4086232b); false for NaN.
        if !self.abs().lt(Self::splat(EXP_FAST_LIMIT)).all() {
            return self.map(libm::exp);
        }
        exp_fast(self)
    }

    /// The lane-wise `libm::log`, bit for bit.
    #[inline(always)]
    fn ln(self) -> Self {
        // Positive, normal and finite (false for NaN).
        let ok = self
            .ge(Self::splat(f64::MIN_POSITIVE))
            .bits_and(self.le(Self::splat(f64::MAX)));
        if !ok.all() {
            return self.map(libm::log);
        }
        ln_fast(self)
    }

    /// [`Lanes::ln`] of several vectors, together like
    /// [`Lanes::sigmoid_all`].
    #[inline(always)]
    fn ln_all<const N: usize>(x: [Self; N]) -> [Self; N] {
        let w = Wide(x);
        let ok = w
            .ge(Vector::splat(f64::MIN_POSITIVE))
            .bits_and(w.le(Vector::splat(f64::MAX)));
        if !ok.all() {
            return x.map(Self::ln);
        }
        ln_fast(w).0
    }

    /// `1 / (1 + exp(-z))` per lane: `math::sigmoid`, bit for bit.
    #[inline(always)]
    fn sigmoid(self) -> Self {
        Self::splat(1.0) / (Self::splat(1.0) + self.neg().exp())
    }

    /// [`Lanes::sigmoid`] of several vectors, with one range check for all
    /// of them. The fast path runs the vectors through `exp` together
    /// ([`Wide`]): written as each step of the algorithm for all of them,
    /// then the next, with every constant built once for all. LLVM's wasm
    /// output (a stack machine) lays the `N` chains out one after another
    /// again (checked in its assembly), so in wasm the gain is the shared
    /// constants and range checks.
    #[inline(always)]
    fn sigmoid_all<const N: usize>(z: [Self; N]) -> [Self; N] {
        let z = Wide(z);
        if !z.abs().lt(Vector::splat(EXP_FAST_LIMIT)).all() {
            return z.0.map(Self::sigmoid);
        }
        let one: Wide<Self, N> = Vector::splat(1.0);
        (one / (one + exp_fast(z.neg()))).0
    }
}
