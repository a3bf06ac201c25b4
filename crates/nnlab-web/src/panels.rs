//! The gradient-check panel, the network diagram and the exports.
//!
//! Each view gets one small result per call: a plain object with the
//! numbers already formatted and the colours already chosen, plus typed
//! arrays for everything that has one value per parameter or per link (never
//! one call per weight). `www/js/{gradcheck,diagram,exporter}.js` only lay
//! them out and draw.
//!
//! The Rust side of each result (`*_data`, `history_csv`, `weights_json`) is
//! plain Rust over a [`Trainer`], so the native `cargo test` checks it.

use crate::lab::Lab;
use crate::serializer;
use js_sys::{Float32Array, Float64Array, Reflect, Uint8Array};
use nnlab_core::format::{agreeing_digits, fmt_cost_short, fmt_py, fmt_short};
use nnlab_core::model::network::{Activations, Network};
use nnlab_core::run::gradcheck::{self, Report, OLD_THRESHOLD, THRESHOLD};
use nnlab_core::run::regions::{COLOR_0, COLOR_1};
use nnlab_core::{Status, Trainer};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The course's printed differences for its gradient-check case (ε = 1e-7).
pub const COURSE_DIFFERENCE_CORRECT: f64 = 1.1890913024229996e-07;
pub const COURSE_DIFFERENCE_BUGS: f64 = 0.2850931567761623;
/// The course's 1-D check: `J(θ) = θ·x` at `x = 2`, `θ = 4`, ε = 1e-7.
pub const COURSE_DIFFERENCE_1D: f64 = 2.919335883291695e-10;
pub const ONE_D_X: f64 = 2.0;
pub const ONE_D_THETA: f64 = 4.0;
/// The course's ε.
pub const COURSE_EPSILON: f64 = 1e-7;
/// A parameter matrix whose own difference (the same formula over its
/// entries only) exceeds this has a wrong gradient. Round-off stays below
/// 1e-6 at ε = 1e-7; a planted bug gives 1/3 (×2) or 3/5 (×4).
pub const SUSPECT: f64 = 1e-3;

/// Colours of the heat strip: agreement (blue) through neutral to
/// disagreement (orange), Okabe–Ito like the rest of the page.
const AGREE: [u8; 3] = COLOR_1;
const DISAGREE: [u8; 3] = COLOR_0;
const NEUTRAL: [u8; 3] = [236, 236, 236];
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
    let t = ((relative_error.log10() - HEAT_MIN_DECADE) / -HEAT_MIN_DECADE).clamp(0.0, 1.0);
    let (from, to, u) = if t < 0.5 {
        (AGREE, NEUTRAL, t * 2.0)
    } else {
        (NEUTRAL, DISAGREE, (t - 0.5) * 2.0)
    };
    let mix = |k: usize| (from[k] as f64 + (to[k] as f64 - from[k] as f64) * u).round() as u8;
    [mix(0), mix(1), mix(2)]
}

fn css([r, g, b]: [u8; 3]) -> String {
    format!("rgb({r},{g},{b})")
}

/// `‖a − b‖ / (‖a‖ + ‖b‖)`, 0 when both are 0.
fn difference_of(pairs: impl Iterator<Item = (f64, f64)> + Clone) -> f64 {
    let norm = |it: &mut dyn Iterator<Item = f64>| it.map(|x| x * x).sum::<f64>().sqrt();
    let num = norm(&mut pairs.clone().map(|(a, n)| a - n));
    let den = norm(&mut pairs.clone().map(|(a, _)| a)) + norm(&mut pairs.map(|(_, n)| n));
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// One parameter matrix in the gradient-check result.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ParamCheck {
    pub name: String,
    pub rows: usize,
    pub cols: usize,
    /// Index of its first entry in the entry arrays; it has `rows · cols`.
    pub offset: usize,
    /// Largest relative error of its entries.
    pub worst: f64,
    pub worst_text: String,
    /// The difference over its entries only.
    pub difference: f64,
    pub difference_text: String,
    /// Its gradient is wrong (difference above [`SUSPECT`]).
    pub suspect: bool,
    /// The heat colour of its worst entry (`rgb(…)`).
    pub color: String,
}

/// A number the course prints, beside the live one.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CourseNumber {
    /// "correct backprop" | "both planted bugs"
    pub label: &'static str,
    pub value: f64,
    pub text: String,
    /// Leading digits the live number shares with it.
    pub digits: u32,
}

/// The 1-D check.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OneD {
    pub x: f64,
    pub theta: f64,
    pub epsilon: f64,
    pub epsilon_text: String,
    pub difference: f64,
    pub difference_text: String,
    pub passes: bool,
    /// The course's number, at the course's ε.
    pub course: Option<CourseNumber>,
}

/// One stop of the heat strip's legend.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LegendStop {
    pub label: String,
    pub color: String,
}

/// Everything the gradient-check panel shows, except the per-entry arrays.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GradcheckData {
    pub difference: f64,
    pub difference_text: String,
    pub threshold: f64,
    pub threshold_text: String,
    pub old_threshold: f64,
    pub old_threshold_text: String,
    pub passes: bool,
    pub passes_old: bool,
    /// "pass" | "round-off" (passes 2e-7, flagged by 1e-7) | "fail"
    pub verdict: &'static str,
    /// One or two plain sentences about the result.
    pub verdict_text: String,
    pub epsilon: f64,
    pub epsilon_text: String,
    pub cost: f64,
    pub cost_text: String,
    /// Examples the check used (up to 16 of the training set).
    pub examples: usize,
    pub iteration: u64,
    pub bugs: Vec<&'static str>,
    pub params: Vec<ParamCheck>,
    /// Names of the parameters whose gradient is wrong.
    pub suspects: Vec<String>,
    /// The course's number for this exact case, if it prints one.
    pub course: Option<CourseNumber>,
    pub one_d: OneD,
    pub legend: Vec<LegendStop>,
    /// `W1[0,0]`, ... one per entry.
    pub labels: Vec<String>,
}

/// The per-entry arrays: analytic, numerical, relative error, RGBA colours.
#[derive(Clone, Debug, PartialEq)]
pub struct GradcheckArrays {
    pub analytic: Vec<f64>,
    pub numerical: Vec<f64>,
    pub relative_error: Vec<f64>,
    pub colors: Vec<u8>,
}

/// The 1-D check at `eps`, with the course's number at the course's ε.
pub fn one_d(eps: f64) -> OneD {
    let d = gradcheck::check_1d(ONE_D_X, ONE_D_THETA, eps);
    OneD {
        x: ONE_D_X,
        theta: ONE_D_THETA,
        epsilon: eps,
        epsilon_text: fmt_py(eps),
        difference: d,
        difference_text: fmt_py(d),
        passes: d < THRESHOLD,
        course: (eps == COURSE_EPSILON).then(|| CourseNumber {
            label: "the course's 1-D check",
            value: COURSE_DIFFERENCE_1D,
            text: fmt_py(COURSE_DIFFERENCE_1D),
            digits: agreeing_digits(d, COURSE_DIFFERENCE_1D),
        }),
    }
}

/// The heat strip's legend, one stop per two decades, and the exact stop.
pub fn legend() -> Vec<LegendStop> {
    let mut stops: Vec<LegendStop> = (0..=5)
        .map(|k| {
            let decade = HEAT_MIN_DECADE as i32 + 2 * k;
            LegendStop {
                label: if decade == 0 {
                    "1".into()
                } else {
                    format!("1e{decade}")
                },
                color: css(heat_color(10f64.powi(decade))),
            }
        })
        .collect();
    stops.push(LegendStop {
        label: "exact (0)".into(),
        color: css(EXACT),
    });
    stops
}

/// Builds the panel's data from a core report of `trainer`.
pub fn gradcheck_data(trainer: &Trainer, report: &Report) -> (GradcheckData, GradcheckArrays) {
    let config = trainer.config();
    let net = trainer.network();
    let mut params = Vec::new();
    let mut offset = 0;
    for (p, m) in net.params().iter().enumerate() {
        let entries = &report.entries[offset..offset + m.len()];
        let worst = entries.iter().map(|e| e.relative_error).fold(0.0, f64::max);
        let difference = difference_of(entries.iter().map(|e| (e.analytic, e.numerical)));
        params.push(ParamCheck {
            name: Network::param_name(p),
            rows: m.rows(),
            cols: m.cols(),
            offset,
            worst,
            worst_text: fmt_short(worst),
            difference,
            difference_text: fmt_short(difference),
            // NaN is suspect too.
            suspect: difference.is_nan() || difference > SUSPECT,
            color: css(heat_color(worst)),
        });
        offset += m.len();
    }
    let suspects: Vec<String> = params
        .iter()
        .filter(|p| p.suspect)
        .map(|p| p.name.clone())
        .collect();
    let d = report.difference;
    let passes = report.passes(THRESHOLD);
    let passes_old = report.passes(OLD_THRESHOLD);
    let (verdict, verdict_text) = if passes && passes_old {
        (
            "pass",
            format!(
                "{} is below both thresholds: backprop agrees with the numerical gradient.",
                fmt_py(d)
            ),
        )
    } else if passes {
        (
            "round-off",
            format!(
                "{} is below 2e-7, so backprop is right, yet above the old 1e-7: \
                 the old threshold flags correct code because of round-off in J(θ ± ε).",
                fmt_py(d)
            ),
        )
    } else if suspects.is_empty() {
        (
            "fail",
            format!(
                "{} is above 2e-7, but no single parameter stands out: \
                 this looks like round-off or truncation (try another ε), not a bug.",
                fmt_py(d)
            ),
        )
    } else {
        (
            "fail",
            format!(
                "{} is above 2e-7: the backward pass is wrong. The gradients of {} disagree \
                 with the numerical ones.",
                fmt_py(d),
                suspects.join(" and ")
            ),
        )
    };
    let mut bugs = Vec::new();
    if config.bugs.w2 {
        bugs.push("w2");
    }
    if config.bugs.b1 {
        bugs.push("b1");
    }
    let course_case = trainer.is_course_gradcase()
        && config.eps == COURSE_EPSILON
        && config.lambda == 0.0
        && config.hidden == [5, 3];
    let course = match (course_case, config.bugs.w2, config.bugs.b1) {
        (true, false, false) => Some(("correct backprop", COURSE_DIFFERENCE_CORRECT)),
        (true, true, true) => Some(("both planted bugs", COURSE_DIFFERENCE_BUGS)),
        _ => None,
    }
    .map(|(label, value)| CourseNumber {
        label,
        value,
        text: fmt_py(value),
        digits: agreeing_digits(d, value),
    });
    let n = report.entries.len();
    let mut arrays = GradcheckArrays {
        analytic: Vec::with_capacity(n),
        numerical: Vec::with_capacity(n),
        relative_error: Vec::with_capacity(n),
        colors: Vec::with_capacity(4 * n),
    };
    let mut labels = Vec::with_capacity(n);
    for e in &report.entries {
        arrays.analytic.push(e.analytic);
        arrays.numerical.push(e.numerical);
        arrays.relative_error.push(e.relative_error);
        let [r, g, b] = heat_color(e.relative_error);
        arrays.colors.extend_from_slice(&[r, g, b, 255]);
        labels.push(e.label());
    }
    let data = GradcheckData {
        difference: d,
        difference_text: fmt_py(d),
        threshold: THRESHOLD,
        threshold_text: fmt_py(THRESHOLD),
        old_threshold: OLD_THRESHOLD,
        old_threshold_text: fmt_py(OLD_THRESHOLD),
        passes,
        passes_old,
        verdict,
        verdict_text,
        epsilon: report.epsilon,
        epsilon_text: fmt_py(report.epsilon),
        cost: report.cost,
        cost_text: fmt_py(report.cost),
        examples: trainer
            .split()
            .train
            .len()
            .min(nnlab_core::run::trainer::GRADCHECK_MAX_EXAMPLES),
        iteration: trainer.iteration(),
        bugs,
        params,
        suspects,
        course,
        one_d: one_d(config.eps),
        legend: legend(),
        labels,
    };
    (data, arrays)
}

// ---------------------------------------------------------------------------
// The network diagram.

/// Unit flags in [`DiagramArrays::units`].
pub const UNIT_DROPPED: u8 = 1;
pub const UNIT_DEAD: u8 = 2;
const LINK_ZERO: [u8; 3] = [170, 170, 170];

/// What the diagram shows besides its arrays.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DiagramData {
    /// `n[0..=L]`.
    pub sizes: Vec<usize>,
    /// "weights" | "gradients"
    pub mode: &'static str,
    /// Largest magnitude (the widest line).
    pub max_abs: f64,
    pub max_abs_text: String,
    /// One sentence: what widths and colours mean here.
    pub caption: String,
    /// Dropout is on and masks have been drawn.
    pub dropout: bool,
    pub dropped: usize,
    pub dead: usize,
    pub hidden: usize,
    /// A plain warning about the run's health, if any.
    pub health: Option<String>,
    /// "info" | "warning" | "error" (with `health`).
    pub health_level: Option<&'static str>,
    /// Colours for the legend: positive and negative values (`rgb(…)`).
    pub positive_color: String,
    pub negative_color: String,
}

/// One entry per link (`W[l][j, i]` for l = 1..=L, row-major) and per unit.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramArrays {
    /// Line widths in 0..=1.
    pub widths: Vec<f32>,
    /// RGBA per link.
    pub colors: Vec<u8>,
    /// Flags per unit of every layer (input first): [`UNIT_DROPPED`], [`UNIT_DEAD`].
    pub units: Vec<u8>,
}

/// Hidden units whose ReLU is 0 on every training point, per hidden layer.
pub fn dead_units(trainer: &Trainer) -> Vec<Vec<bool>> {
    let mut acts = Activations::default();
    trainer
        .network()
        .predict_batch(&trainer.split().train.x, &mut acts);
    let hidden = acts.a.len().saturating_sub(1);
    acts.a[..hidden]
        .iter()
        .map(|a| {
            (0..a.rows())
                .map(|r| a.row(r).iter().all(|&v| v <= 0.0))
                .collect()
        })
        .collect()
}

/// The diagram of `trainer`'s network, lines by weight or by last gradient.
pub fn diagram_data(trainer: &Trainer, by_gradient: bool) -> (DiagramData, DiagramArrays) {
    let net = trainer.network();
    let sizes = net.sizes().to_vec();
    let source: Vec<&[f64]> = if by_gradient {
        trainer
            .gradients()
            .iter()
            .step_by(2)
            .map(|m| m.as_slice())
            .collect()
    } else {
        net.weights().map(|m| m.as_slice()).collect()
    };
    let max_abs = source
        .iter()
        .flat_map(|s| s.iter())
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let links: usize = source.iter().map(|s| s.len()).sum();
    let mut widths = Vec::with_capacity(links);
    let mut colors = Vec::with_capacity(4 * links);
    for &v in source.iter().flat_map(|s| s.iter()) {
        // sqrt: small weights stay visible beside the largest.
        let w = if !v.is_finite() {
            1.0
        } else if max_abs > 0.0 {
            (v.abs() / max_abs).sqrt()
        } else {
            0.0
        };
        widths.push(w as f32);
        let c = if v.is_nan() {
            NOT_A_NUMBER
        } else if v > 0.0 {
            COLOR_1
        } else if v < 0.0 {
            COLOR_0
        } else {
            LINK_ZERO
        };
        // Faint lines for small values, opaque for the largest.
        let alpha = (60.0 + 195.0 * w).round() as u8;
        colors.extend_from_slice(&[c[0], c[1], c[2], alpha]);
    }

    // Units: dropped in example 0's current mask, dead on the whole training set.
    let dead = dead_units(trainer);
    let config = trainer.config();
    let masks_drawn = config.dropout_on() && trainer.iteration() > 0;
    let mut units = vec![0u8; sizes.iter().sum()];
    let mut offset = sizes[0];
    let (mut dropped, mut dead_count) = (0, 0);
    for (l, &n) in sizes[1..sizes.len() - 1].iter().enumerate() {
        for u in 0..n {
            let mut flags = 0;
            if masks_drawn {
                if let Some(masks) = trainer.masks() {
                    if masks[l].get(u, 0) == 0.0 {
                        flags |= UNIT_DROPPED;
                        dropped += 1;
                    }
                }
            }
            if dead.get(l).and_then(|d| d.get(u)).copied().unwrap_or(false) {
                flags |= UNIT_DEAD;
                dead_count += 1;
            }
            units[offset + u] = flags;
        }
        offset += n;
    }
    let hidden: usize = sizes[1..sizes.len() - 1].iter().sum();

    let what = if by_gradient {
        "the last gradient dW"
    } else {
        "the weight"
    };
    let mut caption = format!(
        "Line width grows with |{what}| (widest: {}); blue is positive, orange negative.",
        fmt_short(max_abs)
    );
    if by_gradient && trainer.iteration() == 0 && max_abs == 0.0 {
        caption = "No gradient yet: train one iteration to see dW.".into();
    }
    if masks_drawn {
        let mode = match config.mask {
            nnlab_core::model::dropout::MaskMode::Fixed => {
                "the course's fixed masks: the same units every iteration"
            }
            nnlab_core::model::dropout::MaskMode::Fresh => "fresh masks: new units every iteration",
        };
        caption.push_str(&format!(
            " Dashed grey units are dropped for the first training point ({dropped} of {hidden}; {mode})."
        ));
    }
    let (health, health_level) = health(trainer, &dead, dead_count, hidden);
    let data = DiagramData {
        sizes,
        mode: if by_gradient { "gradients" } else { "weights" },
        max_abs,
        max_abs_text: fmt_short(max_abs),
        caption,
        dropout: masks_drawn,
        dropped,
        dead: dead_count,
        hidden,
        health,
        health_level,
        positive_color: css(COLOR_1),
        negative_color: css(COLOR_0),
    };
    (
        data,
        DiagramArrays {
            widths,
            colors,
            units,
        },
    )
}

/// A plain sentence about a run that went wrong, and how bad it is.
fn health(
    trainer: &Trainer,
    dead: &[Vec<bool>],
    dead_count: usize,
    hidden: usize,
) -> (Option<String>, Option<&'static str>) {
    if let Status::Diverged { iteration } = trainer.status() {
        return (
            Some(format!(
                "Training diverged at iteration {iteration}: a gradient overflowed to inf or NaN, \
                 so training stopped. The weights shown are the last finite ones. \
                 Lower the learning rate (or λ) and reset."
            )),
            Some("error"),
        );
    }
    let net = trainer.network();
    if net
        .params()
        .iter()
        .all(|p| p.as_slice().iter().all(|&v| v == 0.0))
    {
        return (
            Some(
                "Every weight is 0: all hidden units compute the same thing and get the same \
                 gradient, so they never become different (symmetry is never broken)."
                    .into(),
            ),
            Some("warning"),
        );
    }
    let cost_inf = trainer.last_cost().is_some_and(|(_, c)| c.is_infinite());
    if let Some(l) = dead.iter().position(|layer| layer.iter().all(|&d| d)) {
        let rose = match (trainer.checkpoints().first(), trainer.last_cost()) {
            (Some(&(_, first)), Some((i, last))) if i > 0 && last > first => format!(
                " The cost rose from {} to {}.",
                fmt_cost_short(first),
                fmt_cost_short(last)
            ),
            _ => String::new(),
        };
        return (
            Some(format!(
                "Every unit of hidden layer {} is dead: its ReLU outputs 0 on every training \
                 point, so no gradient reaches the layers below and the network predicts the \
                 same value everywhere.{rose} A learning rate or starting weights too large \
                 for this network usually do this.",
                l + 1
            )),
            Some("warning"),
        );
    }
    if cost_inf {
        return (
            Some(
                "The cost is ∞: the sigmoid output is exactly 0 or 1 on the wrong side for some \
                 training point (log 0). Huge weights saturate it."
                    .into(),
            ),
            Some("warning"),
        );
    }
    if dead_count > 0 {
        return (
            Some(format!(
                "{dead_count} of {hidden} hidden units are dead (ReLU 0 on every training point)."
            )),
            Some("info"),
        );
    }
    (None, None)
}

// ---------------------------------------------------------------------------
// Exports.

/// `iteration,cost` lines of the cost history (`inf` for an infinite cost).
pub fn history_csv(trainer: &Trainer) -> String {
    let mut out = String::from("iteration,cost\n");
    for &(i, c) in trainer.history().points() {
        out.push_str(&format!("{i},{}\n", csv_number(c)));
    }
    out
}

fn csv_number(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{v:?}")
    }
}

/// A JSON number that reads back to the same bits; non-finite values as the
/// strings `"inf"`, `"-inf"`, `"nan"` (the course reference files' convention).
fn json_number(v: f64) -> String {
    if !v.is_finite() {
        return format!("\"{}\"", csv_number(v));
    }
    let a = v.abs();
    if a != 0.0 && !(1e-5..1e16).contains(&a) {
        format!("{v:e}")
    } else {
        format!("{v:?}")
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `{"query", "iteration", "sizes", "params": {"W1": {"shape", "data"}, ...}}`,
/// arrays row-major like the course's reference files.
pub fn weights_json(trainer: &Trainer, query: &str) -> String {
    let net = trainer.network();
    let sizes: Vec<String> = net.sizes().iter().map(|s| s.to_string()).collect();
    let mut out = format!(
        "{{\n  \"query\": {},\n  \"iteration\": {},\n  \"sizes\": [{}],\n  \"params\": {{",
        json_string(query),
        trainer.iteration(),
        sizes.join(", ")
    );
    for (p, m) in net.params().iter().enumerate() {
        let data: Vec<String> = m.as_slice().iter().map(|&v| json_number(v)).collect();
        out.push_str(&format!(
            "{}\n    {}: {{\"shape\": [{}, {}], \"data\": [{}]}}",
            if p == 0 { "" } else { "," },
            json_string(&Network::param_name(p)),
            m.rows(),
            m.cols(),
            data.join(", ")
        ));
    }
    out.push_str("\n  }\n}\n");
    out
}

/// A file name for exports: `nnlab-init-he-15000` (preset or data, iteration).
pub fn export_basename(trainer: &Trainer) -> String {
    let c = trainer.config();
    let what = c.preset.map(|p| p.name()).unwrap_or(c.data.name());
    format!("nnlab-{what}-{}", trainer.iteration())
}

// ---------------------------------------------------------------------------
// JavaScript side.

fn set(obj: &JsValue, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(obj, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(crate::lab::js_err)
}

/// The 1-D check `J(θ) = θ·x` at `x = 2`, `θ = 4`: its difference at `eps`.
#[wasm_bindgen]
pub fn gradcheck_1d(eps: f64) -> f64 {
    gradcheck::check_1d(ONE_D_X, ONE_D_THETA, eps)
}

#[wasm_bindgen]
impl Lab {
    /// Checks this run's current weights (up to 16 training examples, its λ
    /// and planted bugs, its ε): `{difference, differenceText, threshold,
    /// oldThreshold, passes, passesOld, verdict, verdictText, epsilon, cost,
    /// params: [{name, rows, cols, offset, worst, difference, suspect, color}],
    /// suspects, course, oneD, legend, labels}` plus typed arrays `analytic`,
    /// `numerical`, `relativeError` (Float64Array) and `colors` (RGBA bytes,
    /// one cell per scalar parameter). Fails (with a message naming
    /// `layers`) for networks over 3000 parameters.
    pub fn gradcheck(&self) -> Result<JsValue, JsError> {
        let report = self
            .trainer
            .gradient_check()
            .map_err(|e| JsError::new(&e.to_string()))?;
        let (data, arrays) = gradcheck_data(&self.trainer, &report);
        let obj = data.serialize(&serializer())?;
        set(
            &obj,
            "analytic",
            &Float64Array::from(arrays.analytic.as_slice()),
        )?;
        set(
            &obj,
            "numerical",
            &Float64Array::from(arrays.numerical.as_slice()),
        )?;
        set(
            &obj,
            "relativeError",
            &Float64Array::from(arrays.relative_error.as_slice()),
        )?;
        set(&obj, "colors", &Uint8Array::from(arrays.colors.as_slice()))?;
        Ok(obj)
    }

    /// The network diagram: `{sizes, mode, maxAbs, caption, dropout, dropped,
    /// dead, hidden, health, healthLevel, positiveColor, negativeColor}` plus
    /// `widths` (Float32Array, 0..1, one per link in `W[l][j, i]` row-major
    /// order), `colors` (RGBA per link) and `units` (flags per unit, input
    /// layer first: 1 dropped for the first training point, 2 dead).
    #[wasm_bindgen(js_name = networkView)]
    pub fn network_view(&self, by_gradient: bool) -> Result<JsValue, JsError> {
        let (data, arrays) = diagram_data(&self.trainer, by_gradient);
        let obj = data.serialize(&serializer())?;
        set(
            &obj,
            "widths",
            &Float32Array::from(arrays.widths.as_slice()),
        )?;
        set(&obj, "colors", &Uint8Array::from(arrays.colors.as_slice()))?;
        set(&obj, "units", &Uint8Array::from(arrays.units.as_slice()))?;
        Ok(obj)
    }

    /// The cost history as CSV: `iteration,cost` lines, `inf` when infinite.
    #[wasm_bindgen(js_name = historyCsv)]
    pub fn history_csv(&self) -> String {
        history_csv(&self.trainer)
    }

    /// The weights as JSON: `{query, iteration, sizes, params: {W1: {shape, data}, ...}}`.
    #[wasm_bindgen(js_name = weightsJson)]
    pub fn weights_json(&self) -> String {
        weights_json(&self.trainer, &self.query())
    }

    /// A base name for exported files: `nnlab-init-he-15000`.
    #[wasm_bindgen(js_name = exportName)]
    pub fn export_name(&self) -> String {
        export_basename(&self.trainer)
    }
}

/// The 1-D check as the panel shows it: `{x, theta, epsilon, difference,
/// differenceText, passes, course}`.
#[wasm_bindgen(js_name = gradcheck1dView)]
pub fn gradcheck_1d_view(eps: f64) -> Result<JsValue, JsError> {
    Ok(one_d(eps).serialize(&serializer())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nnlab_core::config::link;

    fn trainer(q: &str) -> Trainer {
        Trainer::new(link::parse(q).unwrap().config).unwrap()
    }

    fn check(q: &str) -> (GradcheckData, GradcheckArrays) {
        let t = trainer(q);
        let r = t.gradient_check().unwrap();
        gradcheck_data(&t, &r)
    }

    #[test]
    fn the_course_case_passes_the_new_threshold_only() {
        let (d, a) = check("preset=gradcheck");
        assert!(d.passes && !d.passes_old, "{}", d.difference);
        assert_eq!(d.verdict, "round-off");
        assert!(d.suspects.is_empty(), "{:?}", d.suspects);
        let course = d.course.as_ref().unwrap();
        assert_eq!(course.text, "1.1890913024229996e-07");
        assert!(course.digits >= 9, "{} digits", course.digits);
        assert_eq!(a.analytic.len(), 47);
        assert_eq!(a.colors.len(), 4 * 47);
        assert_eq!(d.labels.len(), 47);
        assert_eq!(d.labels[0], "W1[0,0]");
        let names: Vec<&str> = d.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["W1", "b1", "W2", "b2", "W3", "b3"]);
        let sizes: Vec<(usize, usize, usize)> = d
            .params
            .iter()
            .map(|p| (p.rows, p.cols, p.offset))
            .collect();
        assert_eq!(
            sizes,
            [
                (5, 4, 0),
                (5, 1, 20),
                (3, 5, 25),
                (3, 1, 40),
                (1, 3, 43),
                (1, 1, 46)
            ]
        );
        assert_eq!(d.threshold_text, "2e-07");
        assert_eq!(d.old_threshold_text, "1e-07");
        assert_eq!(d.one_d.difference_text, "2.919335883291695e-10");
        assert_eq!(d.one_d.course.as_ref().unwrap().digits, 17);
    }

    #[test]
    fn planted_bugs_light_up_exactly_w2_and_b1() {
        let (d, a) = check("preset=gradcheck&bugs=w2,b1");
        assert!(!d.passes);
        assert_eq!(d.verdict, "fail");
        assert_eq!(d.suspects, ["b1", "W2"]);
        assert!(d.verdict_text.contains("b1 and W2"), "{}", d.verdict_text);
        let course = d.course.as_ref().unwrap();
        assert_eq!(course.text, "0.2850931567761623");
        assert!(course.digits >= 12, "{} digits", course.digits);
        // Every cell of W2 is orange-ish (or exact: both 0 behind a dead
        // ReLU); no cell outside W2 and b1 is.
        for p in &d.params {
            for k in p.offset..p.offset + p.rows * p.cols {
                let rgb = &a.colors[4 * k..4 * k + 3];
                let orange = rgb[0] > 200 && rgb[2] < 120;
                if p.name == "W2" {
                    assert!(orange || rgb == EXACT, "{} cell {k}: {rgb:?}", p.name);
                } else if p.name != "b1" {
                    assert!(!orange, "{} cell {k}: {rgb:?}", p.name);
                }
            }
        }
        let (one, _) = check("preset=gradcheck&bugs=w2");
        assert_eq!(one.suspects, ["W2"]);
        assert!(
            one.course.is_none(),
            "the course prints no single-bug number"
        );
    }

    #[test]
    fn epsilon_trades_truncation_for_round_off() {
        let at = |eps: &str| check(&format!("preset=gradcheck&eps={eps}")).0.difference;
        let (big, mid, tiny) = (at("1e-3"), at("1e-7"), at("1e-11"));
        assert!(tiny > 1e-4, "round-off dominates at 1e-11: {tiny}");
        assert!(mid < 2e-7);
        assert!(big < 1e-6, "{big}");
        assert!(gradcheck_1d(1e-11) > gradcheck_1d(1e-7));
    }

    #[test]
    fn heat_scale_runs_blue_to_orange() {
        assert_eq!(heat_color(1e-12), AGREE);
        assert_eq!(heat_color(1.0), DISAGREE);
        assert_eq!(heat_color(1e-5), NEUTRAL);
        assert_eq!(heat_color(0.0), EXACT);
        assert_eq!(heat_color(f64::NAN), NOT_A_NUMBER);
        assert_eq!(legend().len(), 7);
    }

    #[test]
    fn diagram_has_one_entry_per_link_and_unit() {
        let mut t = trainer("preset=reg-dropout");
        let (d, a) = diagram_data(&t, false);
        assert_eq!(d.sizes, [2, 20, 3, 1]);
        assert_eq!(a.widths.len(), 2 * 20 + 20 * 3 + 3);
        assert_eq!(a.colors.len(), 4 * a.widths.len());
        assert_eq!(a.units.len(), 26);
        assert!(a.widths.iter().all(|w| (0.0..=1.0).contains(w)));
        assert!(a.widths.contains(&1.0));
        assert!(!d.dropout, "no masks before the first iteration");
        let (g, _) = diagram_data(&t, true);
        assert!(g.caption.starts_with("No gradient yet"));
        t.step(1);
        let (d, a) = diagram_data(&t, false);
        assert!(d.dropout);
        let dropped = a.units.iter().filter(|&&f| f & UNIT_DROPPED != 0).count();
        assert_eq!(dropped, d.dropped);
        assert!(dropped > 0 && dropped < 23, "{dropped}");
        // Example 0's mask: keep 0.86 with seed 1.
        let masks = t.masks().unwrap();
        let want: usize = masks
            .iter()
            .map(|m| (0..m.rows()).filter(|&r| m.get(r, 0) == 0.0).count())
            .sum();
        assert_eq!(dropped, want);
        let (g, ga) = diagram_data(&t, true);
        assert_eq!(g.mode, "gradients");
        assert!(g.max_abs > 0.0);
        assert_eq!(ga.widths.len(), a.widths.len());
    }

    #[test]
    fn diagram_explains_blow_ups() {
        let mut t = trainer("preset=init-he&lr=10");
        t.step(200);
        let (d, a) = diagram_data(&t, false);
        assert_eq!(d.health_level, Some("warning"));
        assert!(
            d.health
                .as_ref()
                .unwrap()
                .contains("hidden layer 2 is dead"),
            "{:?}",
            d.health
        );
        assert_eq!(a.units[2 + 10..2 + 15], [UNIT_DEAD; 5]);

        let mut t = trainer("preset=reg-l2&lambda=1000&lr=10");
        t.run();
        let (d, _) = diagram_data(&t, false);
        assert_eq!(d.health_level, Some("error"));
        assert!(d
            .health
            .unwrap()
            .starts_with("Training diverged at iteration"));

        let t = trainer("preset=init-zeros");
        let (d, a) = diagram_data(&t, false);
        assert!(d.health.unwrap().contains("symmetry"));
        assert!(a.widths.iter().all(|&w| w == 0.0));

        let mut t = trainer("preset=init-random");
        t.step(1);
        let (d, _) = diagram_data(&t, false);
        assert!(d.health.unwrap().contains("The cost is ∞"));

        // He starts with one unit that no training point switches on.
        let (d, _) = diagram_data(&trainer("preset=init-he"), false);
        assert_eq!(d.health_level, Some("info"));
        let (d, _) = diagram_data(&trainer("preset=reg-none"), false);
        assert_eq!(d.health, None);
    }

    #[test]
    fn exports() {
        let mut t = trainer("preset=init-random&iters=3");
        t.run();
        let csv = history_csv(&t);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "iteration,cost");
        assert_eq!(lines[1], "0,inf");
        assert_eq!(lines.len(), 4);
        assert!(lines[3].starts_with("2,"));
        let json = weights_json(&t, "preset=init-random&iters=3");
        assert!(json.contains("\"query\": \"preset=init-random&iters=3\""));
        assert!(json.contains("\"sizes\": [2, 10, 5, 1]"));
        assert!(json.contains("\"W1\": {\"shape\": [10, 2], \"data\": ["));
        assert!(json.contains("\"b3\": {\"shape\": [1, 1]"));
        assert_eq!(export_basename(&t), "nnlab-init-random-3");
        assert_eq!(json_number(f64::INFINITY), "\"inf\"");
        assert_eq!(json_number(1e-7), "1e-7");
        assert_eq!(json_number(0.5), "0.5");
        assert_eq!(json_number(-3.0), "-3.0");
        assert_eq!(json_string("a\"b\\\u{1}"), "\"a\\\"b\\\\\\u0001\"");
    }
}
