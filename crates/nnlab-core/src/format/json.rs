//! The one JSON writer (no parser needed): the command line's `--json`
//! output and the page's weight export.
//!
//! Numbers print with full round-trip precision in the course's Python form
//! ([`fmt_py`]: the shortest digits that parse back to the same bits, `0.96`,
//! `1.0`, `1e-07`). JSON has no infinities or NaN, so those are the strings
//! `"inf"`, `"-inf"` and `"nan"`, as in the course's reference files.

use std::fmt::{self, Write as _};

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
pub fn string(s: &str) -> String {
    Json::Str(s.into()).to_string()
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
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
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Int(n) => write!(f, "{n}"),
            Json::Num(x) => f.write_str(&number(*x)),
            Json::Str(s) => write_string(f, s),
            Json::Arr(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Json::Obj(fields) => {
                f.write_char('{')?;
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_string(f, key)?;
                    write!(f, ":{value}")?;
                }
                f.write_char('}')
            }
        }
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
        assert_eq!(string("a\"b\\\u{1}"), "\"a\\\"b\\\\\\u0001\"");
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
}
