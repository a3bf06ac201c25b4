//! The link keys: one declarative table ([`KEYS`]). Each row holds
//! everything about a key ([`Key`]): its name, a short label, one line of
//! help, its kind, group, range and the field it sets (in the configuration
//! or in the page's view); its choices and whether it may be absent follow
//! from that field's type. The parser, the serializer, `nnlab keys`,
//! [`Config::validate`]'s ranges and the page's controls are all read from
//! it: adding a key is one row plus its field.

pub use crate::config::key::{Group, Key, Kind, Range};
pub use crate::config::key_info::KeyInfo;

use crate::config::classroom::Names;
use crate::config::key::{Field, Slot};
use crate::config::limits::*;
use crate::config::{Config, View};

/// The key named `name`.
pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// The slot of `Config`'s field `$f` (or `View`'s, with `view`).
macro_rules! field {
    ($f:ident) => {
        Slot::Config(&Field::<Config, _> {
            get: |c| &c.$f,
            get_mut: |c| &mut c.$f,
        })
    };
    (view $f:ident) => {
        Slot::View(&Field::<View, _> {
            get: |v| &v.$f,
            get_mut: |v| &mut v.$f,
        })
    };
    (classroom $f:ident: $t:ty) => {
        Slot::View(&Field::<View, $t> {
            get: |v| &v.classroom.$f,
            get_mut: |v| &mut v.classroom.$f,
        })
    };
}

/// The defaults of a row: no range, no length. Every row sets its own name,
/// label, help and slot (the slot here is a placeholder; a row that kept it
/// would fail the round-trip test below).
const ROW: Key = Key {
    name: "",
    kind: Kind::Number,
    group: Group::Data,
    range: None,
    length: None,
    slot: field!(lr),
};

/// Every key of the link format, in the order the serializer writes them
/// (each group's keys together, groups in page order). A `static`, so that every crate
/// shares its one copy (a `const` table was copied into each crate that used it: 3.6 kB
/// twice in the page's wasm).
pub static KEYS: &[Key] = &[
    Key {
        name: "data",
        kind: Kind::Choice,
        slot: field!(data),
        ..ROW
    },
    Key {
        name: "problem",
        kind: Kind::Choice,
        slot: field!(problem),
        ..ROW
    },
    Key {
        name: "dataSeed",
        kind: Kind::Seed,
        slot: field!(data_seed),
        ..ROW
    },
    Key {
        name: "n",
        kind: Kind::Count,
        range: Some(Range::counting(
            MIN_POINTS as f64,
            MAX_POINTS as f64,
            "unit-points",
        )),
        slot: field!(n),
        ..ROW
    },
    Key {
        name: "noise",
        range: Some(Range::closed(0.0, MAX_NOISE)),
        slot: field!(noise),
        ..ROW
    },
    Key {
        name: "testFrac",
        range: Some(Range::above(0.0, MAX_TEST_FRAC)),
        slot: field!(test_frac),
        ..ROW
    },
    Key {
        name: "normalize",
        kind: Kind::Flag,
        slot: field!(normalize),
        ..ROW
    },
    Key {
        name: "features",
        kind: Kind::Names,
        slot: field!(features),
        ..ROW
    },
    Key {
        name: "points",
        kind: Kind::Points,
        slot: field!(points),
        ..ROW
    },
    Key {
        name: "layers",
        kind: Kind::List,
        group: Group::Network,
        range: Some(Range::counting(
            1.0,
            MAX_WIDTH as f64,
            "unit-units-per-layer",
        )),
        length: Some(Range::counting(
            1.0,
            MAX_HIDDEN_LAYERS as f64,
            "unit-hidden-layers",
        )),
        slot: field!(hidden),
    },
    Key {
        name: "init",
        kind: Kind::Choice,
        group: Group::Network,
        slot: field!(init),
        ..ROW
    },
    Key {
        name: "act",
        kind: Kind::Choice,
        group: Group::Network,
        slot: field!(act),
        ..ROW
    },
    Key {
        name: "scale",
        group: Group::Network,
        range: Some(Range::closed(0.0, MAX_SCALE)),
        slot: field!(scale),
        ..ROW
    },
    Key {
        name: "seed",
        kind: Kind::Seed,
        group: Group::Network,
        slot: field!(seed),
        ..ROW
    },
    Key {
        name: "lr",
        group: Group::Training,
        range: Some(Range::above(0.0, MAX_LR)),
        slot: field!(lr),
        ..ROW
    },
    Key {
        name: "iters",
        kind: Kind::Count,
        group: Group::Training,
        range: Some(Range::closed(1.0, MAX_ITERS as f64)),
        slot: field!(iters),
        ..ROW
    },
    Key {
        name: "opt",
        kind: Kind::Choice,
        group: Group::Training,
        slot: field!(opt),
        ..ROW
    },
    Key {
        name: "beta",
        group: Group::Training,
        range: Some(Range::closed(0.0, 1.0)),
        slot: field!(beta),
        ..ROW
    },
    Key {
        name: "beta1",
        group: Group::Training,
        range: Some(Range::closed(0.0, 1.0)),
        slot: field!(beta1),
        ..ROW
    },
    Key {
        name: "beta2",
        group: Group::Training,
        range: Some(Range::closed(0.0, 1.0)),
        slot: field!(beta2),
        ..ROW
    },
    Key {
        name: "epsilon",
        group: Group::Training,
        range: Some(Range::above(0.0, 1.0)),
        slot: field!(epsilon),
        ..ROW
    },
    Key {
        name: "batch",
        kind: Kind::Count,
        group: Group::Training,
        range: Some(Range::counting(0.0, MAX_POINTS as f64, "unit-examples")),
        slot: field!(batch),
        ..ROW
    },
    Key {
        name: "batchSeed",
        kind: Kind::Seed,
        group: Group::Training,
        slot: field!(batch_seed),
        ..ROW
    },
    Key {
        name: "lambda",
        group: Group::Regularization,
        range: Some(Range::closed(0.0, MAX_LAMBDA)),
        slot: field!(lambda),
        ..ROW
    },
    Key {
        name: "l1",
        group: Group::Regularization,
        range: Some(Range::closed(0.0, MAX_LAMBDA)),
        slot: field!(l1),
        ..ROW
    },
    Key {
        name: "keep",
        group: Group::Regularization,
        range: Some(Range::above(0.0, 1.0)),
        slot: field!(keep),
        ..ROW
    },
    Key {
        name: "mask",
        kind: Kind::Choice,
        group: Group::Regularization,
        slot: field!(mask),
        ..ROW
    },
    Key {
        name: "dropSeed",
        kind: Kind::Seed,
        group: Group::Regularization,
        slot: field!(drop_seed),
        ..ROW
    },
    Key {
        name: "bugs",
        kind: Kind::Choice,
        group: Group::Gradcheck,
        slot: field!(bugs),
        ..ROW
    },
    Key {
        name: "eps",
        group: Group::Gradcheck,
        range: Some(Range::closed(MIN_EPS, MAX_EPS)),
        slot: field!(eps),
        ..ROW
    },
    Key {
        name: "play",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view play),
        ..ROW
    },
    Key {
        name: "compare",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view compare),
        ..ROW
    },
    Key {
        name: "showTest",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view show_test),
        ..ROW
    },
    Key {
        name: "logCost",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view log_cost),
        ..ROW
    },
    Key {
        name: "discrete",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view discrete),
        ..ROW
    },
    Key {
        name: "lang",
        kind: Kind::Choice,
        group: Group::View,
        slot: field!(view lang),
        ..ROW
    },
    Key {
        name: "lock",
        kind: Kind::Names,
        group: Group::Classroom,
        slot: field!(classroom lock: Names),
        ..ROW
    },
    Key {
        name: "hide",
        kind: Kind::Names,
        group: Group::Classroom,
        slot: field!(classroom hide: Names),
        ..ROW
    },
    Key {
        name: "task",
        kind: Kind::Text,
        group: Group::Classroom,
        slot: field!(classroom task: String),
        ..ROW
    },
    Key {
        name: "quiz",
        kind: Kind::Flag,
        group: Group::Classroom,
        slot: field!(classroom quiz: bool),
        ..ROW
    },
    Key {
        name: "embed",
        kind: Kind::Flag,
        group: Group::Classroom,
        slot: field!(classroom embed: bool),
        ..ROW
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link;

    /// Three own points in the link's encoding.
    fn own_points() -> String {
        crate::data::points::Points::new(
            &[[0.0, 1.0], [2.0, 3.0], [4.0, 1.0]],
            &[true, false, true],
            None,
            0.25,
            1,
        )
        .unwrap()
        .encode()
    }

    /// `key=value` in a canonical link with what the key needs: own
    /// points their data kind, `testFrac` own points, regression numeric labels.
    fn with_needs(key: &Key, value: &str) -> String {
        match key.name {
            "points" => format!("data=custom&points={value}"),
            "problem" => format!("data=plane&problem={value}"),
            "testFrac" => format!("data=custom&testFrac={value}&points={}", own_points()),
            name => format!("{name}={value}"),
        }
    }

    /// Values to try for a key, from its kind, choices and range.
    fn candidates(key: &Key) -> Vec<String> {
        let mid = key.range.map(|r| (r.min + r.max) / 2.0);
        match key.kind {
            Kind::Choice => key.choices(),
            Kind::Number => vec![mid.unwrap_or(0.5).to_string()],
            Kind::Count => vec![mid.unwrap_or(7.0).round().to_string(), "7".into()],
            Kind::Seed => vec!["12345".into()],
            Kind::Flag => vec!["1".into(), "0".into()],
            Kind::List => vec!["3,4".into()],
            Kind::Text => vec!["hello".into()],
            Kind::Names => vec!["data,lr".into(), "x1x2,sinx1".into()],
            Kind::Points => vec![own_points()],
        }
    }

    #[test]
    fn every_key_round_trips_a_value_other_than_the_default() {
        let (config, view) = (Config::default(), View::default());
        for key in KEYS {
            let default = key.value(&config, &view);
            let value = candidates(key)
                .into_iter()
                .find(|v| Some(v) != default.as_ref() && link::parse(&with_needs(key, v)).is_ok())
                .unwrap_or_else(|| panic!("{}: no other valid value", key.name));
            let query = with_needs(key, &value);
            let parsed = link::parse(&query).unwrap();
            assert_eq!(
                key.value(&parsed.config, &parsed.view),
                Some(value.clone()),
                "{query}"
            );
            assert_eq!(parsed.query(), query);
            let again = link::parse(&parsed.query()).unwrap();
            assert_eq!(
                (again.config, again.view),
                (parsed.config, parsed.view),
                "{query}"
            );
        }
    }

    #[test]
    fn every_row_is_consistent() {
        let (config, view) = (Config::default(), View::default());
        for key in KEYS {
            assert!(key.field_kinds().contains(&key.kind), "{}", key.name);
            assert_eq!(
                key.is_view(),
                matches!(key.group, Group::View | Group::Classroom),
                "{}",
                key.name
            );
            assert_eq!(
                key.kind == Kind::Choice,
                !key.choices().is_empty(),
                "{}",
                key.name
            );
            assert_eq!(key.kind == Kind::List, key.length.is_some(), "{}", key.name);
            // Optional keys are absent by default (absent = the course's data).
            assert_eq!(
                key.optional(),
                key.value(&config, &view).is_none(),
                "{}",
                key.name
            );
            assert!(
                !key.label().starts_with("key-") && !key.help().starts_with("key-"),
                "{}",
                key.name
            );
            assert_eq!(KEYS.iter().filter(|k| k.name == key.name).count(), 1);
        }
        // Groups come in page order, each one's keys together.
        let mut groups: Vec<Group> = KEYS.iter().map(|k| k.group).collect();
        groups.dedup();
        let mut once = groups.clone();
        once.sort_by_key(|g| *g as u8);
        once.dedup();
        assert_eq!(groups, once);
    }

    #[test]
    fn ranges_read_as_before() {
        let allowed = |name: &str| {
            let k = key(name).unwrap();
            k.range.unwrap().describe(k.name, k.kind)
        };
        assert_eq!(allowed("lr"), "0 < lr <= 1000");
        assert_eq!(allowed("eps"), "1e-12 <= eps <= 0.1");
        assert_eq!(allowed("iters"), "1 to 1000000");
        assert_eq!(allowed("n"), "2 to 2000 points");
        assert_eq!(allowed("layers"), "1 to 64 units per layer");
        for (q, message) in [
            ("keep=0", "keep=0: out of range, allowed 0 < keep <= 1"),
            ("n=1", "n=1: out of range, allowed 2 to 2000 points"),
            (
                "layers=1,1,1,1,1,1,1",
                "layers=1,1,1,1,1,1,1: out of range, allowed 1 to 6 hidden layers",
            ),
            (
                "layers=65",
                "layers=65: out of range, allowed 1 to 64 units per layer",
            ),
            (
                "data=cats",
                "data=cats: expected circles | football | moons | xor | spiral | gauss | plane | gradcase | custom",
            ),
            ("mask=x", "mask=x: expected fixed | fresh"),
        ] {
            assert_eq!(link::parse(q).unwrap_err().to_string(), message);
        }
        assert_eq!(
            key("bugs").unwrap().choices(),
            ["none", "w2", "b1", "w2,b1"]
        );
    }
}
