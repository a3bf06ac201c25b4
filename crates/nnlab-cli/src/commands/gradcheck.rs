//! `nnlab gradcheck`: backprop against two-sided numerical differences, at
//! a configuration's starting weights, or the course's 1-D warm-up. The
//! diagnosis (suspects, verdict, the course's numbers) is the core's
//! [`Diagnosis`], the same the page shows; this module only prints it.

use std::io::Write;

use nnlab_core::config::link::Parsed;
use nnlab_core::format::fmt_py;
use nnlab_core::format::json::Json;
use nnlab_core::model::network::Network;
use nnlab_core::run::gradcheck::diagnosis::CourseNumber;
use nnlab_core::run::gradcheck::{diagnose, Diagnosis, OneD, OLD_THRESHOLD, THRESHOLD};
use nnlab_core::Trainer;

use crate::error::CliError;

/// Checks the configuration's starting weights. A failing check is a
/// result (exit 0), reported in the output.
pub fn run(parsed: Parsed, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let query = parsed.query();
    let trainer = Trainer::new(parsed.config)?;
    let diagnosis = diagnose(&trainer)?;
    if json {
        writeln!(out, "{}", to_json(&query, &diagnosis))?;
    } else {
        print(&query, &diagnosis, out)?;
    }
    Ok(())
}

fn course_json(c: &Option<CourseNumber>) -> Json {
    c.as_ref().map_or(Json::Null, |c| {
        Json::obj([
            ("label", Json::from(c.label.as_str())),
            ("value", c.value.into()),
            ("digits", u64::from(c.digits).into()),
        ])
    })
}

/// `{query, difference, threshold, passes, old_threshold,
/// passes_old_threshold, verdict, verdict_text, suspects, epsilon, cost,
/// course, params: [{name, rows, cols, offset, worst, difference, share,
/// suspect}] (in the network's order: W1, b1, W2, ...), entries: [{param,
/// row, col, analytic, numerical, relative_error, share}]}`.
pub fn to_json(query: &str, d: &Diagnosis) -> Json {
    let r = &d.report;
    let params = d.params.iter().map(|p| {
        Json::obj([
            ("name", Json::from(p.name.as_str())),
            ("rows", p.rows.into()),
            ("cols", p.cols.into()),
            ("offset", p.offset.into()),
            ("worst", p.worst.into()),
            ("difference", p.difference.into()),
            ("share", p.share.into()),
            ("suspect", p.suspect.into()),
        ])
    });
    let entries = r.entries.iter().zip(r.shares()).map(|(e, share)| {
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
        ("passes", d.passes().into()),
        ("old_threshold", OLD_THRESHOLD.into()),
        ("passes_old_threshold", d.passes_old().into()),
        ("verdict", d.verdict.name().into()),
        ("verdict_text", d.verdict_text().into()),
        ("suspects", Json::arr(d.suspects.iter().map(String::as_str))),
        ("epsilon", r.epsilon.into()),
        ("cost", r.cost.into()),
        ("course", course_json(&d.course)),
        ("params", Json::Arr(params.collect())),
        ("entries", Json::Arr(entries.collect())),
    ])
}

fn print(query: &str, d: &Diagnosis, out: &mut dyn Write) -> Result<(), CliError> {
    let r = &d.report;
    writeln!(out, "nnlab gradcheck {query}")?;
    writeln!(
        out,
        "{} parameters, epsilon {}, cost J = {}",
        r.entries.len(),
        fmt_py(r.epsilon),
        fmt_py(r.cost)
    )?;
    writeln!(
        out,
        "difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||) = {}",
        fmt_py(r.difference)
    )?;
    writeln!(out, "{}: {}", d.verdict.headline(), d.verdict_text())?;
    if let Some(c) = &d.course {
        writeln!(
            out,
            "The course prints {} ({}): {} significant digits agree",
            fmt_py(c.value),
            c.label,
            c.digits
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:9}  {:>24}  {:>24}  {:>24}  suspect",
        "parameter", "worst relative error", "difference", "share of difference"
    )?;
    for p in &d.params {
        writeln!(
            out,
            "{:9}  {:>24}  {:>24}  {:>24}  {}",
            p.name,
            fmt_py(p.worst),
            fmt_py(p.difference),
            fmt_py(p.share),
            if p.suspect { "yes" } else { "no" }
        )?;
    }
    if !d.suspects.is_empty() {
        writeln!(
            out,
            "Suspect (their gradient is wrong): {}",
            d.suspects.join(", ")
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
    for ((e, label), (share, stands_out)) in r.entries.iter().zip(&labels).zip(d.entry_shares()) {
        let flag = if stands_out {
            format!("  <- alone above {}", fmt_py(THRESHOLD))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{label:width$}  {:>24}  {:>24}  {:>24}  {:>24}{flag}",
            fmt_py(e.analytic),
            fmt_py(e.numerical),
            fmt_py(e.relative_error),
            fmt_py(share)
        )?;
    }
    writeln!(out, "{}", Diagnosis::rule_text())?;
    Ok(())
}

/// The course's 1-D check: `J(θ) = θ·x` with `x = 2`, `θ = 4`.
pub fn run_1d(eps: f64, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let d = OneD::at(eps);
    if json {
        let j = Json::obj([
            ("x", Json::from(d.x)),
            ("theta", d.theta.into()),
            ("epsilon", d.epsilon.into()),
            ("gradapprox", d.gradapprox.into()),
            ("difference", d.difference.into()),
            ("threshold", THRESHOLD.into()),
            ("passes", d.passes().into()),
            ("verdict", d.verdict.name().into()),
            ("course", course_json(&d.course)),
        ]);
        writeln!(out, "{j}")?;
        return Ok(());
    }
    writeln!(
        out,
        "1-D gradient check: J(θ) = θ·x with x = {}, θ = {}, epsilon {}",
        fmt_py(d.x),
        fmt_py(d.theta),
        fmt_py(d.epsilon)
    )?;
    writeln!(
        out,
        "grad = x = {}; gradapprox = (J(θ + ε) - J(θ - ε)) / 2ε = {}",
        fmt_py(d.x),
        fmt_py(d.gradapprox)
    )?;
    writeln!(
        out,
        "difference = |grad - gradapprox| / (|grad| + |gradapprox|) = {}",
        fmt_py(d.difference)
    )?;
    writeln!(out, "{}: {}", d.verdict.headline(), d.verdict_text())?;
    Ok(())
}
