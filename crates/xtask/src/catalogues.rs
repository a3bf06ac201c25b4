//! The engine's message catalogues as the built site serves them: one Fluent file a
//! language, `i18n/<lang>.ftl` in the asset folder (`crate::site`), fetched by the page for
//! its language only (`www/js/i18n.js`); the one-file page inlines them all
//! (`crates/xtask/offline.mjs`).

use crate::Result;
use std::fs;
use std::path::{Path, PathBuf};

/// The engine's message catalogues, one folder per language of Fluent files
/// (`crates/nnlab-core/i18n/<lang>/*.ftl`), and where the page fetches them from: one file a
/// language, `i18n/<lang>.ftl` (`js/i18n.js` loads the page's language only, another on a
/// switch; the one-file page has them all inline).
pub const DIR: &str = "crates/nnlab-core/i18n";
pub const AT: &str = "i18n/";

/// Each language's catalogue under `dir`: (language, its `.ftl` files joined in name order).
/// The files' order does not matter to Fluent (a message is defined once: the core's
/// catalogue test).
pub fn read(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let list = |dir: &Path| -> Result<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        Ok(paths)
    };
    let mut out = Vec::new();
    for lang in list(dir)?.into_iter().filter(|p| p.is_dir()) {
        let mut text = Vec::new();
        for file in list(&lang)? {
            if file.extension().is_some_and(|e| e == "ftl") {
                let source =
                    fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                text.extend(without_comments(&source).as_bytes());
                text.push(b'\n');
            }
        }
        if !text.is_empty() {
            let name = lang.file_name().unwrap_or_default().to_string_lossy();
            out.push((name.into_owned(), text));
        }
    }
    if out.is_empty() {
        return Err(format!("{}: no catalogues (<lang>/*.ftl)", dir.display()));
    }
    Ok(out)
}

/// A Fluent file without its comment lines (`#`, `##`, `###` at the start of a line: a
/// pattern's continuation lines are indented, so none starts with `#`): notes for
/// translators, 0.7 kB of the gzipped English catalogue the page need not load.
fn without_comments(source: &str) -> String {
    source
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_dropped_messages_kept() {
        let ftl = "## Group\n# About a\na = A\n    # not a comment: a continuation\nb = B\n";
        assert_eq!(
            without_comments(ftl),
            "a = A\n    # not a comment: a continuation\nb = B\n"
        );
    }

    #[test]
    fn one_catalogue_a_language() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let found = read(&root.join(DIR)).unwrap();
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["en", "zh"]);
        for (name, text) in &found {
            let text = String::from_utf8(text.clone()).unwrap();
            assert!(text.contains("\npage-title = "), "{name}");
            assert!(
                !text.lines().any(|l| l.starts_with('#')),
                "{name}: no comments"
            );
            assert!(
                text.contains("\nkey-lr-label = "),
                "{name}: keys.ftl joined"
            );
            // Inline in the one-file page as a data block.
            assert!(
                !text.contains("</script") && !text.contains("<!--"),
                "{name}"
            );
        }
        assert!(read(&root.join("www")).is_err());
    }
}
