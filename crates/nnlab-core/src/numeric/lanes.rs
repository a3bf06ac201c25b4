//! Four `f64` lanes, one example per lane: the unit of work of the fused
//! training and prediction kernels (`fused.rs`).
//!
//! # Determinism
//!
//! Every operation here is lane-wise IEEE arithmetic (`+ - * /`, compare,
//! select, bit moves), so a lane's result does not depend on how many lanes
//! the target computes at once: the scalar backend, SSE2, AVX2 and wasm
//! SIMD128 give the same bits (NaN payloads aside, which IEEE leaves open).
//! There are no horizontal operations here, no fused multiply-adds and no
//! reassociation: callers decide every summation order.
//!
//! # Backends ([`Lanes`] implementations)
//!
//! - [`Sse2`] on x86_64 (part of the x86_64 baseline): two `__m128d`;
//! - [`Simd128`] on wasm32 with `+simd128` (`.cargo/config.toml` turns it
//!   on; every current browser runs it): two `v128`;
//! - [`Scalar`]: `[f64; 4]`, for other targets and as the tests' reference,
//!   and for AVX2: `fused.rs` compiles its kernels a second time with
//!   `Scalar` inside `#[target_feature(enable = "avx2")]` functions (chosen
//!   at run time), where the compiler turns each `[f64; 4]` operation into
//!   one 256-bit instruction.
//!
//! Explicit 128-bit intrinsics rather than `[f64; 4]` for SSE2 and SIMD128:
//! the compiler's automatic vectorisation of the array form split it over
//! two registers with lanes shuffled around, at a third of the speed.
//! `_mm256_*` intrinsics cannot serve AVX2: trait methods cannot carry
//! `#[target_feature]`, so the intrinsics would stay out-of-line calls.
//!
//! # Transcendentals
//!
//! [`Lanes::exp`] and [`Lanes::ln`] are lane-wise ports of `libm::exp` and
//! `libm::log` (FreeBSD's `e_exp.c` and `e_log.c`): the same operations in
//! the same order, with branches turned into selects, so every lane is
//! bit-identical to the scalar `libm` call (tested below). Vectors with a
//! lane outside the common range (non-finite, subnormal, `|x| ≥ 708.39` for
//! `exp`) go through scalar `libm` instead.

use core::ops::{Add, Div, Mul, Sub};

/// Lanes per vector.
pub(crate) const LANES: usize = 4;

/// Four lanes' values in memory, aligned for vector loads.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C, align(32))]
pub(crate) struct Quad(pub [f64; LANES]);

/// Lane-wise `f64` arithmetic on some number of lanes: what the
/// transcendentals ([`exp_fast`], [`ln_fast`]) are written in, so that they
/// run on one [`Lanes`] vector or on several together ([`Wide`]).
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

/// A vector of four `f64` lanes, one example per lane, and how it moves
/// between registers and memory.
pub(crate) trait Lanes: Vector {
    fn from_array(a: [f64; LANES]) -> Self;
    fn to_array(self) -> [f64; LANES];

    /// Placed at the end of a kernel loop's body: keeps the compiler from
    /// vectorising the loop across its iterations (which it does for
    /// [`Scalar`] and which shuffles lanes around) so that it vectorises
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
    /// constants and range checks. Measured with the cost's
    /// [`Lanes::ln_all`]: He lab in Chromium 265 → 247 ms.
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

/// `N` vectors as one: every operation applied to each in turn, so a
/// computation written for one [`Vector`] (`exp`, `log`) runs on `N` of
/// them step by step. Lane-wise like everything here: each vector's bits
/// are those of the one-vector computation (tested below).
#[derive(Clone, Copy)]
pub(crate) struct Wide<V, const N: usize>(pub [V; N]);

impl<V: Vector, const N: usize> Wide<V, N> {
    #[inline(always)]
    fn map(self, f: impl Fn(V) -> V) -> Self {
        Wide(self.0.map(f))
    }

    #[inline(always)]
    fn zip(self, o: Self, f: impl Fn(V, V) -> V) -> Self {
        Wide(core::array::from_fn(|i| f(self.0[i], o.0[i])))
    }
}

impl<V: Vector, const N: usize> Vector for Wide<V, N> {
    #[inline(always)]
    fn splat(v: f64) -> Self {
        Wide([V::splat(v); N])
    }
    #[inline(always)]
    fn lt(self, o: Self) -> Self {
        self.zip(o, V::lt)
    }
    #[inline(always)]
    fn le(self, o: Self) -> Self {
        self.zip(o, V::le)
    }
    #[inline(always)]
    fn gt(self, o: Self) -> Self {
        self.zip(o, V::gt)
    }
    #[inline(always)]
    fn ge(self, o: Self) -> Self {
        self.zip(o, V::ge)
    }
    #[inline(always)]
    fn all(self) -> bool {
        let mut all = self.0[0];
        for v in &self.0[1..] {
            all = all.bits_and(*v);
        }
        all.all()
    }
    #[inline(always)]
    fn bits_and(self, o: Self) -> Self {
        self.zip(o, V::bits_and)
    }
    #[inline(always)]
    fn bits_andnot(self, o: Self) -> Self {
        self.zip(o, V::bits_andnot)
    }
    #[inline(always)]
    fn bits_or(self, o: Self) -> Self {
        self.zip(o, V::bits_or)
    }
    #[inline(always)]
    fn bits_xor(self, o: Self) -> Self {
        self.zip(o, V::bits_xor)
    }
    #[inline(always)]
    fn bits_add(self, o: Self) -> Self {
        self.zip(o, V::bits_add)
    }
    #[inline(always)]
    fn bits_shl52(self) -> Self {
        self.map(V::bits_shl52)
    }
    #[inline(always)]
    fn bits_shr52(self) -> Self {
        self.map(V::bits_shr52)
    }
}

macro_rules! wide_arith {
    ($t:ident, $m:ident) => {
        impl<V: Vector, const N: usize> $t for Wide<V, N> {
            type Output = Self;
            #[inline(always)]
            fn $m(self, o: Self) -> Self {
                self.zip(o, V::$m)
            }
        }
    };
}
wide_arith!(Add, add);
wide_arith!(Sub, sub);
wide_arith!(Mul, mul);
wide_arith!(Div, div);

/// `[f64; 4]`: the reference backend (and the one for other targets).
#[cfg_attr(any(target_arch = "x86_64", target_arch = "wasm32"), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Scalar(pub [f64; LANES]);

#[cfg_attr(any(target_arch = "x86_64", target_arch = "wasm32"), allow(dead_code))]
mod scalar {
    use super::*;

    #[inline(always)]
    fn zip(a: Scalar, b: Scalar, f: impl Fn(f64, f64) -> f64) -> Scalar {
        let (a, b) = (a.0, b.0);
        Scalar([f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3])])
    }

    #[inline(always)]
    fn zip_bits(a: Scalar, b: Scalar, f: impl Fn(u64, u64) -> u64) -> Scalar {
        zip(a, b, |x, y| f64::from_bits(f(x.to_bits(), y.to_bits())))
    }

    #[inline(always)]
    fn mask(c: bool) -> f64 {
        f64::from_bits(if c { u64::MAX } else { 0 })
    }

    impl Lanes for Scalar {
        #[inline(always)]
        fn end_of_iteration() {
            core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
        }
        #[inline(always)]
        fn from_array(a: [f64; LANES]) -> Self {
            Scalar(a)
        }
        #[inline(always)]
        fn to_array(self) -> [f64; LANES] {
            self.0
        }
    }

    impl Vector for Scalar {
        #[inline(always)]
        fn splat(v: f64) -> Self {
            Scalar([v; LANES])
        }
        #[inline(always)]
        fn lt(self, o: Self) -> Self {
            zip(self, o, |a, b| mask(a < b))
        }
        #[inline(always)]
        fn le(self, o: Self) -> Self {
            zip(self, o, |a, b| mask(a <= b))
        }
        #[inline(always)]
        fn gt(self, o: Self) -> Self {
            zip(self, o, |a, b| mask(a > b))
        }
        #[inline(always)]
        fn ge(self, o: Self) -> Self {
            zip(self, o, |a, b| mask(a >= b))
        }
        #[inline(always)]
        fn all(self) -> bool {
            self.0.iter().all(|v| v.to_bits() != 0)
        }
        #[inline(always)]
        fn bits_and(self, o: Self) -> Self {
            zip_bits(self, o, |a, b| a & b)
        }
        #[inline(always)]
        fn bits_andnot(self, o: Self) -> Self {
            zip_bits(self, o, |a, b| a & !b)
        }
        #[inline(always)]
        fn bits_or(self, o: Self) -> Self {
            zip_bits(self, o, |a, b| a | b)
        }
        #[inline(always)]
        fn bits_xor(self, o: Self) -> Self {
            zip_bits(self, o, |a, b| a ^ b)
        }
        #[inline(always)]
        fn bits_add(self, o: Self) -> Self {
            zip_bits(self, o, u64::wrapping_add)
        }
        #[inline(always)]
        fn bits_shl52(self) -> Self {
            zip_bits(self, self, |a, _| a << 52)
        }
        #[inline(always)]
        fn bits_shr52(self) -> Self {
            zip_bits(self, self, |a, _| a >> 52)
        }
    }

    macro_rules! arith {
        ($t:ident, $m:ident, $op:tt) => {
            impl $t for Scalar {
                type Output = Scalar;
                #[inline(always)]
                fn $m(self, o: Scalar) -> Scalar {
                    zip(self, o, |a, b| a $op b)
                }
            }
        };
    }
    arith!(Add, add, +);
    arith!(Sub, sub, -);
    arith!(Mul, mul, *);
    arith!(Div, div, /);
}

#[cfg(target_arch = "x86_64")]
pub(crate) use x86::Sse2;

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::*;
    use core::arch::x86_64::*;

    /// Two SSE2 registers (SSE2 is part of the x86_64 baseline, so these
    /// intrinsics are always available).
    #[derive(Clone, Copy, Debug)]
    pub(crate) struct Sse2(__m128d, __m128d);

    macro_rules! both {
        ($f:ident, $a:expr, $b:expr) => {
            // SAFETY: SSE2 is always available on x86_64.
            unsafe { Sse2($f($a.0, $b.0), $f($a.1, $b.1)) }
        };
    }

    macro_rules! both_int {
        ($f:path, $a:expr $(, $b:expr)?) => {
            // SAFETY: SSE2 is always available on x86_64.
            unsafe {
                Sse2(
                    _mm_castsi128_pd($f(_mm_castpd_si128($a.0) $(, _mm_castpd_si128($b.0))?)),
                    _mm_castsi128_pd($f(_mm_castpd_si128($a.1) $(, _mm_castpd_si128($b.1))?)),
                )
            }
        };
    }

    impl Lanes for Sse2 {
        #[inline(always)]
        fn from_array(a: [f64; LANES]) -> Self {
            // SAFETY: SSE2; the loads read the array's four values.
            unsafe { Sse2(_mm_loadu_pd(a.as_ptr()), _mm_loadu_pd(a.as_ptr().add(2))) }
        }
        #[inline(always)]
        fn to_array(self) -> [f64; LANES] {
            let mut a = [0.0; LANES];
            // SAFETY: SSE2; the stores write the array's four values.
            unsafe {
                _mm_storeu_pd(a.as_mut_ptr(), self.0);
                _mm_storeu_pd(a.as_mut_ptr().add(2), self.1);
            }
            a
        }
    }

    impl Vector for Sse2 {
        #[inline(always)]
        fn splat(v: f64) -> Self {
            // SAFETY: SSE2 is always available on x86_64.
            let r = unsafe { _mm_set1_pd(v) };
            Sse2(r, r)
        }
        #[inline(always)]
        fn lt(self, o: Self) -> Self {
            both!(_mm_cmplt_pd, self, o)
        }
        #[inline(always)]
        fn le(self, o: Self) -> Self {
            both!(_mm_cmple_pd, self, o)
        }
        #[inline(always)]
        fn gt(self, o: Self) -> Self {
            both!(_mm_cmpgt_pd, self, o)
        }
        #[inline(always)]
        fn ge(self, o: Self) -> Self {
            both!(_mm_cmpge_pd, self, o)
        }
        #[inline(always)]
        fn all(self) -> bool {
            // SAFETY: SSE2 is always available on x86_64.
            unsafe { _mm_movemask_pd(_mm_and_pd(self.0, self.1)) == 3 }
        }
        #[inline(always)]
        fn bits_and(self, o: Self) -> Self {
            both!(_mm_and_pd, self, o)
        }
        #[inline(always)]
        fn bits_andnot(self, o: Self) -> Self {
            both!(_mm_andnot_pd, o, self)
        }
        #[inline(always)]
        fn bits_or(self, o: Self) -> Self {
            both!(_mm_or_pd, self, o)
        }
        #[inline(always)]
        fn bits_xor(self, o: Self) -> Self {
            both!(_mm_xor_pd, self, o)
        }
        #[inline(always)]
        fn bits_add(self, o: Self) -> Self {
            both_int!(_mm_add_epi64, self, o)
        }
        #[inline(always)]
        fn bits_shl52(self) -> Self {
            both_int!(_mm_slli_epi64::<52>, self)
        }
        #[inline(always)]
        fn bits_shr52(self) -> Self {
            both_int!(_mm_srli_epi64::<52>, self)
        }
    }

    macro_rules! arith {
        ($t:ident, $m:ident, $f:ident) => {
            impl $t for Sse2 {
                type Output = Sse2;
                #[inline(always)]
                fn $m(self, o: Sse2) -> Sse2 {
                    both!($f, self, o)
                }
            }
        };
    }
    arith!(Add, add, _mm_add_pd);
    arith!(Sub, sub, _mm_sub_pd);
    arith!(Mul, mul, _mm_mul_pd);
    arith!(Div, div, _mm_div_pd);
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) use wasm::Simd128;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use super::*;
    use core::arch::wasm32::*;

    /// Two wasm SIMD128 registers.
    #[derive(Clone, Copy, Debug)]
    pub(crate) struct Simd128(v128, v128);

    macro_rules! both {
        ($f:ident, $a:expr, $b:expr) => {
            Simd128($f($a.0, $b.0), $f($a.1, $b.1))
        };
    }

    impl Lanes for Simd128 {
        #[inline(always)]
        fn from_array(a: [f64; LANES]) -> Self {
            let p = a.as_ptr() as *const v128;
            // SAFETY: the array holds 32 readable bytes (wasm loads need no
            // alignment).
            unsafe { Simd128(v128_load(p), v128_load(p.add(1))) }
        }
        #[inline(always)]
        fn to_array(self) -> [f64; LANES] {
            let mut a = [0.0; LANES];
            let p = a.as_mut_ptr() as *mut v128;
            // SAFETY: the array holds 32 writable bytes.
            unsafe {
                v128_store(p, self.0);
                v128_store(p.add(1), self.1);
            }
            a
        }
        #[inline(always)]
        fn load_slice(s: &[f64]) -> Self {
            let s = &s[..LANES];
            let p = s.as_ptr() as *const v128;
            // SAFETY: `s` has four values, 32 readable bytes.
            unsafe { Simd128(v128_load(p), v128_load(p.add(1))) }
        }
        #[inline(always)]
        fn load(q: &Quad) -> Self {
            let p = q.0.as_ptr() as *const v128;
            // SAFETY: a Quad holds 32 readable bytes (wasm loads need no
            // alignment).
            unsafe { Simd128(v128_load(p), v128_load(p.add(1))) }
        }
        #[inline(always)]
        fn store(self, q: &mut Quad) {
            let p = q.0.as_mut_ptr() as *mut v128;
            // SAFETY: a Quad holds 32 writable bytes.
            unsafe {
                v128_store(p, self.0);
                v128_store(p.add(1), self.1);
            }
        }
    }

    impl Vector for Simd128 {
        #[inline(always)]
        fn splat(v: f64) -> Self {
            let r = f64x2_splat(v);
            Simd128(r, r)
        }
        #[inline(always)]
        fn lt(self, o: Self) -> Self {
            both!(f64x2_lt, self, o)
        }
        #[inline(always)]
        fn le(self, o: Self) -> Self {
            both!(f64x2_le, self, o)
        }
        #[inline(always)]
        fn gt(self, o: Self) -> Self {
            both!(f64x2_gt, self, o)
        }
        #[inline(always)]
        fn ge(self, o: Self) -> Self {
            both!(f64x2_ge, self, o)
        }
        #[inline(always)]
        fn all(self) -> bool {
            i64x2_all_true(v128_and(self.0, self.1))
        }
        #[inline(always)]
        fn bits_and(self, o: Self) -> Self {
            both!(v128_and, self, o)
        }
        #[inline(always)]
        fn bits_andnot(self, o: Self) -> Self {
            both!(v128_andnot, self, o)
        }
        #[inline(always)]
        fn bits_or(self, o: Self) -> Self {
            both!(v128_or, self, o)
        }
        #[inline(always)]
        fn bits_xor(self, o: Self) -> Self {
            both!(v128_xor, self, o)
        }
        #[inline(always)]
        fn bits_add(self, o: Self) -> Self {
            both!(i64x2_add, self, o)
        }
        #[inline(always)]
        fn bits_shl52(self) -> Self {
            Simd128(i64x2_shl(self.0, 52), i64x2_shl(self.1, 52))
        }
        #[inline(always)]
        fn bits_shr52(self) -> Self {
            Simd128(u64x2_shr(self.0, 52), u64x2_shr(self.1, 52))
        }
    }

    macro_rules! arith {
        ($t:ident, $m:ident, $f:ident) => {
            impl $t for Simd128 {
                type Output = Simd128;
                #[inline(always)]
                fn $m(self, o: Simd128) -> Simd128 {
                    both!($f, self, o)
                }
            }
        };
    }
    arith!(Add, add, f64x2_add);
    arith!(Sub, sub, f64x2_sub);
    arith!(Mul, mul, f64x2_mul);
    arith!(Div, div, f64x2_div);
}

/// The portable backend of this target: what code without a run-time CPU
/// check uses (the cost, the tests).
#[cfg(target_arch = "x86_64")]
pub(crate) type V4 = Sse2;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) type V4 = Simd128;
#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
pub(crate) type V4 = Scalar;

/// `2^52`, and `1.5·2^52` (adding it rounds a small double to an integer).
const TWO52: f64 = 4_503_599_627_370_496.0;
const ROUNDER: f64 = 6_755_399_441_055_744.0;

// libm::exp's constants (e_exp.c, written as their bits there) and
// thresholds on |x| (its high word hx).
const EXP_FAST_LIMIT: f64 = f64::from_bits(0x4086_232b_0000_0000); // hx < 0x4086232b
const EXP_K_ROUNDED: f64 = f64::from_bits(0x3ff0_a2b2_0000_0000); // hx >= 0x3ff0a2b2
const EXP_K_ONE: f64 = f64::from_bits(0x3fd6_2e43_0000_0000); // hx > 0x3fd62e42
const EXP_NOT_TINY: f64 = f64::from_bits(0x3e30_0001_0000_0000); // hx > 0x3e300000
const LN2HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
const INVLN2: f64 = f64::from_bits(0x3ff7_1547_652b_82fe);
const P1: f64 = f64::from_bits(0x3fc5_5555_5555_553e);
const P2: f64 = f64::from_bits(0xbf66_c16c_16be_bd93);
const P3: f64 = f64::from_bits(0x3f11_566a_af25_de2c);
const P4: f64 = f64::from_bits(0xbebb_bd41_c5d2_6bf1);
const P5: f64 = f64::from_bits(0x3e66_3769_72be_a4d0);

/// `libm::exp` for lanes with `|x| < 708.39`, where `2^k` is a normal
/// number and `scalbn(y, k)` is the single product `y·2^k`.
#[inline(always)]
fn exp_fast<L: Vector>(x: L) -> L {
    let ax = x.abs();
    let sign = x.bits_and(L::splat(-0.0));
    let sign_half = sign.bits_or(L::splat(0.5)); // ±0.5
    let sign_one = sign.bits_or(L::splat(1.0)); // ±1
                                                // |x| ≥ 1.5·ln2: k = (int)(INVLN2·x ± 0.5), truncated toward zero;
                                                // 0.5·ln2 < |x| < 1.5·ln2: k = ±1; otherwise k = 0.
    let k_rounded = trunc_small(L::splat(INVLN2) * x + sign_half);
    let k = L::select(
        ax.ge(L::splat(EXP_K_ROUNDED)),
        k_rounded,
        L::select(ax.ge(L::splat(EXP_K_ONE)), sign_one, L::zero()),
    );
    // With k = 0 these are libm's hi = x, lo = 0 (and x stays x).
    let hi = x - k * L::splat(LN2HI);
    let lo = k * L::splat(LN2LO);
    let r = hi - lo;
    let xx = r * r;
    let c = r - xx
        * (L::splat(P1)
            + xx * (L::splat(P2) + xx * (L::splat(P3) + xx * (L::splat(P4) + xx * L::splat(P5)))));
    let y = L::splat(1.0) + (r * c / (L::splat(2.0) - c) - lo + hi);
    // 2^k: k + 1023 lands in the low mantissa bits of k + 1023 + 2^52.
    let scale = (k + L::splat(1023.0 + TWO52)).bits_shl52();
    // |x| ≤ 2^-28: libm returns 1 + x.
    L::select(ax.ge(L::splat(EXP_NOT_TINY)), y * scale, L::splat(1.0) + x)
}

/// `trunc(t)` for `|t| < 2^51`, exactly: `copysign(floor(|t|), t)`.
#[inline(always)]
fn trunc_small<L: Vector>(t: L) -> L {
    let a = t.abs();
    let r = (a + L::splat(ROUNDER)) - L::splat(ROUNDER); // nearest integer
    let f = L::select(r.gt(a), r - L::splat(1.0), r); // floor(|t|)
    f.bits_or(t.bits_and(L::splat(-0.0)))
}

// libm::log's constants (e_log.c, as their bits).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593);
const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04);
const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359);
const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af);
const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de);
const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f);
const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244);

/// `libm::log` for positive, normal, finite lanes.
#[inline(always)]
fn ln_fast<L: Vector>(x: L) -> L {
    let bits = |b: u64| L::splat(f64::from_bits(b));
    // Reduce x into [sqrt(2)/2, sqrt(2)]: libm works on the high word hx:
    // hx += 0x3ff00000 - 0x3fe6a09e; k = (hx >> 20) - 0x3ff;
    // hx = (hx & 0x000fffff) + 0x3fe6a09e; the low word is kept.
    let ui = x.bits_add(bits((0x3ff0_0000u64 - 0x3fe6_a09e) << 32));
    let e = ui.bits_shr52(); // k + 0x3ff
    let m = ui
        .bits_and(bits(0x000f_ffff_ffff_ffff))
        .bits_add(bits(0x3fe6_a09eu64 << 32));
    // k as f64, exactly: e sits in the mantissa of 2^52 + e.
    let dk = (e.bits_or(L::splat(TWO52)) - L::splat(TWO52)) - L::splat(1023.0);

    let f = m - L::splat(1.0);
    let hfsq = L::splat(0.5) * f * f;
    let s = f / (L::splat(2.0) + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (L::splat(LG2) + w * (L::splat(LG4) + w * L::splat(LG6)));
    let t2 = z * (L::splat(LG1) + w * (L::splat(LG3) + w * (L::splat(LG5) + w * L::splat(LG7))));
    let r = t2 + t1;
    s * (hfsq + r) + dk * L::splat(LN2_LO) - hfsq + f + dk * L::splat(LN2_HI)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::rng::NumpyRng;

    /// Applies `op` to every chunk of four with backend `L` and compares
    /// with `want` lane by lane, bit for bit.
    fn check<L: Lanes>(
        backend: &str,
        name: &str,
        xs: &[f64],
        op: fn(L) -> L,
        want: fn(f64) -> f64,
    ) {
        for chunk in xs.chunks_exact(4) {
            let got = op(L::load_slice(chunk)).to_array();
            for (lane, &x) in chunk.iter().enumerate() {
                let w = want(x);
                assert!(
                    got[lane].to_bits() == w.to_bits() || (got[lane].is_nan() && w.is_nan()),
                    "{backend} {name}({x:e}): {:e} vs {w:e}",
                    got[lane]
                );
            }
        }
    }

    macro_rules! every_backend {
        ($name:expr, $xs:expr, |$v:ident| $body:expr, $want:expr) => {{
            fn op<L: Lanes>($v: L) -> L {
                $body
            }
            check::<Scalar>("scalar", $name, $xs, op::<Scalar>, $want);
            check::<V4>("portable", $name, $xs, op::<V4>, $want);
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx2") {
                #[target_feature(enable = "avx2")]
                fn with_avx2(xs: &[f64], want: fn(f64) -> f64) {
                    check::<Scalar>("avx2", $name, xs, op::<Scalar>, want);
                }
                // SAFETY: the CPU has AVX2 (checked above).
                unsafe { with_avx2($xs, $want) };
            }
        }};
    }

    /// Values across every branch of the two algorithms, plus random ones
    /// with magnitudes `2^(-scale/2) .. 2^(scale/2)`.
    fn inputs(scale: u32, n: usize) -> Vec<f64> {
        let mut rng = NumpyRng::new(5);
        let mut xs = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            2.0,
            1e-300,
            -1e-300,
            3e-9,
            -3e-9,
            3.725_290_298_4e-9,
            0.346_573_590_279_972_6,
            -0.346_573_590_279_972_6,
            0.346_573_590_279_972_64,
            1.039_720_770_839_917_9,
            -1.039_720_770_839_917_9,
            1.039_720_770_839_918,
            700.0,
            -700.0,
            708.3,
            -708.3,
            708.39,
            708.4,
            -708.4,
            709.0,
            709.8,
            -745.2,
            -740.0,
            1000.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            f64::MIN_POSITIVE,
            f64::MIN_POSITIVE / 3.0,
            f64::MAX,
            std::f64::consts::SQRT_2,
            std::f64::consts::FRAC_1_SQRT_2,
            1.0 - f64::EPSILON,
            1.0 + f64::EPSILON,
        ];
        for _ in 0..n {
            let mag = 2f64.powi(rng.interval(scale) as i32 - scale as i32 / 2);
            let sign = if rng.rand() < 0.5 { -1.0 } else { 1.0 };
            xs.push(sign * rng.rand() * mag);
        }
        while xs.len() % 4 != 0 {
            xs.push(0.25);
        }
        xs
    }

    #[test]
    fn exp_is_libm_bit_for_bit() {
        every_backend!("exp", &inputs(24, 100_000), |v| v.exp(), libm::exp);
        // Fast-path lanes only (no vector falls back to libm).
        let fast: Vec<f64> = inputs(20, 100_000)
            .into_iter()
            .filter(|x| x.abs() < 708.0)
            .collect();
        let n = fast.len() / 4 * 4;
        every_backend!("exp", &fast[..n], |v| v.exp(), libm::exp);
    }

    #[test]
    fn ln_is_libm_bit_for_bit() {
        let xs: Vec<f64> = inputs(60, 100_000).into_iter().map(f64::abs).collect();
        every_backend!("ln", &xs, |v| v.ln(), libm::log);
        every_backend!("ln", &inputs(8, 1000), |v| v.ln(), libm::log);
        // Sigmoid outputs and their complements: the cost's inputs.
        let mut rng = NumpyRng::new(9);
        let near: Vec<f64> = (0..50_000)
            .map(|_| crate::numeric::math::sigmoid(40.0 * rng.rand() - 20.0))
            .flat_map(|a| [a, 1.0 - a])
            .collect();
        every_backend!("ln", &near, |v| v.ln(), libm::log);
    }

    #[test]
    fn sigmoid_relu_and_arithmetic_match_the_scalar_forms() {
        every_backend!(
            "sigmoid",
            &inputs(12, 50_000),
            |v| v.sigmoid(),
            crate::numeric::math::sigmoid
        );
        let xs = [
            -0.0,
            0.0,
            -1.0,
            5e-324,
            2.0,
            -f64::INFINITY,
            1e-310,
            f64::NAN,
        ];
        every_backend!("relu", &xs, |v| v.relu(), |z| if z < 0.0 { 0.0 } else { z });
        let xs = inputs(40, 4000);
        every_backend!(
            "arithmetic",
            &xs,
            |v| {
                let w = v * Vector::splat(1.5) - Vector::splat(0.25);
                let q = (v + w) / (w - v) * v;
                Vector::select(q.lt(w), q, Vector::select(v.ge(w), v.abs(), w.neg()))
                    + Vector::select(q.le(v), q, Vector::select(q.gt(w), v, w))
            },
            |v| {
                let w = v * 1.5 - 0.25;
                let q = (v + w) / (w - v) * v;
                (if q < w {
                    q
                } else if v >= w {
                    v.abs()
                } else {
                    -w
                }) + (if q <= v {
                    q
                } else if q > w {
                    v
                } else {
                    w
                })
            }
        );
    }

    /// Like `check`, four vectors (16 values) at a time through `op`.
    fn check_wide<L: Lanes>(
        name: &str,
        xs: &[f64],
        op: fn([L; 4]) -> [L; 4],
        want: fn(f64) -> f64,
    ) {
        for chunk in xs.chunks_exact(16) {
            let got = op(core::array::from_fn(|i| L::load_slice(&chunk[4 * i..])));
            let got = got.iter().flat_map(|v| v.to_array());
            for (g, &x) in got.zip(chunk) {
                let w = want(x);
                assert!(
                    g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()),
                    "{name}({x:e}): {g:e} vs {w:e}"
                );
            }
        }
    }

    #[test]
    fn sigmoid_and_ln_of_several_vectors_match_one_at_a_time() {
        // Mostly fast-path chunks, some with a lane that takes libm.
        let zs = inputs(12, 20_000);
        check_wide::<Scalar>(
            "sigmoid_all",
            &zs,
            Scalar::sigmoid_all,
            crate::numeric::math::sigmoid,
        );
        check_wide::<V4>(
            "sigmoid_all",
            &zs,
            V4::sigmoid_all,
            crate::numeric::math::sigmoid,
        );
        let mut big = zs.clone();
        big[5] = 800.0;
        big[40] = f64::NAN;
        check_wide::<V4>(
            "sigmoid_all",
            &big,
            V4::sigmoid_all,
            crate::numeric::math::sigmoid,
        );
        let xs: Vec<f64> = inputs(60, 20_000).into_iter().map(f64::abs).collect();
        check_wide::<Scalar>("ln_all", &xs, Scalar::ln_all, libm::log);
        check_wide::<V4>("ln_all", &xs, V4::ln_all, libm::log);
    }

    #[test]
    fn trunc_small_truncates_toward_zero() {
        let xs = [
            -2.5, -2.0, -1.9999, -0.5, -0.0, 0.0, 0.49, 0.5, 1.0, 1.5, 2.5, 1022.9, -1022.9, 3.0,
            -3.0, 7.99999,
        ];
        every_backend!("trunc", &xs, |v| trunc_small(v), f64::trunc);
    }
}
