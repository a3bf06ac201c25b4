//! The link format: one declarative table of keys, one parser, one
//! serializer. The page keeps the query in the URL hash
//! (`#preset=init-he&play=1`); the command line takes the same string.
//!
//! Parsing: optional `preset` sets the base configuration, then every other
//! key overrides it, in order (a repeated key: the last wins, with a
//! warning). Unknown keys are ignored with a warning. A bad value is a
//! [`ConfigError`] naming the key and the value; parsing never panics.
//! Serializing writes `preset` and only the keys that differ from it, so
//! `parse(serialize(c)) == c`.

use crate::config::assignment;
use crate::config::error::{ConfigError, Warning};
pub use crate::config::keys::{key, Key, KEYS};
use crate::config::{Config, Named, Preset, View};
use crate::i18n::{text, Lang};

/// The key read before the table's keys: the base configuration.
pub const PRESET: &str = "preset";
/// What `preset` does.
pub const PRESET_HELP: &str = "the base configuration; every other key overrides it";

/// A parsed link: the configuration, the page's view settings beside it, and
/// what was ignored on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub config: Config,
    pub view: View,
    pub warnings: Vec<Warning>,
    /// Bad classroom values, set right ([`assignment::settle`]): the rest of
    /// the link applies; the page shows them, the command line refuses them.
    pub problems: Vec<ConfigError>,
}

impl Parsed {
    /// The canonical query ([`serialize`]).
    pub fn query(&self) -> String {
        serialize(&self.config, &self.view)
    }
}

/// The part of a link the parser reads: after the first `#` (and a `?`
/// right after it: `#?lr=0.1`), else after the first `?`, else all of it.
pub fn query_part(link: &str) -> &str {
    match (link.find('#'), link.find('?')) {
        (Some(h), _) => {
            let rest = &link[h + 1..];
            rest.strip_prefix('?').unwrap_or(rest)
        }
        (None, Some(q)) => &link[q + 1..],
        (None, None) => link,
    }
}

/// A link's `key=value` pairs, decoded and trimmed, in link order.
fn pairs(link: &str) -> Vec<(String, String)> {
    query_part(link)
        .split('&')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k).trim().to_string(), decode(v).trim().to_string())
        })
        .collect()
}

/// The language a link asks for (its last `lang`), read even when the rest
/// of the link is refused, so the refusal is said in that language; `None`
/// when absent or not a language.
pub fn lang_of(link: &str) -> Option<Lang> {
    let (_, v) = pairs(link).into_iter().rev().find(|(k, _)| k == "lang")?;
    Lang::ALL.into_iter().find(|l| l.name() == v)
}

/// Parses a link, a query (`a=1&b=2`), or either with a leading `#`, `?`
/// or `#?` ([`query_part`]), then validates the result.
pub fn parse(link: &str) -> Result<Parsed, ConfigError> {
    let Parsed {
        config,
        mut view,
        warnings,
        ..
    } = assign(link)?;
    config.validate()?;
    // Compare mode's three runs must each be valid too.
    view.compare.configs(&config)?;
    let problems = assignment::settle(&config, &mut view);
    Ok(Parsed {
        config,
        view,
        warnings,
        problems,
    })
}

/// What [`parse`] checks: the link's keys set on its preset's (else the
/// default) configuration and view, each value read by its key (a bad
/// value is an error), unknown and repeated keys as warnings, but the
/// whole not validated (no `problems`). For a caller that changes the
/// configuration before it is checked: `nnlab import` puts a file's points
/// in, so `testFrac=0.3` alone is a query for the file's points.
pub fn assign(link: &str) -> Result<Parsed, ConfigError> {
    let pairs = pairs(link);
    let mut warnings = Vec::new();
    let mut config = Config::default();
    let mut view = View::default();
    if let Some((_, v)) = pairs.iter().rev().find(|(k, _)| k == PRESET) {
        config = Preset::from_name(PRESET, v)?.config();
    }
    let mut seen: Vec<&str> = Vec::new();
    for (k, v) in &pairs {
        if seen.contains(&k.as_str()) {
            warnings.push(Warning {
                key: k.clone(),
                value: v.clone(),
                message: text("warn-repeated", &[]),
            });
        }
        seen.push(k);
        if k == PRESET {
            continue;
        }
        match key(k) {
            Some(key) => key.set(&mut config, &mut view, v)?,
            None => warnings.push(Warning {
                key: k.clone(),
                value: v.clone(),
                message: text("warn-unknown", &[]),
            }),
        }
    }
    Ok(Parsed {
        config,
        view,
        warnings,
        problems: Vec::new(),
    })
}

/// The canonical query of a configuration and view: `preset=…` first (when
/// there is one), then each key whose value differs from the preset's (the
/// default view's), in table order.
pub fn serialize(config: &Config, view: &View) -> String {
    let base = config.preset.map(Preset::config).unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(p) = config.preset {
        parts.push(format!("{PRESET}={}", p.name()));
    }
    for key in KEYS {
        let (ours, theirs) = (key.value(config, view), key.value(&base, &View::default()));
        if ours != theirs {
            if let Some(v) = ours {
                parts.push(format!("{}={}", key.name, encode(&v)));
            }
        }
    }
    parts.join("&")
}

/// Percent-decoding (`%2C` → `,`); invalid escapes stay as they are, and
/// invalid UTF-8 becomes U+FFFD.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes what would break a query value: `%`, `&`, `=`, `#`, `+`, `?`,
/// spaces and control characters; and what a browser would escape in a URL
/// fragment (`"`, `<`, `>`, `` ` ``, `'` and every non-ASCII character, as
/// UTF-8 bytes), so a canonical query is plain ASCII and reads back the
/// same from `location.hash` (the only percent-encoder).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' | '&' | '=' | '#' | '+' | '?' | '"' | '<' | '>' | '`' | '\'' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_whitespace() || c.is_control() || !c.is_ascii() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DataKind;

    #[test]
    fn presets_parse_and_serialize_canonically() {
        for p in Preset::ALL {
            let q = format!("preset={}", p.name());
            let parsed = parse(&q).unwrap();
            assert_eq!(parsed.config, p.config());
            assert!(parsed.warnings.is_empty());
            assert_eq!(parsed.query(), q);
        }
    }

    #[test]
    fn explicit_keys_override_the_preset() {
        let p = parse("#preset=reg-l2&lambda=0.1&layers=8%2C4&play=1").unwrap();
        let c = &p.config;
        assert_eq!(c.lambda, 0.1);
        assert_eq!(c.hidden, vec![8, 4]);
        assert!(p.view.play);
        assert_eq!(c.data, DataKind::Football);
        assert_eq!(p.query(), "preset=reg-l2&layers=8,4&lambda=0.1&play=1");
    }

    #[test]
    fn full_urls_are_accepted() {
        let c = parse("http://127.0.0.1:8080/index.html#preset=init-zeros&iters=10")
            .unwrap()
            .config;
        assert_eq!(c.preset, Some(Preset::InitZeros));
        assert_eq!(c.iters, 10);
        let c = parse("?data=moons").unwrap().config;
        assert_eq!(c.data, DataKind::Moons);
    }

    #[test]
    fn a_question_mark_after_the_hash_starts_the_query() {
        // What the page passes for the link `…/#?layers=64,64&data=xor`.
        for link in [
            "#?layers=64,64&data=xor",
            "https://example.org/nnlab/#?layers=64,64&data=xor",
            "?layers=64,64&data=xor",
            "#layers=64,64&data=xor",
        ] {
            let p = parse(link).unwrap();
            assert!(p.warnings.is_empty(), "{link}: {:?}", p.warnings);
            assert_eq!(p.query(), "data=xor&layers=64,64", "{link}");
        }
        assert_eq!(query_part("#?"), "");
        assert_eq!(query_part("a=1"), "a=1");
    }

    #[test]
    fn encode_escapes_what_would_break_a_query() {
        assert_eq!(encode("1&x=2"), "1%26x%3D2");
        assert_eq!(encode("a b%#+?"), "a%20b%25%23%2B%3F");
        assert_eq!(encode("10,5"), "10,5");
        let p = parse(&format!("lr={}", encode("1&x=2"))).unwrap_err();
        assert!(p.to_string().starts_with("lr=1&x=2"), "{p}");
    }

    #[test]
    fn errors_name_the_key_and_value() {
        let cases = [
            ("lr=abc", "lr=abc"),
            ("lr=NaN", "lr=NaN"),
            ("lr=inf", "lr=inf"),
            ("lr=-1", "lr=-1"),
            ("keep=0", "keep=0"),
            ("keep=1.5", "keep=1.5"),
            ("lambda=-0.1", "lambda=-0.1"),
            ("layers=", "layers="),
            ("layers=0", "layers=0"),
            ("layers=10,,5", "layers=10,,5"),
            ("layers=1,1,1,1,1,1,1", "layers=1,1,1,1,1,1,1"),
            ("layers=100000", "layers=100000"),
            ("iters=0", "iters=0"),
            ("iters=99999999999", "iters=99999999999"),
            ("seed=-3", "seed=-3"),
            ("data=cats", "data=cats"),
            ("preset=nope", "preset=nope"),
            ("bugs=w3", "bugs=w3"),
            ("data=football&n=10", "n=10"),
            ("init=case", "init=case"),
            ("data=moons&n=2000&layers=64,64,64", "layers=64,64,64"),
        ];
        for (q, named) in cases {
            let e = parse(q).expect_err(q);
            assert!(e.to_string().starts_with(named), "{q}: {e}");
        }
    }

    #[test]
    fn unknown_and_repeated_keys_warn() {
        let p = parse("foo=1&lr=0.1&lr=0.2").unwrap();
        assert_eq!(p.config.lr, 0.2);
        assert_eq!(p.warnings.len(), 2);
        assert!(p.warnings[0].to_string().contains("foo=1"));
    }
}
