//! The elementary functions the core uses. `exp`, `ln`, `sin`, `cos` come
//! from the pure-Rust `libm` port so that native and wasm builds round
//! identically (bit-for-bit links). [`ln_rounded`] is a correctly rounded
//! logarithm for the normal draws, where NumPy's results must be matched to
//! the last bit.

/// Natural logarithm (`libm`, under 1 ulp).
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// `e^x`.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// Square root (IEEE, correctly rounded everywhere).
#[inline]
pub fn sqrt(x: f64) -> f64 {
    libm::sqrt(x)
}

#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// The logistic sigmoid written as the course does: `1 / (1 + exp(-z))`.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + exp(-z))
}

/// A double-double number `hi + lo` with `|lo| <= ulp(hi) / 2`.
#[derive(Clone, Copy, Debug)]
struct Dd {
    hi: f64,
    lo: f64,
}

/// `a + b` exactly, as `s + e` (Knuth's two-sum).
fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    Dd {
        hi: s,
        lo: (a - (s - bb)) + (b - bb),
    }
}

/// Splits `a` into two 26-bit halves (Dekker).
fn split(a: f64) -> (f64, f64) {
    let c = 134_217_729.0 * a;
    let hi = c - (c - a);
    (hi, a - hi)
}

/// `a · b` exactly, as `p + e` (Dekker's product, no fused multiply-add so
/// it is fast on every target).
fn two_prod(a: f64, b: f64) -> Dd {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    Dd {
        hi: p,
        lo: ((ah * bh - p) + ah * bl + al * bh) + al * bl,
    }
}

impl Dd {
    fn from(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }

    fn add(self, o: Dd) -> Dd {
        let s = two_sum(self.hi, o.hi);
        let t = two_sum(self.lo, o.lo);
        let u = two_sum(s.hi, s.lo + t.hi);
        two_sum(u.hi, u.lo + t.lo)
    }

    fn mul(self, o: Dd) -> Dd {
        let p = two_prod(self.hi, o.hi);
        two_sum(p.hi, p.lo + (self.hi * o.lo + self.lo * o.hi))
    }

    fn div(self, o: Dd) -> Dd {
        let q1 = self.hi / o.hi;
        let r = self.add(o.mul(Dd::from(-q1)));
        let q2 = r.hi / o.hi;
        let r = r.add(o.mul(Dd::from(-q2)));
        let q3 = r.hi / o.hi;
        two_sum(q1, q2).add(Dd::from(q3))
    }
}

/// `ln 2` as a double-double.
const LN2: Dd = Dd {
    hi: std::f64::consts::LN_2,
    lo: 2.319_046_813_846_299_6e-17,
};

/// The natural logarithm, correctly rounded (to nearest) for all but
/// astronomically rare inputs: about 100 bits are computed in double-double
/// arithmetic, then rounded once.
///
/// `x = 2^k·m` with `m ∈ [√½, √2)`; `ln m = 2·atanh(s)`, `s = (m−1)/(m+1)`,
/// summed as `2s·Σ s^(2j)/(2j+1)` to 23 terms (`|s| < 0.172`). Slow next to
/// [`ln`]: used only where NumPy's digits must be reproduced (normal draws).
pub fn ln_rounded(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    // Scale subnormals into the normal range.
    let (x, mut k) = if x < f64::MIN_POSITIVE {
        (x * (1u64 << 54) as f64, -54i32)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    k += ((bits >> 52) & 0x7ff) as i32 - 1022;
    let mut m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52)); // in [0.5, 1)
    if m < std::f64::consts::FRAC_1_SQRT_2 {
        m *= 2.0;
        k -= 1;
    }
    let f = Dd::from(m - 1.0); // exact (Sterbenz)
    let d = two_sum(m, 1.0);
    let s = f.div(d);
    let s2 = s.mul(s);
    let mut series = Dd::from(0.0);
    for j in (0..23).rev() {
        let coef = Dd::from(1.0).div(Dd::from((2 * j + 1) as f64));
        series = series.mul(s2).add(coef);
    }
    let ln_m = s.mul(series).mul(Dd::from(2.0));
    let kl = LN2.mul(Dd::from(k as f64));
    let r = kl.add(ln_m);
    r.hi + r.lo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_rounded_is_exact_on_easy_values() {
        assert_eq!(ln_rounded(1.0), 0.0);
        assert_eq!(ln_rounded(2.0), std::f64::consts::LN_2);
        assert_eq!(ln_rounded(10.0), std::f64::consts::LN_10);
        assert_eq!(ln_rounded(std::f64::consts::E), 1.0);
        assert_eq!(ln_rounded(0.0), f64::NEG_INFINITY);
        assert!(ln_rounded(-1.0).is_nan());
        assert_eq!(
            ln_rounded(f64::MIN_POSITIVE / 8.0),
            (f64::MIN_POSITIVE / 8.0).ln()
        );
    }
}
