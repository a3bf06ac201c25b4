//! Numeric blow-ups end cleanly: huge learning rates and huge starting
//! weights never panic, the run says it diverged (or its cost is `inf`),
//! the decision regions paint NaN as the neutral grey, and the cost history
//! stays bounded however long a run trains.

use nnlab_core::config::link;
use nnlab_core::model::network::{Activations, Network};
use nnlab_core::numeric::matrix::Matrix;
use nnlab_core::run::regions::{Regions, COLOR_0, COLOR_1, COLOR_NAN};
use nnlab_core::run::trainer::{CHECKPOINT_EVERY, HISTORY_CAPACITY};
use nnlab_core::{Status, Trainer};

fn trainer(link: &str) -> Trainer {
    Trainer::new(link::parse(link).unwrap().config).unwrap()
}

/// Runs to the end (or the blow-up) in chunks, as the page does.
fn run_in_chunks(t: &mut Trainer) {
    while *t.status() == Status::Training {
        t.step(997);
    }
}

/// Every painted pixel is opaque, and NaN probabilities are grey.
fn assert_paint_is_sane(t: &Trainer) -> (usize, usize) {
    let mut regions = Regions::new(40, 30, t.split().bounds());
    let probs = regions.evaluate(t.network()).to_vec();
    let rgba = regions.paint().to_vec();
    assert_eq!(rgba.len(), 40 * 30 * 4);
    let mut nan = 0;
    for (i, p) in probs.iter().enumerate() {
        let px = &rgba[4 * i..4 * i + 4];
        assert_eq!(px[3], 255, "pixel {i} is opaque");
        if p.is_nan() {
            nan += 1;
            assert_eq!(px[..3], COLOR_NAN, "NaN pixel {i} is grey");
        } else {
            assert!((0.0..=1.0).contains(p), "pixel {i}: probability {p}");
        }
    }
    (nan, probs.len())
}

/// The outcome of a blown-up run: it diverged, or its cost reached `inf`.
fn assert_blew_up(t: &Trainer, what: &str) {
    let inf_cost = t.checkpoints().iter().any(|(_, c)| c.is_infinite())
        || t.history().points().iter().any(|(_, c)| c.is_infinite());
    let diverged = matches!(t.status(), Status::Diverged { .. });
    assert!(
        diverged || inf_cost,
        "{what}: expected a divergence or an infinite cost, got {:?} with last cost {:?}",
        t.status(),
        t.last_cost()
    );
    // A cost is never NaN (the course's nansum), only +inf at worst.
    for (i, c) in t.history().points() {
        assert!(!c.is_nan(), "{what}: NaN cost at iteration {i}");
    }
    // Diverged runs stop before the update: the weights stay finite.
    if diverged {
        assert!(t.network().is_finite(), "{what}: weights after divergence");
    }
}

/// Hidden units whose ReLU is 0 for every training point, per hidden layer.
fn dead_units(t: &Trainer) -> Vec<usize> {
    let mut acts = Activations::default();
    t.network().predict_batch(&t.split().train.x, &mut acts);
    acts.a[..acts.a.len() - 1]
        .iter()
        .map(|a| {
            (0..a.rows())
                .filter(|&r| a.row(r).iter().all(|&v| v <= 0.0))
                .count()
        })
        .collect()
}

/// He with lr = 10 does not overflow: it kills the network instead. Every
/// unit of hidden layer 2 dies within a few iterations, the output becomes
/// one constant whose bias bounces between two values (lr·db overshoots),
/// and the cost sticks at 1.0444, above where it started (0.8831).
#[test]
fn he_with_learning_rate_10_blows_up_cleanly() {
    let mut t = trainer("#preset=init-he&lr=10&play=1");
    run_in_chunks(&mut t);
    assert_eq!(*t.status(), Status::Done, "no overflow: the run ends");
    let first = t.checkpoints()[0].1;
    let last = t.last_cost().unwrap().1;
    assert!(last > first, "the cost rose: {first} -> {last}");
    assert!((last - 1.0444277593378282).abs() < 1e-9, "stuck at {last}");
    assert_eq!(dead_units(&t), vec![1, 5], "hidden layer 2 is dead");
    assert!(t.stalled(), "no weight gradient is left");
    let (train, test) = t.accuracy();
    assert_eq!((train.fraction(), test.fraction()), (0.5, 0.5));
    assert_paint_is_sane(&t);
    // Once stopped, stepping again does nothing and does not panic.
    let it = t.iteration();
    assert_eq!(t.step(100), 0);
    assert_eq!(t.iteration(), it);
    let _ = t.accuracy();
}

#[test]
fn huge_l2_diverges_and_stops_cleanly() {
    let mut t = trainer("#preset=reg-l2&lambda=1000&lr=10&play=1");
    run_in_chunks(&mut t);
    assert_blew_up(&t, "reg-l2 lambda=1000 lr=10");
    let Status::Diverged { iteration } = *t.status() else {
        panic!("expected a divergence, got {:?}", t.status());
    };
    assert_eq!(
        iteration,
        t.iteration(),
        "stopped at the iteration that overflowed"
    );
    assert!(iteration < 100);
    assert_paint_is_sane(&t);
    assert_eq!(t.step(1000), 0, "a diverged run stays stopped");
}

/// Random × 1000 saturates the sigmoid on the wrong side (cost `inf` at
/// iteration 0), then every hidden unit dies: the output is 0.5 everywhere.
#[test]
fn random_times_1000_blows_up_cleanly() {
    let mut t = trainer("#preset=init-random&scale=1000&play=1");
    assert!(
        t.network().is_finite(),
        "the starting weights are finite, just huge"
    );
    run_in_chunks(&mut t);
    assert_blew_up(&t, "init-random scale=1000");
    assert_eq!(
        t.checkpoints()[0].1,
        f64::INFINITY,
        "saturated sigmoid on the wrong side"
    );
    assert_eq!(dead_units(&t), vec![5, 5]);
    assert_paint_is_sane(&t);
    let _ = t.accuracy();
}

#[test]
fn the_largest_allowed_learning_rate_and_scale_do_not_panic() {
    for link in [
        "#lr=1000&iters=3000",
        "#init=random&scale=1000000&lr=1000&iters=3000",
        "#preset=reg-dropout&lr=1000&iters=3000",
        "#preset=reg-l2&lambda=1000&lr=1000&iters=3000",
        "#data=spiral&n=400&layers=64,64,64&lr=1000&iters=50",
        // L2 with a huge lambda overflows the weights: the run diverges.
        "#preset=reg-l2&lambda=1000&lr=10",
    ] {
        let mut t = trainer(link);
        run_in_chunks(&mut t);
        assert_paint_is_sane(&t);
        for (i, c) in t.history().points() {
            assert!(!c.is_nan(), "{link}: NaN cost at iteration {i}");
        }
        let _ = t.gradient_check();
    }
}

#[test]
fn nan_weights_paint_grey() {
    let net = Network::new(
        vec![2, 3, 1],
        vec![
            Matrix::from_vec(3, 2, vec![f64::NAN, 1.0, 0.5, -0.5, 2.0, 1.0]),
            Matrix::zeros(3, 1),
            Matrix::from_vec(1, 3, vec![1.0, 1.0, 1.0]),
            Matrix::zeros(1, 1),
        ],
    );
    let t = trainer("#preset=init-he");
    let mut regions = Regions::new(16, 16, t.split().bounds());
    let rgba = regions.render(&net).to_vec();
    for px in rgba.chunks(4) {
        assert_eq!(px, [COLOR_NAN[0], COLOR_NAN[1], COLOR_NAN[2], 255]);
    }
    // ... and neither label's colour appears.
    assert!(rgba
        .chunks(4)
        .all(|px| px[..3] != COLOR_0 && px[..3] != COLOR_1));
}

#[test]
fn history_stays_bounded_over_a_million_iterations() {
    let mut t = trainer("#data=gauss&n=2&layers=1&iters=1000000&lr=0.1");
    let mut longest = 0;
    while *t.status() == Status::Training {
        t.step(50_000);
        longest = longest.max(t.history().points().len());
    }
    assert_eq!(*t.status(), Status::Done);
    assert_eq!(t.iteration(), 1_000_000);
    assert!(longest <= HISTORY_CAPACITY, "history held {longest} points");
    assert!(t.history().points().len() >= HISTORY_CAPACITY / 2);
    let last = t.history().points().last().unwrap().0;
    assert!(
        last >= 1_000_000 - 2 * t.history().stride(),
        "the curve spans the run (last point {last})"
    );
    assert_eq!(
        t.checkpoints().len() as u64,
        1_000_000 / CHECKPOINT_EVERY,
        "one course checkpoint per 1000 iterations"
    );
    assert_eq!(t.last_cost().unwrap().0, 999_999);
}

/// `stalled` is the state the page warns about: every weight gradient 0.
/// Zero weights stall from the first iteration (symmetry is never broken);
/// a healthy run, and a run before its first iteration, are not stalled.
#[test]
fn stalled_means_every_weight_gradient_is_zero() {
    let mut zeros = trainer("#preset=init-zeros");
    assert!(!zeros.stalled(), "nothing ran yet");
    zeros.step(3);
    assert!(zeros.stalled());
    let mut he = trainer("#preset=init-he");
    he.step(500);
    assert!(!he.stalled());
    let mut dead = trainer("#preset=init-he&lr=10");
    dead.step(50);
    assert!(dead.stalled(), "hidden layer 2 died within 50 iterations");
}
