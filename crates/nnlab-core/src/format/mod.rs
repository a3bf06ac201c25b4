//! Numbers as people read them, in one place: the Python-repr form the
//! course prints (what a course user compares against, used in JSON and by
//! the command line) and the short display forms of the page; [`json`] is
//! the one JSON writer, built on the Python form.

pub mod json;

/// A cost as the course prints it (shortest text that reads back to the same
/// number; `∞` for an infinite cost, which the course prints as `inf`).
pub fn fmt_cost(c: f64) -> String {
    if c.is_nan() {
        "—".into()
    } else if c.is_infinite() {
        if c > 0.0 { "∞" } else { "−∞" }.into()
    } else if c != 0.0 && (c.abs() < 1e-4 || c.abs() >= 1e16) {
        format!("{c:e}")
    } else {
        format!("{c}")
    }
}

/// A cost with 6 significant digits (tooltips).
pub fn fmt_cost_short(c: f64) -> String {
    if !c.is_finite() {
        fmt_cost(c)
    } else if c != 0.0 && (c.abs() < 1e-3 || c.abs() >= 1e6) {
        format!("{c:.5e}")
    } else {
        let digits = if c == 0.0 {
            0
        } else {
            (5 - libm::log10(c.abs()).floor() as i32).max(0) as usize
        };
        format!("{c:.digits$}")
    }
}

/// A fraction as a percentage with one decimal: `99.3%`.
pub fn fmt_percent(f: f64) -> String {
    if f.is_finite() {
        format!("{:.1}%", f * 100.0)
    } else {
        "—".into()
    }
}

/// A number the way Python prints it (shortest repr; scientific below 1e-4
/// and from 1e16, with a two-digit exponent): `1.1890913024229996e-07`.
pub fn fmt_py(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').expect("LowerExp writes an exponent");
    let exp: i32 = exp.parse().expect("LowerExp exponent");
    if (-4..16).contains(&exp) {
        let s = format!("{v}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
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
        scientific(v, 2)
    } else {
        let decimals = (2 - exp).max(0) as usize;
        format!("{v:.decimals$}")
    }
}

/// Seven significant digits in scientific notation, like Python's
/// `'%.6e' % v` (`1.189091e-07`, `-3.000000e+00`); `0`, `nan`, `inf` and
/// `-inf` as themselves. The gradient-check table's entries.
pub fn fmt_sci(v: f64) -> String {
    if !v.is_finite() {
        fmt_py(v)
    } else if v == 0.0 {
        "0".into()
    } else {
        scientific(v, 6)
    }
}

/// `v` with `decimals` digits after the point and Python's exponent (a sign
/// and at least two digits): `4.27e-06`.
fn scientific(v: f64, decimals: usize) -> String {
    let sci = format!("{v:.decimals$e}");
    let (mantissa, e) = sci.split_once('e').expect("LowerExp writes an exponent");
    let e: i32 = e.parse().expect("LowerExp exponent");
    let sign = if e < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", e.abs())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_print_like_the_course() {
        assert_eq!(fmt_cost(0.8830537463419761), "0.8830537463419761");
        assert_eq!(fmt_cost(f64::INFINITY), "∞");
        assert_eq!(fmt_cost(1.5e-7), "1.5e-7");
        assert_eq!(fmt_cost(0.0), "0");
        assert_eq!(fmt_cost_short(0.07357895962677366), "0.0735790");
        assert_eq!(fmt_cost_short(0.75), "0.750000");
        assert_eq!(fmt_cost_short(12.5), "12.5000");
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
        assert_eq!(fmt_sci(1.1890913024229996e-07), "1.189091e-07");
        assert_eq!(fmt_sci(-3.0), "-3.000000e+00");
        assert_eq!(fmt_sci(0.2850931567761623), "2.850932e-01");
        assert_eq!(fmt_sci(1.5e123), "1.500000e+123");
        assert_eq!(fmt_sci(0.0), "0");
        assert_eq!(fmt_sci(f64::NAN), "nan");
        assert_eq!(fmt_sci(f64::NEG_INFINITY), "-inf");
    }
}
