//! User errors: what a link or a command line can get wrong. Every message
//! names the key and the value it was given; the words are the catalogue's
//! (`err-*`, [`crate::i18n`]), rendered when the message is shown.

use crate::tr;
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
            } => f.write_str(&tr!(
                "err-invalid",
                key = shown(key),
                value = shown(value),
                expected = expected
            )),
            ConfigError::OutOfRange {
                key,
                value,
                allowed,
            } => f.write_str(&tr!(
                "err-out-of-range",
                key = shown(key),
                value = shown(value),
                allowed = allowed
            )),
            ConfigError::Conflict { key, value, reason } => f.write_str(&tr!(
                "err-conflict",
                key = shown(key),
                value = shown(value),
                reason = reason
            )),
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
        f.write_str(&tr!(
            "err-conflict",
            key = shown(&self.key),
            value = shown(&self.value),
            reason = self.message
        ))
    }
}
