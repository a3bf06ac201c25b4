//! Editing a link the way the page's controls do: one key, a preset, the
//! hidden layers, back to the course's data. Every edit validates the whole
//! configuration and returns the canonical query ([`link::serialize`]); a
//! bad value is a [`ConfigError`] naming the key and the value.

use crate::config::assignment;
use crate::config::error::ConfigError;
use crate::config::import;
use crate::config::keys::{key, KEYS};
use crate::config::link::{self, PRESET};
use crate::config::{limits, Config, DataKind, InitKind, Named, Preset, View};
use crate::i18n::text;

/// Validates a configuration built by editing fields and writes its query.
pub fn canonical(config: &Config, view: &View) -> Result<String, ConfigError> {
    config.validate()?;
    Ok(link::serialize(config, view))
}

/// The canonical query with `key` set to `value` (trimmed; `preset`: see
/// [`query_with_preset`]). An empty value removes an optional key
/// (`dataSeed`, `n`, `noise`). Switching to recorded data drops the
/// generation keys, which it cannot take; switching away from the
/// gradient-check case drops its initializer.
pub fn query_with(
    config: &Config,
    view: &View,
    name: &str,
    value: &str,
) -> Result<String, ConfigError> {
    if name == PRESET {
        return query_with_preset(view, value);
    }
    let key = key(name).ok_or_else(|| ConfigError::Invalid {
        key: name.into(),
        value: value.into(),
        expected: text("expect-key", &[]),
    })?;
    let (mut c, mut v) = (config.clone(), view.clone());
    let value = value.trim();
    if !(value.is_empty() && key.clear(&mut c, &mut v)) {
        key.set(&mut c, &mut v, value)?;
    }
    if c.data != config.data {
        if c.data == DataKind::Custom && c.points.is_none() {
            return import::query_with_current_points(config, &v);
        }
        import::drop_own_points(&mut c);
        if c.data.is_recorded() {
            clear_generation(&mut c);
        }
        // The gradient-check case's initializer needs its data.
        if c.data != DataKind::Gradcase && c.init == InitKind::Case {
            c.init = InitKind::He;
        }
    }
    canonical(&c, &v)
}

/// The canonical query with several keys set at once, as `(name, value)`
/// pairs in order (the teacher's "share as assignment": task, lock, hide,
/// quiz, embed). A classroom value that [`assignment::settle`] would change
/// is an error here.
pub fn query_with_keys(
    config: &Config,
    view: &View,
    pairs: &[(String, String)],
) -> Result<String, ConfigError> {
    let (mut c, mut v) = (config.clone(), view.clone());
    for (name, value) in pairs {
        let key = key(name).ok_or_else(|| ConfigError::Invalid {
            key: name.clone(),
            value: value.clone(),
            expected: text("expect-key", &[]),
        })?;
        key.set(&mut c, &mut v, value.trim())?;
    }
    c.validate()?;
    match assignment::settle(&c, &mut v).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(link::serialize(&c, &v)),
    }
}

/// The query of preset `name`, keeping the view settings except `play`,
/// which is switched on in a training lab (one click starts it) and off for
/// the gradient check ([`crate::config::compare::Family::trains`]).
pub fn query_with_preset(view: &View, name: &str) -> Result<String, ConfigError> {
    let preset = Preset::from_name(PRESET, name)?;
    let view = View {
        play: preset.family().trains(),
        ..view.clone()
    };
    canonical(&preset.config(), &view)
}

/// The lab a link that does not open falls back to: the He preset, paused.
pub fn fallback_query() -> String {
    link::serialize(&Preset::InitHe.config(), &View::default())
}

/// The query with the hidden layers edited: `add` (a layer after the last,
/// as wide as it), `remove` (layer `index`), `inc`/`dec` (one unit more or
/// less in layer `index`).
pub fn query_with_layers(
    config: &Config,
    view: &View,
    action: &str,
    index: usize,
) -> Result<String, ConfigError> {
    let mut config = config.clone();
    let h = &mut config.hidden;
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
        _ => {
            return Err(ConfigError::Invalid {
                key: "layers".into(),
                value: format!("{action} {index}"),
                expected: text("expect-layer-edit", &[]),
            })
        }
    }
    canonical(&config, view)
}

/// The query with the course's recorded data again (no `dataSeed`, `n`,
/// `noise`).
pub fn query_with_course_data(config: &Config, view: &View) -> Result<String, ConfigError> {
    let mut config = config.clone();
    clear_generation(&mut config);
    canonical(&config, view)
}

/// Removes every optional key (the data generation's: absent = the course's
/// recorded points).
fn clear_generation(config: &mut Config) {
    let mut view = View::default();
    // Own points stay with their data kind.
    let own = config.data == DataKind::Custom;
    for key in KEYS.iter().filter(|k| !(own && k.name == "points")) {
        key.clear(config, &mut view);
    }
}

/// Every key's value as the link writes it (`""` for an absent optional
/// key), in table order: what the page's controls show.
pub fn values(config: &Config, view: &View) -> Vec<(&'static str, String)> {
    KEYS.iter()
        .map(|k| (k.name, k.value(config, view).unwrap_or_default()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::key::Group;

    fn parse(q: &str) -> (Config, View) {
        let p = link::parse(q).unwrap();
        (p.config, p.view)
    }

    fn with(q: &str, key: &str, value: &str) -> Result<String, ConfigError> {
        let (c, v) = parse(q);
        query_with(&c, &v, key, value)
    }

    #[test]
    fn every_key_has_a_value_that_parses_back() {
        for q in [
            "preset=init-he",
            "preset=reg-dropout",
            "preset=gradcheck",
            "data=moons&dataSeed=7&n=50&noise=0.3&bugs=w2,b1&showTest=1",
        ] {
            let (c, v) = parse(q);
            let query = link::serialize(&c, &v);
            for (name, value) in values(&c, &v) {
                if value.is_empty() {
                    // Absent optional keys, and the classroom's empty lists and text.
                    let k = key(name).unwrap();
                    assert!(k.optional() || k.group == Group::Classroom, "{name}");
                    continue;
                }
                assert_eq!(with(q, name, &value).unwrap(), query, "{q}: {name}={value}");
            }
        }
    }

    #[test]
    fn an_assignment_sets_several_keys() {
        let (c, v) = parse("preset=reg-l2&showTest=1");
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let q = query_with_keys(
            &c,
            &v,
            &pairs(&[
                ("task", "Why & how?\nSay."),
                ("lock", "regularization"),
                ("quiz", "1"),
            ]),
        )
        .unwrap();
        assert_eq!(
            q,
            "preset=reg-l2&showTest=1&lock=regularization&task=Why%20%26%20how%3F%0ASay.&quiz=1"
        );
        let bad = query_with_keys(&c, &v, &pairs(&[("hide", "cats")])).unwrap_err();
        assert!(bad.to_string().starts_with("hide=cats:"));
    }

    #[test]
    fn editing_keys_gives_canonical_queries() {
        let he = "preset=init-he";
        assert_eq!(with(he, "lr", "0.02").unwrap(), "preset=init-he&lr=0.02");
        assert_eq!(with(he, "lr", " 0.01 ").unwrap(), "preset=init-he");
        assert_eq!(
            with(he, "lr", "abc").unwrap_err().to_string(),
            "lr=abc: expected a number"
        );
        assert!(with(he, "lr", "1&x=2")
            .unwrap_err()
            .to_string()
            .starts_with("lr=1&x=2"));
        assert!(with(he, "nope", "1").is_err());
        let generated = with(he, "dataSeed", "42").unwrap();
        assert_eq!(generated, "preset=init-he&dataSeed=42");
        assert_eq!(with(&generated, "dataSeed", "").unwrap(), "preset=init-he");
        // Switching to recorded data drops the generation keys.
        assert_eq!(
            with(&generated, "data", "football").unwrap(),
            "preset=init-he&data=football"
        );
        // Leaving the gradient-check case drops its initializer.
        assert_eq!(
            with("preset=gradcheck", "data", "xor").unwrap(),
            "preset=gradcheck&data=xor&init=he"
        );
        // Setting init=case on other data is the user's error, not undone.
        assert!(with(he, "init", "case").is_err());
        let (c, v) = parse("preset=init-he&n=50&noise=0.1");
        assert_eq!(query_with_course_data(&c, &v).unwrap(), "preset=init-he");
    }

    #[test]
    fn presets_keep_the_view_and_play() {
        let (c, v) = parse("preset=init-he&lr=0.5&showTest=1");
        assert_eq!(
            query_with_preset(&v, "reg-l2").unwrap(),
            "preset=reg-l2&play=1&showTest=1"
        );
        assert_eq!(
            query_with(&c, &v, "preset", "init-zeros").unwrap(),
            "preset=init-zeros&play=1&showTest=1"
        );
        // The gradient check is not a run to play: its preset leaves play off.
        let (_, playing) = parse("preset=init-he&play=1");
        assert_eq!(
            query_with_preset(&playing, "gradcheck").unwrap(),
            "preset=gradcheck"
        );
        assert_eq!(fallback_query(), "preset=init-he");
        let e = query_with_preset(&v, "nope").unwrap_err().to_string();
        assert_eq!(e, "preset=nope: expected init-zeros | init-random | init-he | reg-none | reg-l2 | reg-dropout | gradcheck");
    }

    #[test]
    fn layer_edits() {
        let (c, v) = parse("preset=init-he");
        let edit = |action, i| query_with_layers(&c, &v, action, i);
        assert_eq!(edit("add", 0).unwrap(), "preset=init-he&layers=10,5,5");
        assert_eq!(edit("remove", 0).unwrap(), "preset=init-he&layers=5");
        assert_eq!(edit("inc", 1).unwrap(), "preset=init-he&layers=10,6");
        assert_eq!(edit("dec", 0).unwrap(), "preset=init-he&layers=9,5");
        assert!(edit("inc", 2).is_err());
        let (c, v) = parse("layers=1");
        assert_eq!(query_with_layers(&c, &v, "dec", 0).unwrap(), "layers=1");
        assert!(
            query_with_layers(&c, &v, "remove", 0).is_err(),
            "no hidden layer left"
        );
    }
}
