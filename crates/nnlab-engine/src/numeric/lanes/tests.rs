//! Every backend against the scalar definitions, bit for bit.

use super::array::ArrayLanes;
use super::four::Lanes;
use super::libm_ports::trunc_small;
use super::vector::Vector;
use super::V4;
use crate::numeric::rng::NumpyRng;

/// Applies `op` to every chunk of four with backend `L` and compares
/// with `want` lane by lane, bit for bit.
fn check<L: Lanes>(backend: &str, name: &str, xs: &[f64], op: fn(L) -> L, want: fn(f64) -> f64) {
    for chunk in xs.chunks_exact(4) {
        let got = op(L::load_slice(chunk)).to_array();
        for (lane, &x) in chunk.iter().enumerate() {
            let w = want(x);
            assert!(
                got[lane].to_bits() == w.to_bits() || (got[lane].is_nan() && w.is_nan()),
                "{backend} {name}({x:e}): {:e} vs {w:e}",
                got[lane]
            );
        }
    }
}

macro_rules! every_backend {
    ($name:expr, $xs:expr, |$v:ident| $body:expr, $want:expr) => {{
        fn op<L: Lanes>($v: L) -> L {
            $body
        }
        check::<ArrayLanes>("scalar", $name, $xs, op::<ArrayLanes>, $want);
        check::<V4>("portable", $name, $xs, op::<V4>, $want);
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            #[target_feature(enable = "avx2")]
            fn with_avx2(xs: &[f64], want: fn(f64) -> f64) {
                check::<ArrayLanes>("avx2", $name, xs, op::<ArrayLanes>, want);
            }
            // SAFETY: the CPU has AVX2 (checked above).
            unsafe { with_avx2($xs, $want) };
        }
    }};
}

/// Values across every branch of the two algorithms, plus random ones
/// with magnitudes `2^(-scale/2) .. 2^(scale/2)`.
fn inputs(scale: u32, n: usize) -> Vec<f64> {
    let mut rng = NumpyRng::new(5);
    let mut xs = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        2.0,
        1e-300,
        -1e-300,
        3e-9,
        -3e-9,
        3.725_290_298_4e-9,
        0.346_573_590_279_972_6,
        -0.346_573_590_279_972_6,
        0.346_573_590_279_972_64,
        1.039_720_770_839_917_9,
        -1.039_720_770_839_917_9,
        1.039_720_770_839_918,
        700.0,
        -700.0,
        708.3,
        -708.3,
        708.39,
        708.4,
        -708.4,
        709.0,
        709.8,
        -745.2,
        -740.0,
        1000.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MIN_POSITIVE,
        f64::MIN_POSITIVE / 3.0,
        f64::MAX,
        std::f64::consts::SQRT_2,
        std::f64::consts::FRAC_1_SQRT_2,
        1.0 - f64::EPSILON,
        1.0 + f64::EPSILON,
    ];
    for _ in 0..n {
        let mag = 2f64.powi(rng.interval(scale) as i32 - scale as i32 / 2);
        let sign = if rng.rand() < 0.5 { -1.0 } else { 1.0 };
        xs.push(sign * rng.rand() * mag);
    }
    while xs.len() % 4 != 0 {
        xs.push(0.25);
    }
    xs
}

#[test]
fn exp_is_libm_bit_for_bit() {
    every_backend!("exp", &inputs(24, 100_000), |v| v.exp(), libm::exp);
    // Fast-path lanes only (no vector falls back to libm).
    let fast: Vec<f64> = inputs(20, 100_000)
        .into_iter()
        .filter(|x| x.abs() < 708.0)
        .collect();
    let n = fast.len() / 4 * 4;
    every_backend!("exp", &fast[..n], |v| v.exp(), libm::exp);
}

#[test]
fn ln_is_libm_bit_for_bit() {
    let xs: Vec<f64> = inputs(60, 100_000).into_iter().map(f64::abs).collect();
    every_backend!("ln", &xs, |v| v.ln(), libm::log);
    every_backend!("ln", &inputs(8, 1000), |v| v.ln(), libm::log);
    // Sigmoid outputs and their complements: the cost's inputs.
    let mut rng = NumpyRng::new(9);
    let near: Vec<f64> = (0..50_000)
        .map(|_| crate::numeric::math::sigmoid(40.0 * rng.rand() - 20.0))
        .flat_map(|a| [a, 1.0 - a])
        .collect();
    every_backend!("ln", &near, |v| v.ln(), libm::log);
}

#[test]
fn sigmoid_relu_and_arithmetic_match_the_scalar_forms() {
    every_backend!(
        "sigmoid",
        &inputs(12, 50_000),
        |v| v.sigmoid(),
        crate::numeric::math::sigmoid
    );
    let xs = [
        -0.0,
        0.0,
        -1.0,
        5e-324,
        2.0,
        -f64::INFINITY,
        1e-310,
        f64::NAN,
    ];
    every_backend!("relu", &xs, |v| v.relu(), |z| if z < 0.0 { 0.0 } else { z });
    let xs = inputs(40, 4000);
    every_backend!(
        "arithmetic",
        &xs,
        |v| {
            let w = v * Vector::splat(1.5) - Vector::splat(0.25);
            let q = (v + w) / (w - v) * v;
            Vector::select(q.lt(w), q, Vector::select(v.ge(w), v.abs(), w.neg()))
                + Vector::select(q.le(v), q, Vector::select(q.gt(w), v, w))
        },
        |v| {
            let w = v * 1.5 - 0.25;
            let q = (v + w) / (w - v) * v;
            (if q < w {
                q
            } else if v >= w {
                v.abs()
            } else {
                -w
            }) + (if q <= v {
                q
            } else if q > w {
                v
            } else {
                w
            })
        }
    );
}

/// Like `check`, four vectors (16 values) at a time through `op`.
fn check_wide<L: Lanes>(name: &str, xs: &[f64], op: fn([L; 4]) -> [L; 4], want: fn(f64) -> f64) {
    for chunk in xs.chunks_exact(16) {
        let got = op(core::array::from_fn(|i| L::load_slice(&chunk[4 * i..])));
        let got = got.iter().flat_map(|v| v.to_array());
        for (g, &x) in got.zip(chunk) {
            let w = want(x);
            assert!(
                g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()),
                "{name}({x:e}): {g:e} vs {w:e}"
            );
        }
    }
}

#[test]
fn sigmoid_and_ln_of_several_vectors_match_one_at_a_time() {
    // Mostly fast-path chunks, some with a lane that takes libm.
    let zs = inputs(12, 20_000);
    check_wide::<ArrayLanes>(
        "sigmoid_all",
        &zs,
        ArrayLanes::sigmoid_all,
        crate::numeric::math::sigmoid,
    );
    check_wide::<V4>(
        "sigmoid_all",
        &zs,
        V4::sigmoid_all,
        crate::numeric::math::sigmoid,
    );
    let mut big = zs.clone();
    big[5] = 800.0;
    big[40] = f64::NAN;
    check_wide::<V4>(
        "sigmoid_all",
        &big,
        V4::sigmoid_all,
        crate::numeric::math::sigmoid,
    );
    let xs: Vec<f64> = inputs(60, 20_000).into_iter().map(f64::abs).collect();
    check_wide::<ArrayLanes>("ln_all", &xs, ArrayLanes::ln_all, libm::log);
    check_wide::<V4>("ln_all", &xs, V4::ln_all, libm::log);
}

#[test]
fn trunc_small_truncates_toward_zero() {
    let xs = [
        -2.5, -2.0, -1.9999, -0.5, -0.0, 0.0, 0.49, 0.5, 1.0, 1.5, 2.5, 1022.9, -1022.9, 3.0, -3.0,
        7.99999,
    ];
    every_backend!("trunc", &xs, |v| trunc_small(v), f64::trunc);
}
