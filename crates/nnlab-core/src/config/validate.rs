//! [`Config::validate`]: every key's range, from the key table, then the
//! combinations the table cannot say (recorded data, the gradient-check
//! case, the work per pass).

use crate::config::error::ConfigError;
use crate::config::keys::{key, KEYS};
use crate::config::{limits, Config, DataKind, InitKind, View};

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
        if self.data.is_recorded() {
            // The optional keys generate data (absent = the course's).
            let generating = KEYS
                .iter()
                .filter(|k| k.optional())
                .find_map(|k| Some((k.name, k.value(self, &View::default())?)));
            if let Some((name, value)) = generating {
                let data = self.data.name();
                let why = format!("data={data} is recorded data and cannot be generated");
                return Err(conflict(name, value, why));
            }
        }
        if self.init == InitKind::Case && self.data != DataKind::Gradcase {
            return Err(conflict(
                "init",
                "case".into(),
                "init=case draws the gradient-check case: it needs data=gradcase".into(),
            ));
        }
        let sizes = self.sizes();
        let work: usize =
            sizes.windows(2).map(|w| w[0] * w[1]).sum::<usize>() * self.train_points();
        if work > MAX_WORK {
            return Err(conflict(
                "layers",
                self.layers_text(),
                format!(
                    "{} points through this network is {work} multiply-adds per pass, over the limit of {MAX_WORK}: use fewer or narrower layers or fewer points",
                    self.train_points()
                ),
            ));
        }
        Ok(())
    }

    /// The hidden layer sizes as the link writes them (`10,5`), for messages
    /// about `layers`.
    pub fn layers_text(&self) -> String {
        key("layers")
            .and_then(|k| k.value(self, &View::default()))
            .unwrap_or_default()
    }
}
