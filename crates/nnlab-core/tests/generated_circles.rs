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
