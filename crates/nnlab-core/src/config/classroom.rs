//! Classroom links: what a teacher's link fixes for the students. Five keys
//! of the table ([`crate::config::keys::KEYS`], group
//! [`crate::config::key::Group::Classroom`]) hold a [`Classroom`] beside
//! the page's [`crate::config::View`]: `lock` and `hide` name keys or groups
//! (or `all`) whose controls are read-only or not shown, `task` is the
//! assignment's plain text, `quiz` asks for a guess before the answer is
//! shown, `embed` asks for the compact view. This file holds the values and
//! how the link reads and writes them; what they mean (the keys a name
//! stands for, bad values set right, the lock's guard, which quiz) is
//! [`crate::config::assignment`].

use crate::config::error::ConfigError;
use crate::config::key::{Key, Kind, Value};

/// The longest task text, in characters.
pub const MAX_TASK: usize = 1000;
/// The name that stands for every key.
pub const ALL: &str = "all";

/// What a classroom link sets (part of the [`crate::config::View`]: it never changes what
/// a run computes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Classroom {
    /// Keys or groups shown read-only (`lock=training,data`).
    pub lock: Names,
    /// Keys or groups not shown (`hide=regularization`).
    pub hide: Names,
    /// The assignment's text, shown as plain text above the lab.
    pub task: String,
    /// Guess before reveal: which parameters are wrong (a gradient check
    /// with planted bugs), else the test accuracy.
    pub quiz: bool,
    /// The compact view for an iframe.
    pub embed: bool,
}

/// A list of key names, group names or `all`, in the order given, each
/// once (as the link writes it: comma-separated).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names(pub Vec<String>);

/// What the guess-before-reveal exercise asks on a configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quiz {
    /// Which parameters' gradients are wrong (a gradient check with bugs).
    Gradients,
    /// The test accuracy, predicted before it is shown.
    Accuracy,
}

impl Quiz {
    /// `"gradients"` | `"accuracy"`.
    pub fn name(self) -> &'static str {
        match self {
            Quiz::Gradients => "gradients",
            Quiz::Accuracy => "accuracy",
        }
    }
}

impl Value for Names {
    const KINDS: &'static [Kind] = &[Kind::Names];
    /// Comma-separated names, spaces around them ignored, each kept once;
    /// unknown ones are kept here and reported by [`settle`].
    fn read(_key: &Key, text: &str) -> Result<Names, ConfigError> {
        let mut names: Vec<String> = Vec::new();
        for n in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if !names.iter().any(|m| m == n) {
                names.push(n.to_string());
            }
        }
        Ok(Names(names))
    }
    fn write(&self) -> Option<String> {
        Some(self.0.join(","))
    }
}

impl Value for String {
    const KINDS: &'static [Kind] = &[Kind::Text];
    /// Any text; [`settle`] cuts it to [`MAX_TASK`] characters.
    fn read(_key: &Key, text: &str) -> Result<String, ConfigError> {
        Ok(text.to_string())
    }
    fn write(&self) -> Option<String> {
        Some(self.clone())
    }
}
