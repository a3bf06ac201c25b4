//! Own points with numeric labels (regression's, the points encoding's
//! version 2) in hostile links: each refused naming `points=` and the fault;
//! a valid one trains under regression and is refused under classification.

// Shared with link_fuzz.rs, which uses the rest of it.
#[allow(dead_code)]
mod hostile_points;

use hostile_points::{forge, own_values};
use nnlab_core::config::link;
use nnlab_core::Trainer;

/// Own points with numeric labels whose range was forged (non-finite,
/// huge, reversed) or that were cut: refused naming `points=`; a valid one
/// trains under regression and is refused, naming `problem`, under
/// classification.
#[test]
fn hostile_valued_points_name_the_key_and_the_fault() {
    let valid = own_values(30);
    let range =
        |v: f64, at: usize| forge(&valid, |b| b[at..at + 8].copy_from_slice(&v.to_le_bytes()));
    for (points, fault) in [
        (
            range(f64::NAN, 38),
            "numeric labels that are non-finite or huge",
        ),
        (
            range(f64::NEG_INFINITY, 38),
            "numeric labels that are non-finite or huge",
        ),
        (
            range(1e300, 46),
            "numeric labels that are non-finite or huge",
        ),
        (
            range(-1e6, 46),
            "numeric labels that are non-finite or huge",
        ),
        (
            valid[..valid.len() - 7].to_string(),
            "the link was cut or changed",
        ),
        (
            forge(&valid, |b| b[0] = 7),
            "encoding version 7: this nnlab reads versions 1 to 2",
        ),
    ] {
        let link = format!("#data=custom&problem=regression&points={points}");
        let e = link::parse(&link).expect_err(&link).to_string();
        assert!(e.starts_with("points="), "{link}: {e}");
        assert!(e.contains(fault), "{link}: {e}");
    }
    let ok = link::parse(&format!("#data=custom&problem=regression&points={valid}")).unwrap();
    let mut t = Trainer::new(ok.config).unwrap();
    t.step(10);
    assert!(t.losses().0.is_finite());
    let e = link::parse(&format!("#data=custom&points={valid}")).unwrap_err();
    assert_eq!(e.key(), "problem");
}
