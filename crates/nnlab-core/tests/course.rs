//! The oracle: every number the course's NumPy programs print
//! (`tests/reference/*.json`, copied from `shared/reference`) reproduced
//! through the public API.

use nnlab_core::config::link;
use nnlab_core::config::{Config, Preset};
use nnlab_core::model::dropout::MaskMode;
use nnlab_core::model::init::Init;
use nnlab_core::model::network::{Network, PlantedBugs};
use nnlab_core::numeric::matrix::Matrix;
use nnlab_core::numeric::rng::NumpyRng;
use nnlab_core::run::gradcheck;
use nnlab_core::{Status, Trainer};
use serde_json::Value;

fn reference(name: &str) -> Value {
    let path = format!("{}/tests/reference/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn num(v: &Value) -> f64 {
    match v {
        Value::String(s) if s == "inf" => f64::INFINITY,
        Value::String(s) if s == "-inf" => f64::NEG_INFINITY,
        Value::String(s) if s == "nan" => f64::NAN,
        v => v.as_f64().unwrap(),
    }
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(num).collect()
}

fn array(v: &Value) -> (Vec<usize>, Vec<f64>) {
    let shape = v["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_u64().unwrap() as usize)
        .collect();
    (shape, nums(&v["data"]))
}

fn assert_close(what: &str, got: f64, want: f64, rel: f64) {
    if want.is_infinite() || got.is_infinite() {
        assert_eq!(got, want, "{what}");
        return;
    }
    let err = (got - want).abs() / want.abs().max(1e-300);
    assert!(
        err <= rel || (got - want).abs() < 1e-300,
        "{what}: got {got:e}, want {want:e} (relative error {err:e})"
    );
}

fn assert_matrix(what: &str, got: &Matrix, want: &Value, rel: f64, abs: f64) {
    let (shape, data) = array(want);
    let shape = if shape.len() == 1 {
        vec![1, shape[0]]
    } else {
        shape
    };
    assert_eq!(vec![got.rows(), got.cols()], shape, "{what} shape");
    for (i, (&g, &w)) in got.as_slice().iter().zip(&data).enumerate() {
        let err = (g - w).abs();
        assert!(
            err <= abs || err <= rel * w.abs(),
            "{what}[{i}]: got {g:e}, want {w:e}"
        );
    }
}

const PARAM_NAMES: [&str; 6] = ["W1", "b1", "W2", "b2", "W3", "b3"];

/// The reference's entry `key`; its absence is a failure, not a pass.
fn entry<'a>(r: &'a Value, key: &str) -> &'a Value {
    r.get(key)
        .unwrap_or_else(|| panic!("reference value {key} is missing"))
}

/// The reference's raw MT19937 words for `seed`.
fn raw_words(r: &Value, seed: u32) -> Vec<u32> {
    entry(r, &format!("seed{seed}_raw_u32_10"))
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u32)
        .collect()
}

#[test]
fn rng_streams_match_numpy_bit_for_bit() {
    let r = reference("numpy_rng.json");
    let mut checked = vec!["note".to_string()];
    for seed in [1u32, 2, 3] {
        let mut rng = NumpyRng::new(seed);
        let got: Vec<u32> = (0..10).map(|_| rng.next_u32()).collect();
        assert_eq!(got, raw_words(&r, seed), "seed {seed} raw words");
        checked.push(format!("seed{seed}_raw_u32_10"));
    }
    type Draw = fn(&mut NumpyRng) -> f64;
    // The reference records rand() for seed 1, randn() for seeds 1 to 3.
    let draws: [(u32, &str, Draw); 4] = [
        (1, "rand10", NumpyRng::rand),
        (1, "randn10", NumpyRng::randn),
        (2, "randn10", NumpyRng::randn),
        (3, "randn10", NumpyRng::randn),
    ];
    for (seed, what, draw) in draws {
        let key = format!("seed{seed}_{what}");
        let mut rng = NumpyRng::new(seed);
        for (i, want) in nums(entry(&r, &key)).into_iter().enumerate() {
            assert_eq!(draw(&mut rng).to_bits(), want.to_bits(), "{key} #{i}");
        }
        checked.push(key);
    }
    let mut keys: Vec<String> = r.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    checked.sort();
    assert_eq!(keys, checked, "every reference stream is checked");
}

/// `NumpyRng` as a `rand_core` generator: code that knows only `RngCore`
/// and `SeedableRng` sees NumPy's MT19937 words.
#[test]
fn rand_core_generic_code_sees_numpys_words() {
    use rand_core::{RngCore, SeedableRng};

    /// Draws through the traits only: ten words, then (from a fresh
    /// generator) five `u64`s and 40 bytes.
    fn draws<R: RngCore + SeedableRng<Seed = [u8; 4]>>(seed: u32) -> (Vec<u32>, Vec<u64>, Vec<u8>) {
        let mut rng = R::from_seed(seed.to_le_bytes());
        let words = (0..10).map(|_| rng.next_u32()).collect();
        let mut rng = R::from_seed(seed.to_le_bytes());
        let wide = (0..5).map(|_| rng.next_u64()).collect();
        let mut rng = R::from_seed(seed.to_le_bytes());
        let mut bytes = vec![0; 40];
        rng.fill_bytes(&mut bytes);
        (words, wide, bytes)
    }

    let r = reference("numpy_rng.json");
    for seed in [1u32, 2, 3] {
        let want = raw_words(&r, seed);
        let (words, wide, bytes) = draws::<NumpyRng>(seed);
        assert_eq!(words, want, "seed {seed}: next_u32 is genrand_int32");
        let pairs: Vec<u64> = want
            .chunks_exact(2)
            .map(|w| w[0] as u64 | (w[1] as u64) << 32)
            .collect();
        assert_eq!(wide, pairs, "seed {seed}: next_u64 is two words, low first");
        let le: Vec<u8> = want.iter().flat_map(|w| w.to_le_bytes()).collect();
        assert_eq!(
            bytes, le,
            "seed {seed}: fill_bytes is the words, little-endian"
        );
    }
}

/// Where the reference records a preset's run (file, key); `None` for the
/// gradient-check lab, which records no training run. Exhaustive: a new
/// preset must say where its numbers come from.
fn recorded_run(preset: Preset) -> Option<(&'static str, &'static str)> {
    let init = "lab_initialization.json";
    let reg = "lab_regularization.json";
    match preset {
        Preset::InitZeros => Some((init, "zeros")),
        Preset::InitRandom => Some((init, "random")),
        Preset::InitHe => Some((init, "he")),
        Preset::RegNone => Some((reg, "none")),
        Preset::RegL2 => Some((reg, "l2")),
        Preset::RegDropout => Some((reg, "dropout_fixed_mask")),
        Preset::Gradcheck => None,
    }
}

/// `Preset::expected()` (the numbers the page shows beside the live ones)
/// is the reference's: accuracies exactly, the first cost within 1e-12
/// (`inf` for `inf`). A run whose first cost the reference does not record
/// (dropout: the course prints none) must expect NaN.
#[test]
fn presets_expect_the_reference_numbers() {
    for preset in Preset::ALL {
        let name = preset.name();
        let Some((file, key)) = recorded_run(preset) else {
            assert_eq!(preset.expected(), None, "{name}: no recorded run");
            continue;
        };
        let run = entry(&reference(file), key).clone();
        let e = preset
            .expected()
            .unwrap_or_else(|| panic!("{name}: the reference records {file} {key}"));
        let train = num(entry(&run, "train_accuracy"));
        let test = num(entry(&run, "test_accuracy"));
        assert_eq!(e.train_accuracy, train, "{name} train accuracy");
        assert_eq!(e.test_accuracy, test, "{name} test accuracy");
        let first_cost = match (run.get("first_10_costs"), run.get("cost_at_iteration_0")) {
            (Some(costs), _) => Some(nums(costs)[0]),
            (None, Some(cost)) => Some(num(cost)),
            (None, None) => None,
        };
        match first_cost {
            Some(want) if want.is_infinite() => {
                assert_eq!(e.first_cost, want, "{name} first cost")
            }
            Some(want) => {
                let rel = ((e.first_cost - want) / want).abs();
                assert!(
                    rel <= 1e-12,
                    "{name} first cost: expected() says {:e}, the reference {want:e}",
                    e.first_cost
                );
            }
            None => assert!(
                e.first_cost.is_nan(),
                "{name}: the reference records no first cost, expected() says {}",
                e.first_cost
            ),
        }
    }
}

#[test]
fn initial_weights_match_the_course_bit_for_bit() {
    let r = reference("init_params.json");
    let cases = [
        ("he_2_10_5_1_seed3", vec![2, 10, 5, 1], Init::He),
        (
            "random_x10_2_10_5_1_seed3_course",
            vec![2, 10, 5, 1],
            Init::Random { scale: 10.0 },
        ),
        ("reg_utils_2_20_3_1_seed3", vec![2, 20, 3, 1], Init::Xavier),
    ];
    for (name, sizes, init) in cases {
        let params = init.parameters(&sizes, 3);
        for (p, key) in params.iter().zip(PARAM_NAMES) {
            let (_, want) = array(&r[name][key]);
            let got: Vec<u64> = p.as_slice().iter().map(|v| v.to_bits()).collect();
            let want: Vec<u64> = want.iter().map(|v| v.to_bits()).collect();
            assert_eq!(got, want, "{name} {key}");
        }
    }
}

/// Runs a preset to the end and checks everything the reference recorded.
fn check_full_run(preset: Preset, run: &Value) {
    let mut t = Trainer::new(preset.config()).unwrap();
    t.step(1);
    for (g, key) in t.gradients().iter().zip(PARAM_NAMES) {
        assert_matrix(
            &format!("{} d{key}", preset.name()),
            g,
            &run["grads_iter0"][format!("d{key}")],
            1e-9,
            1e-17,
        );
    }
    for (p, key) in t.network().params().iter().zip(PARAM_NAMES) {
        assert_matrix(
            &format!("{} {key} after 1", preset.name()),
            p,
            &run["parameters_after_iter0"][key],
            1e-12,
            1e-19,
        );
    }
    t.step(9);
    let first: Vec<f64> = t.history().points().iter().take(10).map(|p| p.1).collect();
    for (i, (g, w)) in first.iter().zip(nums(&run["first_10_costs"])).enumerate() {
        assert_close(&format!("{} cost {i}", preset.name()), *g, w, 1e-12);
    }
    t.run();
    assert_eq!(*t.status(), Status::Done);
    let want = nums(&run["costs_every_1000"]);
    assert_eq!(t.checkpoints().len(), want.len());
    for ((it, g), w) in t.checkpoints().iter().zip(want) {
        assert_close(&format!("{} cost at {it}", preset.name()), *g, w, 1e-9);
    }
    let (train, test) = t.accuracy();
    assert_eq!(
        train.fraction(),
        num(&run["train_accuracy"]),
        "{} train accuracy",
        preset.name()
    );
    assert_eq!(
        test.fraction(),
        num(&run["test_accuracy"]),
        "{} test accuracy",
        preset.name()
    );
}

#[test]
fn initialization_lab_he() {
    check_full_run(Preset::InitHe, &reference("lab_initialization.json")["he"]);
}

#[test]
fn initialization_lab_zeros() {
    check_full_run(
        Preset::InitZeros,
        &reference("lab_initialization.json")["zeros"],
    );
}

#[test]
fn initialization_lab_random_times_10() {
    let r = &reference("lab_initialization.json")["random"];
    let mut t = Trainer::new(Preset::InitRandom.config()).unwrap();
    t.run();
    assert_eq!(t.checkpoints()[0].1, num(&r["cost_at_iteration_0"]));
    let (train, test) = t.accuracy();
    assert_eq!(train.fraction(), num(&r["train_accuracy"]));
    assert_eq!(test.fraction(), num(&r["test_accuracy"]));
}

#[test]
fn regularization_lab_none() {
    check_full_run(
        Preset::RegNone,
        &reference("lab_regularization.json")["none"],
    );
}

#[test]
fn regularization_lab_l2() {
    check_full_run(Preset::RegL2, &reference("lab_regularization.json")["l2"]);
}

#[test]
fn regularization_lab_dropout_fixed_masks() {
    let r = &reference("lab_regularization.json")["dropout_fixed_mask"];
    let mut t = Trainer::new(Preset::RegDropout.config()).unwrap();
    t.run();
    let (train, test) = t.accuracy();
    assert_eq!(train.fraction(), num(&r["train_accuracy"]));
    assert_eq!(test.fraction(), num(&r["test_accuracy"]));
}

#[test]
fn fresh_masks_change_every_iteration_and_differ_from_fixed() {
    let fresh_cfg = Config {
        mask: MaskMode::Fresh,
        iters: 50,
        ..Preset::RegDropout.config()
    };
    let fixed_cfg = Config {
        iters: 50,
        ..Preset::RegDropout.config()
    };
    let mut fresh = Trainer::new(fresh_cfg).unwrap();
    let mut fixed = Trainer::new(fixed_cfg).unwrap();
    fresh.step(1);
    fixed.step(1);
    // Both start from the dropout seed's first draws.
    assert_eq!(fresh.masks().unwrap(), fixed.masks().unwrap());
    let (fresh1, fixed1) = (
        fresh.masks().unwrap().to_vec(),
        fixed.masks().unwrap().to_vec(),
    );
    fresh.step(1);
    fixed.step(1);
    assert_ne!(fresh.masks().unwrap(), &fresh1[..], "fresh masks change");
    assert_eq!(fixed.masks().unwrap(), &fixed1[..], "fixed masks repeat");
    fresh.run();
    fixed.run();
    assert_ne!(fresh.network(), fixed.network());
    assert_ne!(fresh.last_cost(), fixed.last_cost());
}

#[test]
fn gradient_check_1d() {
    let r = &reference("lab_gradcheck.json")["one_d"];
    let d = gradcheck::check_1d(num(&r["x"]), num(&r["theta"]), num(&r["epsilon"]));
    assert_close("1-D difference", d, num(&r["difference"]), 1e-9);
}

#[test]
fn gradient_check_course_case() {
    let r = reference("lab_gradcheck.json");
    let tc = &r["test_case"];
    let mut t = Trainer::new(Preset::Gradcheck.config()).unwrap();
    assert_matrix("X", &t.split().train.x, &tc["X"], 0.0, 0.0);
    assert_eq!(t.split().train.y, nums(&tc["Y"]["data"]));
    for (p, key) in t.network().params().iter().zip(PARAM_NAMES) {
        assert_matrix(key, p, &tc["parameters"][key], 0.0, 0.0);
    }
    let correct = t.gradient_check().unwrap();
    assert_close("cost", correct.cost, num(&r["cost_at_test_case"]), 1e-12);
    assert_close(
        "difference, correct backprop",
        correct.difference,
        num(&r["difference_correct_backprop"]),
        1e-9,
    );
    assert!(correct.passes(gradcheck::THRESHOLD));
    assert!(
        !correct.passes(gradcheck::OLD_THRESHOLD),
        "the old threshold flags correct code"
    );

    let buggy = link::parse("preset=gradcheck&bugs=w2,b1").unwrap().config;
    t = Trainer::new(buggy).unwrap();
    let report = t.gradient_check().unwrap();
    assert_close(
        "difference, planted bugs",
        report.difference,
        num(&r["difference_with_planted_bugs"]),
        1e-9,
    );
    assert!(!report.passes(gradcheck::THRESHOLD));
    // The bugs light up exactly W2 and b1.
    let worst = report.worst_per_param();
    for (i, w) in worst.iter().enumerate() {
        let name = Network::param_name(i);
        if name == "W2" || name == "b1" {
            assert!(*w > 0.1, "{name} should light up: {w}");
        } else {
            assert!(*w < 1e-5, "{name} should be clean: {w}");
        }
    }
}

/// Backprop against numerical gradients beyond the course's shapes: random
/// depths, widths, input sizes, weights and λ. Biases are random too, so no
/// ReLU sits exactly on its kink at 0 (where the two-sided difference sees
/// half a slope: zero-initialised biases with dead units do that). Weights
/// stay moderate: a saturated sigmoid (`1 - a` rounding to a few bits) makes
/// the numerical difference meaningless, whatever backprop does.
#[test]
fn gradient_check_passes_for_many_random_configurations() {
    let mut rng = NumpyRng::new(2024);
    for case in 0..60 {
        let mut sizes = vec![1 + rng.interval(4) as usize];
        for _ in 0..1 + rng.interval(3) {
            sizes.push(1 + rng.interval(7) as usize);
        }
        sizes.push(1);
        let m = 1 + rng.interval(11) as usize;
        let scale = [0.3, 0.5, 0.7][rng.interval(2) as usize];
        let mut params = Vec::new();
        for l in 1..sizes.len() {
            let mut w = Matrix::zeros(sizes[l], sizes[l - 1]);
            rng.fill_randn(w.as_mut_slice());
            w.as_mut_slice()
                .iter_mut()
                .for_each(|v| *v *= scale / (sizes[l - 1] as f64).sqrt());
            let mut b = Matrix::zeros(sizes[l], 1);
            rng.fill_randn(b.as_mut_slice());
            b.as_mut_slice().iter_mut().for_each(|v| *v *= 0.3);
            params.push(w);
            params.push(b);
        }
        let net = Network::new(sizes.clone(), params);
        let mut x = Matrix::zeros(sizes[0], m);
        rng.fill_randn(x.as_mut_slice());
        let y: Vec<f64> = (0..m).map(|_| (rng.rand() < 0.5) as u8 as f64).collect();
        let lambda = [0.0, 0.1, 0.7, 3.0][rng.interval(3) as usize];
        let report = gradcheck::check_network(&net, &x, &y, lambda, PlantedBugs::default(), 1e-7);
        assert!(
            report.passes(gradcheck::THRESHOLD),
            "case {case}: {:e} for sizes {sizes:?}, m {m}, lambda {lambda}",
            report.difference
        );
        let buggy = gradcheck::check_network(
            &net,
            &x,
            &y,
            lambda,
            PlantedBugs { w2: true, b1: true },
            1e-7,
        );
        // The bugs scale dW2 and db1: visible whenever those are not ~0.
        let scale_of_bugged: f64 = report
            .entries
            .iter()
            .filter(|e| e.param == 1 || e.param == 2)
            .map(|e| e.analytic.abs())
            .sum();
        let all: f64 = report.entries.iter().map(|e| e.analytic.abs()).sum();
        if scale_of_bugged > 0.05 * all {
            assert!(
                !buggy.passes(gradcheck::THRESHOLD),
                "case {case}: bugs not seen ({:e})",
                buggy.difference
            );
        }
    }
}

/// Training with the default zero biases can leave a ReLU exactly on its
/// kink; the page explains this. The trainer's check still runs and passes
/// on the course's presets after some training.
#[test]
fn trainer_gradient_check_on_trained_presets() {
    for preset in [Preset::InitHe, Preset::RegNone, Preset::RegL2] {
        let mut t = Trainer::new(preset.config()).unwrap();
        t.step(200);
        let r = t.gradient_check().unwrap();
        assert!(
            r.passes(gradcheck::THRESHOLD),
            "{}: {:e}",
            preset.name(),
            r.difference
        );
    }
}
