//! Round axis ticks for the page's plots, linear and log. Display only:
//! `log10`/`pow` come from `libm` like every other function of the core;
//! labels are [`fmt_fixed`] with as many decimals as the step needs.

use crate::format::fmt_fixed;

/// One axis tick: its value and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// About `target` round ticks (1, 2 or 5 × 10^k apart) inside `[lo, hi]`.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<Tick> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || target == 0 {
        return Vec::new();
    }
    let raw = (hi - lo) / target as f64;
    let mag = libm::pow(10.0, libm::log10(raw).floor());
    let span = hi - lo;
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .min_by(|a, b| {
            let miss = |s: f64| (span / s - target as f64).abs();
            miss(*a).total_cmp(&miss(*b))
        })
        .expect("four candidates");
    let decimals = (-libm::log10(step).floor()).max(0.0) as usize;
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last)
        .map(|k| {
            let value = k as f64 * step;
            Tick {
                value,
                label: fmt_fixed(value, decimals),
            }
        })
        .collect()
}

/// Ticks of a log axis over `[lo, hi]` (both > 0): powers of ten, and 2 and
/// 5 times them when the range spans few decades.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<Tick> {
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return Vec::new();
    }
    let (a, b) = (
        libm::log10(lo).floor() as i32,
        libm::log10(hi).ceil() as i32,
    );
    let mults: &[f64] = if b - a <= 2 { &[1.0, 2.0, 5.0] } else { &[1.0] };
    let mut out = Vec::new();
    for e in a..=b {
        for m in mults {
            let value = m * libm::pow(10.0, e as f64);
            if value >= lo * (1.0 - 1e-9) && value <= hi * (1.0 + 1e-9) {
                out.push(Tick {
                    value,
                    label: fmt_fixed(value, (-e).max(0) as usize),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        let labels = |t: Vec<Tick>| t.into_iter().map(|t| t.label).collect::<Vec<_>>();
        assert_eq!(
            labels(nice_ticks(0.0, 15000.0, 4)),
            ["0", "5000", "10000", "15000"]
        );
        assert_eq!(
            labels(nice_ticks(-1.27, 1.27, 5)),
            ["-1.0", "-0.5", "0.0", "0.5", "1.0"]
        );
        assert_eq!(labels(nice_ticks(-0.3, 0.3, 4)), ["-0.2", "0.0", "0.2"]);
        assert_eq!(
            labels(log_ticks(0.01, 1.0)),
            ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"]
        );
        assert_eq!(
            labels(log_ticks(0.001, 100.0)),
            ["0.001", "0.01", "0.1", "1", "10", "100"]
        );
        assert!(nice_ticks(1.0, 1.0, 4).is_empty());
    }
}
