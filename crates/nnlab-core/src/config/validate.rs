//! [`Config::validate`]: every key's range, from the key table, then the
//! combinations the table cannot say (recorded data, the gradient-check
//! case, the work per pass).

use crate::config::error::ConfigError;
use crate::config::keys::{key, KEYS};
use crate::config::{limits, Config, DataKind, InitKind, View, DEFAULT_TEST_FRAC};
use crate::format::fmt_plain;
use crate::model::output::Problem;
use crate::tr;

/// The link text of key `name` in `config` (`""` when absent).
fn key_value(config: &Config, name: &str) -> String {
    key(name)
        .and_then(|k| k.value(config, &View::default()))
        .unwrap_or_default()
}

impl Config {
    /// Checks the whole configuration: every key's range (from the key
    /// table, in its order), and the combinations.
    pub fn validate(&self) -> Result<(), ConfigError> {
        use limits::*;
        let conflict = |key: &str, value: String, reason: String| ConfigError::Conflict {
            key: key.into(),
            value,
            reason,
        };
        for k in KEYS {
            k.check(self)?;
        }
        self.validate_own_points()?;
        self.validate_inputs()?;
        self.validate_training()?;
        if self.data.is_recorded() {
            // The optional keys generate data (absent = the course's).
            let generating = KEYS
                .iter()
                .filter(|k| k.optional())
                .find_map(|k| Some((k.name, k.value(self, &View::default())?)));
            if let Some((name, value)) = generating {
                let data = self.data.name();
                let why = tr!("conflict-recorded", data = data);
                return Err(conflict(name, value, why));
            }
        }
        if self.init == InitKind::Case && self.data != DataKind::Gradcase {
            return Err(conflict("init", "case".into(), tr!("conflict-case")));
        }
        let sizes = self.sizes();
        let work: usize =
            sizes.windows(2).map(|w| w[0] * w[1]).sum::<usize>() * self.train_points();
        if work > MAX_WORK {
            return Err(conflict(
                "layers",
                self.layers_text(),
                tr!(
                    "conflict-work",
                    points = self.train_points(),
                    work = work,
                    limit = MAX_WORK
                ),
            ));
        }
        Ok(())
    }

    /// `points` only with `data=custom`, which needs them and generates
    /// nothing (no `n`, `noise`); `testFrac` only where it splits.
    fn validate_own_points(&self) -> Result<(), ConfigError> {
        let conflict = |key: &str, reason: String| {
            let value = key_value(self, key);
            Err(ConfigError::Conflict {
                key: key.into(),
                value,
                reason,
            })
        };
        let custom = self.data == DataKind::Custom;
        if !custom && self.points.is_some() {
            return conflict("points", tr!("conflict-points-custom"));
        }
        // Generated: every shape but the course's circles (no dataSeed, n, noise).
        let course_circles = self.data == DataKind::Circles && self.uses_course_data();
        let generated = self.shape().is_some() && !course_circles;
        if !custom && !generated && self.test_frac != DEFAULT_TEST_FRAC {
            return conflict("testFrac", tr!("conflict-test-frac"));
        }
        let test = self.generated_test_points();
        if generated && test > limits::MAX_POINTS {
            return conflict(
                "testFrac",
                tr!(
                    "conflict-test-points",
                    n = self.n.unwrap_or(300),
                    test = test,
                    limit = limits::MAX_POINTS
                ),
            );
        }
        if custom && self.points.is_none() {
            return conflict("data", tr!("conflict-custom-points"));
        }
        for name in ["n", "noise"] {
            if custom && !key_value(self, name).is_empty() {
                return conflict(name, tr!("conflict-custom-generate"));
            }
        }
        Ok(())
    }

    /// Input features only for points of the plane; regression only on
    /// data whose labels are numbers (own points with classes are fitted as
    /// the numbers 0 and 1), and data with numbers (a plane, own points
    /// with numeric labels) only for regression.
    fn validate_inputs(&self) -> Result<(), ConfigError> {
        let conflict = |key: &str, reason: String| {
            Err(ConfigError::Conflict {
                key: key.into(),
                value: key_value(self, key),
                reason,
            })
        };
        if self.data == DataKind::Gradcase && !self.features.is_plane() {
            return conflict("features", tr!("conflict-features-gradcase"));
        }
        let data = self.data.name();
        match self.problem {
            Problem::Regression if !self.data.has_values() => {
                conflict("problem", tr!("conflict-regression-classes", data = data))
            }
            Problem::Classification if !self.data.has_classes() => {
                conflict("data", tr!("conflict-classification-values", data = data))
            }
            Problem::Classification => match self.own_value_range() {
                // Named by the problem, whose value is written out when absent.
                Some([min, max]) => Err(ConfigError::Conflict {
                    key: "problem".into(),
                    value: Problem::Classification.name().into(),
                    reason: tr!(
                        "conflict-classification-own-values",
                        min = fmt_plain(min),
                        max = fmt_plain(max)
                    ),
                }),
                None => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// The optimizer's decays below 1 (`β = 1` would never move), and
    /// mini-batches no larger than the training set and without dropout
    /// (its masks are drawn for the whole set).
    fn validate_training(&self) -> Result<(), ConfigError> {
        for (name, value) in [
            ("beta", self.beta),
            ("beta1", self.beta1),
            ("beta2", self.beta2),
        ] {
            if !(0.0..1.0).contains(&value) {
                return Err(ConfigError::OutOfRange {
                    key: name.into(),
                    value: key_value(self, name),
                    allowed: format!("0 <= {name} < 1"),
                });
            }
        }
        let points = self.train_points();
        let conflict = |reason: String| {
            Err(ConfigError::Conflict {
                key: "batch".into(),
                value: key_value(self, "batch"),
                reason,
            })
        };
        if self.batch > points {
            return conflict(tr!("conflict-batch-size", points = points));
        }
        if self.batch > 0 && self.dropout_on() {
            return conflict(tr!("conflict-batch-dropout"));
        }
        Ok(())
    }

    /// `[min, max]` of own points' labels when they are numbers.
    fn own_value_range(&self) -> Option<[f64; 2]> {
        self.points.as_ref().and_then(|p| p.value_range())
    }

    /// The hidden layer sizes as the link writes them (`10,5`), for messages
    /// about `layers`.
    pub fn layers_text(&self) -> String {
        key("layers")
            .and_then(|k| k.value(self, &View::default()))
            .unwrap_or_default()
    }
}
