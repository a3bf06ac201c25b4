//! Numbers as people read them, in one place: the Python-repr form the
//! course prints (what a course user compares against, used in JSON and by
//! the command line), the plain form of links, ranges and messages, and the
//! short, scientific and fixed-decimal display forms of the page (costs,
//! percentages, legends, axis ticks); [`json`] is the one JSON writer, built
//! on the Python form. Exponents are always Python's: `1e-07`, `2e+16`.
//! [`shown`] shortens user text for one-line messages; [`number`] reads a number's text.

pub mod json;
pub mod number;

/// A cost as the course prints it ([`fmt_py`]'s digits: `0.8830537463419761`,
/// `1.5e-07`), with the page's signs for the rest: `∞` for an infinite cost
/// (the course's `inf`), `−∞`, and `—` for NaN.
pub fn fmt_cost(c: f64) -> String {
    if c.is_nan() {
        "—".into()
    } else if c.is_infinite() {
        if c > 0.0 { "∞" } else { "−∞" }.into()
    } else {
        fmt_py(c)
    }
}

/// A cost with 6 significant digits (tooltips), Python's exponent form below
/// 1e-3 and from 1e6: `0.0735790`, `12.5000`, `1.23450e-04`.
pub fn fmt_cost_short(c: f64) -> String {
    if !c.is_finite() {
        fmt_cost(c)
    } else if c != 0.0 && (c.abs() < 1e-3 || c.abs() >= 1e6) {
        fmt_sci(c, 5)
    } else {
        let digits = if c == 0.0 {
            0
        } else {
            (5 - libm::log10(c.abs()).floor() as i32).max(0) as usize
        };
        fmt_fixed(c, digits)
    }
}

/// A fraction as a percentage with one decimal: `99.3%`.
pub fn fmt_percent(f: f64) -> String {
    if f.is_finite() {
        format!("{}%", fmt_fixed(f * 100.0, 1))
    } else {
        "—".into()
    }
}

/// A number the way Python prints it (shortest repr; scientific below 1e-4
/// and from 1e16, with a two-digit exponent): `1.1890913024229996e-07`,
/// `1.0`, `inf`, `nan`. [`fmt_plain`] with Python's `.0` on whole numbers.
pub fn fmt_py(v: f64) -> String {
    let s = fmt_plain(v);
    if !v.is_finite() || s.contains(['.', 'e']) {
        s
    } else {
        s + ".0"
    }
}

/// The fewest characters that read back to the same number, in Python's
/// notation (scientific below 1e-4 and from 1e16, two-digit exponent) but
/// whole numbers without `.0`: `1e-12`, `1e-05`, `0.1`, `1000`, `inf`. For
/// links, ranges and messages.
pub fn fmt_plain(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    let (sci, exp) = python_sci(v, None);
    if (-4..16).contains(&exp) {
        format!("{v}")
    } else {
        sci
    }
}

/// Three significant digits, Python's exponent style below 1e-4 and from 1e6:
/// `4.27e-06`, `0.333`, `1.72`.
pub fn fmt_short(v: f64) -> String {
    if !v.is_finite() {
        return fmt_py(v);
    }
    if v == 0.0 {
        return "0".into();
    }
    let exp = libm::log10(v.abs()).floor() as i32;
    if !(-4..6).contains(&exp) {
        fmt_sci(v, 2)
    } else {
        fmt_fixed(v, (2 - exp).max(0) as usize)
    }
}

/// `v` in scientific notation with `decimals` mantissa decimals, as
/// Python's `%.{decimals}e` writes it: `1e-04`, `2.00e+07`.
///
/// `0`, `nan`, `inf` and `-inf` print as themselves (the gradient-check
/// table's exact zeros behind a dead ReLU read `0`).
pub fn fmt_sci(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        fmt_py(v)
    } else if v == 0.0 {
        "0".into()
    } else {
        python_sci(v, Some(decimals)).0
    }
}

/// `v` with `decimals` decimals (axis ticks): `0.5`, `5000`, `0.01`; a
/// negative number that rounds to zero loses its sign (`0.0`, not `-0.0`).
pub fn fmt_fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.into(),
        _ => s,
    }
}

/// The one rewrite of Rust's exponent form (`1.5e-7`) into Python's (sign,
/// at least two digits: `1.5e-07`, `2e+16`): `v` (finite) with `decimals`
/// mantissa decimals, or the shortest that read back to `v` (`None`), and
/// its decimal exponent.
fn python_sci(v: f64, decimals: Option<usize>) -> (String, i32) {
    let rust = match decimals {
        Some(d) => format!("{v:.d$e}"),
        None => format!("{v:e}"),
    };
    let (mantissa, exp) = rust.split_once('e').expect("LowerExp writes an exponent");
    let exp: i32 = exp.parse().expect("LowerExp exponent");
    let sign = if exp < 0 { '-' } else { '+' };
    (format!("{mantissa}e{sign}{:02}", exp.abs()), exp)
}

/// How many leading digits two numbers share
/// (relative agreement), for "agrees with the course to N digits".
pub fn agreeing_digits(a: f64, b: f64) -> u32 {
    if a == b {
        return 17;
    }
    let rel = (a - b).abs() / a.abs().max(b.abs());
    if !rel.is_finite() || rel >= 1.0 {
        return 0;
    }
    (-libm::log10(rel)).floor().clamp(0.0, 17.0) as u32
}

/// Shortens and escapes a user-supplied value so a message stays one
/// readable line whatever the link contained.
pub fn shown(value: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_print_like_the_course() {
        assert_eq!(fmt_cost(0.8830537463419761), "0.8830537463419761");
        assert_eq!(fmt_cost(f64::INFINITY), "∞");
        assert_eq!(fmt_cost(f64::NEG_INFINITY), "−∞");
        assert_eq!(fmt_cost(f64::NAN), "—");
        assert_eq!(fmt_cost(1.5e-7), "1.5e-07");
        assert_eq!(fmt_cost(1e-5), "1e-05");
        assert_eq!(fmt_cost(1e16), "1e+16");
        assert_eq!(fmt_cost(0.0), "0.0");
        assert_eq!(fmt_cost(2.0), "2.0");
        assert_eq!(fmt_cost_short(0.07357895962677366), "0.0735790");
        assert_eq!(fmt_cost_short(0.75), "0.750000");
        assert_eq!(fmt_cost_short(12.5), "12.5000");
        assert_eq!(fmt_cost_short(1.2345e-4), "1.23450e-04");
        assert_eq!(fmt_cost_short(2.5e6), "2.50000e+06");
        assert_eq!(fmt_percent(0.9933333333333333), "99.3%");
        assert_eq!(fmt_percent(0.915), "91.5%");
        assert_eq!(fmt_percent(0.5), "50.0%");
    }

    #[test]
    fn numbers_print_like_python() {
        assert_eq!(fmt_py(1.1890913024229996e-07), "1.1890913024229996e-07");
        assert_eq!(fmt_py(0.2850931567761623), "0.2850931567761623");
        assert_eq!(fmt_py(2e-7), "2e-07");
        assert_eq!(fmt_py(1e-7), "1e-07");
        assert_eq!(fmt_py(2.919335883291695e-10), "2.919335883291695e-10");
        assert_eq!(fmt_py(0.0001), "0.0001");
        assert_eq!(fmt_py(1.0), "1.0");
        assert_eq!(fmt_py(1e16), "1e+16");
        assert_eq!(fmt_py(f64::INFINITY), "inf");
        assert_eq!(fmt_py(0.0), "0.0");
        assert_eq!(fmt_short(4.265197532081997e-06), "4.27e-06");
        assert_eq!(fmt_short(0.600002502856701), "0.600");
        assert_eq!(fmt_short(1.7188391312878526), "1.72");
        assert_eq!(fmt_short(123.456), "123");
        assert_eq!(fmt_short(2e7), "2.00e+07");
        assert_eq!(fmt_short(0.0), "0");
        assert_eq!(fmt_sci(1.1890913024229996e-07, 6), "1.189091e-07");
        assert_eq!(fmt_sci(-3.0, 6), "-3.000000e+00");
        assert_eq!(fmt_sci(0.2850931567761623, 6), "2.850932e-01");
        assert_eq!(fmt_sci(1.5e123, 6), "1.500000e+123");
        assert_eq!(fmt_sci(0.0, 6), "0");
        assert_eq!(fmt_sci(f64::NAN, 6), "nan");
        assert_eq!(fmt_sci(f64::NEG_INFINITY, 6), "-inf");
        assert_eq!(fmt_short(-0.00001234), "-1.23e-05");
    }

    #[test]
    fn plain_sci_and_fixed_forms() {
        assert_eq!(fmt_plain(1e-12), "1e-12");
        assert_eq!(fmt_plain(1e-5), "1e-05");
        assert_eq!(fmt_plain(0.0001), "0.0001");
        assert_eq!(fmt_plain(0.1), "0.1");
        assert_eq!(fmt_plain(1000.0), "1000");
        assert_eq!(fmt_plain(1e16), "1e+16");
        assert_eq!(fmt_plain(-2.5e20), "-2.5e+20");
        assert_eq!(fmt_plain(f64::NEG_INFINITY), "-inf");
        for v in [1e-12, 0.1, 1.0 / 3.0, 5e-324, f64::MAX, -1e16, 0.02] {
            assert_eq!(fmt_plain(v).parse::<f64>().unwrap().to_bits(), v.to_bits());
        }
        assert_eq!(fmt_py(-0.0), "-0.0");
        assert_eq!(fmt_py(f64::NAN), "nan");
        assert_eq!(fmt_sci(1e-4, 0), "1e-04");
        assert_eq!(fmt_sci(1e-10, 0), "1e-10");
        assert_eq!(fmt_sci(123.0, 1), "1.2e+02");
        assert_eq!(fmt_fixed(0.5, 1), "0.5");
        assert_eq!(fmt_fixed(-1.0, 1), "-1.0");
        assert_eq!(fmt_fixed(5000.0, 0), "5000");
        assert_eq!(fmt_fixed(-0.0000001, 1), "0.0");
        assert_eq!(fmt_fixed(-0.04, 1), "0.0");
        assert_eq!(fmt_fixed(-0.06, 1), "-0.1");
    }
}
