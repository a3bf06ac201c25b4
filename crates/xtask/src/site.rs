//! The page's build: `www/` plus the web crate into `dist/`, a static site with
//! content-hashed names (what `cargo xtask test`, `serve` and `dist` use; no trunk).
//!
//! 1. the page's wasm modules, the web crate's and the tools', built, bound and optimised
//!    into `target/site/bindgen/` ([`crate::modules`]);
//! 2. the loader's tag gets both modules' URLs (the tools' fetched on first use);
//! 3. every asset `www/index.html` names goes, with the bindings, into one folder
//!    `dist/a/<hash>/` (`<hash>`: FNV-1a 64 of every asset's path and bytes, so a change
//!    anywhere gives new URLs and hosts may cache `a/` for ever), keeping the relative
//!    paths between them (app.js imports `./js/<name>.js` unchanged);
//!    the files the first load fetches are then minified by esbuild (`crates/xtask/minify.mjs`:
//!    app.js bundled with its modules into one file, the bindings, the loader, js/lesson.js
//!    and the joined page.css);
//! 4. `dist/index.html`: `www/index.html` with its asset tags pointed there, its comments
//!    removed.
//!
//! The asset tags are Trunk's markup, kept so the page's head reads as before:
//! `<link data-trunk rel="css" href=F>` and `<link rel="stylesheet" href=F>` (a stylesheet),
//! `<link data-trunk rel="copy-dir" href=D>` (a folder copied whole, written nowhere in the
//! page), `<script data-trunk type="module" src=F>` (a module), `<script src=F>` (a classic
//! script, run before the first paint), and
//! `<link data-trunk rel="rust" ...>`, which becomes a preload of the bindings and the loader
//! `js/boot.js` with their URLs in `data-bindings` / `data-wasm` (the tools' in
//! `data-tools-bindings` / `data-tools-wasm`). The wasm is not preloaded: the loader fetches
//! it once the page has painted (js/boot.js), so it never competes with the stylesheet.

use crate::catalogues;
use crate::modules::{self, BINDINGS, TOOLS_BINDINGS, TOOLS_WASM, WASM};
use crate::setup::run;
use crate::Result;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The joined stylesheets' name in the asset folder.
const STYLES: &str = "page.css";

/// Builds `dist/` from scratch (the old one is removed).
pub fn build(root: &Path) -> Result<()> {
    let bindgen = root.join("target/site/bindgen");
    modules::build(root, &bindgen)?;
    let html = read_text(&root.join("www/index.html"))?;
    let mut assets = Assets::default();
    let www = root.join("www");
    let page = rewrite(&html, |tag| {
        tag.rewrite(&mut |rel, is_dir| match is_dir {
            true => assets.dir(&www, rel).map(|()| String::new()),
            false => assets.file(&www, rel),
        })
    })?;
    let page = with_one_stylesheet(&page, &mut assets)?;
    assets.vendor(&root.join(FLUENT_DIR), FLUENT_AT)?;
    for (name, text) in catalogues::read(&root.join(catalogues::DIR))? {
        assets.add(&format!("{}{name}.ftl", catalogues::AT), text);
    }
    for name in [BINDINGS, WASM, TOOLS_BINDINGS, TOOLS_WASM] {
        assets.add(
            name,
            fs::read(bindgen.join(name)).map_err(|e| format!("{name}: {e}"))?,
        );
    }
    let assets = minified(root, assets)?;
    let prefix = format!("a/{:016x}/", assets.hash());
    let page = without_indentation(&without_comments(&page)?).replace(PREFIX_MARK, &prefix);

    let dist = root.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    for (rel, bytes) in &assets.files {
        write(&dist.join(&prefix).join(rel), bytes)?;
    }
    write(&dist.join("index.html"), page.as_bytes())?;
    let wasm_bytes = assets.files[WASM].len() as u64;
    println!(
        "    dist/: index.html and {} assets in {prefix} (wasm {wasm_bytes} bytes)",
        assets.files.len()
    );
    Ok(())
}

/// The page's stylesheets, in page order, joined into one file (`page.css`, linked where the
/// first one was; the others' tags removed): one render-blocking request instead of seven,
/// which a phone on a slow network waits for before the first paint (Lighthouse's mobile
/// run counts 355 ms). The stylesheets use no `@import` and no `url()`, so joining them
/// changes nothing else; the files stay in the folder too.
fn with_one_stylesheet(page: &str, assets: &mut Assets) -> Result<String> {
    let open = format!(r#"<link rel="stylesheet" href="{PREFIX_MARK}"#);
    let mut out = String::with_capacity(page.len());
    let mut css = Vec::new();
    let mut rest = page;
    let mut first = true;
    while let Some(at) = rest.find(&open) {
        let end = at + rest[at..].find("/>").ok_or("an unclosed stylesheet link")? + 2;
        let rel = &rest[at + open.len()..end];
        let rel = &rel[..rel
            .find('"')
            .ok_or("a stylesheet link without a closing quote")?];
        let bytes = assets
            .files
            .get(rel)
            .ok_or_else(|| format!("stylesheet {rel} is not among the assets"))?;
        css.extend_from_slice(format!("/* {rel} */\n").as_bytes());
        css.extend_from_slice(bytes);
        css.push(b'\n');
        if first {
            first = false;
            out.push_str(&rest[..at]);
            out.push_str(&format!("{open}{STYLES}\" />"));
        } else {
            // Drop the tag with its line's indentation.
            out.push_str(rest[..at].trim_end_matches([' ', '\n']));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    if !css.is_empty() {
        assets.add(STYLES, css);
    }
    Ok(out)
}

/// The asset folder after `crates/xtask/minify.mjs` (esbuild): app.js and its modules as one
/// minified file (the bundled modules dropped), the bindings, the loader, js/lesson.js and
/// page.css minified. Staged in `target/site/stage/`.
fn minified(root: &Path, assets: Assets) -> Result<Assets> {
    let stage = root.join("target/site/stage");
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(|e| format!("cannot clear {}: {e}", stage.display()))?;
    }
    for (rel, bytes) in &assets.files {
        write(&stage.join(rel), bytes)?;
    }
    run(Command::new("node")
        .arg(root.join("crates/xtask/minify.mjs"))
        .arg(&stage))
    .map_err(|e| format!("minifying the page's scripts and styles failed: {e}"))?;
    let mut out = Assets::default();
    out.dir(&stage, "")?;
    Ok(out)
}

/// `page` without the indentation of its lines (0.3 kB of the gzipped page; each line
/// break stays, so the page renders the same), except inside `<pre>` and `<textarea>`,
/// whose white space is their content.
fn without_indentation(page: &str) -> String {
    let last = |line: &str, tags: &[&str]| tags.iter().filter_map(|t| line.rfind(t)).max();
    let mut out = String::with_capacity(page.len());
    let mut verbatim = false;
    for line in page.split_inclusive('\n') {
        out.push_str(if verbatim {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        });
        verbatim = match (
            last(line, &["<pre>", "<pre ", "<textarea"]),
            last(line, &["</pre>", "</textarea>"]),
        ) {
            (Some(open), Some(close)) => open > close,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => verbatim,
        };
    }
    out
}

/// `page` without its comments (notes for who edits `www/index.html`, 1.2 kB of the
/// gzipped page), a line left blank by one removed too. The page has no inline script or
/// style, so every `<!--` opens a comment.
fn without_comments(page: &str) -> Result<String> {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find("<!--") {
        let end = at + rest[at..].find("-->").ok_or("an unclosed comment")? + 3;
        let before = &rest[..at];
        let after = &rest[end..];
        let line_start = before.trim_end_matches([' ', '\t']);
        if line_start.ends_with('\n') && (after.starts_with('\n') || after.is_empty()) {
            out.push_str(line_start);
            rest = after.strip_prefix('\n').unwrap_or(after);
        } else {
            out.push_str(before);
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// FNV-1a 64's starting value.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a 64 of `bytes`, continuing from `h` ([`FNV_OFFSET`] to start).
pub fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// The page's message renderer, the npm package `@fluent/bundle` (ES modules, installed
/// by `npm ci` in `tests/`), and where the page imports it from (`js/i18n.js`).
const FLUENT_DIR: &str = "tests/node_modules/@fluent/bundle/esm";
const FLUENT_AT: &str = "js/fluent/";

/// Marks the asset folder in the page until its hash is known.
const PREFIX_MARK: &str = "\u{1}prefix\u{1}";

/// The asset folder's files by path relative to it.
#[derive(Default)]
struct Assets {
    files: BTreeMap<String, Vec<u8>>,
}

impl Assets {
    fn add(&mut self, rel: &str, bytes: Vec<u8>) {
        self.files.insert(rel.to_string(), bytes);
    }

    /// `www/<rel>`, added; its URL.
    fn file(&mut self, www: &Path, rel: &str) -> Result<String> {
        let bytes = fs::read(www.join(rel)).map_err(|e| format!("www/{rel}: {e}"))?;
        self.add(rel, bytes);
        Ok(format!("{PREFIX_MARK}{rel}"))
    }

    /// Every file under `www/<rel>/`, added.
    fn dir(&mut self, www: &Path, rel: &str) -> Result<()> {
        let mut stack = vec![PathBuf::from(rel)];
        while let Some(dir) = stack.pop() {
            let entries =
                fs::read_dir(www.join(&dir)).map_err(|e| format!("www/{}: {e}", dir.display()))?;
            for entry in entries.flatten() {
                let rel = dir.join(entry.file_name());
                if entry.path().is_dir() {
                    stack.push(rel);
                } else {
                    let key = rel.to_string_lossy().replace('\\', "/");
                    self.file(www, &key)?;
                }
            }
        }
        Ok(())
    }

    /// The `.js` files of an npm package's folder `dir`, added under `at`.
    fn vendor(&mut self, dir: &Path, at: &str) -> Result<()> {
        let entries = fs::read_dir(dir).map_err(|e| {
            format!(
                "{}: {e} (run `cargo xtask setup`: npm ci in tests/)",
                dir.display()
            )
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".js") {
                let bytes = fs::read(entry.path()).map_err(|e| format!("{name}: {e}"))?;
                self.add(&format!("{at}{name}"), bytes);
            }
        }
        Ok(())
    }

    /// FNV-1a 64 over every path and content, in path order.
    fn hash(&self) -> u64 {
        self.files.iter().fold(FNV_OFFSET, |h, (rel, bytes)| {
            fnv1a(fnv1a(fnv1a(h, rel.as_bytes()), &[0]), bytes)
        })
    }
}

/// An opening `<link>` or `<script>` tag: its name and attributes in order.
pub struct Tag {
    name: String,
    attrs: Vec<(String, Option<String>)>,
}

impl Tag {
    fn get(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.as_deref())
    }

    fn has(&self, key: &str) -> bool {
        self.attrs.iter().any(|(k, _)| k == key)
    }

    /// The tag as the built page has it (`None`: kept as written; `Some("")`: removed).
    /// `add(rel, false)` adds the file `www/<rel>` and returns its URL; `add(rel, true)`
    /// adds the folder.
    fn rewrite(&self, add: &mut dyn FnMut(&str, bool) -> Result<String>) -> Result<Option<String>> {
        let trunk = self.has("data-trunk");
        let rel = self.get("rel");
        let local = |url: &str| !url.contains(':') && !url.starts_with('/');
        Ok(match (self.name.as_str(), rel) {
            ("link", Some("css")) if trunk => {
                let href = self.get("href").ok_or("a css link without href")?;
                Some(format!(
                    r#"<link rel="stylesheet" href="{}" />"#,
                    add(href, false)?
                ))
            }
            ("link", Some("stylesheet")) => match self.get("href") {
                Some(href) if local(href) => Some(format!(
                    r#"<link rel="stylesheet" href="{}" />"#,
                    add(href, false)?
                )),
                _ => None,
            },
            ("link", Some("copy-dir")) if trunk => {
                add(
                    self.get("href").ok_or("a copy-dir link without href")?,
                    true,
                )?;
                Some(String::new())
            }
            ("link", Some("rust")) if trunk => {
                let p = PREFIX_MARK;
                Some(format!(
                    r#"<link rel="modulepreload" href="{p}{BINDINGS}" />
    <script type="module" src="{p}js/boot.js" data-nnlab-boot data-bindings="{p}{BINDINGS}" data-wasm="{p}{WASM}" data-tools-bindings="{p}{TOOLS_BINDINGS}" data-tools-wasm="{p}{TOOLS_WASM}" data-catalogues="{p}{}"></script>"#,
                    catalogues::AT
                ))
            }
            ("script", _) if trunk => {
                let src = self.get("src").ok_or("a data-trunk script without src")?;
                Some(format!(
                    r#"<script type="module" src="{}">"#,
                    add(src, false)?
                ))
            }
            ("script", _) => match self.get("src") {
                Some(src) if local(src) => Some(format!(r#"<script src="{}">"#, add(src, false)?)),
                _ => None,
            },
            _ if trunk => {
                return Err(format!(
                    "www/index.html: a <{} data-trunk rel={rel:?}> tag this build does not know \
                     (crates/xtask/src/site.rs reads css, rust, copy-dir links and module scripts)",
                    self.name
                ))
            }
            _ => None,
        })
    }
}

/// Parses `<name attr="v" flag ...>` (the text between `<` and `>`, without them).
fn parse_tag(inner: &str) -> Tag {
    let mut rest = inner.trim().trim_end_matches('/').trim();
    let name_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let name = rest[..name_end].to_ascii_lowercase();
    rest = rest[name_end..].trim_start();
    let mut attrs = Vec::new();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_string();
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.strip_prefix('"') {
                Some(q) => q.split_once('"').unwrap_or((q, "")),
                None => after.split_once(char::is_whitespace).unwrap_or((after, "")),
            };
            rest = tail.trim_start();
            Some(v.to_string())
        } else {
            None
        };
        attrs.push((key, value));
    }
    Tag { name, attrs }
}

/// `html` with each `<link>` / `<script>` opening tag (outside comments) replaced by
/// `f(tag)` when it returns `Some`. A `<script>`'s whole element is replaced (its
/// `</script>` kept when the replacement is a `<script ...>` opening).
pub fn rewrite(html: &str, mut f: impl FnMut(&Tag) -> Result<Option<String>>) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("an unclosed comment")? + 3;
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let gt = rest.find('>').ok_or("an unclosed tag")?;
        let tag = parse_tag(&rest[1..gt]);
        let replaced = if tag.name == "link" || tag.name == "script" {
            f(&tag)?
        } else {
            None
        };
        match replaced {
            Some(new) => {
                out.push_str(&new);
                rest = &rest[gt + 1..];
                if new.is_empty() {
                    // A removed tag leaves no blank line.
                    rest = rest.trim_start_matches([' ', '\t']);
                    if let Some(after) = rest.strip_prefix('\n') {
                        rest = after;
                        let trimmed = out.trim_end_matches([' ', '\t']).len();
                        out.truncate(trimmed);
                    }
                }
            }
            None => {
                out.push_str(&rest[..=gt]);
                rest = &rest[gt + 1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(html: &str) -> (String, Vec<String>, Vec<String>) {
        let (mut files, mut dirs) = (Vec::new(), Vec::new());
        let out = rewrite(html, |tag| {
            tag.rewrite(&mut |rel, is_dir| {
                if is_dir {
                    dirs.push(rel.to_string());
                    Ok(String::new())
                } else {
                    files.push(rel.to_string());
                    Ok(format!("P/{rel}"))
                }
            })
        })
        .unwrap();
        (out, files, dirs)
    }

    #[test]
    fn rewrites_the_pages_asset_tags() {
        let html = r#"<head>
    <link rel="icon" href="data:," />
    <link data-trunk rel="css" href="style.css" />
    <link rel="stylesheet" href="js/panels.css" />
    <script src="js/lesson.js"></script>
    <!-- <link data-trunk rel="css" href="commented.css" /> -->
    <link
      data-trunk
      rel="rust"
      href="../crates/nnlab-web/Cargo.toml"
      data-wasm-opt="0"
    />
    <link data-trunk rel="copy-dir" href="js" />
    <script data-trunk type="module" src="app.js"></script>
  </head>"#;
        let (out, files, dirs) = built(html);
        assert_eq!(
            files,
            ["style.css", "js/panels.css", "js/lesson.js", "app.js"]
        );
        assert_eq!(dirs, ["js"]);
        assert!(
            out.contains(r#"<link rel="icon" href="data:," />"#),
            "{out}"
        );
        assert!(out.contains(r#"<link rel="stylesheet" href="P/style.css" />"#));
        assert!(out.contains("commented.css"), "comments stay as written");
        assert!(out.contains(r#"<script type="module" src="P/app.js"></script>"#));
        assert!(
            out.contains(r#"<script src="P/js/lesson.js"></script>"#),
            "{out}"
        );
        assert!(out.contains(&format!(
            r#"data-bindings="{PREFIX_MARK}nnlab-web.js" data-wasm="{PREFIX_MARK}nnlab-web_bg.wasm""#
        )));
        assert!(!out.contains("copy-dir"), "{out}");
        assert_eq!(
            out.matches("data-trunk").count(),
            1,
            "only the comment's: {out}"
        );
        assert!(
            !out.contains("\n\n"),
            "a removed tag leaves no blank line: {out}"
        );
    }

    #[test]
    fn joins_the_stylesheets_in_page_order() {
        let mut a = Assets::default();
        a.add("style.css", b":root { --ink: #111; }".to_vec());
        a.add("js/lesson.css", b"main { order: 1; }".to_vec());
        let p = PREFIX_MARK;
        let page = format!(
            "<head>\n    <link rel=\"stylesheet\" href=\"{p}style.css\" />\n    <script src=\"{p}js/lesson.js\"></script>\n    <link rel=\"stylesheet\" href=\"{p}js/lesson.css\" />\n  </head>"
        );
        let out = with_one_stylesheet(&page, &mut a).unwrap();
        assert_eq!(
            out,
            format!(
                "<head>\n    <link rel=\"stylesheet\" href=\"{p}page.css\" />\n    <script src=\"{p}js/lesson.js\"></script>\n  </head>"
            )
        );
        assert_eq!(
            String::from_utf8(a.files["page.css"].clone()).unwrap(),
            "/* style.css */\n:root { --ink: #111; }\n/* js/lesson.css */\nmain { order: 1; }\n"
        );
        assert!(with_one_stylesheet(
            &format!("<link rel=\"stylesheet\" href=\"{p}gone.css\" />"),
            &mut a
        )
        .is_err());
    }

    #[test]
    fn drops_comments_and_their_lines() {
        let page =
            "<head>\n  <!-- a note\n  on two lines -->\n  <link /> <!-- after -->\n</head>\n";
        assert_eq!(
            without_comments(page).unwrap(),
            "<head>\n  <link /> \n</head>\n"
        );
        assert!(without_comments("<p><!-- open").is_err());
    }

    #[test]
    fn indentation_goes_except_in_pre_and_textarea() {
        let page = "<div>\n    <p>a\n      b</p>\n  <textarea>\n  x\n  </textarea>\n\t<pre class=\"c\">\n  y\n</pre>\n  <i>z</i>\n</div>";
        assert_eq!(
            without_indentation(page),
            "<div>\n<p>a\nb</p>\n<textarea>\n  x\n  </textarea>\n<pre class=\"c\">\n  y\n</pre>\n<i>z</i>\n</div>"
        );
    }

    #[test]
    fn refuses_unknown_trunk_tags() {
        let err = rewrite(
            r#"<link data-trunk rel="copy-file" href="x.csv" />"#,
            |tag| tag.rewrite(&mut |_, _| Ok(String::new())),
        );
        assert!(err.unwrap_err().contains("copy-file"));
    }

    #[test]
    fn parses_attributes() {
        let tag = parse_tag(r#"script data-trunk type="module" src=app.js defer"#);
        assert_eq!(tag.name, "script");
        assert!(tag.has("data-trunk") && tag.has("defer"));
        assert_eq!(tag.get("type"), Some("module"));
        assert_eq!(tag.get("src"), Some("app.js"));
        assert_eq!(tag.get("href"), None);
    }

    #[test]
    fn the_hash_covers_paths_and_bytes() {
        let mut a = Assets::default();
        a.add("a.js", b"x".to_vec());
        let mut b = Assets::default();
        b.add("b.js", b"x".to_vec());
        let mut c = Assets::default();
        c.add("a.js", b"y".to_vec());
        assert_ne!(a.hash(), b.hash());
        assert_ne!(a.hash(), c.hash());
        assert_eq!(a.hash(), {
            let mut again = Assets::default();
            again.add("a.js", b"x".to_vec());
            again.hash()
        });
    }
}
