//! A number's text read as an `f64`, exactly as Rust's `f64::from_str` reads it: its
//! grammar (an optional sign, then `inf`, `infinity` or `nan` in any case, or decimal
//! digits with an optional point and an optional exponent `e`/`E` with its own optional
//! sign; at least one digit before the exponent; no spaces) and its value (the nearest
//! `f64`, ties to even; too large is infinite, too small zero).
//!
//! Who turns the digits into the nearest `f64`: a reader the host installs with
//! [`set_reader`] (the page's two wasm modules: JavaScript's `parseFloat`, also correctly
//! rounded; `nnlab_render::use_page_numbers`), else, with the `parse-f64` feature (the
//! default: the command line and the tests), the standard library. The page's modules
//! build without that feature: the standard parser's code and its 10 kB table of powers of
//! five cost their first load 13 kB gzipped (README "Size"). The reader only ever sees text
//! this module has checked against the grammar, never a special value.

use std::cell::Cell;

/// The host's conversion of checked decimal text (`-1.5e-3`, `.5`, `2.`) to the nearest
/// `f64`.
pub type Reader = fn(&str) -> f64;

thread_local! {
    static READER: Cell<Option<Reader>> = const { Cell::new(None) };
}

/// Installs the host's reader (used instead of the standard library's).
pub fn set_reader(reader: Reader) {
    READER.with(|r| r.set(Some(reader)));
}

/// `text` as Rust's `text.parse::<f64>().ok()` reads it (the same bits, NaN's sign
/// included); `None` for text outside the grammar, and for every decimal text in a build
/// without the `parse-f64` feature whose host installed no reader.
pub fn read_number(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let special = ["inf", "infinity", "nan"]
        .iter()
        .position(|name| body.eq_ignore_ascii_case(name));
    if let Some(which) = special {
        let value = if which < 2 { f64::INFINITY } else { f64::NAN };
        return Some(if negative { -value } else { value });
    }
    if !is_decimal(body) {
        return None;
    }
    if let Some(reader) = READER.with(Cell::get) {
        return Some(reader(text));
    }
    #[cfg(feature = "parse-f64")]
    {
        text.parse().ok()
    }
    #[cfg(not(feature = "parse-f64"))]
    {
        None
    }
}

/// Digits with an optional point (at least one digit), then an optional exponent: `e` or
/// `E`, an optional sign, at least one digit.
fn is_decimal(body: &str) -> bool {
    let bytes = body.as_bytes();
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let whole = digits(0);
    let mut at = whole;
    let mut fraction = 0;
    if bytes.get(at) == Some(&b'.') {
        fraction = digits(at + 1);
        at += 1 + fraction;
    }
    if whole + fraction == 0 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits(at);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == bytes.len()
}

/// Texts that test a reader against `str::parse` (this module's tests, and the page's
/// `parseFloat` in the web crate's browser tests): the grammar's edge cases and special
/// values, then `count` random ones in turn: text over the grammar's alphabet, random
/// doubles' shortest forms, and decimals of up to 25 digits with exponents from -350 to
/// 349 (halfway cases, subnormals, overflow).
pub fn sample_texts(count: usize) -> Vec<String> {
    const EDGES: &str = "0 1 -1 +1 1. 1.5 .5 +.5 -.5 . + - e5 1e5 1E5 1e+5 1e-5 1e 1e+ 1.e3 .e3 \
        inf -inf +inf Inf INF infinity -Infinity INFINITY infinit nan NaN NAN -nan +nan 1_000 \
        0x10 1,5 00012 1e400 1e-400 -0 -0.0e-7 2.2250738585072011e-308 4.9e-324 2e-324 \
        2.4703282292062327e-324 1.7976931348623157e308 1.7976931348623159e308 \
        0.30000000000000004 9007199254740993 123456789012345678901234567890 \
        1e00000000000000000000000000005 1e99999999999999999999 0.1e-99999999999999999 \
        100944450.7149672582996485 1d 1f 1.0.0 --1 1e--5 +-1 \u{2212}1 \u{ff11}";
    let mut out: Vec<String> = EDGES.split_whitespace().map(String::from).collect();
    out.extend(["", " 1", "1 "].map(String::from));
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"0123456789.eE+-infatyINFATY_ x";
    for i in 0..count {
        out.push(match i % 3 {
            0 => (0..next() % 10)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect(),
            1 => format!("{}", f64::from_bits(next())),
            _ => {
                let digits = 1 + (next() % 25) as usize;
                let mut t: String = (0..digits)
                    .map(|_| (b'0' + (next() % 10) as u8) as char)
                    .collect();
                t.insert((next() % (digits as u64 + 1)) as usize, '.');
                if next() % 2 == 0 {
                    t.push_str(&format!("e{}", (next() % 700) as i64 - 350));
                }
                t
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With a reader installed (here the standard parser itself, so that the grammar check
    /// is what is tested), and without one: the same bits as `str::parse` for every
    /// sample, and `None` exactly where it fails.
    #[test]
    fn reads_what_rusts_parser_reads() {
        for with_reader in [false, true] {
            if with_reader {
                set_reader(|t| t.parse().expect("checked text parses"));
            }
            for text in sample_texts(60_000) {
                let expected = text.parse::<f64>().ok().map(f64::to_bits);
                assert_eq!(
                    read_number(&text).map(f64::to_bits),
                    expected,
                    "{text:?} (reader installed: {with_reader})"
                );
            }
        }
        READER.with(|r| r.set(None));
    }
}
