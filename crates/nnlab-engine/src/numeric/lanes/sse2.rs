//! [`Sse2`]: four lanes in two SSE2 registers (x86_64).

use super::four::{Lanes, LANES};
use super::vector::Vector;
use core::arch::x86_64::*;
use core::ops::{Add, Div, Mul, Sub};

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
