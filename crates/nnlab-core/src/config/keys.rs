//! The link keys: one declarative table ([`KEYS`]). Each row holds
//! everything about a key: its name, a short label, one line of help, its
//! kind, group, range and whether it belongs to the configuration or to the
//! page's view; its choices and whether it may be absent follow from the
//! type of the field it sets. The parser, the serializer, `nnlab keys`,
//! [`crate::config::Config::validate`]'s ranges and the page's controls are
//! all read from it: adding a key is one row plus its field.

use crate::config::error::ConfigError;
use crate::config::limits::*;
use crate::config::{Config, Named, View};
use crate::model::network::PlantedBugs;

/// How a key's value is written, and which control the page gives it
/// (serialized as its [`Kind::name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "lowercase")
)]
pub enum Kind {
    /// A finite number (`0.01`).
    Number,
    /// A whole number from 0 to 2³² − 1 (`15000`).
    Count,
    /// A NumPy seed, 0 to 2³² − 1 (the page offers a fresh one).
    Seed,
    /// `1` or `0`.
    Flag,
    /// One of the key's choices.
    Choice,
    /// A comma-separated list of whole numbers (`10,5`).
    List,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Count => "count",
            Kind::Seed => "seed",
            Kind::Flag => "flag",
            Kind::Choice => "choice",
            Kind::List => "list",
        }
    }
}

/// Where a key's control sits on the page (and in `nnlab keys`);
/// serialized as its [`Group::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "lowercase")
)]
pub enum Group {
    Data,
    Network,
    Training,
    Regularization,
    Gradcheck,
    View,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Data => "data",
            Group::Network => "network",
            Group::Training => "training",
            Group::Regularization => "regularization",
            Group::Gradcheck => "gradcheck",
            Group::View => "view",
        }
    }

    /// The group's heading.
    pub fn title(self) -> &'static str {
        match self {
            Group::Data => "Data",
            Group::Network => "Network",
            Group::Training => "Training",
            Group::Regularization => "Regularization",
            Group::Gradcheck => "Gradient checking",
            Group::View => "View",
        }
    }
}

/// The allowed values of a number, a count, or each item of a list:
/// `min` (excluded when `min_open`) to `max` (included).
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct Range {
    pub min: f64,
    pub min_open: bool,
    pub max: f64,
    /// What a whole number counts, for messages (`2 to 2000 points`).
    pub unit: &'static str,
}

impl Range {
    const fn closed(min: f64, max: f64) -> Range {
        Range::counting(min, max, "")
    }

    const fn above(min: f64, max: f64) -> Range {
        Range {
            min_open: true,
            ..Range::closed(min, max)
        }
    }

    const fn counting(min: f64, max: f64, unit: &'static str) -> Range {
        Range {
            min,
            min_open: false,
            max,
            unit,
        }
    }

    /// Whether `v` is finite and in the range.
    pub fn contains(&self, v: f64) -> bool {
        let above_min = if self.min_open {
            v > self.min
        } else {
            v >= self.min
        };
        v.is_finite() && above_min && v <= self.max
    }

    /// The range in words: `0 < lr <= 1000` for a number, `2 to 2000 points`
    /// for whole numbers.
    pub fn describe(&self, key: &str, kind: Kind) -> String {
        if kind == Kind::Number {
            let op = if self.min_open { "<" } else { "<=" };
            format!("{} {op} {key} <= {}", self.min, self.max)
        } else if self.unit.is_empty() {
            format!("{} to {}", self.min, self.max)
        } else {
            format!("{} to {} {}", self.min, self.max, self.unit)
        }
    }
}

/// One key of the link format.
pub struct Key {
    pub name: &'static str,
    /// A short human name (the page's control label).
    pub label: &'static str,
    /// One line for `nnlab keys` and the page's tooltips.
    pub help: &'static str,
    pub kind: Kind,
    pub group: Group,
    /// The allowed values ([`Config::validate`] checks them); for a list, of
    /// each item.
    pub range: Option<Range>,
    /// For a list: how many items.
    pub length: Option<Range>,
    slot: Slot,
}

/// The field a key reads and writes: in the configuration, or in the view.
#[derive(Clone, Copy)]
enum Slot {
    Config(&'static dyn Access<Config>),
    View(&'static dyn Access<View>),
}

impl Key {
    /// The value the key has, as the link writes it (`None` for an absent
    /// optional key).
    pub fn value(&self, config: &Config, view: &View) -> Option<String> {
        match self.slot {
            Slot::Config(a) => a.text(config),
            Slot::View(a) => a.text(view),
        }
    }

    /// Sets the key from a link value (the parser's checks for this one key;
    /// [`Config::validate`] checks the whole).
    pub fn set(&self, config: &mut Config, view: &mut View, text: &str) -> Result<(), ConfigError> {
        match self.slot {
            Slot::Config(a) => a.read(self, config, text),
            Slot::View(a) => a.read(self, view, text),
        }
    }

    /// Removes an optional key (absent = the course's recorded data); false
    /// for a key that cannot be absent.
    pub fn clear(&self, config: &mut Config, view: &mut View) -> bool {
        match self.slot {
            Slot::Config(a) => a.clear(config),
            Slot::View(a) => a.clear(view),
        }
    }

    /// Whether the key may be absent (`dataSeed`, `n`, `noise`: absent = the
    /// course's data).
    pub fn optional(&self) -> bool {
        match self.slot {
            Slot::Config(a) => a.optional(),
            Slot::View(a) => a.optional(),
        }
    }

    /// A choice's values, as the link writes them.
    pub fn choices(&self) -> Vec<String> {
        match self.slot {
            Slot::Config(a) => a.choices(),
            Slot::View(a) => a.choices(),
        }
    }

    /// How the page shows a run (`play`, `compare`, `showTest`, `logCost`),
    /// not what it computes.
    pub fn is_view(&self) -> bool {
        matches!(self.slot, Slot::View(_))
    }

    /// Checks the key's range (and a list's length) in `config`: an
    /// [`ConfigError::OutOfRange`] naming the key and its value.
    pub fn check(&self, config: &Config) -> Result<(), ConfigError> {
        let Slot::Config(a) = self.slot else {
            return Ok(());
        };
        let numbers = a.numbers(config);
        let bad = |range: &Range| ConfigError::OutOfRange {
            key: self.name.into(),
            value: a.text(config).unwrap_or_default(),
            allowed: range.describe(self.name, self.kind),
        };
        if let Some(length) = &self.length {
            if !length.contains(numbers.len() as f64) {
                return Err(bad(length));
            }
        }
        match &self.range {
            Some(range) if numbers.iter().any(|&v| !range.contains(v)) => Err(bad(range)),
            _ => Ok(()),
        }
    }

    /// The kinds the key's field can be read as (a table test checks that
    /// `kind` is one of them).
    pub fn field_kinds(&self) -> &'static [Kind] {
        match self.slot {
            Slot::Config(a) => a.kinds(),
            Slot::View(a) => a.kinds(),
        }
    }
}

/// The key named `name`.
pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// A field of `H` behind a key, through its type's [`Value`].
trait Access<H> {
    fn text(&self, host: &H) -> Option<String>;
    fn read(&self, key: &Key, host: &mut H, text: &str) -> Result<(), ConfigError>;
    fn clear(&self, host: &mut H) -> bool;
    fn optional(&self) -> bool;
    fn choices(&self) -> Vec<String>;
    fn numbers(&self, host: &H) -> Vec<f64>;
    fn kinds(&self) -> &'static [Kind];
}

struct Field<H, T> {
    get: fn(&H) -> &T,
    get_mut: fn(&mut H) -> &mut T,
}

impl<H, T: Value> Access<H> for Field<H, T> {
    fn text(&self, host: &H) -> Option<String> {
        (self.get)(host).write()
    }
    fn read(&self, key: &Key, host: &mut H, text: &str) -> Result<(), ConfigError> {
        *(self.get_mut)(host) = T::read(key, text)?;
        Ok(())
    }
    fn clear(&self, host: &mut H) -> bool {
        T::absent().map(|v| *(self.get_mut)(host) = v).is_some()
    }
    fn optional(&self) -> bool {
        T::absent().is_some()
    }
    fn choices(&self) -> Vec<String> {
        T::choices()
    }
    fn numbers(&self, host: &H) -> Vec<f64> {
        (self.get)(host).numbers()
    }
    fn kinds(&self) -> &'static [Kind] {
        T::KINDS
    }
}

/// A type a key's field has: how the link reads and writes it.
trait Value: Sized {
    const KINDS: &'static [Kind];
    /// Parses a link value; errors name `key.name` and the text.
    fn read(key: &Key, text: &str) -> Result<Self, ConfigError>;
    /// The link's text (`None`: absent).
    fn write(&self) -> Option<String>;
    /// The numbers a range checks.
    fn numbers(&self) -> Vec<f64> {
        Vec::new()
    }
    fn choices() -> Vec<String> {
        Vec::new()
    }
    /// The absent value of an optional field (`None` for the others).
    fn absent() -> Option<Self> {
        None
    }
}

fn invalid(key: &Key, text: &str, expected: &str) -> ConfigError {
    ConfigError::Invalid {
        key: key.name.into(),
        value: text.into(),
        expected: expected.into(),
    }
}

/// A whole number that fits in `u32` (counts, with surrounding spaces;
/// seeds, without).
fn whole(key: &Key, text: &str) -> Result<u32, ConfigError> {
    match key.kind {
        Kind::Seed => text
            .parse()
            .map_err(|_| invalid(key, text, "a seed from 0 to 4294967295")),
        _ => text
            .trim()
            .parse()
            .map_err(|_| invalid(key, text, "a whole number")),
    }
}

impl Value for f64 {
    const KINDS: &'static [Kind] = &[Kind::Number];
    fn read(key: &Key, text: &str) -> Result<f64, ConfigError> {
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            Ok(_) => Err(invalid(key, text, "a finite number")),
            Err(_) => Err(invalid(key, text, "a number")),
        }
    }
    /// The shortest form that parses back to the same bits.
    fn write(&self) -> Option<String> {
        Some(format!("{self}"))
    }
    fn numbers(&self) -> Vec<f64> {
        vec![*self]
    }
}

impl Value for u32 {
    const KINDS: &'static [Kind] = &[Kind::Seed, Kind::Count];
    fn read(key: &Key, text: &str) -> Result<u32, ConfigError> {
        whole(key, text)
    }
    fn write(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl Value for u64 {
    const KINDS: &'static [Kind] = &[Kind::Count];
    fn read(key: &Key, text: &str) -> Result<u64, ConfigError> {
        whole(key, text).map(u64::from)
    }
    fn write(&self) -> Option<String> {
        Some(self.to_string())
    }
    fn numbers(&self) -> Vec<f64> {
        vec![*self as f64]
    }
}

impl Value for usize {
    const KINDS: &'static [Kind] = &[Kind::Count];
    fn read(key: &Key, text: &str) -> Result<usize, ConfigError> {
        whole(key, text).map(|v| v as usize)
    }
    fn write(&self) -> Option<String> {
        Some(self.to_string())
    }
    fn numbers(&self) -> Vec<f64> {
        vec![*self as f64]
    }
}

impl Value for bool {
    const KINDS: &'static [Kind] = &[Kind::Flag];
    fn read(key: &Key, text: &str) -> Result<bool, ConfigError> {
        match text {
            "1" | "true" | "" => Ok(true),
            "0" | "false" => Ok(false),
            _ => Err(invalid(key, text, "1 or 0")),
        }
    }
    fn write(&self) -> Option<String> {
        Some((if *self { "1" } else { "0" }).into())
    }
}

impl<T: Named> Value for T {
    const KINDS: &'static [Kind] = &[Kind::Choice];
    fn read(key: &Key, text: &str) -> Result<T, ConfigError> {
        T::from_name(key.name, text)
    }
    fn write(&self) -> Option<String> {
        Some(self.name().into())
    }
    fn choices() -> Vec<String> {
        T::ALL.iter().map(|t| t.name().into()).collect()
    }
}

impl Value for PlantedBugs {
    const KINDS: &'static [Kind] = &[Kind::Choice];
    /// A comma list of `w2`, `b1` in any order; empty or `none`: no bug.
    fn read(key: &Key, text: &str) -> Result<PlantedBugs, ConfigError> {
        let mut bugs = PlantedBugs::default();
        for part in text
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "none")
        {
            match part {
                "w2" => bugs.w2 = true,
                "b1" => bugs.b1 = true,
                _ => return Err(invalid(key, text, "a comma list of w2, b1")),
            }
        }
        Ok(bugs)
    }
    fn write(&self) -> Option<String> {
        let planted: Vec<&str> = [(self.w2, "w2"), (self.b1, "b1")]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| *name)
            .collect();
        Some(if planted.is_empty() {
            "none".into()
        } else {
            planted.join(",")
        })
    }
    /// No bug, each alone, both.
    fn choices() -> Vec<String> {
        [(false, false), (true, false), (false, true), (true, true)]
            .iter()
            .filter_map(|&(w2, b1)| PlantedBugs { w2, b1 }.write())
            .collect()
    }
}

impl Value for Vec<usize> {
    const KINDS: &'static [Kind] = &[Kind::List];
    fn read(key: &Key, text: &str) -> Result<Vec<usize>, ConfigError> {
        const EXPECTED: &str = "hidden layer sizes such as 10,5";
        let text = text.trim();
        if text.is_empty() {
            return Err(invalid(key, text, EXPECTED));
        }
        let parts: Vec<&str> = text.split(',').collect();
        if let Some(length) = key.length.filter(|l| parts.len() as f64 > l.max) {
            return Err(ConfigError::OutOfRange {
                key: key.name.into(),
                value: text.into(),
                allowed: length.describe(key.name, key.kind),
            });
        }
        parts
            .iter()
            .map(|p| p.trim().parse::<u32>().map(|h| h as usize))
            .collect::<Result<_, _>>()
            .map_err(|_| invalid(key, text, EXPECTED))
    }
    fn write(&self) -> Option<String> {
        let items: Vec<String> = self.iter().map(|h| h.to_string()).collect();
        Some(items.join(","))
    }
    fn numbers(&self) -> Vec<f64> {
        self.iter().map(|&h| h as f64).collect()
    }
}

impl<T: Value> Value for Option<T> {
    const KINDS: &'static [Kind] = T::KINDS;
    fn read(key: &Key, text: &str) -> Result<Option<T>, ConfigError> {
        T::read(key, text).map(Some)
    }
    fn write(&self) -> Option<String> {
        self.as_ref().and_then(T::write)
    }
    fn numbers(&self) -> Vec<f64> {
        self.as_ref().map(T::numbers).unwrap_or_default()
    }
    fn choices() -> Vec<String> {
        T::choices()
    }
    fn absent() -> Option<Option<T>> {
        Some(None)
    }
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
        Slot::View(&Field::<View, bool> {
            get: |v| &v.$f,
            get_mut: |v| &mut v.$f,
        })
    };
}

/// A row of the table (ranges and lengths default to none).
const ROW: Key = Key {
    name: "",
    label: "",
    help: "",
    kind: Kind::Number,
    group: Group::Data,
    range: None,
    length: None,
    slot: field!(lr),
};

/// Every key of the link format, in the order the serializer writes them
/// (each group's keys together, groups in page order).
pub const KEYS: &[Key] = &[
    Key {
        name: "data",
        label: "data set",
        help: "the points to train on",
        kind: Kind::Choice,
        slot: field!(data),
        ..ROW
    },
    Key {
        name: "dataSeed",
        label: "data seed",
        help: "seed of generated data (circles and football without it are the course's points)",
        kind: Kind::Seed,
        slot: field!(data_seed),
        ..ROW
    },
    Key {
        name: "n",
        label: "points",
        help: "number of generated training points",
        kind: Kind::Count,
        range: Some(Range::counting(
            MIN_POINTS as f64,
            MAX_POINTS as f64,
            "points",
        )),
        slot: field!(n),
        ..ROW
    },
    Key {
        name: "noise",
        label: "noise",
        help: "noise of generated data",
        range: Some(Range::closed(0.0, MAX_NOISE)),
        slot: field!(noise),
        ..ROW
    },
    Key {
        name: "layers",
        label: "hidden layers",
        help: "hidden layer sizes, comma-separated (10,5)",
        kind: Kind::List,
        group: Group::Network,
        range: Some(Range::counting(1.0, MAX_WIDTH as f64, "units per layer")),
        length: Some(Range::counting(
            1.0,
            MAX_HIDDEN_LAYERS as f64,
            "hidden layers",
        )),
        slot: field!(hidden),
    },
    Key {
        name: "init",
        label: "initialization",
        help: "how the weights start (case: the gradient-check lab's draw)",
        kind: Kind::Choice,
        group: Group::Network,
        slot: field!(init),
        ..ROW
    },
    Key {
        name: "scale",
        label: "random scale",
        help: "factor of random initialization",
        group: Group::Network,
        range: Some(Range::closed(0.0, MAX_SCALE)),
        slot: field!(scale),
        ..ROW
    },
    Key {
        name: "seed",
        label: "init seed",
        help: "initialization seed",
        kind: Kind::Seed,
        group: Group::Network,
        slot: field!(seed),
        ..ROW
    },
    Key {
        name: "lr",
        label: "learning rate",
        help: "the step size of gradient descent",
        group: Group::Training,
        range: Some(Range::above(0.0, MAX_LR)),
        slot: field!(lr),
        ..ROW
    },
    Key {
        name: "iters",
        label: "iterations",
        help: "iterations to run",
        kind: Kind::Count,
        group: Group::Training,
        range: Some(Range::closed(1.0, MAX_ITERS as f64)),
        slot: field!(iters),
        ..ROW
    },
    Key {
        name: "lambda",
        label: "L2 λ",
        help: "L2 regularization strength (0 = off)",
        group: Group::Regularization,
        range: Some(Range::closed(0.0, MAX_LAMBDA)),
        slot: field!(lambda),
        ..ROW
    },
    Key {
        name: "keep",
        label: "keep probability",
        help: "dropout keep probability (1 = off)",
        group: Group::Regularization,
        range: Some(Range::above(0.0, 1.0)),
        slot: field!(keep),
        ..ROW
    },
    Key {
        name: "mask",
        label: "dropout masks",
        help: "fixed (the course: same masks every iteration) | fresh (new masks every iteration)",
        kind: Kind::Choice,
        group: Group::Regularization,
        slot: field!(mask),
        ..ROW
    },
    Key {
        name: "dropSeed",
        label: "dropout seed",
        help: "dropout seed",
        kind: Kind::Seed,
        group: Group::Regularization,
        slot: field!(drop_seed),
        ..ROW
    },
    Key {
        name: "bugs",
        label: "planted bugs",
        help: "planted backprop bugs: w2, b1 (comma-separated; empty = none)",
        kind: Kind::Choice,
        group: Group::Gradcheck,
        slot: field!(bugs),
        ..ROW
    },
    Key {
        name: "eps",
        label: "ε",
        help: "gradient-checking step epsilon",
        group: Group::Gradcheck,
        range: Some(Range::closed(MIN_EPS, MAX_EPS)),
        slot: field!(eps),
        ..ROW
    },
    Key {
        name: "play",
        label: "train as soon as the link opens",
        help: "1 = start training when the link opens",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view play),
        ..ROW
    },
    Key {
        name: "compare",
        label: "compare three runs",
        help: "1 = show the lab's three runs side by side (with this link's other changes)",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view compare),
        ..ROW
    },
    Key {
        name: "showTest",
        label: "show test points",
        help: "1 = draw the test points",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view show_test),
        ..ROW
    },
    Key {
        name: "logCost",
        label: "log-scale cost",
        help: "1 = cost curve on a log scale",
        kind: Kind::Flag,
        group: Group::View,
        slot: field!(view log_cost),
        ..ROW
    },
];

/// What a page or a tool needs to show one key, as plain data.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct KeyInfo {
    pub name: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    pub group: Group,
    /// [`Group::title`]
    pub group_title: &'static str,
    pub choices: Vec<String>,
    pub range: Option<Range>,
    pub length: Option<Range>,
    pub optional: bool,
    pub view: bool,
}

impl Key {
    pub fn info(&self) -> KeyInfo {
        KeyInfo {
            name: self.name,
            label: self.label,
            help: self.help,
            kind: self.kind,
            group: self.group,
            group_title: self.group.title(),
            choices: self.choices(),
            range: self.range,
            length: self.length,
            optional: self.optional(),
            view: self.is_view(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link;

    /// Values to try for a key, from its kind, choices and range.
    fn candidates(key: &Key) -> Vec<String> {
        let mid = key.range.map(|r| (r.min + r.max) / 2.0);
        match key.kind {
            Kind::Choice => key.choices(),
            Kind::Number => vec![mid.unwrap_or(0.5).to_string()],
            Kind::Count => vec![mid.unwrap_or(7.0).round().to_string()],
            Kind::Seed => vec!["12345".into()],
            Kind::Flag => vec!["1".into(), "0".into()],
            Kind::List => vec!["3,4".into()],
        }
    }

    #[test]
    fn every_key_round_trips_a_value_other_than_the_default() {
        let (config, view) = (Config::default(), View::default());
        for key in KEYS {
            let default = key.value(&config, &view);
            let value = candidates(key)
                .into_iter()
                .find(|v| {
                    Some(v) != default.as_ref() && link::parse(&format!("{}={v}", key.name)).is_ok()
                })
                .unwrap_or_else(|| panic!("{}: no other valid value", key.name));
            let query = format!("{}={value}", key.name);
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
            assert_eq!(key.is_view(), key.group == Group::View, "{}", key.name);
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
                !key.label.is_empty() && !key.help.is_empty(),
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
        assert_eq!(allowed("eps"), "0.000000000001 <= eps <= 0.1");
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
                "data=cats: expected circles | football | moons | xor | spiral | gauss | gradcase",
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
