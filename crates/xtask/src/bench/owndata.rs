//! The bench's own-data section: reading a 2000-row CSV into points,
//! writing 2000 points as link text and reading them back (each should take
//! well under 10 ms in wasm), and the He lab on 2000 own points against
//! the same points generated (the same speed expected). Cases and inputs are
//! the core's (`nnlab_core::run::bench::OwnData`, `case_config`).

use super::report::secs;
use super::Runner;
use std::fmt::Write as _;

/// The cases, as the harnesses name them, and their labels.
pub(super) const CASES: [(&str, &str); 5] = [
    ("csv2000", "read a 2000-row CSV into points"),
    ("encode2000", "2000 points to link text"),
    ("decode2000", "link text to 2000 points"),
    ("he2000", "He lab, 3k it., 2000 generated points"),
    ("he2000own", "He lab, 3k it., the same as own points"),
];

/// The section's table: min and median per runner and case, whether the
/// runners agree on the bits, and own / generated training time per runner.
pub(super) fn report(runners: &[&Runner]) -> String {
    let mut r = String::from("\nOwn data (times per call; min / median over the rounds):\n\n");
    let _ = writeln!(r, "| case | runner | min | median | bits |");
    let _ = writeln!(r, "| --- | --- | ---: | ---: | --- |");
    for (key, label) in CASES {
        let reference = runners[0].get(key).map(|s| s.fingerprint.clone());
        for runner in runners {
            let Some(s) = runner.get(key) else {
                let _ = writeln!(r, "| {label} | {} | not run | | |", runner.name);
                continue;
            };
            let bits = if reference.as_deref() == Some(s.fingerprint.as_str()) {
                "same"
            } else {
                "DIFFER"
            };
            let (min, median) = (secs(s.min()), secs(s.median()));
            let _ = writeln!(
                r,
                "| {label} | {} | {min} | {median} | {bits} |",
                runner.name
            );
        }
    }
    for runner in runners {
        if let (Some(own), Some(generated)) = (runner.get("he2000own"), runner.get("he2000")) {
            let ratio = own.min() / generated.min();
            let _ = writeln!(
                r,
                "\n{}: own points train in {ratio:.2}x the time of generated ones (min over min).",
                runner.name
            );
        }
    }
    r
}
