//! The benchmark's cases and fingerprints, shared by the native harness
//! (`examples/bench.rs`) and the wasm one (the web crate's `bench.rs`) of
//! `cargo xtask bench`: one definition, so that the "same bits" column
//! compares like with like. No clock here: the harnesses time the calls.

use crate::run::views::Recording;
use crate::{config::link, Config, Preset, Trainer};

/// The case that trains the He lab as the page does, recording its views
/// (`run::views`, [`Recording::LIVE`]): its time over `he`'s is what the
/// views cost, and its fingerprint must be `he`'s (recording changes no bit).
pub const HE_VIEWS: &str = "he-views";

/// A training case's configuration: `he`, `none`, `l2`, `dropout` (the
/// course presets) or any link query (`preset=init-he&iters=500`). Anything
/// else (a name without `=`, a bad link) is an error naming the case.
pub fn case_config(case: &str) -> Result<Config, String> {
    let preset = match case {
        "he" | HE_VIEWS => Preset::InitHe,
        "none" => Preset::RegNone,
        "l2" => Preset::RegL2,
        "dropout" => Preset::RegDropout,
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
}
