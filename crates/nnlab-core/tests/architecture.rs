//! The core's (and the engine's, `crates/nnlab-engine`) module graph has no cycle: each module file depends only on
//! files below it (the numeric engine never imports the model, and so on).
//!
//! The graph is read from the sources: a path `crate::a::b::…` in file F
//! (in a `use` or inline) makes F depend on the module file of the longest
//! prefix that exists (`a/b.rs` or `a/b/mod.rs`); `super::` and `self::`
//! paths likewise, relative to the module they are written in (inline
//! `mod name { … }` blocks count). Comments, string literals, `#[cfg(test)]`
//! items (`mod tests { … }` blocks and `mod tests;` files) are skipped: a
//! unit test may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path (`["numeric", "lanes"]`; empty for the crate root).
type ModPath = Vec<String>;

/// `src/a/b.rs` and `src/a/b/mod.rs` → `[a, b]`; `src/lib.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: ModPath = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source with comments and string/char literals blanked out (each
/// removed character becomes a space, so nothing joins up).
fn strip_comments_and_strings(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            loop {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c[i] == '"' {
            i += 1;
            while c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i += 3; // 'x'
            out.push(' ');
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            i += 3; // '\n', '\'', '\u{…}'
            while c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push(' ');
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_alphanumeric() || c[i] == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            toks.push(Tok::Ident(c[start..i].iter().collect()));
        } else if c[i] == ':' && c.get(i + 1) == Some(&':') {
            toks.push(Tok::Path);
            i += 2;
        } else {
            if !c[i].is_whitespace() {
                toks.push(Tok::Punct(c[i]));
            }
            i += 1;
        }
    }
    toks
}

fn ident(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// The module paths a file's code names (absolute, possibly longer than a
/// module: the caller keeps the longest existing prefix), and the child
/// files it declares under `#[cfg(test)]`.
fn references(file_module: &ModPath, src: &str) -> (Vec<ModPath>, Vec<ModPath>) {
    let toks = tokens(&strip_comments_and_strings(src));
    let mut refs = Vec::new();
    let mut test_children = Vec::new();
    // Inline modules we are inside: (name, brace depth at which it closes).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let here = || -> ModPath {
            let mut m = file_module.clone();
            m.extend(inline.iter().map(|(n, _)| n.clone()));
            m
        };
        // `#[cfg(test)]`: skip the item it marks.
        let cfg_test = [
            Tok::Punct('#'),
            Tok::Punct('['),
            Tok::Ident("cfg".into()),
            Tok::Punct('('),
            Tok::Ident("test".into()),
            Tok::Punct(')'),
            Tok::Punct(']'),
        ];
        if toks[i..].starts_with(&cfg_test) {
            i += cfg_test.len();
            // A `mod name;` file under cfg(test) is test code too.
            if ident(toks.get(i)) == Some("mod") && toks.get(i + 2) == Some(&Tok::Punct(';')) {
                let mut child = here();
                child.push(ident(toks.get(i + 1)).unwrap().to_string());
                test_children.push(child);
            }
            // Skip to the end of the item: a `;` at this level or a
            // balanced `{ … }`.
            let mut d = 0;
            while i < toks.len() {
                match toks[i] {
                    Tok::Punct('{') => d += 1,
                    Tok::Punct('}') => {
                        d -= 1;
                        if d == 0 {
                            i += 1;
                            break;
                        }
                    }
                    Tok::Punct(';') if d == 0 => {
                        i += 1;
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            continue;
        }
        match &toks[i] {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth -= 1;
                if inline.last().is_some_and(|&(_, d)| d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(kw) if kw == "mod" && toks.get(i + 2) == Some(&Tok::Punct('{')) => {
                inline.push((ident(toks.get(i + 1)).unwrap().to_string(), depth));
            }
            Tok::Ident(root)
                if matches!(root.as_str(), "crate" | "super" | "self")
                    && toks.get(i + 1) == Some(&Tok::Path)
                    && (i == 0 || toks[i - 1] != Tok::Path) =>
            {
                let mut base: ModPath = match root.as_str() {
                    "crate" => Vec::new(),
                    _ => here(),
                };
                let mut j = i;
                // `super::super::…`
                while matches!(ident(toks.get(j)), Some("super" | "self"))
                    && toks.get(j + 1) == Some(&Tok::Path)
                {
                    if ident(toks.get(j)) == Some("super") {
                        base.pop();
                    }
                    j += 2;
                }
                if root == "crate" {
                    j = i + 2;
                }
                paths_from(&toks, j, base, &mut refs);
            }
            _ => {}
        }
        i += 1;
    }
    (refs, test_children)
}

/// Collects the paths starting at token `j` below `base`, expanding use
/// groups (`a::{b::c, d}`).
fn paths_from(toks: &[Tok], mut j: usize, mut base: ModPath, out: &mut Vec<ModPath>) {
    loop {
        match toks.get(j) {
            Some(Tok::Ident(s)) => {
                base.push(s.clone());
                if toks.get(j + 1) == Some(&Tok::Path) {
                    j += 2;
                    continue;
                }
                out.push(base);
                return;
            }
            Some(Tok::Punct('{')) => {
                // Each comma-separated entry at this brace level.
                let mut k = j + 1;
                loop {
                    paths_from(toks, k, base.clone(), out);
                    let mut d = 0;
                    while k < toks.len() {
                        match toks[k] {
                            Tok::Punct('{') => d += 1,
                            Tok::Punct('}') if d == 0 => return,
                            Tok::Punct('}') => d -= 1,
                            Tok::Punct(',') if d == 0 => break,
                            _ => {}
                        }
                        k += 1;
                    }
                    k += 1;
                }
            }
            _ => {
                out.push(base);
                return;
            }
        }
    }
}

/// The graph: module file → module files it depends on (self-edges left
/// out), over every non-test file of `src`.
fn graph(src: &Path) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<ModPath> = files.iter().map(|f| module_of(src, f)).collect();
    let mut edges = BTreeMap::new();
    let mut test_only = BTreeSet::new();
    for file in &files {
        let me = module_of(src, file);
        let (refs, tests) = references(&me, &std::fs::read_to_string(file).unwrap());
        test_only.extend(tests);
        let deps: BTreeSet<ModPath> = refs
            .into_iter()
            .map(|mut p| {
                while !modules.contains(&p) {
                    p.pop();
                }
                p
            })
            .filter(|p| *p != me)
            .collect();
        edges.insert(me, deps);
    }
    edges.retain(|m, _| !test_only.contains(m));
    for deps in edges.values_mut() {
        deps.retain(|d| !test_only.contains(d));
    }
    edges
}

fn name(m: &ModPath) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// A cycle of the graph, as a list of modules (the first repeated at the
/// end), if there is one.
fn find_cycle(edges: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Option<Vec<ModPath>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        m: &ModPath,
        edges: &BTreeMap<ModPath, BTreeSet<ModPath>>,
        marks: &mut BTreeMap<ModPath, Mark>,
        stack: &mut Vec<ModPath>,
    ) -> Option<Vec<ModPath>> {
        match marks.get(m) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let at = stack.iter().position(|s| s == m).unwrap();
                let mut cycle = stack[at..].to_vec();
                cycle.push(m.clone());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(m.clone(), Mark::Open);
        stack.push(m.clone());
        for d in edges.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, edges, marks, stack) {
                return Some(c);
            }
        }
        stack.pop();
        marks.insert(m.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for m in edges.keys() {
        if let Some(c) = visit(m, edges, &mut marks, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn module_graph_has_no_cycle() {
    // The core's and the engine's (`numeric`, `model`: a crate of its own, which the
    // core re-exports; Cargo already forbids it to import the core).
    let core = Path::new(env!("CARGO_MANIFEST_DIR"));
    for src in [core.join("src"), core.join("../nnlab-engine/src")] {
        let edges = graph(&src);
        assert!(edges.len() > 10, "{} has too few modules", src.display());
        if let Some(cycle) = find_cycle(&edges) {
            let names: Vec<String> = cycle.iter().map(name).collect();
            panic!("import cycle in {}: {}", src.display(), names.join(" -> "));
        }
    }
}

/// The graph reader sees what it must: paths in `use` groups, inline
/// paths, `super::` from inline modules, and not comments, strings or
/// unit tests.
#[test]
fn the_graph_reader_finds_every_kind_of_path() {
    let me: ModPath = vec!["numeric".into(), "fused".into()];
    let src = r#"
        //! Uses [`crate::doc::only`].
        use crate::{model::network::{Network, DropoutMasks}, numeric::lanes};
        use super::matrix::Matrix;
        /* crate::block::comment */
        fn f() { let _ = crate::model::cost::term(1.0, 0.0); let s = "crate::in_string"; }
        mod inner { use super::Sibling; }
        #[cfg(test)]
        mod tests { use crate::test_only::X; }
        #[cfg(test)]
        mod more_tests;
    "#;
    let (refs, tests) = references(&me, src);
    let refs: BTreeSet<String> = refs.iter().map(name).collect();
    let want: BTreeSet<String> = [
        "model::network::Network",
        "model::network::DropoutMasks",
        "numeric::lanes",
        "numeric::matrix::Matrix",
        "model::cost::term",
        "numeric::fused::Sibling",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(refs, want);
    assert_eq!(tests, vec![vec!["numeric", "fused", "more_tests"]]);

    let mut edges = BTreeMap::new();
    let (a, b, c): (ModPath, ModPath, ModPath) =
        (vec!["a".into()], vec!["b".into()], vec!["c".into()]);
    edges.insert(a.clone(), BTreeSet::from([b.clone()]));
    edges.insert(b.clone(), BTreeSet::from([c.clone()]));
    edges.insert(c.clone(), BTreeSet::new());
    assert_eq!(find_cycle(&edges), None);
    edges.get_mut(&c).unwrap().insert(a.clone());
    let cycle: Vec<String> = find_cycle(&edges).unwrap().iter().map(name).collect();
    assert_eq!(cycle, ["a", "b", "c", "a"]);
}
