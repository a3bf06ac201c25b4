//! The playground's options under the gradient check: every hidden
//! activation, L1 beside L2, each optimizer's first step and mini-batches
//! give backprop's gradient within 1e-7 of the numerical one, and a planted
//! bug is still found with them. Bad values are refused naming key and value.

use nnlab_core::config::link;
use nnlab_core::Trainer;

/// A trainer for `query` on a small generated set, after `steps` iterations.
fn trained(query: &str, steps: u64) -> Trainer {
    // A set where no ReLU pre-activation sits at (or within ε of) its kink,
    // where there is no derivative to check (on moons with dataSeed=4 a
    // layer-2 unit is exactly 0 on one example, with or without these options).
    // Regression on dataSeed=1 puts a point where every layer-1 ReLU is
    // off, so a layer-2 unit sits at its kink (z = b2 = 0): seed 2 has none.
    let base = if query.contains("problem=regression") {
        "n=40&dataSeed=2&layers=5,3&init=xavier&lr=0.1"
    } else {
        "data=moons&n=40&dataSeed=1&layers=5,3&init=xavier&lr=0.1"
    };
    let config = link::parse(&format!("{base}&{query}")).unwrap().config;
    let mut t = Trainer::new(config).unwrap();
    t.step(steps);
    t
}

fn difference(query: &str, steps: u64) -> f64 {
    trained(query, steps).gradient_check().unwrap().difference
}

#[test]
fn every_option_passes_the_gradient_check() {
    for query in [
        "act=relu",
        "act=tanh",
        "act=sigmoid",
        "act=linear",
        "act=leakyrelu",
        "l1=0.3",
        "l1=0.3&lambda=0.7&act=tanh",
        "opt=momentum",
        "opt=adam",
        "opt=adam&act=tanh&beta1=0.8&beta2=0.99&epsilon=1e-6",
        "batch=8&batchSeed=5&opt=momentum",
    ] {
        // Before any step and after the first (the optimizer's first move).
        for steps in [0, 1, 25] {
            let d = difference(query, steps);
            assert!(d < 1e-7, "{query} after {steps} steps: difference {d:e}");
        }
    }
}

#[test]
fn a_planted_bug_is_still_found() {
    for query in ["act=tanh", "l1=0.3", "opt=adam", "act=leakyrelu&batch=10"] {
        let d = difference(&format!("{query}&bugs=w2"), 1);
        assert!(d > 1e-3, "{query} with bugs=w2: difference {d:e}");
    }
}

#[test]
fn the_course_defaults_are_the_course() {
    let c = link::parse("preset=init-he").unwrap().config;
    assert!(c.is_course_training());
    let q = link::parse("preset=init-he&act=relu&opt=gd&batch=0&l1=0").unwrap();
    assert_eq!(q.query(), "preset=init-he");
}

#[test]
fn optimizers_and_batches_train_and_repeat() {
    for query in [
        "opt=momentum",
        "opt=adam&lr=0.01",
        "batch=8",
        "act=tanh&batch=13",
    ] {
        let run = |_| {
            let mut t = trained(&format!("{query}&iters=400"), 400);
            t.run();
            (t.last_cost().unwrap().1.to_bits(), t.accuracy().0.correct)
        };
        let (a, b) = (run(0), run(1));
        assert_eq!(a, b, "{query}: same bits twice");
        assert!(
            f64::from_bits(a.0) < 0.6,
            "{query}: cost {}",
            f64::from_bits(a.0)
        );
    }
    let t = trained("batch=8", 0);
    assert_eq!(t.iterations_per_epoch(), Some(5));
}

#[test]
fn generated_data_takes_a_test_share() {
    let split = |q: &str| {
        let c = link::parse(q).unwrap().config;
        (c.split().train.len(), c.split().test.len())
    };
    // The course's rule (n/3 from seed + 1) stays the default.
    assert_eq!(split("data=moons&n=90"), (90, 30));
    assert_eq!(split("data=moons&n=90&testFrac=0.4"), (90, 60));
    assert_eq!(split("data=xor&testFrac=0.5"), (300, 300));
    let (a, b) = (
        link::parse("data=moons&n=90").unwrap().config.split(),
        link::parse("data=moons&n=90&testFrac=0.4")
            .unwrap()
            .config
            .split(),
    );
    assert_eq!(a.train, b.train, "the same training points");
    assert!(b.test.y.contains(&0.0) && b.test.y.contains(&1.0));
}

#[test]
fn bad_values_name_the_key_and_value() {
    for (query, message) in [
        (
            "act=softmax",
            "act=softmax: expected relu | tanh | sigmoid | linear | leakyrelu",
        ),
        ("beta=1", "beta=1: out of range, allowed 0 <= beta < 1"),
        (
            "beta2=-0.1",
            "beta2=-0.1: out of range, allowed 0 <= beta2 <= 1",
        ),
        (
            "batch=301",
            "batch=301: a mini-batch cannot be larger than the 300 training points",
        ),
        ("opt=sgd", "opt=sgd: expected gd | momentum | adam"),
        ("l1=-1", "l1=-1: out of range, allowed 0 <= l1 <= 1000"),
        (
            "data=moons&n=2000&testFrac=0.9",
            "testFrac=0.9: this share of 2000 training points is 18000 test points, over the limit of 2000",
        ),
        (
            "data=football&testFrac=0.3",
            "testFrac=0.3: testFrac splits own points (data=custom) and generated data (circles with dataSeed, n or noise, and the other shapes); the course's data has its own test set",
        ),
    ] {
        let err = link::parse(query)
            .and_then(|p| p.config.validate().map(|_| p))
            .unwrap_err();
        assert_eq!(err.to_string(), message, "{query}");
    }
}

/// Every feature set and regression (on each surface, with each hidden
/// activation family) under the gradient check, before and after steps.
#[test]
fn features_and_regression_pass_the_gradient_check() {
    for query in [
        "features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2",
        "features=x1x2",
        "features=sinx2,x1sq&act=tanh",
        "features=x1,x2,x1x2,sinx1&normalize=1&l1=0.2",
        "data=gauss&problem=regression",
        "data=plane&problem=regression&noise=0.1&act=tanh",
        "data=gauss&problem=regression&features=x1sq,x2sq,x1x2&lambda=0.5&opt=adam",
    ] {
        for steps in [0, 1, 25] {
            let d = difference(query, steps);
            assert!(d < 1e-7, "{query} after {steps} steps: difference {d:e}");
        }
    }
    for query in ["features=x1x2,sinx1", "data=gauss&problem=regression"] {
        let d = difference(&format!("{query}&bugs=w2"), 1);
        assert!(d > 1e-3, "{query} with bugs=w2: difference {d:e}");
    }
}

/// The network's input width follows the features; regression's output is
/// linear and its cost the squared error `1/(2m)·Σ(ŷ − y)²`.
#[test]
fn features_widen_the_input_and_regression_fits_values() {
    let t = trained("features=x1,x2,x1x2,sinx1", 0);
    assert_eq!(t.network().sizes(), [4, 5, 3, 1]);
    let (raw, x) = (&t.points().train.x, &t.split().train.x);
    for j in 0..raw.cols() {
        let (a, b) = (raw.get(0, j), raw.get(1, j));
        assert_eq!(
            [x.get(2, j), x.get(3, j)],
            [a * b, nnlab_core::numeric::math::sin(a)]
        );
    }
    // The default features are today's inputs, bit for bit.
    let plain = trained("", 0);
    assert_eq!(plain.split(), plain.points());
    let q =
        "data=gauss&problem=regression&n=200&dataSeed=2&layers=8,8&init=xavier&iters=4000&lr=0.1";
    let mut r = Trainer::new(link::parse(q).unwrap().config).unwrap();
    let before = r.losses();
    r.run();
    let (train, test) = r.losses();
    assert!(
        train < before.0 / 4.0 && test < before.1 / 4.0,
        "{before:?} -> {train} {test}"
    );
    let out = {
        let mut acts = Default::default();
        r.predict(&r.split().train.x, &mut acts)
    };
    let y = &r.split().train.y;
    let want = out
        .iter()
        .zip(y)
        .map(|(a, y)| (a - y) * (a - y))
        .sum::<f64>()
        / (2.0 * y.len() as f64);
    assert_eq!(train, want);
    assert!(out.iter().any(|&v| v < 0.0), "a linear output goes below 0");
}

#[test]
fn bad_features_and_problems_name_the_key_and_value() {
    for (query, message) in [
        ("features=", "features=: at least one feature is needed: x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2"),
        ("features=x1,x3", "features=x1,x3: \"x3\" is not a feature: x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2"),
        ("features=x1,x2,x1", "features=x1,x2,x1: \"x1\" named twice"),
        ("preset=gradcheck&features=x1x2", "features=x1x2: features are computed from a point (x1, x2) of the plane: data=gradcase has 4 inputs of its own"),
        ("problem=regression", "problem=regression: regression needs data whose labels are numbers: data=plane, data=gauss (the two-Gaussian surface) or data=custom; data=circles has two classes"),
        ("data=spiral&problem=regression", "problem=regression: regression needs data whose labels are numbers: data=plane, data=gauss (the two-Gaussian surface) or data=custom; data=spiral has two classes"),
        ("data=plane", "data=plane: data=plane has numeric labels: it needs problem=regression"),
        ("problem=numbers", "problem=numbers: expected classification | regression"),
    ] {
        let err = link::parse(query)
            .and_then(|p| p.config.validate().map(|_| p))
            .unwrap_err();
        assert_eq!(err.to_string(), message, "{query}");
    }
}
