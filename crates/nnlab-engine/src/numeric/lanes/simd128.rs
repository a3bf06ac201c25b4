//! [`Simd128`]: four lanes in two wasm SIMD128 registers.

use super::four::{Lanes, Quad, LANES};
use super::vector::Vector;
use core::arch::wasm32::*;
use core::ops::{Add, Div, Mul, Sub};

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
