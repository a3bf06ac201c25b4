//! `Lab`: the page's one opaque handle on a training run.
//!
//! The `Trainer` (data, weights, optimizer state, cost history) and the
//! decision-region grid stay in wasm memory. JavaScript gets small copyable
//! results: a snapshot object, typed arrays, strings (canonical queries); the
//! decision regions' pixels and layout are in `regions.rs`.
//!
//! Everything here that does not touch JavaScript is plain Rust (the `*_data`
//! and `query_*` functions) so the native `cargo test` checks it.

use crate::serializer;
use nnlab_core::config::{limits, DataKind, Expected, InitKind, View};
use nnlab_core::format::{fmt_cost, fmt_percent};
use nnlab_core::run::regions::Regions;
use nnlab_core::{config::link, Config, ConfigError, Preset, Status, Trainer};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Keys that may be absent (absent = the course's recorded data).
const OPTIONAL_KEYS: [&str; 3] = ["dataSeed", "n", "noise"];

/// One training run behind an opaque handle.
#[wasm_bindgen]
pub struct Lab {
    /// The run (the panels module reads it too).
    pub(crate) trainer: Trainer,
    /// The decision-region grid, built on first paint and rebuilt when the
    /// canvas asks for another resolution.
    pub(crate) regions: Option<Regions>,
    /// The configuration, view settings included (the trainer keeps the one
    /// it was built with; [`Lab::adopt`] changes only the view here).
    config: Config,
    /// The canonical query of the configuration.
    query: String,
    warnings: Vec<String>,
}

/// The page's view of a run, one small object per frame.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub iteration: u32,
    pub iters: u32,
    /// "training" | "done" | "diverged"
    pub status: &'static str,
    pub diverged_at: Option<u32>,
    /// Learning has stopped: every weight gradient of the last iteration was
    /// exactly 0 (zero weights, or a whole layer of dead ReLUs).
    pub stalled: bool,
    /// The most recent computed cost (may be `Infinity`).
    pub cost: Option<f64>,
    /// That cost as the course prints it (`∞` when infinite, `—` before any).
    pub cost_text: String,
    pub cost_iteration: Option<u32>,
    pub cost_infinite: bool,
    /// The cost at iteration 0 (the course's first printed number).
    pub first_cost_text: Option<String>,
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    /// `99.3%`
    pub train_accuracy_text: String,
    pub test_accuracy_text: String,
    /// Train minus test accuracy in percentage points: `+3.3 pts`.
    pub gap_text: String,
    pub train_correct: u32,
    pub train_total: u32,
    pub test_correct: u32,
    pub test_total: u32,
    /// The preset this configuration starts from, if any.
    pub preset: Option<&'static str>,
    /// "initialization" | "regularization" | "gradcheck" (from the preset, or
    /// for a link without one, from its data), or null.
    pub lab: Option<&'static str>,
    /// The course's numbers, when the configuration is exactly a preset's.
    pub expected: Option<ExpectedSnapshot>,
    /// Whether the data is 2-D (there are decision regions to paint).
    pub plane: bool,
    /// Recorded data (football, the gradient-check case): no seed, size or noise.
    pub recorded_data: bool,
    /// The course's recorded points (no `dataSeed`, `n`, `noise` in the link).
    pub course_data: bool,
    pub play: bool,
    pub compare: bool,
    pub show_test: bool,
    pub log_cost: bool,
}

/// The course's printed numbers for a preset (the preset buttons show them
/// too), as numbers and as the page writes them.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedInfo {
    pub train: f64,
    pub test: f64,
    pub first_cost: f64,
    pub train_text: String,
    pub test_text: String,
    pub first_cost_text: String,
}

impl ExpectedInfo {
    pub fn of(e: &Expected) -> ExpectedInfo {
        ExpectedInfo {
            train: e.train_accuracy,
            test: e.test_accuracy,
            first_cost: e.first_cost,
            train_text: fmt_percent(e.train_accuracy),
            test_text: fmt_percent(e.test_accuracy),
            first_cost_text: fmt_cost(e.first_cost),
        }
    }
}

/// The course's numbers for a preset, and whether the run matches.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedSnapshot {
    #[serde(flatten)]
    pub course: ExpectedInfo,
    /// True once the run is done and its accuracy equals the course's.
    pub train_matches: bool,
    pub test_matches: bool,
}

/// Which lab a configuration belongs to.
pub fn lab_family(config: &Config) -> Option<&'static str> {
    match config.preset {
        Some(Preset::InitZeros | Preset::InitRandom | Preset::InitHe) => Some("initialization"),
        Some(Preset::RegNone | Preset::RegL2 | Preset::RegDropout) => Some("regularization"),
        Some(Preset::Gradcheck) => Some("gradcheck"),
        None => match config.data {
            DataKind::Circles => Some("initialization"),
            DataKind::Football => Some("regularization"),
            DataKind::Gradcase => Some("gradcheck"),
            _ => None,
        },
    }
}

/// The three presets compare mode shows for a configuration's lab.
pub fn compare_presets(config: &Config) -> Option<[Preset; 3]> {
    match lab_family(config)? {
        "initialization" => Some([Preset::InitZeros, Preset::InitRandom, Preset::InitHe]),
        "regularization" => Some([Preset::RegNone, Preset::RegL2, Preset::RegDropout]),
        _ => None,
    }
}

/// One run of compare mode: `current` with the keys that tell the lab's
/// three presets apart (`init` in the initialization lab; `lambda` and
/// `keep` in the regularization lab) taken from `preset`, so that what the
/// user changed (learning rate, iterations, layers, data, seeds) carries
/// into all three runs. The pure preset when that combination is not a
/// valid run. Only `showTest` and `logCost` of the view carry over.
pub fn compare_query(current: &Config, preset: Preset) -> String {
    let mut c = current.clone();
    c.preset = Some(preset);
    let target = preset.config();
    let siblings = compare_presets(&target).map(|ps| ps.map(Preset::config));
    for key in link::KEYS.iter().filter(|k| !k.is_view()) {
        let varies = siblings
            .as_ref()
            .is_some_and(|cs| cs.iter().any(|o| key.value(o) != key.value(&target)));
        if let (true, Some(v)) = (varies, key.value(&target)) {
            if key.set(&mut c, &v).is_err() {
                return pure_compare_query(current, preset);
            }
        }
    }
    c.view = View {
        show_test: current.view.show_test,
        log_cost: current.view.log_cost,
        ..View::default()
    };
    let query = link::serialize(&c);
    // Parsing validates the whole configuration.
    if link::parse(&query).is_err() {
        return pure_compare_query(current, preset);
    }
    query
}

fn pure_compare_query(current: &Config, preset: Preset) -> String {
    let mut c = preset.config();
    c.view.show_test = current.view.show_test;
    c.view.log_cost = current.view.log_cost;
    link::serialize(&c)
}

/// The value a link key has in `config`, as the link writes it (`""` for an
/// absent optional key); `None` for a name that is not a key.
pub fn key_value(config: &Config, key: &str) -> Option<String> {
    link::KEYS
        .iter()
        .find(|k| k.name == key)
        .map(|k| k.value(config).unwrap_or_default())
}

/// Percent-escapes what would break a query value (`%`, `&`, `=`, `#`, `+`,
/// `?`, spaces and control characters).
pub fn encode_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '&' | '=' | '#' | '+' | '?') || c.is_whitespace() || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Validates a configuration built by editing fields and writes its query.
fn canonical(config: &Config) -> Result<String, ConfigError> {
    config.validate()?;
    Ok(link::serialize(config))
}

impl Lab {
    /// Parses a link (or `#`/`?` query) and builds its run.
    pub fn from_query(query: &str) -> Result<Lab, ConfigError> {
        let parsed = link::parse(query)?;
        let query = link::serialize(&parsed.config);
        let trainer = Trainer::new(parsed.config.clone())?;
        Ok(Lab {
            trainer,
            regions: None,
            config: parsed.config,
            query,
            warnings: parsed.warnings.iter().map(ToString::to_string).collect(),
        })
    }

    fn config(&self) -> &Config {
        &self.config
    }

    /// Takes `link`'s view settings (`play`, `compare`, `showTest`,
    /// `logCost`) when it describes the same run, which goes on training;
    /// false when the run itself differs.
    pub fn adopt_query(&mut self, link: &str) -> Result<bool, ConfigError> {
        let parsed = link::parse(link)?;
        let (mut ours, mut theirs) = (self.config.clone(), parsed.config.clone());
        ours.view = Default::default();
        theirs.view = Default::default();
        if ours != theirs {
            return Ok(false);
        }
        self.query = link::serialize(&parsed.config);
        self.config = parsed.config;
        self.warnings = parsed.warnings.iter().map(ToString::to_string).collect();
        Ok(true)
    }

    /// The snapshot as plain Rust data.
    pub fn snapshot_data(&self) -> Snapshot {
        let t = &self.trainer;
        let config = &self.config;
        let (train, test) = t.accuracy();
        let (status, diverged_at) = match t.status() {
            Status::Training => ("training", None),
            Status::Done => ("done", None),
            Status::Diverged { iteration } => ("diverged", Some(*iteration as u32)),
        };
        let last = t.last_cost();
        let (train_f, test_f) = (train.fraction(), test.fraction());
        let done = *t.status() == Status::Done;
        let mut base = config.clone();
        base.view = Default::default();
        let expected = config
            .preset
            .filter(|p| {
                let mut pure = p.config();
                pure.view = Default::default();
                pure == base
            })
            .and_then(Preset::expected)
            .map(|e| ExpectedSnapshot {
                course: ExpectedInfo::of(&e),
                train_matches: done && (train_f - e.train_accuracy).abs() < 1e-12,
                test_matches: done && (test_f - e.test_accuracy).abs() < 1e-12,
            });
        let gap = (train_f - test_f) * 100.0;
        Snapshot {
            iteration: t.iteration() as u32,
            iters: config.iters as u32,
            status,
            diverged_at,
            stalled: diverged_at.is_none() && t.stalled(),
            cost: last.map(|(_, c)| c),
            cost_text: last.map(|(_, c)| fmt_cost(c)).unwrap_or_else(|| "—".into()),
            cost_iteration: last.map(|(i, _)| i as u32),
            cost_infinite: last.is_some_and(|(_, c)| c.is_infinite()),
            first_cost_text: t.checkpoints().first().map(|(_, c)| fmt_cost(*c)),
            train_accuracy: train_f,
            test_accuracy: test_f,
            train_accuracy_text: fmt_percent(train_f),
            test_accuracy_text: fmt_percent(test_f),
            gap_text: if gap.is_finite() {
                format!("{gap:+.1} pts")
            } else {
                "—".into()
            },
            train_correct: train.correct as u32,
            train_total: train.total as u32,
            test_correct: test.correct as u32,
            test_total: test.total as u32,
            preset: config.preset.map(Preset::name),
            lab: lab_family(config),
            expected,
            plane: t.split().train.features() == 2,
            recorded_data: config.data.is_recorded(),
            course_data: config.uses_course_data(),
            play: config.view.play,
            compare: config.view.compare,
            show_test: config.view.show_test,
            log_cost: config.view.log_cost,
        }
    }

    /// The canonical query with `key` set to `value`. An empty value removes
    /// an optional key (`dataSeed`, `n`, `noise`). Switching to recorded data
    /// drops the generation keys, which it cannot take.
    pub fn query_with(&self, key: &str, value: &str) -> Result<String, ConfigError> {
        if key == "preset" {
            return self.query_with_preset(value);
        }
        if !link::KEYS.iter().any(|k| k.name == key) {
            return Err(ConfigError::Invalid {
                key: key.into(),
                value: value.into(),
                expected: "a key of the link format",
            });
        }
        let mut base = self.config().clone();
        if OPTIONAL_KEYS.contains(&key) && value.trim().is_empty() {
            match key {
                "dataSeed" => base.data_seed = None,
                "n" => base.n = None,
                _ => base.noise = None,
            }
            return canonical(&base);
        }
        if key == "data" {
            let recorded = DataKind::ALL
                .iter()
                .find(|d| d.name() == value.trim())
                .is_some_and(|d| d.is_recorded());
            if recorded {
                base.data_seed = None;
                base.n = None;
                base.noise = None;
            }
            // The gradient-check case's initializer needs its data, and back.
            if value.trim() != DataKind::Gradcase.name() && base.init == InitKind::Case {
                base.init = InitKind::He;
            }
        }
        let query = format!(
            "{}&{}={}",
            link::serialize(&base),
            key,
            encode_value(value.trim())
        );
        Ok(link::serialize(&link::parse(&query)?.config))
    }

    /// The query of preset `name`, keeping this run's view settings except
    /// `play`, which is switched on (one click starts the lab).
    pub fn query_with_preset(&self, name: &str) -> Result<String, ConfigError> {
        let preset = Preset::ALL
            .iter()
            .copied()
            .find(|p| p.name() == name)
            .ok_or_else(|| ConfigError::Invalid {
                key: "preset".into(),
                value: name.into(),
                expected: "init-zeros | init-random | init-he | reg-none | reg-l2 | reg-dropout | gradcheck",
            })?;
        let mut config = preset.config();
        config.view = self.config().view;
        config.view.play = true;
        canonical(&config)
    }

    /// The query with the hidden layers edited: `add` (a layer after the
    /// last, as wide as it), `remove` (layer `index`), `inc`/`dec` (one unit
    /// more or less in layer `index`).
    pub fn query_with_layers(&self, action: &str, index: usize) -> Result<String, ConfigError> {
        let mut config = self.config().clone();
        let h = &mut config.hidden;
        let bad = || ConfigError::Invalid {
            key: "layers".into(),
            value: format!("{action} {index}"),
            expected: "add, remove, inc or dec of an existing layer",
        };
        match action {
            "add" => {
                let width = h.last().copied().unwrap_or(4);
                h.push(width);
            }
            "remove" if index < h.len() => {
                h.remove(index);
            }
            "inc" if index < h.len() => h[index] = (h[index] + 1).min(limits::MAX_WIDTH),
            "dec" if index < h.len() => h[index] = h[index].saturating_sub(1).max(1),
            _ => return Err(bad()),
        }
        canonical(&config)
    }

    /// The query with the course's recorded data again (no `dataSeed`, `n`,
    /// `noise`).
    pub fn query_with_course_data(&self) -> Result<String, ConfigError> {
        let mut config = self.config().clone();
        config.data_seed = None;
        config.n = None;
        config.noise = None;
        canonical(&config)
    }

    /// The three queries of compare mode (empty when this lab has none).
    pub fn compare_query_list(&self) -> Vec<String> {
        compare_presets(self.config())
            .map(|ps| ps.map(|p| compare_query(self.config(), p)).to_vec())
            .unwrap_or_default()
    }
}

#[wasm_bindgen]
impl Lab {
    /// Builds the run of a link. The error's message names the key and the
    /// value (`lr=abc: expected a number`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<Lab, JsError> {
        Lab::from_query(query).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The canonical query (what the page writes back into the URL).
    pub fn query(&self) -> String {
        self.query.clone()
    }

    /// Takes a link's view settings (`play`, `compare`, `showTest`, `logCost`)
    /// when it describes the same run: training goes on, and `true` comes
    /// back. `false`: the run differs, build a new `Lab`. A bad link is an
    /// error, as for `new`.
    pub fn adopt(&mut self, link: &str) -> Result<bool, JsError> {
        self.adopt_query(link)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// What the link contained that was ignored (unknown or repeated keys).
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Runs up to `n` iterations; returns how many ran (0 when done or
    /// diverged). The results do not depend on how a run is cut into calls.
    pub fn step(&mut self, n: u32) -> u32 {
        self.trainer.step(u64::from(n)) as u32
    }

    /// Starts the same run again from iteration 0.
    pub fn reset(&mut self) -> Result<(), JsError> {
        self.trainer =
            Trainer::new(self.config().clone()).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(())
    }

    /// `{iteration, iters, status, divergedAt, cost, costText, ...}`: see
    /// [`Snapshot`].
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        Ok(self.snapshot_data().serialize(&serializer())?)
    }

    /// The cost history, interleaved `[iteration, cost, iteration, cost, ...]`
    /// (at most 2048 points: the core thins it as the run grows).
    pub fn history(&self) -> Vec<f64> {
        let points = self.trainer.history().points();
        let mut out = Vec::with_capacity(points.len() * 2);
        for &(i, c) in points {
            out.push(i as f64);
            out.push(c);
        }
        out
    }

    /// The hidden layer sizes (`[10, 5]`), for the layer editor.
    #[wasm_bindgen(js_name = hiddenLayers)]
    pub fn hidden_layers(&self) -> Vec<u32> {
        self.config().hidden.iter().map(|&h| h as u32).collect()
    }

    /// Every link key's current value as text (`{data: "circles", lr: "0.01",
    /// dataSeed: "", ...}`), for the form controls.
    pub fn values(&self) -> Result<JsValue, JsError> {
        let map: std::collections::BTreeMap<&str, String> = link::KEYS
            .iter()
            .filter_map(|k| key_value(self.config(), k.name).map(|v| (k.name, v)))
            .collect();
        Ok(map.serialize(&serializer())?)
    }

    /// The canonical query with one key changed (see [`Lab::query_with`]).
    #[wasm_bindgen(js_name = withKey)]
    pub fn with_key(&self, key: &str, value: &str) -> Result<String, JsError> {
        self.query_with(key, value)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The query of a preset, keeping the view settings, with `play=1`.
    #[wasm_bindgen(js_name = withPreset)]
    pub fn with_preset(&self, name: &str) -> Result<String, JsError> {
        self.query_with_preset(name)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The query with the hidden layers edited: `add`, `remove`, `inc`, `dec`.
    #[wasm_bindgen(js_name = withLayers)]
    pub fn with_layers(&self, action: &str, index: u32) -> Result<String, JsError> {
        self.query_with_layers(action, index as usize)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The query with the course's recorded data.
    #[wasm_bindgen(js_name = withCourseData)]
    pub fn with_course_data(&self) -> Result<String, JsError> {
        self.query_with_course_data()
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Compare mode's three queries (`[]` when the lab has no three presets).
    #[wasm_bindgen(js_name = compareQueries)]
    pub fn compare_queries(&self) -> Vec<String> {
        self.compare_query_list()
    }
}

pub(crate) fn js_err(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_of_the_he_preset() {
        let mut lab = Lab::from_query("#preset=init-he&play=1").unwrap();
        assert_eq!(lab.query, "preset=init-he&play=1");
        let s = lab.snapshot_data();
        assert_eq!((s.iteration, s.iters, s.status), (0, 15000, "training"));
        assert_eq!(s.cost_text, "—");
        assert_eq!(s.lab, Some("initialization"));
        assert!(s.play && s.plane);
        assert!(s.expected.is_some());
        lab.step(1);
        let s = lab.snapshot_data();
        // The course's 0.8830537463419761, within the core's 1e-9 (relative).
        assert!(
            s.cost_text.starts_with("0.88305374634197"),
            "{}",
            s.cost_text
        );
        assert_eq!(s.first_cost_text, Some(s.cost_text.clone()));
    }

    #[test]
    fn he_preset_ends_with_the_course_numbers() {
        let mut lab = Lab::from_query("preset=init-he").unwrap();
        lab.trainer.run();
        let s = lab.snapshot_data();
        assert_eq!(s.status, "done");
        assert_eq!(s.train_accuracy_text, "99.3%");
        assert_eq!(s.test_accuracy_text, "96.0%");
        assert_eq!(s.gap_text, "+3.3 pts");
        let e = s.expected.unwrap();
        assert!(e.train_matches && e.test_matches);
        assert_eq!(
            (e.course.train_text.as_str(), e.course.test_text.as_str()),
            ("99.3%", "96.0%")
        );
    }

    #[test]
    fn random_preset_starts_at_infinity() {
        let mut lab = Lab::from_query("preset=init-random").unwrap();
        lab.step(1);
        let s = lab.snapshot_data();
        assert!(s.cost_infinite);
        assert_eq!(s.cost_text, "∞");
        assert_eq!(s.expected.unwrap().course.first_cost_text, "∞");
    }

    #[test]
    fn expected_numbers_only_for_an_unchanged_preset() {
        let lab = Lab::from_query("preset=init-he&lr=0.02&showTest=1").unwrap();
        assert!(lab.snapshot_data().expected.is_none());
        let lab = Lab::from_query("preset=init-he&showTest=1&logCost=1").unwrap();
        assert!(lab.snapshot_data().expected.is_some());
        assert!(Lab::from_query("preset=gradcheck")
            .unwrap()
            .snapshot_data()
            .expected
            .is_none());
    }

    #[test]
    fn every_key_has_a_value_that_parses_back() {
        for q in [
            "preset=init-he",
            "preset=reg-dropout",
            "preset=gradcheck",
            "data=moons&dataSeed=7&n=50&noise=0.3&bugs=w2,b1&showTest=1",
        ] {
            let lab = Lab::from_query(q).unwrap();
            for key in link::KEYS {
                let v = key_value(lab.config(), key.name).expect(key.name);
                if v.is_empty() {
                    assert!(OPTIONAL_KEYS.contains(&key.name));
                    continue;
                }
                let again = lab.query_with(key.name, &v).unwrap();
                assert_eq!(again, lab.query, "{q}: {}={v}", key.name);
            }
        }
    }

    #[test]
    fn editing_keys_gives_canonical_queries() {
        let lab = Lab::from_query("preset=init-he").unwrap();
        assert_eq!(
            lab.query_with("lr", "0.02").unwrap(),
            "preset=init-he&lr=0.02"
        );
        assert_eq!(lab.query_with("lr", " 0.01 ").unwrap(), "preset=init-he");
        assert_eq!(
            lab.query_with("lr", "abc").unwrap_err().to_string(),
            "lr=abc: expected a number"
        );
        assert!(lab
            .query_with("lr", "1&x=2")
            .unwrap_err()
            .to_string()
            .starts_with("lr=1&x=2"));
        assert!(lab.query_with("nope", "1").is_err());
        let generated = lab.query_with("dataSeed", "42").unwrap();
        assert_eq!(generated, "preset=init-he&dataSeed=42");
        let lab2 = Lab::from_query(&generated).unwrap();
        assert_eq!(lab2.query_with("dataSeed", "").unwrap(), "preset=init-he");
        // Switching to recorded data drops the generation keys.
        assert_eq!(
            lab2.query_with("data", "football").unwrap(),
            "preset=init-he&data=football"
        );
        assert_eq!(
            Lab::from_query("preset=init-he&n=50&noise=0.1")
                .unwrap()
                .query_with_course_data()
                .unwrap(),
            "preset=init-he"
        );
    }

    #[test]
    fn presets_keep_the_view_and_play() {
        let lab = Lab::from_query("preset=init-he&lr=0.5&showTest=1").unwrap();
        assert_eq!(
            lab.query_with_preset("reg-l2").unwrap(),
            "preset=reg-l2&play=1&showTest=1"
        );
        assert_eq!(
            lab.query_with("preset", "init-zeros").unwrap(),
            "preset=init-zeros&play=1&showTest=1"
        );
        assert!(lab.query_with_preset("nope").is_err());
    }

    #[test]
    fn view_changes_keep_the_run() {
        let mut lab = Lab::from_query("preset=init-he").unwrap();
        lab.step(10);
        assert!(lab
            .adopt_query("preset=init-he&showTest=1&logCost=1")
            .unwrap());
        assert_eq!(lab.trainer.iteration(), 10);
        assert_eq!(lab.query, "preset=init-he&showTest=1&logCost=1");
        let s = lab.snapshot_data();
        assert!(s.show_test && s.log_cost && s.expected.is_some());
        assert_eq!(key_value(lab.config(), "showTest").as_deref(), Some("1"));
        assert!(!lab.adopt_query("preset=init-he&lr=0.02").unwrap());
        assert!(lab.adopt_query("lr=abc").is_err());
        assert_eq!(lab.query, "preset=init-he&showTest=1&logCost=1");
    }

    #[test]
    fn layer_edits() {
        let lab = Lab::from_query("preset=init-he").unwrap();
        assert_eq!(
            lab.query_with_layers("add", 0).unwrap(),
            "preset=init-he&layers=10,5,5"
        );
        assert_eq!(
            lab.query_with_layers("remove", 0).unwrap(),
            "preset=init-he&layers=5"
        );
        assert_eq!(
            lab.query_with_layers("inc", 1).unwrap(),
            "preset=init-he&layers=10,6"
        );
        assert_eq!(
            lab.query_with_layers("dec", 0).unwrap(),
            "preset=init-he&layers=9,5"
        );
        assert!(lab.query_with_layers("inc", 2).is_err());
        let one = Lab::from_query("layers=1").unwrap();
        assert_eq!(one.query_with_layers("dec", 0).unwrap(), "layers=1");
        assert!(
            one.query_with_layers("remove", 0).is_err(),
            "no hidden layer left"
        );
    }

    #[test]
    fn compare_lists_the_labs_three_presets() {
        let lab = Lab::from_query("preset=reg-l2&compare=1&showTest=1").unwrap();
        assert_eq!(
            lab.compare_query_list(),
            [
                "preset=reg-none&showTest=1",
                "preset=reg-l2&showTest=1",
                "preset=reg-dropout&showTest=1"
            ]
        );
        assert_eq!(
            Lab::from_query("lr=0.1")
                .unwrap()
                .compare_query_list()
                .len(),
            3
        );
        assert!(Lab::from_query("preset=gradcheck")
            .unwrap()
            .compare_query_list()
            .is_empty());
        assert!(Lab::from_query("data=moons")
            .unwrap()
            .compare_query_list()
            .is_empty());
    }

    #[test]
    fn compare_carries_the_users_changes_into_all_three_runs() {
        // The initialization lab varies `init`; the rest carries.
        let lab = Lab::from_query("preset=init-he&lr=0.05&iters=2000&layers=8,4&seed=7").unwrap();
        assert_eq!(
            lab.compare_query_list(),
            [
                "preset=init-zeros&layers=8,4&seed=7&lr=0.05&iters=2000",
                "preset=init-random&layers=8,4&seed=7&lr=0.05&iters=2000",
                "preset=init-he&layers=8,4&seed=7&lr=0.05&iters=2000"
            ]
        );
        // A changed `init` is what the three runs vary, so it does not carry.
        let lab = Lab::from_query("preset=init-he&init=xavier").unwrap();
        assert_eq!(lab.compare_query_list()[2], "preset=init-he");
        // The regularization lab varies `lambda` and `keep`; the rest carries.
        let lab = Lab::from_query("preset=reg-dropout&keep=0.5&mask=fresh&lr=0.1").unwrap();
        assert_eq!(
            lab.compare_query_list(),
            [
                "preset=reg-none&lr=0.1&mask=fresh",
                "preset=reg-l2&lr=0.1&mask=fresh",
                "preset=reg-dropout&lr=0.1&mask=fresh"
            ]
        );
        // Every query opens (the runs are valid), and play/compare do not carry.
        let lab = Lab::from_query("preset=reg-l2&play=1&compare=1&logCost=1&dropSeed=3").unwrap();
        for q in lab.compare_query_list() {
            assert!(!q.contains("play") && !q.contains("compare"), "{q}");
            assert!(q.contains("logCost=1") && q.contains("dropSeed=3"), "{q}");
            Lab::from_query(&q).unwrap();
        }
    }

    #[test]
    fn diverging_runs_say_so() {
        let mut lab = Lab::from_query("data=moons&lr=1000&layers=64,64,64,64&iters=50").unwrap();
        lab.step(50);
        let s = lab.snapshot_data();
        assert_eq!(s.status, "diverged", "{s:?}");
        assert!(s.diverged_at.is_some());
    }
}
