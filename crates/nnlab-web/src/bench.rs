//! Exports for `cargo xtask bench` (the wasm half; see bench/README.md).
//! The harness (Node or a page in headless Chromium) times these calls with
//! `performance.now()`: the core has no clock. Each returns a fingerprint of
//! every result bit, which must equal the native run's (same link, same bits).

use nnlab_core::regions::Regions;
use nnlab_core::{link, Config, Preset, Trainer};
use wasm_bindgen::prelude::*;

/// FNV-1a over 64-bit words (the same hash as the native harness).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn word(&mut self, w: u64) {
        for b in w.to_le_bytes() {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// A bench case's configuration: `he`, `none`, `l2`, `dropout` (the course
/// presets) or any link query (`preset=init-he&iters=500`).
fn config(case: &str) -> Result<Config, JsError> {
    let preset = match case {
        "he" => Preset::InitHe,
        "none" => Preset::RegNone,
        "l2" => Preset::RegL2,
        "dropout" => Preset::RegDropout,
        _ => {
            return link::parse(case)
                .map(|p| p.config)
                .map_err(|e| JsError::new(&format!("bench case {case}: {e}")))
        }
    };
    Ok(preset.config())
}

fn trained(config: Config) -> Trainer {
    let mut t = Trainer::new(config).expect("bench configurations are valid");
    t.run();
    t
}

/// Trains a bench case (see [`config`]) to the end and returns the
/// fingerprint of its weights and recorded costs.
#[wasm_bindgen(js_name = benchTrain)]
pub fn bench_train(case: &str) -> Result<String, JsError> {
    let t = trained(config(case)?);
    let mut h = Fnv::new();
    for p in t.network().params() {
        p.as_slice().iter().for_each(|v| h.word(v.to_bits()));
    }
    for &(i, c) in t.history().points() {
        h.word(i);
        h.word(c.to_bits());
    }
    Ok(h.hex())
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
        let trainer = trained(Preset::InitHe.config());
        let regions = Regions::new(size, size, trainer.split().bounds());
        BenchRegions { trainer, regions }
    }

    /// Evaluates and paints `frames` times; returns the last frame's
    /// fingerprint.
    pub fn render(&mut self, frames: usize) -> String {
        for _ in 0..frames {
            self.regions.render(self.trainer.network());
        }
        let mut h = Fnv::new();
        self.regions
            .render(self.trainer.network())
            .chunks(8)
            .for_each(|c| h.word(c.iter().fold(0u64, |a, &b| a << 8 | b as u64)));
        h.hex()
    }
}
