//! The catalogues (`crates/nnlab-core/i18n/<lang>/*.ftl`) against each other
//! and against the sources: every message in every language, with the same
//! placeholders; every id the code names is in the catalogue; every message
//! is used (named literally in the Rust, JavaScript or HTML sources, or by a
//! table row: a key's label and help, a group, a lab, a preset).

use nnlab_core::config::compare::Family;
use nnlab_core::config::keys::{Group, KEYS};
use nnlab_core::i18n::{entries, render, Lang, SOURCES};
use nnlab_core::Preset;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `lang`'s messages: id → placeholders (a duplicate id fails).
fn catalogue(lang: Lang) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (id, names) in entries(lang) {
        assert!(
            out.insert(id.clone(), names).is_none(),
            "{}: message {id} twice",
            lang.name()
        );
    }
    out
}

/// Every file under `dir` ending in one of `exts` (no `target`, no
/// `node_modules`).
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "target" && name != "node_modules" && name != "fluent" {
                files(&path, exts, out);
            }
        } else if exts.iter().any(|e| name.ends_with(e)) {
            out.push(path);
        }
    }
}

/// The sources that name messages: the engine's, the command line's and the
/// bindings' Rust, the page's JavaScript and HTML.
fn sources() -> Vec<(PathBuf, String)> {
    let mut paths = vec![];
    for krate in ["nnlab-core", "nnlab-cli", "nnlab-web"] {
        files(&repo().join("crates").join(krate), &[".rs"], &mut paths);
    }
    files(&repo().join("www"), &[".js", ".html"], &mut paths);
    paths
        .into_iter()
        .filter(|p| !p.ends_with("tests/catalogue.rs"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The ids the code asks for by call or markup: `t("id"`, `text("id"`,
/// `tr!("id"` (the id possibly on the next line), `data-i18n…="id"`,
/// `"data-i18n…": "id"`.
fn asked(text: &str) -> Vec<String> {
    let mut out = vec![];
    let openers = [
        "t(",
        "tr!(",
        "data-i18n=",
        "data-i18n-title=",
        "data-i18n-aria-label=",
        "data-i18n-placeholder=",
        "\"data-i18n\":",
        "\"data-i18n-aria-label\":",
    ];
    for opener in openers {
        let mut rest = text;
        while let Some(at) = rest.find(opener) {
            rest = &rest[at + opener.len()..];
            let Some(body) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            let id = &body[..body.find('"').unwrap_or(0)];
            let is_id = id.starts_with(|c: char| c.is_ascii_lowercase())
                && id.contains('-')
                && !id.ends_with('-')
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if is_id {
                out.push(id.to_string());
            }
        }
    }
    out
}

/// The ids a table row names without writing them.
fn derived() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for k in KEYS {
        out.insert(format!("key-{}-label", k.name));
        out.insert(format!("key-{}-help", k.name));
    }
    for g in [
        Group::Data,
        Group::Network,
        Group::Training,
        Group::Regularization,
        Group::Gradcheck,
        Group::View,
        Group::Classroom,
    ] {
        out.insert(format!("group-{}", g.name()));
    }
    for f in [
        Family::Initialization,
        Family::Regularization,
        Family::Gradcheck,
    ] {
        out.insert(format!("lab-{}", f.name()));
    }
    for p in Preset::ALL {
        out.insert(format!("preset-{}", p.name()));
    }
    out
}

#[test]
fn every_message_is_in_both_languages_with_the_same_placeholders() {
    let en = catalogue(Lang::En);
    let zh = catalogue(Lang::Zh);
    let only = |a: &BTreeMap<String, Vec<String>>, b: &BTreeMap<String, Vec<String>>| {
        a.keys()
            .filter(|id| !b.contains_key(*id))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(only(&en, &zh), Vec::<String>::new(), "in en only");
    assert_eq!(only(&zh, &en), Vec::<String>::new(), "in zh only");
    for (id, names) in &en {
        assert_eq!(
            &zh[id], names,
            "{id}: placeholders differ between en and zh"
        );
    }
    assert!(en.len() > 300, "{} messages", en.len());
}

#[test]
fn every_catalogue_parses_and_every_message_renders() {
    for &(lang, file, text) in SOURCES {
        let parsed = fluent_syntax::parser::parse(text);
        assert!(parsed.is_ok(), "{file}: {:?}", parsed.err().map(|e| e.1));
        for (id, names) in entries(lang) {
            let args: Vec<(String, String)> = names
                .iter()
                .map(|n| (n.clone(), format!("<{n}>")))
                .collect();
            let args: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let out = render(lang, &id, &args);
            assert!(
                !out.is_empty() || id == "status-paused",
                "{file}: {id} renders empty"
            );
            for n in &names {
                assert!(out.contains(&format!("<{n}>")), "{file}: {id} drops ${n}");
            }
            assert!(!out.contains('\u{2068}'), "{file}: {id}: isolation marks");
        }
    }
}

#[test]
fn every_id_the_code_asks_for_is_in_the_catalogue() {
    let en = catalogue(Lang::En);
    let mut missing = vec![];
    for (path, text) in sources() {
        for id in asked(&text) {
            if !en.contains_key(&id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "asked for, not in the catalogue"
    );
    for id in derived() {
        assert!(
            en.contains_key(&id),
            "{id}: a table row's message is missing"
        );
    }
    for k in KEYS {
        for r in [k.range, k.length].into_iter().flatten() {
            assert!(
                r.unit.is_empty() || en.contains_key(r.unit),
                "{}: unit {} is not a message",
                k.name,
                r.unit
            );
        }
    }
}

#[test]
fn every_message_is_used() {
    let en = catalogue(Lang::En);
    let all: String = sources().into_iter().map(|(_, t)| t).collect();
    let derived = derived();
    let unused: Vec<&String> = en
        .keys()
        .filter(|id| !derived.contains(*id) && !all.contains(&format!("\"{id}\"")))
        .collect();
    assert_eq!(
        unused,
        Vec::<&String>::new(),
        "in the catalogue, named nowhere"
    );
}

#[test]
fn the_command_line_language_is_english() {
    // No language set: English, as `nnlab` prints it.
    assert_eq!(nnlab_core::i18n::text("status-paused", &[]), "Paused.");
    assert_eq!(render(Lang::Zh, "status-paused", &[]), "已暂停。");
    // A message missing from every catalogue comes back as its id.
    assert_eq!(render(Lang::Zh, "no-such-message", &[]), "no-such-message");
}
