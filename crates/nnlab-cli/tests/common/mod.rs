//! What the `nnlab` end-to-end tests share: running the binary, reading its
//! JSON, the course's reference numbers.
#![allow(dead_code)] // each test file uses some of these

use std::ffi::OsStr;
use std::process::{Command, Output};

use serde_json::Value;

pub fn nnlab<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nnlab"))
        .args(args)
        .output()
        .expect("the nnlab binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs a command that must succeed and print one JSON object on one line.
pub fn json(args: &[&str]) -> Value {
    let o = nnlab(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{args:?}: one line of JSON");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// Runs a command that must fail as bad input and returns its message.
pub fn bad_input<S: AsRef<OsStr> + std::fmt::Debug>(args: &[S]) -> String {
    let o = nnlab(args);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?}: exit code; stderr: {err}"
    );
    assert!(o.stdout.is_empty(), "{args:?}: stdout must be empty");
    assert!(
        err.ends_with('\n') && err.lines().count() == 1,
        "{args:?}: one line on stderr, got {err:?}"
    );
    err
}

pub fn reference(name: &str) -> Value {
    let path = format!(
        "{}/../nnlab-core/tests/reference/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect(&path)
}

/// A JSON number, or one of the strings "inf", "-inf", "nan".
pub fn num(v: &Value) -> f64 {
    match v.as_str() {
        Some("inf") => f64::INFINITY,
        Some("-inf") => f64::NEG_INFINITY,
        Some("nan") => f64::NAN,
        _ => v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")),
    }
}

pub fn costs(run: &Value) -> Vec<(u64, f64)> {
    run["costs"]
        .as_array()
        .expect("costs")
        .iter()
        .map(|p| (p[0].as_u64().expect("iteration"), num(&p[1])))
        .collect()
}

pub fn assert_close(what: &str, got: f64, want: f64, rel: f64) {
    if want.is_infinite() || got.is_infinite() {
        assert_eq!(got, want, "{what}");
        return;
    }
    let err = (got - want).abs() / want.abs();
    assert!(
        err <= rel,
        "{what}: got {got:e}, want {want:e} (relative {err:e})"
    );
}

/// Checks what every finished run reports: status, iteration count, the
/// last cost, and counts consistent with the accuracies.
pub fn check_outcome(run: &Value, query: &str, iters: u64, totals: (u64, u64)) {
    assert_eq!(run["query"], query);
    assert_eq!(run["status"], "done");
    assert_eq!(run["iterations"], iters);
    let c = costs(run);
    assert_eq!(c.first().map(|p| p.0), Some(0));
    assert_eq!(
        c.last().map(|p| p.0),
        Some(iters - 1),
        "the last iteration's cost"
    );
    for (set, total) in [("train", totals.0), ("test", totals.1)] {
        let correct = run[format!("{set}_correct")].as_u64().expect("count");
        assert_eq!(run[format!("{set}_total")], total);
        assert_eq!(
            num(&run[format!("{set}_accuracy")]),
            correct as f64 / total as f64,
            "{set} count and accuracy agree"
        );
    }
}

/// A full course run: the costs every 1000 iterations within 1e-9 of the
/// course's, the accuracies exactly.
pub fn check_course_run(preset: &str, want: &Value, iters: u64, totals: (u64, u64)) {
    let run = json(&["train", preset, "--json"]);
    check_outcome(&run, &format!("preset={preset}"), iters, totals);
    let every_1000: Vec<(u64, f64)> = costs(&run)
        .into_iter()
        .filter(|p| p.0 % 1000 == 0)
        .collect();
    let want_costs = want["costs_every_1000"]
        .as_array()
        .expect("reference costs");
    assert_eq!(every_1000.len(), want_costs.len(), "{preset}: checkpoints");
    for (k, ((i, got), w)) in every_1000.iter().zip(want_costs).enumerate() {
        assert_eq!(*i, 1000 * k as u64);
        assert_close(&format!("{preset} cost at {i}"), *got, num(w), 1e-9);
    }
    check_accuracies(preset, &run, want);
}

pub fn check_accuracies(preset: &str, run: &Value, want: &Value) {
    for key in ["train_accuracy", "test_accuracy"] {
        assert_eq!(num(&run[key]), num(&want[key]), "{preset} {key}");
    }
}
