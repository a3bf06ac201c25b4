//! `nnlab keys`: the link format's keys and the course presets.

use std::io::Write;

use nnlab_core::config::link::KEYS;
use nnlab_core::config::Preset;

use crate::error::CliError;
use nnlab_core::format::fmt_py;
use nnlab_core::format::json::Json;

/// What `preset` does (it is read before the table's keys, so it is not one).
const PRESET_HELP: &str = "the base configuration; every other key overrides it";

pub fn run(json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        let keys = std::iter::once(("preset", PRESET_HELP))
            .chain(KEYS.iter().map(|k| (k.name, k.help)))
            .map(|(name, help)| Json::obj([("name", Json::from(name)), ("help", help.into())]));
        let presets = Preset::ALL.iter().map(|p| p.name());
        let j = Json::obj([
            ("keys", Json::Arr(keys.collect())),
            ("presets", Json::arr(presets)),
        ]);
        writeln!(out, "{j}")?;
        return Ok(());
    }
    let width = KEYS.iter().map(|k| k.name.len()).max().unwrap_or(0);
    writeln!(out, "Link keys (query: key=value&key=value):")?;
    writeln!(out, "  {:width$}  {PRESET_HELP}", "preset")?;
    for key in KEYS {
        writeln!(out, "  {:width$}  {}", key.name, key.help)?;
    }
    writeln!(out)?;
    writeln!(out, "Presets (preset=NAME, or just NAME):")?;
    let width = Preset::ALL
        .iter()
        .map(|p| p.name().len())
        .max()
        .unwrap_or(0);
    for p in Preset::ALL {
        let course = match p.expected() {
            Some(e) => format!(
                "the course: train accuracy {}, test accuracy {}",
                fmt_py(e.train_accuracy),
                fmt_py(e.test_accuracy)
            ),
            None => "the course's gradient-check case".into(),
        };
        writeln!(out, "  {:width$}  {course}", p.name())?;
    }
    Ok(())
}
