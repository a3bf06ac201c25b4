//! The long-lived state of one run: data, network, optimizer state, dropout
//! masks and the cost history. The page keeps one behind its handle; the
//! command line runs one to the end.

use crate::config::error::ConfigError;
use crate::config::Config;
use crate::data::batches::Batches;
use crate::data::dataset::Split;
use crate::data::features::InputMap;
use crate::data::normalize::Normalization;
use crate::model::dropout::Dropout;
use crate::model::network::{Accuracy, Activations, DropoutMasks, Network, Workspace};
use crate::model::optimizer::Optimizer;
use crate::numeric::matrix::{Accumulate, Matrix};
use crate::run::gradcheck::{self, Report};
use crate::run::history::CostHistory;
use crate::run::views::{Recording, Views};

/// How many cost points the page's curve keeps (see [`CostHistory`]): more
/// than a 16:9 chart at most 420 CSS px high has device pixels across on a
/// 2x screen. Each point is a cost computed (300 logarithms in the He lab),
/// so fewer points mean less work: 2048 instead of 4096 cut the He lab's
/// cost evaluations from 7847 to 4948 of its 15000 iterations.
pub const HISTORY_CAPACITY: usize = 2048;
/// The course prints (and records) the cost every this many iterations.
pub const CHECKPOINT_EVERY: u64 = 1000;
/// Multiply-adds the page's first `step` call of a run may spend (a few
/// milliseconds at the engine's speed): [`Trainer::first_chunk`]. The page
/// then sizes its calls by their measured time.
pub const FIRST_CHUNK_WORK: usize = 4_000_000;
/// Gradient checking looks at no more than this many examples.
pub const GRADCHECK_MAX_EXAMPLES: usize = 16;
/// Gradient checking refuses networks with more parameters than this.
pub const GRADCHECK_MAX_PARAMS: usize = 3000;

/// Where a run stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Iterations remain.
    Training,
    /// All `iters` iterations ran.
    Done,
    /// A gradient or weight stopped being a finite number: training stopped.
    Diverged { iteration: u64 },
}

/// One training run.
#[derive(Clone, Debug)]
pub struct Trainer {
    config: Config,
    /// What trains: the points through `inputs` (normalized with
    /// `normalize=1`, then the input features).
    split: Split,
    /// The points in their own units (the plane the page shows).
    raw: Split,
    /// From a point of the plane to the network's input.
    inputs: InputMap,
    network: Network,
    grads: Vec<Matrix>,
    /// Scratch of the fused training pass (sized once).
    ws: Workspace,
    /// The plain pass's activations (activations other than ReLU).
    acts: Activations,
    /// The update rule and its state (gradient descent: none).
    optimizer: Optimizer,
    /// With `batch=`: the shuffled mini-batches.
    batches: Option<Batches>,
    dropout: Option<Dropout>,
    iteration: u64,
    history: CostHistory,
    checkpoints: Vec<(u64, f64)>,
    last_cost: Option<(u64, f64)>,
    status: Status,
    /// What the views sample (nothing unless asked: `run::views`).
    views: Views,
}

impl Trainer {
    /// Validates `config`, builds the data and draws the starting weights.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        config.validate()?;
        let raw = config.split();
        let inputs = InputMap {
            normalization: config.normalize.then(|| Normalization::of(&raw.train.x)),
            features: config.features.clone(),
        };
        let split = inputs.split(&raw);
        let sizes = config.sizes();
        let network = Network::new(
            sizes.clone(),
            config.initializer().parameters(&sizes, config.seed),
        )
        .with_activation(config.act)
        .with_problem(config.problem);
        let optimizer = Optimizer::new(config.optimizer(), network.params());
        let m = split.train.len();
        let batches = (config.batch > 0 && m > 0)
            .then(|| Batches::new(config.batch.min(m), m, config.batch_seed));
        let grads = network.zero_gradients();
        let dropout = config.dropout_on().then(|| {
            Dropout::new(
                config.keep,
                config.mask,
                config.drop_seed,
                &config.hidden,
                split.train.len(),
            )
        });
        // Every checkpoint's room up front: no allocation while training.
        let checkpoints = Vec::with_capacity((config.iters / CHECKPOINT_EVERY + 1) as usize);
        Ok(Trainer {
            config,
            split,
            raw,
            inputs,
            network,
            grads,
            ws: Workspace::default(),
            acts: Activations::default(),
            optimizer,
            batches,
            dropout,
            iteration: 0,
            history: CostHistory::new(HISTORY_CAPACITY),
            checkpoints,
            last_cost: None,
            status: Status::Training,
            views: Views::default(),
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The training and test sets as they train (normalized with
    /// `normalize=1`, then the input features: one row per input unit).
    pub fn split(&self) -> &Split {
        &self.split
    }

    /// The points in their own units, as the page shows them.
    pub fn points(&self) -> &Split {
        &self.raw
    }

    /// The training set's statistics, with `normalize=1`.
    pub fn normalization(&self) -> Option<&Normalization> {
        self.inputs.normalization.as_ref()
    }

    /// From a point of the plane to the network's input (the grids of the
    /// decision regions and the neuron maps go through it).
    pub fn inputs(&self) -> &InputMap {
        &self.inputs
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The gradients of the last iteration (`[dW1, db1, ...]`, zeros before).
    pub fn gradients(&self) -> &[Matrix] {
        &self.grads
    }

    /// Whether learning has stopped: after at least one iteration, the last
    /// gradient of every weight matrix was exactly 0 (all weights zero, or a
    /// whole layer of ReLUs dead on every example), so no weight can change
    /// again; at most the biases move. The run is not diverged: every
    /// number is finite, and it trains on to its last iteration.
    pub fn stalled(&self) -> bool {
        self.iteration > 0
            && self
                .grads
                .iter()
                .step_by(2)
                .all(|dw| dw.as_slice().iter().all(|&g| g == 0.0))
    }

    /// The dropout masks of the last iteration, if dropout is on.
    pub fn masks(&self) -> Option<&[Matrix]> {
        self.dropout.as_ref().map(Dropout::current)
    }

    /// Samples the views from now on as `recording` says (`run::views`).
    pub fn record_views(&mut self, recording: Recording) {
        self.views.set_recording(recording);
    }

    /// The views' samples.
    pub fn views(&self) -> &Views {
        &self.views
    }

    /// Iterations in one epoch with mini-batches (`⌈m / batch⌉`); `None`
    /// for full batch, where every iteration is an epoch.
    pub fn iterations_per_epoch(&self) -> Option<u64> {
        self.batches.as_ref().map(Batches::per_epoch)
    }

    /// Iterations done so far.
    pub fn iteration(&self) -> u64 {
        self.iteration
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The cost history for the page's curve.
    pub fn history(&self) -> &CostHistory {
        &self.history
    }

    /// The course's view: the cost at iterations 0, 1000, 2000, ...
    pub fn checkpoints(&self) -> &[(u64, f64)] {
        &self.checkpoints
    }

    /// The most recent computed cost and its iteration.
    pub fn last_cost(&self) -> Option<(u64, f64)> {
        self.last_cost
    }

    /// Iterations whose work fits in [`FIRST_CHUNK_WORK`], in `1..=16`: an
    /// iteration costs about `3 · b · Σ n[l]·n[l-1]` multiply-adds (forward,
    /// and backward's two products) for `b` examples a batch, so the He lab
    /// gets 16 and a 2000-point `32,32,16` network 1. A large run's first
    /// call then takes no longer than a small one's.
    pub fn first_chunk(&self) -> u64 {
        let per_example: usize = self.config.sizes().windows(2).map(|w| w[0] * w[1]).sum();
        let per_iteration = 3 * self.config.batch_size() * per_example;
        (FIRST_CHUNK_WORK / per_iteration.max(1)).clamp(1, 16) as u64
    }

    /// Runs up to `max` iterations (fewer at the end of the run or when the
    /// weights blow up) and returns how many ran.
    ///
    /// Each iteration: draw masks (if dropout), forward over the whole
    /// training set (or the next mini-batch), compute the cost if it is
    /// recorded (every iteration in the history, every 1000th, and the last;
    /// with mini-batches, the batch's cost), backward, then the optimizer's
    /// update (`W -= lr·dW` for gradient descent). ReLU networks take the
    /// fused pass, other activations the plain forward and backward.
    /// The results do not depend on how a run is cut into calls.
    pub fn step(&mut self, max: u64) -> u64 {
        let mut ran = 0;
        while ran < max && self.status == Status::Training {
            let i = self.iteration;
            let masks = self.dropout.as_mut().map(|d| {
                let keep = d.keep();
                DropoutMasks {
                    masks: d.next_masks(),
                    keep,
                }
            });
            let (x, y) = match self.batches.as_mut() {
                Some(b) => b.next(&self.split.train),
                None => (&self.split.train.x, &self.split.train.y[..]),
            };
            let (penalty, bugs) = (self.config.penalty(), self.config.bugs);
            // Forward and backward in one fused pass (network.rs); the
            // weights change only in the update below, so the cost of this
            // iteration's forward pass can be computed afterwards.
            let out = if self.network.fused() {
                let ws = &mut self.ws;
                self.network
                    .train_pass(x, y, masks, penalty, bugs, &mut self.grads, ws);
                ws.output()
            } else {
                let acts = &mut self.acts;
                self.network.forward(x, masks, Accumulate::Plain, acts);
                self.network
                    .backward(x, y, acts, masks, penalty, bugs, &mut self.grads);
                acts.output()
            };
            let checkpoint = i.is_multiple_of(CHECKPOINT_EVERY);
            let last = i + 1 == self.config.iters;
            if checkpoint || last || self.history.wants(i) {
                let data = self.config.problem.cost(out, y);
                let c = data + penalty.cost(self.network.weights(), y.len());
                self.history.push(i, c);
                if checkpoint {
                    self.checkpoints.push((i, c));
                }
                self.last_cost = Some((i, c));
            }
            // The views sample the whole training set's pass (full batch).
            if self.batches.is_none() && self.views.wants(i, checkpoint || last) {
                self.views.record(
                    i,
                    checkpoint || last,
                    &self.network,
                    &self.split,
                    &self.grads,
                    out,
                    self.config.lambda,
                );
            }
            if !self.grads.iter().all(Matrix::is_finite) {
                self.status = Status::Diverged { iteration: i };
                break;
            }
            self.optimizer
                .step(self.network.params_mut(), &self.grads, self.config.lr);
            self.iteration += 1;
            ran += 1;
            if self.iteration >= self.config.iters {
                self.status = Status::Done;
            }
        }
        ran
    }

    /// Runs every remaining iteration.
    pub fn run(&mut self) {
        while self.status == Status::Training {
            self.step(u64::MAX);
        }
    }

    /// Probabilities of label 1 for each point of `x` (no dropout).
    pub fn predict(&self, x: &Matrix, acts: &mut Activations) -> Vec<f64> {
        self.network.predict_batch(x, acts);
        acts.output().to_vec()
    }

    /// The data term of the cost on the training and the test set at the
    /// current weights (no penalty, no dropout): regression's
    /// `1/(2m)·Σ(ŷ − y)²`, or the cross-entropy. NaN for an empty set.
    pub fn losses(&self) -> (f64, f64) {
        let mut acts = Activations::default();
        let mut of = |set: &crate::data::dataset::Dataset| {
            if set.is_empty() {
                return f64::NAN;
            }
            self.network.predict_batch(&set.x, &mut acts);
            self.config.problem.cost(acts.output(), &set.y)
        };
        (of(&self.split.train), of(&self.split.test))
    }

    /// Train and test accuracy of the current weights (`a > 0.5`).
    pub fn accuracy(&self) -> (Accuracy, Accuracy) {
        let mut acts = Activations::default();
        let mut of = |set: &crate::data::dataset::Dataset| {
            self.network.predict_batch(&set.x, &mut acts);
            Accuracy::of(acts.output(), &set.y)
        };
        (of(&self.split.train), of(&self.split.test))
    }

    /// Gradient check of the current weights on (up to 16 of) the training
    /// examples, with this configuration's λ and planted bugs.
    pub fn gradient_check(&self) -> Result<Report, ConfigError> {
        let count = self.network.parameter_count();
        if count > GRADCHECK_MAX_PARAMS {
            return Err(ConfigError::Conflict {
                key: "layers".into(),
                value: self.config.layers_text(),
                reason: crate::tr!(
                    "gradcheck-too-big",
                    count = count,
                    limit = GRADCHECK_MAX_PARAMS
                ),
            });
        }
        let train = &self.split.train;
        let k = train.len().min(GRADCHECK_MAX_EXAMPLES);
        let mut x = Matrix::zeros(train.features(), k);
        for r in 0..train.features() {
            x.row_mut(r).copy_from_slice(&train.x.row(r)[..k]);
        }
        Ok(gradcheck::check_network(
            &self.network,
            &x,
            &train.y[..k],
            self.config.penalty(),
            self.config.bugs,
            self.config.eps,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link::parse;

    fn first_chunk(query: &str) -> u64 {
        Trainer::new(parse(query).unwrap().config)
            .unwrap()
            .first_chunk()
    }

    #[test]
    fn the_first_chunk_is_a_bounded_amount_of_work() {
        // [2,10,5,1] on 300 points: 67 500 multiply-adds an iteration.
        assert_eq!(first_chunk("preset=init-he"), 16);
        // [2,32,32,16,1] on 2000 points: 9.7 million, more than the budget alone.
        assert_eq!(first_chunk("data=spiral&n=2000&layers=32,32,16"), 1);
        // Mini-batches of 10 of the same network: 48 480 an iteration.
        assert_eq!(
            first_chunk("data=spiral&n=2000&layers=32,32,16&batch=10"),
            16
        );
        // [2,16,16,1] on 1000 points: 912 000, so a few fit.
        let mid = first_chunk("data=moons&n=1000&layers=16,16");
        assert!(1 < mid && mid < 16, "{mid}");
        assert_eq!(
            mid,
            (FIRST_CHUNK_WORK / (3 * 1000 * (32 + 256 + 16))) as u64
        );
    }
}
