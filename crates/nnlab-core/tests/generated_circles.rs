//! The circles generator follows scikit-learn's classic `make_circles` draw
//! for draw: with the course's seeds it regenerates the course's points.

use nnlab_core::data::dataset::Split;
use nnlab_core::data::generate::{generate, Shape};

#[test]
fn seeds_1_and_2_regenerate_the_course_circles() {
    let course = Split::course_circles();
    let train = generate(Shape::Circles, 300, 0.05, 1);
    let test = generate(Shape::Circles, 100, 0.05, 2);
    assert_eq!(train.y, course.train.y, "labels and shuffle order");
    assert_eq!(test.y, course.test.y);
    let max_diff = |a: &[f64], b: &[f64]| {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max)
    };
    let d = max_diff(train.x.as_slice(), course.train.x.as_slice())
        .max(max_diff(test.x.as_slice(), course.test.x.as_slice()));
    assert!(d <= 2.3e-16, "max coordinate difference {d:e}");
}

/// Every stored case of scikit-learn's `make_circles` (odd and even `n`,
/// several noises and seeds), to 1e-12, labels exactly.
#[test]
fn circles_equal_scikit_learns_make_circles() {
    let text = include_str!("reference/sklearn_circles.json");
    let reference: serde_json::Value = serde_json::from_str(text).unwrap();
    let cases = reference["cases"].as_array().unwrap();
    assert!(cases.len() >= 6);
    let mut odd = 0;
    for case in cases {
        let n = case["n"].as_u64().unwrap() as usize;
        let noise = case["noise"].as_f64().unwrap();
        let seed = case["seed"].as_u64().unwrap() as u32;
        odd += n % 2;
        let d = generate(Shape::Circles, n, noise, seed);
        let y: Vec<f64> = case["y"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(d.y, y, "labels, n={n} seed={seed}");
        let x: Vec<f64> = case["x"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(x.len(), 2 * n);
        for j in 0..n {
            for r in 0..2 {
                let diff = (d.x.get(r, j) - x[2 * j + r]).abs();
                assert!(
                    diff <= 1e-12,
                    "n={n} seed={seed} point {j} axis {r}: {diff:e}"
                );
            }
        }
    }
    assert!(odd >= 3, "odd n are covered");
}
