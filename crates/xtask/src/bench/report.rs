//! The benchmark's markdown report: one row per case and runner, the ratios
//! against NumPy, the fraction of peak, the same-bits check and the targets.

use super::{Runner, Sample, CASES};
use std::fmt::Write as _;

pub(super) fn secs(t: f64) -> String {
    if !t.is_finite() {
        "-".into()
    } else if t >= 1.0 {
        format!("{t:.2} s")
    } else if t >= 1e-3 {
        format!("{:.1} ms", t * 1e3)
    } else {
        format!("{:.0} us", t * 1e6)
    }
}

/// The markdown report: one row per case and runner.
pub(super) fn report(
    runs: usize,
    machine: &str,
    peak: f64,
    numpy: &Runner,
    runners: &[&Runner],
    cli: &Runner,
    numpy_process: &Runner,
) -> String {
    let mut r = String::new();
    let _ = writeln!(
        r,
        "Machine: {machine}. {runs} rounds (every runner once per round, one run per case, wasm \
         after a warm-up run); times are min / median over the rounds."
    );
    let _ = writeln!(
        r,
        "Peak: {:.1} GFLOP/s f64 on one core, measured (12 independent AVX2 FMA chains: 4 lanes x \
         2 flops per instruction, two pipes). nnlab is single-threaded, so the second core does \
         not count. Without FMA (which determinism rules out) separate multiply and add pipes \
         reach the same 16 flops per cycle on this core with 256-bit AVX2; 128-bit SSE2 and wasm \
         SIMD128 reach at most half. \"% peak\" counts the matrix products only (a multiply and \
         an add per term).",
        peak / 1e9
    );
    let _ = writeln!(r);
    let _ = writeln!(
        r,
        "| case | GFLOP | runner | min | median | vs NumPy | % peak | bits |"
    );
    let _ = writeln!(r, "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |");
    for case in &CASES {
        let np = numpy.get(case.key);
        let reference = runners[0].get(case.key).map(|s| s.fingerprint.clone());
        let mut rows: Vec<(&str, Option<&Sample>)> = Vec::new();
        if case.iters > 0 {
            rows.push((numpy.name, np));
        }
        for runner in runners {
            rows.push((runner.name, runner.get(case.key)));
        }
        for (name, s) in rows {
            let Some(s) = s else {
                let why = if name == numpy.name {
                    numpy.samples.as_ref().err()
                } else {
                    runners
                        .iter()
                        .find(|r| r.name == name)
                        .and_then(|r| r.samples.as_ref().err())
                };
                let _ = writeln!(
                    r,
                    "| {} | | {name} | {} | | | | |",
                    case.label,
                    why.map(|w| w.lines().next().unwrap_or(""))
                        .unwrap_or("not run")
                );
                continue;
            };
            let ratio = match np {
                Some(np) if name != numpy.name => format!("{:.1}x", np.min() / s.min()),
                _ => String::new(),
            };
            let bits = match (&reference, name == numpy.name) {
                (_, true) => String::new(),
                (Some(f), false) if *f == s.fingerprint => "same".into(),
                (Some(_), false) => "DIFFER".into(),
                (None, false) => String::new(),
            };
            let _ = writeln!(
                r,
                "| {} | {:.3} | {name} | {} | {} | {ratio} | {:.1} % | {bits} |",
                case.label,
                case.flops() / 1e9,
                secs(s.min()),
                secs(s.median()),
                100.0 * case.flops() / s.min() / peak
            );
        }
    }
    let _ = writeln!(r);
    let he = CASES[0].flops();
    match (&cli.samples, numpy.get("he")) {
        (Ok(c), Some(np)) if !c.is_empty() => {
            let cli = &c[0];
            let _ = writeln!(
                r,
                "Native CLI, whole process `nnlab train 'preset=init-he'`: {} / {}, {:.1}x the \
                 NumPy training loop ({}){}; {:.1} % peak.",
                secs(cli.min()),
                secs(cli.median()),
                np.min() / cli.min(),
                secs(np.min()),
                match numpy_process.get("process") {
                    Some(p) => format!(
                        ", {:.1}x the whole NumPy program ({}, Python start-up and data loading \
                         included)",
                        p.min() / cli.min(),
                        secs(p.min())
                    ),
                    None => String::new(),
                },
                100.0 * he / cli.min() / peak
            );
        }
        (Ok(c), None) if !c.is_empty() => {
            let _ = writeln!(
                r,
                "Native CLI, whole process `nnlab train 'preset=init-he'`: {} / {} (no NumPy to \
                 compare with).",
                secs(c[0].min()),
                secs(c[0].median())
            );
        }
        (Err(e), _) => {
            let _ = writeln!(r, "Native CLI: {e}");
        }
        _ => {}
    }
    let _ = writeln!(r);
    let _ = writeln!(r, "Targets (ratios from the minima):");
    let ratio = |runner: &Runner, key: &str| -> Option<f64> {
        Some(numpy.get(key)?.min() / runner.get(key)?.min())
    };
    let chromium = runners.iter().find(|r| r.name == "wasm Chromium");
    let mut target =
        |what: &str, got: Option<f64>, ok: &dyn Fn(f64) -> bool, show: &dyn Fn(f64) -> String| {
            let line = match got {
                Some(v) => format!(
                    "- {what}: {} {}",
                    show(v),
                    if ok(v) { "(met)" } else { "(NOT met)" }
                ),
                None => format!("- {what}: not measured"),
            };
            let _ = writeln!(r, "{line}");
        };
    let x = |v: f64| format!("{v:.1}x");
    target(
        "wasm in Chromium >= 10x NumPy on the He lab",
        chromium.and_then(|c| ratio(c, "he")),
        &|v| v >= 10.0,
        &x,
    );
    target(
        "wasm in Chromium >= 8x NumPy on the dropout lab",
        chromium.and_then(|c| ratio(c, "dropout")),
        &|v| v >= 8.0,
        &x,
    );
    target(
        "native CLI (whole process) >= 12x NumPy (training loop)",
        match (cli.get("process"), numpy.get("he")) {
            (Some(c), Some(np)) => Some(np.min() / c.min()),
            _ => None,
        },
        &|v| v >= 12.0,
        &x,
    );
    target(
        "200x200 decision-region repaint in wasm (Chromium) < 3 ms",
        chromium.and_then(|c| c.get("regions200")).map(Sample::min),
        &|v| v < 3e-3,
        &|v| secs(v),
    );
    target(
        "views on / off, He lab in Chromium (the page's statistics cost) <= 1.10",
        chromium.and_then(|c| Some(c.get("he-views")?.min() / c.get("he")?.min())),
        &|v| v <= 1.10,
        &|v| format!("{v:.3}"),
    );
    let same = runners.iter().all(|runner| {
        CASES
            .iter()
            .all(|c| match (runners[0].get(c.key), runner.get(c.key)) {
                (Some(a), Some(b)) => a.fingerprint == b.fingerprint,
                _ => true,
            })
    });
    let _ = writeln!(
        r,
        "- same bits natively, in Node and in Chromium: {}",
        if same { "yes" } else { "NO" }
    );
    r
}
