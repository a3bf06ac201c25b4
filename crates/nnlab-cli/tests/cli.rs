//! The `nnlab` binary end to end: every course run through
//! `nnlab train <preset> --json` against the course's reference numbers
//! (`../nnlab-core/tests/reference/`), the keys listing, and bad input
//! (exit code exactly 2, one line on stderr, nothing on stdout; never a
//! panic). Gradient checking is in `gradcheck.rs`.

use std::ffi::OsStr;

use nnlab_core::config::error::shown;
use nnlab_core::config::link::{self, KEYS};
use nnlab_core::model::network::Network;
use nnlab_core::{Preset, Trainer};
use serde_json::Value;
mod common;
use common::*;

#[test]
fn course_initialization_he() {
    let want = &reference("lab_initialization.json")["he"];
    check_course_run("init-he", want, 15_000, (300, 100));
}

#[test]
fn course_initialization_zeros() {
    let want = &reference("lab_initialization.json")["zeros"];
    check_course_run("init-zeros", want, 15_000, (300, 100));
}

#[test]
fn course_initialization_random_times_10() {
    let want = &reference("lab_initialization.json")["random"];
    let run = json(&["train", "--json", "init-random"]);
    check_outcome(&run, "preset=init-random", 15_000, (300, 100));
    assert_eq!(want["cost_at_iteration_0"], "inf");
    assert_eq!(run["costs"][0], serde_json::json!([0, "inf"]));
    check_accuracies("init-random", &run, want);
    assert_eq!(
        (num(&run["train_accuracy"]), num(&run["test_accuracy"])),
        (0.83, 0.86)
    );
}

#[test]
fn course_regularization_none() {
    let want = &reference("lab_regularization.json")["none"];
    check_course_run("reg-none", want, 30_000, (211, 200));
}

#[test]
fn course_regularization_l2() {
    let want = &reference("lab_regularization.json")["l2"];
    check_course_run("reg-l2", want, 30_000, (211, 200));
}

#[test]
fn course_regularization_dropout() {
    let want = &reference("lab_regularization.json")["dropout_fixed_mask"];
    let run = json(&["train", "preset=reg-dropout", "--json"]);
    check_outcome(&run, "preset=reg-dropout", 30_000, (211, 200));
    check_accuracies("reg-dropout", &run, want);
}

/// The JSON's numbers are the core's bits: printing loses nothing.
#[test]
fn train_json_is_bit_exact() {
    let query = "preset=reg-l2&iters=2500";
    let run = json(&["train", query, "--json"]);
    let mut t = Trainer::new(link::parse(query).unwrap().config).unwrap();
    t.run();
    let mut want = t.checkpoints().to_vec();
    want.push(t.last_cost().unwrap());
    let got = costs(&run);
    assert_eq!(got.len(), want.len());
    for ((gi, g), (wi, w)) in got.iter().zip(&want) {
        assert_eq!((gi, g.to_bits()), (wi, w.to_bits()));
    }
    let (train, test) = t.accuracy();
    assert_eq!(
        num(&run["train_accuracy"]).to_bits(),
        train.fraction().to_bits()
    );
    assert_eq!(
        num(&run["test_accuracy"]).to_bits(),
        test.fraction().to_bits()
    );
    assert_eq!(run["train_correct"], train.correct);
}

/// `nnlab weights` prints the trained network's parameters, every f64 read
/// back to the engine's bits (the e2e suite compares the page's export, in
/// Chromium and Firefox, with this text).
#[test]
fn weights_are_the_trained_networks_bits() {
    let query = "preset=reg-l2&iters=2500";
    let o = nnlab(&["weights", query]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got: Value = serde_json::from_str(&stdout(&o)).expect("weights JSON");
    let mut t = Trainer::new(link::parse(query).unwrap().config).unwrap();
    t.run();
    assert_eq!(got["iteration"], t.iteration());
    assert_eq!(got["sizes"], serde_json::json!([2, 20, 3, 1]));
    let params = t.network().params();
    assert_eq!(params.len(), 6);
    for (p, m) in params.iter().enumerate() {
        let name = Network::param_name(p);
        let param = &got["params"][&name];
        assert_eq!(param["shape"], serde_json::json!([m.rows(), m.cols()]));
        let data: Vec<u64> = param["data"]
            .as_array()
            .expect("data array")
            .iter()
            .map(|v| num(v).to_bits())
            .collect();
        let want: Vec<u64> = m.as_slice().iter().map(|v| v.to_bits()).collect();
        assert_eq!(data, want, "{name}");
    }
    // The untrained network's weights differ: the run really trained.
    let untrained = Trainer::new(link::parse(query).unwrap().config).unwrap();
    assert_ne!(
        untrained.network().params()[0].as_slice(),
        params[0].as_slice()
    );
    assert!(bad_input(&["weights", "preset=init-he&lr=abc"]).contains("lr"));
}

#[test]
fn train_prints_for_people_without_json() {
    let o = nnlab(&["train", "preset=init-he&iters=1500"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "Cost after iteration 0: 0.88305374634197",
        "Cost after iteration 1000: ",
        "Cost at the last iteration (1499): ",
        "Train accuracy: ",
        "Test accuracy: ",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    assert!(out.contains("accuracy"));
    // A changed preset is not the course's run: no comparison is printed.
    assert!(!out.contains("The course prints"), "{out}");
}

#[test]
fn an_infinite_cost_is_shown_and_explained() {
    let o = nnlab(&["train", "preset=init-random&iters=10"]);
    let out = stdout(&o);
    assert!(out.contains("Cost after iteration 0: inf\n"), "{out}");
    assert!(out.contains("saturated"), "{out}");
}

#[test]
fn flags_go_before_or_after_the_query() {
    let q = "preset=init-he&iters=20";
    let outputs: Vec<Vec<u8>> = [
        &["train", q, "--json"][..],
        &["train", "--json", q],
        &["--json", "train", q],
        &["train", "--json", "--", q],
    ]
    .iter()
    .map(|a| nnlab(a).stdout)
    .collect();
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn presets_links_and_queries_are_the_same_run() {
    let want = json(&["train", "preset=init-he&iters=20", "--json"]);
    assert_eq!(want["query"], "preset=init-he&iters=20");
    for q in [
        "#preset=init-he&iters=20",
        "?preset=init-he&iters=20",
        "https://example.org/nnlab/#iters=20&preset=init-he",
        "https://example.org/nnlab/?preset=init-he&iters=20",
    ] {
        assert_eq!(json(&["train", q, "--json"]), want, "{q}");
    }
    for q in ["init-he", "#init-he", "preset=init-he&iters=15000"] {
        assert_eq!(json(&["gradcheck", q, "--json"])["query"], "preset=init-he");
    }
}

#[test]
fn a_diverged_run_says_so_and_exits_0() {
    let q = "preset=init-random&data=moons&n=60&layers=64,64,64,64,64,64&scale=100000&iters=10";
    let o = nnlab(&["train", q, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let run: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(run["status"], "diverged");
    let at = run["diverged_at"].as_u64().unwrap();
    assert_eq!(run["iterations"], at);
    assert!(at < 10);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1);
    assert!(
        err.contains(&format!("diverged at iteration {at}")),
        "{err}"
    );

    let human = nnlab(&["train", q]);
    assert_eq!(human.status.code(), Some(0));
    assert!(stdout(&human).contains("Diverged at iteration"));
}

#[test]
fn link_warnings_go_to_stderr_and_strict_makes_them_errors() {
    let q = "preset=init-he&iters=5&lamda=0.1&iters=3";
    let o = nnlab(&["train", q, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("warning: lamda=0.1: unknown key, ignored"),
        "{err}"
    );
    assert!(err.contains("warning: iters=3: repeated key"), "{err}");
    let run: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(run["iterations"], 3);

    let err = bad_input(&["train", q, "--strict"]);
    assert!(err.contains("lamda=0.1"), "{err}");
}

#[test]
fn a_flood_of_warnings_is_cut_short() {
    let q = format!("iters=2{}", "&junk=1".repeat(500));
    let o = nnlab(&["train", &q, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 11, "{err}");
    assert!(err.contains("more warnings not shown"), "{err}");
}

#[test]
fn keys_and_help_list_every_key_and_preset() {
    for args in [&["keys"][..], &["--help"], &["help"], &["train", "-h"]] {
        let o = nnlab(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        for key in KEYS {
            let line = format!("{}: {}", key.label(), key.help());
            assert!(
                out.contains(key.name) && out.contains(&line),
                "{args:?}: {}",
                key.name
            );
            assert!(out.contains(&key.group.title()), "{args:?}: {}", key.name);
        }
        for p in Preset::ALL {
            assert!(out.contains(p.name()), "{args:?}: {}", p.name());
        }
    }
    assert!(stdout(&nnlab(&["--help"])).contains("Usage"));
    assert!(stdout(&nnlab(&["keys"])).contains("(number, 1e-12 <= eps <= 0.1)"));
    let k = json(&["keys", "--json"]);
    let names: Vec<&str> = k["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = std::iter::once("preset")
        .chain(KEYS.iter().map(|k| k.name))
        .collect();
    assert_eq!(names, want);
    for (j, key) in k["keys"].as_array().unwrap()[1..].iter().zip(KEYS) {
        assert_eq!(j["label"], key.label(), "{}", key.name);
        assert_eq!(j["help"], key.help(), "{}", key.name);
        assert_eq!(j["kind"], key.kind.name(), "{}", key.name);
        assert_eq!(j["group"], key.group.name(), "{}", key.name);
        assert_eq!(
            j["choices"],
            serde_json::json!(key.choices()),
            "{}",
            key.name
        );
        assert_eq!(j["optional"], key.info().optional, "{}", key.name);
        assert_eq!(j["view"], key.is_view(), "{}", key.name);
        assert_eq!(
            j["range"]["max"].as_f64(),
            key.range.map(|r| r.max),
            "{}",
            key.name
        );
    }
    assert_eq!(
        k["keys"][0]["choices"].as_array().unwrap().len(),
        Preset::ALL.len()
    );
    assert_eq!(k["presets"].as_array().unwrap().len(), Preset::ALL.len());
    let v = nnlab(&["--version"]);
    assert_eq!(v.status.code(), Some(0));
    assert!(stdout(&v).starts_with("nnlab "));
}

#[test]
fn bench_times_runs() {
    let b = json(&["bench", "preset=init-he&iters=100", "--repeat", "3"]);
    assert_eq!(b["query"], "preset=init-he&iters=100");
    assert_eq!(b["runs"], 3);
    assert_eq!(b["iterations"], 100);
    assert_eq!(b["deterministic"], true);
    let (min, median) = (num(&b["min_ms"]), num(&b["median_ms"]));
    assert!(min > 0.0 && min <= median, "{b}");
    assert_eq!(
        json(&["bench", "--repeat=1", "#init-he&iters=5"])["runs"],
        1
    );
}

/// A 10 kB value of printable junk (no `&`, `=`, `#`, `?`, `%`, spaces):
/// the whole thing is one value of `lr`.
fn garbage() -> String {
    let alphabet: Vec<char> = "abcXYZ0189!$'()*+,-./:;<>@[]^_`{|}~λ猫é\u{1F600}"
        .chars()
        .collect();
    let mut state: u32 = 12345;
    let mut s = String::new();
    while s.len() < 10_000 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
        s.push(alphabet[(state >> 16) as usize % alphabet.len()]);
    }
    s
}

#[test]
fn bad_queries_exit_2_with_one_line_naming_the_key_and_the_value() {
    let junk = garbage();
    let cases: Vec<(String, &str, String)> = [
        ("lr=abc", "lr", "abc"),
        ("lr=NaN", "lr", "NaN"),
        ("lr=inf", "lr", "inf"),
        ("lr=-0.1", "lr", "-0.1"),
        ("lr=%ZZ", "lr", "%ZZ"),
        ("keep=0", "keep", "0"),
        ("keep=1.5", "keep", "1.5"),
        ("layers=", "layers", ""),
        ("layers=100000", "layers", "100000"),
        ("layers=10,,5", "layers", "10,,5"),
        ("layers=1,2,3,4,5,6,7", "layers", "1,2,3,4,5,6,7"),
        ("layers=64,64,64,64,64,64", "layers", "64,64,64,64,64,64"),
        ("layers=１０", "layers", "１０"),
        ("iters=-1", "iters", "-1"),
        ("iters=0", "iters", "0"),
        ("iters=99999999999", "iters", "99999999999"),
        ("data=cats", "data", "cats"),
        ("data=猫", "data", "猫"),
        ("preset=x", "preset", "x"),
        ("preset=init-he&preset=", "preset", ""),
        ("seed=4294967296", "seed", "4294967296"),
        ("eps=1", "eps", "1"),
        ("mask=sometimes", "mask", "sometimes"),
        ("bugs=w3", "bugs", "w3"),
        ("play=yes", "play", "yes"),
        ("init=case", "init", "case"),
        ("data=football&n=10", "n", "10"),
        ("data=moons&n=1", "n", "1"),
        ("lr=1\n2", "lr", "1\n2"),
        ("λ=0.7&lr=x", "lr", "x"),
    ]
    .iter()
    .map(|(q, k, v)| (q.to_string(), *k, v.to_string()))
    .chain(std::iter::once((format!("lr={junk}"), "lr", junk.clone())))
    .collect();
    for (query, key, value) in &cases {
        let want = format!("{key}={}", shown(value));
        for command in ["train", "gradcheck", "bench"] {
            let err = bad_input(&[command, query.as_str()]);
            assert!(
                err.contains(&want),
                "{command} {query:?}: {err:?} should name {want:?}"
            );
        }
        let err = bad_input(&["train", "--json", query.as_str()]);
        assert!(err.contains(&want), "--json {query:?}: {err}");
    }
    let err = bad_input(&["train", "eps=1"]);
    assert!(err.contains("allowed 1e-12 <= eps <= 0.1"), "{err}");
}

#[test]
fn bad_command_lines_exit_2_with_one_line() {
    for args in [
        &[][..],
        &["fly"],
        &["train"],
        &["train", ""],
        &["train", "   "],
        &["train", "#"],
        &["train", "cats"],
        &["train", "https://example.org/nnlab/"],
        &["train", "a=1", "b=2"],
        &["train", "--jsn", "init-he"],
        &["train", "-x", "init-he"],
        &["train", "--json=yes", "init-he"],
        &["train", "--repeat", "2", "init-he"],
        &["keys", "extra"],
        &["bench", "init-he", "--repeat", "0"],
        &["bench", "init-he", "--repeat", "x"],
        &["bench", "init-he", "--repeat"],
        &["gradcheck", "--1d", "--eps", "0"],
        &["gradcheck", "--1d", "--eps", "abc"],
        &["gradcheck", "--1d", "init-he"],
        &["gradcheck", "init-he", "--eps", "1e-4"],
        &["--version", "train"],
    ] {
        bad_input(args);
    }
    let err = bad_input(&["gradcheck", "--1d", "--eps", "0"]);
    assert!(err.contains("from 1e-12 to 0.1"), "{err}");
    let err = bad_input(&["frobnicate"]);
    assert!(err.contains("frobnicate"), "{err}");
    // Too many parameters to check one by one: the core's limit.
    let err = bad_input(&["gradcheck", "data=moons&layers=64,64"]);
    assert!(err.contains("layers=64,64"), "{err}");
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_bad_input() {
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"lr=\xff");
    bad_input(&[OsStr::new("train"), bad]);
}
