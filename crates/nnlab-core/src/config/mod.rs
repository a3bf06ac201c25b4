//! One typed configuration for a run, the course presets, and the limits
//! that keep a training step interactive ([`Config::validate`] checks
//! them); the link keys ([`keys`], each a [`key::Key`]), the
//! link format ([`link`]), editing a link ([`edit`]), compare mode
//! ([`compare`]) and the user errors ([`error`]).

pub mod assignment;
pub mod classroom;
pub mod compare;
mod data_kind;
pub mod edit;
pub mod error;
pub mod import;
pub mod key;
pub mod key_info;
pub mod keys;
pub mod lesson;
pub mod link;
mod validate;
pub mod variants;

use crate::config::error::ConfigError;
use crate::data::dataset::{Dataset, Split};
use crate::data::features::Features;
use crate::data::generate::{self, Shape};
use crate::data::points::Points;
use crate::i18n::Lang;
use crate::model::activation::Activation;
use crate::model::dropout::MaskMode;
use crate::model::init::Init;
use crate::model::network::PlantedBugs;
use crate::model::optimizer::{self, OptKind};
use crate::model::output::Problem;
use crate::model::penalty::Penalty;
use crate::numeric::matrix::Matrix;
use crate::numeric::rng::NumpyRng;
pub use data_kind::DataKind;

/// A closed set of values with link names: a choice key's values, or the
/// presets.
pub trait Named: Copy + 'static {
    /// Every value, in the order the page and `nnlab keys` list them.
    const ALL: &'static [Self];

    fn name(self) -> &'static str;

    /// The value named `text`; else an error naming `key` and the text,
    /// listing the names.
    fn from_name(key: &str, text: &str) -> Result<Self, ConfigError> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.name() == text)
            .ok_or_else(|| ConfigError::Invalid {
                key: key.into(),
                value: text.into(),
                expected: Self::ALL
                    .iter()
                    .map(|t| t.name())
                    .collect::<Vec<_>>()
                    .join(" | "),
            })
    }
}

/// `impl Named` from a type's `ALL` and `name`.
macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            const ALL: &'static [Self] = &<$t>::ALL;
            fn name(self) -> &'static str {
                <$t>::name(self)
            }
        }
    )*};
}

named!(DataKind, InitKind, Preset, Activation, OptKind, Problem, Lang);

impl Named for MaskMode {
    const ALL: &'static [Self] = &[MaskMode::Fixed, MaskMode::Fresh];
    fn name(self) -> &'static str {
        match self {
            MaskMode::Fixed => "fixed",
            MaskMode::Fresh => "fresh",
        }
    }
}

/// The initialization scheme as a link names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitKind {
    Zeros,
    Random,
    Xavier,
    He,
    Case,
}

impl InitKind {
    pub const ALL: [InitKind; 5] = [
        InitKind::Zeros,
        InitKind::Random,
        InitKind::Xavier,
        InitKind::He,
        InitKind::Case,
    ];

    pub fn name(self) -> &'static str {
        match self {
            InitKind::Zeros => "zeros",
            InitKind::Random => "random",
            InitKind::Xavier => "xavier",
            InitKind::He => "he",
            InitKind::Case => "case",
        }
    }
}

/// The course configurations, one click each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    InitZeros,
    InitRandom,
    InitHe,
    RegNone,
    RegL2,
    RegDropout,
    Gradcheck,
}

/// What the course's program prints for a preset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expected {
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    /// The course's cost at iteration 0 (`inf` for random × 10).
    pub first_cost: f64,
}

impl Preset {
    pub const ALL: [Preset; 7] = [
        Preset::InitZeros,
        Preset::InitRandom,
        Preset::InitHe,
        Preset::RegNone,
        Preset::RegL2,
        Preset::RegDropout,
        Preset::Gradcheck,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Preset::InitZeros => "init-zeros",
            Preset::InitRandom => "init-random",
            Preset::InitHe => "init-he",
            Preset::RegNone => "reg-none",
            Preset::RegL2 => "reg-l2",
            Preset::RegDropout => "reg-dropout",
            Preset::Gradcheck => "gradcheck",
        }
    }

    /// The preset's button label (message `preset-NAME`).
    pub fn title(self) -> String {
        crate::i18n::text(&format!("preset-{}", self.name()), &[])
    }

    /// The course's printed numbers (from `shared/reference`), for the page
    /// to show beside the live ones. None for the gradient-check lab.
    pub fn expected(self) -> Option<Expected> {
        let e = |train_accuracy, test_accuracy, first_cost| {
            Some(Expected {
                train_accuracy,
                test_accuracy,
                first_cost,
            })
        };
        match self {
            Preset::InitZeros => e(0.5, 0.5, std::f64::consts::LN_2),
            Preset::InitRandom => e(0.83, 0.86, f64::INFINITY),
            Preset::InitHe => e(0.9933333333333333, 0.96, 0.8830537463419761),
            Preset::RegNone => e(0.9478672985781991, 0.915, 0.6557412523481002),
            Preset::RegL2 => e(0.9383886255924171, 0.93, 0.6974484493131264),
            Preset::RegDropout => e(0.9289099526066351, 0.95, f64::NAN),
            Preset::Gradcheck => None,
        }
    }

    /// The configuration this preset stands for.
    pub fn config(self) -> Config {
        let init_lab = |init| Config {
            preset: Some(self),
            init,
            ..Config::default()
        };
        let reg_lab = |lambda, keep| Config {
            preset: Some(self),
            data: DataKind::Football,
            hidden: vec![20, 3],
            init: InitKind::Xavier,
            lr: 0.3,
            iters: 30_000,
            lambda,
            keep,
            ..Config::default()
        };
        match self {
            Preset::InitZeros => init_lab(InitKind::Zeros),
            Preset::InitRandom => init_lab(InitKind::Random),
            Preset::InitHe => init_lab(InitKind::He),
            Preset::RegNone => reg_lab(0.0, 1.0),
            Preset::RegL2 => reg_lab(0.7, 1.0),
            Preset::RegDropout => reg_lab(0.0, 0.86),
            Preset::Gradcheck => Config {
                preset: Some(self),
                data: DataKind::Gradcase,
                hidden: vec![5, 3],
                init: InitKind::Case,
                seed: 1,
                iters: 1000,
                ..Config::default()
            },
        }
    }
}

/// What compare mode shows (`compare=` in a link; [`variants`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Compare {
    /// One run (`0`).
    #[default]
    Off,
    /// The lab's three presets (`1`); outside the labs, the three optimizers.
    Lab,
    /// One key at three values (`opt:gd,momentum,adam`).
    Vary {
        key: &'static str,
        values: [String; 3],
    },
}

/// Page-only settings that also live in the link, kept beside the
/// [`Config`] (they never change what a run computes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Start training as soon as the link opens.
    pub play: bool,
    /// Three runs side by side.
    pub compare: Compare,
    /// Draw the test points too.
    pub show_test: bool,
    /// Cost curve on a log scale.
    pub log_cost: bool,
    /// What a teacher's link fixes (`lock`, `hide`, `task`, `quiz`, `embed`).
    pub classroom: classroom::Classroom,
    /// Regions as two flat classes instead of the probability's shading.
    pub discrete: bool,
    /// The page's language (`lang=zh` | `en`); absent: the browser's.
    pub lang: Option<Lang>,
}

/// Everything that determines a run. `Config::default()` is the
/// initialization lab with He weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub preset: Option<Preset>,
    pub data: DataKind,
    /// Generate the data from this seed (course data when all three of
    /// `data_seed`, `n`, `noise` are absent).
    pub data_seed: Option<u32>,
    pub n: Option<usize>,
    pub noise: Option<f64>,
    /// Hidden layer sizes; the input size comes from the data, the output is 1.
    pub hidden: Vec<usize>,
    pub init: InitKind,
    /// The factor of `random` initialization.
    pub scale: f64,
    /// The initialization seed.
    pub seed: u32,
    pub lr: f64,
    pub iters: u64,
    /// L2 strength (0 = off).
    pub lambda: f64,
    /// Dropout keep probability (1 = off).
    pub keep: f64,
    pub mask: MaskMode,
    pub drop_seed: u32,
    pub bugs: PlantedBugs,
    /// Gradient-checking step.
    pub eps: f64,
    /// Own points (`data=custom`).
    pub points: Option<Points>,
    /// The share of own points held out for testing when their split is
    /// not fixed ([`crate::data::holdout::test_flags_seeded`], seeded by
    /// `dataSeed`). A general key: meant for generated data too.
    pub test_frac: f64,
    /// Train on inputs normalized by the training set's mean and standard
    /// deviation ([`crate::data::normalize`]).
    pub normalize: bool,
    /// The hidden layers' activation (the output stays a sigmoid).
    pub act: Activation,
    /// L1 strength (0 = off), beside L2's `lambda`.
    pub l1: f64,
    /// The optimizer and its settings ([`Config::optimizer`]).
    pub opt: OptKind,
    /// Momentum's `β`.
    pub beta: f64,
    /// Adam's `β₁`, `β₂`, `ε`.
    pub beta1: f64,
    pub beta2: f64,
    pub epsilon: f64,
    /// Examples per mini-batch (0 = the whole training set, the course's).
    pub batch: usize,
    /// Seed of the mini-batches' shuffle (one permutation per epoch).
    pub batch_seed: u32,
    /// The network's inputs, computed from each point `(x1, x2)`
    /// ([`crate::data::features`]); `x1,x2` by default.
    pub features: Features,
    /// Classification (sigmoid output, cross-entropy) or regression (linear
    /// output, squared error: [`crate::model::output`]).
    pub problem: Problem,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            preset: None,
            data: DataKind::Circles,
            data_seed: None,
            n: None,
            noise: None,
            hidden: vec![10, 5],
            init: InitKind::He,
            scale: 10.0,
            seed: 3,
            lr: 0.01,
            iters: 15_000,
            lambda: 0.0,
            keep: 1.0,
            mask: MaskMode::Fixed,
            drop_seed: 1,
            bugs: PlantedBugs::default(),
            eps: 1e-7,
            points: None,
            test_frac: DEFAULT_TEST_FRAC,
            normalize: false,
            act: Activation::Relu,
            l1: 0.0,
            opt: OptKind::Gd,
            beta: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
            batch: 0,
            batch_seed: 1,
            features: Features::default(),
            problem: Problem::Classification,
        }
    }
}

/// The share of own points held out for testing when no `set` column says.
pub const DEFAULT_TEST_FRAC: f64 = 0.25;

/// Limits that keep one training step interactive in a browser.
pub mod limits {
    pub const MAX_HIDDEN_LAYERS: usize = 6;
    pub const MAX_WIDTH: usize = 64;
    pub const MIN_POINTS: usize = 2;
    pub const MAX_POINTS: usize = crate::data::points::MAX_COUNT;
    pub const MAX_ITERS: u64 = 1_000_000;
    pub const MAX_LR: f64 = 1000.0;
    pub const MAX_SCALE: f64 = 1e6;
    pub const MAX_LAMBDA: f64 = 1000.0;
    pub const MAX_NOISE: f64 = 10.0;
    pub const MIN_EPS: f64 = 1e-12;
    pub const MAX_EPS: f64 = 0.1;
    /// At most this share of own points is held out for testing.
    pub const MAX_TEST_FRAC: f64 = 0.9;
    /// Multiply-adds of one forward pass (`m · Σ n[l]·n[l-1]`).
    pub const MAX_WORK: usize = 4_000_000;
}

impl Config {
    /// The initialization scheme with its parameters.
    pub fn initializer(&self) -> Init {
        match self.init {
            InitKind::Zeros => Init::Zeros,
            InitKind::Random => Init::Random { scale: self.scale },
            InitKind::Xavier => Init::Xavier,
            InitKind::He => Init::He,
            InitKind::Case => Init::Case,
        }
    }

    /// The optimizer's settings.
    pub fn optimizer(&self) -> optimizer::Settings {
        optimizer::Settings {
            kind: self.opt,
            beta: self.beta,
            beta1: self.beta1,
            beta2: self.beta2,
            epsilon: self.epsilon,
        }
    }

    /// The weights' penalties: L2 `lambda` and L1 `l1`.
    pub fn penalty(&self) -> Penalty {
        Penalty {
            l2: self.lambda,
            l1: self.l1,
        }
    }

    /// Examples per iteration: `batch`, or the whole training set.
    pub fn batch_size(&self) -> usize {
        match self.batch {
            0 => self.train_points(),
            b => b.min(self.train_points()),
        }
    }

    /// Whether the configuration computes only what the course's labs do
    /// (ReLU, plain gradient descent, full batch): the fused kernels' case.
    pub fn is_course_training(&self) -> bool {
        self.act == Activation::Relu && self.opt == OptKind::Gd && self.batch == 0
    }

    /// Whether the course's recorded points are used (no generation keys).
    pub fn uses_course_data(&self) -> bool {
        self.data_seed.is_none() && self.n.is_none() && self.noise.is_none()
    }

    /// The number of training points this configuration will have.
    pub fn train_points(&self) -> usize {
        match self.data {
            DataKind::Circles if self.uses_course_data() => 300,
            DataKind::Football => 211,
            DataKind::Gradcase => 3,
            DataKind::Custom => self.points.as_ref().map_or(0, Points::len),
            _ => self.n.unwrap_or(300),
        }
    }

    /// Test points of generated data for `n` training points: the course's
    /// `max(n/3, 1)` unless `testFrac` is set, then `round(n·f/(1 − f))`
    /// (at least 1), so that `f` of all the points are test points.
    pub fn generated_test_points(&self) -> usize {
        let n = self.n.unwrap_or(300);
        let f = self.test_frac;
        if f == DEFAULT_TEST_FRAC {
            (n / 3).max(1)
        } else {
            ((n as f64 * f / (1.0 - f)).round() as usize).max(1)
        }
    }

    /// Input units: the data's 4 features in the gradient-check case, else
    /// one per input feature (`features=`, 2 by default).
    pub fn inputs(&self) -> usize {
        if self.data == DataKind::Gradcase {
            4
        } else {
            self.features.len()
        }
    }

    /// The generator of this configuration's data, if it has one: the data
    /// kind's, the two-Gaussian surface for `gauss` with regression.
    pub fn shape(&self) -> Option<Shape> {
        match (self.data, self.problem) {
            (DataKind::Gauss, Problem::Regression) => Some(Shape::GaussSurface),
            (kind, _) => kind.shape(),
        }
    }

    /// Layer sizes `n[0..=L]`: inputs, the hidden sizes, 1.
    pub fn sizes(&self) -> Vec<usize> {
        let mut s = Vec::with_capacity(self.hidden.len() + 2);
        s.push(self.inputs());
        s.extend_from_slice(&self.hidden);
        s.push(1);
        s
    }

    /// True when dropout is on.
    pub fn dropout_on(&self) -> bool {
        self.keep < 1.0
    }

    /// The training and test sets. Call [`Config::validate`] first.
    pub fn split(&self) -> Split {
        match (self.data, self.shape()) {
            (DataKind::Circles, _) if self.uses_course_data() => Split::course_circles(),
            (DataKind::Football, _) => Split::course_football(),
            (DataKind::Custom, _) => self
                .points
                .as_ref()
                .expect("validate: data=custom has points")
                .split(self.test_frac, self.data_seed.unwrap_or(1)),
            (DataKind::Gradcase, _) => {
                let mut rng = NumpyRng::new(1);
                let mut x = Matrix::zeros(4, 3);
                rng.fill_randn(x.as_mut_slice());
                let set = Dataset {
                    x,
                    y: vec![1.0, 1.0, 0.0],
                };
                Split {
                    train: set.clone(),
                    test: set,
                }
            }
            (_, Some(shape)) => generate::generate_split_sized(
                shape,
                self.n.unwrap_or(300),
                self.generated_test_points(),
                self.noise.unwrap_or(shape.default_noise()),
                self.data_seed.unwrap_or(1),
            ),
            (_, None) => unreachable!("every kind without a generator is handled above"),
        }
    }

    /// What the course prints for this configuration: only when it is
    /// exactly a preset that has numbers.
    pub fn course_numbers(&self) -> Option<Expected> {
        self.preset
            .filter(|p| p.config() == *self)
            .and_then(Preset::expected)
    }
}
