//! One link key: what it is (name, label, help, [`Kind`], [`Group`],
//! [`Range`]; its words and plain data: [`crate::config::key_info`]) and how it reads and writes its field (through the field's
//! type: numbers, seeds, counts, flags, named choices, lists, and `Option`s
//! of them for keys that may be absent). The table of every key is
//! [`crate::config::keys::KEYS`].

use crate::config::error::ConfigError;
use crate::config::{Config, Named, View};
use crate::data::features::Features;
use crate::data::points::Points;
use crate::format::fmt_plain;
use crate::format::number::read_number;
use crate::i18n::text;
use crate::model::network::PlantedBugs;
use crate::tr;

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
    /// Free plain text (`task`).
    Text,
    /// A comma-separated list of names: keys or groups (`lock`, `hide`),
    /// input features (`features`).
    Names,
    /// Own points in nnlab's encoding ([`Points`]).
    Points,
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
            Kind::Text => "text",
            Kind::Names => "names",
            Kind::Points => "points",
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
    /// A teacher's link: locked and hidden controls, the task, the quiz,
    /// the embed view ([`crate::config::classroom`]).
    Classroom,
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
            Group::Classroom => "classroom",
        }
    }

    /// The group's heading (message `group-NAME`).
    pub fn title(self) -> String {
        crate::i18n::text(&format!("group-{}", self.name()), &[])
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
    /// What a whole number counts, for messages (`2 to 2000 points`): a
    /// message id of the catalogue (`unit-*`), empty for none.
    pub unit: &'static str,
}

impl Range {
    pub(super) const fn closed(min: f64, max: f64) -> Range {
        Range::counting(min, max, "")
    }

    pub(super) const fn above(min: f64, max: f64) -> Range {
        Range {
            min_open: true,
            ..Range::closed(min, max)
        }
    }

    pub(super) const fn counting(min: f64, max: f64, unit: &'static str) -> Range {
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

    /// What a whole number counts, in words (empty for none).
    pub fn unit_text(&self) -> String {
        match self.unit {
            "" => String::new(),
            id => text(id, &[]),
        }
    }

    /// The range in words, bounds in [`fmt_plain`] form: `0 < lr <= 1000`,
    /// `1e-12 <= eps <= 0.1` for a number, `2 to 2000 points` for whole numbers.
    pub fn describe(&self, key: &str, kind: Kind) -> String {
        let (min, max) = (fmt_plain(self.min), fmt_plain(self.max));
        if kind == Kind::Number {
            let op = if self.min_open { "<" } else { "<=" };
            format!("{min} {op} {key} <= {max}")
        } else if self.unit.is_empty() {
            tr!("range-count", min = min, max = max)
        } else {
            tr!(
                "range-count-of",
                min = min,
                max = max,
                unit = self.unit_text()
            )
        }
    }
}

/// One key of the link format.
pub struct Key {
    /// The key's name; its words are the catalogue's messages `key-NAME-label`
    /// (a short human name: the page's control label) and `key-NAME-help` (one
    /// line for `nnlab keys` and the page's tooltips).
    pub name: &'static str,
    pub kind: Kind,
    pub group: Group,
    /// The allowed values ([`Config::validate`] checks them); for a list, of
    /// each item.
    pub range: Option<Range>,
    /// For a list: how many items.
    pub length: Option<Range>,
    pub(super) slot: Slot,
}

/// The field a key reads and writes: in the configuration, or in the view.
#[derive(Clone, Copy)]
pub(super) enum Slot {
    Config(&'static (dyn Access<Config> + Sync)),
    View(&'static (dyn Access<View> + Sync)),
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

/// A field of `H` behind a key, through its type's [`Value`].
pub(super) trait Access<H> {
    fn text(&self, host: &H) -> Option<String>;
    fn read(&self, key: &Key, host: &mut H, text: &str) -> Result<(), ConfigError>;
    fn clear(&self, host: &mut H) -> bool;
    fn optional(&self) -> bool;
    fn choices(&self) -> Vec<String>;
    fn numbers(&self, host: &H) -> Vec<f64>;
    fn kinds(&self) -> &'static [Kind];
}

pub(super) struct Field<H, T> {
    pub(super) get: fn(&H) -> &T,
    pub(super) get_mut: fn(&mut H) -> &mut T,
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
pub(super) trait Value: Sized {
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

/// `key=text` is not what the key takes: message `expected` of the catalogue.
fn invalid(key: &Key, value: &str, expected: &str) -> ConfigError {
    ConfigError::Invalid {
        key: key.name.into(),
        value: value.into(),
        expected: text(expected, &[]),
    }
}

/// A whole number that fits in `u32` (counts, with surrounding spaces;
/// seeds, without).
fn whole(key: &Key, text: &str) -> Result<u32, ConfigError> {
    match key.kind {
        Kind::Seed => text.parse().map_err(|_| invalid(key, text, "expect-seed")),
        _ => text
            .trim()
            .parse()
            .map_err(|_| invalid(key, text, "expect-whole")),
    }
}

impl Value for f64 {
    const KINDS: &'static [Kind] = &[Kind::Number];
    fn read(key: &Key, text: &str) -> Result<f64, ConfigError> {
        match read_number(text) {
            Some(v) if v.is_finite() => Ok(v),
            Some(_) => Err(invalid(key, text, "expect-finite")),
            None => Err(invalid(key, text, "expect-number")),
        }
    }
    /// The shortest form that parses back to the same bits ([`fmt_plain`]:
    /// `0.02`, `1`, `1e-09`).
    fn write(&self) -> Option<String> {
        Some(fmt_plain(*self))
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
            _ => Err(invalid(key, text, "expect-flag")),
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
                _ => return Err(invalid(key, text, "expect-bugs")),
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
        const EXPECTED: &str = "expect-layers";
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

impl Value for Points {
    const KINDS: &'static [Kind] = &[Kind::Points];
    /// [`Points::decode`]; its error is the message.
    fn read(key: &Key, text: &str) -> Result<Points, ConfigError> {
        Points::decode(text).map_err(|e| ConfigError::Conflict {
            key: key.name.into(),
            value: text.into(),
            reason: e.to_string(),
        })
    }
    fn write(&self) -> Option<String> {
        Some(self.encode())
    }
}

impl Value for Features {
    const KINDS: &'static [Kind] = &[Kind::Names];
    /// [`Features::parse`]; its error is the message.
    fn read(key: &Key, text: &str) -> Result<Features, ConfigError> {
        Features::parse(text).map_err(|e| ConfigError::Conflict {
            key: key.name.into(),
            value: text.into(),
            reason: e.to_string(),
        })
    }
    fn write(&self) -> Option<String> {
        Some(self.text())
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
