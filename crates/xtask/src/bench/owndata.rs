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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::parse_line;

    #[test]
    fn the_section_lists_every_case_and_compares_own_with_generated() {
        let mut native = Runner::new("native");
        let mut node = Runner::new("wasm Node");
        let line = |case: &str, t: f64, f: &str| {
            parse_line(&format!(
                r#"{{"case": "{case}", "times": [{t}], "fingerprint": "{f}"}}"#
            ))
            .unwrap()
        };
        native.add(Ok(vec![
            line("csv2000", 0.001, "a"),
            line("he2000", 0.2, "b"),
            line("he2000own", 0.1, "c"),
        ]));
        node.add(Ok(vec![line("csv2000", 0.002, "x")]));
        let r = report(&[&native, &node]);
        assert!(
            r.contains("| read a 2000-row CSV into points | native | 1.0 ms |"),
            "{r}"
        );
        assert!(
            r.contains(
                "| read a 2000-row CSV into points | wasm Node | 2.0 ms | 2.0 ms | DIFFER |"
            ),
            "{r}"
        );
        assert!(
            r.contains("| link text to 2000 points | native | not run | | |"),
            "{r}"
        );
        assert!(
            r.contains("native: own points train in 0.50x the time of generated ones"),
            "{r}"
        );
        assert!(!r.contains("wasm Node: own points"), "{r}");
    }
}
