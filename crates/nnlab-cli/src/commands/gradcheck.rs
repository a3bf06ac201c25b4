//! `nnlab gradcheck`: backprop against two-sided numerical differences, at
//! a configuration's starting weights, or the course's 1-D warm-up.

use std::io::Write;

use nnlab_core::config::link::Parsed;
use nnlab_core::model::network::Network;
use nnlab_core::run::gradcheck::{self, Entry, Report, OLD_THRESHOLD, THRESHOLD};
use nnlab_core::Trainer;

use super::num;
use crate::error::CliError;
use crate::json::Json;

/// The 1-D check's `x` and `θ` (the course's).
pub const X_1D: f64 = 2.0;
pub const THETA_1D: f64 = 4.0;

/// Checks the configuration's starting weights. A failing check is a
/// result (exit 0), reported in the output.
pub fn run(parsed: Parsed, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let query = parsed.query();
    let trainer = Trainer::new(parsed.config)?;
    let report = trainer.gradient_check()?;
    if json {
        writeln!(out, "{}", to_json(&query, &report))?;
    } else {
        print(&query, &report, out)?;
    }
    Ok(())
}

fn to_json(query: &str, r: &Report) -> Json {
    let shares = shares(r);
    let worst = r
        .worst_per_param()
        .into_iter()
        .enumerate()
        .map(|(i, w)| (Network::param_name(i), Json::from(w)));
    let entries = r.entries.iter().zip(shares).map(|(e, share)| {
        Json::obj([
            ("param", Json::from(Network::param_name(e.param))),
            ("row", e.row.into()),
            ("col", e.col.into()),
            ("analytic", e.analytic.into()),
            ("numerical", e.numerical.into()),
            ("relative_error", e.relative_error.into()),
            ("share", share.into()),
        ])
    });
    Json::obj([
        ("query", Json::from(query)),
        ("difference", r.difference.into()),
        ("threshold", THRESHOLD.into()),
        ("passes", r.passes(THRESHOLD).into()),
        ("old_threshold", OLD_THRESHOLD.into()),
        ("passes_old_threshold", r.passes(OLD_THRESHOLD).into()),
        ("epsilon", r.epsilon.into()),
        ("cost", r.cost.into()),
        ("worst_per_param", Json::obj(worst)),
        ("entries", Json::Arr(entries.collect())),
    ])
}

fn print(query: &str, r: &Report, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "nnlab gradcheck {query}")?;
    writeln!(
        out,
        "{} parameters, epsilon {}, cost J = {}",
        r.entries.len(),
        num(r.epsilon),
        num(r.cost)
    )?;
    writeln!(
        out,
        "difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||) = {}",
        num(r.difference)
    )?;
    writeln!(out, "{}", verdict(r.difference))?;
    if r.difference.is_nan() {
        // worst_per_param() would show 0 for NaN entries: leave it out.
        writeln!(out, "{}", why_nan(r))?;
    } else {
        let worst: Vec<String> = r
            .worst_per_param()
            .iter()
            .enumerate()
            .map(|(i, w)| format!("{} {}", Network::param_name(i), num(*w)))
            .collect();
        writeln!(
            out,
            "Worst relative error per parameter: {}",
            worst.join(", ")
        )?;
    }
    let shares = shares(r);
    let mut marked: Vec<String> = Vec::new();
    for (e, share) in r.entries.iter().zip(&shares) {
        let name = Network::param_name(e.param);
        if *share > THRESHOLD && !marked.contains(&name) {
            marked.push(name);
        }
    }
    if !marked.is_empty() {
        writeln!(
            out,
            "Rows whose share of the difference alone is above {}: in {}",
            num(THRESHOLD),
            marked.join(", ")
        )?;
    }

    let labels: Vec<String> = r.entries.iter().map(|e| e.label()).collect();
    let width = labels.iter().map(String::len).max().unwrap_or(0).max(9);
    writeln!(out)?;
    writeln!(
        out,
        "{:width$}  {:>24}  {:>24}  {:>24}  {:>24}",
        "parameter", "analytic", "numerical", "relative error", "share of difference"
    )?;
    for ((e, label), &share) in r.entries.iter().zip(&labels).zip(&shares) {
        let flag = if share > THRESHOLD {
            format!("  <- alone above {}", num(THRESHOLD))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{label:width$}  {:>24}  {:>24}  {:>24}  {:>24}{flag}",
            num(e.analytic),
            num(e.numerical),
            num(e.relative_error),
            num(share)
        )?;
    }
    writeln!(
        out,
        "(share of difference: |analytic - numerical| / (||grad|| + ||gradapprox||); the difference is the square root of the sum of their squares, so a row marked alone fails the check. A row's relative error can exceed {} from round-off when its gradient is small.)",
        num(THRESHOLD)
    )?;
    Ok(())
}

/// Each entry's share of the difference:
/// `|analytic − numerical| / (‖grad‖ + ‖gradapprox‖)`. The difference is
/// the root of the sum of their squares, so an entry above the threshold
/// fails the check on its own, and the marked rows are where backprop is
/// wrong. (Per-entry relative errors are not comparable with the threshold:
/// on the course's case, correct backprop has entries up to 4e-6 from
/// round-off in `J(θ ± ε)`.)
fn shares(r: &Report) -> Vec<f64> {
    let norm = |f: fn(&Entry) -> f64| r.entries.iter().map(|e| f(e).powi(2)).sum::<f64>().sqrt();
    let scale = norm(|e| e.analytic) + norm(|e| e.numerical);
    r.entries
        .iter()
        .map(|e| {
            if scale == 0.0 {
                0.0
            } else {
                (e.analytic - e.numerical).abs() / scale
            }
        })
        .collect()
}

/// Why the difference is not a number.
fn why_nan(r: &Report) -> String {
    if !r.cost.is_finite() {
        format!(
            "The cost J is {} at these weights: a sigmoid output saturated to exactly 0 or 1 makes 0·log(0) = nan in the plain-sum cost the check differentiates, so the numerical gradients are meaningless. Try smaller weights.",
            num(r.cost)
        )
    } else if r
        .entries
        .iter()
        .all(|e| e.analytic == 0.0 && e.numerical == 0.0)
    {
        "Every gradient, analytic and numerical, is exactly 0, so the difference is 0/0: there is nothing to compare (zero weights pass no gradient back).".into()
    } else {
        "Some gradient is not a finite number.".into()
    }
}

/// The verdict against the course's threshold, and what the older one says.
fn verdict(difference: f64) -> String {
    let (new, old) = (difference < THRESHOLD, difference < OLD_THRESHOLD);
    let (t, o) = (num(THRESHOLD), num(OLD_THRESHOLD));
    if difference.is_nan() {
        return "UNDEFINED: the difference is not a number, so the check can say nothing (it does not pass)".into();
    }
    match (new, old) {
        (true, true) => format!(
            "PASS: below the threshold {t} (and below the course's older threshold {o}): backprop agrees with the numerical gradient"
        ),
        (true, false) => format!(
            "PASS: below the threshold {t}. The course's older threshold {o} would flag it: round-off in J(θ ± ε) alone is about that size, so {o} is too strict"
        ),
        (false, _) => format!(
            "FAIL: not below the threshold {t} (the older threshold was {o}): backprop disagrees with the numerical gradient"
        ),
    }
}

/// The course's 1-D check: `J(θ) = θ·x` with `x = 2`, `θ = 4`.
pub fn run_1d(eps: f64, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let difference = gradcheck::check_1d(X_1D, THETA_1D, eps);
    if json {
        let j = Json::obj([
            ("x", Json::from(X_1D)),
            ("theta", THETA_1D.into()),
            ("epsilon", eps.into()),
            ("difference", difference.into()),
            ("threshold", THRESHOLD.into()),
            ("passes", (difference < THRESHOLD).into()),
        ]);
        writeln!(out, "{j}")?;
        return Ok(());
    }
    // For display only; the difference itself comes from the core.
    let gradapprox = ((THETA_1D + eps) * X_1D - (THETA_1D - eps) * X_1D) / (2.0 * eps);
    writeln!(
        out,
        "1-D gradient check: J(θ) = θ·x with x = {}, θ = {}, epsilon {}",
        num(X_1D),
        num(THETA_1D),
        num(eps)
    )?;
    writeln!(
        out,
        "grad = x = {}; gradapprox = (J(θ + ε) - J(θ - ε)) / 2ε = {}",
        num(X_1D),
        num(gradapprox)
    )?;
    writeln!(
        out,
        "difference = |grad - gradapprox| / (|grad| + |gradapprox|) = {}",
        num(difference)
    )?;
    writeln!(out, "{}", verdict(difference))?;
    Ok(())
}
