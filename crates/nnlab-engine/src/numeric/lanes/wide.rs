//! [`Wide`]: several vectors run as one.

use super::vector::Vector;
use core::ops::{Add, Div, Mul, Sub};

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
