//! [`ArrayLanes`]: four lanes as a plain `[f64; 4]`, computed lane by lane.
//!
//! The reference backend (the tests compare the others with it), the
//! portable backend of targets without SSE2 or SIMD128, and the AVX2 backend:
//! compiled inside `#[target_feature(enable = "avx2")]` functions (see
//! [`Avx2`]), each `[f64; 4]` operation becomes one 256-bit instruction.

// Only the tests use it where SIMD128 is the portable backend.
#![cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]

use super::four::{Lanes, LANES};
use super::vector::Vector;
use core::ops::{Add, Div, Mul, Sub};

/// `[f64; 4]`, lane by lane: the reference backend (and the one for other
/// targets, and AVX2's, see the module docs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ArrayLanes(pub [f64; LANES]);

/// The AVX2 backend: [`ArrayLanes`] in code compiled with
/// `#[target_feature(enable = "avx2")]` (chosen at run time where the CPU
/// has AVX2). The same bits anywhere else, only slower.
#[cfg(target_arch = "x86_64")]
pub(crate) type Avx2 = ArrayLanes;

#[inline(always)]
fn zip(a: ArrayLanes, b: ArrayLanes, f: impl Fn(f64, f64) -> f64) -> ArrayLanes {
    let (a, b) = (a.0, b.0);
    ArrayLanes([f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3])])
}

#[inline(always)]
fn zip_bits(a: ArrayLanes, b: ArrayLanes, f: impl Fn(u64, u64) -> u64) -> ArrayLanes {
    zip(a, b, |x, y| f64::from_bits(f(x.to_bits(), y.to_bits())))
}

#[inline(always)]
fn mask(c: bool) -> f64 {
    f64::from_bits(if c { u64::MAX } else { 0 })
}

impl Lanes for ArrayLanes {
    #[inline(always)]
    fn end_of_iteration() {
        core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
    }
    #[inline(always)]
    fn from_array(a: [f64; LANES]) -> Self {
        ArrayLanes(a)
    }
    #[inline(always)]
    fn to_array(self) -> [f64; LANES] {
        self.0
    }
}

impl Vector for ArrayLanes {
    #[inline(always)]
    fn splat(v: f64) -> Self {
        ArrayLanes([v; LANES])
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
        impl $t for ArrayLanes {
            type Output = ArrayLanes;
            #[inline(always)]
            fn $m(self, o: ArrayLanes) -> ArrayLanes {
                zip(self, o, |a, b| a $op b)
            }
        }
    };
}
arith!(Add, add, +);
arith!(Sub, sub, -);
arith!(Mul, mul, *);
arith!(Div, div, /);
