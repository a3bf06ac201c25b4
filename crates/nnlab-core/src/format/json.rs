//! The one JSON writer (no parser needed): the command line's `--json`
//! output and the page's weight export.
//!
//! Numbers print with full round-trip precision in the course's Python form
//! ([`fmt_py`]: the shortest digits that parse back to the same bits, `0.96`,
//! `1.0`, `1e-07`). JSON has no infinities or NaN, so those are the strings
//! `"inf"`, `"-inf"` and `"nan"`, as in the course's reference files.

use std::fmt;

use super::fmt_py;

/// A JSON value. Objects keep their keys in insertion order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A count or an iteration number.
    Int(u64),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// An object from `(key, value)` pairs.
    pub fn obj<K: Into<String>>(fields: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Obj(fields.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// An array of anything that converts to a value.
    pub fn arr<T: Into<Json>>(items: impl IntoIterator<Item = T>) -> Json {
        Json::Arr(items.into_iter().map(Into::into).collect())
    }

    /// The value for people to read, still JSON: objects nested less than
    /// `levels` deep one member a line (two-space indent), everything deeper
    /// and every array on one line with `, ` and `: ` separators. No final
    /// newline. `pretty(0)` is the one-line form with spaces.
    pub fn pretty(&self, levels: usize) -> String {
        let mut out = String::new();
        let layout = Layout {
            broken: levels,
            spaced: true,
        };
        self.write(&mut out, layout, 0)
            .expect("writing to a String cannot fail");
        out
    }

    /// Writes the value at nesting `level` (0: the outermost).
    fn write(&self, f: &mut dyn fmt::Write, layout: Layout, level: usize) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Int(n) => write!(f, "{n}"),
            Json::Num(x) => f.write_str(&number(*x)),
            Json::Str(s) => write_string(f, s),
            Json::Arr(items) => {
                let inline = Layout {
                    broken: 0,
                    ..layout
                };
                members(f, ('[', ']'), items.len(), inline, level, |f, i| {
                    items[i].write(f, layout, level + 1)
                })
            }
            Json::Obj(fields) => members(f, ('{', '}'), fields.len(), layout, level, |f, i| {
                let (key, value) = &fields[i];
                write_string(f, key)?;
                f.write_str(if layout.spaced { ": " } else { ":" })?;
                value.write(f, layout, level + 1)
            }),
        }
    }
}

/// How [`Json::write`] lays a value out: objects nested less than `broken`
/// deep one member a line; `spaced`: `, ` and `: ` rather than `,` and `:`.
#[derive(Clone, Copy)]
struct Layout {
    broken: usize,
    spaced: bool,
}

/// `open`, `n` members written by `member` and separated by commas (one a
/// line, indented, when `level < layout.broken`), then `close`.
fn members(
    f: &mut dyn fmt::Write,
    (open, close): (char, char),
    n: usize,
    layout: Layout,
    level: usize,
    mut member: impl FnMut(&mut dyn fmt::Write, usize) -> fmt::Result,
) -> fmt::Result {
    let broken = level < layout.broken && n > 0;
    f.write_char(open)?;
    for i in 0..n {
        if i > 0 {
            f.write_char(',')?;
            if layout.spaced && !broken {
                f.write_char(' ')?;
            }
        }
        if broken {
            write!(f, "\n{:1$}", "", 2 * (level + 1))?;
        }
        member(f, i)?;
    }
    if broken {
        write!(f, "\n{:1$}", "", 2 * level)?;
    }
    f.write_char(close)
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Self {
        Json::Int(n)
    }
}

impl From<usize> for Json {
    fn from(n: usize) -> Self {
        Json::Int(n as u64)
    }
}

impl From<f64> for Json {
    fn from(x: f64) -> Self {
        Json::Num(x)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::Str(s.into())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::Str(s)
    }
}

/// `(iteration, cost)` pairs are written as two-element arrays.
impl From<(u64, f64)> for Json {
    fn from((i, x): (u64, f64)) -> Self {
        Json::Arr(vec![Json::Int(i), Json::Num(x)])
    }
}

/// `x` as a JSON number in Python's form (valid JSON: `1.0`, `-0.0`,
/// `1e-07`, `1e+300`), or as `"inf"`/`"-inf"`/`"nan"`.
pub fn number(x: f64) -> String {
    if x.is_finite() {
        fmt_py(x)
    } else {
        format!("\"{}\"", fmt_py(x))
    }
}

/// `s` as a JSON string literal (quotes, backslashes and control
/// characters escaped; U+2028/U+2029 too, for JavaScript).
fn write_string(f: &mut dyn fmt::Write, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                write!(f, "\\u{:04x}", c as u32)?
            }
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// Compact JSON on one line.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let compact = Layout {
            broken: 0,
            spaced: false,
        };
        self.write(f, compact, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_non_finite_are_strings() {
        let v = Json::arr([
            0.1,
            1.0,
            -0.0,
            1e-7,
            1e300,
            0.8830537463419761,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ]);
        assert_eq!(
            v.to_string(),
            r#"[0.1,1.0,-0.0,1e-07,1e+300,0.8830537463419761,"inf","-inf","nan"]"#
        );
        for x in [
            0.1,
            1.0 / 3.0,
            2.919335883291695e-10,
            1.1890913024597091e-07,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            -1e16,
        ] {
            let s = Json::Num(x).to_string();
            assert_eq!(s.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{s}");
        }
    }

    #[test]
    fn strings_are_escaped() {
        let v = Json::obj([("k\"ey", Json::from("a\\b\n\u{1}\u{2028}λ"))]);
        assert_eq!(v.to_string(), "{\"k\\\"ey\":\"a\\\\b\\n\\u0001\\u2028λ\"}");
    }

    #[test]
    fn objects_keep_their_order() {
        let v = Json::obj([
            ("b", Json::from(true)),
            ("a", Json::from(3u64)),
            ("c", Json::arr([(0u64, 0.5)])),
            ("d", Json::Null),
        ]);
        assert_eq!(v.to_string(), r#"{"b":true,"a":3,"c":[[0,0.5]],"d":null}"#);
    }

    #[test]
    fn pretty_breaks_outer_objects_only() {
        let v = Json::obj([
            ("n", Json::from(2u64)),
            ("sizes", Json::arr([2u64, 10])),
            (
                "params",
                Json::obj([("W1", Json::obj([("data", Json::arr([0.5, -1.0]))]))]),
            ),
            ("empty", Json::obj::<&str>([])),
        ]);
        let want = r#"{
  "n": 2,
  "sizes": [2, 10],
  "params": {
    "W1": {"data": [0.5, -1.0]}
  },
  "empty": {}
}"#;
        assert_eq!(v.pretty(2), want);
        assert_eq!(
            v.pretty(0),
            r#"{"n": 2, "sizes": [2, 10], "params": {"W1": {"data": [0.5, -1.0]}}, "empty": {}}"#
        );
        assert_eq!(Json::arr([1u64]).pretty(3), "[1]");
    }
}
