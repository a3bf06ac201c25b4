//! [`Vector`]: lane-wise `f64` arithmetic, the language the
//! transcendentals are written in.

use core::ops::{Add, Div, Mul, Sub};

/// Lane-wise `f64` arithmetic on some number of lanes: what the
/// transcendentals (`exp_fast`, `ln_fast` in `libm_ports.rs`) are written
/// in, so that they run on one [`Lanes`](super::Lanes) vector or on several
/// together ([`Wide`](super::wide::Wide)).
/// Comparisons return masks (all-ones lanes for true, zeros for false) that
/// [`Vector::select`] and the `bits_*` operations take.
pub(crate) trait Vector:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    fn splat(v: f64) -> Self;
    /// `self < o` per lane (false when either is NaN); likewise below.
    fn lt(self, o: Self) -> Self;
    fn le(self, o: Self) -> Self;
    fn gt(self, o: Self) -> Self;
    fn ge(self, o: Self) -> Self;
    /// True when every lane of a mask is set.
    fn all(self) -> bool;
    fn bits_and(self, o: Self) -> Self;
    /// `self & !o`.
    fn bits_andnot(self, o: Self) -> Self;
    fn bits_or(self, o: Self) -> Self;
    fn bits_xor(self, o: Self) -> Self;
    /// Wrapping 64-bit integer addition of the bit patterns.
    fn bits_add(self, o: Self) -> Self;
    /// The bit patterns shifted left by 52.
    fn bits_shl52(self) -> Self;
    /// The bit patterns shifted right by 52 (logical).
    fn bits_shr52(self) -> Self;

    #[inline(always)]
    fn zero() -> Self {
        Self::splat(0.0)
    }

    /// `m ? a : b` per lane (`m` from a comparison).
    #[inline(always)]
    fn select(m: Self, a: Self, b: Self) -> Self {
        a.bits_and(m).bits_or(b.bits_andnot(m))
    }

    /// `|x|` (clears the sign bit).
    #[inline(always)]
    fn abs(self) -> Self {
        self.bits_andnot(Self::splat(-0.0))
    }

    /// `-x` (flips the sign bit, as Rust's unary minus does).
    #[inline(always)]
    fn neg(self) -> Self {
        self.bits_xor(Self::splat(-0.0))
    }

    /// The ReLU as the course writes it, `np.maximum(0, z)` with NaN kept:
    /// `z < 0 ? 0 : z` (so `-0.0` and NaN pass through).
    #[inline(always)]
    fn relu(self) -> Self {
        self.bits_andnot(self.lt(Self::zero()))
    }
}
