//! Own data on the command line: `nnlab import` embeds a CSV's points in a
//! link, `nnlab data` prints any configuration's points as CSV, and
//! `train`/`gradcheck` run links that hold points. Bad input exits 2 with
//! the core's message (line and column, or key and value).

mod common;

use common::{bad_input, json, nnlab, stderr, stdout};
use std::path::{Path, PathBuf};

/// A file in the temporary directory, unique to this test process.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("nnlab-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

/// Two clusters in units of hundreds, labels as words.
fn own_csv() -> String {
    let mut text = String::from("x1;x2;label\r\n");
    for i in 0..60 {
        let (cx, label) = if i % 2 == 0 {
            (200.0, "red")
        } else {
            (700.0, "blue")
        };
        text.push_str(&format!(
            "{};{};{label}\r\n",
            cx + (i * 37 % 101) as f64,
            300.0 + (i * 53 % 97) as f64
        ));
    }
    text
}

fn import(file: &Path, query: &str) -> String {
    let o = nnlab(&["import", file.to_str().unwrap(), query]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("60 points, split by testFrac and dataSeed; labels: red → 0, blue → 1"),
        "{}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1);
    out.trim_end().to_string()
}

#[test]
fn import_then_data_then_import_gives_the_same_link_and_run() {
    let file = temp_file("own.csv", own_csv().as_bytes());
    let query = import(&file, "preset=init-he&iters=300&normalize=1&play=1");
    assert!(
        query.starts_with("data=custom&normalize=1&points="),
        "{query}"
    );
    assert!(query.ends_with("&iters=300&play=1"), "{query}");
    let o = nnlab(&["data", &query]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    assert_eq!(csv.lines().next(), Some("x1,x2,label,set"));
    assert_eq!(csv.lines().count(), 61);
    assert_eq!(
        csv.lines().filter(|l| l.ends_with(",test")).count(),
        15,
        "testFrac 0.25"
    );
    let exported = temp_file("exported.csv", csv.as_bytes());
    let o = nnlab(&["import", exported.to_str().unwrap(), &query]);
    assert_eq!(
        stdout(&o).trim_end(),
        query,
        "the exported file imports as the same link"
    );
    let a = json(&["train", &query, "--json"]);
    let b = json(&["train", stdout(&o).trim_end(), "--json"]);
    assert_eq!(a, b);
    assert_eq!(a["iterations"].as_u64(), Some(300), "{a}");
    let g = json(&["gradcheck", &query, "--json"]);
    assert!(g["difference"].as_f64().unwrap() < 1e-6, "{g}");
    std::fs::remove_file(file).ok();
    std::fs::remove_file(exported).ok();
}

#[test]
fn data_prints_the_points_of_any_configuration() {
    let o = nnlab(&["data", "preset=init-he"]);
    assert_eq!(o.status.code(), Some(0));
    let csv = stdout(&o);
    assert_eq!(csv.lines().count(), 401);
    assert_eq!(csv.lines().filter(|l| l.ends_with(",test")).count(), 100);
    let own = temp_file("circles.csv", csv.as_bytes());
    let o = nnlab(&["import", own.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("data=custom&points="));
    std::fs::remove_file(own).ok();
    let e = bad_input(&["data", "preset=gradcheck"]);
    assert!(e.contains("4-D data: own points are 2-D"), "{e}");
}

#[test]
fn bad_own_data_exits_2_with_the_core_message() {
    for (contents, message) in [
        (&b""[..], "the data is empty"),
        (b"x1,x2,label\n", "only a header row"),
        (b"1,2,0\n3,4,0\n", "needs two classes"),
        (
            b"1,2,0\n3,abc,1\n",
            "line 2, column 2 (x2): \"abc\": expected a number",
        ),
        (b"1,2,0\n\xff\xfe\x00\x01,2,1\n", "line 2: binary data"),
        (
            b"1,2,a\n3,4,b\n5,6,c\n",
            "line 3, column 3 (label): \"c\" is a third label",
        ),
    ] {
        let file = temp_file("bad.csv", contents);
        let e = bad_input(&["import", file.to_str().unwrap(), "preset=init-he"]);
        assert!(e.contains(message), "{contents:?}: {e}");
        std::fs::remove_file(file).ok();
    }
    let e = bad_input(&["import", "/nonexistent/nnlab.csv"]);
    assert!(e.contains("cannot read '/nonexistent/nnlab.csv'"), "{e}");
    let file = temp_file("ok.csv", own_csv().as_bytes());
    let query = import(&file, "iters=10");
    std::fs::remove_file(file).ok();
    let cut = &query[..query.len() - 20];
    for command in ["train", "gradcheck", "data"] {
        let e = bad_input(&[command, cut]);
        assert!(
            e.starts_with("nnlab: points=") && e.contains("the link was cut or changed"),
            "{command}: {e}"
        );
    }
    let e = bad_input(&["train", "data=custom"]);
    assert!(e.contains("data=custom needs points="), "{e}");
}

#[test]
fn the_import_query_describes_the_run_on_the_files_points() {
    let file = temp_file("split.csv", own_csv().as_bytes());
    // testFrac applies to own points, not to the course's data (the query's own default):
    // it is checked once the file's points are in.
    let query = import(&file, "testFrac=0.3&iters=10");
    assert!(
        query.starts_with("data=custom&") && query.contains("testFrac=0.3"),
        "{query}"
    );
    let o = nnlab(&["data", &query]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().filter(|l| l.ends_with(",test")).count(),
        18
    );
    // Bad values still name their key; the file is not blamed for them.
    let name = file.to_str().unwrap();
    for (query, message) in [
        ("testFrac=2", "nnlab: testFrac=2: out of range"),
        ("lr=abc", "nnlab: lr=abc: expected a number"),
        ("lock=cats", "nnlab: lock=cats: expected key or group names"),
    ] {
        let e = bad_input(&["import", name, query]);
        assert!(e.starts_with(message), "{query}: {e}");
    }
    std::fs::remove_file(file).ok();
}

/// A surface's values over points in units of hundreds: `y = (x1 − x2)/100`.
fn valued_csv() -> String {
    let mut text = String::from("x1,x2,y\n");
    for i in 0..50 {
        let (a, b) = (100 + 17 * (i * 7 % 50), 300 + 11 * (i * 3 % 40));
        text.push_str(&format!("{a},{b},{}\n", f64::from(a - b) / 100.0));
    }
    text
}

#[test]
fn numeric_labels_under_regression_import_export_and_train() {
    let file = temp_file("values.csv", valued_csv().as_bytes());
    let base = "data=plane&problem=regression&normalize=1&iters=400";
    let o = nnlab(&["import", file.to_str().unwrap(), base]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "50 points, split by testFrac and dataSeed; labels: numbers from -4.74 to 5.94"
        ),
        "{}",
        stderr(&o)
    );
    let query = stdout(&o).trim_end().to_string();
    assert!(
        query.starts_with("data=custom&problem=regression&normalize=1&points="),
        "{query}"
    );
    // Export, import again: the same link, the same run.
    let o = nnlab(&["data", &query]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    assert_eq!(csv.lines().count(), 51);
    assert!(csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(2)
        .unwrap()
        .contains('.'));
    let exported = temp_file("values-exported.csv", csv.as_bytes());
    let o = nnlab(&["import", exported.to_str().unwrap(), &query]);
    assert_eq!(stdout(&o).trim_end(), query);
    // It trains and prints its costs and losses.
    let o = nnlab(&["train", &query]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Cost after iteration 0: "), "{text}");
    assert!(text.contains("Train loss (1/(2m)·Σ(ŷ − y)²): "), "{text}");
    let run = json(&["train", &query, "--json"]);
    assert_eq!(run["problem"], "regression");
    assert_eq!(run["train_total"].as_u64(), Some(37));
    let first = run["costs"][0][1].as_f64().unwrap();
    let last = run["train_loss"].as_f64().unwrap();
    assert!(last < first / 5.0, "{first} → {last}");
    // Under classification the same points are refused, naming the problem.
    let e = bad_input(&["train", &query.replace("problem=regression&", "")]);
    assert!(
        e.contains("problem=classification: the own points' labels are numbers from -4.74 to 5.94"),
        "{e}"
    );
    std::fs::remove_file(file).ok();
    std::fs::remove_file(exported).ok();
}

#[test]
fn bad_numeric_labels_exit_2_naming_line_and_value() {
    let regression = "data=gauss&problem=regression";
    for (contents, message) in [
        (
            &b"1,2,0.5\n3,4,dog\n"[..],
            "line 2, column 3 (label): \"dog\": expected a number",
        ),
        (
            b"1,2,0.5\n3,4,NaN\n",
            "line 2, column 3 (label): \"NaN\": expected a finite number",
        ),
        (
            b"1,2,inf\n3,4,1\n",
            "line 1, column 3 (label): \"inf\": expected a finite number",
        ),
        (
            b"1,2,0.5\n3,4,1e400\n",
            "line 2, column 3 (label): \"1e400\": expected a finite number",
        ),
        (
            b"1,2,0.5\n3,4,5e12\n",
            "line 2, column 3 (label): \"5e12\": expected a number from -1e12 to 1e12",
        ),
    ] {
        let file = temp_file("badvalues.csv", contents);
        let e = bad_input(&["import", file.to_str().unwrap(), regression]);
        assert!(e.contains(message), "{contents:?}: {e}");
        std::fs::remove_file(file).ok();
    }
    // Numbers under classification: the link turns to regression and says so.
    let file = temp_file("numbers.csv", valued_csv().as_bytes());
    let o = nnlab(&["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("problem=regression"), "{}", stdout(&o));
    assert!(
        stderr(&o).ends_with("(problem=regression)\n"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(&file).ok();
    // ... unless a label is no number: the third label's message names regression.
    let mut text = valued_csv();
    text.push_str("0,0,inf\n");
    let file = temp_file("numbers.csv", text.as_bytes());
    let e = bad_input(&["import", file.to_str().unwrap()]);
    assert!(e.contains("column 3 (label)"), "{e}");
    assert!(
        e.contains("numeric labels are read with problem=regression"),
        "{e}"
    );
    std::fs::remove_file(file).ok();
}
