//! Four `f64` lanes, one example per lane: the unit of work of the fused
//! training and prediction kernels (see `network.rs`).
//!
//! # Determinism
//!
//! Every operation here is lane-wise IEEE arithmetic (`+ - * /`, compare,
//! select, bit moves), so a lane's result does not depend on how many lanes
//! the target computes at once: the scalar backend, SSE2 and wasm SIMD128
//! give the same bits (NaN payloads aside, which IEEE leaves open). There
//! are no horizontal operations here, no fused multiply-adds and no
//! reassociation: callers decide every summation order.
//!
//! # Backends
//!
//! - x86_64: two SSE2 `__m128d` (SSE2 is part of the x86_64 baseline);
//! - wasm32 with `+simd128` (`.cargo/config.toml` turns it on; every
//!   current browser runs it): two `v128`;
//! - anything else: `[f64; 4]` (the [`scalar`] backend, which the tests
//!   also run next to the native one).
//!
//! Explicit intrinsics rather than `[f64; 4]` everywhere: the compiler's
//! automatic vectorisation of the array form shuffled lanes around in the
//! fused kernels and ran at a third of the speed.
//!
//! # Transcendentals
//!
//! [`V4::exp`] and [`V4::ln`] are lane-wise ports of `libm::exp` and
//! `libm::log` (FreeBSD's `e_exp.c` and `e_log.c`): the same operations in
//! the same order, with branches turned into selects, so every lane is
//! bit-identical to the scalar `libm` call (tested below). Vectors with a
//! lane outside the common range (non-finite, subnormal, `|x| ≥ 708.39` for
//! `exp`) go through scalar `libm` instead.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) use wasm::V4;
#[cfg(target_arch = "x86_64")]
pub(crate) use x86::V4;

#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
pub(crate) use scalar::V4;

/// Lanes per vector.
pub(crate) const LANES: usize = 4;

/// The operations every backend provides, with the same lane semantics.
/// Comparisons return masks: all-ones lanes for true, zeros for false.
macro_rules! common_ops {
    ($($paths:tt)*) => {
        pub const ZERO: V4 = V4::ZERO_;

        /// The first four values of `s`.
        #[inline(always)]
        pub fn load(s: &[f64]) -> V4 {
            let s: &[f64; 4] = s[..4].try_into().unwrap();
            V4::from_array(*s)
        }

        /// The first `n ≤ 4` values of `s`, the other lanes `fill`.
        #[inline]
        pub fn load_partial(s: &[f64], n: usize, fill: f64) -> V4 {
            let mut a = [fill; 4];
            a[..n].copy_from_slice(&s[..n]);
            V4::from_array(a)
        }

        /// Writes the four lanes to `s[..4]`.
        #[inline(always)]
        pub fn store(self, s: &mut [f64]) {
            s[..4].copy_from_slice(&self.to_array());
        }

        /// `m ? a : b` per lane (`m` from a comparison).
        #[inline(always)]
        pub fn select(m: V4, a: V4, b: V4) -> V4 {
            a.bits_and(m).bits_or(b.bits_andnot(m))
        }

        /// `|x|` (clears the sign bit).
        #[inline(always)]
        pub fn abs(self) -> V4 {
            self.bits_andnot(V4::splat(-0.0))
        }

        /// `-x` (flips the sign bit, as Rust's unary minus does).
        #[inline(always)]
        pub fn neg(self) -> V4 {
            self.bits_xor(V4::splat(-0.0))
        }

        /// The ReLU as the course writes it, `np.maximum(0, z)` with NaN
        /// kept: `z < 0 ? 0 : z` (so `-0.0` and NaN pass through).
        #[inline(always)]
        pub fn relu(self) -> V4 {
            self.bits_andnot(self.lt(V4::ZERO))
        }

        /// Applies `f` to each lane (the scalar fallback).
        #[inline]
        pub fn map(self, f: impl Fn(f64) -> f64) -> V4 {
            V4::from_array(self.to_array().map(f))
        }

        /// The lane-wise `libm::exp`, bit for bit.
        #[inline(always)]
        pub fn exp(self) -> V4 {
            // |x| < 708.39 (libm's high word below 0x4086232b); false for NaN.
            if !self.abs().lt(V4::splat(super::EXP_FAST_LIMIT)).all() {
                return self.map(libm::exp);
            }
            $($paths)*::exp_fast(self)
        }

        /// The lane-wise `libm::log`, bit for bit.
        #[inline(always)]
        pub fn ln(self) -> V4 {
            // Positive, normal and finite (false for NaN).
            let ok = self.ge(V4::splat(f64::MIN_POSITIVE)).bits_and(self.le(V4::splat(f64::MAX)));
            if !ok.all() {
                return self.map(libm::log);
            }
            $($paths)*::ln_fast(self)
        }

        /// `1 / (1 + exp(-z))` per lane: `math::sigmoid`, bit for bit.
        #[inline(always)]
        pub fn sigmoid(self) -> V4 {
            V4::splat(1.0) / (V4::splat(1.0) + self.neg().exp())
        }
    };
}

/// `[f64; 4]`: the reference backend (and the one for other targets).
#[allow(dead_code)]
pub(crate) mod scalar {
    use core::ops::{Add, Div, Mul, Sub};

    #[derive(Clone, Copy, Debug, Default, PartialEq)]
    #[repr(C, align(32))]
    pub struct V4(pub [f64; 4]);

    #[inline(always)]
    fn zip(a: V4, b: V4, f: impl Fn(f64, f64) -> f64) -> V4 {
        V4([
            f(a.0[0], b.0[0]),
            f(a.0[1], b.0[1]),
            f(a.0[2], b.0[2]),
            f(a.0[3], b.0[3]),
        ])
    }

    #[inline(always)]
    fn zip_bits(a: V4, b: V4, f: impl Fn(u64, u64) -> u64) -> V4 {
        zip(a, b, |x, y| f64::from_bits(f(x.to_bits(), y.to_bits())))
    }

    #[inline(always)]
    fn mask(c: bool) -> f64 {
        f64::from_bits(if c { u64::MAX } else { 0 })
    }

    impl V4 {
        const ZERO_: V4 = V4([0.0; 4]);

        #[inline(always)]
        pub fn splat(v: f64) -> V4 {
            V4([v; 4])
        }
        #[inline(always)]
        pub fn from_array(a: [f64; 4]) -> V4 {
            V4(a)
        }
        #[inline(always)]
        pub fn to_array(self) -> [f64; 4] {
            self.0
        }
        #[inline(always)]
        pub fn lt(self, o: V4) -> V4 {
            zip(self, o, |a, b| mask(a < b))
        }
        #[inline(always)]
        pub fn le(self, o: V4) -> V4 {
            zip(self, o, |a, b| mask(a <= b))
        }
        #[inline(always)]
        pub fn gt(self, o: V4) -> V4 {
            zip(self, o, |a, b| mask(a > b))
        }
        #[inline(always)]
        pub fn ge(self, o: V4) -> V4 {
            zip(self, o, |a, b| mask(a >= b))
        }
        /// True when every lane of a mask is set.
        #[inline(always)]
        pub fn all(self) -> bool {
            self.0.iter().all(|v| v.to_bits() != 0)
        }
        #[inline(always)]
        pub fn bits_and(self, o: V4) -> V4 {
            zip_bits(self, o, |a, b| a & b)
        }
        /// `self & !o`.
        #[inline(always)]
        pub fn bits_andnot(self, o: V4) -> V4 {
            zip_bits(self, o, |a, b| a & !b)
        }
        #[inline(always)]
        pub fn bits_or(self, o: V4) -> V4 {
            zip_bits(self, o, |a, b| a | b)
        }
        #[inline(always)]
        pub fn bits_xor(self, o: V4) -> V4 {
            zip_bits(self, o, |a, b| a ^ b)
        }
        /// Wrapping 64-bit integer addition of the bit patterns.
        #[inline(always)]
        pub fn bits_add(self, o: V4) -> V4 {
            zip_bits(self, o, u64::wrapping_add)
        }
        /// The bit patterns shifted left by 52.
        #[inline(always)]
        pub fn bits_shl52(self) -> V4 {
            zip_bits(self, self, |a, _| a << 52)
        }
        /// The bit patterns shifted right by 52 (logical).
        #[inline(always)]
        pub fn bits_shr52(self) -> V4 {
            zip_bits(self, self, |a, _| a >> 52)
        }
        common_ops!(super::scalar_paths);
    }

    macro_rules! arith {
        ($t:ident, $m:ident, $op:tt) => {
            impl $t for V4 {
                type Output = V4;
                #[inline(always)]
                fn $m(self, o: V4) -> V4 {
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

/// Two SSE2 registers.
#[cfg(target_arch = "x86_64")]
mod x86 {
    use core::arch::x86_64::*;
    use core::ops::{Add, Div, Mul, Sub};

    #[derive(Clone, Copy, Debug)]
    #[repr(C, align(32))]
    pub struct V4(__m128d, __m128d);

    // SAFETY (whole module): SSE2 is part of the x86_64 baseline, so these
    // intrinsics are always available; loads and stores go through arrays.
    macro_rules! both {
        ($f:ident, $a:expr) => {
            unsafe { V4($f($a.0), $f($a.1)) }
        };
        ($f:ident, $a:expr, $b:expr) => {
            unsafe { V4($f($a.0, $b.0), $f($a.1, $b.1)) }
        };
    }

    #[inline(always)]
    fn int(v: __m128d) -> __m128i {
        unsafe { _mm_castpd_si128(v) }
    }

    #[inline(always)]
    fn flt(v: __m128i) -> __m128d {
        unsafe { _mm_castsi128_pd(v) }
    }

    impl V4 {
        const ZERO_: V4 = V4(
            unsafe { core::mem::transmute::<[f64; 2], __m128d>([0.0; 2]) },
            unsafe { core::mem::transmute::<[f64; 2], __m128d>([0.0; 2]) },
        );

        #[inline(always)]
        pub fn splat(v: f64) -> V4 {
            let r = unsafe { _mm_set1_pd(v) };
            V4(r, r)
        }
        #[inline(always)]
        pub fn from_array(a: [f64; 4]) -> V4 {
            unsafe { V4(_mm_loadu_pd(a.as_ptr()), _mm_loadu_pd(a.as_ptr().add(2))) }
        }
        #[inline(always)]
        pub fn to_array(self) -> [f64; 4] {
            let mut a = [0.0; 4];
            unsafe {
                _mm_storeu_pd(a.as_mut_ptr(), self.0);
                _mm_storeu_pd(a.as_mut_ptr().add(2), self.1);
            }
            a
        }
        #[inline(always)]
        pub fn lt(self, o: V4) -> V4 {
            both!(_mm_cmplt_pd, self, o)
        }
        #[inline(always)]
        pub fn le(self, o: V4) -> V4 {
            both!(_mm_cmple_pd, self, o)
        }
        #[inline(always)]
        pub fn gt(self, o: V4) -> V4 {
            both!(_mm_cmpgt_pd, self, o)
        }
        #[inline(always)]
        pub fn ge(self, o: V4) -> V4 {
            both!(_mm_cmpge_pd, self, o)
        }
        /// True when every lane of a mask is set.
        #[inline(always)]
        pub fn all(self) -> bool {
            unsafe { _mm_movemask_pd(_mm_and_pd(self.0, self.1)) == 3 }
        }
        #[inline(always)]
        pub fn bits_and(self, o: V4) -> V4 {
            both!(_mm_and_pd, self, o)
        }
        /// `self & !o`.
        #[inline(always)]
        pub fn bits_andnot(self, o: V4) -> V4 {
            both!(_mm_andnot_pd, o, self)
        }
        #[inline(always)]
        pub fn bits_or(self, o: V4) -> V4 {
            both!(_mm_or_pd, self, o)
        }
        #[inline(always)]
        pub fn bits_xor(self, o: V4) -> V4 {
            both!(_mm_xor_pd, self, o)
        }
        /// Wrapping 64-bit integer addition of the bit patterns.
        #[inline(always)]
        pub fn bits_add(self, o: V4) -> V4 {
            unsafe {
                V4(
                    flt(_mm_add_epi64(int(self.0), int(o.0))),
                    flt(_mm_add_epi64(int(self.1), int(o.1))),
                )
            }
        }
        /// The bit patterns shifted left by 52.
        #[inline(always)]
        pub fn bits_shl52(self) -> V4 {
            unsafe {
                V4(
                    flt(_mm_slli_epi64::<52>(int(self.0))),
                    flt(_mm_slli_epi64::<52>(int(self.1))),
                )
            }
        }
        /// The bit patterns shifted right by 52 (logical).
        #[inline(always)]
        pub fn bits_shr52(self) -> V4 {
            unsafe {
                V4(
                    flt(_mm_srli_epi64::<52>(int(self.0))),
                    flt(_mm_srli_epi64::<52>(int(self.1))),
                )
            }
        }
        common_ops!(super);
    }

    macro_rules! arith {
        ($t:ident, $m:ident, $f:ident) => {
            impl $t for V4 {
                type Output = V4;
                #[inline(always)]
                fn $m(self, o: V4) -> V4 {
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

/// Two wasm SIMD128 registers.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use core::arch::wasm32::*;
    use core::ops::{Add, Div, Mul, Sub};

    #[derive(Clone, Copy, Debug)]
    #[repr(C, align(32))]
    pub struct V4(v128, v128);

    macro_rules! both {
        ($f:ident, $a:expr, $b:expr) => {
            V4($f($a.0, $b.0), $f($a.1, $b.1))
        };
    }

    impl V4 {
        const ZERO_: V4 = V4(f64x2(0.0, 0.0), f64x2(0.0, 0.0));

        #[inline(always)]
        pub fn splat(v: f64) -> V4 {
            let r = f64x2_splat(v);
            V4(r, r)
        }
        #[inline(always)]
        pub fn from_array(a: [f64; 4]) -> V4 {
            V4(f64x2(a[0], a[1]), f64x2(a[2], a[3]))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f64; 4] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
                f64x2_extract_lane::<0>(self.1),
                f64x2_extract_lane::<1>(self.1),
            ]
        }
        #[inline(always)]
        pub fn lt(self, o: V4) -> V4 {
            both!(f64x2_lt, self, o)
        }
        #[inline(always)]
        pub fn le(self, o: V4) -> V4 {
            both!(f64x2_le, self, o)
        }
        #[inline(always)]
        pub fn gt(self, o: V4) -> V4 {
            both!(f64x2_gt, self, o)
        }
        #[inline(always)]
        pub fn ge(self, o: V4) -> V4 {
            both!(f64x2_ge, self, o)
        }
        /// True when every lane of a mask is set.
        #[inline(always)]
        pub fn all(self) -> bool {
            i64x2_all_true(v128_and(self.0, self.1))
        }
        #[inline(always)]
        pub fn bits_and(self, o: V4) -> V4 {
            both!(v128_and, self, o)
        }
        /// `self & !o`.
        #[inline(always)]
        pub fn bits_andnot(self, o: V4) -> V4 {
            both!(v128_andnot, self, o)
        }
        #[inline(always)]
        pub fn bits_or(self, o: V4) -> V4 {
            both!(v128_or, self, o)
        }
        #[inline(always)]
        pub fn bits_xor(self, o: V4) -> V4 {
            both!(v128_xor, self, o)
        }
        /// Wrapping 64-bit integer addition of the bit patterns.
        #[inline(always)]
        pub fn bits_add(self, o: V4) -> V4 {
            both!(i64x2_add, self, o)
        }
        /// The bit patterns shifted left by 52.
        #[inline(always)]
        pub fn bits_shl52(self) -> V4 {
            V4(i64x2_shl(self.0, 52), i64x2_shl(self.1, 52))
        }
        /// The bit patterns shifted right by 52 (logical).
        #[inline(always)]
        pub fn bits_shr52(self) -> V4 {
            V4(u64x2_shr(self.0, 52), u64x2_shr(self.1, 52))
        }
        common_ops!(super);
    }

    macro_rules! arith {
        ($t:ident, $m:ident, $f:ident) => {
            impl $t for V4 {
                type Output = V4;
                #[inline(always)]
                fn $m(self, o: V4) -> V4 {
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

/// The body of the fast paths, written once for every backend.
macro_rules! fast_paths {
    ($V4:ty) => {
        /// `libm::exp` for lanes with `|x| < 708.39`, where `2^k` is a
        /// normal number and `scalbn(y, k)` is the single product `y·2^k`.
        #[inline(always)]
        pub(crate) fn exp_fast(x: $V4) -> $V4 {
            type V = $V4;
            let ax = x.abs();
            let sign = x.bits_and(V::splat(-0.0));
            let sign_half = sign.bits_or(V::splat(0.5)); // ±0.5
            let sign_one = sign.bits_or(V::splat(1.0)); // ±1
                                                        // |x| ≥ 1.5·ln2: k = (int)(INVLN2·x ± 0.5), truncated toward zero;
                                                        // 0.5·ln2 < |x| < 1.5·ln2: k = ±1; otherwise k = 0.
            let k_rounded = trunc_small(V::splat(INVLN2) * x + sign_half);
            let k = V::select(
                ax.ge(V::splat(EXP_K_ROUNDED)),
                k_rounded,
                V::select(ax.ge(V::splat(EXP_K_ONE)), sign_one, V::ZERO),
            );
            // With k = 0 these are libm's hi = x, lo = 0 (and x stays x).
            let hi = x - k * V::splat(LN2HI);
            let lo = k * V::splat(LN2LO);
            let r = hi - lo;
            let xx = r * r;
            let c = r - xx
                * (V::splat(P1)
                    + xx * (V::splat(P2)
                        + xx * (V::splat(P3) + xx * (V::splat(P4) + xx * V::splat(P5)))));
            let y = V::splat(1.0) + (r * c / (V::splat(2.0) - c) - lo + hi);
            // 2^k: k + 1023 lands in the low mantissa bits of k + 1023 + 2^52.
            let scale = (k + V::splat(1023.0 + TWO52)).bits_shl52();
            // |x| ≤ 2^-28: libm returns 1 + x.
            V::select(ax.ge(V::splat(EXP_NOT_TINY)), y * scale, V::splat(1.0) + x)
        }

        /// `trunc(t)` for `|t| < 2^51`, exactly: `copysign(floor(|t|), t)`.
        #[inline(always)]
        pub(crate) fn trunc_small(t: $V4) -> $V4 {
            type V = $V4;
            let a = t.abs();
            let r = (a + V::splat(ROUNDER)) - V::splat(ROUNDER); // nearest integer
            let f = V::select(r.gt(a), r - V::splat(1.0), r); // floor(|t|)
            f.bits_or(t.bits_and(V::splat(-0.0)))
        }

        /// `libm::log` for positive, normal, finite lanes.
        #[inline(always)]
        pub(crate) fn ln_fast(x: $V4) -> $V4 {
            type V = $V4;
            let bits = |b: u64| V::splat(f64::from_bits(b));
            // Reduce x into [sqrt(2)/2, sqrt(2)]: libm works on the high
            // word hx: hx += 0x3ff00000 - 0x3fe6a09e; k = (hx >> 20) - 0x3ff;
            // hx = (hx & 0x000fffff) + 0x3fe6a09e; the low word is kept.
            let ui = x.bits_add(bits((0x3ff0_0000u64 - 0x3fe6_a09e) << 32));
            let e = ui.bits_shr52(); // k + 0x3ff
            let m = ui
                .bits_and(bits(0x000f_ffff_ffff_ffff))
                .bits_add(bits(0x3fe6_a09eu64 << 32));
            // k as f64, exactly: e sits in the mantissa of 2^52 + e.
            let dk = (e.bits_or(V::splat(TWO52)) - V::splat(TWO52)) - V::splat(1023.0);

            let f = m - V::splat(1.0);
            let hfsq = V::splat(0.5) * f * f;
            let s = f / (V::splat(2.0) + f);
            let z = s * s;
            let w = z * z;
            let t1 = w * (V::splat(LG2) + w * (V::splat(LG4) + w * V::splat(LG6)));
            let t2 =
                z * (V::splat(LG1) + w * (V::splat(LG3) + w * (V::splat(LG5) + w * V::splat(LG7))));
            let r = t2 + t1;
            s * (hfsq + r) + dk * V::splat(LN2_LO) - hfsq + f + dk * V::splat(LN2_HI)
        }
    };
}

fast_paths!(V4);

/// The same fast paths on the scalar backend (what other targets run;
/// the tests check both against `libm`).
#[allow(dead_code)]
mod scalar_paths {
    use super::*;
    fast_paths!(scalar::V4);
}

/// `2^52`, and `1.5·2^52` (adding it rounds a small double to an integer).
const TWO52: f64 = 4_503_599_627_370_496.0;
const ROUNDER: f64 = 6_755_399_441_055_744.0;

// libm::exp's constants (e_exp.c) and thresholds on |x| (its high word hx).
const EXP_FAST_LIMIT: f64 = f64::from_bits(0x4086_232b_0000_0000); // hx < 0x4086232b
const EXP_K_ROUNDED: f64 = f64::from_bits(0x3ff0_a2b2_0000_0000); // hx >= 0x3ff0a2b2
const EXP_K_ONE: f64 = f64::from_bits(0x3fd6_2e43_0000_0000); // hx > 0x3fd62e42
const EXP_NOT_TINY: f64 = f64::from_bits(0x3e30_0001_0000_0000); // hx > 0x3e300000
const LN2HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2LO: f64 = 1.908_214_929_270_587_700_02e-10;
const INVLN2: f64 = 1.442_695_040_888_963_387_00e+00;
const P1: f64 = 1.666_666_666_666_660_190_37e-01;
const P2: f64 = -2.777_777_777_701_559_338_42e-03;
const P3: f64 = 6.613_756_321_437_934_361_17e-05;
const P4: f64 = -1.653_390_220_546_525_153_90e-06;
const P5: f64 = 4.138_136_797_057_238_460_39e-08;

// libm::log's constants (e_log.c).
const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
const LG1: f64 = 6.666_666_666_666_735_130e-01;
const LG2: f64 = 3.999_999_999_940_941_908e-01;
const LG3: f64 = 2.857_142_874_366_239_149e-01;
const LG4: f64 = 2.222_219_843_214_978_396e-01;
const LG5: f64 = 1.818_357_216_161_805_012e-01;
const LG6: f64 = 1.531_383_769_920_937_332e-01;
const LG7: f64 = 1.479_819_860_511_658_591e-01;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::NumpyRng;

    type Op = fn(f64) -> f64;

    /// Checks `f` lane by lane against `want` on both the target's backend
    /// and the scalar one.
    fn check(name: &str, xs: &[f64], f: fn(V4) -> V4, fs: fn(scalar::V4) -> scalar::V4, want: Op) {
        for chunk in xs.chunks_exact(4) {
            let got = f(V4::load(chunk)).to_array();
            let got_scalar = fs(scalar::V4::load(chunk)).to_array();
            for (lane, &x) in chunk.iter().enumerate() {
                let w = want(x);
                assert_eq!(
                    got[lane].to_bits(),
                    w.to_bits(),
                    "{name}({x:e}): {:e} vs libm {w:e}",
                    got[lane]
                );
                assert_eq!(
                    got_scalar[lane].to_bits(),
                    w.to_bits(),
                    "scalar {name}({x:e}): {:e} vs libm {w:e}",
                    got_scalar[lane]
                );
            }
        }
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
        check(
            "exp",
            &inputs(24, 200_000),
            V4::exp,
            scalar::V4::exp,
            libm::exp,
        );
        // Fast-path lanes only (no vector falls back to libm).
        let fast: Vec<f64> = inputs(20, 100_000)
            .into_iter()
            .filter(|x| x.abs() < 708.0)
            .collect();
        let n = fast.len() / 4 * 4;
        check("exp", &fast[..n], V4::exp, scalar::V4::exp, libm::exp);
    }

    #[test]
    fn ln_is_libm_bit_for_bit() {
        let xs: Vec<f64> = inputs(60, 200_000).into_iter().map(f64::abs).collect();
        check("ln", &xs, V4::ln, scalar::V4::ln, libm::log);
        check("ln", &inputs(8, 1000), V4::ln, scalar::V4::ln, libm::log);
        // Sigmoid outputs and their complements: the cost's inputs.
        let mut rng = NumpyRng::new(9);
        let near: Vec<f64> = (0..100_000)
            .map(|_| crate::math::sigmoid(40.0 * rng.rand() - 20.0))
            .flat_map(|a| [a, 1.0 - a])
            .collect();
        check("ln", &near, V4::ln, scalar::V4::ln, libm::log);
    }

    #[test]
    fn sigmoid_and_relu_match_the_scalar_forms() {
        check(
            "sigmoid",
            &inputs(12, 100_000),
            V4::sigmoid,
            scalar::V4::sigmoid,
            crate::math::sigmoid,
        );
        let relu = |z: f64| if z < 0.0 { 0.0 } else { z };
        let xs = [
            -0.0,
            0.0,
            -1.0,
            5e-324,
            2.0,
            -f64::INFINITY,
            1e-310,
            -1e-310,
        ];
        check("relu", &xs, V4::relu, scalar::V4::relu, relu);
        assert!(V4::splat(f64::NAN).relu().to_array()[0].is_nan());
    }

    #[test]
    fn arithmetic_and_selects_agree_with_scalar() {
        let xs = inputs(40, 4000);
        for w in xs.chunks_exact(8) {
            let (a, b) = (V4::load(&w[..4]), V4::load(&w[4..]));
            let (sa, sb) = (scalar::V4::load(&w[..4]), scalar::V4::load(&w[4..]));
            let same = |v: V4, s: scalar::V4| {
                let (v, s) = (v.to_array(), s.to_array());
                for l in 0..4 {
                    assert!(v[l].to_bits() == s[l].to_bits() || (v[l].is_nan() && s[l].is_nan()));
                }
            };
            same(a + b, sa + sb);
            same(a - b, sa - sb);
            same(a * b, sa * sb);
            same(a / b, sa / sb);
            same(
                V4::select(a.lt(b), a, b),
                scalar::V4::select(sa.lt(sb), sa, sb),
            );
            same(
                V4::select(a.ge(b), a, b),
                scalar::V4::select(sa.ge(sb), sa, sb),
            );
            same(
                V4::select(a.le(b), a, b),
                scalar::V4::select(sa.le(sb), sa, sb),
            );
            same(
                V4::select(a.gt(b), a, b),
                scalar::V4::select(sa.gt(sb), sa, sb),
            );
            same(a.neg(), sa.neg());
            same(a.abs(), sa.abs());
        }
    }

    #[test]
    fn trunc_small_truncates_toward_zero() {
        let xs = [
            -2.5, -2.0, -1.9999, -0.5, -0.0, 0.0, 0.49, 0.5, 1.0, 1.5, 2.5, 1022.9, -1022.9, 3.0,
            -3.0, 7.99999,
        ];
        for c in xs.chunks(4) {
            let got = trunc_small(V4::load(c)).to_array();
            for (lane, &t) in c.iter().enumerate() {
                assert_eq!(got[lane].to_bits(), t.trunc().to_bits(), "trunc({t})");
            }
        }
    }
}
