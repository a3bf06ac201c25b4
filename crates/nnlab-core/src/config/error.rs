//! User errors: what a link or a command line can get wrong. Every message
//! names the key and the value it was given.

use std::fmt;

/// A bad value in a configuration. Programmer errors (wrong shapes inside
/// the core) panic instead; these never do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The value does not parse as what the key takes.
    Invalid {
        key: String,
        value: String,
        expected: String,
    },
    /// The value parses but lies outside the allowed range.
    OutOfRange {
        key: String,
        value: String,
        allowed: String,
    },
    /// The value is fine alone but not with the rest of the configuration.
    Conflict {
        key: String,
        value: String,
        reason: String,
    },
}

impl ConfigError {
    /// The key the error is about.
    pub fn key(&self) -> &str {
        match self {
            ConfigError::Invalid { key, .. }
            | ConfigError::OutOfRange { key, .. }
            | ConfigError::Conflict { key, .. } => key,
        }
    }

    /// The value as given (shortened for display).
    pub fn value(&self) -> &str {
        match self {
            ConfigError::Invalid { value, .. }
            | ConfigError::OutOfRange { value, .. }
            | ConfigError::Conflict { value, .. } => value,
        }
    }
}

pub use crate::format::shown;

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Invalid {
                key,
                value,
                expected,
            } => {
                write!(f, "{}={}: expected {expected}", shown(key), shown(value))
            }
            ConfigError::OutOfRange {
                key,
                value,
                allowed,
            } => {
                write!(
                    f,
                    "{}={}: out of range, allowed {allowed}",
                    shown(key),
                    shown(value)
                )
            }
            ConfigError::Conflict { key, value, reason } => {
                write!(f, "{}={}: {reason}", shown(key), shown(value))
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// Something in a link that was ignored, worth telling the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub key: String,
    pub value: String,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}={}: {}",
            shown(&self.key),
            shown(&self.value),
            self.message
        )
    }
}
