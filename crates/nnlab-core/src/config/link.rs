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

use crate::config::error::{ConfigError, Warning};
use crate::config::{Config, DataKind, InitKind, Preset};
use crate::model::dropout::MaskMode;
use crate::model::network::PlantedBugs;

/// A parsed link: the configuration and what was ignored on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub config: Config,
    pub warnings: Vec<Warning>,
}

/// One key of the link format.
pub struct Key {
    pub name: &'static str,
    /// One line for `--help` and the page's tooltips.
    pub help: &'static str,
    set: fn(&mut Config, &str) -> Result<(), ConfigError>,
    get: fn(&Config) -> Option<String>,
}

impl Key {
    /// The value `config` has for this key, as the link writes it (`None`
    /// for an absent optional key: `dataSeed`, `n`, `noise`).
    pub fn value(&self, config: &Config) -> Option<String> {
        (self.get)(config)
    }

    /// Sets this key in `config` from a link value (the parser's checks for
    /// this one key; [`Config::validate`] checks the whole).
    pub fn set(&self, config: &mut Config, value: &str) -> Result<(), ConfigError> {
        (self.set)(config, value)
    }

    /// `play`, `compare`, `showTest`, `logCost`: how the page shows a run,
    /// not what it computes.
    pub fn is_view(&self) -> bool {
        VIEW_KEYS.contains(&self.name)
    }
}

const VIEW_KEYS: [&str; 4] = ["play", "compare", "showTest", "logCost"];

/// Every key of the link format, in the order the serializer writes them.
pub const KEYS: &[Key] = &[
    Key {
        name: "data",
        help: "circles | football | moons | xor | spiral | gauss | gradcase",
        set: |c, v| {
            c.data = one_of("data", v, &DataKind::ALL, |d| d.name())?;
            Ok(())
        },
        get: |c| Some(c.data.name().into()),
    },
    Key {
        name: "dataSeed",
        help: "seed of generated data (circles and football without it are the course's points)",
        set: |c, v| {
            c.data_seed = Some(seed("dataSeed", v)?);
            Ok(())
        },
        get: |c| c.data_seed.map(|s| s.to_string()),
    },
    Key {
        name: "n",
        help: "number of generated training points",
        set: |c, v| {
            c.n = Some(count("n", v)?);
            Ok(())
        },
        get: |c| c.n.map(|n| n.to_string()),
    },
    Key {
        name: "noise",
        help: "noise of generated data",
        set: |c, v| {
            c.noise = Some(number("noise", v)?);
            Ok(())
        },
        get: |c| c.noise.map(fmt_f64),
    },
    Key {
        name: "layers",
        help: "hidden layer sizes, comma-separated (10,5)",
        set: |c, v| {
            let v = v.trim();
            if v.is_empty() {
                return Err(invalid("layers", v, "hidden layer sizes such as 10,5"));
            }
            let parts: Vec<&str> = v.split(',').collect();
            if parts.len() > crate::config::limits::MAX_HIDDEN_LAYERS {
                return Err(ConfigError::OutOfRange {
                    key: "layers".into(),
                    value: v.into(),
                    allowed: format!(
                        "1 to {} hidden layers",
                        crate::config::limits::MAX_HIDDEN_LAYERS
                    ),
                });
            }
            c.hidden = parts
                .iter()
                .map(|p| p.trim().parse::<u32>().map(|h| h as usize))
                .collect::<Result<_, _>>()
                .map_err(|_| invalid("layers", v, "hidden layer sizes such as 10,5"))?;
            Ok(())
        },
        get: |c| {
            Some(
                c.hidden
                    .iter()
                    .map(|h| h.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            )
        },
    },
    Key {
        name: "init",
        help: "zeros | random | xavier | he | case",
        set: |c, v| {
            c.init = one_of("init", v, &InitKind::ALL, |i| i.name())?;
            Ok(())
        },
        get: |c| Some(c.init.name().into()),
    },
    Key {
        name: "scale",
        help: "factor of random initialization",
        set: |c, v| {
            c.scale = number("scale", v)?;
            Ok(())
        },
        get: |c| Some(fmt_f64(c.scale)),
    },
    Key {
        name: "seed",
        help: "initialization seed",
        set: |c, v| {
            c.seed = seed("seed", v)?;
            Ok(())
        },
        get: |c| Some(c.seed.to_string()),
    },
    Key {
        name: "lr",
        help: "learning rate",
        set: |c, v| {
            c.lr = number("lr", v)?;
            Ok(())
        },
        get: |c| Some(fmt_f64(c.lr)),
    },
    Key {
        name: "iters",
        help: "iterations to run",
        set: |c, v| {
            c.iters = count("iters", v)? as u64;
            Ok(())
        },
        get: |c| Some(c.iters.to_string()),
    },
    Key {
        name: "lambda",
        help: "L2 regularization strength (0 = off)",
        set: |c, v| {
            c.lambda = number("lambda", v)?;
            Ok(())
        },
        get: |c| Some(fmt_f64(c.lambda)),
    },
    Key {
        name: "keep",
        help: "dropout keep probability (1 = off)",
        set: |c, v| {
            c.keep = number("keep", v)?;
            Ok(())
        },
        get: |c| Some(fmt_f64(c.keep)),
    },
    Key {
        name: "mask",
        help: "fixed (the course: same masks every iteration) | fresh (new masks every iteration)",
        set: |c, v| {
            c.mask = one_of("mask", v, &[MaskMode::Fixed, MaskMode::Fresh], mask_name)?;
            Ok(())
        },
        get: |c| Some(mask_name(&c.mask).into()),
    },
    Key {
        name: "dropSeed",
        help: "dropout seed",
        set: |c, v| {
            c.drop_seed = seed("dropSeed", v)?;
            Ok(())
        },
        get: |c| Some(c.drop_seed.to_string()),
    },
    Key {
        name: "bugs",
        help: "planted backprop bugs: w2, b1 (comma-separated; empty = none)",
        set: |c, v| {
            let mut bugs = PlantedBugs::default();
            for part in v
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty() && *p != "none")
            {
                match part {
                    "w2" => bugs.w2 = true,
                    "b1" => bugs.b1 = true,
                    _ => return Err(invalid("bugs", v, "a comma list of w2, b1")),
                }
            }
            c.bugs = bugs;
            Ok(())
        },
        get: |c| {
            let mut parts = Vec::new();
            if c.bugs.w2 {
                parts.push("w2");
            }
            if c.bugs.b1 {
                parts.push("b1");
            }
            Some(if parts.is_empty() {
                "none".into()
            } else {
                parts.join(",")
            })
        },
    },
    Key {
        name: "eps",
        help: "gradient-checking step epsilon",
        set: |c, v| {
            c.eps = number("eps", v)?;
            Ok(())
        },
        get: |c| Some(fmt_f64(c.eps)),
    },
    Key {
        name: "play",
        help: "1 = start training when the link opens",
        set: |c, v| {
            c.view.play = flag("play", v)?;
            Ok(())
        },
        get: |c| Some(flag_str(c.view.play)),
    },
    Key {
        name: "compare",
        help: "1 = show the lab's three runs side by side (with this link's other changes)",
        set: |c, v| {
            c.view.compare = flag("compare", v)?;
            Ok(())
        },
        get: |c| Some(flag_str(c.view.compare)),
    },
    Key {
        name: "showTest",
        help: "1 = draw the test points",
        set: |c, v| {
            c.view.show_test = flag("showTest", v)?;
            Ok(())
        },
        get: |c| Some(flag_str(c.view.show_test)),
    },
    Key {
        name: "logCost",
        help: "1 = cost curve on a log scale",
        set: |c, v| {
            c.view.log_cost = flag("logCost", v)?;
            Ok(())
        },
        get: |c| Some(flag_str(c.view.log_cost)),
    },
];

/// Parses a link, a query (`a=1&b=2`), or either with a leading `#`/`?`,
/// then validates the result.
pub fn parse(link: &str) -> Result<Parsed, ConfigError> {
    let query = match (link.find('#'), link.find('?')) {
        (Some(h), _) => &link[h + 1..],
        (None, Some(q)) => &link[q + 1..],
        (None, None) => link,
    };
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k).trim().to_string(), decode(v).trim().to_string())
        })
        .collect();
    let mut warnings = Vec::new();
    let mut config = Config::default();
    if let Some((_, v)) = pairs.iter().rev().find(|(k, _)| k == "preset") {
        let preset = one_of("preset", v, &Preset::ALL, |p| p.name())?;
        config = preset.config();
    }
    let mut seen: Vec<&str> = Vec::new();
    for (k, v) in &pairs {
        if seen.contains(&k.as_str()) {
            warnings.push(Warning {
                key: k.clone(),
                value: v.clone(),
                message: "repeated key: the last value wins".into(),
            });
        }
        seen.push(k);
        if k == "preset" {
            continue;
        }
        match KEYS.iter().find(|key| key.name == k) {
            Some(key) => (key.set)(&mut config, v)?,
            None => warnings.push(Warning {
                key: k.clone(),
                value: v.clone(),
                message: "unknown key, ignored".into(),
            }),
        }
    }
    config.validate()?;
    Ok(Parsed { config, warnings })
}

/// The canonical query of a configuration: `preset=…` first (when there is
/// one), then each key whose value differs from the preset's, in table order.
pub fn serialize(config: &Config) -> String {
    let base = config.preset.map(Preset::config).unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(p) = config.preset {
        parts.push(format!("preset={}", p.name()));
    }
    for key in KEYS {
        let (ours, theirs) = ((key.get)(config), (key.get)(&base));
        if ours != theirs {
            if let Some(v) = ours {
                parts.push(format!("{}={}", key.name, encode(&v)));
            }
        }
    }
    parts.join("&")
}

/// `f64` in the shortest form that parses back to the same bits.
fn fmt_f64(v: f64) -> String {
    format!("{v}")
}

fn mask_name(m: &MaskMode) -> &'static str {
    match m {
        MaskMode::Fixed => "fixed",
        MaskMode::Fresh => "fresh",
    }
}

fn flag_str(b: bool) -> String {
    (if b { "1" } else { "0" }).into()
}

fn invalid(key: &str, value: &str, expected: &'static str) -> ConfigError {
    ConfigError::Invalid {
        key: key.into(),
        value: value.into(),
        expected,
    }
}

fn one_of<T: Copy>(
    key: &str,
    value: &str,
    all: &[T],
    name: impl Fn(&T) -> &'static str,
) -> Result<T, ConfigError> {
    all.iter().copied().find(|t| name(t) == value).ok_or_else(|| ConfigError::Invalid {
        key: key.into(),
        value: value.into(),
        expected: match key {
            "preset" => "init-zeros | init-random | init-he | reg-none | reg-l2 | reg-dropout | gradcheck",
            "data" => "circles | football | moons | xor | spiral | gauss | gradcase",
            "init" => "zeros | random | xavier | he | case",
            "mask" => "fixed | fresh",
            _ => "one of the listed names",
        },
    })
}

/// A finite number (ranges are checked by `Config::validate`).
fn number(key: &str, value: &str) -> Result<f64, ConfigError> {
    let v: f64 = value.parse().map_err(|_| invalid(key, value, "a number"))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(invalid(key, value, "a finite number"))
    }
}

/// A whole number that fits in `u32` (sizes and counts).
fn count(key: &str, value: &str) -> Result<usize, ConfigError> {
    value
        .trim()
        .parse::<u32>()
        .map(|v| v as usize)
        .map_err(|_| invalid(key, value, "a whole number"))
}

/// A NumPy seed: a whole number from 0 to 2³² − 1.
fn seed(key: &str, value: &str) -> Result<u32, ConfigError> {
    value
        .parse::<u32>()
        .map_err(|_| invalid(key, value, "a seed from 0 to 4294967295"))
}

fn flag(key: &str, value: &str) -> Result<bool, ConfigError> {
    match value {
        "1" | "true" | "" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(invalid(key, value, "1 or 0")),
    }
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

/// Escapes what would break a query: `%`, `&`, `=`, `#`, spaces and controls.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' | '&' | '=' | '#' | '+' | '?' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_whitespace() || c.is_control() => {
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

    #[test]
    fn presets_parse_and_serialize_canonically() {
        for p in Preset::ALL {
            let q = format!("preset={}", p.name());
            let parsed = parse(&q).unwrap();
            assert_eq!(parsed.config, p.config());
            assert!(parsed.warnings.is_empty());
            assert_eq!(serialize(&parsed.config), q);
        }
    }

    #[test]
    fn explicit_keys_override_the_preset() {
        let c = parse("#preset=reg-l2&lambda=0.1&layers=8%2C4&play=1")
            .unwrap()
            .config;
        assert_eq!(c.lambda, 0.1);
        assert_eq!(c.hidden, vec![8, 4]);
        assert!(c.view.play);
        assert_eq!(c.data, DataKind::Football);
        assert_eq!(serialize(&c), "preset=reg-l2&layers=8,4&lambda=0.1&play=1");
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
