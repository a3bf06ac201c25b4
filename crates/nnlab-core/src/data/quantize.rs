//! The one 16-bit quantization own points use in a link, for their
//! coordinates and for numeric labels alike: a number `v` of a range
//! `[lo, hi]` (kept exactly as two `f64`s) is stored as
//! `q = round((v − lo) / (hi − lo) · 65535)` and read back as
//! `lo·(1 − t) + hi·t` with `t = q / 65535`. So a value moves by at most
//! `(hi − lo) / 131070` (half a step, plus a few units in the last place),
//! the range's ends are exact, and quantizing the read-back values again
//! gives the same integers.

/// Quantization levels, minus one.
pub const LEVELS: f64 = 65535.0;
/// The largest magnitude a link holds (coordinates and labels).
pub const MAX_MAGNITUDE: f64 = 1e12;
/// Smallest span relative to the magnitude that quantizes back to itself.
const MIN_RELATIVE_SPAN: f64 = 1e-9;

/// `[min, max]` of `values` (`[∞, −∞]` when empty).
pub fn range(values: impl Iterator<Item = f64>) -> [f64; 2] {
    values.fold([f64::INFINITY, f64::NEG_INFINITY], |[lo, hi], v| {
        [lo.min(v), hi.max(v)]
    })
}

/// Whether every value is finite and at most [`MAX_MAGNITUDE`] in size.
pub fn all_fine(mut values: impl Iterator<Item = f64>) -> bool {
    values.all(|v| v.is_finite() && v.abs() <= MAX_MAGNITUDE)
}

/// Whether a decoded range is one a link can hold: finite, ordered, at most
/// [`MAX_MAGNITUDE`].
pub fn range_fine([lo, hi]: [f64; 2]) -> bool {
    lo.is_finite() && hi.is_finite() && lo <= hi && lo.abs().max(hi.abs()) <= MAX_MAGNITUDE
}

/// Whether `[lo, hi]` spans too little for its magnitude to quantize back
/// to itself (a zero span is fine: every value is `lo`).
pub fn too_narrow([lo, hi]: [f64; 2]) -> bool {
    let span = hi - lo;
    span > 0.0 && span < MIN_RELATIVE_SPAN * (lo.abs() + hi.abs())
}

/// `v`'s level on `[lo, hi]` (0 on an empty span).
pub fn quantize(v: f64, [lo, hi]: [f64; 2]) -> u16 {
    if hi > lo {
        ((v - lo) / (hi - lo) * LEVELS).round() as u16
    } else {
        0
    }
}

/// The value of level `q` on `[lo, hi]`: `lo·(1 − t) + hi·t`, `t = q / 65535`.
pub fn value(q: u16, [lo, hi]: [f64; 2]) -> f64 {
    let t = f64::from(q) / LEVELS;
    lo * (1.0 - t) + hi * t
}
