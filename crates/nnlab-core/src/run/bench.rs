//! The benchmark's cases and fingerprints, shared by the native harness
//! (`examples/bench.rs`) and the wasm one (the web crate's `bench.rs`) of
//! `cargo xtask bench`: one definition, so that the "same bits" column
//! compares like with like. No clock here: the harnesses time the calls.

use crate::config::{import, View};
use crate::data::csv;
use crate::data::generate::{generate_split, Shape};
use crate::data::points::Points;
use crate::run::views::Recording;
use crate::{config::link, Config, Preset, Trainer};

/// The case that trains the He lab as the page does, recording its views
/// (`run::views`, [`Recording::LIVE`]): its time over `he`'s is what the
/// views cost, and its fingerprint must be `he`'s (recording changes no bit).
pub const HE_VIEWS: &str = "he-views";

/// The He lab's network and learning rate on 2000 generated circles (1500
/// training, 500 test points, noise 0.1, seed 1), 3000 iterations:
/// `he2000`; `he2000own` trains on the same points as own points (quantized,
/// in a link).
fn he_2000() -> Config {
    Config {
        n: Some(1500),
        noise: Some(0.1),
        data_seed: Some(1),
        iters: 3000,
        ..Preset::InitHe.config()
    }
}

/// The own-data cases: reading a 2000-row CSV into points (`csv2000`),
/// writing 2000 points as link text (`encode2000`), reading them back
/// (`decode2000`).
pub const OWN_DATA_CASES: [&str; 3] = ["csv2000", "encode2000", "decode2000"];

/// The inputs of the own-data cases, built once (not timed): 2000 circles
/// points (1500 training, 500 test) as CSV, as points and as link text.
pub struct OwnData {
    csv: String,
    points: Points,
    text: String,
}

impl Default for OwnData {
    fn default() -> Self {
        let split = generate_split(Shape::Circles, 1500, 0.1, 1);
        let points = Points::from_split(&split).expect("2000 finite 2-D points");
        let csv = csv::write(points.rows(0.25, 1));
        let text = points.encode();
        OwnData { csv, points, text }
    }
}

impl OwnData {
    /// Runs one own-data case once and returns the fingerprint of its
    /// result (the link text's bytes; for `decode2000` every coordinate).
    pub fn run(&self, case: &str) -> Result<String, String> {
        let mut h = Fnv::new();
        match case {
            "csv2000" => {
                let t = csv::parse(&self.csv).map_err(|e| e.to_string())?;
                let p = Points::new(&t.points, &t.labels, t.test.as_deref(), 0.25, 1)
                    .map_err(|e| e.to_string())?;
                p.encode().bytes().for_each(|b| h.word(b.into()));
            }
            "encode2000" => self.points.encode().bytes().for_each(|b| h.word(b.into())),
            "decode2000" => {
                let p = Points::decode(&self.text).map_err(|e| e.to_string())?;
                (0..p.len()).for_each(|i| p.xy(i).iter().for_each(|v| h.word(v.to_bits())));
            }
            _ => return Err(format!("unknown own-data case {case}")),
        }
        Ok(h.hex())
    }

    /// The link text's length in characters (what 2000 points cost a link).
    pub fn link_chars(&self) -> usize {
        self.text.len()
    }
}

/// A training case's configuration: `he`, `none`, `l2`, `dropout` (the
/// course presets) or any link query (`preset=init-he&iters=500`). Anything
/// else (a name without `=`, a bad link) is an error naming the case.
pub fn case_config(case: &str) -> Result<Config, String> {
    let preset = match case {
        "he" | HE_VIEWS => Preset::InitHe,
        "none" => Preset::RegNone,
        "l2" => Preset::RegL2,
        "dropout" => Preset::RegDropout,
        "he2000" => return Ok(he_2000()),
        "he2000own" => {
            let generated = he_2000();
            let query = import::query_with_current_points(&generated, &View::default())
                .map_err(|e| format!("bench case {case}: {e}"))?;
            return case_config(&query);
        }
        _ if case.contains('=') => {
            return link::parse(case)
                .map(|p| p.config)
                .map_err(|e| format!("bench case {case}: {e}"))
        }
        _ => return Err(format!("unknown bench case {case}")),
    };
    Ok(preset.config())
}

/// A run of `config` trained to its end.
///
/// # Panics
///
/// If `config` is not a valid run (the configurations of [`case_config`]
/// are).
pub fn trained(config: Config) -> Trainer {
    let mut t = Trainer::new(config).expect("bench configurations are valid");
    t.run();
    t
}

/// The run of a case (see [`case_config`]; [`HE_VIEWS`] records its views)
/// trained to its end.
pub fn trained_case(case: &str) -> Result<Trainer, String> {
    let config = case_config(case)?;
    if case != HE_VIEWS {
        return Ok(trained(config));
    }
    let mut t = Trainer::new(config).map_err(|e| e.to_string())?;
    t.record_views(Recording::LIVE);
    t.run();
    Ok(t)
}

/// A hash (FNV-1a over 64-bit words, as 16 hex digits) of a run's
/// weights and every recorded cost: equal fingerprints, same bits.
pub fn fingerprint(t: &Trainer) -> String {
    let mut h = Fnv::new();
    for p in t.network().params() {
        p.as_slice().iter().for_each(|v| h.word(v.to_bits()));
    }
    for &(i, c) in t.history().points() {
        h.word(i);
        h.word(c.to_bits());
    }
    h.hex()
}

/// The same hash over RGBA pixels, eight bytes per word.
pub fn pixels_fingerprint(rgba: &[u8]) -> String {
    let mut h = Fnv::new();
    rgba.chunks(8)
        .for_each(|c| h.word(c.iter().fold(0u64, |a, &b| a << 8 | b as u64)));
    h.hex()
}

/// FNV-1a over 64-bit words.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_runs_apart() {
        let a = trained(case_config("preset=init-he&iters=20").unwrap());
        let b = trained(case_config("preset=init-he&iters=21").unwrap());
        assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), 16);
        assert_ne!(pixels_fingerprint(&[0; 16]), pixels_fingerprint(&[0, 1]));
        assert!(case_config("nonsense").is_err());
        assert!(case_config("lr=abc").unwrap_err().contains("lr=abc"));
        assert_eq!(case_config("he").unwrap(), Preset::InitHe.config());
    }

    #[test]
    fn own_data_cases_agree_and_train_like_generated_points() {
        let own = OwnData::default();
        assert_eq!(own.link_chars(), 11056);
        let encoded = own.run("encode2000").unwrap();
        assert_eq!(
            own.run("csv2000").unwrap(),
            encoded,
            "the CSV reads back to the same link"
        );
        assert_eq!(own.run("decode2000").unwrap().len(), 16);
        assert!(own.run("nope").is_err());
        let generated = case_config("he2000").unwrap();
        let points = case_config("he2000own").unwrap();
        assert_eq!(generated.split().train.len(), 1500);
        assert_eq!(points.split().train.len(), 1500);
        assert_eq!(points.split().test.len(), 500);
    }
}
