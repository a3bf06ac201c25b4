//! `nnlab gradcheck` end to end: the course's case, the planted bugs, the
//! 1-D check, an undefined difference, and the same diagnosis as the page.

mod common;
use common::*;

use nnlab_core::config::link;
use nnlab_core::Trainer;

#[test]
fn gradcheck_course_case_passes() {
    let r = reference("lab_gradcheck.json");
    let g = json(&["gradcheck", "preset=gradcheck", "--json"]);
    assert_eq!(g["query"], "preset=gradcheck");
    assert_close(
        "difference",
        num(&g["difference"]),
        1.1890913024229996e-07,
        1e-9,
    );
    assert_close(
        "difference (reference)",
        num(&g["difference"]),
        num(&r["difference_correct_backprop"]),
        1e-9,
    );
    assert_close("cost", num(&g["cost"]), num(&r["cost_at_test_case"]), 1e-12);
    assert_eq!(g["threshold"], 2e-7);
    assert_eq!(g["epsilon"], 1e-7);
    assert_eq!(g["passes"], true);
    assert_eq!(g["passes_old_threshold"], false, "1e-7 flags correct code");
    let names: Vec<&str> = g["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["W1", "b1", "W2", "b2", "W3", "b3"]);
    assert!(g.get("worst_per_param").is_none(), "params[].worst says it");
    let entries = g["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 47);
    assert_eq!(entries[0]["param"], "W1");
    assert_eq!(entries[5]["row"], 1);
    assert_eq!(entries[5]["col"], 1);
    assert_eq!(entries[20]["param"], "b1");
    assert_eq!(entries[46]["param"], "b3");
    assert!(entries.iter().all(|e| num(&e["share"]) < 2e-7));
    assert_eq!(g["verdict"], "round-off");
    assert_eq!(g["suspects"], serde_json::json!([]));
    assert_eq!(g["course"]["value"], 1.1890913024229996e-07);
    assert!(g["course"]["digits"].as_u64().unwrap() >= 9);

    let out = stdout(&nnlab(&["gradcheck", "preset=gradcheck"]));
    assert!(out.contains("PASS"), "{out}");
    assert!(out.contains("1e-07"), "{out}");
    assert!(out.contains("W2[1,3]"), "{out}");
    assert!(!out.contains("<- alone above"), "{out}");
}

#[test]
fn gradcheck_finds_the_planted_bugs() {
    let g = json(&["gradcheck", "--json", "preset=gradcheck&bugs=w2,b1"]);
    assert_close(
        "difference",
        num(&g["difference"]),
        0.2850931567761623,
        1e-9,
    );
    assert_eq!(g["passes"], false);
    for p in g["params"].as_array().unwrap() {
        let (name, worst) = (p["name"].as_str().unwrap(), num(&p["worst"]));
        if name == "W2" || name == "b1" {
            assert!(worst > 0.1, "{name} lights up: {worst}");
        } else {
            assert!(worst < 1e-5, "{name} is clean: {worst}");
        }
    }
    // Rows marked as wrong on their own: exactly those of W2 and b1.
    for e in g["entries"].as_array().unwrap() {
        let bugged = e["param"] == "W2" || e["param"] == "b1";
        let nonzero = num(&e["analytic"]) != 0.0;
        assert_eq!(num(&e["share"]) > 2e-7, bugged && nonzero, "{e}");
    }

    let out = stdout(&nnlab(&["gradcheck", "preset=gradcheck&bugs=w2,b1"]));
    assert!(out.contains("FAIL"), "{out}");
    assert!(
        out.contains("Suspect (their gradient is wrong): b1, W2"),
        "{out}"
    );
    assert_eq!(g["suspects"], serde_json::json!(["b1", "W2"]));
    assert_eq!(g["verdict"], "fail");
    for line in out.lines().filter(|l| l.contains("<- alone above 2e-07")) {
        assert!(line.starts_with("b1[") || line.starts_with("W2["), "{line}");
    }
}

/// The page and the command line name the same suspects and the same
/// verdict: the CLI's `--json` against the page's data (the core view that
/// `nnlab-web`'s `Lab::gradcheck` hands to the page as is).
#[test]
fn page_and_cli_give_the_same_gradcheck_diagnosis() {
    use nnlab_core::run::gradcheck::diagnose;
    use nnlab_core::view::gradcheck::gradcheck_view;
    for (bugs, want) in [
        ("", &[][..]),
        ("w2", &["W2"][..]),
        ("b1", &["b1"][..]),
        ("w2,b1", &["b1", "W2"][..]),
    ] {
        let query = format!("preset=gradcheck&bugs={bugs}");
        let cli = json(&["gradcheck", &query, "--json"]);
        let trainer = Trainer::new(link::parse(&query).unwrap().config).unwrap();
        let (page, _) = gradcheck_view(&diagnose(&trainer).unwrap());

        let cli_suspects: Vec<&str> = cli["suspects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(cli_suspects, want, "{query}: CLI");
        assert_eq!(page.suspects, want, "{query}: page");
        let flagged = |params: Vec<(String, bool)>| -> Vec<String> {
            params.into_iter().filter(|p| p.1).map(|p| p.0).collect()
        };
        let cli_params = cli["params"].as_array().unwrap().iter().map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["suspect"].as_bool().unwrap(),
            )
        });
        assert_eq!(flagged(cli_params.collect()), want, "{query}: CLI params");
        let page_params = page.params.iter().map(|p| (p.name.clone(), p.suspect));
        assert_eq!(flagged(page_params.collect()), want, "{query}: page params");

        let verdict = if bugs.is_empty() { "round-off" } else { "fail" };
        assert_eq!(cli["verdict"], verdict, "{query}: CLI");
        assert_eq!(page.verdict, verdict, "{query}: page");
        assert_eq!(cli["verdict_text"], page.verdict_text.as_str(), "{query}");
        assert_eq!(cli["passes"], page.passes, "{query}");
        assert_eq!(num(&cli["difference"]).to_bits(), page.difference.to_bits());
    }
}

#[test]
fn gradcheck_1d() {
    let g = json(&["gradcheck", "--1d", "--json"]);
    assert_close(
        "1-D difference",
        num(&g["difference"]),
        2.919335883291695e-10,
        1e-9,
    );
    assert_eq!(
        (num(&g["x"]), num(&g["theta"]), num(&g["epsilon"])),
        (2.0, 4.0, 1e-7)
    );
    assert_eq!(g["passes"], true);
    let other = json(&["gradcheck", "--json", "--1d", "--eps=1e-4"]);
    assert_eq!(other["epsilon"], 1e-4);
    assert_ne!(other["difference"], g["difference"]);
    let out = stdout(&nnlab(&["gradcheck", "--1d"]));
    assert!(out.contains("2.919335883291695e-10"), "{out}");
}

#[test]
fn gradcheck_with_an_undefined_difference_explains_it() {
    let g = json(&["gradcheck", "init-zeros", "--json"]);
    assert_eq!(g["difference"], "nan");
    assert_eq!(g["passes"], false);
    let out = stdout(&nnlab(&["gradcheck", "init-zeros"]));
    assert!(out.contains("UNDEFINED") && out.contains("0/0"), "{out}");
    assert_eq!(g["verdict"], "undefined");
    assert!(g["verdict_text"].as_str().unwrap().contains("0/0"));
}
