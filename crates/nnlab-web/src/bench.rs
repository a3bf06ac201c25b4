//! Exports for `cargo xtask bench` (the wasm half; see bench/README.md).
//! The harness (Node or a page in headless Chromium) times these calls with
//! `performance.now()`: the core has no clock. Each returns a fingerprint of
//! every result bit, which must equal the native run's (same link, same bits).

use nnlab_core::run::bench;
use nnlab_core::run::regions::Regions;
use nnlab_core::{Preset, Trainer};
use wasm_bindgen::prelude::*;

/// Trains a bench case (`he`, `none`, `l2`, `dropout` or a link query, see
/// `nnlab_core::run::bench::case_config`) to the end and returns the fingerprint
/// of its weights and recorded costs.
#[wasm_bindgen(js_name = benchTrain)]
pub fn bench_train(case: &str) -> Result<String, JsError> {
    let t =
        bench::trained_case(case).map_err(|e| JsError::new(&format!("bench case {case}: {e}")))?;
    Ok(bench::fingerprint(&t))
}

/// Decision regions of the trained He network on a `size × size` grid.
#[wasm_bindgen(js_name = BenchRegions)]
pub struct BenchRegions {
    trainer: Trainer,
    regions: Regions,
}

#[wasm_bindgen(js_class = BenchRegions)]
impl BenchRegions {
    /// Trains the He preset (not part of the timed frames).
    #[wasm_bindgen(constructor)]
    pub fn new(size: usize) -> BenchRegions {
        let trainer = bench::trained(Preset::InitHe.config());
        let regions = Regions::new(size, size, trainer.split().bounds());
        BenchRegions { trainer, regions }
    }

    /// Evaluates and paints `frames` times; returns the last frame's
    /// fingerprint.
    pub fn render(&mut self, frames: usize) -> String {
        for _ in 0..frames {
            self.regions.render(self.trainer.network());
        }
        bench::pixels_fingerprint(self.regions.render(self.trainer.network()))
    }
}

/// The own-data cases (`csv2000`, `encode2000`, `decode2000`), inputs built
/// once; `run(case, reps)` returns the last run's fingerprint.
#[wasm_bindgen(js_name = BenchOwnData)]
pub struct BenchOwnData(bench::OwnData);

#[wasm_bindgen(js_class = BenchOwnData)]
impl BenchOwnData {
    #[wasm_bindgen(constructor)]
    pub fn new() -> BenchOwnData {
        BenchOwnData(bench::OwnData::default())
    }

    pub fn run(&self, case: &str, reps: usize) -> Result<String, JsError> {
        let run = || self.0.run(case).map_err(|e| JsError::new(&e));
        (1..reps).try_for_each(|_| run().map(drop))?;
        run()
    }
}
