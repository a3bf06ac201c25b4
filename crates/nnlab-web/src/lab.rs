//! `Lab`: the page's one opaque handle on a training run.
//!
//! The `Trainer` (data, weights, optimizer state, cost history) and the
//! decision-region grid stay in wasm memory. JavaScript gets small copyable
//! results: a snapshot object, typed arrays, strings (canonical queries); the
//! decision regions' pixels and layout are in `regions.rs`. What they hold is computed by the
//! core (query editing: `config::edit`; compare mode: `config::compare`; the
//! snapshot: `run::snapshot`); this file only binds.

use crate::serializer;
use nnlab_core::config::{compare, edit, View};
use nnlab_core::run::regions::Regions;
use nnlab_core::run::snapshot::Snapshot;
use nnlab_core::run::views::Recording;
use nnlab_core::view::neurons::NeuronMaps;
use nnlab_core::{config::link, Config, ConfigError, Trainer};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// One training run behind an opaque handle.
#[wasm_bindgen]
pub struct Lab {
    /// The run (the panels module reads it too).
    pub(crate) trainer: Trainer,
    /// The decision-region grid, built on first paint and rebuilt when the
    /// canvas asks for another resolution.
    pub(crate) regions: Option<Regions>,
    /// The neuron maps' grids (`views.rs`), built on first use.
    pub(crate) neurons: Option<NeuronMaps>,
    /// The run's configuration (the trainer's).
    pub(crate) config: Config,
    /// How the page shows it ([`Lab::adopt`] changes only this).
    pub(crate) view: View,
    /// The canonical query of the configuration.
    query: String,
    warnings: Vec<String>,
}

/// A core error as the page's exception: its message names key and value.
pub(crate) fn js(e: ConfigError) -> JsError {
    JsError::new(&e.to_string())
}

impl Lab {
    /// Parses a link (or `#`/`?`/`#?` query) and builds its run.
    pub fn from_query(query: &str) -> Result<Lab, ConfigError> {
        let parsed = link::parse(query)?;
        let mut trainer = Trainer::new(parsed.config.clone())?;
        trainer.record_views(Recording::LIVE);
        Ok(Lab {
            trainer,
            regions: None,
            neurons: None,
            query: parsed.query(),
            warnings: messages(&parsed),
            config: parsed.config,
            view: parsed.view,
        })
    }

    /// Takes `link`'s view settings (`play`, `compare`, `showTest`,
    /// `logCost`) when it describes the same run, which goes on training;
    /// false when the run itself differs.
    pub fn adopt_query(&mut self, link: &str) -> Result<bool, ConfigError> {
        let parsed = link::parse(link)?;
        if parsed.config != self.config {
            return Ok(false);
        }
        self.query = parsed.query();
        self.warnings = messages(&parsed);
        self.view = parsed.view;
        Ok(true)
    }

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn view(&self) -> &View {
        &self.view
    }

    /// The snapshot as plain Rust data.
    pub fn snapshot_data(&self) -> Snapshot {
        Snapshot::of(&self.trainer, &self.view)
    }
}

/// What the page shows beside a link it applied: ignored keys, and bad
/// classroom values the core set right (each names key and value).
fn messages(parsed: &link::Parsed) -> Vec<String> {
    let problems = parsed.problems.iter().map(ToString::to_string);
    parsed
        .warnings
        .iter()
        .map(ToString::to_string)
        .chain(problems)
        .collect()
}

#[wasm_bindgen]
impl Lab {
    /// Builds the run of a link. The error's message names the key and the
    /// value (`lr=abc: expected a number`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<Lab, JsError> {
        Lab::from_query(query).map_err(js)
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
        self.adopt_query(link).map_err(js)
    }

    /// What the link contained that was ignored (unknown or repeated keys,
    /// bad classroom values).
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Runs up to `n` iterations; returns how many ran (0 when done or
    /// diverged). The results do not depend on how a run is cut into calls.
    pub fn step(&mut self, n: u32) -> u32 {
        self.trainer.step(u64::from(n)) as u32
    }

    /// How many iterations the page's first `step` call of this run should
    /// ask for ([`Trainer::first_chunk`]: a bounded amount of work).
    #[wasm_bindgen(js_name = firstChunk)]
    pub fn first_chunk(&self) -> u32 {
        self.trainer.first_chunk() as u32
    }

    /// Starts the same run again from iteration 0.
    pub fn reset(&mut self) -> Result<(), JsError> {
        self.trainer = Trainer::new(self.config.clone()).map_err(js)?;
        self.trainer.record_views(Recording::LIVE);
        Ok(())
    }

    /// `{iteration, iters, status, divergedAt, cost, costText, ...}`: see
    /// [`Snapshot`].
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        Ok(self.snapshot_data().serialize(&serializer())?)
    }

    /// `"training"`, `"done"` or `"diverged"`: whether the run goes on.
    pub fn status(&self) -> String {
        self.trainer.status().name().into()
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
        self.config.hidden.iter().map(|&h| h as u32).collect()
    }

    /// Every link key's current value as text (`{data: "circles", lr: "0.01",
    /// dataSeed: "", ...}`), for the form controls.
    pub fn values(&self) -> Result<JsValue, JsError> {
        let map: std::collections::BTreeMap<&str, String> =
            edit::values(&self.config, &self.view).into_iter().collect();
        Ok(map.serialize(&serializer())?)
    }

    /// The canonical query with one key changed (see [`edit::query_with`]).
    #[wasm_bindgen(js_name = withKey)]
    pub fn with_key(&self, key: &str, value: &str) -> Result<String, JsError> {
        edit::query_with(&self.config, &self.view, key, value).map_err(js)
    }

    /// The query of a preset, keeping the view settings, with `play=1`.
    #[wasm_bindgen(js_name = withPreset)]
    pub fn with_preset(&self, name: &str) -> Result<String, JsError> {
        edit::query_with_preset(&self.view, name).map_err(js)
    }

    /// The query with the hidden layers edited: `add`, `remove`, `inc`, `dec`.
    #[wasm_bindgen(js_name = withLayers)]
    pub fn with_layers(&self, action: &str, index: u32) -> Result<String, JsError> {
        edit::query_with_layers(&self.config, &self.view, action, index as usize).map_err(js)
    }

    /// The query with the course's recorded data.
    #[wasm_bindgen(js_name = withCourseData)]
    pub fn with_course_data(&self) -> Result<String, JsError> {
        edit::query_with_course_data(&self.config, &self.view).map_err(js)
    }

    /// Compare mode's three runs, `[{query, name, title}]` (`[]` for the
    /// gradient check): see [`compare::compare_runs`].
    #[wasm_bindgen(js_name = compareRuns)]
    pub fn compare_runs(&self) -> Result<JsValue, JsError> {
        let runs = compare::compare_runs(&self.config, &self.view);
        Ok(runs.serialize(&serializer())?)
    }
}

pub(crate) fn js_err(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn a_lab_keeps_its_link() {
        let lab = Lab::from_query("#?preset=init-he&play=1").unwrap();
        assert_eq!(lab.query, "preset=init-he&play=1");
        assert!(lab.warnings.is_empty());
        let s = lab.snapshot_data();
        assert!(s.play && s.expected.is_some());
        assert_eq!(lab.status(), "training");
    }

    #[wasm_bindgen_test(unsupported = test)]
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
        assert!(!lab.adopt_query("preset=init-he&lr=0.02").unwrap());
        assert!(lab.adopt_query("lr=abc").is_err());
        assert_eq!(lab.query, "preset=init-he&showTest=1&logCost=1");
    }
}
