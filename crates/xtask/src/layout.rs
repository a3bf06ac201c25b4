//! The layout's size limits, checked on every `cargo test --workspace`
//! (ARCHITECTURE.md, "Invariants"): no source file over [`MAX_FILE_LINES`]
//! lines, and the web crate small enough to stay a binding
//! ([`MAX_WEB_LINES`] lines outside its unit tests).

use crate::root;
use std::fs;
use std::path::{Path, PathBuf};

/// A file longer than this holds more than one concept: split it.
const MAX_FILE_LINES: usize = 600;
/// `crates/nnlab-web/src` outside `#[cfg(test)]` modules: bindings and
/// pixel copies only; anything computed belongs in the core.
const MAX_WEB_LINES: usize = 1200;
/// Where the source lives, and the extensions that count as source.
const SOURCE_DIRS: [&str; 5] = ["crates", "www", "tests/e2e", "bench", ".ci"];
const SOURCE_EXTS: [&str; 7] = ["rs", "js", "mjs", "css", "html", "py", "toml"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            sources(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SOURCE_EXTS.contains(&e))
        {
            out.push(path);
        }
    }
}

/// Lines of a Rust file before its `#[cfg(test)]` module (the project's
/// files keep their unit tests at the end).
fn non_test_lines(text: &str) -> usize {
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .count()
}

#[test]
fn no_source_file_is_too_long() {
    let root = root();
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = fs::read_to_string(f).ok()?.lines().count();
            (n > MAX_FILE_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_FILE_LINES} lines: {}",
        long.join(", ")
    );
}

#[test]
fn the_web_crate_only_binds() {
    let mut files = Vec::new();
    sources(&root().join("crates/nnlab-web/src"), &mut files);
    let lines: usize = files
        .iter()
        .map(|f| non_test_lines(&fs::read_to_string(f).expect("readable source")))
        .sum();
    assert!(lines > 0, "no web crate sources found");
    assert!(
        lines <= MAX_WEB_LINES,
        "crates/nnlab-web/src has {lines} non-test lines, over {MAX_WEB_LINES}: move what is not a binding into nnlab-core"
    );
}

#[test]
fn test_modules_are_not_counted() {
    assert_eq!(non_test_lines("a\nb\n#[cfg(test)]\nmod tests {}\n"), 2);
    assert_eq!(non_test_lines("a\nb\n"), 2);
}
