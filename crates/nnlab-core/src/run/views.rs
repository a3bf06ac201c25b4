//! What the views record of a run, at sample points only: the cost split
//! into its cross-entropy and L2 terms, the test cost, the weight norm, the
//! training-mode (dropout) and test-mode numbers, and every layer's
//! statistics (`run::stats`).
//!
//! Off by default (the command line and the course's tests train without
//! it). [`Recording::live`] samples like the cost chart, thinned the same
//! way but at most [`VIEW_CAPACITY`] points, so memory stays flat however
//! long a run is and a sample (two forward passes) is rare: the He lab's
//! 15000 iterations take 330 samples (315 live, 15 at checkpoints and the
//! last iteration). [`Recording::checkpoints`] samples
//! every 1000th and the last iteration (what `nnlab train --json` prints).
//! Recording never changes a run's numbers.

use crate::data::dataset::Split;
use crate::format::json::Json;
use crate::model::cost;
use crate::model::network::{Accuracy, Network, Workspace};
use crate::numeric::matrix::Matrix;
use crate::run::history::CostHistory;
use crate::run::stats::{weight_norm, LayerStats, Probe};

/// Live samples kept (thinned by halving when full, as the cost history).
pub const VIEW_CAPACITY: usize = 64;

/// Which iterations the views sample.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Recording {
    /// Like the cost chart, thinned ([`VIEW_CAPACITY`] points at most).
    pub live: bool,
    /// Every 1000th iteration and the last.
    pub checkpoints: bool,
}

impl Recording {
    /// The page's: live samples only.
    pub const LIVE: Recording = Recording {
        live: true,
        checkpoints: false,
    };
}

/// The views' numbers at one iteration (before that iteration's update).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct Sample {
    pub iteration: u64,
    /// The course's cost: `cross_entropy + l2` (with dropout when it is on).
    pub cost: f64,
    /// `−(1/m)·Σ [y·ln a + (1 − y)·ln(1 − a)]` (NaN terms skipped).
    pub cross_entropy: f64,
    /// `(λ/2m)·Σ_l ‖W[l]‖²`.
    pub l2: f64,
    /// The same cost on the test set (its own `m`), without dropout.
    pub test_cost: f64,
    /// `√(Σ_l ‖W[l]‖²)`.
    pub weight_norm: f64,
    /// The training set in test mode (no dropout): cost and accuracy.
    pub eval_cost: f64,
    pub eval_accuracy: f64,
    /// The accuracy of the training pass itself (with dropout when on).
    pub train_mode_accuracy: f64,
    /// `L` entries, layer 1 first, on the training set without dropout.
    pub layers: Vec<LayerStats>,
}

impl Sample {
    /// The sample as `nnlab train --json` prints it (snake_case names;
    /// a statistic the layer's activation has not is `null`).
    pub fn to_json(&self) -> Json {
        let opt = |v: Option<f64>| v.map_or(Json::Null, Json::from);
        let layers = self.layers.iter().map(|l| {
            Json::obj([
                ("z_spread", l.z_spread.into()),
                ("a_spread", l.a_spread.into()),
                ("dead_share", opt(l.dead_share)),
                ("saturated_share", opt(l.saturated_share)),
                ("grad_ratio", l.grad_ratio.into()),
            ])
        });
        Json::obj([
            ("iteration", self.iteration.into()),
            ("cost", self.cost.into()),
            ("cross_entropy", self.cross_entropy.into()),
            ("l2", self.l2.into()),
            ("test_cost", self.test_cost.into()),
            ("weight_norm", self.weight_norm.into()),
            ("eval_cost", self.eval_cost.into()),
            ("eval_accuracy", self.eval_accuracy.into()),
            ("train_mode_accuracy", self.train_mode_accuracy.into()),
            ("layers", Json::arr(layers)),
        ])
    }
}

/// The views' samples of one run.
#[derive(Clone, Debug)]
pub struct Views {
    recording: Recording,
    live: CostHistory<Sample>,
    checkpoints: Vec<Sample>,
    /// Live recording's sample of the latest checkpoint (or last
    /// iteration): the page's numbers there match the command line's.
    edge: Option<Sample>,
    probe: Probe,
    test_ws: Workspace,
    test_out: Vec<f64>,
}

impl Default for Views {
    fn default() -> Self {
        Views {
            recording: Recording::default(),
            live: CostHistory::new(VIEW_CAPACITY),
            checkpoints: Vec::new(),
            edge: None,
            probe: Probe::default(),
            test_ws: Workspace::default(),
            test_out: Vec::new(),
        }
    }
}

impl Views {
    /// Samples from now on as `recording` says.
    pub fn set_recording(&mut self, recording: Recording) {
        self.recording = recording;
    }

    pub fn recording(&self) -> Recording {
        self.recording
    }

    /// Whether iteration `i` is sampled (`edge`: a checkpoint or the last,
    /// sampled by either recording).
    pub fn wants(&self, i: u64, edge: bool) -> bool {
        (self.recording.live && self.live.wants(i))
            || (edge && self.recording != Recording::default())
    }

    /// The live samples (thinned), oldest first.
    pub fn live(&self) -> impl ExactSizeIterator<Item = &Sample> {
        self.live.points().iter().map(|(_, s)| s)
    }

    /// The samples at checkpoints and the last iteration.
    pub fn checkpoints(&self) -> &[Sample] {
        &self.checkpoints
    }

    /// The most recent sample.
    pub fn latest(&self) -> Option<&Sample> {
        let live = self.live.points().last().map(|(_, s)| s);
        [live, self.checkpoints.last(), self.edge.as_ref()]
            .into_iter()
            .flatten()
            .max_by_key(|s| s.iteration)
    }

    /// Iterations between live samples now.
    pub fn stride(&self) -> u64 {
        self.live.stride()
    }

    /// Samples iteration `i` of a run: `net` holds the weights of that
    /// iteration, `grads` their gradients and `train_out` the training
    /// pass's outputs (with dropout when on). `edge` as in [`Views::wants`].
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        i: u64,
        edge: bool,
        net: &Network,
        split: &Split,
        grads: &[Matrix],
        train_out: &[f64],
        lambda: f64,
    ) {
        let (train, test) = (&split.train, &split.test);
        // The data term: cross-entropy, or regression's squared error.
        let problem = net.problem();
        let cross_entropy = problem.cost(train_out, &train.y);
        let l2 = cost::l2_penalty(net.weights(), lambda, train.len());
        let layers = self.probe.run(net, &train.x, grads);
        let eval_cost = problem.cost(self.probe.output(), &train.y) + l2;
        let eval_accuracy = Accuracy::of(self.probe.output(), &train.y).fraction();
        let test_cost = if test.is_empty() {
            f64::NAN
        } else {
            self.test_out.resize(test.len(), 0.0);
            net.predict_into(&test.x, &mut self.test_out, &mut self.test_ws);
            problem.cost(&self.test_out, &test.y)
                + cost::l2_penalty(net.weights(), lambda, test.len())
        };
        let sample = Sample {
            iteration: i,
            cost: cross_entropy + l2,
            cross_entropy,
            l2,
            test_cost,
            weight_norm: weight_norm(net),
            eval_cost,
            eval_accuracy,
            train_mode_accuracy: Accuracy::of(train_out, &train.y).fraction(),
            layers,
        };
        if self.recording.checkpoints && edge {
            self.checkpoints.push(sample.clone());
        }
        if self.recording.live && edge {
            self.edge = Some(sample.clone());
        }
        if self.recording.live {
            self.live.push(i, sample);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Preset, Trainer};

    const EDGES: Recording = Recording {
        live: false,
        checkpoints: true,
    };
    const LIVE: Recording = Recording {
        live: true,
        checkpoints: false,
    };

    fn reference(lab: &str, run: &str) -> Vec<f64> {
        let path = format!("{}/tests/reference/{lab}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let key = format!("\"{run}\"");
        let at = text.find(&key).unwrap();
        let list = &text[at..];
        let start = list.find("\"costs_every_1000\": [").unwrap() + 21;
        let end = start + list[start..].find(']').unwrap();
        list[start..end]
            .split(',')
            .map(|v| v.trim().parse().unwrap())
            .collect()
    }

    /// `−(1/m)·Σ [y ln a + (1 − y) ln(1 − a)]` over the terms that are numbers.
    fn cross_entropy_by_hand(a: &[f64], y: &[f64]) -> f64 {
        let terms = a
            .iter()
            .zip(y)
            .map(|(&a, &y)| y * a.ln() + (1.0 - y) * (1.0 - a).ln());
        -terms.filter(|t| !t.is_nan()).sum::<f64>() / y.len() as f64
    }

    /// The cost's two terms at iterations 0 and 1000 of the course's runs:
    /// the L2 term is `λ/(2m)·ΣW²` of those weights, the cross-entropy the
    /// formula written out, and their sum the course's printed cost.
    #[test]
    fn cost_terms_match_the_course() {
        for (preset, lab, run) in [
            (Preset::RegL2, "lab_regularization", "l2"),
            (Preset::RegNone, "lab_regularization", "none"),
            (Preset::InitHe, "lab_initialization", "he"),
        ] {
            let course = reference(lab, run);
            let mut t = Trainer::new(preset.config()).unwrap();
            t.record_views(EDGES);
            let lambda = t.config().lambda;
            for (k, at) in [(0usize, 0u64), (1, 1000)] {
                t.step(at - t.iteration());
                let w2: f64 = t
                    .network()
                    .weights()
                    .flat_map(|w| w.as_slice())
                    .map(|v| v * v)
                    .sum();
                let l2 = lambda / (2.0 * t.split().train.len() as f64) * w2;
                let mut acts = crate::model::network::Activations::default();
                t.network().predict_batch(&t.split().train.x, &mut acts);
                let ce = cross_entropy_by_hand(acts.output(), &t.split().train.y);
                t.step(1);
                let s = &t.views().checkpoints()[k];
                assert_eq!(s.iteration, at);
                let rel = |a: f64, b: f64| (a - b).abs() / b.abs();
                assert!(
                    rel(s.l2, l2) < 1e-12 || (l2 == 0.0 && s.l2 == 0.0),
                    "{run} {at}"
                );
                assert!(
                    rel(s.cross_entropy, ce) < 1e-12,
                    "{run} {at}: {} {ce}",
                    s.cross_entropy
                );
                assert!(
                    rel(s.cost, course[k]) < 1e-9,
                    "{run} {at}: {} {}",
                    s.cost,
                    course[k]
                );
                assert_eq!(
                    s.cost,
                    t.checkpoints()[k].1,
                    "the chart's cost, bit for bit"
                );
                assert!(rel(s.cross_entropy + s.l2, course[k]) < 1e-9);
                assert_eq!(
                    s.eval_cost, s.cost,
                    "no dropout: test mode is the training pass"
                );
            }
        }
    }

    /// Dropout: the training pass (thinned) and test mode differ; the test
    /// cost is the formula on the test set.
    #[test]
    fn dropout_has_two_modes_and_a_test_cost() {
        let mut t = Trainer::new(Preset::RegDropout.config()).unwrap();
        t.record_views(EDGES);
        let mut acts = crate::model::network::Activations::default();
        t.network().predict_batch(&t.split().test.x, &mut acts);
        let direct = cross_entropy_by_hand(acts.output(), &t.split().test.y);
        t.step(1);
        let s = &t.views().checkpoints()[0];
        assert_ne!(s.eval_cost, s.cost);
        assert!(
            (s.test_cost - direct).abs() < 1e-12,
            "{} {direct}",
            s.test_cost
        );
        assert!((0.0..=1.0).contains(&s.train_mode_accuracy));
    }

    /// Sampling never changes the run, and samples land where asked:
    /// every checkpoint and the last iteration.
    #[test]
    fn recording_leaves_the_run_alone() {
        let config = Config {
            iters: 2500,
            ..Preset::RegDropout.config()
        };
        let mut plain = Trainer::new(config.clone()).unwrap();
        let mut seen = Trainer::new(config).unwrap();
        seen.record_views(Recording {
            live: true,
            checkpoints: true,
        });
        plain.run();
        seen.run();
        assert_eq!(plain.network(), seen.network());
        assert_eq!(plain.history().points(), seen.history().points());
        let at: Vec<u64> = seen
            .views()
            .checkpoints()
            .iter()
            .map(|s| s.iteration)
            .collect();
        assert_eq!(at, [0, 1000, 2000, 2499]);
        assert_eq!(seen.views().latest().unwrap().iteration, 2499);
        assert!(plain.views().latest().is_none());
        let stride = seen.views().stride();
        assert!(seen.views().live().all(|s| s.iteration % stride == 0));
    }

    /// A 1,000,000-iteration run keeps at most VIEW_CAPACITY live samples
    /// (and the cost history its 2048 points) from the start to the end.
    #[test]
    fn memory_stays_flat_over_a_million_iterations() {
        let config = Config {
            n: Some(8),
            hidden: vec![2],
            iters: 1_000_000,
            ..Preset::InitHe.config()
        };
        let mut t = Trainer::new(config).unwrap();
        t.record_views(LIVE);
        let mut most = 0;
        while t.iteration() < 1_000_000 {
            t.step(50_000);
            let len = t.views().live().len();
            assert!((VIEW_CAPACITY / 2..=VIEW_CAPACITY).contains(&len), "{len}");
            assert!(t.history().points().len() <= crate::run::trainer::HISTORY_CAPACITY);
            most = most.max(len);
        }
        assert_eq!(t.views().live().next().unwrap().iteration, 0);
        assert!(t.views().latest().unwrap().iteration > 990_000);
        assert!(t.views().stride() >= 8192, "{}", t.views().stride());
        // The He lab's samples: rare next to its 15000 iterations.
        let mut he = Trainer::new(Preset::InitHe.config()).unwrap();
        he.record_views(LIVE);
        let mut samples = 0;
        while he.iteration() < he.config().iters {
            let before = he.views().latest().map(|s| s.iteration);
            he.step(1);
            samples += usize::from(he.views().latest().map(|s| s.iteration) != before);
        }
        assert_eq!(samples, 330, "the He lab's samples");
        assert_eq!(
            he.views().latest().unwrap().iteration,
            14_999,
            "the last iteration"
        );
        assert!(
            he.views().checkpoints().is_empty(),
            "live keeps one edge sample"
        );
        assert!(most <= VIEW_CAPACITY);
    }
}
