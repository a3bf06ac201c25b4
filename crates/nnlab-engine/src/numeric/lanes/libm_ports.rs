//! Lane-wise ports of `libm::exp` and `libm::log` (FreeBSD's `e_exp.c` and
//! `e_log.c`): the same operations in the same order, with branches turned
//! into selects, so every lane is bit-identical to the scalar `libm` call.
//! Written on [`Vector`], so they run on one vector or several ([`super::wide::Wide`]).

use super::vector::Vector;

/// `2^52`, and `1.5·2^52` (adding it rounds a small double to an integer).
const TWO52: f64 = 4_503_599_627_370_496.0;
const ROUNDER: f64 = 6_755_399_441_055_744.0;

/// `ln 2 = LN2_HI + LN2_LO` (`ln2_hi`, `ln2_lo`: the same bits in e_exp.c
/// and e_log.c).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);

// libm::exp's constants (e_exp.c, written as their bits there) and
// thresholds on |x| (its high word hx).
pub(super) const EXP_FAST_LIMIT: f64 = f64::from_bits(0x4086_232b_0000_0000); // hx < 0x4086232b
const EXP_K_ROUNDED: f64 = f64::from_bits(0x3ff0_a2b2_0000_0000); // hx >= 0x3ff0a2b2
const EXP_K_ONE: f64 = f64::from_bits(0x3fd6_2e43_0000_0000); // hx > 0x3fd62e42
const EXP_NOT_TINY: f64 = f64::from_bits(0x3e30_0001_0000_0000); // hx > 0x3e300000
const INVLN2: f64 = f64::from_bits(0x3ff7_1547_652b_82fe);
const P1: f64 = f64::from_bits(0x3fc5_5555_5555_553e);
const P2: f64 = f64::from_bits(0xbf66_c16c_16be_bd93);
const P3: f64 = f64::from_bits(0x3f11_566a_af25_de2c);
const P4: f64 = f64::from_bits(0xbebb_bd41_c5d2_6bf1);
const P5: f64 = f64::from_bits(0x3e66_3769_72be_a4d0);

/// `libm::exp` for lanes with `|x| < 708.39`, where `2^k` is a normal
/// number and `scalbn(y, k)` is the single product `y·2^k`.
#[inline(always)]
pub(super) fn exp_fast<L: Vector>(x: L) -> L {
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
    let hi = x - k * L::splat(LN2_HI);
    let lo = k * L::splat(LN2_LO);
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
pub(super) fn trunc_small<L: Vector>(t: L) -> L {
    let a = t.abs();
    let r = (a + L::splat(ROUNDER)) - L::splat(ROUNDER); // nearest integer
    let f = L::select(r.gt(a), r - L::splat(1.0), r); // floor(|t|)
    f.bits_or(t.bits_and(L::splat(-0.0)))
}

// libm::log's constants (e_log.c, as their bits; `LN2_HI`, `LN2_LO` above).
const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593);
const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04);
const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359);
const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af);
const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de);
const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f);
const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244);

/// `libm::log` for positive, normal, finite lanes.
#[inline(always)]
pub(super) fn ln_fast<L: Vector>(x: L) -> L {
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
