//! `nnlab keys`: the link format's keys (from the core's key table) and the
//! course presets.

use std::io::Write;

use nnlab_core::config::keys::{KeyInfo, Range, KEYS};
use nnlab_core::config::link::{PRESET, PRESET_HELP};
use nnlab_core::config::Preset;

use crate::error::CliError;
use nnlab_core::format::fmt_py;
use nnlab_core::format::json::Json;

/// The presets' names, in order.
fn preset_names() -> Vec<String> {
    Preset::ALL.iter().map(|p| p.name().to_string()).collect()
}

/// `preset` is read before the table's keys (it sets the base), so it is
/// not a row: a choice of the presets.
fn preset_json() -> Json {
    Json::obj([
        ("name", Json::from(PRESET)),
        ("label", PRESET.into()),
        ("help", PRESET_HELP.into()),
        ("kind", "choice".into()),
        ("choices", Json::arr(preset_names())),
        ("optional", true.into()),
        ("view", false.into()),
    ])
}

fn range_json(r: &Range) -> Json {
    Json::obj([
        ("min", Json::from(r.min)),
        ("minOpen", r.min_open.into()),
        ("max", r.max.into()),
        ("unit", r.unit_text().as_str().into()),
    ])
}

fn key_json(k: &KeyInfo) -> Json {
    let mut fields = vec![
        ("name", Json::from(k.name)),
        ("label", k.label.as_str().into()),
        ("help", k.help.as_str().into()),
        ("kind", k.kind.name().into()),
        ("group", k.group.name().into()),
        ("choices", Json::arr(k.choices.iter().map(String::as_str))),
        ("optional", k.optional.into()),
        ("view", k.view.into()),
    ];
    fields.extend(k.range.as_ref().map(|r| ("range", range_json(r))));
    fields.extend(k.length.as_ref().map(|r| ("length", range_json(r))));
    Json::obj(fields)
}

/// What a key takes, in words: `count, 2 to 2000 points, optional`.
fn takes(k: &KeyInfo) -> String {
    let mut parts = vec![k.kind.name().to_string()];
    if !k.choices.is_empty() {
        parts.push(k.choices.join(" | "));
    }
    let describe = |r: &Range| r.describe(k.name, k.kind);
    parts.extend(k.length.as_ref().map(describe));
    parts.extend(k.range.as_ref().map(describe));
    if k.optional {
        parts.push("optional".into());
    }
    parts.join(", ")
}

pub fn run(json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let infos: Vec<KeyInfo> = KEYS.iter().map(|k| k.info()).collect();
    if json {
        let keys = std::iter::once(preset_json()).chain(infos.iter().map(key_json));
        let j = Json::obj([
            ("keys", Json::Arr(keys.collect())),
            ("presets", Json::arr(preset_names())),
        ]);
        writeln!(out, "{j}")?;
        return Ok(());
    }
    let width = infos.iter().map(|k| k.name.len()).max().unwrap_or(0);
    writeln!(out, "Link keys (query: key=value&key=value):")?;
    writeln!(out, "  {PRESET:width$}  {PRESET_HELP}")?;
    writeln!(
        out,
        "  {:width$}  (choice, {})",
        "",
        preset_names().join(" | ")
    )?;
    let mut group = String::new();
    for k in &infos {
        if k.group_title != group {
            group = k.group_title.clone();
            let note = if k.view {
                " (the page's view only)"
            } else {
                ""
            };
            writeln!(out, "{group}{note}")?;
        }
        writeln!(out, "  {:width$}  {}: {}", k.name, k.label, k.help)?;
        writeln!(out, "  {:width$}  ({})", "", takes(k))?;
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
