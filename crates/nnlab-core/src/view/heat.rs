//! The heat scale of relative errors (the gradient-check strip) and the
//! colours of the page's views, Okabe–Ito like the decision regions.

use crate::format::fmt_sci;
use crate::run::regions::{COLOR_0, COLOR_1};

/// Agreement (blue) through neutral to disagreement (orange).
pub const AGREE: [u8; 3] = COLOR_1;
pub const DISAGREE: [u8; 3] = COLOR_0;
pub const NEUTRAL: [u8; 3] = [236, 236, 236];
/// Both gradients exactly equal (often both 0: a dead ReLU).
pub const EXACT: [u8; 3] = [200, 200, 200];
/// Not a number.
pub const NOT_A_NUMBER: [u8; 3] = [90, 90, 90];
/// Decades the heat scale spans: 1e-10 (blue) to 1 (orange).
const HEAT_MIN_DECADE: f64 = -10.0;

/// The heat strip's colour of one relative error (log scale, 1e-10 → blue,
/// 1e-5 → neutral, 1 → orange).
pub fn heat_color(relative_error: f64) -> [u8; 3] {
    if relative_error.is_nan() {
        return NOT_A_NUMBER;
    }
    if relative_error == 0.0 {
        return EXACT;
    }
    let t = ((libm::log10(relative_error) - HEAT_MIN_DECADE) / -HEAT_MIN_DECADE).clamp(0.0, 1.0);
    let (from, to, u) = if t < 0.5 {
        (AGREE, NEUTRAL, t * 2.0)
    } else {
        (NEUTRAL, DISAGREE, (t - 0.5) * 2.0)
    };
    let mix = |k: usize| (from[k] as f64 + (to[k] as f64 - from[k] as f64) * u).round() as u8;
    [mix(0), mix(1), mix(2)]
}

/// `rgb(r,g,b)` for CSS.
pub fn css([r, g, b]: [u8; 3]) -> String {
    format!("rgb({r},{g},{b})")
}

/// One stop of the heat strip's legend.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct LegendStop {
    pub label: String,
    /// `rgb(…)`.
    pub color: String,
}

/// The heat strip's legend, one stop per two decades (`1e-10`, `1e-08`, …,
/// `1`, exponents as the panel's other numbers write them), and the exact stop.
pub fn legend() -> Vec<LegendStop> {
    let mut stops: Vec<LegendStop> = (0..=5)
        .map(|k| {
            let decade = HEAT_MIN_DECADE as i32 + 2 * k;
            LegendStop {
                label: if decade == 0 {
                    "1".into()
                } else {
                    fmt_sci(libm::pow(10.0, decade as f64), 0)
                },
                color: css(heat_color(libm::pow(10.0, decade as f64))),
            }
        })
        .collect();
    stops.push(LegendStop {
        label: crate::i18n::text("heat-exact", &[]),
        color: css(EXACT),
    });
    stops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_scale_runs_blue_to_orange() {
        assert_eq!(heat_color(1e-12), AGREE);
        assert_eq!(heat_color(1.0), DISAGREE);
        assert_eq!(heat_color(1e-5), NEUTRAL);
        assert_eq!(heat_color(0.0), EXACT);
        assert_eq!(heat_color(f64::NAN), NOT_A_NUMBER);
        let l = legend();
        assert_eq!(l.len(), 7);
        let labels: Vec<&str> = l.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "1e-10",
                "1e-08",
                "1e-06",
                "1e-04",
                "1e-02",
                "1",
                "exact (0)"
            ]
        );
        assert_eq!(l[5].label, "1");
        assert_eq!(l[5].color, css(DISAGREE));
    }
}
